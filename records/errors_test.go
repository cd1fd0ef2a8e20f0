package records_test

import (
	"errors"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

func full(k envelope.Kind) records.Payload { return samples.Full()[k-1] }

// TestMissingFields removes every required field of every payload from the
// bytes of a full value: the decode fails naming the field, and Validate
// refuses the decoded value (unless the field is a message whose empty value
// is valid, which the encoder always writes).
func TestMissingFields(t *testing.T) {
	type N = []wire.Number
	cases := []struct {
		kind       envelope.Kind
		path       N
		drop       N
		want       string
		decodeOnly bool
	}{
		{records.KindAnnounceLeader, nil, N{1}, "node_id", true},
		{records.KindAnnounceLeader, nil, N{3}, "partition_key_range", true},
		{records.KindVersionBarrier, nil, N{1}, "version", false},
		{records.KindPatchState, nil, N{1}, "service_id", true},
		{records.KindTerminateInvocation, nil, N{1}, "invocation_id", false},
		{records.KindTerminateInvocation, N{1}, N{2}, "invocation_id.uuid", false},
		{records.KindTerminateInvocation, nil, N{2}, "flavor", false},
		{records.KindTerminateInvocation, N{3, 1}, N{1}, "response_sink.partition_processor.caller", false},
		{records.KindTerminateInvocation, N{3, 1, 1}, N{2}, "response_sink.partition_processor.caller.uuid", false},
		{records.KindPurgeInvocation, nil, N{1}, "invocation_id", false},
		{records.KindPurgeJournal, nil, N{1}, "invocation_id", false},
		{records.KindPurgeJournal, N{2, 1}, N{1}, "response_sink.partition_processor.caller", false},
		{records.KindInvoke, nil, N{1}, "invocation_id", false},
		{records.KindInvoke, N{1}, N{2}, "invocation_id.uuid", false},
		{records.KindInvoke, nil, N{2}, "invocation_target", false},
		{records.KindInvoke, N{2}, N{4}, "invocation_target.type", false},
		{records.KindInvoke, nil, N{4}, "source", false},
		{records.KindInvoke, N{4}, N{2}, "source", false},
		{records.KindInvoke, N{4, 2}, N{1}, "source.service.caller", false},
		{records.KindInvoke, N{11, 1}, N{1}, "response_sink.partition_processor.caller", false},
		{records.KindProxyThrough, nil, N{1}, "invocation", false},
		{records.KindProxyThrough, N{1}, N{1}, "invocation.invocation_id", false},
		{records.KindProxyThrough, N{1}, N{2}, "invocation.invocation_target", false},
		{records.KindProxyThrough, N{1, 2}, N{4}, "invocation.invocation_target.type", false},
		{records.KindProxyThrough, N{1}, N{4}, "invocation.source", false},
		{records.KindAttachInvocation, nil, N{1}, "query", false},
		{records.KindAttachInvocation, N{1}, N{3}, "query", false},
		{records.KindResumeInvocation, nil, N{1}, "invocation_id", false},
		{records.KindResumeInvocation, N{3, 1}, N{1}, "response_sink.partition_processor.caller", false},
		{records.KindRestartAsNewInvocation, nil, N{1}, "invocation_id", false},
		{records.KindRestartAsNewInvocation, nil, N{2}, "new_invocation_id", false},
		{records.KindRestartAsNewInvocation, N{2}, N{2}, "new_invocation_id.uuid", false},
		{records.KindInvokerEffect, nil, N{1}, "invocation_id", false},
		{records.KindInvokerEffect, nil, N{2, 3, 4, 5, 6}, "kind", false},
		{records.KindTimer, nil, N{2, 3, 4, 5}, "value", false},
		{records.KindTimer, N{2}, N{1}, "invoke.invocation_id", false},
		{records.KindTimer, N{2}, N{2}, "invoke.invocation_target", false},
		{records.KindTimer, N{2}, N{4}, "invoke.source", false},
		{records.KindScheduleTimer, nil, N{2, 3, 4, 5}, "value", false},
		{records.KindScheduleTimer, N{3}, N{1}, "complete_journal_entry.invocation_id", false},
		{records.KindInvocationResponse, nil, N{1}, "target", false},
		{records.KindInvocationResponse, N{1}, N{1}, "target.invocation_id", false},
		{records.KindInvocationResponse, N{1, 1}, N{2}, "target.invocation_id.uuid", false},
		{records.KindInvocationResponse, nil, N{2, 3}, "result", false},
		{records.KindNotifyGetInvocationOutputResponse, nil, N{1}, "target", false},
		{records.KindNotifyGetInvocationOutputResponse, N{1}, N{1}, "target.invocation_id", false},
		{records.KindNotifyGetInvocationOutputResponse, nil, N{2, 3, 4, 5}, "result", false},
		{records.KindNotifySignal, nil, N{1}, "invocation_id", false},
		{records.KindNotifySignal, nil, N{2}, "signal", false},
		{records.KindNotifySignal, N{2}, N{1, 2}, "signal.id", false},
		{records.KindNotifySignal, N{2}, N{3, 4, 5}, "signal.result", false},
		{records.KindUpsertRuleBook, nil, N{1}, "partition_key_range", true},
	}
	for _, c := range cases {
		t.Run(c.kind.String()+"/"+c.want, func(t *testing.T) {
			b := without(t, marshal(t, full(c.kind)), c.path, c.drop...)
			for _, mode := range []wire.Mode{wire.ZeroCopy, wire.Copy} {
				p, err := decode(t, c.kind, b, mode)
				wantErr(t, err, envelope.ErrMissingField, c.want)
				if c.decodeOnly {
					continue
				}
				// The value as decoded (the check comes last) is refused.
				wantRefused(t, p, envelope.ErrMissingField, c.want)
			}
		})
	}
	// The same through the envelope: the error names the field too.
	rec := envelope.Record{Payload: full(records.KindInvoke)}
	rb, _ := rec.MarshalBinary()
	raw, _ := envelope.Parse(rb)
	raw.Payload = without(t, raw.Payload, []wire.Number{2}, 4)
	if _, err := records.Decode(&raw); !errors.Is(err, envelope.ErrMissingField) {
		t.Fatalf("records.Decode: %v", err)
	}
}

// TestMissingOnEncode: zero values of required fields are refused.
func TestMissingOnEncode(t *testing.T) {
	id := samples.ID(1, 1)
	cases := []struct {
		want string
		p    records.Payload
	}{
		{"version", &records.VersionBarrier{}},
		{"invocation_id", &records.PurgeInvocationRequest{}},
		{"invocation_id.uuid", &records.PurgeInvocationRequest{InvocationID: records.InvocationID{PartitionKey: 1}}},
		{"flavor", &records.InvocationTermination{InvocationID: id}},
		{"invocation_target", &records.ServiceInvocation{InvocationID: id, Source: records.InvocationSource{Kind: records.InvocationSourceInternal}}},
		{"invocation_target.type", &records.ServiceInvocation{InvocationID: id, InvocationTarget: records.InvocationTarget{Handler: "h"}, Source: records.InvocationSource{Kind: records.InvocationSourceInternal}}},
		{"source", &records.ServiceInvocation{InvocationID: id, InvocationTarget: records.InvocationTarget{Type: 1}}},
		{"invocation", &records.ProxyThrough{}},
		{"query", &records.AttachInvocationRequest{}},
		{"kind", &records.Effect{InvocationID: id}},
		{"value", &records.TimerKeyValue{FireAtMs: 1}},
		{"complete_journal_entry.invocation_id", &records.TimerKeyValue{ValueKind: records.TimerValueCompleteJournalEntry, JournalIndex: 1}},
		{"neo_invoke.uuid", &records.ScheduleTimer{TimerKeyValue: records.TimerKeyValue{ValueKind: records.TimerValueNeoInvoke}}},
		{"target", &records.InvocationResponse{Result: records.ResultSuccess}},
		{"result", &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: id}}},
		{"target.invocation_id", &records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{EntryIndex: 3}, Result: records.ResultNotReady}},
		{"signal", &records.NotifySignalRequest{InvocationID: id}},
		{"signal.result", &records.NotifySignalRequest{InvocationID: id, Signal: records.Signal{ID: records.SignalIDName}}},
		{"signal.id", &records.NotifySignalRequest{InvocationID: id, Signal: records.Signal{Result: records.ResultVoid}}},
		{"response_sink.partition_processor.caller", &records.ResumeInvocationRequest{InvocationID: id, ResponseSink: records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor}}},
		{"source.service.caller", &records.ServiceInvocation{InvocationID: id, InvocationTarget: records.InvocationTarget{Type: 1}, Source: records.InvocationSource{Kind: records.InvocationSourceService}}},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) { wantRefused(t, c.p, envelope.ErrMissingField, c.want) })
	}
}

const badUTF8 = "ok\xffno"

// TestUTF8 puts invalid UTF-8 in every string field: the encoder refuses it
// and, written anyway (AppendTo is unchecked), the decoder rejects it, both
// naming the field.
func TestUTF8(t *testing.T) {
	type mut func() records.Payload
	inv := func(k envelope.Kind) *records.ServiceInvocation { return full(k).(*records.ServiceInvocation) }
	cases := []struct {
		want string
		p    mut
	}{
		{"current_config.replication", func() records.Payload {
			p := full(records.KindAnnounceLeader).(*records.AnnounceLeader)
			p.CurrentConfig.Value.Replication = badUTF8
			return p
		}},
		{"human_reason", func() records.Payload {
			p := full(records.KindVersionBarrier).(*records.VersionBarrier)
			p.HumanReason.Value = badUTF8
			return p
		}},
		{"service_id.service_name", func() records.Payload {
			p := full(records.KindPatchState).(*records.ExternalStateMutation)
			p.ServiceID.ServiceName = badUTF8
			return p
		}},
		{"service_id.key", func() records.Payload {
			p := full(records.KindPatchState).(*records.ExternalStateMutation)
			p.ServiceID.Key = badUTF8
			return p
		}},
		{"version", func() records.Payload {
			p := full(records.KindPatchState).(*records.ExternalStateMutation)
			p.Version.Value = badUTF8
			return p
		}},
		{"response_sink.ingress.request_id", func() records.Payload {
			p := full(records.KindPurgeInvocation).(*records.PurgeInvocationRequest)
			p.ResponseSink.RequestID = badUTF8
			return p
		}},
		{"invocation_target.service_name", func() records.Payload {
			p := inv(records.KindInvoke)
			p.InvocationTarget.ServiceName = badUTF8
			return p
		}},
		{"invocation_target.key", func() records.Payload {
			p := inv(records.KindInvoke)
			p.InvocationTarget.Key.Value = badUTF8
			return p
		}},
		{"invocation_target.handler", func() records.Payload {
			p := inv(records.KindInvoke)
			p.InvocationTarget.Handler = badUTF8
			return p
		}},
		{"source.ingress.request_id", func() records.Payload {
			p := samples.Medium()
			p.Source.RequestID = badUTF8
			return p
		}},
		{"headers.name", func() records.Payload {
			p := inv(records.KindInvoke)
			p.Headers[1].Name = badUTF8
			return p
		}},
		{"headers.value", func() records.Payload {
			p := inv(records.KindInvoke)
			p.Headers[2].Value = badUTF8
			return p
		}},
		{"idempotency_key", func() records.Payload {
			p := inv(records.KindInvoke)
			p.IdempotencyKey.Value = badUTF8
			return p
		}},
		{"submit_notification_sink.ingress.request_id", func() records.Payload {
			p := inv(records.KindInvoke)
			p.SubmitNotificationSink.RequestID = badUTF8
			return p
		}},
		{"restate_version", func() records.Payload {
			p := inv(records.KindInvoke)
			p.RestateVersion = badUTF8
			return p
		}},
		{"invocation.invocation_target.handler", func() records.Payload {
			p := full(records.KindProxyThrough).(*records.ProxyThrough)
			p.Invocation.InvocationTarget.Handler = badUTF8
			return p
		}},
		{"query.idempotency.service_name", func() records.Payload {
			p := full(records.KindAttachInvocation).(*records.AttachInvocationRequest)
			p.Query.Idempotency.ServiceName = badUTF8
			return p
		}},
		{"query.idempotency.service_key", func() records.Payload {
			p := full(records.KindAttachInvocation).(*records.AttachInvocationRequest)
			p.Query.Idempotency.ServiceKey.Value = badUTF8
			return p
		}},
		{"query.idempotency.handler", func() records.Payload {
			p := full(records.KindAttachInvocation).(*records.AttachInvocationRequest)
			p.Query.Idempotency.Handler = badUTF8
			return p
		}},
		{"query.idempotency.idempotency_key", func() records.Payload {
			p := full(records.KindAttachInvocation).(*records.AttachInvocationRequest)
			p.Query.Idempotency.IdempotencyKey = badUTF8
			return p
		}},
		{"query.workflow.key", func() records.Payload {
			return &records.AttachInvocationRequest{Query: records.InvocationQuery{Kind: records.InvocationQueryWorkflow, Workflow: records.ServiceID{Key: badUTF8}}}
		}},
		{"update_pinned_deployment_id", func() records.Payload {
			p := full(records.KindResumeInvocation).(*records.ResumeInvocationRequest)
			p.UpdatePinnedDeploymentID.Value = badUTF8
			return p
		}},
		{"patch_deployment_id", func() records.Payload {
			p := full(records.KindRestartAsNewInvocation).(*records.RestartAsNewInvocationRequest)
			p.PatchDeploymentID.Value = badUTF8
			return p
		}},
		{"pinned_deployment.deployment_id", func() records.Payload {
			return &records.Effect{InvocationID: samples.ID(1, 1), EffectKind: records.EffectPinnedDeployment, DeploymentID: badUTF8}
		}},
		{"failed.message", func() records.Payload {
			return &records.Effect{InvocationID: samples.ID(1, 1), EffectKind: records.EffectFailed, Failure: records.Failure{Message: badUTF8}}
		}},
		{"invoke.source.service", func() records.Payload { // a valid source; the bad string is elsewhere
			p := full(records.KindTimer).(*records.TimerKeyValue)
			p.Invoke.Headers[0].Value = badUTF8
			return p
		}},
		{"failure.message", func() records.Payload {
			return &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: samples.ID(1, 1)}, Result: records.ResultFailure, Failure: records.Failure{Message: badUTF8}}
		}},
		{"failure.message", func() records.Payload {
			p := full(records.KindNotifyGetInvocationOutputResponse).(*records.GetInvocationOutputResponse)
			p.Failure.Message = badUTF8
			return p
		}},
		{"signal.name", func() records.Payload {
			p := full(records.KindNotifySignal).(*records.NotifySignalRequest)
			p.Signal.Name = badUTF8
			return p
		}},
		{"signal.failure.message", func() records.Payload {
			return &records.NotifySignalRequest{InvocationID: samples.ID(1, 1), Signal: records.Signal{ID: records.SignalIDIndex, Result: records.ResultFailure, Failure: records.Failure{Message: badUTF8}}}
		}},
	}
	for _, c := range cases {
		want := c.want
		if want == "invoke.source.service" {
			want = "invoke.headers.value"
		}
		t.Run(want, func(t *testing.T) {
			p := c.p()
			wantRefused(t, p, wire.ErrUTF8, want)
			b := p.AppendTo(nil)
			for _, mode := range []wire.Mode{wire.ZeroCopy, wire.Copy} {
				_, err := decode(t, p.Kind(), b, mode)
				wantErr(t, err, wire.ErrUTF8, want)
			}
		})
	}
	// A version that is not UTF-8 is not SemVer either: refused on encode as
	// an invalid value, rejected on decode as invalid UTF-8.
	vb := &records.VersionBarrier{Version: badUTF8}
	wantRefused(t, vb, envelope.ErrInvalidValue, "version")
	_, err := decode(t, records.KindVersionBarrier, vb.AppendTo(nil), wire.ZeroCopy)
	wantErr(t, err, wire.ErrUTF8, "version")
}

// TestInvalidValues: values that are present but not allowed, refused on
// encode and, when they can be written, rejected on decode.
func TestInvalidValues(t *testing.T) {
	id := samples.ID(1, 1)
	uuidOf := func(n int) records.InvocationID { return records.InvocationID{PartitionKey: 1, UUID: make([]byte, n)} }
	inv := func(f func(*records.ServiceInvocation)) records.Payload {
		p := full(records.KindInvoke).(*records.ServiceInvocation)
		f(p)
		return p
	}
	cases := []struct {
		want       string
		p          records.Payload
		encodeOnly bool // the decoder cannot produce this value
	}{
		// uuid of the wrong length.
		{"invocation_id.uuid", &records.PurgeInvocationRequest{InvocationID: uuidOf(15)}, false},
		{"invocation_id.uuid", &records.PurgeInvocationRequest{InvocationID: uuidOf(17)}, false},
		{"new_invocation_id.uuid", &records.RestartAsNewInvocationRequest{InvocationID: id, NewInvocationID: uuidOf(15)}, false},
		{"source.service.caller.uuid", inv(func(p *records.ServiceInvocation) { p.Source.Caller = uuidOf(17) }), false},
		{"response_sink.partition_processor.caller.uuid", inv(func(p *records.ServiceInvocation) { p.ResponseSink.Caller = uuidOf(1) }), false},
		{"query.invocation_id.uuid", &records.AttachInvocationRequest{Query: records.InvocationQuery{Kind: records.InvocationQueryInvocationID, InvocationID: uuidOf(15)}}, false},
		{"clean_invocation_status.uuid", &records.TimerKeyValue{ValueKind: records.TimerValueCleanInvocationStatus, InvocationID: uuidOf(17)}, false},
		{"target.invocation_id.uuid", &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: uuidOf(15)}, Result: records.ResultSuccess}, false},
		{"invocation.invocation_id.uuid", &records.ProxyThrough{Invocation: *inv(func(p *records.ServiceInvocation) { p.InvocationID = uuidOf(32) }).(*records.ServiceInvocation)}, false},
		// Undeclared enum values.
		{"invocation_target.type", inv(func(p *records.ServiceInvocation) { p.InvocationTarget.Type = 4 }), false},
		{"invocation_target.type", inv(func(p *records.ServiceInvocation) { p.InvocationTarget.Type = -1 }), false},
		{"invoke.invocation_target.type", &records.TimerKeyValue{ValueKind: records.TimerValueInvoke, Invoke: *inv(func(p *records.ServiceInvocation) { p.InvocationTarget.Type = 1000 }).(*records.ServiceInvocation)}, false},
		{"flavor", &records.InvocationTermination{InvocationID: id, Flavor: 3}, false},
		{"flavor", &records.InvocationTermination{InvocationID: id, Flavor: -2}, false},
		// SemVer.
		{"version", &records.VersionBarrier{Version: "v1.0.0"}, false},
		{"version", &records.VersionBarrier{Version: "1.0"}, false},
		{"version", &records.VersionBarrier{Version: "1.0.0-01"}, false},
		// Inverted ranges.
		{"partition_key_range", &records.AnnounceLeader{PartitionKeyRange: records.KeyRange{Start: 5, End: 4}}, false},
		{"partition_key_range", &records.UpsertRuleBook{PartitionKeyRange: records.KeyRange{Start: 1}}, false},
		{"partition_key_range", &records.VersionBarrier{Version: "1.0.0", PartitionKeyRange: envelope.RangeKeys(9, 8)}, false},
		{"partition_key_range", &records.PartitionDurability{PartitionKeyRange: envelope.RangeKeys(9, 8)}, false},
		{"partition_key_range", &records.TruncateOutbox{PartitionKeyRange: envelope.RangeKeys(1, 0)}, false},
		{"partition_key_range", &records.UpsertSchema{PartitionKeyRange: envelope.RangeKeys(^uint64(0), 0)}, false},
		{"proxy_partition", &records.ProxyThrough{Invocation: *inv(func(*records.ServiceInvocation) {}).(*records.ServiceInvocation), ProxyPartition: envelope.RangeKeys(3, 2)}, false},
		// Oneof members not allowed, or out of range.
		{"result", &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: id}, Result: records.ResultVoid}, true},
		{"result", &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: id}, Result: records.ResultNotFound}, true},
		{"result", &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: id}, Result: records.ResultNotReady}, true},
		{"result", &records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: id}, Result: records.ResultVoid}, true},
		{"result", &records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: id}, Result: 42}, true},
		{"signal.result", &records.NotifySignalRequest{InvocationID: id, Signal: records.Signal{ID: records.SignalIDIndex, Result: records.ResultNotFound}}, true},
		{"signal.id", &records.NotifySignalRequest{InvocationID: id, Signal: records.Signal{ID: 3, Result: records.ResultVoid}}, true},
		{"kind", &records.Effect{InvocationID: id, EffectKind: 1}, true},
		{"kind", &records.Effect{InvocationID: id, EffectKind: 7}, true},
		{"value", &records.TimerKeyValue{ValueKind: 1}, true},
		{"value", &records.TimerKeyValue{ValueKind: 6}, true},
		{"response_sink", &records.PurgeInvocationRequest{InvocationID: id, ResponseSink: records.ResponseSink{Kind: 3}}, true},
		{"source", inv(func(p *records.ServiceInvocation) { p.Source.Kind = 4 }), true},
		{"query", &records.AttachInvocationRequest{Query: records.InvocationQuery{Kind: 4}}, true},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			wantRefused(t, c.p, envelope.ErrInvalidValue, c.want)
			if c.encodeOnly {
				return
			}
			b := c.p.AppendTo(nil)
			for _, mode := range []wire.Mode{wire.ZeroCopy, wire.Copy} {
				_, err := decode(t, c.p.Kind(), b, mode)
				wantErr(t, err, envelope.ErrInvalidValue, c.want)
			}
		})
	}
}

// TestMalformed: truncated and otherwise malformed payloads.
func TestMalformed(t *testing.T) {
	// Every payload cut short by one byte is truncated; every other cut
	// fails or decodes, and never panics.
	for i, p := range allSamples() {
		if p.Kind() == records.KindVQSchedulerDecisions {
			continue
		}
		b := marshal(t, p)
		if len(b) == 0 {
			continue
		}
		for _, mode := range []wire.Mode{wire.ZeroCopy, wire.Copy} {
			_, err := decode(t, p.Kind(), b[:len(b)-1], mode)
			if !errors.Is(err, wire.ErrTruncated) {
				t.Fatalf("%s cut by one byte: %v, want truncated", name(i, p), err)
			}
		}
		for n := 0; n < len(b); n++ {
			decode(t, p.Kind(), b[:n], wire.ZeroCopy)
		}
	}
	id := fb(1, idBytes(1, samples.UUID(1)))
	inv := func(parts ...[]byte) []byte { return cat(append([][]byte{id, fb(4, fb(3))}, parts...)...) }
	cases := []struct {
		name  string
		in    []byte
		class error
		path  string
	}{
		{"length beyond the end", inv([]byte{0x1a, 0x05, 0x01}), wire.ErrTruncated, ""},
		{"nested length beyond its message", inv(fb(2, []byte{0x0a, 0x09, 'x'})), wire.ErrTruncated, "invocation_target"},
		{"tag alone", inv([]byte{0x40}), wire.ErrTruncated, ""},
		{"varint overflow", inv([]byte{0x40, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}), wire.ErrOverflow, ""},
		{"field number 0", inv([]byte{0x00, 0x01}), wire.ErrFieldNumber, ""},
		{"wire type 7", inv(fb(2, []byte{0x0f})), wire.ErrWireType, "invocation_target"},
		{"end group without start", inv([]byte{0x0c}), wire.ErrGroup, ""},
		{"group end mismatch", inv(fb(6, []byte{0x7b, 0x7c | 0x80, 0x01})), wire.ErrGroup, "headers"},
		{"malformed packed", cat(id, fb(4, fb(1, []byte{0x80}))), wire.ErrTruncated, "suspended"},
		{"malformed empty message", cat(id, fb(5, []byte{0x08})), wire.ErrTruncated, "end"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind := records.KindInvoke
			if c.path == "suspended" || c.path == "end" {
				kind = records.KindInvokerEffect
			}
			_, err := decode(t, kind, c.in, wire.ZeroCopy)
			wantErr(t, err, c.class, c.path)
		})
	}
}

// TestDepth: unknown groups nested deeper than the wire limit, inside a
// known field, fail with ErrDepth; one level less decodes.
func TestDepth(t *testing.T) {
	nest := func(n int) []byte {
		b := fv(1, 1)
		for i := 0; i < n; i++ {
			b = fg(99, b)
		}
		return b
	}
	id := fb(1, idBytes(1, samples.UUID(1)))
	src := fb(4, fb(3))
	// invocation_target is at depth 1, so its groups start at depth 2: 99
	// of them reach the limit of 100, 100 of them exceed it (depth 101).
	ok := cat(id, fb(2, fv(4, 1), nest(wire.DefaultMaxDepth-1)), src)
	if _, err := decode(t, records.KindInvoke, ok, wire.ZeroCopy); err != nil {
		t.Fatalf("depth %d: %v", wire.DefaultMaxDepth, err)
	}
	deep := cat(id, fb(2, fv(4, 1), nest(wire.DefaultMaxDepth)), src)
	for _, mode := range []wire.Mode{wire.ZeroCopy, wire.Copy} {
		_, err := decode(t, records.KindInvoke, deep, mode)
		wantErr(t, err, wire.ErrDepth, "invocation_target")
	}
	// Much deeper, inside a message nested three levels down.
	deeper := cat(fb(1, cat(id, fb(2, fv(4, 1)), fb(4, fb(2, fb(1, idBytes(1, samples.UUID(2)), nest(5000)))))))
	_, err := decode(t, records.KindProxyThrough, deeper, wire.ZeroCopy)
	wantErr(t, err, wire.ErrDepth, "invocation.source.service.caller")
}

// TestErrorPathAllocs: a decode error allocates its error once, in both
// modes (copy mode copies nothing before the payload is known good).
func TestErrorPathAllocs(t *testing.T) {
	b := without(t, marshal(t, full(records.KindProxyThrough)), []wire.Number{1, 2}, 4)
	v := new(records.ProxyThrough)
	for _, mode := range []wire.Mode{wire.ZeroCopy, wire.Copy} {
		n := testing.AllocsPerRun(100, func() {
			if v.UnmarshalPayload(b, mode) == nil {
				t.Fatal("no error")
			}
		})
		if n > 1 {
			t.Errorf("error path, mode %v: %v allocs, want at most 1", mode, n)
		}
	}
}
