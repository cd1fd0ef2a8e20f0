package envelope

import (
	"unsafe"

	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/wire"
)

// Payload is a typed payload the envelope can write. Payload types implement
// it on pointer receivers, so passing one allocates nothing.
type Payload interface {
	// Kind returns the record kind this payload type is written as.
	Kind() Kind
	// Codec returns the payload's codec (CodecProtobuf for protobuf messages).
	Codec() Codec
	// Keys returns the partition keys the payload touches.
	Keys() Keys
	// Validate reports what a reader would reject (a missing required field,
	// invalid UTF-8, an out-of-range value).
	Validate() error
	// Size returns exactly how many bytes AppendTo writes.
	Size() int
	// AppendTo appends the encoded payload, unchecked: call Validate first.
	AppendTo(b []byte) []byte
}

// CheckedSizer is implemented by payloads that validate and size themselves
// in one walk. SizeChecked returns what Size returns if Validate returns nil,
// else 0 and the error Validate returns. Writers (Marshal, AppendBinary) use
// it when the payload has it, instead of Validate then Size.
type CheckedSizer interface {
	SizeChecked() (int, error)
}

// Decodable is a payload type the envelope can decode into.
type Decodable interface {
	// Kind returns the record kind this payload type reads.
	Kind() Kind
	// Codec returns the payload codec this payload type reads.
	Codec() Codec
	// Keys returns the partition keys of the decoded payload, which a typed
	// decode checks against the header's.
	Keys() Keys
	// UnmarshalPayload replaces the value with the payload b, read in the
	// given mode. Error offsets count from the start of b.
	UnmarshalPayload(b []byte, mode wire.Mode) error
}

// Record is a header and a payload, ready to write. The header's kind, codec
// and keys are taken from the payload when written.
type Record struct {
	Source  Source
	Dedup   Dedup
	Payload Payload
}

// IsNil reports whether p is nil, or holds a nil pointer (a typed nil, such
// as a nil *records.ServiceInvocation), whose methods cannot be called.
// Writers and decoders check it, so that a typed nil is an error, not a
// panic.
func IsNil(p any) bool {
	// An interface holding a pointer-shaped value (a pointer, map, channel
	// or func) keeps the value itself as its data word: nil for a nil one.
	// Any other value is boxed, so its data word is never nil.
	return p == nil || (*[2]unsafe.Pointer)(unsafe.Pointer(&p))[1] == nil
}

// payload returns r.Payload, or nil if it is a typed nil.
func (r *Record) payload() Payload {
	if IsNil(r.Payload) {
		return nil
	}
	return r.Payload
}

// Header returns the header a writer writes for r: its source and dedup, and
// the payload's kind, codec and keys (none of them without a payload).
func (r *Record) Header() Header {
	h := Header{Source: r.Source, Dedup: r.Dedup}
	if p := r.payload(); p != nil {
		h.Kind, h.Codec, h.Keys = p.Kind(), p.Codec(), p.Keys()
	}
	return h
}

// Validate reports what a reader would reject in the header or the payload.
func (r *Record) Validate() error {
	var w recordWriter
	if err := w.prepare(r); err != nil {
		return err
	}
	return inPayload(w.p.Validate())
}

// recordWriter holds what writing a record computes once: the payload, the
// header's fields taken from it, and the sizes.
type recordWriter struct {
	p     Payload
	kind  Kind
	codec Codec
	keys  Keys
	sizes headerSizes
}

// parts takes the payload's kind, codec and keys (none without a payload)
// and computes the header's size.
func (w *recordWriter) parts(r *Record) {
	if w.p = r.payload(); w.p != nil {
		w.kind, w.codec, w.keys = w.p.Kind(), w.p.Codec(), w.p.Keys()
	}
	w.sizes.compute(&r.Source, &r.Dedup, w.kind, w.codec, &w.keys)
}

// prepare computes r's parts and validates all but the payload's value.
func (w *recordWriter) prepare(r *Record) error {
	if r.payload() == nil {
		return MissingField("payload")
	}
	w.parts(r)
	return validateHeader(&r.Source, &r.Dedup, &w.keys)
}

// prepareSized validates r, as Validate does, computes its parts and returns
// the record's size: the payload is validated and sized in one call when it
// is a CheckedSizer.
func (w *recordWriter) prepareSized(r *Record) (int, error) {
	if err := w.prepare(r); err != nil {
		return 0, err
	}
	var n int
	var err error
	if c, ok := w.p.(CheckedSizer); ok {
		n, err = c.SizeChecked()
	} else if err = w.p.Validate(); err == nil {
		n = w.p.Size()
	}
	if err != nil {
		return 0, inPayload(err)
	}
	return recordSize(w.sizes.total, n), nil
}

// inPayload places a payload's error under "payload" (nil stays nil).
func inPayload(err error) error {
	if err == nil {
		return nil
	}
	return wire.Within(err, "payload")
}

// Size returns the size of the stored record: codec byte, header length,
// header and payload.
func (r *Record) Size() int {
	var w recordWriter
	w.parts(r)
	return recordSize(w.sizes.total, w.payloadSize())
}

func (w *recordWriter) payloadSize() int {
	if w.p == nil {
		return 0
	}
	return w.p.Size()
}

func recordSize(headerSize, payloadSize int) int {
	return 1 + wire.SizeBytes(headerSize) + payloadSize
}

// AppendUnchecked appends the stored record to b without validating it: a
// record Validate refuses is written all the same, and may not read back.
// It is for callers that validated r already and write it again; use
// AppendBinary or Marshal otherwise.
func (r *Record) AppendUnchecked(b []byte) []byte {
	var w recordWriter
	w.parts(r)
	return w.appendTo(b, r)
}

func (w *recordWriter) appendTo(b []byte, r *Record) []byte {
	b = append(b, V2CodecByte)
	b = wire.AppendVarint(b, uint64(w.sizes.total))
	b = appendHeader(b, &w.sizes, &r.Source, &r.Dedup, w.kind, w.codec, &w.keys)
	if w.p == nil {
		return b
	}
	if debugChecks {
		n, size := len(b), w.p.Size()
		if b = w.p.AppendTo(b); len(b)-n != size {
			panic(sizeError(w.kind, size, len(b)-n))
		}
		return b
	}
	return w.p.AppendTo(b)
}

// AppendBinary appends the stored record to b, growing b at most once to
// the exact size needed. If the record is not valid it returns b unchanged
// and the error.
func (r *Record) AppendBinary(b []byte) ([]byte, error) {
	var w recordWriter
	n, err := w.prepareSized(r)
	if err != nil {
		return b, err
	}
	if cap(b)-len(b) < n {
		nb := make([]byte, len(b), len(b)+n)
		copy(nb, b)
		b = nb
	}
	return w.appendTo(b, r), nil
}

// MarshalBinary returns the stored record in a new slice of exactly its size.
func (r *Record) MarshalBinary() ([]byte, error) { return r.AppendBinary(nil) }

// Marshal writes the stored record into a pooled buffer of exactly its size,
// taken once and never grown. The caller owns the buffer and returns it with
// pool.Put when done. If the record is not valid, Marshal takes no buffer.
func (r *Record) Marshal() (*pool.Buffer, error) {
	var w recordWriter
	n, err := w.prepareSized(r)
	if err != nil {
		return nil, err
	}
	buf := pool.Get(n)
	buf.B = w.appendTo(buf.B, r)
	return buf, nil
}

// Raw is a stored v2 record with its header decoded and its payload not: a
// zero-copy view of the record's bytes. Its strings (the dedup prefix) and
// Payload alias the record; Payload's capacity ends where the input given to
// Parse ends, so appending to it copies instead of writing past the record.
//
// A Raw from Parse also remembers where its header's bytes are, so that
// header fields this build does not know (added by a newer writer) are
// written back by AppendBinary, byte for byte.
type Raw struct {
	Header  Header
	Payload []byte

	// stored is the header message as Parse read it (aliasing the record,
	// capped), kept when it may hold fields this build does not know: when
	// it is not laid out as writers lay it out. nil otherwise, and for a Raw
	// built by hand.
	stored []byte
}

// Parse decodes a stored v2 record's header and returns the payload
// undecoded, aliasing b. It never looks at the payload, so its cost does not
// depend on the payload's size, and it does not allocate unless b is
// malformed. Unknown kinds, codecs and header fields are accepted; unknown
// header fields are kept for AppendBinary.
func Parse(b []byte) (Raw, error) {
	var raw Raw
	err := ParseInto(&raw, b)
	return raw, err
}

// ParseInto is Parse writing into *raw, which a loop over many records
// reuses: a Raw is over a hundred bytes, which Parse returns by copy. It
// allocates nothing unless b is malformed. On error *raw is the zero Raw.
func ParseInto(raw *Raw, b []byte) error {
	if err := raw.parse(b, wire.ZeroCopy); err != nil {
		*raw = Raw{}
		return err
	}
	return nil
}

func (raw *Raw) parse(b []byte, mode wire.Mode) error {
	raw.stored = nil
	if len(b) == 0 {
		return wire.NewError(wire.ErrTruncated, 0, 0)
	}
	if b[0] != V2CodecByte {
		return codecByteError(b[0])
	}
	hb, n, err := wire.ConsumeBytes(b[1:])
	if err != nil {
		return wire.Within(wire.Shift(err, 1), "header")
	}
	// Capped: appending to the payload must never write over what follows
	// the record in b.
	raw.Payload = b[1+n : len(b) : len(b)]
	// The fast path accepts no unknown field, so only a header it leaves to
	// MergeFrom can hold some: that one is remembered (hb is capped).
	if mode == wire.ZeroCopy && parseHeaderFast(hb, &raw.Header) {
		return nil
	}
	r := wire.NewReader(hb, mode)
	r.SetOffset(1 + n - len(hb))
	raw.Header = Header{}
	if err := raw.Header.MergeFrom(&r); err != nil {
		raw.Payload = nil
		return wire.Within(err, "header")
	}
	raw.stored = hb
	return nil
}

// UnmarshalBinary parses a stored record as Parse does, keeping a copy of b:
// the Raw stays valid whatever becomes of b.
func (raw *Raw) UnmarshalBinary(b []byte) error {
	return raw.parse(append([]byte(nil), b...), wire.ZeroCopy)
}

// headerSize returns the size of the header AppendBinary writes, and whether
// it writes the stored header as it is: it does when raw.Header is still
// what the stored header reads. Otherwise it writes raw.Header followed by
// the stored header's unknown fields.
func (raw *Raw) headerSize() (size int, asStored bool) {
	if raw.stored == nil {
		return raw.Header.Size(), false
	}
	var h Header
	r := wire.NewReader(raw.stored, wire.ZeroCopy)
	if h.MergeFrom(&r) == nil && h == raw.Header {
		return len(raw.stored), true
	}
	return raw.Header.Size() + sizeUnknownHeaderFields(raw.stored), false
}

// knownHeaderField reports whether Header.MergeFrom reads a field of this
// number and wire type. Any other field of a header is unknown: other
// numbers, and known numbers with another wire type (protobuf keeps those as
// unknown too).
func knownHeaderField(num wire.Number, typ wire.Type) bool {
	switch num {
	case 1, 2, 5:
		return typ == wire.BytesType
	case 3, 4:
		return typ == wire.VarintType
	}
	return false
}

// sizeUnknownHeaderFields returns the size of the unknown fields of the
// header message hb.
func sizeUnknownHeaderFields(hb []byte) int {
	n := 0
	for r := wire.NewReader(hb, wire.ZeroCopy); r.Next(); {
		if !knownHeaderField(r.Number(), r.Type()) {
			n += len(r.Raw())
		}
	}
	return n
}

// appendUnknownHeaderFields appends the unknown fields of the header message
// hb, in their order, as they are.
func appendUnknownHeaderFields(b, hb []byte) []byte {
	for r := wire.NewReader(hb, wire.ZeroCopy); r.Next(); {
		if !knownHeaderField(r.Number(), r.Type()) {
			b = append(b, r.Raw()...)
		}
	}
	return b
}

// Size returns the size of the stored record as AppendBinary writes it.
func (raw *Raw) Size() int {
	hs, _ := raw.headerSize()
	return recordSize(hs, len(raw.Payload))
}

// AppendBinary appends the stored record: codec byte, header and payload,
// growing b at most once. The header is written as it was stored if
// raw.Header has not changed since Parse; otherwise raw.Header is encoded
// and the header fields this build does not know follow it, byte for byte
// as they were stored. If raw.Header is not valid (see Header.Validate) it
// returns b unchanged and the error: nothing is written that Parse would
// reject.
func (raw *Raw) AppendBinary(b []byte) ([]byte, error) {
	if err := raw.Header.Validate(); err != nil {
		return b, wire.Within(err, "header")
	}
	hs, asStored := raw.headerSize()
	if n := recordSize(hs, len(raw.Payload)); cap(b)-len(b) < n {
		nb := make([]byte, len(b), len(b)+n)
		copy(nb, b)
		b = nb
	}
	b = append(b, V2CodecByte)
	b = wire.AppendVarint(b, uint64(hs))
	if asStored {
		b = append(b, raw.stored...)
	} else {
		b = raw.Header.AppendTo(b)
		if raw.stored != nil {
			b = appendUnknownHeaderFields(b, raw.stored)
		}
	}
	return append(b, raw.Payload...), nil
}

// MarshalBinary returns the stored record (see AppendBinary) in a new slice
// of exactly its size.
func (raw *Raw) MarshalBinary() ([]byte, error) { return raw.AppendBinary(nil) }

// DecodeNew decodes the payload, copying, into a new value of the record's
// kind from the registry (see RegisterKind and NewPayload): decoding by kind,
// for the record set's kinds and users' alike.
func (raw *Raw) DecodeNew() (Decodable, error) {
	p, err := NewPayload(raw.Header.Kind)
	if err != nil {
		return nil, err
	}
	if err := raw.Decode(p); err != nil {
		return nil, err
	}
	return p, nil
}

// Decode decodes the payload into p, copying strings and bytes out of the
// record. The record's kind must be p's kind and its payload codec p's codec,
// and keys in the header must be the decoded payload's keys (else
// ErrInvalidValue, naming header.keys; p then holds the payload as decoded).
func (raw *Raw) Decode(p Decodable) error { return raw.decode(p, wire.Copy) }

// DecodeZeroCopy decodes the payload into p without allocating: p's strings
// and byte slices alias the record, which must stay unchanged (and out of any
// pool) while p is in use. Slices in p are reused, so decoding many records
// into one value allocates nothing once warm.
func (raw *Raw) DecodeZeroCopy(p Decodable) error { return raw.decode(p, wire.ZeroCopy) }

func (raw *Raw) decode(p Decodable, mode wire.Mode) error {
	if IsNil(p) {
		return MissingField("payload")
	}
	if want := p.Kind(); raw.Header.Kind != want {
		return kindError(ErrKindMismatch, raw.Header.Kind, want, 0)
	}
	if raw.Header.Codec != p.Codec() {
		return kindError(ErrUnsupportedCodec, raw.Header.Kind, 0, raw.Header.Codec)
	}
	if err := p.UnmarshalPayload(raw.Payload, mode); err != nil {
		return err
	}
	// A header that names keys must name the payload's: a forged header
	// would otherwise steer key filters. (A header without keys, as older
	// writers wrote, matches every filter and is not checked.)
	if !raw.Header.Keys.IsNone() && raw.Header.Keys != p.Keys() {
		return wire.Within(InvalidValue("keys"), "header")
	}
	return nil
}
