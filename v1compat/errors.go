package v1compat

import (
	"errors"

	"github.com/walwire/walwire/wire"
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
	// member or enum value this release does not know. The error's Detail
	// names it.
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

// newError returns an error of class err at offset off (-1 if not known)
// with the given detail.
func newError(err error, off int, detail string) *wire.Error {
	e := wire.NewError(err, int64(off), 0)
	e.Detail = detail
	return e
}
