package wire

import (
	"errors"
	"math"
	"strconv"
	"unsafe"
)

// The classes of malformed input. Every error this package returns wraps one
// of them; test with errors.Is.
var (
	// ErrTruncated: the input ends inside a tag, varint, fixed value or
	// length-delimited value, or a length prefix is larger than what remains.
	ErrTruncated = errors.New("truncated input")
	// ErrOverflow: a varint longer than 10 bytes, or whose 10th byte is above 1.
	ErrOverflow = errors.New("varint overflows 64 bits")
	// ErrFieldNumber: a field number of 0 or above MaxValidNumber.
	ErrFieldNumber = errors.New("invalid field number")
	// ErrWireType: wire type 6 or 7.
	ErrWireType = errors.New("invalid wire type")
	// ErrGroup: an end-group with no start, a start-group with no end, or an
	// end-group whose number differs from its start's.
	ErrGroup = errors.New("mismatched group")
	// ErrDepth: messages or groups nested deeper than the reader's limit.
	ErrDepth = errors.New("nesting too deep")
	// ErrUTF8: invalid UTF-8 in a field declared string.
	ErrUTF8 = errors.New("invalid UTF-8")
)

// maxPath is how many path elements an Error keeps; deeper paths are cut at
// the outer end.
const maxPath = 12

// maxDetail is how many bytes of a detail built with the AddDetail methods
// an Error made by NewDetailedError keeps.
const maxDetail = 120

// Error is the one error type of walwire's decoders and writers: every
// package (wire, envelope, records, v1compat, frame) reports bad input as an
// *Error, so a single errors.As finds where and why input was rejected,
// whatever the layer. It carries the class (Err, a sentinel such as
// ErrTruncated or another package's, for errors.Is), the byte offset, the
// field number where known, a field path of names and array indices, and a
// detail in a few words.
//
// Building one is the only allocation of an error path: the path is an
// array inside the Error, decoders add names with Within as the error
// travels up, and a detail built piece by piece (AddDetail and its kin)
// lives in room allocated with the Error (NewDetailedError).
type Error struct {
	// Err is the class of the error, such as ErrTruncated.
	Err error
	// Offset is the byte offset where the problem was found: in the input
	// of a decoder, or in the stream for package frame; -1 if not known.
	Offset int64
	// Detail says what was found, as in `"Bogus"` for an unknown name or
	// "kind Invoke (8)"; it may be empty.
	Detail string
	// Field is the number of the field being read, or 0.
	Field Number

	npath uint8            // elements in path
	nbuf  uint8            // bytes of buf in Detail
	cut   bool             // path was cut at its outer end
	buf   *[maxDetail]byte // room for Detail, from NewDetailedError; or nil

	path  [maxPath]string // innermost first
	index [maxPath]int32  // for path[i]: 0 for a name, n+1 for the array index n
}

// detailedError is an Error with room for its detail, allocated together.
type detailedError struct {
	Error
	room [maxDetail]byte
}

// NewError returns an error of class err at offset (-1 if not known) in field
// num (0 if none).
func NewError(err error, offset int64, num Number) *Error {
	return &Error{Err: err, Offset: offset, Field: num}
}

// NewDetailedError is NewError with room, in the same allocation, for a
// detail of up to 120 bytes built with AddDetail and its kin: for a detail
// made of pieces of the input or of numbers, which would otherwise cost a
// second allocation.
func NewDetailedError(err error, offset int64, num Number) *Error {
	d := &detailedError{Error: Error{Err: err, Offset: offset, Field: num}}
	d.buf = &d.room
	return &d.Error
}

// Reset makes e an error of class err at offset in field num, with no path
// and no detail, keeping its room for a detail: for a decoder that keeps an
// Error to reuse.
func (e *Error) Reset(err error, offset int64, num Number) {
	*e = Error{Err: err, Offset: offset, Field: num, buf: e.buf}
}

// Within adds name as the outermost element of err's field path and returns
// err. A decoder calls it when an embedded message named name fails. Errors
// that are not *Error are returned unchanged.
func Within(err error, name string) error {
	asError(err).AddName(name)
	return err
}

// AddName adds name as the outermost element of e's path and returns e. A nil
// e does nothing.
func (e *Error) AddName(name string) *Error {
	return e.push(name, 0)
}

// AddIndex adds the array index i as the outermost element of e's path, as
// in "headers[1]", and returns e. A nil e does nothing.
// Indices from 2^31-1 up are shown as 2^31-2.
func (e *Error) AddIndex(i int) *Error {
	return e.push("", int32(min(max(i, 0), math.MaxInt32-1))+1)
}

func (e *Error) push(name string, index int32) *Error {
	if e == nil {
		return nil
	}
	if e.npath < maxPath {
		e.path[e.npath] = name
		e.index[e.npath] = index
		e.npath++
	} else {
		e.cut = true
	}
	return e
}

// Shift adds delta to the offset of err, when err is an *Error with a known
// offset: for errors found in a slice of a larger input. Other errors are
// returned unchanged.
func Shift(err error, delta int) error {
	if e := asError(err); e != nil && e.Offset >= 0 {
		e.Offset += int64(delta)
	}
	return err
}

// asError returns err as an *Error, or nil. It costs nothing for nil and for
// a plain *Error; only wrapped errors take the slow path.
func asError(err error) *Error {
	if err == nil {
		return nil
	}
	if e, ok := err.(*Error); ok {
		return e
	}
	return asWrapped(err)
}

func asWrapped(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// AddDetail appends s to e's detail and returns e. In an Error made by
// NewDetailedError, the detail is built in its own room (cut at 120 bytes),
// allocating nothing; in another, the detail is a new string. A nil e does
// nothing.
func (e *Error) AddDetail(s string) *Error {
	return e.AddDetailBytes(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// AddDetailBytes appends b to e's detail, as AddDetail does.
func (e *Error) AddDetailBytes(b []byte) *Error {
	switch {
	case e == nil:
	case e.buf == nil:
		e.Detail += string(b)
	default:
		e.nbuf += uint8(copy(e.buf[e.nbuf:], b))
		e.Detail = unsafe.String(&e.buf[0], int(e.nbuf))
	}
	return e
}

// AddDetailInt appends n in decimal to e's detail.
func (e *Error) AddDetailInt(n int64) *Error {
	var b [20]byte
	return e.AddDetailBytes(strconv.AppendInt(b[:0], n, 10))
}

// AddDetailQuoted appends a short quoted copy of some input to e's detail:
// at most 40 bytes, control characters, quotes, backslashes and non-ASCII
// bytes shown as '?'.
func (e *Error) AddDetailQuoted(b []byte) *Error {
	const max = 40
	var q [max + 5]byte
	n := 0
	q[n] = '"'
	n++
	cut := len(b) > max
	if cut {
		b = b[:max]
	}
	for _, c := range b {
		if c < 0x20 || c == '"' || c == '\\' || c >= 0x7f {
			c = '?'
		}
		q[n] = c
		n++
	}
	if cut {
		n += copy(q[n:], "...")
	}
	q[n] = '"'
	n++
	return e.AddDetailBytes(q[:n])
}

// Path returns the field path from the outermost message, names joined by
// dots and array indices in brackets, as in "invocation_target.handler" or
// "command.Invoke.headers[1].name"; "" if no decoder named one. A path cut
// at its outer end starts with "...".
func (e *Error) Path() string {
	return string(e.appendPath(nil))
}

func (e *Error) appendPath(b []byte) []byte {
	first := !e.cut
	if e.cut {
		b = append(b, "..."...)
	}
	for i := int(e.npath) - 1; i >= 0; i-- {
		if n := e.index[i]; n > 0 {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(n-1), 10)
			b = append(b, ']')
			continue
		}
		if !first {
			b = append(b, '.')
		}
		first = false
		b = append(b, e.path[i]...)
	}
	return b
}

// Error returns the class, then what is known of the path, the field
// number, the offset and the detail, as in
// "walwire: truncated input in invocation_target.handler (field 3) at offset 17"
// or "walwire: unknown variant in command at offset 112: \"Bogus\"".
func (e *Error) Error() string {
	b := []byte("walwire: ")
	b = append(b, e.Err.Error()...)
	if e.npath > 0 {
		b = append(b, " in "...)
		b = e.appendPath(b)
	}
	if e.Field != 0 {
		b = append(b, " (field "...)
		b = strconv.AppendInt(b, int64(e.Field), 10)
		b = append(b, ')')
	}
	if e.Offset >= 0 {
		b = append(b, " at offset "...)
		b = strconv.AppendInt(b, e.Offset, 10)
	}
	if e.Detail != "" {
		b = append(b, ": "...)
		b = append(b, e.Detail...)
	}
	return string(b)
}

// Unwrap returns the error's class.
func (e *Error) Unwrap() error { return e.Err }

// Internal error codes: functions on the hot path return a negative length
// instead of an error so that nothing is built until an error is certain.
const (
	codeTruncated = -1 - iota
	codeOverflow
	codeFieldNumber
	codeWireType
	codeGroup
	codeDepth
)

func classOf(code int) error {
	switch code {
	case codeTruncated:
		return ErrTruncated
	case codeOverflow:
		return ErrOverflow
	case codeFieldNumber:
		return ErrFieldNumber
	case codeWireType:
		return ErrWireType
	case codeGroup:
		return ErrGroup
	case codeDepth:
		return ErrDepth
	}
	return errors.New("unknown error code " + strconv.Itoa(code))
}
