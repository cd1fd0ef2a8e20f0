// What the exported methods of the protobuf payloads share. The methods
// themselves are the same for every payload type, each delegating to the
// type's codec (codec_payloads.go): go generate writes them from recordSet
// into payload_methods_gen.go.

package records

import (
	"unsafe"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/wire"
)

// codec is what each protobuf payload type's hand-written codec provides to
// the helpers below.
type codec interface {
	size() int
	appendTo(b []byte) []byte
	validate(enc check) error
}

// check names the two validations of a value: afterDecode, what a reader
// rejects once every field is read (it checked the UTF-8 of each string as
// it read it); beforeEncode, that and the UTF-8 of every string, which a
// writer checks itself.
type check bool

const (
	afterDecode  check = false
	beforeEncode check = true
)

// validate reports what a reader would reject in x; a nil x (a typed nil
// payload) is a missing payload, not a panic.
func validate(x codec) error {
	if envelope.IsNil(x) {
		return nilPayload()
	}
	return x.validate(beforeEncode)
}

// nilPayload is the error of a method called on a typed nil payload.
func nilPayload() error { return envelope.MissingField("payload") }

// A codec may validate and size a value in one walk: a method
//
//	sizeChecked() (int, error)
//
// returns size(), or 0 and the error validate(beforeEncode) returns (the
// same error: the checks are made in the same order), and validate
// (beforeEncode) calls it. The exported SizeChecked forwards to it when the
// type has one (go generate looks), else to validThenSize.

// validThenSize returns x's size, or 0 and what validate(x) returns: the
// SizeChecked of the codecs without a sizeChecked of their own.
func validThenSize(x codec) (int, error) {
	if err := validate(x); err != nil {
		return 0, err
	}
	return x.size(), nil
}

// The copying decode (wire.Copy) reads the payload in place first (zero-copy,
// no allocation), so that a malformed payload allocates only its error, and
// then reads it again from a private copy that the value's strings and byte
// slices alias (or, for a rebaser, moves them onto that copy without reading
// it: see rebased): one allocation, whatever the number of fields.
//
// A payload type whose bulk is one bytes field (a spare field: see
// spareField) keeps that field out of the private copy once it is at least
// spareMin long: the private copy holds the rest of the payload, and the
// field is copied into the storage the value already holds for it, when the
// value owns that storage (see ownedSpare). So a value decoded into again and
// again reuses its largest field's memory, as repeated fields are reused,
// and a warm copying decode of a large payload allocates only the small rest.
// Strings never alias that reused storage: they stay immutable.

// spareField is implemented by the payload types with a spare field: a
// bytes field of the payload itself (not of a nested message, not a oneof
// member, so that leaving its last occurrence out of the private copy
// changes no other field) that usually holds the bulk of the payload.
type spareField interface{ spare() *[]byte }

// spareMin is the length from which a spare field is kept out of the
// private copy; below it, one copy of the whole payload is as cheap.
const spareMin = 128

// ownedSpare returns x's spare field emptied, for reuse by a copying decode
// into x, if x owns its storage: it holds capacity beyond its length. A
// zero-copy decode leaves a field capped to its length in the record it
// aliases (so that the record is never written to), and restoreSpare always
// leaves spare capacity; a slice set by the caller with capacity beyond its
// length is reused as the value's other slices are (see the package
// documentation). nil for any other mode or type.
func ownedSpare(x codec, mode wire.Mode) []byte {
	if mode != wire.Copy {
		return nil
	}
	s, ok := x.(spareField)
	if !ok {
		return nil
	}
	if f := *s.spare(); cap(f) > len(f) {
		return f[:0]
	}
	return nil
}

// privateCopy returns the private copy of the payload b for the second read
// of a copying decode, after x was read in place from b, and the spare
// field's value (aliasing b) if the copy leaves it out: then the copy is b
// without the field that held that value (its last occurrence), else all of
// b.
//
// A copy is appended to a slice without clearing what it copies over (make
// and then copy would clear it all first).
func privateCopy(x codec, b []byte) (c, big []byte) {
	s, ok := x.(spareField)
	if !ok {
		return append([]byte(nil), b...), nil
	}
	big = *s.spare()
	if len(big) < spareMin {
		return append([]byte(nil), b...), nil
	}
	for r := wire.NewReader(b, wire.ZeroCopy); r.Next(); {
		if d := r.Data(); len(d) == len(big) && unsafe.SliceData(d) == unsafe.SliceData(big) {
			start, end := r.Offset(), r.Offset()+len(r.Raw())
			c = append(make([]byte, 0, len(b)-(end-start)), b[:start]...)
			return append(c, b[end:]...), big
		}
	}
	// Unreachable: the in-place read set the field from one of b's fields.
	return append([]byte(nil), b...), nil
}

// restoreSpare sets x's spare field, read from the private copy without
// its value, to a copy of big (the value read in place), in keep's storage
// if that is large enough (see ownedSpare), else in new storage with
// capacity beyond its length, which marks it as the value's own. It does
// nothing if big is nil (the private copy was all of the payload).
func restoreSpare(x codec, big, keep []byte) {
	if big == nil {
		return
	}
	f := x.(spareField).spare()
	if cap(keep) > len(big) {
		*f = append(keep, big...)
		return
	}
	*f = append(make([]byte, 0, len(big)+1), big...)
}

// decoded finishes a decode of x: the reader's error if any, else what
// validation says of the whole value. (Each UnmarshalPayload calls its own
// mergeFrom directly, so that its Reader stays on the stack.)
func decoded(x codec, err error) error {
	if err != nil {
		return err
	}
	return x.validate(afterDecode)
}

// A payload type may finish a copying decode without the second read: it
// implements rebaser, whose rebase re-points each of its strings and byte
// slices that alias the input (left there by the in-place read) onto the
// private copy, at the same offset (less the spare field's bytes when they
// are left out of the copy). Every string and bytes field of the value,
// nested ones included, whatever the oneof members set, must be passed to
// m: a field left out would alias the input. Differential tests (the fuzz
// target FuzzCopyRebase) check that none does.
type rebaser interface{ rebase(m remap) }

// remap maps memory in the input of a copying decode onto its private copy.
type remap struct {
	base   uintptr // address of the input
	n      int     // its length
	lo, hi int     // the spare field's bytes, left out of c (lo == hi == n if none)
	c      []byte  // the private copy
}

// to returns the offset in m.c of the l bytes at p, if they lie in the
// input outside the spare field.
func (m *remap) to(p unsafe.Pointer, l int) (int, bool) {
	off := uintptr(p) - m.base
	if l == 0 || off >= uintptr(m.n) {
		return 0, false
	}
	o := int(off)
	switch {
	case o >= m.hi:
		o -= m.hi - m.lo
	case o >= m.lo:
		return 0, false
	}
	return o, true
}

// str re-points *s onto the private copy if it aliases the input.
func (m *remap) str(s *string) {
	if o, ok := m.to(unsafe.Pointer(unsafe.StringData(*s)), len(*s)); ok {
		*s = unsafe.String(&m.c[o], len(*s))
	}
}

// bytes re-points *s onto the private copy if it aliases the input, capped
// to its length as a zero-copy read leaves it (so no later decode writes
// into the copy: see ownedSpare).
func (m *remap) bytes(s *[]byte) {
	if o, ok := m.to(unsafe.Pointer(unsafe.SliceData(*s)), len(*s)); ok {
		end := o + len(*s)
		*s = m.c[o:end:end]
	}
}

// rebased finishes the copying decode of x, read in place from b and
// validated, if x is a rebaser: it makes the private copy (without the spare
// field if that is at least spareMin long), re-points x onto it and copies
// the spare field into keep's storage or its own (restoreSpare). It reports
// false, doing nothing, for other types.
func rebased(x codec, b, keep []byte) bool {
	rb, ok := x.(rebaser)
	if !ok {
		return false
	}
	m := remap{base: uintptr(unsafe.Pointer(unsafe.SliceData(b))), n: len(b), lo: len(b), hi: len(b)}
	var big []byte
	if s, ok := x.(spareField); ok && len(*s.spare()) >= spareMin {
		big = *s.spare()
		if o, ok := m.to(unsafe.Pointer(unsafe.SliceData(big)), len(big)); ok {
			m.lo, m.hi = o, o+len(big)
		} else {
			big = nil // unreachable: the in-place read set it from b
		}
	}
	if big == nil {
		m.c = append([]byte(nil), b...)
	} else {
		m.c = append(append(make([]byte, 0, len(b)-len(big)), b[:m.lo]...), b[m.hi:]...)
	}
	rb.rebase(m)
	restoreSpare(x, big, keep)
	return true
}
