package wire

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// consumeVarint returns the varint at the front of b and its length, or a
// negative code. Overlong (non-minimal) encodings are accepted, as protobuf
// decoders accept them.
//
// It fits the inlining budget (a one-byte fast path and a loop, no call), so
// that a varint costs its callers no call.
func consumeVarint(b []byte) (v uint64, n int) {
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), 1
	}
	for n < len(b) {
		c := b[n]
		v |= uint64(c&0x7f) << (7 * n & 63) // the mask spares a shift check
		n++
		// The 10th byte holds bit 63 only: above 1 it overflows.
		if c < 0x80 && (n < 10 || c < 2) {
			return v, n
		}
		if n == 10 {
			return 0, codeOverflow
		}
	}
	return 0, codeTruncated
}

// consumeVarintLong is consumeVarint for a varint of more than one byte (as
// the length of a value of 128 bytes or more, a timestamp, a key): when eight
// bytes are there, they are read with one load and their 7-bit groups
// gathered without a branch per byte (gather7), and a ninth and tenth byte
// are read after them if the varint goes on; with fewer than eight bytes
// left, consumeVarint reads it.
func consumeVarintLong(b []byte) (uint64, int) {
	if len(b) < 8 {
		return consumeVarint(b)
	}
	u := binary.LittleEndian.Uint64(b)
	if ends := ^u & 0x8080808080808080; ends != 0 {
		k := bits.TrailingZeros64(ends) + 1 // the bits of the varint's bytes
		return gather7(u & (1<<k - 1)), k >> 3
	}
	v := gather7(u)
	if len(b) > 8 {
		c := b[8]
		v |= uint64(c&0x7f) << 56
		if c < 0x80 {
			return v, 9
		}
		if len(b) > 9 {
			// The 10th byte holds bit 63 only: above 1 it overflows.
			if c := b[9]; c < 2 {
				return v | uint64(c)<<63, 10
			}
			return 0, codeOverflow
		}
	}
	return 0, codeTruncated
}

// gather7 returns the low 7 bits of each byte of u (little-endian) packed
// together: the value of up to eight varint bytes, in three steps that
// each halve the number of gaps.
func gather7(u uint64) uint64 {
	u &= 0x7f7f7f7f7f7f7f7f
	u = u&0x007f007f007f007f | u&0x7f007f007f007f00>>1
	u = u&0x00003fff00003fff | u&0x3fff00003fff0000>>2
	return u&0x000000000fffffff | u&0x0fffffff00000000>>4
}

// consumeTag returns the tag at the front of b and its length, or a negative
// code. It checks the field number but not the wire type.
func consumeTag(b []byte) (Number, Type, int) {
	v, n := consumeVarint(b)
	if n < 0 {
		return 0, 0, n
	}
	num := v >> 3
	if num == 0 || num > uint64(MaxValidNumber) {
		return 0, 0, codeFieldNumber
	}
	return Number(num), Type(v & 7), n
}

// consumeLen returns the length-delimited value at the front of b (without its
// prefix) and the total length, or a negative code.
func consumeLen(b []byte) ([]byte, int) {
	l, n := consumeVarint(b)
	if n < 0 {
		return nil, n
	}
	if l > uint64(len(b)-n) {
		return nil, codeTruncated
	}
	end := n + int(l)
	return b[n:end:end], end
}

// consumeValue returns the length of the value of a field of type typ at the
// front of b, and, for groups, the group's fields (without the end tag). depth
// is the nesting depth of a group that starts here; maxDepth bounds it.
func consumeValue(num Number, typ Type, b []byte, depth, maxDepth int) (uint64, []byte, int) {
	switch typ {
	case VarintType:
		v, n := consumeVarint(b)
		return v, nil, n
	case Fixed32Type:
		if len(b) < 4 {
			return 0, nil, codeTruncated
		}
		return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24, nil, 4
	case Fixed64Type:
		if len(b) < 8 {
			return 0, nil, codeTruncated
		}
		return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56, nil, 8
	case BytesType:
		d, n := consumeLen(b)
		return 0, d, n
	case StartGroupType:
		body, n := consumeGroup(num, b, depth, maxDepth)
		if n < 0 {
			return 0, nil, n
		}
		return 0, b[:body:body], n
	case EndGroupType:
		return 0, nil, codeGroup
	}
	return 0, nil, codeWireType
}

// consumeGroup returns the length of a group's fields, and that length plus
// its end tag, for a group of field num whose start tag has been read. Nested
// groups count towards maxDepth.
func consumeGroup(num Number, b []byte, depth, maxDepth int) (int, int) {
	if depth > maxDepth {
		return 0, codeDepth
	}
	off := 0
	for {
		n2, t2, n := consumeTag(b[off:])
		if n < 0 {
			return 0, n
		}
		if t2 == EndGroupType {
			if n2 != num {
				return 0, codeGroup
			}
			return off, off + n
		}
		off += n
		_, _, m := consumeValue(n2, t2, b[off:], depth+1, maxDepth)
		if m < 0 {
			return 0, m
		}
		off += m
	}
}

// ConsumeVarint reads a varint from the front of b. It returns the value and
// the number of bytes read. Overlong encodings (such as 80 00 for 0) are valid.
func ConsumeVarint(b []byte) (v uint64, n int, err error) {
	// consumeVarint written out again: with a call to it, or to NewError,
	// ConsumeVarint would not fit the inlining budget.
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), 1, nil
	}
	for n < len(b) {
		c := b[n]
		v |= uint64(c&0x7f) << (7 * n & 63)
		n++
		if c < 0x80 && (n < 10 || c < 2) {
			return v, n, nil
		}
		if n == 10 {
			break
		}
	}
	// n is 10 after an overflow, less when the input ended.
	return 0, 0, &Error{Err: varintErrors[n/10]}
}

var varintErrors = [2]error{ErrTruncated, ErrOverflow}

// ConsumeTag reads a tag from the front of b. It returns the field number, the
// wire type and the number of bytes read. Field numbers 0 and above
// MaxValidNumber are errors; the wire type is returned as found (6 and 7 are
// rejected by ConsumeFieldValue and Reader).
func ConsumeTag(b []byte) (Number, Type, int, error) {
	num, typ, n := consumeTag(b)
	if n < 0 {
		return 0, 0, 0, NewError(classOf(n), 0, 0)
	}
	return num, typ, n, nil
}

// ConsumeFixed32 reads 4 little-endian bytes from the front of b.
func ConsumeFixed32(b []byte) (uint32, int, error) {
	v, _, n := consumeValue(0, Fixed32Type, b, 0, 0)
	if n < 0 {
		return 0, 0, NewError(classOf(n), 0, 0)
	}
	return uint32(v), n, nil
}

// ConsumeFixed64 reads 8 little-endian bytes from the front of b.
func ConsumeFixed64(b []byte) (uint64, int, error) {
	v, _, n := consumeValue(0, Fixed64Type, b, 0, 0)
	if n < 0 {
		return 0, 0, NewError(classOf(n), 0, 0)
	}
	return v, n, nil
}

// ConsumeFloat reads a float (4 little-endian bytes) from the front of b.
func ConsumeFloat(b []byte) (float32, int, error) {
	v, n, err := ConsumeFixed32(b)
	return math.Float32frombits(v), n, err
}

// ConsumeDouble reads a double (8 little-endian bytes) from the front of b.
func ConsumeDouble(b []byte) (float64, int, error) {
	v, n, err := ConsumeFixed64(b)
	return math.Float64frombits(v), n, err
}

// ConsumeBytes reads a length-delimited value from the front of b. It returns
// the value, which aliases b, and the number of bytes read (prefix included).
// A length beyond the end of b, however large, is ErrTruncated.
func ConsumeBytes(b []byte) ([]byte, int, error) {
	d, n := consumeLen(b)
	if n < 0 {
		return nil, 0, NewError(classOf(n), 0, 0)
	}
	return d, n, nil
}

// ConsumeGroup reads the fields of a group of field num whose start tag has
// already been read, up to and including its end tag. It returns the fields
// (aliasing b, without the end tag) and the number of bytes read. Groups nested
// within count towards DefaultMaxDepth.
func ConsumeGroup(num Number, b []byte) ([]byte, int, error) {
	_, d, n := consumeValue(num, StartGroupType, b, 1, DefaultMaxDepth)
	if n < 0 {
		return nil, 0, NewError(classOf(n), 0, num)
	}
	return d, n, nil
}

// ConsumeFieldValue returns the length of the value of field num with wire
// type typ at the front of b (the tag already read): what to skip for an
// unknown field.
func ConsumeFieldValue(num Number, typ Type, b []byte) (int, error) {
	_, _, n := consumeValue(num, typ, b, 1, DefaultMaxDepth)
	if n < 0 {
		return 0, NewError(classOf(n), 0, num)
	}
	return n, nil
}

// ConsumeField returns the number, wire type and total length (tag and value)
// of the field at the front of b.
func ConsumeField(b []byte) (Number, Type, int, error) {
	num, typ, n := consumeTag(b)
	if n < 0 {
		return 0, 0, 0, NewError(classOf(n), 0, 0)
	}
	_, _, m := consumeValue(num, typ, b[n:], 1, DefaultMaxDepth)
	if m < 0 {
		return 0, 0, 0, NewError(classOf(m), int64(n), num)
	}
	return num, typ, n + m, nil
}
