// Package v1json is the legacy v1 record format (FORMAT.md §8) as plain Go
// structs with encoding/json tags, the way the previous release wrote it: the
// benchmarks' "encoding/json of the v1 format" peer, for the two record kinds
// the benchmarks use (AnnounceLeader and Invoke).
//
// A record is the codec byte 0x05 followed by one JSON object
//
//	{"header": {"source": SOURCE, "dest": DEST}, "command": {"<Variant>": PAYLOAD}}
//
// Enums are their PascalCase names as strings; bytes are base64 (encoding/json's
// []byte rendering); optional scalars and absent message fields are omitted.
// The fairness test checks that walwire's v1compat reads these bytes as the
// same record.
package v1json

import (
	"encoding/json"
	"errors"
)

// CodecByte is the first byte of a v1 record.
const CodecByte = 0x05

// Record is a v1 record.
type Record struct {
	Header  Header  `json:"header"`
	Command Command `json:"command"`
}

// Header is a v1 record header.
type Header struct {
	Source Source `json:"source"`
	Dest   Dest   `json:"dest"`
}

// Empty is an empty message, rendered {}.
type Empty struct{}

// Source is {"Processor": {...}} | {"Ingress": {}} | {"ControlPlane": {}}.
type Source struct {
	Processor    *ProcessorSource `json:"Processor,omitempty"`
	Ingress      *Empty           `json:"Ingress,omitempty"`
	ControlPlane *Empty           `json:"ControlPlane,omitempty"`
}

// ProcessorSource is the Processor source.
type ProcessorSource struct {
	PartitionID  *uint32 `json:"partition_id,omitempty"`
	PartitionKey *uint64 `json:"partition_key,omitempty"`
	LeaderEpoch  uint64  `json:"leader_epoch"`
}

// Dest is {"Processor": {"partition_key": u64, "dedup": DEDUP?}}.
type Dest struct {
	Processor *ProcessorDest `json:"Processor,omitempty"`
}

// ProcessorDest is the Processor destination.
type ProcessorDest struct {
	PartitionKey uint64 `json:"partition_key"`
	Dedup        *Dedup `json:"dedup,omitempty"`
}

// Dedup is {"producer_id": PRODUCER, "sequence_number": SEQ}.
type Dedup struct {
	ProducerID     Producer `json:"producer_id"`
	SequenceNumber Sequence `json:"sequence_number"`
}

// Producer is {"Partition": u32} | {"Other": string} | {"Producer": {"h", "l"}}.
type Producer struct {
	Partition *uint32 `json:"Partition,omitempty"`
	Other     *string `json:"Other,omitempty"`
	Producer  *U128   `json:"Producer,omitempty"`
}

// U128 is {"h": u64, "l": u64}.
type U128 struct {
	H uint64 `json:"h"`
	L uint64 `json:"l"`
}

// Sequence is {"Sn": u64} | {"Esn": {"leader_epoch", "sequence_number"}}.
type Sequence struct {
	Sn  *uint64 `json:"Sn,omitempty"`
	Esn *Esn    `json:"Esn,omitempty"`
}

// Esn is a sequence number with its leader epoch.
type Esn struct {
	LeaderEpoch    uint64 `json:"leader_epoch"`
	SequenceNumber uint64 `json:"sequence_number"`
}

// Command is {"<Variant>": PAYLOAD}; only the variants the benchmarks use.
type Command struct {
	AnnounceLeader *AnnounceLeader    `json:"AnnounceLeader,omitempty"`
	Invoke         *ServiceInvocation `json:"Invoke,omitempty"`
}

// AnnounceLeader is the AnnounceLeader payload.
type AnnounceLeader struct {
	NodeID            GenerationalNodeID `json:"node_id"`
	LeaderEpoch       uint64             `json:"leader_epoch"`
	PartitionKeyRange KeyRange           `json:"partition_key_range"`
	EpochVersion      *uint32            `json:"epoch_version,omitempty"`
	CurrentConfig     *CurrentConfig     `json:"current_config,omitempty"`
	NextConfig        *NextConfig        `json:"next_config,omitempty"`
}

// GenerationalNodeID is a node id and generation.
type GenerationalNodeID struct {
	ID         uint32 `json:"id"`
	Generation uint32 `json:"generation"`
}

// KeyRange is an inclusive key range.
type KeyRange struct {
	Start uint64 `json:"start"`
	End   uint64 `json:"end"`
}

// CurrentConfig is AnnounceLeader's current_config.
type CurrentConfig struct {
	Version      uint32   `json:"version"`
	ReplicaSet   []uint32 `json:"replica_set"`
	ModifiedAtMs uint64   `json:"modified_at_ms"`
	Replication  string   `json:"replication"`
}

// NextConfig is AnnounceLeader's next_config.
type NextConfig struct {
	Version    uint32   `json:"version"`
	ReplicaSet []uint32 `json:"replica_set"`
}

// InvocationID is {"partition_key": u64, "uuid": base64}.
type InvocationID struct {
	PartitionKey uint64 `json:"partition_key"`
	UUID         []byte `json:"uuid"`
}

// InvocationTarget is an invocation target; Type is "Service",
// "VirtualObject" or "Workflow".
type InvocationTarget struct {
	ServiceName string  `json:"service_name"`
	Key         *string `json:"key,omitempty"`
	Handler     string  `json:"handler"`
	Type        string  `json:"type"`
}

// RequestID is {"request_id": string}.
type RequestID struct {
	RequestID string `json:"request_id"`
}

// Caller is {"caller": INVOCATION_ID}.
type Caller struct {
	Caller InvocationID `json:"caller"`
}

// InvocationSource is {"Ingress": {...}} | {"Service": {...}} | {"Internal": {}}.
type InvocationSource struct {
	Ingress  *RequestID `json:"Ingress,omitempty"`
	Service  *Caller    `json:"Service,omitempty"`
	Internal *Empty     `json:"Internal,omitempty"`
}

// ResponseSink is {"PartitionProcessor": {...}} | {"Ingress": {...}}.
type ResponseSink struct {
	PartitionProcessor *PartitionProcessorSink `json:"PartitionProcessor,omitempty"`
	Ingress            *RequestID              `json:"Ingress,omitempty"`
}

// PartitionProcessorSink sends a result to a caller's journal entry.
type PartitionProcessorSink struct {
	Caller     InvocationID `json:"caller"`
	EntryIndex uint32       `json:"entry_index"`
}

// HeaderEntry is one invocation header.
type HeaderEntry struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// ServiceInvocation is the Invoke payload.
type ServiceInvocation struct {
	InvocationID           InvocationID     `json:"invocation_id"`
	InvocationTarget       InvocationTarget `json:"invocation_target"`
	Argument               []byte           `json:"argument"`
	Source                 InvocationSource `json:"source"`
	SpanContext            []byte           `json:"span_context"`
	Headers                []HeaderEntry    `json:"headers"`
	ExecutionTimeMs        *uint64          `json:"execution_time_ms,omitempty"`
	CompletionRetentionMs  uint64           `json:"completion_retention_ms"`
	JournalRetentionMs     uint64           `json:"journal_retention_ms"`
	IdempotencyKey         *string          `json:"idempotency_key,omitempty"`
	ResponseSink           *ResponseSink    `json:"response_sink,omitempty"`
	SubmitNotificationSink *ResponseSink    `json:"submit_notification_sink,omitempty"`
	RestateVersion         string           `json:"restate_version"`
}

// AppendRecord appends the v1 record r (codec byte and JSON) to dst.
func AppendRecord(dst []byte, r *Record) ([]byte, error) {
	j, err := json.Marshal(r)
	if err != nil {
		return dst, err
	}
	dst = append(dst, CodecByte)
	return append(dst, j...), nil
}

// ErrCodec is returned for a record that does not start with CodecByte.
var ErrCodec = errors.New("v1json: not a v1 record")

// DecodeRecord decodes the v1 record b into r, replacing its contents.
func DecodeRecord(b []byte, r *Record) error {
	if len(b) == 0 || b[0] != CodecByte {
		return ErrCodec
	}
	*r = Record{}
	return json.Unmarshal(b[1:], r)
}
