package envelope

import (
	"log/slog"
	"strconv"

	"github.com/walwire/walwire/internal/utf8fast"
	"github.com/walwire/walwire/wire"
)

// SourceKind says who proposed a record.
type SourceKind uint8

// The members of Source.
const (
	SourceUnspecified  SourceKind = iota // no source: decoders accept it
	SourceIngress                        // field 1, Empty
	SourceControlPlane                   // field 2, Empty
	SourceProcessor                      // field 3, Processor{uint64 leader_epoch = 1}
)

var sourceNames = [...]string{"unspecified", "ingress", "control_plane", "processor"}

// Source says who proposed a record. The zero Source is unspecified.
type Source struct {
	Kind        SourceKind
	LeaderEpoch uint64 // processor only
}

// IngressSource returns the ingress source.
func IngressSource() Source { return Source{Kind: SourceIngress} }

// ControlPlaneSource returns the control-plane source.
func ControlPlaneSource() Source { return Source{Kind: SourceControlPlane} }

// ProcessorSource returns the source of a partition processor led at epoch.
func ProcessorSource(leaderEpoch uint64) Source {
	return Source{Kind: SourceProcessor, LeaderEpoch: leaderEpoch}
}

// String returns "ingress", "control_plane", "processor(epoch)" or
// "unspecified".
func (s Source) String() string {
	if s.Kind == SourceProcessor {
		return "processor(" + strconv.FormatUint(s.LeaderEpoch, 10) + ")"
	}
	if int(s.Kind) < len(sourceNames) {
		return sourceNames[s.Kind]
	}
	return "SourceKind(" + strconv.Itoa(int(s.Kind)) + ")"
}

// LogValue logs the source as its String.
func (s Source) LogValue() slog.Value { return slog.StringValue(s.String()) }

func (s Source) size() int {
	switch s.Kind {
	case SourceIngress, SourceControlPlane:
		return 2
	case SourceProcessor:
		if s.LeaderEpoch == 0 {
			return 2
		}
		return 3 + wire.SizeVarint(s.LeaderEpoch)
	}
	return 0
}

// appendTo writes the members, whose size s.size() is size: a set member
// is written even when empty (ingress is 0a 00, processor with epoch 0 is
// 1a 00); a processor's epoch field is its size less its tag and length.
func (s Source) appendTo(b []byte, size int) []byte {
	switch s.Kind {
	case SourceIngress, SourceControlPlane:
		return append(b, wire.TagByte(wire.Number(s.Kind), wire.BytesType), 0)
	case SourceProcessor:
		if s.LeaderEpoch == 0 {
			return append(b, wire.TagByte(3, wire.BytesType), 0)
		}
		b = append(b, wire.TagByte(3, wire.BytesType), byte(size-2), wire.TagByte(1, wire.VarintType))
		return wire.AppendVarint(b, s.LeaderEpoch)
	}
	return b
}

func (s *Source) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		kind, ok := wire.Member(r, SourceIngress, SourceProcessor)
		if !ok {
			continue
		}
		if s.Kind != kind {
			*s = Source{Kind: kind}
		}
		var sub wire.Reader
		if !r.MessageInto(&sub) {
			break
		}
		for sub.Next() {
			if kind == SourceProcessor && sub.Number() == 1 {
				sub.Uint64(&s.LeaderEpoch)
			}
		}
		if err := sub.Err(); err != nil {
			return wire.Within(err, sourceNames[kind])
		}
	}
	return r.Err()
}

// U128 is a 128-bit id, as two 64-bit halves. On the wire it is the message
// U128 { uint64 hi = 1; uint64 lo = 2; }, left out when zero.
type U128 struct{ Hi, Lo uint64 }

// IsZero reports whether u is 0.
func (u U128) IsZero() bool { return u.Hi == 0 && u.Lo == 0 }

// String returns u in hexadecimal, as 32 digits.
func (u U128) String() string {
	const digits = "0123456789abcdef"
	var b [32]byte
	for i := 0; i < 16; i++ {
		b[15-i] = digits[(u.Hi>>(4*i))&0xf]
		b[31-i] = digits[(u.Lo>>(4*i))&0xf]
	}
	return string(b[:])
}

func (u U128) size() int {
	n := 0
	if u.Hi != 0 {
		n += 1 + wire.SizeVarint(u.Hi)
	}
	if u.Lo != 0 {
		n += 1 + wire.SizeVarint(u.Lo)
	}
	return n
}

func (u U128) appendTo(b []byte) []byte {
	if u.Hi != 0 {
		b = wire.AppendVarint(append(b, wire.TagByte(1, wire.VarintType)), u.Hi)
	}
	if u.Lo != 0 {
		b = wire.AppendVarint(append(b, wire.TagByte(2, wire.VarintType)), u.Lo)
	}
	return b
}

// mergeFrom reads a U128 message from r into u.
func (u *U128) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint64(&u.Hi)
		case 2:
			r.Uint64(&u.Lo)
		}
	}
	return r.Err()
}

// DedupKind says how a record is deduplicated.
type DedupKind uint8

// The members of Dedup.
const (
	DedupNone             DedupKind = iota // no deduplication
	DedupSelfProposal                      // field 1: {uint64 leader_epoch = 1; uint64 seq = 2;}
	DedupForeignPartition                  // field 2: {uint32 partition = 1; uint64 seq = 2;}
	DedupArbitrary                         // field 3: {optional string prefix = 1; U128 producer_id = 2; uint64 seq = 3;}
)

var dedupNames = [...]string{"none", "self_proposal", "foreign_partition", "arbitrary"}

// Dedup says how a record is deduplicated. The zero Dedup is none. Each member
// uses only its own fields (see the constructors); the others stay zero.
type Dedup struct {
	Kind        DedupKind
	LeaderEpoch uint64           // self_proposal
	Partition   uint32           // foreign_partition
	Prefix      Optional[string] // arbitrary; absent and "" differ
	ProducerID  U128             // arbitrary
	Seq         uint64           // every member
}

// SelfProposal returns the deduplication of a record a leader proposed itself.
func SelfProposal(leaderEpoch, seq uint64) Dedup {
	return Dedup{Kind: DedupSelfProposal, LeaderEpoch: leaderEpoch, Seq: seq}
}

// ForeignPartition returns the deduplication of a record sent by another
// partition.
func ForeignPartition(partition uint32, seq uint64) Dedup {
	return Dedup{Kind: DedupForeignPartition, Partition: partition, Seq: seq}
}

// Arbitrary returns the deduplication of a record from any other producer.
func Arbitrary(prefix Optional[string], producerID U128, seq uint64) Dedup {
	return Dedup{Kind: DedupArbitrary, Prefix: prefix, ProducerID: producerID, Seq: seq}
}

// String returns the member and its fields, as in "self_proposal(epoch 3, seq 9)".
func (d Dedup) String() string {
	if int(d.Kind) >= len(dedupNames) {
		return "DedupKind(" + strconv.Itoa(int(d.Kind)) + ")"
	}
	b := []byte(dedupNames[d.Kind])
	switch d.Kind {
	case DedupNone:
		return string(b)
	case DedupSelfProposal:
		b = append(b, "(epoch "...)
		b = strconv.AppendUint(b, d.LeaderEpoch, 10)
	case DedupForeignPartition:
		b = append(b, "(partition "...)
		b = strconv.AppendUint(b, uint64(d.Partition), 10)
	case DedupArbitrary:
		b = append(b, '(')
		if d.Prefix.Set {
			b = append(b, "prefix "...)
			b = strconv.AppendQuote(b, d.Prefix.Value)
			b = append(b, ", "...)
		}
		b = append(b, "producer "...)
		b = append(b, d.ProducerID.String()...)
	}
	b = append(b, ", seq "...)
	b = strconv.AppendUint(b, d.Seq, 10)
	return string(append(b, ')'))
}

// LogValue logs the deduplication as its String.
func (d Dedup) LogValue() slog.Value { return slog.StringValue(d.String()) }

func (d *Dedup) validate() error {
	if d.Kind > DedupArbitrary {
		return InvalidValue("dedup")
	}
	if d.Kind == DedupArbitrary && d.Prefix.Set && !utf8fast.ValidString(d.Prefix.Value) {
		return wire.Within(wire.Within(wire.NewError(wire.ErrUTF8, -1, 1), "prefix"), "arbitrary")
	}
	return nil
}

// bodySize is the size of the member's message.
func (d *Dedup) bodySize() int {
	n := 0
	if d.Seq != 0 {
		n = 1 + wire.SizeVarint(d.Seq)
	}
	switch d.Kind {
	case DedupSelfProposal:
		if d.LeaderEpoch != 0 {
			n += 1 + wire.SizeVarint(d.LeaderEpoch)
		}
	case DedupForeignPartition:
		if d.Partition != 0 {
			n += 1 + wire.SizeVarint(uint64(d.Partition))
		}
	case DedupArbitrary:
		if d.Prefix.Set {
			n += 1 + wire.SizeBytes(len(d.Prefix.Value))
		}
		if s := d.ProducerID.size(); s != 0 {
			n += 1 + wire.SizeBytes(s)
		}
	}
	return n
}

// size is the size of the Dedup message (its member, tagged) whose
// member's message is body bytes long (bodySize).
func (d *Dedup) size(body int) int {
	if d.Kind == DedupNone {
		return 0
	}
	return 1 + wire.SizeBytes(body)
}

// appendTo writes the Dedup message: its member, tagged; body is bodySize().
func (d *Dedup) appendTo(b []byte, body int) []byte {
	if d.Kind == DedupNone {
		return b
	}
	b = append(b, wire.TagByte(wire.Number(d.Kind), wire.BytesType))
	b = wire.AppendVarint(b, uint64(body))
	seqField := byte(2 << 3)
	switch d.Kind {
	case DedupSelfProposal:
		if d.LeaderEpoch != 0 {
			b = wire.AppendVarint(append(b, wire.TagByte(1, wire.VarintType)), d.LeaderEpoch)
		}
	case DedupForeignPartition:
		if d.Partition != 0 {
			b = wire.AppendVarint(append(b, wire.TagByte(1, wire.VarintType)), uint64(d.Partition))
		}
	case DedupArbitrary:
		if d.Prefix.Set {
			b = wire.AppendString(append(b, wire.TagByte(1, wire.BytesType)), d.Prefix.Value)
		}
		if s := d.ProducerID.size(); s != 0 {
			b = wire.AppendVarint(append(b, wire.TagByte(2, wire.BytesType)), uint64(s))
			b = d.ProducerID.appendTo(b)
		}
		seqField = 3 << 3
	}
	if d.Seq != 0 {
		b = wire.AppendVarint(append(b, seqField), d.Seq)
	}
	return b
}

func (d *Dedup) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		kind, ok := wire.Member(r, DedupSelfProposal, DedupArbitrary)
		if !ok {
			continue
		}
		if d.Kind != kind {
			*d = Dedup{Kind: kind}
		}
		var sub wire.Reader
		if !r.MessageInto(&sub) {
			break
		}
		if err := d.mergeMember(&sub); err != nil {
			return wire.Within(err, dedupNames[kind])
		}
	}
	return r.Err()
}

func (d *Dedup) mergeMember(r *wire.Reader) error {
	for r.Next() {
		switch num := r.Number(); {
		case d.Kind == DedupSelfProposal && num == 1:
			r.Uint64(&d.LeaderEpoch)
		case d.Kind == DedupForeignPartition && num == 1:
			r.Uint32(&d.Partition)
		case d.Kind == DedupArbitrary && num == 1:
			if r.String(&d.Prefix.Value) {
				d.Prefix.Set = true
			}
		case d.Kind == DedupArbitrary && num == 2:
			var sub wire.Reader
			if r.MessageInto(&sub) {
				if err := d.ProducerID.mergeFrom(&sub); err != nil {
					return wire.Within(err, "producer_id")
				}
			}
		case d.Kind == DedupArbitrary && num == 3, d.Kind != DedupArbitrary && num == 2:
			r.Uint64(&d.Seq)
		}
	}
	return r.Err()
}

// Header is the header of a v2 record: the protobuf message
//
//	Header { Source source = 1; Dedup dedup = 2; RecordKind kind = 3; Codec codec = 4; Keys keys = 5; }
//
// Fields 1 to 4 are those of the format; keys (5) is written when the payload
// has keys, so that a log can filter records on the header alone. A header
// without it has keys none, which match every filter.
type Header struct {
	Source Source
	Dedup  Dedup
	Kind   Kind
	Codec  Codec
	Keys   Keys
}

// Validate reports what a reader would reject: an invalid dedup prefix or an
// inverted key range.
func (h *Header) Validate() error { return validateHeader(&h.Source, &h.Dedup, &h.Keys) }

// Size returns the size of the Header message.
func (h *Header) Size() int {
	var s headerSizes
	s.compute(&h.Source, &h.Dedup, h.Kind, h.Codec, &h.Keys)
	return s.total
}

// AppendTo appends the Header message, unchecked (see Validate).
func (h *Header) AppendTo(b []byte) []byte {
	var s headerSizes
	s.compute(&h.Source, &h.Dedup, h.Kind, h.Codec, &h.Keys)
	return appendHeader(b, &s, &h.Source, &h.Dedup, h.Kind, h.Codec, &h.Keys)
}

// The header's validation, size and bytes are computed from its parts, so
// that a Record writes its header from its own fields and its payload's
// kind, codec and keys without building a Header value first.

func validateHeader(src *Source, d *Dedup, keys *Keys) error {
	if src.Kind > SourceProcessor {
		return InvalidValue("source")
	}
	if err := d.validate(); err != nil {
		return wire.Within(err, "dedup")
	}
	if err := keys.Validate(); err != nil {
		return wire.Within(err, "keys")
	}
	return nil
}

// headerSizes holds the sizes a header's writing needs, computed once by
// compute and read back by appendHeader: the source's message, the dedup
// member's message and the Dedup message around it, the keys' message, and
// the whole header. The source's and the keys' messages are short enough
// (at most 13 and 24 bytes) for a one-byte length, which is not sized.
type headerSizes struct {
	src, dedupBody, dedup, keys, total int
}

// compute fills s for the header of these parts.
func (s *headerSizes) compute(src *Source, d *Dedup, kind Kind, codec Codec, keys *Keys) {
	n := 0
	if s.src = src.size(); s.src != 0 {
		n += 2 + s.src
	}
	if d.Kind != DedupNone {
		s.dedupBody = d.bodySize()
		s.dedup = d.size(s.dedupBody)
		n += 1 + wire.SizeBytes(s.dedup)
	}
	// kind and codec are protobuf enums (int32): values of 2^31 and above
	// are negative there, and sign-extended to 10 bytes.
	if kind != 0 {
		n += 1 + wire.SizeInt32(int32(kind))
	}
	if codec != 0 {
		n += 1 + wire.SizeInt32(int32(codec))
	}
	if keys.kind != KeysNone {
		s.keys = keys.Size()
		n += 2 + s.keys
	}
	s.total = n
}

// appendHeader appends the Header message of these parts, whose sizes s
// holds.
func appendHeader(b []byte, s *headerSizes, src *Source, d *Dedup, kind Kind, codec Codec, keys *Keys) []byte {
	if s.src != 0 {
		b = append(b, wire.TagByte(1, wire.BytesType), byte(s.src))
		b = src.appendTo(b, s.src)
	}
	if d.Kind != DedupNone {
		b = wire.AppendVarint(append(b, wire.TagByte(2, wire.BytesType)), uint64(s.dedup))
		b = d.appendTo(b, s.dedupBody)
	}
	if kind != 0 {
		b = wire.AppendInt32(append(b, wire.TagByte(3, wire.VarintType)), int32(kind))
	}
	if codec != 0 {
		b = wire.AppendInt32(append(b, wire.TagByte(4, wire.VarintType)), int32(codec))
	}
	if keys.kind != KeysNone {
		b = append(b, wire.TagByte(5, wire.BytesType), byte(s.keys))
		b = keys.appendSized(b, s.keys)
	}
	return b
}

// MergeFrom reads a Header message from r into h. Unknown fields, kinds and
// codecs are accepted; an invalid dedup prefix is ErrUTF8 and an inverted key
// range ErrInvalidValue.
func (h *Header) MergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch num := r.Number(); num {
		case 1, 2, 5:
			var sub wire.Reader
			if !r.MessageInto(&sub) {
				continue
			}
			var err error
			switch num {
			case 1:
				err = wire.Within(h.Source.mergeFrom(&sub), "source")
			case 2:
				err = wire.Within(h.Dedup.mergeFrom(&sub), "dedup")
			case 5:
				err = wire.Within(h.Keys.MergeFrom(&sub), "keys")
			}
			if err != nil {
				return err
			}
		case 3:
			var v uint32
			if r.Uint32(&v) {
				h.Kind = Kind(v)
			}
		case 4:
			var v uint32
			if r.Uint32(&v) {
				h.Codec = Codec(v)
			}
		}
	}
	if err := r.Err(); err != nil {
		return err
	}
	return wire.Within(h.Keys.Validate(), "keys")
}

// MarshalBinary returns the Header message.
func (h *Header) MarshalBinary() ([]byte, error) { return h.AppendBinary(make([]byte, 0, h.Size())) }

// AppendBinary appends the Header message, or returns an error and b
// unchanged if h is not valid.
func (h *Header) AppendBinary(b []byte) ([]byte, error) {
	if err := h.Validate(); err != nil {
		return b, err
	}
	return h.AppendTo(b), nil
}

// UnmarshalBinary decodes a Header message, copying its strings.
func (h *Header) UnmarshalBinary(b []byte) error {
	*h = Header{}
	r := wire.NewReader(b, wire.Copy)
	return h.MergeFrom(&r)
}

// String returns the header on one line, as in
// "Invoke source=ingress dedup=none keys=single(7) codec=Protobuf".
func (h Header) String() string {
	b := append([]byte(nil), h.Kind.String()...)
	b = append(b, " source="...)
	b = append(b, h.Source.String()...)
	b = append(b, " dedup="...)
	b = append(b, h.Dedup.String()...)
	b = append(b, " keys="...)
	b = h.Keys.appendText(b)
	b = append(b, " codec="...)
	b = append(b, h.Codec.String()...)
	return string(b)
}

// LogValue logs the header as a group of kind, source, dedup, keys and codec.
func (h Header) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("kind", h.Kind.String()),
		slog.String("source", h.Source.String()),
		slog.String("dedup", h.Dedup.String()),
		slog.String("keys", h.Keys.String()),
		slog.String("codec", h.Codec.String()),
	)
}
