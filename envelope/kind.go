package envelope

import (
	"strconv"

	"github.com/walwire/walwire/internal/kinds"
)

// Kind is a record kind: what the payload is. 0 is unknown. The numbers are
// part of the format: kinds 1 to 999 are reserved for walwire's record set
// (package records registers them), kinds from 1000 (FirstUserKind) up are
// the users'.
type Kind uint32

// KindUnknown is the zero Kind.
const KindUnknown Kind = 0

// FirstUserKind is the first kind open to users' own payload types.
const FirstUserKind Kind = kinds.FirstUser

// RegisterKind registers a user kind: its number k (FirstUserKind or above),
// its name (for String and logs) and a constructor of the zero payload a
// record of that kind decodes into (see NewPayload and Raw.DecodeNew). Call
// it from an init function.
//
// Like http.Handle and sql.Register, it panics on a mistake rather than
// returning an error: a reserved kind (below 1000), a kind or a name already
// registered (a second registration would silently rename a kind, or decode
// records as another type), an empty name or a nil constructor. Such a
// mistake is in the program, not in its input, and a panic at init shows it
// on the first run, where an ignored error would not.
func RegisterKind(k Kind, name string, new func() Decodable) {
	if new == nil {
		kinds.Register(uint32(k), name, nil, false)
	}
	kinds.Register(uint32(k), name, func() any { return new() }, false)
}

// NewPayload returns a new, zero payload of the registered kind k, ready to
// decode a record of that kind into; ErrUnknownKind if k is not registered.
func NewPayload(k Kind) (Decodable, error) {
	if p, ok := kinds.New(uint32(k)).(Decodable); ok {
		return p, nil
	}
	return nil, UnknownKind(k)
}

// KindByName returns the registered kind named name (as in "Invoke").
func KindByName(name string) (Kind, bool) {
	k, ok := kinds.ByName(name)
	return Kind(k), ok
}

// String returns the kind's registered name, or "Kind(n)".
func (k Kind) String() string {
	if name, ok := kinds.Name(uint32(k)); ok {
		return name
	}
	return "Kind(" + strconv.FormatUint(uint64(k), 10) + ")"
}

// Codec is a codec: the first byte of a stored record, and the encoding of a
// payload named in the header. The numbers are part of the format.
type Codec uint32

// The codecs.
const (
	CodecUnspecified Codec = 0
	CodecProtobuf    Codec = 1
	CodecFlexbuffers Codec = 2
	CodecBytes       Codec = 3 // the payload is the bytes themselves
	CodecRetired     Codec = 4 // never reuse
	CodecJSON        Codec = 5 // as a record's first byte: a v1 record
	CodecBilrost     Codec = 6
	CodecCustom      Codec = 7 // as a record's first byte: a v2 envelope record
)

// The first byte of a stored record.
const (
	V1CodecByte = byte(CodecJSON)
	V2CodecByte = byte(CodecCustom)
)

var codecNames = [...]string{"Unspecified", "Protobuf", "Flexbuffers", "Bytes", "Retired", "JSON", "Bilrost", "Custom"}

// String returns the codec's name, or "Codec(n)".
func (c Codec) String() string {
	if int(c) < len(codecNames) {
		return codecNames[c]
	}
	return "Codec(" + strconv.FormatUint(uint64(c), 10) + ")"
}

// Optional is a value that may be absent. The zero Optional is absent; a set
// Optional holding the zero value is not.
type Optional[T any] struct {
	Value T
	Set   bool
}

// Some returns a set Optional holding v.
func Some[T any](v T) Optional[T] { return Optional[T]{Value: v, Set: true} }

// Get returns the value and whether it is set.
func (o Optional[T]) Get() (T, bool) { return o.Value, o.Set }
