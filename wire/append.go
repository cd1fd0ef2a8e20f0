package wire

import (
	"math"
	"math/bits"
)

// AppendVarint appends v as a varint: 1 to 10 bytes, 7 bits each, least
// significant first, the high bit set on all but the last.
func AppendVarint(b []byte, v uint64) []byte {
	if v < 0x80 {
		return append(b, byte(v)) // inlined: the common one-byte case
	}
	return appendVarintLong(b, v)
}

// appendVarintLong appends a varint of 2 to 10 bytes, in one append of
// all its bytes (one capacity check), chosen by its length.
func appendVarintLong(b []byte, v uint64) []byte {
	switch SizeVarint(v) { // dense cases: a jump table, not a chain of compares
	case 2:
		return append(b, byte(v)|0x80, byte(v>>7))
	case 3:
		return append(b, byte(v)|0x80, byte(v>>7)|0x80, byte(v>>14))
	case 4:
		return append(b, byte(v)|0x80, byte(v>>7)|0x80, byte(v>>14)|0x80, byte(v>>21))
	case 5:
		return append(b, byte(v)|0x80, byte(v>>7)|0x80, byte(v>>14)|0x80, byte(v>>21)|0x80, byte(v>>28))
	case 6:
		return append(b, byte(v)|0x80, byte(v>>7)|0x80, byte(v>>14)|0x80, byte(v>>21)|0x80, byte(v>>28)|0x80, byte(v>>35))
	case 7:
		return append(b, byte(v)|0x80, byte(v>>7)|0x80, byte(v>>14)|0x80, byte(v>>21)|0x80, byte(v>>28)|0x80, byte(v>>35)|0x80, byte(v>>42))
	case 8:
		return append(b, byte(v)|0x80, byte(v>>7)|0x80, byte(v>>14)|0x80, byte(v>>21)|0x80, byte(v>>28)|0x80, byte(v>>35)|0x80, byte(v>>42)|0x80, byte(v>>49))
	case 9:
		return append(b, byte(v)|0x80, byte(v>>7)|0x80, byte(v>>14)|0x80, byte(v>>21)|0x80, byte(v>>28)|0x80, byte(v>>35)|0x80, byte(v>>42)|0x80, byte(v>>49)|0x80, byte(v>>56))
	}
	return append(b, byte(v)|0x80, byte(v>>7)|0x80, byte(v>>14)|0x80, byte(v>>21)|0x80, byte(v>>28)|0x80, byte(v>>35)|0x80, byte(v>>42)|0x80, byte(v>>49)|0x80, byte(v>>56)|0x80, byte(v>>63))
}

// SizeVarint returns how many bytes AppendVarint writes for v (1 to 10),
// computed without branches.
func SizeVarint(v uint64) int {
	// Each byte holds 7 bits: ceil(bits/7), with 0 taking one byte.
	// (Unsigned, so that the division is one shift.)
	return int((9*uint32(bits.Len64(v)) + 64) / 64)
}

// EncodeTag returns the varint value of a tag: num<<3 | typ.
func EncodeTag(num Number, typ Type) uint64 { return uint64(num)<<3 | uint64(typ&7) }

// AppendTag appends the tag of field num with wire type typ.
func AppendTag(b []byte, num Number, typ Type) []byte {
	return AppendVarint(b, EncodeTag(num, typ))
}

// SizeTag returns how many bytes AppendTag writes for field num.
func SizeTag(num Number) int { return SizeVarint(uint64(num) << 3) }

// AppendInt32 appends an int32 or enum value. A negative value is
// sign-extended to 64 bits and so takes 10 bytes, as protobuf requires.
func AppendInt32(b []byte, v int32) []byte { return AppendVarint(b, uint64(int64(v))) }

// SizeInt32 returns how many bytes AppendInt32 writes for v.
func SizeInt32(v int32) int { return SizeVarint(uint64(int64(v))) }

// AppendInt64 appends an int64 as a varint of its two's complement bits.
func AppendInt64(b []byte, v int64) []byte { return AppendVarint(b, uint64(v)) }

// SizeInt64 returns how many bytes AppendInt64 writes for v.
func SizeInt64(v int64) int { return SizeVarint(uint64(v)) }

// EncodeZigZag maps a signed value to an unsigned one so that values near zero
// are small: 0→0, -1→1, 1→2, -2→3.
func EncodeZigZag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

// DecodeZigZag reverses EncodeZigZag.
func DecodeZigZag(v uint64) int64 { return int64(v>>1) ^ -int64(v&1) }

// AppendSint32 appends a sint32: the zigzag encoding of v as a varint (-1 is
// the single byte 01).
func AppendSint32(b []byte, v int32) []byte { return AppendVarint(b, EncodeZigZag(int64(v))) }

// SizeSint32 returns how many bytes AppendSint32 writes for v.
func SizeSint32(v int32) int { return SizeVarint(EncodeZigZag(int64(v))) }

// AppendSint64 appends a sint64: the zigzag encoding of v as a varint.
func AppendSint64(b []byte, v int64) []byte { return AppendVarint(b, EncodeZigZag(v)) }

// SizeSint64 returns how many bytes AppendSint64 writes for v.
func SizeSint64(v int64) int { return SizeVarint(EncodeZigZag(v)) }

// AppendBool appends a bool as the one-byte varint 00 or 01.
func AppendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// SizeBool returns 1, the size of an encoded bool.
func SizeBool() int { return 1 }

// AppendFixed32 appends v as 4 little-endian bytes.
func AppendFixed32(b []byte, v uint32) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}

// SizeFixed32 returns 4, the size of a fixed32, sfixed32 or float.
func SizeFixed32() int { return 4 }

// AppendFixed64 appends v as 8 little-endian bytes.
func AppendFixed64(b []byte, v uint64) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24),
		byte(v>>32), byte(v>>40), byte(v>>48), byte(v>>56))
}

// SizeFixed64 returns 8, the size of a fixed64, sfixed64 or double.
func SizeFixed64() int { return 8 }

// AppendFloat appends a float as the 4 little-endian bytes of its IEEE 754 bits.
func AppendFloat(b []byte, v float32) []byte { return AppendFixed32(b, math.Float32bits(v)) }

// AppendDouble appends a double as the 8 little-endian bytes of its IEEE 754 bits.
func AppendDouble(b []byte, v float64) []byte { return AppendFixed64(b, math.Float64bits(v)) }

// AppendBytes appends a length-delimited value: varint(len(v)) then v.
func AppendBytes(b []byte, v []byte) []byte {
	return append(AppendVarint(b, uint64(len(v))), v...)
}

// AppendString appends a length-delimited string: varint(len(v)) then v. It
// does not check UTF-8; callers that must refuse invalid text check first
// (utf8.ValidString).
func AppendString(b []byte, v string) []byte {
	return append(AppendVarint(b, uint64(len(v))), v...)
}

// SizeBytes returns the size of a length-delimited value of n bytes: the
// length prefix plus n.
func SizeBytes(n int) int { return SizeVarint(uint64(n)) + n }
