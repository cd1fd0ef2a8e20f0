// What the exported methods of the protobuf payloads share. The methods
// themselves are the same for every payload type, each delegating to the
// type's codec (codec_payloads.go): go generate writes them from recordSet
// into payload_methods_gen.go.

package records

import "github.com/walwire/walwire/envelope"

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
		return envelope.MissingField("payload")
	}
	return x.validate(beforeEncode)
}

// appendBinary appends x to b, growing b at most once, or returns b unchanged
// and the error if x is not valid.
func appendBinary(x codec, b []byte) ([]byte, error) {
	if err := validate(x); err != nil {
		return b, err
	}
	return x.appendTo(grow(b, x.size())), nil
}

// privateCopy returns a copy of the payload b for a decode in wire.Copy
// mode: the value's strings and byte slices alias it, so that the decode
// allocates once, whatever the number of fields. The payload is first
// decoded in place (zero-copy, no allocation), and copied and decoded again
// only if that succeeded, so that a malformed payload allocates only its
// error.
//
// append to a nil slice allocates without zeroing what it copies over
// (make and then copy would clear the whole slice first).
func privateCopy(b []byte) []byte { return append([]byte(nil), b...) }

// decoded finishes a decode of x: the reader's error if any, else what
// validation says of the whole value. (Each UnmarshalPayload calls its own
// mergeFrom directly, so that its Reader stays on the stack.)
func decoded(x codec, err error) error {
	if err != nil {
		return err
	}
	return x.validate(afterDecode)
}
