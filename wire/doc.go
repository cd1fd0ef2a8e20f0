// Package wire reads and writes the protobuf wire format by hand, without
// allocating.
//
// For each wire type there is an Append function that writes a value at the end
// of a byte slice (in the style of strconv.AppendInt), a Size function that
// returns exactly how many bytes Append will write, and a Consume function that
// reads a value from the front of a slice and reports how many bytes it took.
// Append never allocates when the slice has enough capacity, so a caller that
// sums the Size functions first can encode a whole message into one buffer.
//
// Reader walks the fields of a message, one at a time, over a []byte: it hands
// out numbers, wire types, scalars, zero-copy (or, by choice, copied) bytes and
// strings, and sub-readers for embedded messages, all without allocating.
//
// Bytes on the wire (https://protobuf.dev/programming-guides/encoding/):
//
//	varint   7 bits per byte, least significant group first, high bit set on
//	         every byte but the last; at most 10 bytes for 64 bits.
//	tag      varint(number<<3 | type)
//	fixed32  4 bytes, little-endian (fixed32, sfixed32, float)
//	fixed64  8 bytes, little-endian (fixed64, sfixed64, double)
//	bytes    varint(len) followed by len bytes (bytes, string, messages, packed)
//	group    tag(number, StartGroupType) fields... tag(number, EndGroupType)
//
// Malformed input never panics. Every failure is an *Error whose class is one
// of the Err variables, so errors.Is tells them apart; it also carries the byte
// offset, the field number and, where decoders add it, the field path. Error
// is the one error type of the module: the other packages report their own
// classes (and stream damage, JSON paths with array indices, details) in it
// too, so one errors.As serves every layer.
package wire
