package envelope

import (
	"strconv"
	"sync"
)

// Kind is a record kind: what the payload is. 0 is unknown. The numbers are
// part of the format; package records names the kinds of the WAL record set.
type Kind uint32

// KindUnknown is the zero Kind.
const KindUnknown Kind = 0

var kindNames sync.Map // Kind -> string

// RegisterKind gives kind k a name for String. Packages that define payload
// types call it from init; a later call for the same kind replaces the name.
func RegisterKind(k Kind, name string) { kindNames.Store(k, name) }

// String returns the kind's registered name, or "Kind(n)".
func (k Kind) String() string {
	if v, ok := kindNames.Load(k); ok {
		return v.(string)
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
