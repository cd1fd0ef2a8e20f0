package records

import (
	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/kinds"
)

// The record kinds of the WAL record set. The numbers are part of the format.
const (
	KindAnnounceLeader                    envelope.Kind = 1
	KindVersionBarrier                    envelope.Kind = 2
	KindUpdatePartitionDurability         envelope.Kind = 3
	KindPatchState                        envelope.Kind = 4
	KindTerminateInvocation               envelope.Kind = 5
	KindPurgeInvocation                   envelope.Kind = 6
	KindPurgeJournal                      envelope.Kind = 7
	KindInvoke                            envelope.Kind = 8
	KindTruncateOutbox                    envelope.Kind = 9
	KindProxyThrough                      envelope.Kind = 10
	KindAttachInvocation                  envelope.Kind = 11
	KindResumeInvocation                  envelope.Kind = 12
	KindRestartAsNewInvocation            envelope.Kind = 13
	KindInvokerEffect                     envelope.Kind = 14
	KindTimer                             envelope.Kind = 15
	KindScheduleTimer                     envelope.Kind = 16
	KindInvocationResponse                envelope.Kind = 17
	KindNotifyGetInvocationOutputResponse envelope.Kind = 18
	KindNotifySignal                      envelope.Kind = 19
	KindUpsertSchema                      envelope.Kind = 20
	KindVQSchedulerDecisions              envelope.Kind = 21
	KindUpsertRuleBook                    envelope.Kind = 22
)

// kindNames holds each kind's name, as v1 records spell their command
// variants; index 0 is unused.
var kindNames = [...]string{
	"", "AnnounceLeader", "VersionBarrier", "UpdatePartitionDurability", "PatchState",
	"TerminateInvocation", "PurgeInvocation", "PurgeJournal", "Invoke", "TruncateOutbox",
	"ProxyThrough", "AttachInvocation", "ResumeInvocation", "RestartAsNewInvocation",
	"InvokerEffect", "Timer", "ScheduleTimer", "InvocationResponse",
	"NotifyGetInvocationOutputResponse", "NotifySignal", "UpsertSchema",
	"VQSchedulerDecisions", "UpsertRuleBook",
}

func init() {
	for k := 1; k < len(kindNames); k++ {
		kind := envelope.Kind(k)
		kinds.Register(uint32(k), kindNames[k], func() any { p, _ := New(kind); return p }, true)
	}
}

// Kinds returns every kind of the record set, in order.
func Kinds() []envelope.Kind {
	ks := make([]envelope.Kind, 0, len(kindNames)-1)
	for k := 1; k < len(kindNames); k++ {
		ks = append(ks, envelope.Kind(k))
	}
	return ks
}

// KindByName returns the kind with the given name (as in "Invoke"), and
// whether there is one.
func KindByName(name string) (envelope.Kind, bool) {
	for k := 1; k < len(kindNames); k++ {
		if kindNames[k] == name {
			return envelope.Kind(k), true
		}
	}
	return 0, false
}
