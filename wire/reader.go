package wire

import (
	"math"
	"slices"
	"unsafe"

	"github.com/walwire/walwire/internal/utf8fast"
)

// Mode says how a Reader hands out strings and bytes.
type Mode uint8

const (
	// ZeroCopy hands out strings and byte slices that alias the input: no
	// allocation, but the input must outlive every value read from it and
	// must not be modified or returned to a pool meanwhile.
	ZeroCopy Mode = iota
	// Copy hands out fresh copies: values stay valid whatever happens to the
	// input, at the cost of one allocation per non-empty string or bytes.
	Copy
)

// Reader walks the fields of one message. Next reads a field's tag and value;
// the accessors then convert the value. A Reader is a small value: copy it
// freely, but read a given message with one Reader at a time.
//
// The accessors take a pointer and set it only when the field's wire type fits
// the accessor; a field whose wire type does not fit its declaration is treated
// as unknown and left alone, as protobuf decoders do. A singular field that
// occurs more than once is set each time, so the last one wins.
//
// Errors are sticky: after the first one, Next returns false and Err returns
// it.
type Reader struct {
	b        []byte
	off      int // offset of the next field in b
	base     int // offset of b in the outermost input, for errors
	depth    int
	maxDepth int
	err      error

	// The current field. Next writes only what every field has: where its
	// tag starts, its number and type, and v; where a value's bytes start is
	// derived when an accessor asks (see bytesValue), so that reading a field
	// costs as few stores as it can.
	start int    // offset of its tag in b
	v     uint64 // varint and fixed values; the value's length for bytes and groups
	num   Number
	typ   Type
	mode  Mode
}

// NewReader returns a Reader over the message b in the given mode, with the
// default depth limit.
func NewReader(b []byte, mode Mode) Reader {
	return Reader{b: b, maxDepth: DefaultMaxDepth, mode: mode}
}

// SetMaxDepth sets how deeply messages and groups below this one may nest.
func (r *Reader) SetMaxDepth(n int) { r.maxDepth = n }

// SetOffset says where the message starts in a larger input, so that error
// offsets count from the start of that input.
func (r *Reader) SetOffset(off int) { r.base = off }

// Mode returns the reader's mode.
func (r *Reader) Mode() Mode { return r.mode }

// Depth returns how deeply this message is nested (0 for the outermost).
func (r *Reader) Depth() int { return r.depth }

// Next reads the next field. It returns false at the end of the message or on
// an error (see Err).
//
// The end of the message is tested here, small enough to be inlined, so
// that the last call of a decoder's loop costs no call; next reads the
// field.
func (r *Reader) Next() bool {
	return r.off < len(r.b) && r.next() // also false after an error: see setErr
}

func (r *Reader) next() bool {
	off := r.off
	// The common case first: a one-byte tag (fields 1 to 15) with a varint
	// or a length-delimited value (wire types 0 and 2: bits 0 and 2 clear),
	// whose varint or length has one byte, else is read by consumeVarintLong.
	// Anything else, errors included, takes the general path below.
	if b := r.b[off:]; b[0] >= 1<<3 && b[0] < 0x80 && b[0]&5 == 0 {
		var v uint64
		var n int
		if len(b) >= 2 && b[1] < 0x80 {
			v, n = uint64(b[1]), 1
		} else {
			v, n = consumeVarintLong(b[1:])
		}
		if n > 0 {
			num, typ := Number(b[0]>>3), Type(b[0]&7)
			if typ == VarintType {
				r.start, r.v, r.num, r.typ = off, v, num, typ
				r.off = off + 1 + n
				return true
			}
			if v <= uint64(len(b)-1-n) {
				r.start, r.v, r.num, r.typ = off, v, num, typ
				r.off = off + 1 + n + int(v)
				return true
			}
		}
	}
	r.start = off
	num, typ, n := consumeTag(r.b[off:])
	if n < 0 {
		r.fail(n, off, 0)
		return false
	}
	v, d, m := consumeValue(num, typ, r.b[off+n:], r.depth+1, r.maxDepth)
	if m < 0 {
		r.fail(m, off, num)
		return false
	}
	if typ == BytesType || typ == StartGroupType {
		v = uint64(len(d))
	}
	r.v, r.num, r.typ = v, num, typ
	r.off = off + n + m
	return true
}

// bytesValue returns the current length-delimited field's value (the caller
// has checked the type): the v bytes that end where the field ends.
func (r *Reader) bytesValue() []byte { return r.b[r.off-int(r.v) : r.off : r.off] }

// groupValue returns the current group's fields and their offset in b:
// they start right after its start tag, which may be overlong (so it is read
// again, the group being rare), and are v bytes long.
func (r *Reader) groupValue() (off int, fields []byte) {
	_, _, n := consumeTag(r.b[r.start:])
	off = r.start + n
	end := off + int(r.v)
	return off, r.b[off:end:end]
}

// setErr records err and ends the message: Next tests only that the end is
// reached, so an error costs it nothing per field.
func (r *Reader) setErr(err error) {
	r.err = err
	r.b = r.b[:r.off]
}

func (r *Reader) fail(code, off int, num Number) {
	r.setErr(NewError(classOf(code), int64(r.base+off), num))
}

// Fail records err as the reader's error (unless one is already recorded),
// so that Next returns false, and returns the recorded error.
func (r *Reader) Fail(err error) error {
	if r.err == nil && err != nil {
		r.setErr(err)
	}
	return r.err
}

// Err returns the first error met, or nil.
func (r *Reader) Err() error { return r.err }

// Number returns the current field's number.
func (r *Reader) Number() Number { return r.num }

// Type returns the current field's wire type.
func (r *Reader) Type() Type { return r.typ }

// Offset returns the offset of the current field's tag, counted from the start
// of the outermost input.
func (r *Reader) Offset() int { return r.base + r.start }

// Raw returns the current field's bytes, tag included, aliasing the input.
func (r *Reader) Raw() []byte { return r.b[r.start:r.off:r.off] }

// Value returns the current field's raw varint or fixed value (0 for other
// wire types).
func (r *Reader) Value() uint64 {
	if r.typ == BytesType || r.typ == StartGroupType {
		return 0
	}
	return r.v
}

// Data returns the current length-delimited field's value (or a group's
// fields), aliasing the input whatever the mode; nil for other wire types.
func (r *Reader) Data() []byte {
	switch r.typ {
	case BytesType:
		return r.bytesValue()
	case StartGroupType:
		_, fields := r.groupValue()
		return fields
	}
	return nil
}

// Uint64 sets *p to a varint field's value.
func (r *Reader) Uint64(p *uint64) bool {
	if r.typ != VarintType {
		return false
	}
	*p = r.v
	return true
}

// Uint32 sets *p to a varint field's value, truncated to 32 bits.
func (r *Reader) Uint32(p *uint32) bool {
	if r.typ != VarintType {
		return false
	}
	*p = uint32(r.v)
	return true
}

// Int64 sets *p to a varint field's value as a two's complement int64.
func (r *Reader) Int64(p *int64) bool {
	if r.typ != VarintType {
		return false
	}
	*p = int64(r.v)
	return true
}

// Int32 sets *p to a varint field's value, truncated to 32 bits (int32 and
// enum fields).
func (r *Reader) Int32(p *int32) bool {
	if r.typ != VarintType {
		return false
	}
	*p = int32(r.v)
	return true
}

// Sint64 sets *p to a zigzag-encoded varint field's value.
func (r *Reader) Sint64(p *int64) bool {
	if r.typ != VarintType {
		return false
	}
	*p = DecodeZigZag(r.v)
	return true
}

// Sint32 sets *p to a zigzag-encoded varint field's value (of its low 32
// bits).
func (r *Reader) Sint32(p *int32) bool {
	if r.typ != VarintType {
		return false
	}
	*p = int32(DecodeZigZag(r.v & math.MaxUint32))
	return true
}

// Bool sets *p to whether a varint field's value is not zero.
func (r *Reader) Bool(p *bool) bool {
	if r.typ != VarintType {
		return false
	}
	*p = r.v != 0
	return true
}

// Fixed32 sets *p to a fixed32 field's value.
func (r *Reader) Fixed32(p *uint32) bool {
	if r.typ != Fixed32Type {
		return false
	}
	*p = uint32(r.v)
	return true
}

// Fixed64 sets *p to a fixed64 field's value.
func (r *Reader) Fixed64(p *uint64) bool {
	if r.typ != Fixed64Type {
		return false
	}
	*p = r.v
	return true
}

// Float sets *p to a float (fixed32) field's value.
func (r *Reader) Float(p *float32) bool {
	if r.typ != Fixed32Type {
		return false
	}
	*p = math.Float32frombits(uint32(r.v))
	return true
}

// Double sets *p to a double (fixed64) field's value.
func (r *Reader) Double(p *float64) bool {
	if r.typ != Fixed64Type {
		return false
	}
	*p = math.Float64frombits(r.v)
	return true
}

// Bytes sets *p to a length-delimited field's value: aliasing the input in
// ZeroCopy mode, a copy in Copy mode. An empty value is nil.
func (r *Reader) Bytes(p *[]byte) bool {
	if r.typ != BytesType {
		return false
	}
	switch d := r.bytesValue(); {
	case len(d) == 0:
		*p = nil
	case r.mode == ZeroCopy:
		*p = d
	default:
		*p = append([]byte(nil), d...)
	}
	return true
}

// String sets *p to a length-delimited field's value: aliasing the input in
// ZeroCopy mode, a copy in Copy mode. Invalid UTF-8 is an ErrUTF8 error, and
// *p is left alone.
func (r *Reader) String(p *string) bool { return r.NamedString(p, "") }

// NamedString is String for a decoder that names its fields: on invalid
// UTF-8, the error's path ends with name (as Within adds it), so that the
// field is named without a second call. An empty name adds nothing.
func (r *Reader) NamedString(p *string, name string) bool {
	if r.typ != BytesType {
		return false
	}
	d := r.bytesValue()
	if !utf8fast.ShortASCII(d) && !utf8fast.Valid(d) {
		r.utf8Error(len(d), name)
		return false
	}
	if r.mode == ZeroCopy {
		*p = unsafe.String(unsafe.SliceData(d), len(d)) // "" when d is empty
	} else {
		*p = string(d)
	}
	return true
}

// utf8Error records the ErrUTF8 error of the current field, whose value is
// its last n bytes, named name unless it is empty.
func (r *Reader) utf8Error(n int, name string) {
	e := NewError(ErrUTF8, int64(r.base+r.off-n), r.num)
	if name != "" {
		e.AddName(name)
	}
	r.setErr(e)
}

// Message returns a Reader over a length-delimited field's value as an
// embedded message, one level deeper, in the same mode. Past the depth limit
// it records an ErrDepth error and returns false. MessageInto does the same
// without the copy of the returned Reader.
func (r *Reader) Message() (s Reader, ok bool) {
	ok = r.MessageInto(&s)
	return s, ok
}

// MessageInto is Message writing the embedded message's Reader into *s
// (which may be r itself, to read the embedded message in its place):
// decoders declare one Reader for the embedded messages they read and pass
// it to MessageInto each time, so that no Reader is built twice.
func (r *Reader) MessageInto(s *Reader) bool {
	if r.typ != BytesType {
		return false
	}
	if r.depth >= r.maxDepth {
		r.depthError()
		return false
	}
	// Every value is read before *s is written, as s may be r; and *s is
	// written field by field, as a composite literal would be built aside
	// and then copied.
	b, base, depth, maxDepth, mode := r.bytesValue(), r.base+r.off-int(r.v), r.depth+1, r.maxDepth, r.mode
	s.b, s.off, s.base, s.depth, s.maxDepth, s.err = b, 0, base, depth, maxDepth, nil
	s.start, s.v, s.num, s.typ, s.mode = 0, 0, 0, 0, mode
	return true
}

// Group returns a Reader over a group field's fields, one level deeper.
func (r *Reader) Group() (Reader, bool) {
	if r.typ != StartGroupType {
		return Reader{}, false
	}
	if r.depth >= r.maxDepth {
		r.depthError()
		return Reader{}, false
	}
	off, fields := r.groupValue()
	return Reader{b: fields, base: r.base + off, depth: r.depth + 1, maxDepth: r.maxDepth, mode: r.mode}, true
}

// depthError records the ErrDepth error of the current field.
func (r *Reader) depthError() {
	r.setErr(NewError(ErrDepth, int64(r.base+r.start), r.num))
}

// CountRest returns how many fields of number num and wire type typ follow
// the current field in the message, without moving r; a malformed rest ends
// the count (Next reports it). Decoders use it to grow a repeated field
// once, to its final length, instead of by repeated doubling.
func (r *Reader) CountRest(num Number, typ Type) int {
	c := *r
	n := 0
	for c.Next() {
		if c.num == num && c.typ == typ {
			n++
		}
	}
	return n
}

// Repeated scalars: the Unpack functions below read a repeated field's values
// and append them to *p, whether the field is packed (one length-delimited
// value holding them all) or not (one value per field), as protobuf decoders
// must accept both. A malformed packed value is an error. (The Append
// functions of this package write; the Unpack functions read.)

// UnpackVarints reads a repeated int32, int64, uint32, uint64 or enum
// field's values into *p; 32-bit types take the low 32 bits.
func UnpackVarints[T Integer](r *Reader, p *[]T) bool {
	return appendVarints(r, p, func(v uint64) T { return T(v) })
}

// UnpackZigZags reads a repeated sint32 or sint64 field's values.
func UnpackZigZags[T ~int32 | ~int64](r *Reader, p *[]T) bool {
	return appendVarints(r, p, func(v uint64) T {
		if unsafe.Sizeof(T(0)) == 4 {
			v &= math.MaxUint32
		}
		return T(DecodeZigZag(v))
	})
}

// UnpackBools reads a repeated bool field's values.
func (r *Reader) UnpackBools(p *[]bool) bool {
	return appendVarints(r, p, func(v uint64) bool { return v != 0 })
}

// UnpackFixed32s reads a repeated fixed32 or sfixed32 field's values. A
// packed value whose length is not a multiple of 4 is ErrTruncated.
func UnpackFixed32s[T Integer32](r *Reader, p *[]T) bool {
	return appendFixed(r, p, Fixed32Type, func(v uint64) T { return T(v) })
}

// UnpackFixed64s reads a repeated fixed64 or sfixed64 field's values. A
// packed value whose length is not a multiple of 8 is ErrTruncated.
func UnpackFixed64s[T Integer64](r *Reader, p *[]T) bool {
	return appendFixed(r, p, Fixed64Type, func(v uint64) T { return T(v) })
}

// UnpackFloats reads a repeated float field's values.
func (r *Reader) UnpackFloats(p *[]float32) bool {
	return appendFixed(r, p, Fixed32Type, func(v uint64) float32 { return math.Float32frombits(uint32(v)) })
}

// UnpackDoubles reads a repeated double field's values.
func (r *Reader) UnpackDoubles(p *[]float64) bool {
	return appendFixed(r, p, Fixed64Type, math.Float64frombits)
}

// growUnpacked grows *p once to hold every unpacked value of the current
// field left in the message, when it is full and already 16 long: so that a
// long unpacked run costs its final size, not the sum of every doubling.
func growUnpacked[T any](r *Reader, p *[]T) {
	if len(*p) == cap(*p) && len(*p) >= 16 {
		*p = slices.Grow(*p, 1+r.CountRest(r.num, r.typ))
	}
}

func appendVarints[T any](r *Reader, p *[]T, f func(uint64) T) bool {
	switch r.typ {
	case VarintType:
		growUnpacked(r, p)
		*p = append(*p, f(r.v))
		return true
	case BytesType:
		// One value ends at each byte below 0x80: grow once, exactly.
		data := r.bytesValue()
		if n := countVarints(data); cap(*p)-len(*p) < n {
			*p = slices.Grow(*p, n)
		}
		for d := data; len(d) > 0; {
			v, n := consumeVarint(d)
			if n < 0 {
				r.fail(n, r.off-len(d), r.num)
				return false
			}
			*p = append(*p, f(v))
			d = d[n:]
		}
		return true
	}
	return false
}

// countVarints returns how many varints the packed value d holds (if it is
// well formed): its bytes below 0x80.
func countVarints(d []byte) int {
	n := 0
	for _, c := range d {
		if c < 0x80 {
			n++
		}
	}
	return n
}

func appendFixed[T any](r *Reader, p *[]T, typ Type, f func(uint64) T) bool {
	switch r.typ {
	case typ:
		growUnpacked(r, p)
		*p = append(*p, f(r.v))
		return true
	case BytesType:
		size := 4
		if typ == Fixed64Type {
			size = 8
		}
		data := r.bytesValue()
		if len(data)%size != 0 {
			r.fail(codeTruncated, r.off-len(data), r.num)
			return false
		}
		*p = slices.Grow(*p, len(data)/size)
		for d := data; len(d) > 0; d = d[size:] {
			v, _, _ := consumeValue(0, typ, d, 0, 0)
			*p = append(*p, f(v))
		}
		return true
	}
	return false
}
