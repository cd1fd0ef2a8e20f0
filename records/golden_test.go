package records_test

// The golden corpus of v2 records: testdata/golden/v2 at the root of
// the module holds, for every kind, a minimal and a full record and one record
// per oneof member, each as
//
//	NAME.bin   the stored record bytes (envelope.Record.MarshalBinary)
//	NAME.json  the expected decoded value: the protobuf-go header and payload
//	           messages (internal/testpb) in protojson, so that the expected
//	           value does not depend on the codec under test
//
// TestGolden decodes every file on every run and compares it with its .json,
// with protobuf-go (independently of our codec) and with ours (envelope.Parse
// and records.Decode), and checks that re-encoding gives the same bytes. A
// change that alters how an existing record decodes fails the build.
//
// The files are written only on request:
//
//	go test ./records/ -run TestGolden -update-golden

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/pbconv"
	"github.com/walwire/walwire/internal/testpb"
	"github.com/walwire/walwire/records"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/golden/v2 from the golden cases")

const goldenDir = "../testdata/golden/v2"

// goldenCase is one record of the corpus: its file name (without extension),
// a description for reviewers, and the record.
type goldenCase struct {
	name    string
	note    string
	source  envelope.Source
	dedup   envelope.Dedup
	payload envelope.Payload
}

// Fixed ids, so that the corpus is reproducible.
var (
	goldenUUIDA = []byte{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f}
	goldenUUIDB = []byte{0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96, 0x87, 0x78, 0x69, 0x5a, 0x4b, 0x3c, 0x2d, 0x1e, 0x0f}
	goldenUUIDC = []byte{0x01, 0x8f, 0x3a, 0x7c, 0x5e, 0x12, 0x7b, 0x44, 0x9d, 0x01, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}

	goldenIDA = records.InvocationID{PartitionKey: 1234, UUID: goldenUUIDA}
	goldenIDB = records.InvocationID{PartitionKey: math.MaxUint64, UUID: goldenUUIDB}
	goldenIDC = records.InvocationID{PartitionKey: 0, UUID: goldenUUIDC}
)

// goldenMinimalInvoke is a ServiceInvocation with only its required fields.
func goldenMinimalInvoke() records.ServiceInvocation {
	return records.ServiceInvocation{
		InvocationID:     goldenIDA,
		InvocationTarget: records.InvocationTarget{Type: records.TargetTypeService},
		Source:           records.InvocationSource{Kind: records.InvocationSourceInternal},
	}
}

// goldenFullInvoke is a ServiceInvocation with every field set.
func goldenFullInvoke() records.ServiceInvocation {
	return records.ServiceInvocation{
		InvocationID: goldenIDA,
		InvocationTarget: records.InvocationTarget{
			ServiceName: "Greeter",
			Key:         records.Some("alice"),
			Handler:     "greet",
			Type:        records.TargetTypeVirtualObject,
		},
		Argument:    []byte(`{"name":"alice"}`),
		Source:      records.InvocationSource{Kind: records.InvocationSourceIngress, RequestID: "req-1"},
		SpanContext: []byte{0x00, 0x01, 0xfe, 0xff},
		Headers: []records.HeaderEntry{
			{Name: "x-tenant", Value: "acme"},
			{Name: "x-empty", Value: ""},
			{Name: "", Value: "nameless"},
			{Name: "x-tenant", Value: "second, kept in order"},
		},
		ExecutionTimeMs:        records.Some[uint64](1_700_000_000_000),
		CompletionRetentionMs:  86_400_000,
		JournalRetentionMs:     3_600_000,
		IdempotencyKey:         records.Some("idem-42"),
		ResponseSink:           records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "req-1"},
		SubmitNotificationSink: records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: goldenIDB, EntryIndex: 7},
		RestateVersion:         "1.6.2",
	}
}

func goldenSinkPP(id records.InvocationID, entry uint32) records.ResponseSink {
	return records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: id, EntryIndex: entry}
}

func goldenSinkIngress(req string) records.ResponseSink {
	return records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: req}
}

// goldenPayloads lists the corpus payloads: for every kind a "minimal" (only
// what is required) and a "full" value, and further values covering every
// oneof member, every optional field set to its zero value, and edge values.
// They are also the conformance tests' own values.
func goldenPayloads() []goldenCase {
	full := goldenFullInvoke()
	minimal := goldenMinimalInvoke()
	cs := []goldenCase{
		// 1 AnnounceLeader.
		{name: "minimal", note: "required node_id and partition_key_range present but empty", payload: &records.AnnounceLeader{}},
		{name: "full", payload: &records.AnnounceLeader{
			NodeID:            records.GenerationalNodeID{ID: 7, Generation: 3},
			LeaderEpoch:       42,
			PartitionKeyRange: records.KeyRange{Start: 0, End: math.MaxUint64},
			EpochVersion:      records.Some[uint32](5),
			CurrentConfig: records.Some(records.CurrentConfig{
				Version:      3,
				ReplicaSet:   []uint32{1, 2, 300, math.MaxUint32},
				ModifiedAtMs: 1_700_000_000_123,
				Replication:  "{node: 3}",
			}),
			NextConfig: records.Some(records.NextConfig{Version: 4, ReplicaSet: []uint32{0, 5, 6}}),
		}},
		{name: "zero_optionals", note: "epoch_version set to 0, current_config and next_config present but empty", payload: &records.AnnounceLeader{
			NodeID:            records.GenerationalNodeID{ID: 1},
			PartitionKeyRange: records.KeyRange{Start: 5, End: 5},
			EpochVersion:      records.Some[uint32](0),
			CurrentConfig:     records.Some(records.CurrentConfig{}),
			NextConfig:        records.Some(records.NextConfig{}),
		}},

		// 2 VersionBarrier.
		{name: "minimal", payload: &records.VersionBarrier{Version: "1.0.0"}},
		{name: "full", payload: &records.VersionBarrier{
			Version:           "1.6.2-rc.1+build.5",
			HumanReason:       records.Some("journal v2 needs 1.6"),
			PartitionKeyRange: envelope.RangeKeys(0, math.MaxUint64),
		}},
		{name: "single_key", note: "human_reason set to \"\", keys single(0)", payload: &records.VersionBarrier{
			Version:           "0.0.0",
			HumanReason:       records.Some(""),
			PartitionKeyRange: envelope.SingleKey(0),
		}},
		{name: "pair_keys", payload: &records.VersionBarrier{
			Version:           "10.20.30-alpha.beta.1",
			PartitionKeyRange: envelope.PairKeys(9, 3),
		}},

		// 3 UpdatePartitionDurability.
		{name: "minimal", payload: &records.PartitionDurability{}},
		{name: "full", payload: &records.PartitionDurability{
			PartitionID:        7,
			DurablePoint:       123_456_789,
			ModificationTimeMs: 1_700_000_000_000,
			PartitionKeyRange:  envelope.RangeKeys(1<<62, 1<<63-1),
		}},
		{name: "empty_range", note: "range_inclusive(0, 0): present, both bounds zero", payload: &records.PartitionDurability{
			PartitionKeyRange: envelope.RangeKeys(0, 0),
		}},

		// 4 PatchState.
		{name: "minimal", note: "required service_id present but empty", payload: &records.ExternalStateMutation{}},
		{name: "full", note: "the same key twice, kept in order; an empty entry", payload: &records.ExternalStateMutation{
			ServiceID: records.ServiceID{ServiceName: "Counter", Key: "alice", PartitionKey: 99},
			Version:   records.Some("v3"),
			State: []records.StateEntry{
				{Key: []byte("count"), Value: []byte{0x2a}},
				{Key: []byte("name"), Value: []byte("Alice")},
				{Key: []byte("count"), Value: []byte{0x2b}},
				{},
				{Key: []byte{0xff, 0x00}},
			},
		}},
		{name: "empty_version", note: "version set to \"\"", payload: &records.ExternalStateMutation{
			ServiceID: records.ServiceID{Key: "k"},
			Version:   records.Some(""),
		}},

		// 5 TerminateInvocation.
		{name: "minimal", payload: &records.InvocationTermination{InvocationID: goldenIDA, Flavor: records.TerminationFlavorKill}},
		{name: "full", payload: &records.InvocationTermination{InvocationID: goldenIDB, Flavor: records.TerminationFlavorCancel, ResponseSink: goldenSinkPP(goldenIDC, 3)}},
		{name: "ingress_sink", payload: &records.InvocationTermination{InvocationID: goldenIDC, Flavor: records.TerminationFlavorKill, ResponseSink: goldenSinkIngress("")}},

		// 6 PurgeInvocation.
		{name: "minimal", payload: &records.PurgeInvocationRequest{InvocationID: goldenIDA}},
		{name: "full", payload: &records.PurgeInvocationRequest{InvocationID: goldenIDB, ResponseSink: goldenSinkIngress("req-9")}},
		{name: "pp_sink", payload: &records.PurgeInvocationRequest{InvocationID: goldenIDC, ResponseSink: goldenSinkPP(goldenIDA, 0)}},

		// 7 PurgeJournal.
		{name: "minimal", payload: &records.PurgeJournal{records.PurgeInvocationRequest{InvocationID: goldenIDC}}},
		{name: "full", payload: &records.PurgeJournal{records.PurgeInvocationRequest{InvocationID: goldenIDA, ResponseSink: goldenSinkPP(goldenIDB, math.MaxUint32)}}},

		// 8 Invoke.
		{name: "minimal", note: "source internal, target type service", payload: &minimal},
		{name: "full", payload: &full},
		{name: "service_source", note: "source service, target workflow with key set to \"\", zero optionals", payload: &records.ServiceInvocation{
			InvocationID:     goldenIDB,
			InvocationTarget: records.InvocationTarget{ServiceName: "Flow", Key: records.Some(""), Handler: "run", Type: records.TargetTypeWorkflow},
			Source:           records.InvocationSource{Kind: records.InvocationSourceService, Caller: goldenIDC},
			ExecutionTimeMs:  records.Some[uint64](0),
			IdempotencyKey:   records.Some(""),
			ResponseSink:     goldenSinkPP(goldenIDC, 1),
		}},
		{name: "ingress_source_empty", note: "source ingress with an empty request_id", payload: &records.ServiceInvocation{
			InvocationID:     goldenIDC,
			InvocationTarget: records.InvocationTarget{Handler: "h", Type: records.TargetTypeService},
			Source:           records.InvocationSource{Kind: records.InvocationSourceIngress},
		}},

		// 9 TruncateOutbox.
		{name: "minimal", payload: &records.TruncateOutbox{}},
		{name: "full", payload: &records.TruncateOutbox{Index: 17, PartitionKeyRange: envelope.SingleKey(1234)}},
		{name: "single_zero", note: "keys single(0) is a real key", payload: &records.TruncateOutbox{PartitionKeyRange: envelope.SingleKey(0)}},

		// 10 ProxyThrough.
		{name: "minimal", payload: &records.ProxyThrough{Invocation: goldenMinimalInvoke()}},
		{name: "full", payload: &records.ProxyThrough{Invocation: goldenFullInvoke(), ProxyPartition: envelope.SingleKey(1234)}},
		{name: "pair", payload: &records.ProxyThrough{Invocation: goldenMinimalInvoke(), ProxyPartition: envelope.PairKeys(0, 0)}},

		// 11 AttachInvocation.
		{name: "minimal", payload: &records.AttachInvocationRequest{Query: records.InvocationQuery{Kind: records.InvocationQueryInvocationID, InvocationID: goldenIDA}}},
		{name: "full", payload: &records.AttachInvocationRequest{
			Query: records.InvocationQuery{Kind: records.InvocationQueryIdempotency, Idempotency: records.IdempotencyQuery{
				ServiceName:    "Greeter",
				ServiceKey:     records.Some("alice"),
				Handler:        "greet",
				IdempotencyKey: "idem-42",
				PartitionKey:   1234,
			}},
			BlockOnInflight: true,
			ResponseSink:    goldenSinkPP(goldenIDB, 12),
		}},
		{name: "workflow", payload: &records.AttachInvocationRequest{
			Query:        records.InvocationQuery{Kind: records.InvocationQueryWorkflow, Workflow: records.ServiceID{ServiceName: "Flow", Key: "order-1", PartitionKey: 77}},
			ResponseSink: goldenSinkIngress("req-2"),
		}},
		{name: "workflow_empty", note: "workflow member set to an empty ServiceId", payload: &records.AttachInvocationRequest{
			Query: records.InvocationQuery{Kind: records.InvocationQueryWorkflow},
		}},
		{name: "idempotency_empty", note: "idempotency member with only service_key set to \"\"", payload: &records.AttachInvocationRequest{
			Query: records.InvocationQuery{Kind: records.InvocationQueryIdempotency, Idempotency: records.IdempotencyQuery{ServiceKey: records.Some("")}},
		}},

		// 12 ResumeInvocation.
		{name: "minimal", payload: &records.ResumeInvocationRequest{InvocationID: goldenIDA}},
		{name: "full", payload: &records.ResumeInvocationRequest{InvocationID: goldenIDB, UpdatePinnedDeploymentID: records.Some("dp_15"), ResponseSink: goldenSinkIngress("r")}},
		{name: "empty_deployment", payload: &records.ResumeInvocationRequest{InvocationID: goldenIDC, UpdatePinnedDeploymentID: records.Some("")}},

		// 13 RestartAsNewInvocation.
		{name: "minimal", payload: &records.RestartAsNewInvocationRequest{InvocationID: goldenIDA, NewInvocationID: goldenIDB}},
		{name: "full", payload: &records.RestartAsNewInvocationRequest{
			InvocationID:                goldenIDB,
			NewInvocationID:             goldenIDC,
			CopyPrefixUpToIndexIncluded: 12,
			PatchDeploymentID:           records.Some("dp_16"),
			ResponseSink:                goldenSinkPP(goldenIDA, 2),
		}},
		{name: "empty_patch", payload: &records.RestartAsNewInvocationRequest{InvocationID: goldenIDC, NewInvocationID: goldenIDC, PatchDeploymentID: records.Some("")}},

		// 14 InvokerEffect: every member of kind.
		{name: "minimal", note: "kind end", payload: &records.Effect{InvocationID: goldenIDA, EffectKind: records.EffectEnd}},
		{name: "full", note: "kind journal_entry", payload: &records.Effect{InvocationID: goldenIDB, EffectKind: records.EffectJournalEntry, EntryIndex: 3, Entry: []byte{0x0a, 0x03, 'f', 'o', 'o'}}},
		{name: "journal_entry_empty", payload: &records.Effect{InvocationID: goldenIDC, EffectKind: records.EffectJournalEntry}},
		{name: "pinned_deployment", payload: &records.Effect{InvocationID: goldenIDA, EffectKind: records.EffectPinnedDeployment, DeploymentID: "dp_15", ProtocolVersion: 5}},
		{name: "pinned_deployment_empty", payload: &records.Effect{InvocationID: goldenIDA, EffectKind: records.EffectPinnedDeployment}},
		{name: "suspended", payload: &records.Effect{InvocationID: goldenIDA, EffectKind: records.EffectSuspended, WaitingFor: []uint32{1, 2, 300, math.MaxUint32, 0}}},
		{name: "suspended_empty", payload: &records.Effect{InvocationID: goldenIDB, EffectKind: records.EffectSuspended}},
		{name: "failed", payload: &records.Effect{InvocationID: goldenIDC, EffectKind: records.EffectFailed, Failure: records.Failure{Code: 500, Message: "boom ✗"}}},
		{name: "failed_empty", payload: &records.Effect{InvocationID: goldenIDC, EffectKind: records.EffectFailed}},

		// 15 Timer: every member of value.
		{name: "minimal", note: "value clean_invocation_status", payload: &records.TimerKeyValue{ValueKind: records.TimerValueCleanInvocationStatus, InvocationID: goldenIDA}},
		{name: "full", note: "value invoke", payload: &records.TimerKeyValue{FireAtMs: 1_700_000_000_000, ValueKind: records.TimerValueInvoke, Invoke: goldenFullInvoke()}},
		{name: "complete_journal_entry", payload: &records.TimerKeyValue{FireAtMs: 1, ValueKind: records.TimerValueCompleteJournalEntry, InvocationID: goldenIDB, JournalIndex: 9}},
		{name: "neo_invoke", payload: &records.TimerKeyValue{FireAtMs: math.MaxUint64, ValueKind: records.TimerValueNeoInvoke, InvocationID: goldenIDC}},
		{name: "invoke_minimal", payload: &records.TimerKeyValue{ValueKind: records.TimerValueInvoke, Invoke: goldenMinimalInvoke()}},

		// 16 ScheduleTimer.
		{name: "minimal", note: "value neo_invoke", payload: &records.ScheduleTimer{records.TimerKeyValue{ValueKind: records.TimerValueNeoInvoke, InvocationID: goldenIDA}}},
		{name: "full", note: "value invoke", payload: &records.ScheduleTimer{records.TimerKeyValue{FireAtMs: 1_700_000_060_000, ValueKind: records.TimerValueInvoke, Invoke: goldenFullInvoke()}}},
		{name: "complete_journal_entry", payload: &records.ScheduleTimer{records.TimerKeyValue{ValueKind: records.TimerValueCompleteJournalEntry, InvocationID: goldenIDA}}},
		{name: "clean_invocation_status", payload: &records.ScheduleTimer{records.TimerKeyValue{FireAtMs: 5, ValueKind: records.TimerValueCleanInvocationStatus, InvocationID: goldenIDB}}},

		// 17 InvocationResponse: every member of result.
		{name: "minimal", note: "result success, empty", payload: &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: goldenIDA}, Result: records.ResultSuccess}},
		{name: "full", note: "result success", payload: &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: goldenIDB, EntryIndex: 4}, Result: records.ResultSuccess, Success: []byte(`"hello"`)}},
		{name: "failure", payload: &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: goldenIDC, EntryIndex: 1}, Result: records.ResultFailure, Failure: records.Failure{Code: 409, Message: "conflict"}}},
		{name: "failure_empty", payload: &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: goldenIDC}, Result: records.ResultFailure}},

		// 18 NotifyGetInvocationOutputResponse: every member of result.
		{name: "minimal", note: "result not_found", payload: &records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: goldenIDA}, Result: records.ResultNotFound}},
		{name: "full", note: "result success", payload: &records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: goldenIDB, EntryIndex: 8}, Result: records.ResultSuccess, Success: []byte{0x01, 0x02, 0x03}}},
		{name: "not_ready", payload: &records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: goldenIDC, EntryIndex: 2}, Result: records.ResultNotReady}},
		{name: "success_empty", payload: &records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: goldenIDC}, Result: records.ResultSuccess}},
		{name: "failure", payload: &records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: goldenIDA, EntryIndex: 1}, Result: records.ResultFailure, Failure: records.Failure{Code: 404, Message: "gone"}}},

		// 19 NotifySignal: every member of id and of result.
		{name: "minimal", note: "id index 0, result void", payload: &records.NotifySignalRequest{InvocationID: goldenIDA, Signal: records.Signal{ID: records.SignalIDIndex, Result: records.ResultVoid}}},
		{name: "full", note: "id name, result success", payload: &records.NotifySignalRequest{InvocationID: goldenIDB, Signal: records.Signal{ID: records.SignalIDName, Name: "approved", Result: records.ResultSuccess, Success: []byte(`{"ok":true}`)}}},
		{name: "index_failure", payload: &records.NotifySignalRequest{InvocationID: goldenIDC, Signal: records.Signal{ID: records.SignalIDIndex, Index: 17, Result: records.ResultFailure, Failure: records.Failure{Code: 1, Message: "rejected"}}}},
		{name: "name_void", payload: &records.NotifySignalRequest{InvocationID: goldenIDA, Signal: records.Signal{ID: records.SignalIDName, Name: "go", Result: records.ResultVoid}}},
		{name: "index_success_empty", payload: &records.NotifySignalRequest{InvocationID: goldenIDA, Signal: records.Signal{ID: records.SignalIDIndex, Index: math.MaxUint32, Result: records.ResultSuccess}}},

		// 20 UpsertSchema.
		{name: "minimal", payload: &records.UpsertSchema{}},
		{name: "full", payload: &records.UpsertSchema{PartitionKeyRange: envelope.RangeKeys(0, math.MaxUint64), Schema: bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 40)}},

		// 21 VQSchedulerDecisions.
		{name: "minimal", note: "an empty payload", payload: &records.VQSchedulerDecisions{}},
		{name: "full", payload: &records.VQSchedulerDecisions{Data: []byte{0x07, 0x00, 0x0a, 0xff, 'v', 'q'}}},

		// 22 UpsertRuleBook.
		{name: "minimal", note: "required partition_key_range present but empty", payload: &records.UpsertRuleBook{}},
		{name: "full", payload: &records.UpsertRuleBook{PartitionKeyRange: records.KeyRange{Start: 1, End: 1000}, RuleBook: []byte("rules: []")}},
	}

	sources := []envelope.Source{
		{},
		envelope.IngressSource(),
		envelope.ControlPlaneSource(),
		envelope.ProcessorSource(0),
		envelope.ProcessorSource(7),
		envelope.ProcessorSource(1 << 40),
	}
	dedups := []envelope.Dedup{
		{},
		envelope.SelfProposal(3, 9),
		envelope.ForeignPartition(12, 1000),
		envelope.Arbitrary(records.Optional[string]{}, envelope.U128{Hi: 1, Lo: 2}, 1),
		envelope.Arbitrary(records.Some(""), envelope.U128{}, 0),
		envelope.Arbitrary(records.Some("ingress-7"), envelope.U128{Lo: math.MaxUint64}, 77),
		envelope.SelfProposal(0, 0),
		envelope.ForeignPartition(0, math.MaxUint64),
		envelope.Arbitrary(records.Optional[string]{}, envelope.U128{}, 0),
	}
	for i := range cs {
		c := &cs[i]
		c.name = snakeCase(c.payload.Kind().String()) + "." + c.name
		c.source = sources[i%len(sources)]
		c.dedup = dedups[i%len(dedups)]
	}
	return cs
}

// snakeCase turns a kind name such as "VQSchedulerDecisions" into
// "vq_scheduler_decisions".
func snakeCase(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 &&
			(unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// goldenJSON is the layout of a .json file.
type goldenJSON struct {
	Kind   string          `json:"kind"`
	Note   string          `json:"note,omitempty"`
	Header json.RawMessage `json:"header"`
	// Payload is the payload message, for every kind but 21.
	Payload json.RawMessage `json:"payload,omitempty"`
	// PayloadBytes is the payload of kind 21 (codec bytes), in base64.
	PayloadBytes *string `json:"payload_bytes,omitempty"`
}

var (
	protojsonOut = protojson.MarshalOptions{Multiline: true, Indent: "  ", UseProtoNames: true}
	protojsonIn  = protojson.UnmarshalOptions{}
)

func writeGolden(t *testing.T, c goldenCase) {
	t.Helper()
	rec := envelope.Record{Source: c.source, Dedup: c.dedup, Payload: c.payload}
	b, err := rec.MarshalBinary()
	if err != nil {
		t.Fatalf("%s: MarshalBinary: %v", c.name, err)
	}
	h := rec.Header()
	hj, err := protojsonOut.Marshal(pbconv.HeaderToPB(h))
	if err != nil {
		t.Fatalf("%s: protojson header: %v", c.name, err)
	}
	g := goldenJSON{Kind: h.Kind.String(), Note: c.note, Header: hj}
	if m := pbconv.PayloadToPB(c.payload); m != nil {
		pj, err := protojsonOut.Marshal(m)
		if err != nil {
			t.Fatalf("%s: protojson payload: %v", c.name, err)
		}
		g.Payload = pj
	} else {
		s := base64.StdEncoding.EncodeToString(pbconv.PayloadBytes(c.payload))
		g.PayloadBytes = &s
	}
	// encoding/json re-indents the protojson parts, whose spacing protojson
	// keeps unstable on purpose: the files come out the same on every run.
	js, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatalf("%s: json: %v", c.name, err)
	}
	if err := os.WriteFile(filepath.Join(goldenDir, c.name+".bin"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(goldenDir, c.name+".json"), append(js, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readGoldenJSON parses a .json file into the protobuf-go header and payload
// messages it describes (payload nil for kind 21, whose bytes are returned
// instead).
func readGoldenJSON(t *testing.T, path string) (h *testpb.Header, payload proto.Message, data []byte) {
	t.Helper()
	js, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g goldenJSON
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	h = &testpb.Header{}
	if err := protojsonIn.Unmarshal(g.Header, h); err != nil {
		t.Fatalf("%s: header: %v", path, err)
	}
	kind := envelope.Kind(h.GetKind())
	if g.Kind != kind.String() {
		t.Errorf("%s: kind %q, header says %v", path, g.Kind, kind)
	}
	if kind == records.KindVQSchedulerDecisions {
		if g.PayloadBytes == nil || g.Payload != nil {
			t.Fatalf("%s: kind 21 wants payload_bytes and no payload", path)
		}
		data, err = base64.StdEncoding.DecodeString(*g.PayloadBytes)
		if err != nil {
			t.Fatalf("%s: payload_bytes: %v", path, err)
		}
		return h, nil, data
	}
	if g.Payload == nil || g.PayloadBytes != nil {
		t.Fatalf("%s: wants payload and no payload_bytes", path)
	}
	payload = pbconv.NewPB(kind)
	if err := protojsonIn.Unmarshal(g.Payload, payload); err != nil {
		t.Fatalf("%s: payload: %v", path, err)
	}
	return h, payload, nil
}

func TestGolden(t *testing.T) {
	cases := goldenPayloads()
	if *updateGolden {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		oldBin, _ := filepath.Glob(filepath.Join(goldenDir, "*.bin"))
		oldJSON, _ := filepath.Glob(filepath.Join(goldenDir, "*.json"))
		for _, f := range append(oldBin, oldJSON...) {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range cases {
			writeGolden(t, c)
		}
	}

	files, err := filepath.Glob(filepath.Join(goldenDir, "*.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no golden files in %s (generate them with -update-golden)", goldenDir)
	}
	// Every case has its files, and every kind a minimal and a full record.
	have := map[string]bool{}
	for _, f := range files {
		have[strings.TrimSuffix(filepath.Base(f), ".bin")] = true
	}
	for _, c := range cases {
		if !have[c.name] {
			t.Errorf("golden file %s.bin is missing", c.name)
			continue
		}
		// The file holds what the encoder writes today for the case's value.
		rec, err := (&envelope.Record{Source: c.source, Dedup: c.dedup, Payload: c.payload}).MarshalBinary()
		if err != nil {
			t.Errorf("%s: MarshalBinary: %v", c.name, err)
			continue
		}
		if stored, err := os.ReadFile(filepath.Join(goldenDir, c.name+".bin")); err != nil || !bytes.Equal(stored, rec) {
			t.Errorf("%s: the encoder now writes\n % x\nthe corpus holds\n % x (err %v)", c.name, rec, stored, err)
		}
	}
	for _, k := range records.Kinds() {
		for _, v := range []string{"minimal", "full"} {
			if name := snakeCase(k.String()) + "." + v; !have[name] {
				t.Errorf("golden file %s.bin is missing", name)
			}
		}
	}
	all, _ := filepath.Glob(filepath.Join(goldenDir, "*"))
	for _, f := range all {
		switch ext := filepath.Ext(f); ext {
		case ".bin", ".json":
			base := strings.TrimSuffix(f, ext)
			if _, err := os.Stat(base + ".bin"); err != nil {
				t.Errorf("%s has no .bin", f)
			}
			if _, err := os.Stat(base + ".json"); err != nil {
				t.Errorf("%s has no .json", f)
			}
		default:
			if filepath.Base(f) != "README.md" {
				t.Errorf("unexpected file %s in the golden corpus", f)
			}
		}
	}

	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".bin")
		t.Run(name, func(t *testing.T) { checkGolden(t, f) })
	}
}

func checkGolden(t *testing.T, binPath string) {
	rec, err := os.ReadFile(binPath)
	if err != nil {
		t.Fatal(err)
	}
	wantH, wantMsg, wantData := readGoldenJSON(t, strings.TrimSuffix(binPath, ".bin")+".json")
	kind := envelope.Kind(wantH.GetKind())

	// The bytes against the .json, with protobuf-go alone.
	if len(rec) == 0 || rec[0] != envelope.V2CodecByte {
		t.Fatalf("record does not start with the v2 codec byte: % x", rec[:min(len(rec), 1)])
	}
	hb, n := protowire.ConsumeBytes(rec[1:])
	if n < 0 {
		t.Fatalf("header length: %v", protowire.ParseError(n))
	}
	payloadBytes := rec[1+n:]
	gotH := &testpb.Header{}
	if err := proto.Unmarshal(hb, gotH); err != nil {
		t.Fatalf("protobuf-go header: %v", err)
	}
	if !proto.Equal(gotH, wantH) {
		t.Errorf("protobuf-go header:\n got  %v\n want %v", gotH, wantH)
	}
	if wantMsg != nil {
		gotMsg := pbconv.NewPB(kind)
		if err := proto.Unmarshal(payloadBytes, gotMsg); err != nil {
			t.Fatalf("protobuf-go payload: %v", err)
		}
		if !proto.Equal(gotMsg, wantMsg) {
			t.Errorf("protobuf-go payload:\n got  %v\n want %v", gotMsg, wantMsg)
		}
		// Our records are protobuf-go's deterministic output, byte for byte.
		if det, err := (proto.MarshalOptions{Deterministic: true}).Marshal(wantMsg); err != nil || !bytes.Equal(det, payloadBytes) {
			t.Errorf("payload bytes differ from protobuf-go's deterministic output (err %v):\n got  % x\n want % x", err, payloadBytes, det)
		}
	} else if !bytes.Equal(payloadBytes, wantData) {
		t.Errorf("kind 21 payload: got % x, want % x", payloadBytes, wantData)
	}
	if det, err := (proto.MarshalOptions{Deterministic: true}).Marshal(wantH); err != nil || !bytes.Equal(det, hb) {
		t.Errorf("header bytes differ from protobuf-go's deterministic output (err %v):\n got  % x\n want % x", err, hb, det)
	}

	// Ours: header-only parse, then typed decode in both modes.
	wantHeader := pbconv.HeaderFromPB(wantH)
	want := pbconv.PayloadFromPB(kind, wantMsg, wantData)
	raw, err := envelope.Parse(rec)
	if err != nil {
		t.Fatalf("envelope.Parse: %v", err)
	}
	if raw.Header != wantHeader {
		t.Errorf("header:\n got  %+v\n want %+v", raw.Header, wantHeader)
	}
	if !bytes.Equal(raw.Payload, payloadBytes) {
		t.Errorf("raw payload: got % x, want % x", raw.Payload, payloadBytes)
	}
	got, err := records.Decode(&raw)
	if err != nil {
		t.Fatalf("records.Decode: %v", err)
	}
	if !pbconv.SamePayload(got, want) {
		t.Errorf("records.Decode:\n got  %+v\n want %+v", got, want)
	}
	if got.Keys() != wantHeader.Keys {
		t.Errorf("payload keys %v, header keys %v", got.Keys(), wantHeader.Keys)
	}
	zc, err := records.New(kind)
	if err != nil {
		t.Fatalf("records.New: %v", err)
	}
	if err := raw.DecodeZeroCopy(zc); err != nil {
		t.Fatalf("DecodeZeroCopy: %v", err)
	}
	if !pbconv.SamePayload(zc, want) {
		t.Errorf("DecodeZeroCopy:\n got  %+v\n want %+v", zc, want)
	}

	// Re-encoding gives the same bytes.
	again, err := (&envelope.Record{Source: raw.Header.Source, Dedup: raw.Header.Dedup, Payload: got}).MarshalBinary()
	if err != nil {
		t.Fatalf("re-encode: %v", err)
	}
	if !bytes.Equal(again, rec) {
		t.Errorf("re-encoded record differs:\n got  % x\n want % x", again, rec)
	}
}

// TestGoldenCasesDistinct guards the corpus definition itself: names are
// unique and every kind has a minimal and a full value.
func TestGoldenCasesDistinct(t *testing.T) {
	var names []string
	for _, c := range goldenPayloads() {
		names = append(names, c.name)
	}
	sorted := slices.Clone(names)
	slices.Sort(sorted)
	if len(slices.Compact(sorted)) != len(names) {
		t.Errorf("duplicate golden case names in %v", names)
	}
	for _, k := range records.Kinds() {
		for _, v := range []string{"minimal", "full"} {
			if !slices.Contains(names, snakeCase(k.String())+"."+v) {
				t.Errorf("no golden case %s.%s", snakeCase(k.String()), v)
			}
		}
	}
}
