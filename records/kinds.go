package records

import "github.com/walwire/walwire/envelope"

// The record kinds of the WAL record set. The numbers are part of the format;
// recordSet (recordset.go) gives each its name and Go type.
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
