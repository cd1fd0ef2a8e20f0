package wire

// Number is a field number. Valid numbers run from MinValidNumber to
// MaxValidNumber.
type Number int32

// The range of valid field numbers.
const (
	MinValidNumber Number = 1
	MaxValidNumber Number = 1<<29 - 1
)

// IsValid reports whether n is a valid field number.
func (n Number) IsValid() bool { return n >= MinValidNumber && n <= MaxValidNumber }

// Type is a wire type: the low three bits of a tag.
type Type int8

// The wire types. 6 and 7 are not valid.
const (
	VarintType     Type = 0
	Fixed64Type    Type = 1
	BytesType      Type = 2
	StartGroupType Type = 3
	EndGroupType   Type = 4
	Fixed32Type    Type = 5
)

// String returns the wire type's name, as in "varint" or "bytes".
func (t Type) String() string {
	switch t {
	case VarintType:
		return "varint"
	case Fixed64Type:
		return "fixed64"
	case BytesType:
		return "bytes"
	case StartGroupType:
		return "start-group"
	case EndGroupType:
		return "end-group"
	case Fixed32Type:
		return "fixed32"
	}
	return "invalid"
}

// DefaultMaxDepth is how deeply messages and groups may nest by default, as in
// the C++ and Java runtimes.
const DefaultMaxDepth = 100

// Integer is the set of integer types that encode as varints.
type Integer interface {
	~int32 | ~int64 | ~uint32 | ~uint64
}

// Integer32 is the set of 32-bit types that encode as fixed32.
type Integer32 interface{ ~int32 | ~uint32 }

// Integer64 is the set of 64-bit types that encode as fixed64.
type Integer64 interface{ ~int64 | ~uint64 }
