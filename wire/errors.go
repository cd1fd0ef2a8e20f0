package wire

import (
	"errors"
	"strconv"
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

// maxPath is how many field names an Error keeps; deeper paths are cut at the
// outer end.
const maxPath = 12

// Error describes where and why input was rejected. It is the only allocation
// on an error path: decoders that add field names as the error travels up use
// Within, which writes into the same value.
type Error struct {
	// Err is the class of the error, such as ErrTruncated.
	Err error
	// Offset is the byte offset in the input where the problem was found, or
	// -1 if it is not known.
	Offset int
	// Field is the number of the field being read, or 0.
	Field Number

	path  [maxPath]string // innermost first
	npath int
	cut   bool
}

// NewError returns an error of class err at offset (-1 if not known) in field
// num (0 if none).
func NewError(err error, offset int, num Number) *Error {
	return &Error{Err: err, Offset: offset, Field: num}
}

// Within adds name as the outermost element of err's field path and returns
// err. A decoder calls it when an embedded message named name fails. Errors
// that are not *Error are returned unchanged.
func Within(err error, name string) error {
	if e := asError(err); e != nil {
		if e.npath < maxPath {
			e.path[e.npath] = name
			e.npath++
		} else {
			e.cut = true
		}
	}
	return err
}

// Shift adds delta to the offset of err, when err is an *Error with a known
// offset: for errors found in a slice of a larger input. Other errors are
// returned unchanged.
func Shift(err error, delta int) error {
	if e := asError(err); e != nil && e.Offset >= 0 {
		e.Offset += delta
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

// Path returns the dotted field path from the outermost message, as in
// "invocation_target.handler", or "" if no decoder named one.
func (e *Error) Path() string {
	if e.npath == 0 {
		return ""
	}
	var b []byte
	if e.cut {
		b = append(b, "..."...)
	}
	for i := e.npath - 1; i >= 0; i-- {
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, e.path[i]...)
	}
	return string(b)
}

// Error returns a message with the class, the field path or number, and the
// offset.
//
// Errors of this package's classes read "wire: ..."; other packages use
// Error for their own classes (such as a missing required field), which then
// speak for themselves.
func (e *Error) Error() string {
	var b []byte
	switch e.Err {
	case ErrTruncated, ErrOverflow, ErrFieldNumber, ErrWireType, ErrGroup, ErrDepth, ErrUTF8:
		b = append(b, "wire: "...)
	}
	b = append(b, e.Err.Error()...)
	if p := e.Path(); p != "" {
		b = append(b, " in "...)
		b = append(b, p...)
	}
	if e.Field != 0 {
		b = append(b, " (field "...)
		b = strconv.AppendInt(b, int64(e.Field), 10)
		b = append(b, ')')
	}
	if e.Offset >= 0 {
		b = append(b, " at offset "...)
		b = strconv.AppendInt(b, int64(e.Offset), 10)
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
