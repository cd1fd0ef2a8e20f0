package v1compat

import (
	"bytes"
	"errors"
	"iter"
	"sync"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// Decode decodes a v1 record: the codec byte 0x05 and one JSON object,
// possibly followed by whitespace. The record's strings and bytes are
// copies: it stays valid whatever becomes of b.
//
// Errors are *wire.Error values whose class tells what is wrong; see the
// package documentation. Malformed JSON anywhere in the record is reported
// before any other problem, as encoding/json does.
func Decode(b []byte) (*Record, error) {
	if err := checkRecord(b); err != nil {
		return nil, err // before anything is allocated
	}
	r := new(Record)
	if err := decodeChecked(b, false, r); err != nil {
		return nil, err
	}
	return r, nil
}

// UnmarshalBinary decodes the v1 record b into r, as Decode does. On error r
// is left unchanged.
func (r *Record) UnmarshalBinary(b []byte) error {
	if err := checkRecord(b); err != nil {
		return err
	}
	var v Record
	if err := decodeChecked(b, false, &v); err != nil {
		return err
	}
	*r = v
	return nil
}

// decodeRecord decodes the v1 record b into r. With alias set, r's strings
// and bytes may alias b.
func decodeRecord(b []byte, alias bool, r *Record) error {
	if err := checkRecord(b); err != nil {
		return err
	}
	return decodeChecked(b, alias, r)
}

// checkRecord reports what decoding the v1 record b would report, or nil,
// allocating nothing but the error: it checks the codec byte, then makes a
// dry run (see decoder.dry) of the whole record. So a bad record costs one
// allocation, whatever is wrong with it and wherever; only a record that
// passes is decoded, and its arrays are sized from counts of elements
// already checked.
func checkRecord(b []byte) error {
	if len(b) == 0 {
		return newError(wire.ErrTruncated, 0, "empty record: no codec byte")
	}
	if b[0] != envelope.V1CodecByte {
		return unknownCodec(b[0])
	}
	return check(b)
}

// decodeChecked decodes the v1 record b, which checkRecord accepted, into r.
func decodeChecked(b []byte, alias bool, r *Record) error {
	d := decoder{b: b, i: 1, alias: alias}
	if !alias {
		d.arena = make([]byte, 0, len(b))
	}
	d.record(r)
	if d.err == nil {
		d.trailing()
	}
	if d.err != nil {
		return d.err // not reached: the dry run found every error
	}
	return validateCommand(&r.Command)
}

// scratches holds scratch values for dry runs.
var scratches = sync.Pool{New: func() any { return new(scratch) }}

// maxScratchArena is the largest arena a scratch keeps between dry runs.
const maxScratchArena = 64 << 10

// check makes a dry run of the v1 record b (codec byte checked), and returns
// what a decode would report, or nil.
func check(b []byte) error {
	s := scratches.Get().(*scratch)
	d := decoder{b: b, i: 1, alias: true, dry: true, scratch: s, arena: s.arena[:0]}
	d.record(&s.rec)
	if d.err == nil {
		d.trailing()
	}
	var err error
	if d.err != nil {
		err = d.err
		if !isSyntax(d.err.Err) {
			if se := checkSyntax(b, 1, d.err, d.arena); se != nil {
				err = se
			}
		}
	} else {
		err = validateCommand(&s.rec.Command)
	}
	// The scratch values alias b: zero them, keeping the arena.
	arena := d.arena[:0]
	if cap(arena) > maxScratchArena {
		arena = s.arena[:0]
	}
	*s = scratch{arena: arena}
	scratches.Put(s)
	return err
}

// unknownCodec returns the error for a record whose codec byte is not v1's:
// envelope.UnknownCodec(c), as envelope.Parse reports it, except
// for a v2 record, which Decode does not read either but which is no
// unknown codec.
func unknownCodec(c byte) error {
	if c == envelope.V2CodecByte {
		return newError(envelope.ErrUnknownCodec, 0, "0x07 is a v2 record, not v1: read it with ReadRecord or envelope.Parse")
	}
	return envelope.UnknownCodec(c)
}

func isSyntax(err error) bool {
	return err == ErrMalformedJSON || err == ErrTrailingData || err == wire.ErrDepth
}

// validateCommand runs the payload's own validation (a SemVer version, valid
// UTF-8, ...), reporting what it finds with the command's JSON path. The
// command's kind is a variant and its payload is set (see checkCommand).
func validateCommand(c *Command) error {
	if c.Kind == records.KindTruncateOutbox {
		return nil
	}
	if err := c.Payload.Validate(); err != nil {
		return validationError(err, "command", commandName(c.Kind))
	}
	return nil
}

// validationError returns an error of a payload's Validate with its path
// prefixed by names: its JSON path. The protobuf field number, which a v1
// record does not have, is dropped.
func validationError(err error, names ...string) error {
	var e *wire.Error
	if !errors.As(err, &e) {
		e = wire.NewError(err, -1, 0)
	}
	e.Field = 0
	for i := len(names) - 1; i >= 0; i-- {
		e.AddName(names[i])
	}
	return e
}

// commandNames holds the command variants, index k-1 for kind k: the names
// of the record kinds.
var commandNames = func() []string {
	var names []string
	for _, k := range records.Kinds() {
		names = append(names, k.String())
	}
	return names
}()

func commandName(k envelope.Kind) string {
	if k >= 1 && int(k) <= len(commandNames) {
		return commandNames[k-1]
	}
	return ""
}

// Helpers shared by the message decoders.

// lookup returns the index of key in names, or -1.
func lookup(names []string, key []byte) int {
	for i, n := range names {
		if n == string(key) {
			return i
		}
	}
	return -1
}

// fields iterates over the members of the object being read (opened by
// openObject), whose fields are names: it yields the index of each known
// field's name, and the loop body reads the value; it skips unknown fields.
// It stops at the end of the object or on an error, and puts the name of the
// field whose value failed into the error's path, so that a body needs no
// error tail of its own. It allocates nothing: the compiler inlines it.
func (d *decoder) fields(names []string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for n := 0; ; {
			key, ok := d.member(&n)
			if !ok {
				return
			}
			f := lookup(names, key)
			if f < 0 {
				if d.skip(); d.err != nil {
					return
				}
				continue
			}
			if !yield(f) {
				return
			}
			if d.err != nil {
				d.err.AddName(names[f])
				return
			}
		}
	}
}

// tagged is the state of a tagged object being read: {"Variant": VALUE},
// exactly one key, a known variant.
type tagged struct {
	start  int // offset of the object
	n      int // members read
	idx    int // the variant read, or -1
	key    []byte
	keyOff int
}

// openTagged starts a tagged object: true if there is one, false for null
// (an absent value) or on error.
func (d *decoder) openTagged(t *tagged) bool {
	*t = tagged{start: d.pos(), idx: -1}
	return d.openObject()
}

// variant reads the next member of a tagged object whose variants are names.
// It returns true with t.idx set when the value of a known variant is next
// (the caller reads it; a key given twice is read twice, the last wins); it
// skips an unknown variant's value. At the end of the object it checks that
// there was exactly one key, a known one, and returns false.
func (d *decoder) variant(t *tagged, names []string) bool {
	for {
		key, ok := d.member(&t.n)
		if !ok {
			switch {
			case d.err != nil:
			case t.n == 0:
				d.fail(ErrWrongType, t.start, "expected an object with one key (the variant), found {}")
			case t.idx < 0:
				d.failWith(ErrUnknownVariant, t.keyOff).AddDetailQuoted(t.key)
			}
			return false
		}
		if t.n == 1 {
			t.key, t.keyOff = key, d.keyOff
		} else if !bytes.Equal(key, t.key) {
			d.fail(ErrWrongType, t.start, "expected an object with one key (the variant), found two keys")
			return false
		}
		if t.idx = lookup(names, key); t.idx >= 0 {
			return true
		}
		d.skip()
		if d.err != nil {
			return false
		}
	}
}

// pos returns the offset of the next value.
func (d *decoder) pos() int {
	d.ws()
	return d.i
}

// enum reads a plain enum, a string among names; it returns the index in
// names plus one, or 0 for null.
func (d *decoder) enum(names []string) int {
	switch d.peek() {
	case '"':
		off := d.i
		s, _ := d.str()
		if d.err != nil {
			return 0
		}
		if k := lookup(names, s); k >= 0 {
			return k + 1
		}
		d.failWith(ErrUnknownVariant, off).AddDetailQuoted(s)
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.wrongType("a string (the enum's value name)")
	}
	return 0
}

// empty reads an empty message, {} or null; fields it does not know are
// skipped.
func (d *decoder) empty() {
	if !d.openObject() {
		return
	}
	for range d.fields(nil) {
	}
}

// missing records a missing required field name in the object at off.
func (d *decoder) missing(off int, name string) {
	if d.err == nil {
		d.fail(envelope.ErrMissingField, off, "")
		d.err.AddName(name)
	}
}

// invalid records an invalid value for field name at off.
func (d *decoder) invalid(off int, name, detail string) {
	if d.err == nil {
		d.fail(envelope.ErrInvalidValue, off, detail)
		d.err.AddName(name)
	}
}

// The record and its header.

var recordFields = []string{"header", "command"}

func (d *decoder) record(r *Record) {
	start := d.pos()
	if d.peek() != '{' {
		if d.err == nil {
			d.wrongType("an object (a v1 record)")
		}
		return
	}
	d.openObject()
	var seen uint32
	for f := range d.fields(recordFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.header(&r.Header))
		case 1:
			seen = mark(seen, f, d.command(&r.Command))
		}
	}
	d.required(start, seen, 1<<0|1<<1, recordFields)
}

var headerFields = []string{"source", "dest"}

func (d *decoder) header(h *Header) bool {
	*h = Header{}
	start := d.pos()
	if !d.openObject() {
		return false
	}
	var seen uint32
	for f := range d.fields(headerFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.source(&h.Source))
		case 1:
			seen = mark(seen, f, d.dest(&h.Dest))
		}
	}
	d.required(start, seen, 1<<0|1<<1, headerFields)
	return d.err == nil
}

var sourceVariants = []string{"Processor", "Ingress", "ControlPlane"}
var processorSourceFields = []string{"partition_id", "partition_key", "leader_epoch"}

// source reads a v1 source; false for null (absent).
func (d *decoder) source(s *Source) bool {
	*s = Source{}
	var t tagged
	if !d.openTagged(&t) {
		return false
	}
	for d.variant(&t, sourceVariants) {
		*s = Source{}
		switch t.idx {
		case 0:
			s.Kind = envelope.SourceProcessor
			if d.openObject() {
				for f := range d.fields(processorSourceFields) {
					switch f {
					case 0:
						if d.null() {
							s.PartitionID = envelope.Optional[uint32]{}
						} else {
							s.PartitionID = envelope.Some(d.uint32())
						}
					case 1:
						if d.null() {
							s.PartitionKey = envelope.Optional[uint64]{}
						} else {
							s.PartitionKey = envelope.Some(d.uint64())
						}
					case 2:
						s.LeaderEpoch = d.uint64()
					}
				}
			}
		case 1:
			s.Kind = envelope.SourceIngress
			d.empty()
		case 2:
			s.Kind = envelope.SourceControlPlane
			d.empty()
		}
		if d.err != nil {
			d.within(sourceVariants[t.idx])
			return false
		}
	}
	return d.err == nil
}

var destVariants = []string{"Processor"}
var processorDestFields = []string{"partition_key", "dedup"}

// dest reads a v1 dest; false for null (absent).
func (d *decoder) dest(dst *Dest) bool {
	*dst = Dest{}
	var t tagged
	if !d.openTagged(&t) {
		return false
	}
	for d.variant(&t, destVariants) {
		*dst = Dest{}
		if d.openObject() {
			for f := range d.fields(processorDestFields) {
				switch f {
				case 0:
					dst.PartitionKey = d.uint64()
				case 1:
					d.dedup(&dst.Dedup)
				}
			}
		}
		if d.err != nil {
			d.within(destVariants[t.idx])
			return false
		}
	}
	return d.err == nil
}

var dedupFields = []string{"producer_id", "sequence_number"}
var producerVariants = []string{"Partition", "Other", "Producer"}
var u128Fields = []string{"h", "l"}
var sequenceVariants = []string{"Sn", "Esn"}
var esnFields = []string{"leader_epoch", "sequence_number"}

// dedup reads an optional v1 dedup: null is absent.
func (d *decoder) dedup(p *envelope.Optional[Dedup]) {
	*p = envelope.Optional[Dedup]{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var v Dedup
	var seen uint32
	for f := range d.fields(dedupFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.producer(&v.Producer))
		case 1:
			seen = mark(seen, f, d.sequence(&v.Sequence))
		}
	}
	switch {
	case d.err != nil:
	case seen&1 == 0:
		d.missing(start, "producer_id")
	case seen&2 == 0:
		d.missing(start, "sequence_number")
	case !v.valid():
		d.failWith(ErrInvalidDedup, start).AddDetail("(").AddDetail(producerVariants[v.Producer.Kind-1]).AddDetail(", Esn)")
	default:
		*p = envelope.Some(v)
	}
}

// valid reports whether v is one of the valid combinations.
func (v *Dedup) valid() bool {
	switch v.Producer.Kind {
	case ProducerPartition, ProducerID:
		return v.Sequence.Kind == SequenceSn
	case ProducerOther:
		return v.Sequence.Kind == SequenceSn || v.Sequence.Kind == SequenceEsn
	}
	return false
}

func (d *decoder) producer(p *Producer) bool {
	*p = Producer{}
	var t tagged
	if !d.openTagged(&t) {
		return false
	}
	for d.variant(&t, producerVariants) {
		*p = Producer{Kind: ProducerKind(t.idx + 1)}
		switch t.idx {
		case 0:
			p.Partition = d.uint32()
		case 1:
			p.Other = d.string()
		case 2:
			if d.openObject() {
				for f := range d.fields(u128Fields) {
					if f == 0 {
						p.ID.Hi = d.uint64()
					} else {
						p.ID.Lo = d.uint64()
					}
				}
			}
		}
		if d.err != nil {
			d.within(producerVariants[t.idx])
			return false
		}
	}
	return d.err == nil
}

func (d *decoder) sequence(s *Sequence) bool {
	*s = Sequence{}
	var t tagged
	if !d.openTagged(&t) {
		return false
	}
	for d.variant(&t, sequenceVariants) {
		*s = Sequence{Kind: SequenceKind(t.idx + 1)}
		switch t.idx {
		case 0:
			s.Number = d.uint64()
		case 1:
			if d.openObject() {
				for f := range d.fields(esnFields) {
					if f == 0 {
						s.LeaderEpoch = d.uint64()
					} else {
						s.Number = d.uint64()
					}
				}
			}
		}
		if d.err != nil {
			d.within(sequenceVariants[t.idx])
			return false
		}
	}
	return d.err == nil
}

// command reads the command; false for null (absent).
func (d *decoder) command(c *Command) bool {
	*c = Command{}
	var t tagged
	if !d.openTagged(&t) {
		return false
	}
	for d.variant(&t, commandNames) {
		kind := envelope.Kind(t.idx + 1)
		*c = Command{Kind: kind}
		off := d.pos()
		if d.null() {
			d.fail(envelope.ErrMissingField, off, "the command's payload is null")
		} else {
			d.payload(c)
		}
		if d.err != nil {
			d.within(commandNames[t.idx])
			return false
		}
	}
	return d.err == nil
}
