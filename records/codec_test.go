package records_test

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"testing"
	"unsafe"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// allSamples returns every sample value: full, variants and minimal.
func allSamples() []records.Payload {
	return append(samples.All(), samples.Minimal()...)
}

func TestRoundTrip(t *testing.T) {
	for i, p := range allSamples() {
		t.Run(name(i, p), func(t *testing.T) {
			b := marshal(t, p)
			for _, mode := range []wire.Mode{wire.ZeroCopy, wire.Copy} {
				got, err := decode(t, p.Kind(), b, mode)
				if err != nil {
					t.Fatalf("decode (mode %d): %v", mode, err)
				}
				if !reflect.DeepEqual(got, p) {
					t.Fatalf("mode %d:\n got %+v\nwant %+v", mode, got, p)
				}
				if got.Keys() != p.Keys() {
					t.Fatalf("keys %v, want %v", got.Keys(), p.Keys())
				}
			}
			// UnmarshalBinary copies: the value survives the input.
			got := fresh(t, p.Kind())
			in := bytes.Clone(b)
			if err := got.UnmarshalBinary(in); err != nil {
				t.Fatal(err)
			}
			for i := range in {
				in[i] = 0xee
			}
			if !reflect.DeepEqual(got, p) {
				t.Fatalf("UnmarshalBinary aliases its input:\n got %+v\nwant %+v", got, p)
			}
			// AppendBinary appends after what is there.
			ab, err := p.AppendBinary([]byte{1, 2})
			if err != nil || !bytes.Equal(ab, append([]byte{1, 2}, b...)) {
				t.Fatalf("AppendBinary = % x, %v", ab, err)
			}
		})
	}
}

func TestRoundTripEnvelope(t *testing.T) {
	sources := []envelope.Source{envelope.IngressSource(), envelope.ProcessorSource(7), {}}
	dedups := []envelope.Dedup{envelope.SelfProposal(3, 9), {}, envelope.Arbitrary(records.Some("p"), envelope.U128{Hi: 1, Lo: 2}, 5)}
	for i, p := range allSamples() {
		t.Run(name(i, p), func(t *testing.T) {
			rec := &envelope.Record{Source: sources[i%3], Dedup: dedups[i%3], Payload: p}
			buf, err := rec.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			defer pool.Put(buf)
			if len(buf.B) != rec.Size() {
				t.Fatalf("record is %d bytes, Size says %d", len(buf.B), rec.Size())
			}
			raw, err := envelope.Parse(buf.B)
			if err != nil {
				t.Fatal(err)
			}
			h := raw.Header
			if h.Kind != p.Kind() || h.Codec != p.Codec() || h.Keys != p.Keys() || h.Source != rec.Source || h.Dedup != rec.Dedup {
				t.Fatalf("header %v, want kind %v codec %v keys %v", &h, p.Kind(), p.Codec(), p.Keys())
			}
			wantCodec := envelope.CodecProtobuf
			if p.Kind() == records.KindVQSchedulerDecisions {
				wantCodec = envelope.CodecBytes
			}
			if h.Codec != wantCodec {
				t.Fatalf("codec %v, want %v", h.Codec, wantCodec)
			}
			zc := fresh(t, p.Kind())
			if err := raw.DecodeZeroCopy(zc); err != nil {
				t.Fatal(err)
			}
			cp := fresh(t, p.Kind())
			if err := raw.Decode(cp); err != nil {
				t.Fatal(err)
			}
			any, err := records.Decode(&raw)
			if err != nil {
				t.Fatal(err)
			}
			for _, got := range []records.Payload{zc, cp, any} {
				if !reflect.DeepEqual(got, p) {
					t.Fatalf("\n got %+v\nwant %+v", got, p)
				}
			}
		})
	}
}

func TestKeys(t *testing.T) {
	full := samples.Full()
	want := map[envelope.Kind]envelope.Keys{
		records.KindAnnounceLeader:                    envelope.RangeKeys(0x1000, 0xffff_ffff_ffff_ffff),
		records.KindVersionBarrier:                    envelope.RangeKeys(0, 1<<63),
		records.KindUpdatePartitionDurability:         envelope.RangeKeys(1<<62, 1<<63-1),
		records.KindPatchState:                        envelope.SingleKey(0xabcdef),
		records.KindTerminateInvocation:               envelope.SingleKey(55),
		records.KindPurgeInvocation:                   envelope.SingleKey(66),
		records.KindPurgeJournal:                      envelope.SingleKey(67),
		records.KindInvoke:                            envelope.SingleKey(0x1000_0000_0000_0001),
		records.KindTruncateOutbox:                    envelope.SingleKey(0),
		records.KindProxyThrough:                      envelope.PairKeys(0x2000, 0x3000),
		records.KindAttachInvocation:                  envelope.SingleKey(0x4242),
		records.KindResumeInvocation:                  envelope.SingleKey(88),
		records.KindRestartAsNewInvocation:            envelope.SingleKey(90),
		records.KindInvokerEffect:                     envelope.SingleKey(100),
		records.KindTimer:                             envelope.SingleKey(0x3000),
		records.KindScheduleTimer:                     envelope.SingleKey(110),
		records.KindInvocationResponse:                envelope.SingleKey(120),
		records.KindNotifyGetInvocationOutputResponse: envelope.SingleKey(130),
		records.KindNotifySignal:                      envelope.SingleKey(140),
		records.KindUpsertSchema:                      envelope.RangeKeys(0, ^uint64(0)),
		records.KindVQSchedulerDecisions:              envelope.NoKeys(),
		records.KindUpsertRuleBook:                    envelope.RangeKeys(5, 5),
	}
	if len(full) != len(want) {
		t.Fatalf("%d full samples, want %d", len(full), len(want))
	}
	for i, p := range full {
		if p.Kind() != envelope.Kind(i+1) {
			t.Fatalf("samples.Full()[%d] is %v", i, p.Kind())
		}
		if got := p.Keys(); got != want[p.Kind()] {
			t.Errorf("%v: keys %v, want %v", p.Kind(), got, want[p.Kind()])
		}
	}
	// The query member gives AttachInvocation's key.
	for _, q := range []records.InvocationQuery{
		{Kind: records.InvocationQueryInvocationID, InvocationID: samples.ID(11, 1)},
		{Kind: records.InvocationQueryWorkflow, Workflow: records.ServiceID{PartitionKey: 11}},
		{Kind: records.InvocationQueryIdempotency, Idempotency: records.IdempotencyQuery{PartitionKey: 11}},
	} {
		a := records.AttachInvocationRequest{Query: q}
		if a.Keys() != envelope.SingleKey(11) {
			t.Errorf("attach %v: keys %v", q.Kind, a.Keys())
		}
	}
	// The value's invocation gives a timer's key.
	tv := records.TimerKeyValue{ValueKind: records.TimerValueNeoInvoke, InvocationID: samples.ID(12, 1)}
	if tv.Keys() != envelope.SingleKey(12) {
		t.Errorf("timer keys %v", tv.Keys())
	}
}

func TestNew(t *testing.T) {
	for _, k := range records.Kinds() {
		p, err := records.New(k)
		if err != nil || p.Kind() != k {
			t.Fatalf("New(%v) = %T, %v", k, p, err)
		}
	}
	for _, k := range []envelope.Kind{0, 23, 1000} {
		p, err := records.New(k)
		var ee *wire.Error
		if p != nil || !errors.Is(err, envelope.ErrUnknownKind) || !errors.As(err, &ee) || ee.Detail != "kind "+strconv.Itoa(int(k)) {
			t.Fatalf("New(%v) = %v, %v", k, p, err)
		}
	}
	// Decode of an unknown kind, and of kind 21 with codec protobuf.
	raw := envelope.Raw{Header: envelope.Header{Kind: 99, Codec: envelope.CodecProtobuf}}
	if _, err := records.Decode(&raw); !errors.Is(err, envelope.ErrUnknownKind) {
		t.Fatalf("Decode of kind 99: %v", err)
	}
	raw.Header.Kind = records.KindVQSchedulerDecisions
	if _, err := records.Decode(&raw); !errors.Is(err, envelope.ErrUnsupportedCodec) {
		t.Fatalf("Decode of kind 21 with codec protobuf: %v", err)
	}
	raw.Header = envelope.Header{Kind: records.KindInvoke, Codec: envelope.CodecBytes}
	if _, err := records.Decode(&raw); !errors.Is(err, envelope.ErrUnsupportedCodec) {
		t.Fatalf("Decode of kind 8 with codec bytes: %v", err)
	}
}

func TestExactBytes(t *testing.T) {
	u := samples.UUID(0)
	id0 := fb(1, fb(2, u)) // invocation_id with partition key 0
	cases := []struct {
		name string
		p    records.Payload
		want []byte
	}{
		{"invocation id", &records.PurgeInvocationRequest{InvocationID: records.InvocationID{PartitionKey: 1, UUID: u}},
			cat([]byte{0x0a, 0x14, 0x08, 0x01, 0x12, 0x10}, u)},
		{"internal source", samples.Minimal()[records.KindInvoke-1],
			cat(id0, []byte{0x12, 0x02, 0x20, 0x01}, []byte{0x22, 0x02, 0x1a, 0x00})},
		{"effect end", &records.Effect{InvocationID: samples.ID(0, 0), EffectKind: records.EffectEnd},
			cat(id0, []byte{0x2a, 0x00})},
		{"signal index 0 void", &records.NotifySignalRequest{InvocationID: samples.ID(0, 0), Signal: records.Signal{ID: records.SignalIDIndex, Result: records.ResultVoid}},
			cat(id0, []byte{0x12, 0x04, 0x08, 0x00, 0x1a, 0x00})},
		{"signal name empty, success empty", &records.NotifySignalRequest{InvocationID: samples.ID(0, 0), Signal: records.Signal{ID: records.SignalIDName, Result: records.ResultSuccess}},
			cat(id0, []byte{0x12, 0x04, 0x12, 0x00, 0x22, 0x00})},
		{"announce leader: required messages written empty, optional zero written", &records.AnnounceLeader{EpochVersion: records.Some(uint32(0))},
			[]byte{0x0a, 0x00, 0x1a, 0x00, 0x20, 0x00}},
		{"announce leader: configs set and empty", &records.AnnounceLeader{CurrentConfig: records.Some(records.CurrentConfig{}), NextConfig: records.Some(records.NextConfig{ReplicaSet: []uint32{1, 2, 300}})},
			[]byte{0x0a, 0x00, 0x1a, 0x00, 0x2a, 0x00, 0x32, 0x06, 0x12, 0x04, 0x01, 0x02, 0xac, 0x02}},
		{"optional uint64 and string zero", &records.ServiceInvocation{
			InvocationID: samples.ID(0, 0), InvocationTarget: records.InvocationTarget{Type: records.TargetTypeService},
			Source: records.InvocationSource{Kind: records.InvocationSourceIngress}, ExecutionTimeMs: records.Some(uint64(0)),
			IdempotencyKey: records.Some(""), ResponseSink: records.ResponseSink{Kind: records.ResponseSinkIngress},
		}, cat(id0, []byte{0x12, 0x02, 0x20, 0x01, 0x22, 0x02, 0x0a, 0x00, 0x38, 0x00, 0x52, 0x00, 0x5a, 0x02, 0x12, 0x00})},
		{"response sink partition processor", &records.PurgeInvocationRequest{InvocationID: samples.ID(0, 0), ResponseSink: records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: samples.ID(0, 0)}},
			cat(id0, []byte{0x12, 0x16, 0x0a, 0x14, 0x0a, 0x12}, fb(2, u))},
		{"negative enum takes 10 bytes", &records.InvocationTermination{InvocationID: samples.ID(0, 0), Flavor: -1},
			cat(id0, []byte{0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})},
		{"attach workflow empty", samples.Minimal()[records.KindAttachInvocation-1], []byte{0x0a, 0x02, 0x12, 0x00}},
		{"get output not found", &records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: samples.ID(0, 0)}, Result: records.ResultNotFound},
			cat(fb(1, id0), []byte{0x12, 0x00})},
		{"invocation response empty success", samples.Minimal()[records.KindInvocationResponse-1], cat(fb(1, id0), []byte{0x12, 0x00})},
		{"suspended packed", &records.Effect{InvocationID: samples.ID(0, 0), EffectKind: records.EffectSuspended, WaitingFor: []uint32{1, 128}},
			cat(id0, []byte{0x22, 0x05, 0x0a, 0x03, 0x01, 0x80, 0x01})},
		{"keys none left out, single(0) written", &records.TruncateOutbox{PartitionKeyRange: envelope.SingleKey(0)}, []byte{0x12, 0x02, 0x08, 0x00}},
		{"all default payload is empty", &records.PartitionDurability{}, nil},
		{"bool", &records.AttachInvocationRequest{Query: records.InvocationQuery{Kind: records.InvocationQueryWorkflow}, BlockOnInflight: true}, []byte{0x0a, 0x02, 0x12, 0x00, 0x10, 0x01}},
		{"vq bytes as they are", &records.VQSchedulerDecisions{Data: []byte{1, 2, 3}}, []byte{1, 2, 3}},
		{"vq empty", &records.VQSchedulerDecisions{}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.p.AppendTo(nil)
			if !bytes.Equal(got, c.want) || c.p.Size() != len(c.want) {
				t.Fatalf("got % x (Size %d)\nwant % x", got, c.p.Size(), c.want)
			}
		})
	}
}

// TestDecodeBehaviour checks the protobuf decoding rules on hand-made bytes.
func TestDecodeBehaviour(t *testing.T) {
	u, u2 := samples.UUID(1), samples.UUID(2)
	id := fb(1, idBytes(7, u))
	target := fb(2, fv(4, 1))
	source := fb(4, fb(3))
	invoke := func(extra ...[]byte) []byte { return cat(append([][]byte{id, target, source}, extra...)...) }
	baseInvoke := func() *records.ServiceInvocation {
		return &records.ServiceInvocation{
			InvocationID:     records.InvocationID{PartitionKey: 7, UUID: u},
			InvocationTarget: records.InvocationTarget{Type: records.TargetTypeService},
			Source:           records.InvocationSource{Kind: records.InvocationSourceInternal},
		}
	}
	unknown := cat(fv(100, 1), f64(101, 2), fs(102, "x"), fg(103, fv(1, 1), fg(2, fs(3, "y"))), f32(104, 3), fv(1<<20, 5))

	cases := []struct {
		name string
		kind envelope.Kind
		in   []byte
		want func() records.Payload
	}{
		{"last scalar wins", records.KindInvoke, invoke(fv(8, 1), fs(13, "a"), fv(8, 2), fs(13, "b"), fv(7, 5), fv(7, 0)), func() records.Payload {
			p := baseInvoke()
			p.CompletionRetentionMs, p.RestateVersion, p.ExecutionTimeMs = 2, "b", records.Some(uint64(0))
			return p
		}},
		{"last bytes win", records.KindInvoke, invoke(fs(3, "first"), fs(3, "second")), func() records.Payload {
			p := baseInvoke()
			p.Argument = []byte("second")
			return p
		}},
		{"embedded message merged", records.KindInvoke, cat(id, fb(2, fs(1, "svc"), fv(4, 2)), source, fb(2, fs(3, "h")), fb(1, fv(1, 9))), func() records.Payload {
			p := baseInvoke()
			p.InvocationTarget = records.InvocationTarget{ServiceName: "svc", Handler: "h", Type: records.TargetTypeVirtualObject}
			p.InvocationID.PartitionKey = 9
			return p
		}},
		{"repeated messages appended", records.KindInvoke, invoke(fb(6, fs(1, "a")), fb(6, fs(2, "b"))), func() records.Payload {
			p := baseInvoke()
			p.Headers = []records.HeaderEntry{{Name: "a"}, {Value: "b"}}
			return p
		}},
		{"unknown fields of every wire type skipped", records.KindInvoke, cat(unknown, id, fb(2, unknown, fv(4, 1)), fb(4, unknown, fb(3, unknown)), unknown), func() records.Payload {
			return baseInvoke()
		}},
		{"mismatched wire types ignored", records.KindInvoke, invoke(f32(8, 1), fv(3, 1), fv(6, 1), f64(13, 1), fv(1, 1), fv(2, 1), fv(4, 1), fb(2, fs(4, "x"))), func() records.Payload {
			return baseInvoke()
		}},
		{"present but empty response sink and keys read as absent", records.KindProxyThrough, cat(fb(1, invoke(fb(11), fb(12))), fb(2)), func() records.Payload {
			return &records.ProxyThrough{Invocation: *baseInvoke()}
		}},
		{"source member switch replaces", records.KindInvoke, cat(id, target, fb(4, fb(1, fs(1, "req"))), fb(4, fb(2, fb(1, idBytes(1, u2))))), func() records.Payload {
			p := baseInvoke()
			p.Source = records.InvocationSource{Kind: records.InvocationSourceService, Caller: records.InvocationID{PartitionKey: 1, UUID: u2}}
			return p
		}},
		{"same source member merged", records.KindInvoke, cat(id, target, fb(4, fb(2, fb(1, fv(1, 3)))), fb(4, fb(2, fb(1, fb(2, u2))))), func() records.Payload {
			p := baseInvoke()
			p.Source = records.InvocationSource{Kind: records.InvocationSourceService, Caller: records.InvocationID{PartitionKey: 3, UUID: u2}}
			return p
		}},
		{"sink member switch replaces", records.KindPurgeInvocation, cat(id, fb(2, fb(1, fb(1, idBytes(2, u2)), fv(2, 4))), fb(2, fb(2, fs(1, "r")))), func() records.Payload {
			return &records.PurgeInvocationRequest{InvocationID: records.InvocationID{PartitionKey: 7, UUID: u},
				ResponseSink: records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "r"}}
		}},
		{"sink member split in two merged", records.KindPurgeInvocation, cat(id, fb(2, fb(1, fb(1, idBytes(2, u2)))), fb(2, fb(1, fv(2, 4)))), func() records.Payload {
			return &records.PurgeInvocationRequest{InvocationID: records.InvocationID{PartitionKey: 7, UUID: u},
				ResponseSink: records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: records.InvocationID{PartitionKey: 2, UUID: u2}, EntryIndex: 4}}
		}},
		{"effect member switch replaces", records.KindInvokerEffect, cat(id, fb(3, fv(1, 5), fs(2, "e")), fb(5)), func() records.Payload {
			return &records.Effect{InvocationID: records.InvocationID{PartitionKey: 7, UUID: u}, EffectKind: records.EffectEnd}
		}},
		{"effect suspended packed and unpacked, merged", records.KindInvokerEffect, cat(id, fb(4, fv(1, 1), fv(1, 2)), fb(4, fb(1, []byte{3, 0x80, 0x01}), fv(1, 5))), func() records.Payload {
			return &records.Effect{InvocationID: records.InvocationID{PartitionKey: 7, UUID: u}, EffectKind: records.EffectSuspended, WaitingFor: []uint32{1, 2, 3, 128, 5}}
		}},
		{"effect member with wrong wire type ignored", records.KindInvokerEffect, cat(id, fv(5, 0), fb(6, fv(1, 3)), fv(2, 1)), func() records.Payload {
			return &records.Effect{InvocationID: records.InvocationID{PartitionKey: 7, UUID: u}, EffectKind: records.EffectFailed, Failure: records.Failure{Code: 3}}
		}},
		{"replica sets packed and unpacked, config merged", records.KindAnnounceLeader,
			cat(fb(1), fb(3), fb(5, fv(2, 1), fb(2, []byte{2, 3}), fv(1, 4)), fb(5, fv(2, 9), fs(4, "r")), fb(6, fv(2, 7)), fb(6, fb(2, []byte{8}))), func() records.Payload {
				return &records.AnnounceLeader{
					CurrentConfig: records.Some(records.CurrentConfig{Version: 4, ReplicaSet: []uint32{1, 2, 3, 9}, Replication: "r"}),
					NextConfig:    records.Some(records.NextConfig{ReplicaSet: []uint32{7, 8}}),
				}
			}},
		{"signal id and result switches", records.KindNotifySignal, cat(id, fb(2, fv(1, 3), fs(4, "ok"), fs(2, "n"), fb(5, fv(1, 2)), fb(3))), func() records.Payload {
			return &records.NotifySignalRequest{InvocationID: records.InvocationID{PartitionKey: 7, UUID: u},
				Signal: records.Signal{ID: records.SignalIDName, Name: "n", Result: records.ResultVoid}}
		}},
		{"signal split in two merged", records.KindNotifySignal, cat(id, fb(2, fs(2, "n")), fb(2, fb(5, fs(2, "m"))), fb(2, fb(5, fv(1, 1)))), func() records.Payload {
			return &records.NotifySignalRequest{InvocationID: records.InvocationID{PartitionKey: 7, UUID: u},
				Signal: records.Signal{ID: records.SignalIDName, Name: "n", Result: records.ResultFailure, Failure: records.Failure{Code: 1, Message: "m"}}}
		}},
		{"timer member switch replaces", records.KindTimer, cat(fv(1, 5), fb(2, invoke(fs(3, "arg"))), fb(5, idBytes(3, u2))), func() records.Payload {
			return &records.TimerKeyValue{FireAtMs: 5, ValueKind: records.TimerValueNeoInvoke, InvocationID: records.InvocationID{PartitionKey: 3, UUID: u2}}
		}},
		{"timer clean and neo share the id but not the member", records.KindScheduleTimer, cat(fb(4, idBytes(3, u2)), fb(5, fb(2, u))), func() records.Payload {
			return &records.ScheduleTimer{TimerKeyValue: records.TimerKeyValue{ValueKind: records.TimerValueNeoInvoke, InvocationID: records.InvocationID{UUID: u}}}
		}},
		{"response result switch", records.KindInvocationResponse, cat(fb(1, id), fs(2, "ok"), fb(3, fs(2, "bad"))), func() records.Payload {
			return &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: records.InvocationID{PartitionKey: 7, UUID: u}},
				Result: records.ResultFailure, Failure: records.Failure{Message: "bad"}}
		}},
		{"output result switch", records.KindNotifyGetInvocationOutputResponse, cat(fb(1, id), fb(5, fv(1, 1)), fb(3), fs(4, "out")), func() records.Payload {
			return &records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: records.InvocationID{PartitionKey: 7, UUID: u}},
				Result: records.ResultSuccess, Success: []byte("out")}
		}},
		{"query member switch", records.KindAttachInvocation, cat(fb(1, fb(3, fs(1, "s"))), fb(1, fb(2, fv(3, 4))), fv(2, 2)), func() records.Payload {
			return &records.AttachInvocationRequest{Query: records.InvocationQuery{Kind: records.InvocationQueryWorkflow, Workflow: records.ServiceID{PartitionKey: 4}}, BlockOnInflight: true}
		}},
		{"state entries appended in order", records.KindPatchState, cat(fb(1), fb(3, fs(1, "k")), fb(3, fs(1, "k"), fs(2, "v")), fs(2, "")), func() records.Payload {
			return &records.ExternalStateMutation{Version: records.Some(""), State: []records.StateEntry{{Key: []byte("k")}, {Key: []byte("k"), Value: []byte("v")}}}
		}},
		{"keys member switch", records.KindTruncateOutbox, cat(fb(2, fv(1, 4)), fb(2, fb(3, fv(1, 1), fv(2, 2)))), func() records.Payload {
			return &records.TruncateOutbox{PartitionKeyRange: envelope.RangeKeys(1, 2)}
		}},
		{"overlong varints", records.KindTruncateOutbox, []byte{0x08, 0x81, 0x80, 0x80, 0x00}, func() records.Payload {
			return &records.TruncateOutbox{Index: 1}
		}},
		{"empty payload", records.KindUpsertSchema, nil, func() records.Payload { return &records.UpsertSchema{} }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := mustDecode(t, c.kind, c.in)
			if want := c.want(); !reflect.DeepEqual(got, want) {
				t.Fatalf("\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestDecodeReuse decodes every sample, in turn, into one reused value per
// kind, in both modes: a decode fully replaces the previous value (up to nil
// and empty slices, which keep their capacity).
func TestDecodeReuse(t *testing.T) {
	values := map[envelope.Kind]records.Payload{}
	all := allSamples()
	for round := 0; round < 2; round++ {
		for i, p := range all {
			v, ok := values[p.Kind()]
			if !ok {
				v = fresh(t, p.Kind())
				values[p.Kind()] = v
			}
			mode := wire.Mode(round)
			if err := v.UnmarshalPayload(marshal(t, p), mode); err != nil {
				t.Fatal(err)
			}
			// Equal once re-encoded, and equal after decoding afresh.
			if !bytes.Equal(v.AppendTo(nil), p.AppendTo(nil)) {
				t.Fatalf("%s: reused decode re-encodes differently", name(i, p))
			}
		}
	}
	// Slices keep their capacity: decode a value with headers, then one
	// without, then one with again.
	v := new(records.ServiceInvocation)
	med := marshal(t, samples.Medium())
	min := marshal(t, samples.Minimal()[records.KindInvoke-1])
	if err := v.UnmarshalPayload(med, wire.ZeroCopy); err != nil {
		t.Fatal(err)
	}
	c := cap(v.Headers)
	if err := v.UnmarshalPayload(min, wire.ZeroCopy); err != nil {
		t.Fatal(err)
	}
	if len(v.Headers) != 0 || cap(v.Headers) != c {
		t.Fatalf("headers len %d cap %d after reuse, want 0 and %d", len(v.Headers), cap(v.Headers), c)
	}
}

// TestZeroCopyAliases checks that zero-copy strings and bytes alias the
// input and copying ones do not.
func TestZeroCopyAliases(t *testing.T) {
	b := marshal(t, samples.Medium())
	within := func(p []byte) bool {
		if len(p) == 0 {
			return false
		}
		at, lo := uintptr(unsafe.Pointer(&p[0])), uintptr(unsafe.Pointer(&b[0]))
		return lo <= at && at < lo+uintptr(len(b))
	}
	zc, cp := new(records.ServiceInvocation), new(records.ServiceInvocation)
	if err := zc.UnmarshalPayload(b, wire.ZeroCopy); err != nil {
		t.Fatal(err)
	}
	if err := cp.UnmarshalPayload(b, wire.Copy); err != nil {
		t.Fatal(err)
	}
	if !within(zc.Argument) || within(cp.Argument) {
		t.Fatal("zero-copy argument does not alias, or copied one does")
	}
	if cap(zc.Argument) != len(zc.Argument) {
		t.Fatalf("zero-copy argument has capacity %d beyond its length %d: appending would overwrite the record", cap(zc.Argument), len(zc.Argument))
	}
	vq := new(records.VQSchedulerDecisions)
	if err := vq.UnmarshalPayload(b, wire.ZeroCopy); err != nil || &vq.Data[0] != &b[0] || cap(vq.Data) != len(b) {
		t.Fatal("kind 21 zero-copy does not alias its input, or is not capped")
	}
	if err := vq.UnmarshalPayload(b, wire.Copy); err != nil || &vq.Data[0] == &b[0] || !bytes.Equal(vq.Data, b) {
		t.Fatal("kind 21 copy aliases its input")
	}
}

func TestPromotedKinds(t *testing.T) {
	pj := &records.PurgeJournal{PurgeInvocationRequest: records.PurgeInvocationRequest{InvocationID: samples.ID(1, 1)}}
	st := &records.ScheduleTimer{TimerKeyValue: records.TimerKeyValue{ValueKind: records.TimerValueNeoInvoke, InvocationID: samples.ID(1, 1)}}
	for _, c := range []struct {
		p    records.Payload
		base records.Payload
	}{{pj, &pj.PurgeInvocationRequest}, {st, &st.TimerKeyValue}} {
		if c.p.Kind() == c.base.Kind() {
			t.Fatalf("%T has its embedded payload's kind", c.p)
		}
		if !bytes.Equal(marshal(t, c.p), marshal(t, c.base)) {
			t.Fatalf("%T encodes differently from its embedded payload", c.p)
		}
		// A record of one kind does not decode into the other.
		rec := envelope.Record{Payload: c.p}
		b, err := rec.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := envelope.Parse(b)
		if err := raw.Decode(fresh(t, c.base.Kind())); !errors.Is(err, envelope.ErrKindMismatch) {
			t.Fatalf("decode of %v into %v: %v", c.p.Kind(), c.base.Kind(), err)
		}
	}
}

// TestSizeChecked: the writers' check folded into the size pass
// (SizeChecked, used by AppendBinary and Record.Marshal) agrees with Validate
// and Size on every sample (the refused values are checked the same way by
// wantRefused), and the record it sizes is written byte for byte as the
// unchecked path writes it, into a buffer of exactly that size.
func TestSizeChecked(t *testing.T) {
	for i, p := range allSamples() {
		t.Run(name(i, p), func(t *testing.T) {
			wantSameCheck(t, p)
			if n, err := p.SizeChecked(); err != nil || n != p.Size() {
				t.Fatalf("SizeChecked = %d, %v; Size = %d", n, err, p.Size())
			}
			rec := envelope.Record{Source: envelope.IngressSource(), Payload: p}
			buf, err := rec.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			defer pool.Put(buf)
			if want := rec.AppendUnchecked(nil); !bytes.Equal(buf.B, want) || len(buf.B) != rec.Size() || cap(buf.B) < len(want) {
				t.Fatalf("Marshal wrote % x (cap %d), want % x", buf.B, cap(buf.B), want)
			}
			if b, err := rec.AppendBinary(nil); err != nil || !bytes.Equal(b, buf.B) || cap(b) != len(b) {
				t.Fatalf("AppendBinary = % x (cap %d), %v", b, cap(b), err)
			}
		})
	}
}
