package v1compat

import (
	"github.com/walwire/walwire/envelope"
)

// Record is one v1 record:
//
//	{"header": {"source": SOURCE, "dest": DEST}, "command": COMMAND}
type Record struct {
	Header  Header
	Command Command
}

// Header is a v1 record's header: who proposed the record and where it goes.
type Header struct {
	Source Source
	Dest   Dest
}

// Source is who proposed a v1 record:
//
//	{"Processor": {"partition_id": u32?, "partition_key": u64?, "leader_epoch": u64}}
//	{"Ingress": {}}
//	{"ControlPlane": {}}
//
// Kind is envelope.SourceProcessor, envelope.SourceIngress or
// envelope.SourceControlPlane; a v1 record always has a source, so
// envelope.SourceUnspecified is not valid here. PartitionID, PartitionKey
// and LeaderEpoch belong to Processor; v2 keeps only LeaderEpoch.
type Source struct {
	Kind         envelope.SourceKind
	PartitionID  envelope.Optional[uint32]
	PartitionKey envelope.Optional[uint64]
	LeaderEpoch  uint64
}

// Dest is where a v1 record goes, its only variant:
//
//	{"Processor": {"partition_key": u64, "dedup": DEDUP?}}
//
// An absent Dedup means no deduplication.
type Dest struct {
	PartitionKey uint64
	Dedup        envelope.Optional[Dedup]
}

// Dedup is a v1 deduplication:
//
//	{"producer_id": PRODUCER, "sequence_number": SEQ}
//
// Of the six combinations, (Partition, Esn) and (Producer, Esn) are invalid
// (ErrInvalidDedup).
type Dedup struct {
	Producer Producer
	Sequence Sequence
}

// ProducerKind is the variant of a Producer.
type ProducerKind uint8

// The variants of Producer.
const (
	ProducerNone      ProducerKind = iota // not set: invalid
	ProducerPartition                     // {"Partition": u32}
	ProducerOther                         // {"Other": string}
	ProducerID                            // {"Producer": {"h": u64, "l": u64}}
)

// Producer is who produced a deduplicated v1 record. Each variant uses only
// its own field.
type Producer struct {
	Kind      ProducerKind
	Partition uint32        // ProducerPartition
	Other     string        // ProducerOther
	ID        envelope.U128 // ProducerID, as {"h": Hi, "l": Lo}
}

// SequenceKind is the variant of a Sequence.
type SequenceKind uint8

// The variants of Sequence.
const (
	SequenceNone SequenceKind = iota // not set: invalid
	SequenceSn                       // {"Sn": u64}
	SequenceEsn                      // {"Esn": {"leader_epoch": u64, "sequence_number": u64}}
)

// Sequence is a v1 deduplication sequence number: a plain one (Sn) or one
// with the leader epoch it was assigned in (Esn).
type Sequence struct {
	Kind        SequenceKind
	LeaderEpoch uint64 // SequenceEsn only
	Number      uint64 // Sn's value, or Esn's sequence_number
}

// Command is a v1 record's command, {"<Variant>": PAYLOAD}, whose variant is
// named like the v2 record kind (package records names them).
//
// Payload is the v2 payload the variant carries, a pointer to its type in
// package records (*records.ServiceInvocation for Invoke,
// *records.PurgeJournal for PurgeJournal, ...), with two exceptions, as v1
// wrote them:
//
//   - TruncateOutbox: Payload is nil, and Index is the outbox index (v1 wrote
//     a bare number);
//   - ProxyThrough: Payload is the *records.ServiceInvocation proxied (v1 had
//     no proxy_partition).
//
// The payload's key fields that v1 could not hold are gone: v1 wrote neither
// TruncateOutbox's partition_key_range nor ProxyThrough's proxy_partition
// (ToV2 takes both from Dest.PartitionKey).
type Command struct {
	Kind    envelope.Kind
	Payload envelope.Payload
	Index   uint64 // TruncateOutbox only
}
