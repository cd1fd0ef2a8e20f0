package fuzz

// FuzzPayloadVsProtobuf: typed decode against protobuf-go's generated code
// for the same .proto files (internal/testpb), on arbitrary payload bytes
// (see FUZZING.md).

import (
	"errors"
	"reflect"
	"regexp"
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/testpb"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// pbKinds are the kinds whose payload is a protobuf message: all but 21.
var pbKinds = func() []envelope.Kind {
	var ks []envelope.Kind
	for _, k := range records.Kinds() {
		if k != records.KindVQSchedulerDecisions {
			ks = append(ks, k)
		}
	}
	return ks
}()

// newPB returns a new protobuf-go message for kind k's payload.
func newPB(k envelope.Kind) proto.Message {
	switch k {
	case records.KindAnnounceLeader:
		return new(testpb.AnnounceLeader)
	case records.KindVersionBarrier:
		return new(testpb.VersionBarrier)
	case records.KindUpdatePartitionDurability:
		return new(testpb.PartitionDurability)
	case records.KindPatchState:
		return new(testpb.ExternalStateMutation)
	case records.KindTerminateInvocation:
		return new(testpb.InvocationTermination)
	case records.KindPurgeInvocation, records.KindPurgeJournal:
		return new(testpb.PurgeInvocationRequest)
	case records.KindInvoke:
		return new(testpb.ServiceInvocation)
	case records.KindTruncateOutbox:
		return new(testpb.TruncateOutbox)
	case records.KindProxyThrough:
		return new(testpb.ProxyThrough)
	case records.KindAttachInvocation:
		return new(testpb.AttachInvocationRequest)
	case records.KindResumeInvocation:
		return new(testpb.ResumeInvocationRequest)
	case records.KindRestartAsNewInvocation:
		return new(testpb.RestartAsNewInvocationRequest)
	case records.KindInvokerEffect:
		return new(testpb.Effect)
	case records.KindTimer, records.KindScheduleTimer:
		return new(testpb.TimerKeyValue)
	case records.KindInvocationResponse:
		return new(testpb.InvocationResponse)
	case records.KindNotifyGetInvocationOutputResponse:
		return new(testpb.GetInvocationOutputResponse)
	case records.KindNotifySignal:
		return new(testpb.NotifySignalRequest)
	case records.KindUpsertSchema:
		return new(testpb.UpsertSchema)
	case records.KindUpsertRuleBook:
		return new(testpb.UpsertRuleBook)
	}
	panic("no protobuf message for kind " + k.String())
}

// FuzzPayloadVsProtobuf: the first byte selects one of the 21 protobuf
// kinds, the rest is a payload, decoded by our codec (UnmarshalPayload) and
// by proto.Unmarshal into the generated message:
//   - protobuf-go rejects → we reject;
//   - both accept → equal values: our value re-encoded (MarshalBinary) and
//     read by proto.Unmarshal is proto.Equal to protobuf-go's own decode,
//     after both are normalized by the equivalences of FORMAT.md §7 (unknown
//     fields dropped; a present Keys, ResponseSink, U128, Dedup or Source with
//     nothing set is absent); and protobuf-go's deterministic re-encoding of
//     its value decodes with ours to the value we read;
//   - we accept → the value breaks none of the rules protobuf-go does not
//     check (pbViolations, written here from FORMAT.md §7, §5, independently
//     of package records);
//   - we reject, protobuf-go accepts → a deliberate difference, and only one
//     that applies to this input: ErrMissingField where pbViolations finds a
//     missing required field (or unset required oneof, 0 required enum, empty
//     required string or uuid), ErrInvalidValue where it finds an invalid
//     value (undeclared enum value, uuid length not 16, non-SemVer version,
//     inverted range), ErrDepth where the input nests at least 100 levels,
//     ErrFieldNumber where a group of an unknown field holds a field number
//     above 2^29-1 (protowire.ConsumeFieldValue, which protobuf-go uses to
//     skip unknown groups, accepts up to MaxInt32).
func FuzzPayloadVsProtobuf(f *testing.F) {
	for _, in := range payloadSeeds() {
		if len(in) > 0 && kindOf(in[0]) != records.KindVQSchedulerDecisions {
			f.Add(append([]byte{pbSelectorOf(kindOf(in[0]))}, in[1:]...))
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) == 0 {
			return
		}
		k := pbKinds[int(in[0])%len(pbKinds)]
		payload := in[1:]

		ours := mustNew(t, k)
		errO := ours.UnmarshalPayload(payload, wire.Copy)
		ref := newPB(k)
		errP := proto.Unmarshal(payload, ref)

		if errP != nil {
			if errO == nil {
				t.Fatalf("%v(%x): protobuf-go rejects it (%v), we read %+v", k, payload, errP, ours)
			}
			return
		}
		v := pbViolations(ref)
		if errO != nil {
			switch {
			case errors.Is(errO, envelope.ErrMissingField) && v.missing:
			case errors.Is(errO, envelope.ErrInvalidValue) && v.invalid:
			case errors.Is(errO, wire.ErrDepth) && nesting(payload) >= wire.DefaultMaxDepth:
			case errors.Is(errO, wire.ErrFieldNumber) && bigNumberInGroup(payload, 0):
			default:
				t.Fatalf("%v(%x): protobuf-go reads %v (violations: %+v), we reject it: %v", k, payload, ref, v, errO)
			}
			return
		}
		if v.missing || v.invalid {
			t.Fatalf("%v(%x): we accept %+v, which breaks a rule of FORMAT.md §7, §5 (%+v): protobuf-go reads %v", k, payload, ours, v, ref)
		}

		enc, err := ours.MarshalBinary()
		if err != nil {
			t.Fatalf("%v(%x): we decode %+v but cannot encode it: %v", k, payload, ours, err)
		}
		back := newPB(k)
		if err := proto.Unmarshal(enc, back); err != nil {
			t.Fatalf("%v(%x): protobuf-go cannot read our encoding %x: %v", k, payload, enc, err)
		}
		normalizePB(ref.ProtoReflect())
		normalizePB(back.ProtoReflect())
		if !proto.Equal(ref, back) {
			t.Fatalf("%v(%x): values differ:\nprotobuf-go: %v\nours:        %v (%+v, encoded %x)", k, payload, ref, back, ours, enc)
		}

		pbEnc, err := proto.MarshalOptions{Deterministic: true}.Marshal(ref)
		if err != nil {
			t.Fatalf("%v(%x): proto.Marshal: %v", k, payload, err)
		}
		again := mustNew(t, k)
		if err := again.UnmarshalPayload(pbEnc, wire.Copy); err != nil || !sameValue(again, ours) {
			t.Fatalf("%v(%x): protobuf-go's encoding %x reads %+v (%v); the input read %+v", k, payload, pbEnc, again, err, ours)
		}
	})
}

func pbSelectorOf(k envelope.Kind) byte {
	for i, kk := range pbKinds {
		if kk == k {
			return byte(i)
		}
	}
	panic("not a protobuf kind: " + k.String())
}

// emptyMeansAbsent are the messages FORMAT.md §7 reads the same present but
// empty (or with no oneof member) as absent.
var emptyMeansAbsent = map[protoreflect.FullName]bool{
	"walwire.v2.Keys":         true,
	"walwire.v2.ResponseSink": true,
	"walwire.v2.U128":         true,
	"walwire.v2.Dedup":        true,
	"walwire.v2.Source":       true,
}

// normalizePB drops unknown fields and clears every populated message field
// of an emptyMeansAbsent type that holds nothing, recursively.
func normalizePB(m protoreflect.Message) {
	m.SetUnknown(nil)
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsList() && fd.Message() != nil:
			l := v.List()
			for i := range l.Len() {
				normalizePB(l.Get(i).Message())
			}
		case fd.Message() != nil && !fd.IsMap():
			sub := v.Message()
			normalizePB(sub)
			if emptyMeansAbsent[fd.Message().FullName()] && !hasFields(sub) {
				m.Clear(fd)
			}
		}
		return true
	})
}

func hasFields(m protoreflect.Message) bool {
	has := false
	m.Range(func(protoreflect.FieldDescriptor, protoreflect.Value) bool {
		has = true
		return false
	})
	return has
}

// violations are the rules of FORMAT.md §7, §5 that a decoded protobuf-go
// message breaks: a missing required value, an invalid value.
type violations struct{ missing, invalid bool }

// semVer is the regular expression semver.org gives for SemVer 2.0.0.
var semVer = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// pbViolations checks a payload message decoded by protobuf-go against the
// rules protobuf-go does not enforce.
func pbViolations(m proto.Message) violations {
	var v violations
	switch m := m.(type) {
	case *testpb.AnnounceLeader:
		v.present(m.NodeId != nil)
		v.keyRange(m.PartitionKeyRange)
	case *testpb.VersionBarrier:
		switch {
		case m.Version == "":
			v.missing = true
		case !semVer.MatchString(m.Version):
			v.invalid = true
		}
		v.keys(m.PartitionKeyRange)
	case *testpb.PartitionDurability:
		v.keys(m.PartitionKeyRange)
	case *testpb.ExternalStateMutation:
		v.present(m.ServiceId != nil)
	case *testpb.InvocationTermination:
		v.id(m.InvocationId)
		switch {
		case m.Flavor == testpb.TerminationFlavor(0):
			v.missing = true
		case m.Flavor < 0 || m.Flavor > 2:
			v.invalid = true
		}
		v.sink(m.ResponseSink)
	case *testpb.PurgeInvocationRequest:
		v.id(m.InvocationId)
		v.sink(m.ResponseSink)
	case *testpb.ServiceInvocation:
		v.invocation(m)
	case *testpb.TruncateOutbox:
		v.keys(m.PartitionKeyRange)
	case *testpb.ProxyThrough:
		v.invocation(m.Invocation)
		v.keys(m.ProxyPartition)
	case *testpb.AttachInvocationRequest:
		switch q := m.GetQuery().GetMember().(type) {
		case nil:
			v.missing = true
		case *testpb.InvocationQuery_InvocationId:
			v.id(q.InvocationId)
		}
		v.sink(m.ResponseSink)
	case *testpb.ResumeInvocationRequest:
		v.id(m.InvocationId)
		v.sink(m.ResponseSink)
	case *testpb.RestartAsNewInvocationRequest:
		v.id(m.InvocationId)
		v.id(m.NewInvocationId)
		v.sink(m.ResponseSink)
	case *testpb.Effect:
		v.id(m.InvocationId)
		v.present(m.Kind != nil)
	case *testpb.TimerKeyValue:
		switch x := m.Value.(type) {
		case nil:
			v.missing = true
		case *testpb.TimerKeyValue_Invoke:
			v.invocation(x.Invoke)
		case *testpb.TimerKeyValue_CompleteJournalEntry_:
			v.id(x.CompleteJournalEntry.GetInvocationId())
		case *testpb.TimerKeyValue_CleanInvocationStatus:
			v.id(x.CleanInvocationStatus)
		case *testpb.TimerKeyValue_NeoInvoke:
			v.id(x.NeoInvoke)
		}
	case *testpb.InvocationResponse:
		v.target(m.Target)
		v.present(m.Result != nil)
	case *testpb.GetInvocationOutputResponse:
		v.target(m.Target)
		v.present(m.Result != nil)
	case *testpb.NotifySignalRequest:
		v.id(m.InvocationId)
		v.present(m.Signal != nil)
		v.present(m.GetSignal().GetId() != nil)
		v.present(m.GetSignal().GetResult() != nil)
	case *testpb.UpsertSchema:
		v.keys(m.PartitionKeyRange)
	case *testpb.UpsertRuleBook:
		v.keyRange(m.PartitionKeyRange)
	default:
		panic("pbViolations: unknown message " + reflect.TypeOf(m).String())
	}
	return v
}

func (v *violations) present(ok bool) {
	if !ok {
		v.missing = true
	}
}

// id checks a required InvocationId: present, uuid of exactly 16 bytes
// (empty is missing).
func (v *violations) id(m *testpb.InvocationId) {
	switch n := len(m.GetUuid()); {
	case n == 0:
		v.missing = true
	case n != 16:
		v.invalid = true
	}
}

func (v *violations) invocation(m *testpb.ServiceInvocation) {
	if m == nil {
		v.missing = true
		return
	}
	v.id(m.InvocationId)
	if m.InvocationTarget == nil {
		v.missing = true
	} else {
		switch t := m.InvocationTarget.Type; {
		case t == testpb.TargetType_TARGET_TYPE_UNSPECIFIED:
			v.missing = true
		case t < 0 || t > testpb.TargetType_TARGET_TYPE_WORKFLOW:
			v.invalid = true
		}
	}
	switch s := m.GetSource().GetMember().(type) {
	case nil:
		v.missing = true
	case *testpb.InvocationSource_Service_:
		v.id(s.Service.GetCaller())
	}
	v.sink(m.ResponseSink)
	v.sink(m.SubmitNotificationSink)
}

// sink checks an optional ResponseSink: a partition_processor member needs
// its caller.
func (v *violations) sink(m *testpb.ResponseSink) {
	if pp, ok := m.GetMember().(*testpb.ResponseSink_PartitionProcessor_); ok {
		v.id(pp.PartitionProcessor.GetCaller())
	}
}

func (v *violations) target(m *testpb.JournalCompletionTarget) {
	if m == nil {
		v.missing = true
		return
	}
	v.id(m.InvocationId)
}

// keyRange checks a required KeyRange.
func (v *violations) keyRange(m *testpb.KeyRange) {
	switch {
	case m == nil:
		v.missing = true
	case m.Start > m.End:
		v.invalid = true
	}
}

// keys checks a Keys (absent is none).
func (v *violations) keys(m *testpb.Keys) {
	if r := m.GetRangeInclusive(); r != nil && r.Start > r.End {
		v.invalid = true
	}
}
