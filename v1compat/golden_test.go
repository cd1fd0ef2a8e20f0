package v1compat

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
)

// The golden corpus of v1 records, testdata/golden/v1/ at the repository
// root. For each case NAME:
//
//	NAME.v1        the record as the previous release wrote it: 0x05 + JSON
//	NAME.v2.hex    the v2 record it upgrades to, in hexadecimal
//	NAME.want.txt  the same v2 record, readable
//	NAME.err.txt   instead of the two above, for a record that must fail:
//	               the expected error
//
// The cases are defined below (goldenCases); -update-golden rewrites the
// files from them. The expected v2 bytes are encoded from the expected Go
// values by package envelope, not by this package's decoder. Every run
// decodes every file and compares.
var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/golden/v1 from the golden cases")

const goldenDir = "../testdata/golden/v1"

type goldenCase struct {
	name string
	json string          // the v1 JSON text, as encoding/json wrote it
	want envelope.Record // the v2 record it replays as
	err  error           // or the class of the error it fails with

	// nonCanonical is true for inputs that are not what the v1 writer writes
	// (whitespace, null where the writer omits, missing optional shapes):
	// re-encoding them gives other (equivalent) bytes.
	nonCanonical bool
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func iidJSON(pk uint64, n byte) string {
	return `{"partition_key":` + strconv.FormatUint(pk, 10) + `,"uuid":"` + b64(samples.UUID(n)) + `"}`
}

func v1rec(source, dest, command string) string {
	return `{"header":{"source":` + source + `,"dest":{"Processor":` + dest + `}},"command":` + command + `}`
}

func pk(k uint64) string { return `{"partition_key":` + strconv.FormatUint(k, 10) + `}` }

const (
	srcIngress = `{"Ingress":{}}`
	srcCP      = `{"ControlPlane":{}}`
)

func srcProc(epoch uint64) string {
	return `{"Processor":{"leader_epoch":` + strconv.FormatUint(epoch, 10) + `}}`
}

// specInvoke is the Invoke example of the v1 format's specification, verbatim.
const specInvoke = `{"header":{"source":{"Ingress":{}},"dest":{"Processor":{"partition_key":1234,"dedup":{"producer_id":{"Partition":3},"sequence_number":{"Sn":42}}}}},
 "command":{"Invoke":{"invocation_id":{"partition_key":1234,"uuid":"AAECAwQFBgcICQoLDA0ODw=="},
  "invocation_target":{"service_name":"Greeter","key":"alice","handler":"greet","type":"VirtualObject"},
  "argument":"eyJuYW1lIjoiYWxpY2UifQ==","source":{"Ingress":{"request_id":"req-1"}},"span_context":null,
  "headers":[{"name":"x-tenant","value":"acme"}],"completion_retention_ms":86400000,"journal_retention_ms":0,
  "response_sink":{"Ingress":{"request_id":"req-1"}},"restate_version":"1.6.2"}}}`

// fullInvokeJSON and fullInvoke are an invocation with every field set.
func fullInvokeJSON(k uint64, n byte) string {
	return `{"invocation_id":` + iidJSON(k, n) +
		`,"invocation_target":{"service_name":"checkout.Cart","key":"cart-9","handler":"addItem","type":"Workflow"}` +
		`,"argument":"` + b64([]byte(`{"sku":"A-1","qty":2}`)) + `"` +
		`,"source":{"Service":{"caller":` + iidJSON(k+1, n+1) + `}}` +
		`,"span_context":"` + b64([]byte("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")) + `"` +
		`,"headers":[{"name":"content-type","value":"application/json"},{"name":"x-empty","value":""},{"name":"x-naïve","value":"ünïcödé ✓ \u003cb\u003e \u0026"}]` +
		`,"execution_time_ms":1700000123456,"completion_retention_ms":86400000,"journal_retention_ms":604800000` +
		`,"idempotency_key":"idem-1"` +
		`,"response_sink":{"PartitionProcessor":{"caller":` + iidJSON(k+2, n+2) + `,"entry_index":17}}` +
		`,"submit_notification_sink":{"Ingress":{"request_id":"req-submit"}}` +
		`,"restate_version":"1.4.0"}`
}

func fullInvoke(k uint64, n byte) records.ServiceInvocation {
	return records.ServiceInvocation{
		InvocationID:     samples.ID(k, n),
		InvocationTarget: records.InvocationTarget{ServiceName: "checkout.Cart", Key: records.Some("cart-9"), Handler: "addItem", Type: records.TargetTypeWorkflow},
		Argument:         []byte(`{"sku":"A-1","qty":2}`),
		Source:           records.InvocationSource{Kind: records.InvocationSourceService, Caller: samples.ID(k+1, n+1)},
		SpanContext:      []byte("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
		Headers: []records.HeaderEntry{
			{Name: "content-type", Value: "application/json"},
			{Name: "x-empty", Value: ""},
			{Name: "x-naïve", Value: "ünïcödé ✓ <b> &"},
		},
		ExecutionTimeMs:        records.Some(uint64(1_700_000_123_456)),
		CompletionRetentionMs:  86_400_000,
		JournalRetentionMs:     604_800_000,
		IdempotencyKey:         records.Some("idem-1"),
		ResponseSink:           records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: samples.ID(k+2, n+2), EntryIndex: 17},
		SubmitNotificationSink: records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "req-submit"},
		RestateVersion:         "1.4.0",
	}
}

// minInvokeJSON and minInvoke are an invocation with only what is required
// (and the non-optional fields the writer always writes).
func minInvokeJSON(k uint64, n byte) string {
	return `{"invocation_id":` + iidJSON(k, n) +
		`,"invocation_target":{"service_name":"svc","handler":"run","type":"Service"},"argument":null,"source":{"Internal":{}},` +
		`"span_context":null,"headers":null,"completion_retention_ms":0,"journal_retention_ms":0,"restate_version":""}`
}

func minInvoke(k uint64, n byte) records.ServiceInvocation {
	return records.ServiceInvocation{
		InvocationID:     samples.ID(k, n),
		InvocationTarget: records.InvocationTarget{ServiceName: "svc", Handler: "run", Type: records.TargetTypeService},
		Source:           records.InvocationSource{Kind: records.InvocationSourceInternal},
	}
}

func target(k uint64, n byte, entry uint32) records.JournalCompletionTarget {
	return records.JournalCompletionTarget{InvocationID: samples.ID(k, n), EntryIndex: entry}
}

func targetJSON(k uint64, n byte, entry uint32) string {
	return `{"invocation_id":` + iidJSON(k, n) + `,"entry_index":` + strconv.FormatUint(uint64(entry), 10) + `}`
}

var (
	ingress = envelope.IngressSource()
	cp      = envelope.ControlPlaneSource()
	proc    = envelope.ProcessorSource
)

func goldenCases() []goldenCase {
	return []goldenCase{
		// One record per command variant, in kind order.
		{
			name: "01_announce_leader",
			json: v1rec(srcCP, pk(1<<62), `{"AnnounceLeader":{"node_id":{"id":3,"generation":7},"leader_epoch":12,`+
				`"partition_key_range":{"start":4611686018427387904,"end":9223372036854775807},"epoch_version":2,`+
				`"current_config":{"version":4,"replica_set":[1,2,3],"modified_at_ms":1700000000000,"replication":"{\"node\":3}"},`+
				`"next_config":{"version":5,"replica_set":[2,3,4]}}}`),
			want: envelope.Record{Source: cp, Payload: &records.AnnounceLeader{
				NodeID:            records.GenerationalNodeID{ID: 3, Generation: 7},
				LeaderEpoch:       12,
				PartitionKeyRange: records.KeyRange{Start: 1 << 62, End: 1<<63 - 1},
				EpochVersion:      records.Some(uint32(2)),
				CurrentConfig:     records.Some(records.CurrentConfig{Version: 4, ReplicaSet: []uint32{1, 2, 3}, ModifiedAtMs: 1_700_000_000_000, Replication: `{"node":3}`}),
				NextConfig:        records.Some(records.NextConfig{Version: 5, ReplicaSet: []uint32{2, 3, 4}}),
			}},
		},
		{
			name: "02_version_barrier",
			json: v1rec(srcCP, pk(0), `{"VersionBarrier":{"version":"1.7.0-rc.1+build.5","human_reason":"nodes \u003c 1.7 must stop \u0026 upgrade \u003e now",`+
				`"partition_key_range":{"RangeInclusive":{"start":0,"end":18446744073709551615}}}}`),
			want: envelope.Record{Source: cp, Payload: &records.VersionBarrier{
				Version:           "1.7.0-rc.1+build.5",
				HumanReason:       records.Some("nodes < 1.7 must stop & upgrade > now"),
				PartitionKeyRange: envelope.RangeKeys(0, 1<<64-1),
			}},
		},
		{
			name: "03_update_partition_durability",
			json: v1rec(srcProc(9), pk(100), `{"UpdatePartitionDurability":{"partition_id":4,"durable_point":123456789,"modification_time_ms":1700000000001,`+
				`"partition_key_range":{"RangeInclusive":{"start":100,"end":199}}}}`),
			want: envelope.Record{Source: proc(9), Payload: &records.PartitionDurability{
				PartitionID: 4, DurablePoint: 123456789, ModificationTimeMs: 1_700_000_000_001, PartitionKeyRange: envelope.RangeKeys(100, 199),
			}},
		},
		{
			name: "04_patch_state",
			json: v1rec(srcIngress, pk(77), `{"PatchState":{"service_id":{"service_name":"cart.Cart","key":"user-\u003c7\u003e","partition_key":77},"version":"v3",`+
				`"state":[{"key":"`+b64([]byte("items"))+`","value":"`+b64([]byte(`["a","b"]`))+`"},{"key":"`+b64([]byte("gone"))+`","value":null},`+
				`{"key":"`+b64([]byte("items"))+`","value":"`+b64([]byte(`[]`))+`"}]}}`),
			want: envelope.Record{Source: ingress, Payload: &records.ExternalStateMutation{
				ServiceID: records.ServiceID{ServiceName: "cart.Cart", Key: "user-<7>", PartitionKey: 77},
				Version:   records.Some("v3"),
				State: []records.StateEntry{
					{Key: []byte("items"), Value: []byte(`["a","b"]`)},
					{Key: []byte("gone")},
					{Key: []byte("items"), Value: []byte(`[]`)},
				},
			}},
		},
		{
			name: "05_terminate_invocation",
			json: v1rec(srcIngress, pk(5), `{"TerminateInvocation":{"invocation_id":`+iidJSON(5, 1)+`,"flavor":"Cancel",`+
				`"response_sink":{"PartitionProcessor":{"caller":`+iidJSON(6, 2)+`,"entry_index":3}}}}`),
			want: envelope.Record{Source: ingress, Payload: &records.InvocationTermination{
				InvocationID: samples.ID(5, 1), Flavor: records.TerminationFlavorCancel,
				ResponseSink: records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: samples.ID(6, 2), EntryIndex: 3},
			}},
		},
		{
			name: "06_purge_invocation",
			json: v1rec(srcIngress, pk(6), `{"PurgeInvocation":{"invocation_id":`+iidJSON(6, 3)+`,"response_sink":{"Ingress":{"request_id":"req-9"}}}}`),
			want: envelope.Record{Source: ingress, Payload: &records.PurgeInvocationRequest{
				InvocationID: samples.ID(6, 3), ResponseSink: records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "req-9"},
			}},
		},
		{
			name: "07_purge_journal",
			json: v1rec(srcIngress, pk(7), `{"PurgeJournal":{"invocation_id":`+iidJSON(7, 4)+`}}`),
			want: envelope.Record{Source: ingress, Payload: &records.PurgeJournal{PurgeInvocationRequest: records.PurgeInvocationRequest{InvocationID: samples.ID(7, 4)}}},
		},
		{
			name:         "08_invoke_spec_example",
			json:         specInvoke,
			nonCanonical: true,
			want: envelope.Record{Source: ingress, Dedup: envelope.ForeignPartition(3, 42), Payload: &records.ServiceInvocation{
				InvocationID:          samples.ID(1234, 0),
				InvocationTarget:      records.InvocationTarget{ServiceName: "Greeter", Key: records.Some("alice"), Handler: "greet", Type: records.TargetTypeVirtualObject},
				Argument:              []byte(`{"name":"alice"}`),
				Source:                records.InvocationSource{Kind: records.InvocationSourceIngress, RequestID: "req-1"},
				Headers:               []records.HeaderEntry{{Name: "x-tenant", Value: "acme"}},
				CompletionRetentionMs: 86_400_000,
				ResponseSink:          records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "req-1"},
				RestateVersion:        "1.6.2",
			}},
		},
		{
			name: "08_invoke_full",
			json: v1rec(srcProc(3), `{"partition_key":4096,"dedup":{"producer_id":{"Other":"SELF"},"sequence_number":{"Esn":{"leader_epoch":3,"sequence_number":99}}}}`,
				`{"Invoke":`+fullInvokeJSON(4096, 10)+`}`),
			want: func() envelope.Record {
				inv := fullInvoke(4096, 10)
				return envelope.Record{Source: proc(3), Dedup: envelope.SelfProposal(3, 99), Payload: &inv}
			}(),
		},
		{
			name: "09_truncate_outbox",
			json: v1rec(srcProc(2), pk(555), `{"TruncateOutbox":18446744073709551615}`),
			want: envelope.Record{Source: proc(2), Payload: &records.TruncateOutbox{Index: 1<<64 - 1, PartitionKeyRange: envelope.SingleKey(555)}},
		},
		{
			name: "10_proxy_through",
			json: v1rec(srcProc(2), `{"partition_key":31,"dedup":{"producer_id":{"Partition":7},"sequence_number":{"Sn":1}}}`,
				`{"ProxyThrough":`+minInvokeJSON(9000, 5)+`}`),
			want: envelope.Record{Source: proc(2), Dedup: envelope.ForeignPartition(7, 1), Payload: &records.ProxyThrough{
				Invocation: minInvoke(9000, 5), ProxyPartition: envelope.SingleKey(31),
			}},
		},
		{
			name: "11_attach_invocation",
			json: v1rec(srcIngress, pk(0x5555), `{"AttachInvocation":{"query":{"Idempotency":{"service_name":"pay.Payments","service_key":"acct-1",`+
				`"handler":"charge","idempotency_key":"idem-\u0026-1","partition_key":21845}},"block_on_inflight":true,"response_sink":{"Ingress":{"request_id":"req-2"}}}}`),
			want: envelope.Record{Source: ingress, Payload: &records.AttachInvocationRequest{
				Query: records.InvocationQuery{Kind: records.InvocationQueryIdempotency, Idempotency: records.IdempotencyQuery{
					ServiceName: "pay.Payments", ServiceKey: records.Some("acct-1"), Handler: "charge", IdempotencyKey: "idem-&-1", PartitionKey: 0x5555,
				}},
				BlockOnInflight: true,
				ResponseSink:    records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "req-2"},
			}},
		},
		{
			name: "11_attach_invocation_by_id",
			json: v1rec(srcIngress, pk(44), `{"AttachInvocation":{"query":{"InvocationId":`+iidJSON(44, 2)+`},"block_on_inflight":false}}`),
			want: envelope.Record{Source: ingress, Payload: &records.AttachInvocationRequest{
				Query: records.InvocationQuery{Kind: records.InvocationQueryInvocationID, InvocationID: samples.ID(44, 2)},
			}},
		},
		{
			name: "11_attach_invocation_workflow",
			json: v1rec(srcIngress, pk(45), `{"AttachInvocation":{"query":{"Workflow":{"service_name":"wf.Signup","key":"user-1","partition_key":45}},"block_on_inflight":true}}`),
			want: envelope.Record{Source: ingress, Payload: &records.AttachInvocationRequest{
				Query:           records.InvocationQuery{Kind: records.InvocationQueryWorkflow, Workflow: records.ServiceID{ServiceName: "wf.Signup", Key: "user-1", PartitionKey: 45}},
				BlockOnInflight: true,
			}},
		},
		{
			name: "12_resume_invocation",
			json: v1rec(srcCP, pk(12), `{"ResumeInvocation":{"invocation_id":`+iidJSON(12, 6)+`,"update_pinned_deployment_id":"dp_2"}}`),
			want: envelope.Record{Source: cp, Payload: &records.ResumeInvocationRequest{InvocationID: samples.ID(12, 6), UpdatePinnedDeploymentID: records.Some("dp_2")}},
		},
		{
			name: "13_restart_as_new_invocation",
			json: v1rec(srcIngress, pk(13), `{"RestartAsNewInvocation":{"invocation_id":`+iidJSON(13, 7)+`,"new_invocation_id":`+iidJSON(14, 8)+
				`,"copy_prefix_up_to_index_included":4,"patch_deployment_id":"dp_9","response_sink":{"Ingress":{"request_id":"r"}}}}`),
			want: envelope.Record{Source: ingress, Payload: &records.RestartAsNewInvocationRequest{
				InvocationID: samples.ID(13, 7), NewInvocationID: samples.ID(14, 8), CopyPrefixUpToIndexIncluded: 4, PatchDeploymentID: records.Some("dp_9"),
				ResponseSink: records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "r"},
			}},
		},
		{
			name: "14_invoker_effect",
			json: v1rec(srcProc(1), `{"partition_key":14,"dedup":{"producer_id":{"Other":"SELF"},"sequence_number":{"Esn":{"leader_epoch":1,"sequence_number":2}}}}`,
				`{"InvokerEffect":{"invocation_id":`+iidJSON(14, 9)+`,"kind":{"JournalEntry":{"entry_index":3,"entry":"`+b64([]byte{0, 1, 2, 0xff})+`"}}}}`),
			want: envelope.Record{Source: proc(1), Dedup: envelope.SelfProposal(1, 2), Payload: &records.Effect{
				InvocationID: samples.ID(14, 9), EffectKind: records.EffectJournalEntry, EntryIndex: 3, Entry: []byte{0, 1, 2, 0xff},
			}},
		},
		{
			name: "14_invoker_effect_pinned_deployment",
			json: v1rec(srcProc(1), pk(15), `{"InvokerEffect":{"invocation_id":`+iidJSON(15, 1)+`,"kind":{"PinnedDeployment":{"deployment_id":"dp_123","protocol_version":5}}}}`),
			want: envelope.Record{Source: proc(1), Payload: &records.Effect{InvocationID: samples.ID(15, 1), EffectKind: records.EffectPinnedDeployment, DeploymentID: "dp_123", ProtocolVersion: 5}},
		},
		{
			name: "14_invoker_effect_suspended",
			json: v1rec(srcProc(1), pk(16), `{"InvokerEffect":{"invocation_id":`+iidJSON(16, 2)+`,"kind":{"Suspended":{"waiting_for":[2,4,1000]}}}}`),
			want: envelope.Record{Source: proc(1), Payload: &records.Effect{InvocationID: samples.ID(16, 2), EffectKind: records.EffectSuspended, WaitingFor: []uint32{2, 4, 1000}}},
		},
		{
			name: "14_invoker_effect_end",
			json: v1rec(srcProc(1), pk(17), `{"InvokerEffect":{"invocation_id":`+iidJSON(17, 3)+`,"kind":{"End":{}}}}`),
			want: envelope.Record{Source: proc(1), Payload: &records.Effect{InvocationID: samples.ID(17, 3), EffectKind: records.EffectEnd}},
		},
		{
			name: "14_invoker_effect_failed",
			json: v1rec(srcProc(1), pk(18), `{"InvokerEffect":{"invocation_id":`+iidJSON(18, 4)+`,"kind":{"Failed":{"code":409,"message":"conflict: \u003cbusy\u003e"}}}}`),
			want: envelope.Record{Source: proc(1), Payload: &records.Effect{InvocationID: samples.ID(18, 4), EffectKind: records.EffectFailed, Failure: records.Failure{Code: 409, Message: "conflict: <busy>"}}},
		},
		{
			name: "15_timer",
			json: v1rec(srcProc(4), pk(4096), `{"Timer":{"fire_at_ms":1700000999000,"value":{"Invoke":`+fullInvokeJSON(4096, 11)+`}}}`),
			want: func() envelope.Record {
				return envelope.Record{Source: proc(4), Payload: &records.TimerKeyValue{FireAtMs: 1_700_000_999_000, ValueKind: records.TimerValueInvoke, Invoke: fullInvoke(4096, 11)}}
			}(),
		},
		{
			name: "15_timer_clean_invocation_status",
			json: v1rec(srcProc(4), pk(19), `{"Timer":{"fire_at_ms":0,"value":{"CleanInvocationStatus":`+iidJSON(19, 5)+`}}}`),
			want: envelope.Record{Source: proc(4), Payload: &records.TimerKeyValue{ValueKind: records.TimerValueCleanInvocationStatus, InvocationID: samples.ID(19, 5)}},
		},
		{
			name: "15_timer_neo_invoke",
			json: v1rec(srcProc(4), pk(20), `{"Timer":{"fire_at_ms":2,"value":{"NeoInvoke":`+iidJSON(20, 6)+`}}}`),
			want: envelope.Record{Source: proc(4), Payload: &records.TimerKeyValue{FireAtMs: 2, ValueKind: records.TimerValueNeoInvoke, InvocationID: samples.ID(20, 6)}},
		},
		{
			name: "16_schedule_timer",
			json: v1rec(srcProc(4), pk(21), `{"ScheduleTimer":{"fire_at_ms":1700000000500,"value":{"CompleteJournalEntry":{"invocation_id":`+iidJSON(21, 7)+`,"journal_index":8}}}}`),
			want: envelope.Record{Source: proc(4), Payload: &records.ScheduleTimer{TimerKeyValue: records.TimerKeyValue{
				FireAtMs: 1_700_000_000_500, ValueKind: records.TimerValueCompleteJournalEntry, InvocationID: samples.ID(21, 7), JournalIndex: 8,
			}}},
		},
		{
			name: "17_invocation_response",
			json: v1rec(srcProc(5), `{"partition_key":22,"dedup":{"producer_id":{"Partition":9},"sequence_number":{"Sn":1000}}}`,
				`{"InvocationResponse":{"target":`+targetJSON(22, 8, 4)+`,"result":{"Success":"`+b64([]byte(`{"ok":true}`))+`"}}}`),
			want: envelope.Record{Source: proc(5), Dedup: envelope.ForeignPartition(9, 1000), Payload: &records.InvocationResponse{
				Target: target(22, 8, 4), Result: records.ResultSuccess, Success: []byte(`{"ok":true}`),
			}},
		},
		{
			name: "17_invocation_response_failure",
			json: v1rec(srcProc(5), pk(23), `{"InvocationResponse":{"target":`+targetJSON(23, 9, 0)+`,"result":{"Failure":{"code":404,"message":"not found"}}}}`),
			want: envelope.Record{Source: proc(5), Payload: &records.InvocationResponse{
				Target: target(23, 9, 0), Result: records.ResultFailure, Failure: records.Failure{Code: 404, Message: "not found"},
			}},
		},
		{
			name: "18_notify_get_invocation_output_response",
			json: v1rec(srcProc(6), pk(24), `{"NotifyGetInvocationOutputResponse":{"target":`+targetJSON(24, 10, 1)+`,"result":{"NotFound":{}}}}`),
			want: envelope.Record{Source: proc(6), Payload: &records.GetInvocationOutputResponse{Target: target(24, 10, 1), Result: records.ResultNotFound}},
		},
		{
			name: "18_notify_get_invocation_output_response_not_ready",
			json: v1rec(srcProc(6), pk(25), `{"NotifyGetInvocationOutputResponse":{"target":`+targetJSON(25, 11, 2)+`,"result":{"NotReady":{}}}}`),
			want: envelope.Record{Source: proc(6), Payload: &records.GetInvocationOutputResponse{Target: target(25, 11, 2), Result: records.ResultNotReady}},
		},
		{
			name: "18_notify_get_invocation_output_response_success",
			json: v1rec(srcProc(6), pk(26), `{"NotifyGetInvocationOutputResponse":{"target":`+targetJSON(26, 12, 3)+`,"result":{"Success":"`+b64([]byte("output"))+`"}}}`),
			want: envelope.Record{Source: proc(6), Payload: &records.GetInvocationOutputResponse{Target: target(26, 12, 3), Result: records.ResultSuccess, Success: []byte("output")}},
		},
		{
			name: "18_notify_get_invocation_output_response_failure",
			json: v1rec(srcProc(6), pk(27), `{"NotifyGetInvocationOutputResponse":{"target":`+targetJSON(27, 13, 0)+`,"result":{"Failure":{"code":500,"message":"boom"}}}}`),
			want: envelope.Record{Source: proc(6), Payload: &records.GetInvocationOutputResponse{Target: target(27, 13, 0), Result: records.ResultFailure, Failure: records.Failure{Code: 500, Message: "boom"}}},
		},
		{
			name: "19_notify_signal",
			json: v1rec(srcIngress, pk(28), `{"NotifySignal":{"invocation_id":`+iidJSON(28, 14)+`,"signal":{"id":{"Name":"approved"},"result":{"Void":{}}}}}`),
			want: envelope.Record{Source: ingress, Payload: &records.NotifySignalRequest{
				InvocationID: samples.ID(28, 14), Signal: records.Signal{ID: records.SignalIDName, Name: "approved", Result: records.ResultVoid},
			}},
		},
		{
			name: "19_notify_signal_index_success",
			json: v1rec(srcIngress, pk(29), `{"NotifySignal":{"invocation_id":`+iidJSON(29, 15)+`,"signal":{"id":{"Index":17},"result":{"Success":"eyJ9"}}}}`),
			want: envelope.Record{Source: ingress, Payload: &records.NotifySignalRequest{
				InvocationID: samples.ID(29, 15), Signal: records.Signal{ID: records.SignalIDIndex, Index: 17, Result: records.ResultSuccess, Success: []byte{0x7b, 0x22, 0x7d}},
			}},
		},
		{
			name: "19_notify_signal_index_failure",
			json: v1rec(srcIngress, pk(30), `{"NotifySignal":{"invocation_id":`+iidJSON(30, 1)+`,"signal":{"id":{"Index":0},"result":{"Failure":{"code":1,"message":"rejected"}}}}}`),
			want: envelope.Record{Source: ingress, Payload: &records.NotifySignalRequest{
				InvocationID: samples.ID(30, 1), Signal: records.Signal{ID: records.SignalIDIndex, Result: records.ResultFailure, Failure: records.Failure{Code: 1, Message: "rejected"}},
			}},
		},
		{
			name: "20_upsert_schema",
			json: v1rec(srcCP, pk(10), `{"UpsertSchema":{"partition_key_range":{"Pair":{"a":10,"b":20}},"schema":"`+b64([]byte("schema-v7 <opaque>"))+`"}}`),
			want: envelope.Record{Source: cp, Payload: &records.UpsertSchema{PartitionKeyRange: envelope.PairKeys(10, 20), Schema: []byte("schema-v7 <opaque>")}},
		},
		{
			name: "21_vq_scheduler_decisions",
			json: v1rec(srcProc(8), pk(0), `{"VQSchedulerDecisions":"`+b64(bytes.Repeat([]byte{0xab, 0xcd}, 20))+`"}`),
			want: envelope.Record{Source: proc(8), Payload: &records.VQSchedulerDecisions{Data: bytes.Repeat([]byte{0xab, 0xcd}, 20)}},
		},
		{
			name: "22_upsert_rule_book",
			json: v1rec(srcCP, pk(5), `{"UpsertRuleBook":{"partition_key_range":{"start":5,"end":5},"rule_book":"`+b64([]byte("rules"))+`"}}`),
			want: envelope.Record{Source: cp, Payload: &records.UpsertRuleBook{PartitionKeyRange: records.KeyRange{Start: 5, End: 5}, RuleBook: []byte("rules")}},
		},

		// Old shapes.
		{
			name: "old_partition_durability_without_key_range",
			json: v1rec(srcProc(9), pk(0), `{"UpdatePartitionDurability":{"partition_id":4,"durable_point":77,"modification_time_ms":1600000000000}}`),
			want: envelope.Record{Source: proc(9), Payload: &records.PartitionDurability{PartitionID: 4, DurablePoint: 77, ModificationTimeMs: 1_600_000_000_000}},
		},
		{
			name: "old_source_processor_partition_id_and_key",
			json: v1rec(`{"Processor":{"partition_id":3,"partition_key":12345,"leader_epoch":11}}`, pk(7), `{"TruncateOutbox":40}`),
			want: envelope.Record{Source: proc(11), Payload: &records.TruncateOutbox{Index: 40, PartitionKeyRange: envelope.SingleKey(7)}},
		},
		{
			name: "old_source_processor_partition_id_only",
			json: v1rec(`{"Processor":{"partition_id":4294967295,"leader_epoch":0}}`, pk(8), `{"TruncateOutbox":0}`),
			want: envelope.Record{Source: proc(0), Payload: &records.TruncateOutbox{PartitionKeyRange: envelope.SingleKey(8)}},
		},
		{
			name: "old_source_processor_leader_epoch_only",
			json: v1rec(srcProc(18446744073709551615), pk(9), `{"TruncateOutbox":1}`),
			want: envelope.Record{Source: proc(1<<64 - 1), Payload: &records.TruncateOutbox{Index: 1, PartitionKeyRange: envelope.SingleKey(9)}},
		},

		// Deduplication: absent, null, the five valid and the two invalid
		// combinations of the v1 → v2 dedup table of FORMAT.md §8.
		{
			name: "dedup_absent",
			json: v1rec(srcIngress, pk(3), `{"TruncateOutbox":5}`),
			want: envelope.Record{Source: ingress, Payload: &records.TruncateOutbox{Index: 5, PartitionKeyRange: envelope.SingleKey(3)}},
		},
		{
			name:         "dedup_null",
			json:         v1rec(srcIngress, `{"partition_key":3,"dedup":null}`, `{"TruncateOutbox":5}`),
			nonCanonical: true,
			want:         envelope.Record{Source: ingress, Payload: &records.TruncateOutbox{Index: 5, PartitionKeyRange: envelope.SingleKey(3)}},
		},
		{
			name: "dedup_partition_sn",
			json: v1rec(srcIngress, `{"partition_key":3,"dedup":{"producer_id":{"Partition":4294967295},"sequence_number":{"Sn":18446744073709551615}}}`, `{"TruncateOutbox":5}`),
			want: envelope.Record{Source: ingress, Dedup: envelope.ForeignPartition(1<<32-1, 1<<64-1), Payload: &records.TruncateOutbox{Index: 5, PartitionKeyRange: envelope.SingleKey(3)}},
		},
		{
			name: "dedup_other_esn",
			json: v1rec(srcProc(6), `{"partition_key":3,"dedup":{"producer_id":{"Other":"leader-\u003c6\u003e"},"sequence_number":{"Esn":{"leader_epoch":6,"sequence_number":60}}}}`, `{"TruncateOutbox":5}`),
			want: envelope.Record{Source: proc(6), Dedup: envelope.SelfProposal(6, 60), Payload: &records.TruncateOutbox{Index: 5, PartitionKeyRange: envelope.SingleKey(3)}},
		},
		{
			name: "dedup_other_sn",
			json: v1rec(srcIngress, `{"partition_key":3,"dedup":{"producer_id":{"Other":"ingress-\u0026-7"},"sequence_number":{"Sn":70}}}`, `{"TruncateOutbox":5}`),
			want: envelope.Record{Source: ingress, Dedup: envelope.Arbitrary(envelope.Some("ingress-&-7"), envelope.U128{}, 70), Payload: &records.TruncateOutbox{Index: 5, PartitionKeyRange: envelope.SingleKey(3)}},
		},
		{
			name: "dedup_other_self_sn",
			json: v1rec(srcIngress, `{"partition_key":3,"dedup":{"producer_id":{"Other":"SELF"},"sequence_number":{"Sn":71}}}`, `{"TruncateOutbox":5}`),
			want: envelope.Record{Source: ingress, Dedup: envelope.Arbitrary(envelope.Some("SELF"), envelope.U128{}, 71), Payload: &records.TruncateOutbox{Index: 5, PartitionKeyRange: envelope.SingleKey(3)}},
		},
		{
			name: "dedup_producer_sn",
			json: v1rec(srcIngress, `{"partition_key":3,"dedup":{"producer_id":{"Producer":{"h":18446744073709551615,"l":1}},"sequence_number":{"Sn":72}}}`, `{"TruncateOutbox":5}`),
			want: envelope.Record{Source: ingress, Dedup: envelope.Arbitrary(envelope.Optional[string]{}, envelope.U128{Hi: 1<<64 - 1, Lo: 1}, 72), Payload: &records.TruncateOutbox{Index: 5, PartitionKeyRange: envelope.SingleKey(3)}},
		},
		{
			name: "dedup_partition_esn_invalid",
			json: v1rec(srcIngress, `{"partition_key":3,"dedup":{"producer_id":{"Partition":1},"sequence_number":{"Esn":{"leader_epoch":1,"sequence_number":2}}}}`, `{"TruncateOutbox":5}`),
			err:  ErrInvalidDedup,
		},
		{
			name: "dedup_producer_esn_invalid",
			json: v1rec(srcIngress, `{"partition_key":3,"dedup":{"producer_id":{"Producer":{"h":0,"l":9}},"sequence_number":{"Esn":{"leader_epoch":1,"sequence_number":2}}}}`, `{"TruncateOutbox":5}`),
			err:  ErrInvalidDedup,
		},
	}
}

// dumpRecord writes a v2 record readably, for NAME.want.txt.
func dumpRecord(rec *envelope.Record) string {
	h := rec.Header()
	var b strings.Builder
	fmt.Fprintf(&b, "source: %v\ndedup:  %v\nkind:   %v (%d)\ncodec:  %v\nkeys:   %v\npayload %T:\n", h.Source, h.Dedup, h.Kind, h.Kind, h.Codec, h.Keys, rec.Payload)
	dumpValue(&b, reflect.ValueOf(rec.Payload).Elem(), "  ")
	return b.String()
}

func dumpValue(b *strings.Builder, v reflect.Value, indent string) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), v.Field(i)
		if !f.IsExported() {
			continue
		}
		switch {
		case f.Type == reflect.TypeOf(envelope.Keys{}):
			fmt.Fprintf(b, "%s%s: %v\n", indent, f.Name, fv.Interface())
		case fv.Kind() == reflect.Struct && strings.HasPrefix(f.Type.Name(), "Optional["):
			if fv.FieldByName("Set").Bool() {
				inner := fv.FieldByName("Value")
				if inner.Kind() == reflect.Struct {
					fmt.Fprintf(b, "%s%s: (set)\n", indent, f.Name)
					dumpValue(b, inner, indent+"  ")
				} else {
					fmt.Fprintf(b, "%s%s: %s\n", indent, f.Name, scalar(inner))
				}
			} else {
				fmt.Fprintf(b, "%s%s: (absent)\n", indent, f.Name)
			}
		case fv.Kind() == reflect.Struct:
			fmt.Fprintf(b, "%s%s:\n", indent, f.Name)
			dumpValue(b, fv, indent+"  ")
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Uint8:
			fmt.Fprintf(b, "%s%s: %q\n", indent, f.Name, fv.Bytes())
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Struct:
			fmt.Fprintf(b, "%s%s: [%d]\n", indent, f.Name, fv.Len())
			for j := 0; j < fv.Len(); j++ {
				fmt.Fprintf(b, "%s  [%d]\n", indent, j)
				dumpValue(b, fv.Index(j), indent+"    ")
			}
		default:
			fmt.Fprintf(b, "%s%s: %s\n", indent, f.Name, scalar(fv))
		}
	}
}

// scalar renders a scalar field: enums and oneof member kinds as their
// numbers (their String methods are for people, the corpus is fixed).
func scalar(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	}
	return fmt.Sprint(v.Interface())
}

func writeGolden(t *testing.T) {
	t.Helper()
	if err := os.MkdirAll(goldenDir, 0o755); err != nil {
		t.Fatal(err)
	}
	old, _ := filepath.Glob(filepath.Join(goldenDir, "*"))
	for _, f := range old {
		os.Remove(f)
	}
	for _, c := range goldenCases() {
		base := filepath.Join(goldenDir, c.name)
		write := func(path string, b []byte) {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(base+".v1", append([]byte{envelope.V1CodecByte}, c.json...))
		if c.err != nil {
			_, err := Decode(append([]byte{envelope.V1CodecByte}, c.json...))
			if !errors.Is(err, c.err) {
				t.Fatalf("%s: got %v, want %v", c.name, err, c.err)
			}
			write(base+".err.txt", []byte(err.Error()+"\n"))
			continue
		}
		v2, err := c.want.MarshalBinary()
		if err != nil {
			t.Fatalf("%s: encoding the expected v2 record: %v", c.name, err)
		}
		write(base+".v2.hex", []byte(hex.EncodeToString(v2)+"\n"))
		write(base+".want.txt", []byte(dumpRecord(&c.want)))
	}
}

// TestGolden decodes every file of the corpus and compares it with what the
// files and the case table expect.
func TestGolden(t *testing.T) {
	if *updateGolden {
		writeGolden(t)
	}
	cases := map[string]goldenCase{}
	for _, c := range goldenCases() {
		cases[c.name] = c
	}
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.v1"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	if len(files) != len(cases) {
		t.Errorf("%d golden files, %d cases: run go test ./v1compat/ -update-golden after changing the cases", len(files), len(cases))
	}
	variants := map[envelope.Kind]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".v1")
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			base := strings.TrimSuffix(f, ".v1")
			c, inTable := cases[name]
			if !inTable {
				t.Fatalf("no case %s in goldenCases", name)
			}
			if string(in[1:]) != c.json {
				t.Errorf("file differs from the case's JSON:\nfile %s\ncase %s", in[1:], c.json)
			}
			if wantErr, err := os.ReadFile(base + ".err.txt"); err == nil {
				_, gotErr := Upgrade(nil, in)
				if gotErr == nil || gotErr.Error()+"\n" != string(wantErr) || !errors.Is(gotErr, c.err) {
					t.Errorf("error\n got %v\nwant %s", gotErr, wantErr)
				}
				return
			}
			hexText, err := os.ReadFile(base + ".v2.hex")
			if err != nil {
				t.Fatal(err)
			}
			want, err := hex.DecodeString(strings.TrimSpace(string(hexText)))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Upgrade(nil, in)
			if err != nil {
				t.Fatalf("Upgrade: %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Upgrade\n got %x\nwant %x", got, want)
			}
			wantText, err := os.ReadFile(base + ".want.txt")
			if err != nil {
				t.Fatal(err)
			}
			if d := dumpRecord(&c.want); d != string(wantText) {
				t.Errorf("want.txt differs from the case:\n%s\nvs\n%s", wantText, d)
			}

			// The decoded values, through Decode and ToV2, are the case's.
			r, err := Decode(in)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			variants[r.Command.Kind] = true
			rec, err := ToV2(r)
			if err != nil {
				t.Fatalf("ToV2: %v", err)
			}
			if !reflect.DeepEqual(rec, c.want) {
				t.Errorf("ToV2\n got %+v\nwant %+v", rec.Payload, c.want.Payload)
			}

			// ReadRecord gives the same view as parsing the expected bytes.
			raw, err := ReadRecord(in)
			if err != nil {
				t.Fatalf("ReadRecord: %v", err)
			}
			wantRaw, _ := envelope.Parse(want)
			if !reflect.DeepEqual(raw, wantRaw) {
				t.Errorf("ReadRecord\n got %+v\nwant %+v", raw, wantRaw)
			}

			// The writer writes the record back as encoding/json did.
			out, err := r.MarshalBinary()
			if err != nil {
				t.Fatalf("MarshalBinary: %v", err)
			}
			if !c.nonCanonical && !bytes.Equal(out, in) {
				t.Errorf("MarshalBinary\n got %s\nwant %s", out[1:], in[1:])
			}
			if !c.nonCanonical {
				checkEncodingJSONStyle(t, in[1:])
			}
		})
	}
	if len(variants) != 22 {
		t.Errorf("the corpus covers %d command variants, want 22", len(variants))
	}
}

// checkEncodingJSONStyle checks what can be checked without the previous
// release's types that text is as encoding/json writes: valid, compact,
// with its HTML-safe escaping.
func checkEncodingJSONStyle(t *testing.T, text []byte) {
	t.Helper()
	if !json.Valid(text) {
		t.Fatalf("not valid JSON: %s", text)
	}
	var c bytes.Buffer
	if err := json.Compact(&c, text); err != nil || !bytes.Equal(c.Bytes(), text) {
		t.Errorf("not compact: %s", text)
	}
	var h bytes.Buffer
	json.HTMLEscape(&h, text)
	if !bytes.Equal(h.Bytes(), text) {
		t.Errorf("not HTML-escaped as encoding/json writes: %s", text)
	}
}
