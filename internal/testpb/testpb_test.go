package testpb_test

import (
	"bytes"
	"encoding/hex"
	"slices"
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	"github.com/walwire/walwire/internal/testpb"
)

const pkg = "walwire.v2."

// field is one expected field of a message, transcribed from FORMAT.md §4, §6–§7, §5
type field struct {
	num      protoreflect.FieldNumber
	name     string
	kind     protoreflect.Kind
	typ      string // message or enum name without the package; "" for scalars
	oneof    string // name of the (non-synthetic) oneof holding the field; "" if none
	optional bool   // declared with the proto3 `optional` keyword
	repeated bool
}

func (f field) in(oneof string) field { f.oneof = oneof; return f }
func (f field) opt() field            { f.optional = true; return f }
func (f field) rep() field            { f.repeated = true; return f }

func u64(n protoreflect.FieldNumber, name string) field {
	return field{num: n, name: name, kind: protoreflect.Uint64Kind}
}
func u32(n protoreflect.FieldNumber, name string) field {
	return field{num: n, name: name, kind: protoreflect.Uint32Kind}
}
func str(n protoreflect.FieldNumber, name string) field {
	return field{num: n, name: name, kind: protoreflect.StringKind}
}
func byts(n protoreflect.FieldNumber, name string) field {
	return field{num: n, name: name, kind: protoreflect.BytesKind}
}
func boolean(n protoreflect.FieldNumber, name string) field {
	return field{num: n, name: name, kind: protoreflect.BoolKind}
}
func msg(n protoreflect.FieldNumber, name, typ string) field {
	return field{num: n, name: name, kind: protoreflect.MessageKind, typ: typ}
}
func enm(n protoreflect.FieldNumber, name, typ string) field {
	return field{num: n, name: name, kind: protoreflect.EnumKind, typ: typ}
}

// schema maps each message (name without the package) to its fields, in field-number order.
var schema = map[string][]field{
	// FORMAT.md §4 header, keys (5) included: written when the payload has
	// keys; absent means none.
	"KindPayload": {str(1, "message"), enm(2, "codec", "Codec")},
	"Header": {
		msg(1, "source", "Source"),
		msg(2, "dedup", "Dedup"),
		enm(3, "kind", "RecordKind"),
		enm(4, "codec", "Codec"),
		msg(5, "keys", "Keys"),
	},
	"Source": {
		msg(1, "ingress", "Empty").in("member"),
		msg(2, "control_plane", "Empty").in("member"),
		msg(3, "processor", "Processor").in("member"),
	},
	"Processor": {u64(1, "leader_epoch")},
	"Dedup": {
		msg(1, "self_proposal", "Dedup.SelfProposal").in("member"),
		msg(2, "foreign_partition", "Dedup.ForeignPartition").in("member"),
		msg(3, "arbitrary", "Dedup.Arbitrary").in("member"),
	},
	"Dedup.SelfProposal":     {u64(1, "leader_epoch"), u64(2, "seq")},
	"Dedup.ForeignPartition": {u32(1, "partition"), u64(2, "seq")},
	"Dedup.Arbitrary":        {str(1, "prefix").opt(), msg(2, "producer_id", "U128"), u64(3, "seq")},
	"U128":                   {u64(1, "hi"), u64(2, "lo")},
	// FORMAT.md §6 keys.
	"Keys": {
		u64(1, "single").in("member"),
		msg(2, "pair", "Keys.Pair").in("member"),
		msg(3, "range_inclusive", "Keys.RangeInclusive").in("member"),
	},
	"Keys.Pair":           {u64(1, "a"), u64(2, "b")},
	"Keys.RangeInclusive": {u64(1, "start"), u64(2, "end")},
	"Empty":               {},

	// FORMAT.md §5 shared types.
	"InvocationId": {u64(1, "partition_key"), byts(2, "uuid")},
	"ServiceId":    {str(1, "service_name"), str(2, "key"), u64(3, "partition_key")},
	"InvocationTarget": {
		str(1, "service_name"), str(2, "key").opt(), str(3, "handler"), enm(4, "type", "TargetType"),
	},
	"ResponseSink": {
		msg(1, "partition_processor", "ResponseSink.PartitionProcessor").in("member"),
		msg(2, "ingress", "ResponseSink.Ingress").in("member"),
	},
	"ResponseSink.PartitionProcessor": {msg(1, "caller", "InvocationId"), u32(2, "entry_index")},
	"ResponseSink.Ingress":            {str(1, "request_id")},
	"InvocationSource": {
		msg(1, "ingress", "InvocationSource.Ingress").in("member"),
		msg(2, "service", "InvocationSource.Service").in("member"),
		msg(3, "internal", "Empty").in("member"),
	},
	"InvocationSource.Ingress": {str(1, "request_id")},
	"InvocationSource.Service": {msg(1, "caller", "InvocationId")},
	"HeaderEntry":              {str(1, "name"), str(2, "value")},
	"KeyRange":                 {u64(1, "start"), u64(2, "end")},
	"Failure":                  {u32(1, "code"), str(2, "message")},

	// FORMAT.md §5 payloads.
	"AnnounceLeader": {
		msg(1, "node_id", "GenerationalNodeId"),
		u64(2, "leader_epoch"),
		msg(3, "partition_key_range", "KeyRange"),
		u32(4, "epoch_version").opt(),
		msg(5, "current_config", "CurrentConfig"),
		msg(6, "next_config", "NextConfig"),
	},
	"GenerationalNodeId": {u32(1, "id"), u32(2, "generation")},
	"CurrentConfig": {
		u32(1, "version"), u32(2, "replica_set").rep(), u64(3, "modified_at_ms"), str(4, "replication"),
	},
	"NextConfig": {u32(1, "version"), u32(2, "replica_set").rep()},
	"VersionBarrier": {
		str(1, "version"), str(2, "human_reason").opt(), msg(3, "partition_key_range", "Keys"),
	},
	"PartitionDurability": {
		u32(1, "partition_id"), u64(2, "durable_point"), u64(3, "modification_time_ms"),
		msg(4, "partition_key_range", "Keys"),
	},
	"ExternalStateMutation": {
		msg(1, "service_id", "ServiceId"), str(2, "version").opt(), msg(3, "state", "StateEntry").rep(),
	},
	"StateEntry": {byts(1, "key"), byts(2, "value")},
	"InvocationTermination": {
		msg(1, "invocation_id", "InvocationId"),
		enm(2, "flavor", "TerminationFlavor"),
		msg(3, "response_sink", "ResponseSink"),
	},
	"PurgeInvocationRequest": {msg(1, "invocation_id", "InvocationId"), msg(2, "response_sink", "ResponseSink")},
	"ServiceInvocation": {
		msg(1, "invocation_id", "InvocationId"),
		msg(2, "invocation_target", "InvocationTarget"),
		byts(3, "argument"),
		msg(4, "source", "InvocationSource"),
		byts(5, "span_context"),
		msg(6, "headers", "HeaderEntry").rep(),
		u64(7, "execution_time_ms").opt(),
		u64(8, "completion_retention_ms"),
		u64(9, "journal_retention_ms"),
		str(10, "idempotency_key").opt(),
		msg(11, "response_sink", "ResponseSink"),
		msg(12, "submit_notification_sink", "ResponseSink"),
		str(13, "restate_version"),
	},
	"TruncateOutbox": {u64(1, "index"), msg(2, "partition_key_range", "Keys")},
	"ProxyThrough":   {msg(1, "invocation", "ServiceInvocation"), msg(2, "proxy_partition", "Keys")},
	"AttachInvocationRequest": {
		msg(1, "query", "InvocationQuery"), boolean(2, "block_on_inflight"), msg(3, "response_sink", "ResponseSink"),
	},
	"InvocationQuery": {
		msg(1, "invocation_id", "InvocationId").in("member"),
		msg(2, "workflow", "ServiceId").in("member"),
		msg(3, "idempotency", "InvocationQuery.Idempotency").in("member"),
	},
	"InvocationQuery.Idempotency": {
		str(1, "service_name"), str(2, "service_key").opt(), str(3, "handler"), str(4, "idempotency_key"),
		u64(5, "partition_key"),
	},
	"ResumeInvocationRequest": {
		msg(1, "invocation_id", "InvocationId"), str(2, "update_pinned_deployment_id").opt(),
		msg(3, "response_sink", "ResponseSink"),
	},
	"RestartAsNewInvocationRequest": {
		msg(1, "invocation_id", "InvocationId"), msg(2, "new_invocation_id", "InvocationId"),
		u32(3, "copy_prefix_up_to_index_included"), str(4, "patch_deployment_id").opt(),
		msg(5, "response_sink", "ResponseSink"),
	},
	"Effect": {
		msg(1, "invocation_id", "InvocationId"),
		msg(2, "pinned_deployment", "Effect.PinnedDeployment").in("kind"),
		msg(3, "journal_entry", "Effect.JournalEntry").in("kind"),
		msg(4, "suspended", "Effect.Suspended").in("kind"),
		msg(5, "end", "Empty").in("kind"),
		msg(6, "failed", "Failure").in("kind"),
	},
	"Effect.PinnedDeployment": {str(1, "deployment_id"), u32(2, "protocol_version")},
	"Effect.JournalEntry":     {u32(1, "entry_index"), byts(2, "entry")},
	"Effect.Suspended":        {u32(1, "waiting_for").rep()},
	"TimerKeyValue": {
		u64(1, "fire_at_ms"),
		msg(2, "invoke", "ServiceInvocation").in("value"),
		msg(3, "complete_journal_entry", "TimerKeyValue.CompleteJournalEntry").in("value"),
		msg(4, "clean_invocation_status", "InvocationId").in("value"),
		msg(5, "neo_invoke", "InvocationId").in("value"),
	},
	"TimerKeyValue.CompleteJournalEntry": {msg(1, "invocation_id", "InvocationId"), u32(2, "journal_index")},
	"JournalCompletionTarget":            {msg(1, "invocation_id", "InvocationId"), u32(2, "entry_index")},
	"InvocationResponse": {
		msg(1, "target", "JournalCompletionTarget"),
		byts(2, "success").in("result"),
		msg(3, "failure", "Failure").in("result"),
	},
	"GetInvocationOutputResponse": {
		msg(1, "target", "JournalCompletionTarget"),
		msg(2, "not_found", "Empty").in("result"),
		msg(3, "not_ready", "Empty").in("result"),
		byts(4, "success").in("result"),
		msg(5, "failure", "Failure").in("result"),
	},
	"NotifySignalRequest": {msg(1, "invocation_id", "InvocationId"), msg(2, "signal", "Signal")},
	"Signal": {
		u32(1, "index").in("id"),
		str(2, "name").in("id"),
		msg(3, "void", "Empty").in("result"),
		byts(4, "success").in("result"),
		msg(5, "failure", "Failure").in("result"),
	},
	"UpsertSchema":   {msg(1, "partition_key_range", "Keys"), byts(2, "schema")},
	"UpsertRuleBook": {msg(1, "partition_key_range", "KeyRange"), byts(2, "rule_book")},
}

// enums maps each enum to its values, transcribed from FORMAT.md §4, §7, §5
var enums = map[string]map[protoreflect.EnumNumber]string{
	"RecordKind": {
		0:  "RECORD_KIND_UNKNOWN",
		1:  "RECORD_KIND_ANNOUNCE_LEADER",
		2:  "RECORD_KIND_VERSION_BARRIER",
		3:  "RECORD_KIND_UPDATE_PARTITION_DURABILITY",
		4:  "RECORD_KIND_PATCH_STATE",
		5:  "RECORD_KIND_TERMINATE_INVOCATION",
		6:  "RECORD_KIND_PURGE_INVOCATION",
		7:  "RECORD_KIND_PURGE_JOURNAL",
		8:  "RECORD_KIND_INVOKE",
		9:  "RECORD_KIND_TRUNCATE_OUTBOX",
		10: "RECORD_KIND_PROXY_THROUGH",
		11: "RECORD_KIND_ATTACH_INVOCATION",
		12: "RECORD_KIND_RESUME_INVOCATION",
		13: "RECORD_KIND_RESTART_AS_NEW_INVOCATION",
		14: "RECORD_KIND_INVOKER_EFFECT",
		15: "RECORD_KIND_TIMER",
		16: "RECORD_KIND_SCHEDULE_TIMER",
		17: "RECORD_KIND_INVOCATION_RESPONSE",
		18: "RECORD_KIND_NOTIFY_GET_INVOCATION_OUTPUT_RESPONSE",
		19: "RECORD_KIND_NOTIFY_SIGNAL",
		20: "RECORD_KIND_UPSERT_SCHEMA",
		21: "RECORD_KIND_VQ_SCHEDULER_DECISIONS",
		22: "RECORD_KIND_UPSERT_RULE_BOOK",
	},
	"Codec": {
		0: "CODEC_UNSPECIFIED",
		1: "CODEC_PROTOBUF",
		2: "CODEC_FLEXBUFFERS",
		3: "CODEC_BYTES",
		4: "CODEC_RETIRED",
		5: "CODEC_JSON",
		6: "CODEC_BILROST",
		7: "CODEC_CUSTOM",
	},
	"TargetType": {
		0: "TARGET_TYPE_UNSPECIFIED",
		1: "TARGET_TYPE_SERVICE",
		2: "TARGET_TYPE_VIRTUAL_OBJECT",
		3: "TARGET_TYPE_WORKFLOW",
	},
	"TerminationFlavor": {
		0: "TERMINATION_FLAVOR_UNSPECIFIED",
		1: "TERMINATION_FLAVOR_KILL",
		2: "TERMINATION_FLAVOR_CANCEL",
	},
}

func files() []protoreflect.FileDescriptor {
	return []protoreflect.FileDescriptor{
		testpb.File_walwire_v2_header_proto,
		testpb.File_walwire_v2_types_proto,
		testpb.File_walwire_v2_records_proto,
	}
}

// collect walks every message (nested included) and enum declared in the proto files.
func collect() (msgs map[string]protoreflect.MessageDescriptor, enumDescs map[string]protoreflect.EnumDescriptor) {
	msgs = map[string]protoreflect.MessageDescriptor{}
	enumDescs = map[string]protoreflect.EnumDescriptor{}
	var walk func(protoreflect.MessageDescriptors, protoreflect.EnumDescriptors)
	walk = func(ms protoreflect.MessageDescriptors, es protoreflect.EnumDescriptors) {
		for i := 0; i < es.Len(); i++ {
			enumDescs[string(es.Get(i).FullName())] = es.Get(i)
		}
		for i := 0; i < ms.Len(); i++ {
			m := ms.Get(i)
			msgs[string(m.FullName())] = m
			walk(m.Messages(), m.Enums())
		}
	}
	for _, fd := range files() {
		walk(fd.Messages(), fd.Enums())
	}
	return msgs, enumDescs
}

func TestFiles(t *testing.T) {
	for _, fd := range files() {
		if fd.Syntax() != protoreflect.Proto3 {
			t.Errorf("%s: syntax %v, want proto3", fd.Path(), fd.Syntax())
		}
		if fd.Package() != "walwire.v2" {
			t.Errorf("%s: package %q, want walwire.v2", fd.Path(), fd.Package())
		}
		if got, err := protoregistry.GlobalFiles.FindFileByPath(fd.Path()); err != nil || got != fd {
			t.Errorf("%s: not registered (err %v)", fd.Path(), err)
		}
	}
}

// TestMessagesMatchSpec checks every declared message against the contract:
// the same set of messages, and in each the same field numbers, names, kinds,
// referenced types, oneof membership, `optional` keyword and repetition.
func TestMessagesMatchSpec(t *testing.T) {
	msgs, _ := collect()

	var want, got []string
	for name := range schema {
		want = append(want, pkg+name)
	}
	for name := range msgs {
		got = append(got, name)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Errorf("declared messages differ from spec:\n got  %v\n want %v", got, want)
	}

	for name, fields := range schema {
		md, ok := msgs[pkg+name]
		if !ok {
			t.Errorf("message %s not declared", name)
			continue
		}
		if md.Fields().Len() != len(fields) {
			t.Errorf("%s: %d fields, want %d", name, md.Fields().Len(), len(fields))
		}
		wantOneofs := map[string]int{}
		for _, f := range fields {
			if f.oneof != "" {
				wantOneofs[f.oneof]++
			}
			fd := md.Fields().ByNumber(f.num)
			if fd == nil {
				t.Errorf("%s: no field %d (%s)", name, f.num, f.name)
				continue
			}
			checkField(t, name, fd, f)
		}
		// Real (non-synthetic) oneofs: same names and sizes as the spec.
		gotOneofs := map[string]int{}
		for i := 0; i < md.Oneofs().Len(); i++ {
			od := md.Oneofs().Get(i)
			if !od.IsSynthetic() {
				gotOneofs[string(od.Name())] = od.Fields().Len()
			}
		}
		if len(gotOneofs) != len(wantOneofs) {
			t.Errorf("%s: oneofs %v, want %v", name, gotOneofs, wantOneofs)
		}
		for o, n := range wantOneofs {
			if gotOneofs[o] != n {
				t.Errorf("%s: oneof %s has %d members, want %d", name, o, gotOneofs[o], n)
			}
		}
	}
}

func checkField(t *testing.T, msgName string, fd protoreflect.FieldDescriptor, f field) {
	t.Helper()
	where := msgName + "." + f.name
	if string(fd.Name()) != f.name {
		t.Errorf("%s: field %d is named %q", where, f.num, fd.Name())
	}
	if fd.Kind() != f.kind {
		t.Errorf("%s: kind %v, want %v", where, fd.Kind(), f.kind)
	}
	switch f.kind {
	case protoreflect.MessageKind:
		if got := string(fd.Message().FullName()); got != pkg+f.typ {
			t.Errorf("%s: type %s, want %s", where, got, pkg+f.typ)
		}
	case protoreflect.EnumKind:
		if got := string(fd.Enum().FullName()); got != pkg+f.typ {
			t.Errorf("%s: type %s, want %s", where, got, pkg+f.typ)
		}
	}
	gotOneof := ""
	if od := fd.ContainingOneof(); od != nil && !od.IsSynthetic() {
		gotOneof = string(od.Name())
	}
	if gotOneof != f.oneof {
		t.Errorf("%s: in oneof %q, want %q", where, gotOneof, f.oneof)
	}
	if fd.HasOptionalKeyword() != f.optional {
		t.Errorf("%s: optional keyword %v, want %v", where, fd.HasOptionalKeyword(), f.optional)
	}
	if fd.IsList() != f.repeated {
		t.Errorf("%s: repeated %v, want %v", where, fd.IsList(), f.repeated)
	}
	if f.repeated && f.kind != protoreflect.MessageKind && !fd.IsPacked() {
		t.Errorf("%s: repeated scalar is not packed", where)
	}
	if fd.IsMap() {
		t.Errorf("%s: is a map; the spec uses ordered repeated fields", where)
	}
}

func TestEnumsMatchSpec(t *testing.T) {
	_, enumDescs := collect()
	if len(enumDescs) != len(enums) {
		t.Errorf("%d enums declared, want %d", len(enumDescs), len(enums))
	}
	for name, values := range enums {
		ed, ok := enumDescs[pkg+name]
		if !ok {
			t.Errorf("enum %s not declared", name)
			continue
		}
		if ed.Values().Len() != len(values) {
			t.Errorf("%s: %d values, want %d", name, ed.Values().Len(), len(values))
		}
		for num, want := range values {
			vd := ed.Values().ByNumber(num)
			if vd == nil {
				t.Errorf("%s: no value %d (%s)", name, num, want)
				continue
			}
			if string(vd.Name()) != want {
				t.Errorf("%s: value %d is %s, want %s", name, num, vd.Name(), want)
			}
		}
	}
}

// TestGoNames pins a few of the generated Go constants and accessors that
// conformance tests elsewhere rely on.
func TestGoNames(t *testing.T) {
	cases := []struct {
		got  int32
		want int32
		what string
	}{
		{int32(testpb.RecordKind_RECORD_KIND_ANNOUNCE_LEADER), 1, "RECORD_KIND_ANNOUNCE_LEADER"},
		{int32(testpb.RecordKind_RECORD_KIND_INVOKE), 8, "RECORD_KIND_INVOKE"},
		{int32(testpb.RecordKind_RECORD_KIND_NOTIFY_GET_INVOCATION_OUTPUT_RESPONSE), 18, "RECORD_KIND_NOTIFY_GET_INVOCATION_OUTPUT_RESPONSE"},
		{int32(testpb.RecordKind_RECORD_KIND_VQ_SCHEDULER_DECISIONS), 21, "RECORD_KIND_VQ_SCHEDULER_DECISIONS"},
		{int32(testpb.RecordKind_RECORD_KIND_UPSERT_RULE_BOOK), 22, "RECORD_KIND_UPSERT_RULE_BOOK"},
		{int32(testpb.Codec_CODEC_PROTOBUF), 1, "CODEC_PROTOBUF"},
		{int32(testpb.Codec_CODEC_BYTES), 3, "CODEC_BYTES"},
		{int32(testpb.Codec_CODEC_RETIRED), 4, "CODEC_RETIRED"},
		{int32(testpb.Codec_CODEC_CUSTOM), 7, "CODEC_CUSTOM"},
		{int32(testpb.TargetType_TARGET_TYPE_WORKFLOW), 3, "TARGET_TYPE_WORKFLOW"},
		{int32(testpb.TerminationFlavor_TERMINATION_FLAVOR_KILL), 1, "TERMINATION_FLAVOR_KILL"},
		{int32(testpb.TerminationFlavor_TERMINATION_FLAVOR_CANCEL), 2, "TERMINATION_FLAVOR_CANCEL"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
	if s := testpb.RecordKind(21).String(); s != "RECORD_KIND_VQ_SCHEDULER_DECISIONS" {
		t.Errorf("RecordKind(21).String() = %q", s)
	}
	if s := testpb.Codec(3).String(); s != "CODEC_BYTES" {
		t.Errorf("Codec(3).String() = %q", s)
	}
}

// TestWireBytes checks the bytes the reference implementation writes for
// values whose layout FORMAT.md §7 spells out.
func TestWireBytes(t *testing.T) {
	cases := []struct {
		name string
		msg  proto.Message
		want string // hex
	}{
		{
			// source (1) holding ingress (1) empty.
			name: "header with ingress source",
			msg:  &testpb.Header{Source: &testpb.Source{Member: &testpb.Source_Ingress{Ingress: &testpb.Empty{}}}},
			want: "0a020a00",
		},
		{
			name: "source processor with leader_epoch 0",
			msg:  &testpb.Source{Member: &testpb.Source_Processor{Processor: &testpb.Processor{}}},
			want: "1a00",
		},
		{
			name: "source control_plane",
			msg:  &testpb.Source{Member: &testpb.Source_ControlPlane{ControlPlane: &testpb.Empty{}}},
			want: "1200",
		},
		{
			name: "header kind 21 codec bytes",
			msg: &testpb.Header{
				Kind:  testpb.RecordKind_RECORD_KIND_VQ_SCHEDULER_DECISIONS,
				Codec: testpb.Codec_CODEC_BYTES,
			},
			want: "18152003",
		},
		{
			name: "empty header",
			msg:  &testpb.Header{},
			want: "",
		},
		{
			// keys (5) holding single (1) = 7, after kind (3) and codec (4).
			name: "header with keys single",
			msg: &testpb.Header{
				Kind:  testpb.RecordKind_RECORD_KIND_INVOKE,
				Codec: testpb.Codec_CODEC_PROTOBUF,
				Keys:  &testpb.Keys{Member: &testpb.Keys_Single{Single: 7}},
			},
			want: "1808" + "2001" + "2a020807",
		},
		{
			name: "dedup arbitrary with empty but present prefix",
			msg: &testpb.Dedup{Member: &testpb.Dedup_Arbitrary_{Arbitrary: &testpb.Dedup_Arbitrary{
				Prefix: proto.String(""),
				Seq:    5,
			}}},
			want: "1a040a001805",
		},
		{
			name: "dedup self_proposal",
			msg: &testpb.Dedup{Member: &testpb.Dedup_SelfProposal_{SelfProposal: &testpb.Dedup_SelfProposal{
				LeaderEpoch: 2,
				Seq:         300,
			}}},
			want: "0a050802" + "10ac02",
		},
		{
			name: "keys single(0) is written",
			msg:  &testpb.Keys{Member: &testpb.Keys_Single{Single: 0}},
			want: "0800",
		},
		{
			name: "keys range_inclusive",
			msg: &testpb.Keys{Member: &testpb.Keys_RangeInclusive_{RangeInclusive: &testpb.Keys_RangeInclusive{
				Start: 1, End: 9,
			}}},
			want: "1a0408011009",
		},
		{
			name: "effect suspended waiting_for is packed",
			msg: &testpb.Effect{Kind: &testpb.Effect_Suspended_{Suspended: &testpb.Effect_Suspended{
				WaitingFor: []uint32{1, 2, 300},
			}}},
			want: "2206" + "0a04" + "0102ac02",
		},
		{
			name: "effect end",
			msg:  &testpb.Effect{Kind: &testpb.Effect_End{End: &testpb.Empty{}}},
			want: "2a00",
		},
		{
			name: "announce leader optional epoch_version 0 is written",
			msg:  &testpb.AnnounceLeader{EpochVersion: proto.Uint32(0)},
			want: "2000",
		},
		{
			name: "signal name and void",
			msg: &testpb.Signal{
				Id:     &testpb.Signal_Name{Name: "x"},
				Result: &testpb.Signal_Void{Void: &testpb.Empty{}},
			},
			want: "120178" + "1a00",
		},
		{
			name: "service invocation response_sink is field 11",
			msg: &testpb.ServiceInvocation{ResponseSink: &testpb.ResponseSink{
				Member: &testpb.ResponseSink_Ingress_{Ingress: &testpb.ResponseSink_Ingress{RequestId: "r"}},
			}},
			want: "5a05" + "1203" + "0a0172",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := proto.MarshalOptions{Deterministic: true}.Marshal(c.msg)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			want, err := hex.DecodeString(c.want)
			if err != nil {
				t.Fatalf("bad hex in test: %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("Marshal = % x, want % x", got, want)
			}
			// And it reads back to an equal message.
			back := c.msg.ProtoReflect().New().Interface()
			if err := proto.Unmarshal(got, back); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if !proto.Equal(back, c.msg) {
				t.Fatalf("round trip: got %v, want %v", back, c.msg)
			}
		})
	}
}
