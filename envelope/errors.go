package envelope

import (
	"errors"
	"strconv"

	"github.com/walwire/walwire/wire"
)

// The classes of errors of this package, beyond the wire classes
// (wire.ErrTruncated and the others), which pass through unchanged. Test with
// errors.Is.
var (
	// ErrUnknownCodec: a record whose codec byte this reader does not read.
	ErrUnknownCodec = errors.New("unknown codec byte")
	// ErrUnsupportedCodec: a typed decode of a payload whose codec the payload
	// type does not read (the header itself decodes whatever the codec).
	ErrUnsupportedCodec = errors.New("unsupported payload codec")
	// ErrKindMismatch: a typed decode into a payload type of another kind.
	ErrKindMismatch = errors.New("record kind mismatch")
	// ErrUnknownKind: a typed decode of a kind this build does not know.
	ErrUnknownKind = errors.New("unknown record kind")
	// ErrMissingField: a required field is absent (decode) or unset (encode).
	ErrMissingField = errors.New("missing required field")
	// ErrInvalidValue: a field holds a value its type does not allow, such as
	// a range whose start is above its end.
	ErrInvalidValue = errors.New("invalid value")
)

// Error reports a record that cannot be handled as asked: its class (Err) and
// the kinds and codec involved.
type Error struct {
	// Err is ErrUnknownCodec, ErrUnsupportedCodec, ErrKindMismatch or
	// ErrUnknownKind.
	Err error
	// Kind is the record's kind.
	Kind Kind
	// Want is, for ErrKindMismatch, the kind of the payload type asked for.
	Want Kind
	// Codec is, for ErrUnknownCodec, the codec byte; for ErrUnsupportedCodec,
	// the payload codec.
	Codec Codec
}

// Error names the class and the kind or codec.
func (e *Error) Error() string {
	b := []byte("envelope: ")
	b = append(b, e.Err.Error()...)
	switch e.Err {
	case ErrUnknownCodec:
		b = append(b, " 0x"...)
		if e.Codec < 0x10 {
			b = append(b, '0')
		}
		b = strconv.AppendUint(b, uint64(e.Codec), 16)
	case ErrUnsupportedCodec:
		b = append(b, ' ')
		b = append(b, e.Codec.String()...)
		b = append(b, " for kind "...)
		b = append(b, e.Kind.String()...)
	case ErrKindMismatch:
		b = append(b, ": record is "...)
		b = append(b, e.Kind.String()...)
		b = append(b, ", payload type is "...)
		b = append(b, e.Want.String()...)
	default:
		b = append(b, ' ')
		b = append(b, e.Kind.String()...)
	}
	return string(b)
}

// Unwrap returns the error's class.
func (e *Error) Unwrap() error { return e.Err }

// MissingField returns an ErrMissingField error for the field name; decoders
// add the names of the messages around it with wire.Within.
func MissingField(name string) error {
	return wire.Within(wire.NewError(ErrMissingField, -1, 0), name)
}

// InvalidValue returns an ErrInvalidValue error for the field name.
func InvalidValue(name string) error {
	return wire.Within(wire.NewError(ErrInvalidValue, -1, 0), name)
}
