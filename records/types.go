package records

import (
	"log/slog"
	"strconv"

	"github.com/walwire/walwire/envelope"
)

// Optional is a value that may be absent; see envelope.Optional.
type Optional[T any] = envelope.Optional[T]

// Some returns a set Optional holding v.
func Some[T any](v T) Optional[T] { return envelope.Some(v) }

// Shared types.

// InvocationID names an invocation: InvocationId { uint64 partition_key = 1;
// bytes uuid = 2; }. UUID is required and exactly 16 bytes.
type InvocationID struct {
	PartitionKey uint64
	UUID         []byte
}

// ServiceID names a keyed service instance: ServiceId { string service_name = 1;
// string key = 2; uint64 partition_key = 3; }.
type ServiceID struct {
	ServiceName  string
	Key          string
	PartitionKey uint64
}

// TargetType is the kind of service an invocation targets.
type TargetType int32

// The target types. Unspecified is not valid where a type is required.
const (
	TargetTypeUnspecified   TargetType = 0
	TargetTypeService       TargetType = 1
	TargetTypeVirtualObject TargetType = 2
	TargetTypeWorkflow      TargetType = 3
)

// InvocationTarget is what an invocation calls: InvocationTarget { string
// service_name = 1; optional string key = 2; string handler = 3; TargetType
// type = 4; }. Type is required.
type InvocationTarget struct {
	ServiceName string
	Key         Optional[string]
	Handler     string
	Type        TargetType
}

// ResponseSinkKind says where a response goes.
type ResponseSinkKind uint8

// The members of ResponseSink.
const (
	ResponseSinkNone               ResponseSinkKind = 0 // absent: no reply wanted
	ResponseSinkPartitionProcessor ResponseSinkKind = 1 // field 1: {InvocationId caller = 1 (req); uint32 entry_index = 2;}
	ResponseSinkIngress            ResponseSinkKind = 2 // field 2: {string request_id = 1;}
)

// ResponseSink is where a response is sent: a oneof of partition_processor
// (Caller, EntryIndex) and ingress (RequestID). The zero ResponseSink is
// absent; each member uses only its own fields.
type ResponseSink struct {
	Kind       ResponseSinkKind
	Caller     InvocationID // partition_processor
	EntryIndex uint32       // partition_processor
	RequestID  string       // ingress
}

// InvocationSourceKind says who started an invocation.
type InvocationSourceKind uint8

// The members of InvocationSource.
const (
	InvocationSourceNone     InvocationSourceKind = 0 // not set: invalid where required
	InvocationSourceIngress  InvocationSourceKind = 1 // field 1: {string request_id = 1;}
	InvocationSourceService  InvocationSourceKind = 2 // field 2: {InvocationId caller = 1 (req);}
	InvocationSourceInternal InvocationSourceKind = 3 // field 3: Empty
)

// InvocationSource is who started an invocation: a oneof of ingress
// (RequestID), service (Caller) and internal.
type InvocationSource struct {
	Kind      InvocationSourceKind
	RequestID string       // ingress
	Caller    InvocationID // service
}

// HeaderEntry is one invocation header: HeaderEntry { string name = 1; string
// value = 2; }.
type HeaderEntry struct {
	Name  string
	Value string
}

// KeyRange is an inclusive range of partition keys: KeyRange { uint64 start =
// 1; uint64 end = 2; }. Start above End is invalid.
type KeyRange struct {
	Start uint64
	End   uint64
}

// Failure is an error result: Failure { uint32 code = 1; string message = 2; }.
type Failure struct {
	Code    uint32
	Message string
}

// ResultKind says which member of a result oneof is set. Each message allows
// only some: InvocationResponse success and failure; GetInvocationOutputResponse
// not_found, not_ready, success and failure; Signal void, success and failure.
type ResultKind uint8

// The result members.
const (
	ResultNone     ResultKind = iota // not set: invalid where required
	ResultSuccess                    // bytes
	ResultFailure                    // Failure
	ResultNotFound                   // Empty
	ResultNotReady                   // Empty
	ResultVoid                       // Empty
)

// Payloads.

// AnnounceLeader announces a partition's new leader (kind 1). NodeID and
// PartitionKeyRange are required. Keys: range_inclusive(PartitionKeyRange).
type AnnounceLeader struct {
	NodeID            GenerationalNodeID      // 1, req
	LeaderEpoch       uint64                  // 2
	PartitionKeyRange KeyRange                // 3, req
	EpochVersion      Optional[uint32]        // 4
	CurrentConfig     Optional[CurrentConfig] // 5
	NextConfig        Optional[NextConfig]    // 6
}

// GenerationalNodeID is a node and its generation.
type GenerationalNodeID struct {
	ID         uint32
	Generation uint32
}

// CurrentConfig is a partition's current replication configuration.
type CurrentConfig struct {
	Version      uint32   // 1
	ReplicaSet   []uint32 // 2, packed
	ModifiedAtMs uint64   // 3
	Replication  string   // 4
}

// NextConfig is a partition's next replication configuration.
type NextConfig struct {
	Version    uint32   // 1
	ReplicaSet []uint32 // 2, packed
}

// VersionBarrier stops nodes older than Version (kind 2). Version is required
// and a strict SemVer 2.0.0 version. Keys: PartitionKeyRange.
type VersionBarrier struct {
	Version           string           // 1, req
	HumanReason       Optional[string] // 2
	PartitionKeyRange envelope.Keys    // 3
}

// PartitionDurability reports how far a partition is durable (kind 3,
// UpdatePartitionDurability). Keys: PartitionKeyRange.
type PartitionDurability struct {
	PartitionID        uint32        // 1
	DurablePoint       uint64        // 2
	ModificationTimeMs uint64        // 3
	PartitionKeyRange  envelope.Keys // 4
}

// ExternalStateMutation replaces a service's state (kind 4, PatchState).
// ServiceID is required. State keeps its order; a later entry for the same key
// wins when applied. Keys: single(ServiceID.PartitionKey).
type ExternalStateMutation struct {
	ServiceID ServiceID        // 1, req
	Version   Optional[string] // 2
	State     []StateEntry     // 3
}

// StateEntry is one state key and value.
type StateEntry struct {
	Key   []byte
	Value []byte
}

// TerminationFlavor is how an invocation is terminated.
type TerminationFlavor int32

// The termination flavors. Unspecified is invalid: zero never means kill.
const (
	TerminationFlavorUnspecified TerminationFlavor = 0
	TerminationFlavorKill        TerminationFlavor = 1
	TerminationFlavorCancel      TerminationFlavor = 2
)

// InvocationTermination terminates an invocation (kind 5, TerminateInvocation).
// InvocationID and Flavor are required.
type InvocationTermination struct {
	InvocationID InvocationID      // 1, req
	Flavor       TerminationFlavor // 2, req
	ResponseSink ResponseSink      // 3
}

// PurgeInvocationRequest purges a completed invocation (kind 6,
// PurgeInvocation). InvocationID is required.
type PurgeInvocationRequest struct {
	InvocationID InvocationID // 1, req
	ResponseSink ResponseSink // 2
}

// PurgeJournal purges a completed invocation's journal (kind 7): the same
// payload as PurgeInvocation, written as another kind.
type PurgeJournal struct {
	PurgeInvocationRequest
}

// ServiceInvocation starts an invocation (kind 8, Invoke). InvocationID,
// InvocationTarget and Source are required. Keys:
// single(InvocationID.PartitionKey).
type ServiceInvocation struct {
	InvocationID           InvocationID     // 1, req
	InvocationTarget       InvocationTarget // 2, req
	Argument               []byte           // 3
	Source                 InvocationSource // 4, req
	SpanContext            []byte           // 5
	Headers                []HeaderEntry    // 6
	ExecutionTimeMs        Optional[uint64] // 7
	CompletionRetentionMs  uint64           // 8
	JournalRetentionMs     uint64           // 9
	IdempotencyKey         Optional[string] // 10
	ResponseSink           ResponseSink     // 11
	SubmitNotificationSink ResponseSink     // 12
	RestateVersion         string           // 13
}

// TruncateOutbox truncates a partition's outbox up to Index (kind 9). Keys:
// PartitionKeyRange.
type TruncateOutbox struct {
	Index             uint64        // 1
	PartitionKeyRange envelope.Keys // 2
}

// ProxyThrough sends an invocation through another partition (kind 10).
// Invocation is required. Keys: ProxyPartition.
type ProxyThrough struct {
	Invocation     ServiceInvocation // 1, req
	ProxyPartition envelope.Keys     // 2
}

// InvocationQueryKind says how an invocation is looked up.
type InvocationQueryKind uint8

// The members of InvocationQuery.
const (
	InvocationQueryNone         InvocationQueryKind = 0 // not set: invalid where required
	InvocationQueryInvocationID InvocationQueryKind = 1 // field 1: InvocationId
	InvocationQueryWorkflow     InvocationQueryKind = 2 // field 2: ServiceId
	InvocationQueryIdempotency  InvocationQueryKind = 3 // field 3: Idempotency
)

// InvocationQuery finds an invocation: a oneof of invocation_id, workflow and
// idempotency.
type InvocationQuery struct {
	Kind         InvocationQueryKind
	InvocationID InvocationID     // invocation_id
	Workflow     ServiceID        // workflow
	Idempotency  IdempotencyQuery // idempotency
}

// IdempotencyQuery finds an invocation by its idempotency key.
type IdempotencyQuery struct {
	ServiceName    string           // 1
	ServiceKey     Optional[string] // 2
	Handler        string           // 3
	IdempotencyKey string           // 4
	PartitionKey   uint64           // 5
}

// AttachInvocationRequest attaches to an invocation's result (kind 11,
// AttachInvocation). Query is required. Keys: the query's partition key.
type AttachInvocationRequest struct {
	Query           InvocationQuery // 1, req
	BlockOnInflight bool            // 2
	ResponseSink    ResponseSink    // 3
}

// ResumeInvocationRequest resumes a suspended invocation (kind 12,
// ResumeInvocation). InvocationID is required.
type ResumeInvocationRequest struct {
	InvocationID             InvocationID     // 1, req
	UpdatePinnedDeploymentID Optional[string] // 2
	ResponseSink             ResponseSink     // 3
}

// RestartAsNewInvocationRequest restarts an invocation under a new id (kind
// 13, RestartAsNewInvocation). InvocationID and NewInvocationID are required.
// Keys: single(InvocationID.PartitionKey).
type RestartAsNewInvocationRequest struct {
	InvocationID                InvocationID     // 1, req
	NewInvocationID             InvocationID     // 2, req
	CopyPrefixUpToIndexIncluded uint32           // 3
	PatchDeploymentID           Optional[string] // 4
	ResponseSink                ResponseSink     // 5
}

// EffectKind says what an invoker effect is.
type EffectKind uint8

// The members of Effect.kind.
const (
	EffectNone             EffectKind = 0 // not set: invalid
	EffectPinnedDeployment EffectKind = 2 // field 2: {string deployment_id = 1; uint32 protocol_version = 2;}
	EffectJournalEntry     EffectKind = 3 // field 3: {uint32 entry_index = 1; bytes entry = 2;}
	EffectSuspended        EffectKind = 4 // field 4: {repeated uint32 waiting_for = 1 [packed];}
	EffectEnd              EffectKind = 5 // field 5: Empty
	EffectFailed           EffectKind = 6 // field 6: Failure
)

// Effect is what an invoker did for an invocation (kind 14, InvokerEffect).
// InvocationID and EffectKind are required; each member uses only its own
// fields. (The oneof kind is the field EffectKind: the method Kind is the
// record kind, as for every payload.)
type Effect struct {
	InvocationID    InvocationID // 1, req
	EffectKind      EffectKind   // oneof kind, req
	DeploymentID    string       // pinned_deployment
	ProtocolVersion uint32       // pinned_deployment
	EntryIndex      uint32       // journal_entry
	Entry           []byte       // journal_entry
	WaitingFor      []uint32     // suspended
	Failure         Failure      // failed
}

// TimerValueKind says what a timer does when it fires.
type TimerValueKind uint8

// The members of TimerKeyValue.value.
const (
	TimerValueNone                  TimerValueKind = 0 // not set: invalid
	TimerValueInvoke                TimerValueKind = 2 // field 2: ServiceInvocation
	TimerValueCompleteJournalEntry  TimerValueKind = 3 // field 3: {InvocationId invocation_id = 1 (req); uint32 journal_index = 2;}
	TimerValueCleanInvocationStatus TimerValueKind = 4 // field 4: InvocationId
	TimerValueNeoInvoke             TimerValueKind = 5 // field 5: InvocationId
)

// TimerKeyValue is a timer that fired (kind 15, Timer). ValueKind is
// required; each member uses only its own fields. (The oneof value is the
// field ValueKind: the method Kind is the record kind, as for every payload.)
// Keys: single(partition key of the invocation the value is about).
type TimerKeyValue struct {
	FireAtMs     uint64            // 1
	ValueKind    TimerValueKind    // oneof value, req
	Invoke       ServiceInvocation // invoke
	InvocationID InvocationID      // complete_journal_entry, clean_invocation_status, neo_invoke
	JournalIndex uint32            // complete_journal_entry
}

// ScheduleTimer schedules a timer (kind 16): the same payload as Timer,
// written as another kind.
type ScheduleTimer struct {
	TimerKeyValue
}

// JournalCompletionTarget is the journal entry a result completes.
// InvocationID is required.
type JournalCompletionTarget struct {
	InvocationID InvocationID // 1, req
	EntryIndex   uint32       // 2
}

// InvocationResponse completes a journal entry with an invocation's result
// (kind 17). Target and Result (success or failure) are required. Keys:
// single(Target.InvocationID.PartitionKey).
type InvocationResponse struct {
	Target  JournalCompletionTarget // 1, req
	Result  ResultKind              // oneof result, req: ResultSuccess (2) or ResultFailure (3)
	Success []byte                  // success
	Failure Failure                 // failure
}

// GetInvocationOutputResponse answers a request for an invocation's output
// (kind 18, NotifyGetInvocationOutputResponse). Target and Result (not_found,
// not_ready, success or failure) are required.
type GetInvocationOutputResponse struct {
	Target  JournalCompletionTarget // 1, req
	Result  ResultKind              // oneof result, req: NotFound (2), NotReady (3), Success (4), Failure (5)
	Success []byte                  // success
	Failure Failure                 // failure
}

// NotifySignalRequest delivers a signal to an invocation (kind 19,
// NotifySignal). InvocationID and Signal are required.
type NotifySignalRequest struct {
	InvocationID InvocationID // 1, req
	Signal       Signal       // 2, req
}

// SignalIDKind says how a signal is named.
type SignalIDKind uint8

// The members of Signal.id.
const (
	SignalIDNone  SignalIDKind = 0 // not set: invalid
	SignalIDIndex SignalIDKind = 1 // field 1: uint32
	SignalIDName  SignalIDKind = 2 // field 2: string
)

// Signal is a signal and its result. ID and Result (void, success or failure)
// are both required oneofs.
type Signal struct {
	ID      SignalIDKind // oneof id, req
	Index   uint32       // index
	Name    string       // name
	Result  ResultKind   // oneof result, req: ResultVoid (3), ResultSuccess (4), ResultFailure (5)
	Success []byte       // success
	Failure Failure      // failure
}

// UpsertSchema installs a serialized schema (kind 20). Keys: PartitionKeyRange.
type UpsertSchema struct {
	PartitionKeyRange envelope.Keys // 1
	Schema            []byte        // 2
}

// VQSchedulerDecisions is an opaque payload (kind 21, codec Bytes): the
// payload is the bytes themselves. Keys: none.
type VQSchedulerDecisions struct {
	Data []byte
}

// UpsertRuleBook installs a serialized rule book (kind 22). PartitionKeyRange
// is required. Keys: range_inclusive(PartitionKeyRange).
type UpsertRuleBook struct {
	PartitionKeyRange KeyRange // 1, req
	RuleBook          []byte   // 2
}

// enumText returns names[v], or typ(v) for a value without a name.
func enumText(names []string, v int64, typ string) string {
	if v >= 0 && v < int64(len(names)) && names[v] != "" {
		return names[v]
	}
	return typ + "(" + strconv.FormatInt(v, 10) + ")"
}

var targetTypeNames = []string{"Unspecified", "Service", "VirtualObject", "Workflow"}

// String returns "Service", "VirtualObject", "Workflow", "Unspecified" or
// "TargetType(n)".
func (t TargetType) String() string { return enumText(targetTypeNames, int64(t), "TargetType") }

// LogValue logs the target type as its String.
func (t TargetType) LogValue() slog.Value { return slog.StringValue(t.String()) }

var flavorNames = []string{"Unspecified", "Kill", "Cancel"}

// String returns "Kill", "Cancel", "Unspecified" or "TerminationFlavor(n)".
func (f TerminationFlavor) String() string {
	return enumText(flavorNames, int64(f), "TerminationFlavor")
}

// LogValue logs the flavor as its String.
func (f TerminationFlavor) LogValue() slog.Value { return slog.StringValue(f.String()) }

// String returns the member's name, as in "partition_processor", or "none".
func (k ResponseSinkKind) String() string {
	return enumText([]string{"none", "partition_processor", "ingress"}, int64(k), "ResponseSinkKind")
}

// String returns the member's name, as in "service", or "none".
func (k InvocationSourceKind) String() string {
	return enumText([]string{"none", "ingress", "service", "internal"}, int64(k), "InvocationSourceKind")
}

// String returns the member's name, as in "not_found", or "none".
func (k ResultKind) String() string {
	return enumText([]string{"none", "success", "failure", "not_found", "not_ready", "void"}, int64(k), "ResultKind")
}

// String returns the member's name, as in "workflow", or "none".
func (k InvocationQueryKind) String() string {
	return enumText([]string{"none", "invocation_id", "workflow", "idempotency"}, int64(k), "InvocationQueryKind")
}

// String returns the member's name, as in "suspended", or "none".
func (k EffectKind) String() string {
	return enumText([]string{"none", "", "pinned_deployment", "journal_entry", "suspended", "end", "failed"}, int64(k), "EffectKind")
}

// String returns the member's name, as in "neo_invoke", or "none".
func (k TimerValueKind) String() string {
	return enumText([]string{"none", "", "invoke", "complete_journal_entry", "clean_invocation_status", "neo_invoke"}, int64(k), "TimerValueKind")
}

// String returns the member's name, "index" or "name", or "none".
func (k SignalIDKind) String() string {
	return enumText([]string{"none", "index", "name"}, int64(k), "SignalIDKind")
}
