package records

import (
	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/kinds"
)

//go:generate go run ../internal/cmd/genrecordset

// kindRow is one kind of the record set.
type kindRow struct {
	kind envelope.Kind
	// name is the kind's name (Kind.String), which is also how v1 records
	// spell the kind's command variant.
	name string
	// new returns a new zero payload of the kind; its type is the kind's Go
	// type, and the compiler checks that it implements Payload.
	new func() Payload
}

// recordSet is the record set: row k-1 for kind k. It is the one list of the
// kinds: New, Kinds, KindByName, the kind names and the kind registry read
// it, and go generate writes from it the methods of the payload types with a
// protobuf codec of their own (payload_methods_gen.go, by
// internal/cmd/genrecordset). A new kind is a constant in kinds.go, a row
// here, a type with its codec, and go generate.
var recordSet = [...]kindRow{
	{KindAnnounceLeader, "AnnounceLeader", func() Payload { return new(AnnounceLeader) }},
	{KindVersionBarrier, "VersionBarrier", func() Payload { return new(VersionBarrier) }},
	{KindUpdatePartitionDurability, "UpdatePartitionDurability", func() Payload { return new(PartitionDurability) }},
	{KindPatchState, "PatchState", func() Payload { return new(ExternalStateMutation) }},
	{KindTerminateInvocation, "TerminateInvocation", func() Payload { return new(InvocationTermination) }},
	{KindPurgeInvocation, "PurgeInvocation", func() Payload { return new(PurgeInvocationRequest) }},
	{KindPurgeJournal, "PurgeJournal", func() Payload { return new(PurgeJournal) }},
	{KindInvoke, "Invoke", func() Payload { return new(ServiceInvocation) }},
	{KindTruncateOutbox, "TruncateOutbox", func() Payload { return new(TruncateOutbox) }},
	{KindProxyThrough, "ProxyThrough", func() Payload { return new(ProxyThrough) }},
	{KindAttachInvocation, "AttachInvocation", func() Payload { return new(AttachInvocationRequest) }},
	{KindResumeInvocation, "ResumeInvocation", func() Payload { return new(ResumeInvocationRequest) }},
	{KindRestartAsNewInvocation, "RestartAsNewInvocation", func() Payload { return new(RestartAsNewInvocationRequest) }},
	{KindInvokerEffect, "InvokerEffect", func() Payload { return new(Effect) }},
	{KindTimer, "Timer", func() Payload { return new(TimerKeyValue) }},
	{KindScheduleTimer, "ScheduleTimer", func() Payload { return new(ScheduleTimer) }},
	{KindInvocationResponse, "InvocationResponse", func() Payload { return new(InvocationResponse) }},
	{KindNotifyGetInvocationOutputResponse, "NotifyGetInvocationOutputResponse", func() Payload { return new(GetInvocationOutputResponse) }},
	{KindNotifySignal, "NotifySignal", func() Payload { return new(NotifySignalRequest) }},
	{KindUpsertSchema, "UpsertSchema", func() Payload { return new(UpsertSchema) }},
	{KindVQSchedulerDecisions, "VQSchedulerDecisions", func() Payload { return new(VQSchedulerDecisions) }},
	{KindUpsertRuleBook, "UpsertRuleBook", func() Payload { return new(UpsertRuleBook) }},
}

func init() {
	for i, r := range recordSet {
		if r.kind != envelope.Kind(i+1) {
			panic("records: recordSet row " + r.name + " is out of order")
		}
		kinds.Register(uint32(r.kind), r.name, func() any { return r.new() }, true)
	}
}

// row returns the row of kind k, or nil for a kind outside the record set.
func row(k envelope.Kind) *kindRow {
	if k < 1 || int(k) > len(recordSet) {
		return nil
	}
	return &recordSet[k-1]
}

// New returns a new, zero payload of the given kind: the value to decode a
// record of that kind into. A kind outside the record set is an
// *wire.Error of class envelope.ErrUnknownKind.
func New(kind envelope.Kind) (Payload, error) {
	if r := row(kind); r != nil {
		return r.new(), nil
	}
	return nil, envelope.UnknownKind(kind)
}

// Kinds returns every kind of the record set, in order.
func Kinds() []envelope.Kind {
	ks := make([]envelope.Kind, 0, len(recordSet))
	for _, r := range recordSet {
		ks = append(ks, r.kind)
	}
	return ks
}

// KindByName returns the kind with the given name (as in "Invoke"), and
// whether there is one.
func KindByName(name string) (envelope.Kind, bool) {
	for _, r := range recordSet {
		if r.name == name {
			return r.kind, true
		}
	}
	return 0, false
}
