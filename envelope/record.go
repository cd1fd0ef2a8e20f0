package envelope

import (
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

// Decodable is a payload type the envelope can decode into.
type Decodable interface {
	// Kind returns the record kind this payload type reads.
	Kind() Kind
	// Codec returns the payload codec this payload type reads.
	Codec() Codec
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

// Header returns the header a writer writes for r: its source and dedup, and
// the payload's kind, codec and keys.
func (r *Record) Header() Header {
	h := Header{Source: r.Source, Dedup: r.Dedup}
	if r.Payload != nil {
		h.Kind, h.Codec, h.Keys = r.Payload.Kind(), r.Payload.Codec(), r.Payload.Keys()
	}
	return h
}

// Validate reports what a reader would reject in the header or the payload.
func (r *Record) Validate() error {
	_, _, err := r.prepare()
	return err
}

// prepare validates r and returns its header and the header's size.
func (r *Record) prepare() (Header, int, error) {
	if r.Payload == nil {
		return Header{}, 0, MissingField("payload")
	}
	h := r.Header()
	if err := h.Validate(); err != nil {
		return h, 0, err
	}
	if err := r.Payload.Validate(); err != nil {
		return h, 0, wire.Within(err, "payload")
	}
	return h, h.Size(), nil
}

// Size returns the size of the stored record: codec byte, header length,
// header and payload.
func (r *Record) Size() int {
	h := r.Header()
	return recordSize(h.Size(), r.payloadSize())
}

func (r *Record) payloadSize() int {
	if r.Payload == nil {
		return 0
	}
	return r.Payload.Size()
}

func recordSize(headerSize, payloadSize int) int {
	return 1 + wire.SizeBytes(headerSize) + payloadSize
}

// AppendTo appends the stored record to b, unchecked (see Validate).
func (r *Record) AppendTo(b []byte) []byte {
	h := r.Header()
	return r.appendTo(b, &h, h.Size())
}

func (r *Record) appendTo(b []byte, h *Header, headerSize int) []byte {
	b = append(b, V2CodecByte)
	b = wire.AppendVarint(b, uint64(headerSize))
	b = h.AppendTo(b)
	if r.Payload == nil {
		return b
	}
	return r.Payload.AppendTo(b)
}

// AppendBinary appends the stored record to b, growing b at most once to
// the exact size needed. If the record is not valid it returns b unchanged
// and the error.
func (r *Record) AppendBinary(b []byte) ([]byte, error) {
	h, hs, err := r.prepare()
	if err != nil {
		return b, err
	}
	if n := recordSize(hs, r.Payload.Size()); cap(b)-len(b) < n {
		nb := make([]byte, len(b), len(b)+n)
		copy(nb, b)
		b = nb
	}
	return r.appendTo(b, &h, hs), nil
}

// MarshalBinary returns the stored record in a new slice of exactly its size.
func (r *Record) MarshalBinary() ([]byte, error) { return r.AppendBinary(nil) }

// Marshal writes the stored record into a pooled buffer of exactly its size,
// taken once and never grown. The caller owns the buffer and returns it with
// pool.Put when done. If the record is not valid, Marshal takes no buffer.
func (r *Record) Marshal() (*pool.Buffer, error) {
	h, hs, err := r.prepare()
	if err != nil {
		return nil, err
	}
	buf := pool.Get(recordSize(hs, r.Payload.Size()))
	buf.B = r.appendTo(buf.B, &h, hs)
	return buf, nil
}

// Raw is a stored v2 record with its header decoded and its payload not: a
// zero-copy view of the record's bytes. Its strings (the dedup prefix) and
// Payload alias the record; Payload's capacity ends where the input given to
// Parse ends, so appending to it copies instead of writing past the record.
type Raw struct {
	Header  Header
	Payload []byte
}

// Parse decodes a stored v2 record's header and returns the payload
// undecoded, aliasing b. It never looks at the payload, so its cost does not
// depend on the payload's size, and it does not allocate unless b is
// malformed. Unknown kinds, codecs and header fields are accepted.
func Parse(b []byte) (Raw, error) {
	var raw Raw
	err := raw.parse(b, wire.ZeroCopy)
	return raw, err
}

func (raw *Raw) parse(b []byte, mode wire.Mode) error {
	if len(b) == 0 {
		return wire.NewError(wire.ErrTruncated, 0, 0)
	}
	if b[0] != V2CodecByte {
		return &Error{Err: ErrUnknownCodec, Codec: Codec(b[0])}
	}
	hb, n, err := wire.ConsumeBytes(b[1:])
	if err != nil {
		return wire.Within(wire.Shift(err, 1), "header")
	}
	// Capped: appending to the payload must never write over what follows
	// the record in b.
	raw.Payload = b[1+n : len(b) : len(b)]
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
	return nil
}

// UnmarshalBinary parses a stored record as Parse does, keeping a copy of b:
// the Raw stays valid whatever becomes of b.
func (raw *Raw) UnmarshalBinary(b []byte) error {
	return raw.parse(append([]byte(nil), b...), wire.ZeroCopy)
}

// Size returns the size of the stored record as AppendTo writes it.
func (raw *Raw) Size() int { return recordSize(raw.Header.Size(), len(raw.Payload)) }

// AppendTo appends the stored record: the header re-encoded (unknown header
// fields are not kept) and the payload as it is.
func (raw *Raw) AppendTo(b []byte) []byte {
	b = append(b, V2CodecByte)
	b = wire.AppendVarint(b, uint64(raw.Header.Size()))
	b = raw.Header.AppendTo(b)
	return append(b, raw.Payload...)
}

// Decode decodes the payload into p, copying strings and bytes out of the
// record. The record's kind must be p's kind and its payload codec p's codec.
func (raw *Raw) Decode(p Decodable) error { return raw.decode(p, wire.Copy) }

// DecodeZeroCopy decodes the payload into p without allocating: p's strings
// and byte slices alias the record, which must stay unchanged (and out of any
// pool) while p is in use. Slices in p are reused, so decoding many records
// into one value allocates nothing once warm.
func (raw *Raw) DecodeZeroCopy(p Decodable) error { return raw.decode(p, wire.ZeroCopy) }

func (raw *Raw) decode(p Decodable, mode wire.Mode) error {
	if want := p.Kind(); raw.Header.Kind != want {
		return &Error{Err: ErrKindMismatch, Kind: raw.Header.Kind, Want: want}
	}
	if raw.Header.Codec != p.Codec() {
		return &Error{Err: ErrUnsupportedCodec, Kind: raw.Header.Kind, Codec: raw.Header.Codec}
	}
	return p.UnmarshalPayload(raw.Payload, mode)
}
