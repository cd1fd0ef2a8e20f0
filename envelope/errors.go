package envelope

import (
	"errors"

	"github.com/walwire/walwire/internal/kinds"
	"github.com/walwire/walwire/wire"
)

// The classes of errors of this package, beyond the wire classes
// (wire.ErrTruncated and the others), which pass through unchanged. Test with
// errors.Is; every error of this package is a *wire.Error, whose Detail
// names the kinds and codec involved.
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

// kindError returns an error of class err with a detail naming the kinds
// and the codec involved, as in "kind Invoke (8)", "record kind Invoke (8),
// payload type kind Signal (12)" or "codec Flexbuffers (2) for kind Invoke
// (8)": the envelope's facts go into the detail of the one error type.
// want is used for ErrKindMismatch, c for ErrUnsupportedCodec.
func kindError(err error, k, want Kind, c Codec) *wire.Error {
	e := wire.NewDetailedError(err, -1, 0)
	switch err {
	case ErrKindMismatch:
		addKind(e.AddDetail("record "), k)
		addKind(e.AddDetail(", payload type "), want)
	case ErrUnsupportedCodec:
		addKind(addCodec(e, c).AddDetail(" for "), k)
	default:
		addKind(e, k)
	}
	return e
}

// codecByteError returns an ErrUnknownCodec error for the record's first
// byte c, at offset 0, its detail the byte in hex ("0x05").
func codecByteError(c byte) *wire.Error {
	const hex = "0123456789abcdef"
	return wire.NewDetailedError(ErrUnknownCodec, 0, 0).AddDetail("0x").
		AddDetail(hex[c>>4 : c>>4+1]).AddDetail(hex[c&15 : c&15+1])
}

// addKind appends "kind <name> (<number>)", or "kind <number>" for a kind
// with no name, to e's detail.
func addKind(e *wire.Error, k Kind) *wire.Error {
	e.AddDetail("kind ")
	if name, ok := kinds.Name(uint32(k)); ok {
		return e.AddDetail(name).AddDetail(" (").AddDetailInt(int64(k)).AddDetail(")")
	}
	return e.AddDetailInt(int64(k))
}

// addCodec appends "codec <name> (<number>)", or "codec <number>" for a
// codec with no name, to e's detail.
func addCodec(e *wire.Error, c Codec) *wire.Error {
	e.AddDetail("codec ")
	if int(c) < len(codecNames) {
		return e.AddDetail(codecNames[c]).AddDetail(" (").AddDetailInt(int64(c)).AddDetail(")")
	}
	return e.AddDetailInt(int64(c))
}

// MissingField returns an ErrMissingField error for the field name; decoders
// add the names of the messages around it with wire.Within.
func MissingField(name string) error {
	return wire.Within(wire.NewError(ErrMissingField, -1, 0), name)
}

// InvalidValue returns an ErrInvalidValue error for the field name.
func InvalidValue(name string) error {
	return wire.Within(wire.NewError(ErrInvalidValue, -1, 0), name)
}

// UnknownKind returns an ErrUnknownKind error naming k, as NewPayload
// reports a kind that is not registered.
func UnknownKind(k Kind) error {
	return kindError(ErrUnknownKind, k, 0, 0)
}

// UnknownCodec returns an ErrUnknownCodec error for a record whose first
// byte, c, is no codec byte this reader reads, as Parse reports it: at
// offset 0, its detail the byte in hex ("0x05").
func UnknownCodec(c byte) error {
	return codecByteError(c)
}
