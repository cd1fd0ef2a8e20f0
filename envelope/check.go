package envelope

import (
	"errors"

	"github.com/walwire/walwire/wire"
)

// ErrSizeMismatch: a payload whose Size is not the number of bytes its
// AppendTo writes (a bug in the payload type, found by CheckPayload or by a
// walwiredebug build).
var ErrSizeMismatch = errors.New("payload Size disagrees with AppendTo")

// sizeError reports a payload whose Size disagrees with AppendTo: its
// detail names the kind and both sizes, as in "kind Invoke (8): Size 4,
// AppendTo wrote 5".
func sizeError(k Kind, size, written int) *wire.Error {
	return addKind(wire.NewDetailedError(ErrSizeMismatch, -1, 0), k).
		AddDetail(": Size ").AddDetailInt(int64(size)).
		AddDetail(", AppendTo wrote ").AddDetailInt(int64(written))
}

// CheckPayload checks what the envelope relies on in a payload type, for
// the tests of payload types (users' own kinds above all): p validates, its
// Size is exactly what AppendTo writes (appending to a non-empty slice
// too), and, if p is also Decodable, what it writes decodes into a new
// value of its type (NewPayload of its kind) that writes the same bytes
// again. A lying Size would otherwise write wrong records silently.
func CheckPayload(p Payload) error {
	if IsNil(p) {
		return MissingField("payload")
	}
	if err := p.Validate(); err != nil {
		return err
	}
	b := p.AppendTo(nil)
	if len(b) != p.Size() {
		return sizeError(p.Kind(), p.Size(), len(b))
	}
	prefixed := p.AppendTo([]byte("prefix"))
	if string(prefixed[6:]) != string(b) {
		return sizeError(p.Kind(), p.Size(), len(prefixed)-6)
	}
	if _, ok := p.(Decodable); !ok {
		return nil
	}
	q, err := NewPayload(p.Kind())
	if err != nil {
		return err
	}
	if err := q.UnmarshalPayload(b, wire.Copy); err != nil {
		return err
	}
	again, ok := q.(Payload)
	if !ok {
		return nil
	}
	if c := again.AppendTo(nil); string(c) != string(b) {
		return InvalidValue("payload (it decodes to a value that writes other bytes)")
	}
	return nil
}
