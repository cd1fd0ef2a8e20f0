package wire

import "math"

// Packed repeated scalars are one length-delimited value holding the elements
// back to back, with no tags. The Append functions here write the length prefix
// and the elements (the caller writes the tag, with BytesType, and omits the
// field when the slice is empty); the Size functions return the same total.

func varintsLen[T Integer](vs []T) int {
	n := 0
	for _, v := range vs {
		n += SizeVarint(uint64(v))
	}
	return n
}

// AppendPackedVarint appends int32, int64, uint32, uint64 or enum values as a
// packed field value: its own length prefix (a varint), then each value as a
// varint. The caller writes the tag before it. Negative 32-bit values are
// sign-extended (10 bytes each).
func AppendPackedVarint[T Integer](b []byte, vs []T) []byte {
	b = AppendVarint(b, uint64(varintsLen(vs)))
	for _, v := range vs {
		b = AppendVarint(b, uint64(v))
	}
	return b
}

// SizePackedVarint returns how many bytes AppendPackedVarint writes for vs.
func SizePackedVarint[T Integer](vs []T) int { return SizeBytes(varintsLen(vs)) }

func zigzagsLen[T ~int32 | ~int64](vs []T) int {
	n := 0
	for _, v := range vs {
		n += SizeVarint(EncodeZigZag(int64(v)))
	}
	return n
}

// AppendPackedZigZag appends sint32 or sint64 values as a packed field value.
func AppendPackedZigZag[T ~int32 | ~int64](b []byte, vs []T) []byte {
	b = AppendVarint(b, uint64(zigzagsLen(vs)))
	for _, v := range vs {
		b = AppendVarint(b, EncodeZigZag(int64(v)))
	}
	return b
}

// SizePackedZigZag returns how many bytes AppendPackedZigZag writes for vs.
func SizePackedZigZag[T ~int32 | ~int64](vs []T) int { return SizeBytes(zigzagsLen(vs)) }

// AppendPackedBool appends bools as a packed field value, one byte each.
func AppendPackedBool(b []byte, vs []bool) []byte {
	b = AppendVarint(b, uint64(len(vs)))
	for _, v := range vs {
		b = AppendBool(b, v)
	}
	return b
}

// SizePackedBool returns how many bytes AppendPackedBool writes for vs.
func SizePackedBool(vs []bool) int { return SizeBytes(len(vs)) }

// AppendPackedFixed32 appends fixed32 or sfixed32 values as a packed field
// value, 4 bytes each.
func AppendPackedFixed32[T Integer32](b []byte, vs []T) []byte {
	b = AppendVarint(b, uint64(4*len(vs)))
	for _, v := range vs {
		b = AppendFixed32(b, uint32(v))
	}
	return b
}

// SizePackedFixed32 returns how many bytes AppendPackedFixed32 or
// AppendPackedFloat writes for n values.
func SizePackedFixed32(n int) int { return SizeBytes(4 * n) }

// AppendPackedFixed64 appends fixed64 or sfixed64 values as a packed field
// value, 8 bytes each.
func AppendPackedFixed64[T Integer64](b []byte, vs []T) []byte {
	b = AppendVarint(b, uint64(8*len(vs)))
	for _, v := range vs {
		b = AppendFixed64(b, uint64(v))
	}
	return b
}

// SizePackedFixed64 returns how many bytes AppendPackedFixed64 or
// AppendPackedDouble writes for n values.
func SizePackedFixed64(n int) int { return SizeBytes(8 * n) }

// AppendPackedFloat appends floats as a packed field value, 4 bytes each.
func AppendPackedFloat(b []byte, vs []float32) []byte {
	b = AppendVarint(b, uint64(4*len(vs)))
	for _, v := range vs {
		b = AppendFixed32(b, math.Float32bits(v))
	}
	return b
}

// AppendPackedDouble appends doubles as a packed field value, 8 bytes each.
func AppendPackedDouble(b []byte, vs []float64) []byte {
	b = AppendVarint(b, uint64(8*len(vs)))
	for _, v := range vs {
		b = AppendFixed64(b, math.Float64bits(v))
	}
	return b
}
