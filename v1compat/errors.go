package v1compat

import (
	"errors"
	"strconv"
	"unsafe"
)

// The classes of errors of a v1 record, beyond those shared with v2 records
// (envelope.ErrMissingField, envelope.ErrInvalidValue, envelope.ErrUnknownCodec,
// envelope.ErrUnsupportedCodec, wire.ErrTruncated for an empty input and
// wire.ErrDepth for JSON nested too deeply). Test with errors.Is.
var (
	// ErrMalformedJSON: the text is not JSON (truncated text, a bad literal,
	// a stray character, a bad escape).
	ErrMalformedJSON = errors.New("malformed JSON")
	// ErrTrailingData: something other than whitespace follows the record's
	// JSON object.
	ErrTrailingData = errors.New("trailing data after the JSON object")
	// ErrUnknownVariant: a command, source, dest, producer, sequence, oneof
	// member or enum value this release does not know. Error.Detail names it.
	ErrUnknownVariant = errors.New("unknown variant")
	// ErrWrongType: a JSON value of the wrong type for its field: a string
	// where a number is due, an object where a bare number is due, a number
	// that is not a plain integer (1.0, 1e3, -0), a tagged object with zero or
	// two keys.
	ErrWrongType = errors.New("wrong JSON type")
	// ErrOutOfRange: an integer beyond its field's width, or negative for an
	// unsigned field.
	ErrOutOfRange = errors.New("number out of range")
	// ErrInvalidBase64: a bytes field that is not standard padded base64.
	ErrInvalidBase64 = errors.New("invalid base64")
	// ErrInvalidDedup: a deduplication v2 cannot express: a Partition or
	// Producer id with an epoch sequence number (Esn).
	ErrInvalidDedup = errors.New("invalid deduplication")
)

// maxPath is how many path elements an Error keeps; deeper paths are cut at
// the outer end.
const maxPath = 16

type pathElem struct {
	name  string
	index int // an array index when name is ""
}

// Error describes why and where a v1 record was rejected: its class (Err),
// the JSON path of the value at fault (Path), the byte offset in the record
// (the codec byte is offset 0) and a detail such as the unknown variant's
// name. Building one is the only allocation of an error path: a detail
// built from the input lives in the Error itself.
type Error struct {
	// Err is the class: one of the Err variables of this package, or
	// envelope.ErrMissingField, envelope.ErrInvalidValue, ...
	Err error
	// Offset is the byte offset in the record where the problem was found,
	// or -1 when not known (an error found after decoding, by validation).
	Offset int
	// Detail says what was found, as in `"Bogus"` for an unknown variant or
	// "expected a number, found a string" for a wrong type; it may be empty.
	Detail string

	path  [maxPath]pathElem // innermost first
	npath int
	cut   bool

	buf  [maxDetail]byte // Detail, when built piece by piece (see add)
	nbuf int
}

// maxDetail is how many bytes of a built detail an Error keeps.
const maxDetail = 120

// add appends s to the detail, within the Error's own buffer (cut at
// maxDetail bytes), and returns e. A nil e does nothing.
func (e *Error) add(s string) *Error {
	if e == nil {
		return nil
	}
	e.nbuf += copy(e.buf[e.nbuf:], s)
	e.Detail = unsafe.String(&e.buf[0], e.nbuf)
	return e
}

// addBytes appends b to the detail, as add does.
func (e *Error) addBytes(b []byte) *Error {
	if e == nil {
		return nil
	}
	e.nbuf += copy(e.buf[e.nbuf:], b)
	e.Detail = unsafe.String(&e.buf[0], e.nbuf)
	return e
}

// addInt appends n in decimal to the detail.
func (e *Error) addInt(n int64) *Error {
	var b [20]byte
	return e.addBytes(strconv.AppendInt(b[:0], n, 10))
}

// addQuoted appends a short quoted copy of some input to the detail:
// at most 40 bytes, control characters, quotes, backslashes and non-ASCII
// bytes shown as '?'.
func (e *Error) addQuoted(b []byte) *Error {
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
	return e.addBytes(q[:n])
}

func (e *Error) within(name string) {
	e.push(pathElem{name: name})
}

func (e *Error) withinIndex(i int) {
	e.push(pathElem{index: i})
}

func (e *Error) push(p pathElem) {
	if e.npath < maxPath {
		e.path[e.npath] = p
		e.npath++
	} else {
		e.cut = true
	}
}

// Path returns the JSON path of the value at fault, as in
// "command.Invoke.invocation_target.type" or "command.Invoke.headers[1].name";
// "" for the record itself.
func (e *Error) Path() string {
	return string(e.appendPath(nil))
}

func (e *Error) appendPath(b []byte) []byte {
	first := !e.cut
	if e.cut {
		b = append(b, "..."...)
	}
	for i := e.npath - 1; i >= 0; i-- {
		p := e.path[i]
		if p.name == "" {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(p.index), 10)
			b = append(b, ']')
			continue
		}
		if !first {
			b = append(b, '.')
		}
		first = false
		b = append(b, p.name...)
	}
	return b
}

// Error returns the class, the path, the offset and the detail, as in
// "v1compat: unknown variant at command (offset 112): \"Bogus\"".
func (e *Error) Error() string {
	b := []byte("v1compat: ")
	b = append(b, e.Err.Error()...)
	if e.npath > 0 {
		b = append(b, " at "...)
		b = e.appendPath(b)
	}
	if e.Offset >= 0 {
		b = append(b, " (offset "...)
		b = strconv.AppendInt(b, int64(e.Offset), 10)
		b = append(b, ')')
	}
	if e.Detail != "" {
		b = append(b, ": "...)
		b = append(b, e.Detail...)
	}
	return string(b)
}

// Unwrap returns the error's class.
func (e *Error) Unwrap() error { return e.Err }

// newError returns an error of class err at offset off.
func newError(err error, off int, detail string) *Error {
	return &Error{Err: err, Offset: off, Detail: detail}
}
