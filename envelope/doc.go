// Package envelope reads and writes v2 records:
//
//	0x07 | varint(len(header)) | header | payload
//
// The header is the protobuf message Header (source, dedup, kind, codec and,
// as field 5, the payload's keys); the payload is the rest of the record, in
// the codec the header names. A reader decodes the header alone with Parse,
// which neither copies nor looks at the payload, filters on the header, and
// decodes a payload into a typed value only when asked (Raw.Decode).
//
// The package is generic: payload types plug in through the Payload and
// Decodable interfaces. The WAL record set lives in package records.
//
// Writing computes the exact size of the whole record first, so one buffer of
// exactly that capacity (see Marshal, which takes it from package pool) holds
// the record and never grows. The writer refuses, writing nothing, any value
// the reader would reject.
//
// Decoding comes in two modes (see wire.Mode). Raw.Decode copies strings and
// bytes out of the record, so the value outlives the record's buffer.
// Raw.DecodeZeroCopy makes the value's strings and byte slices alias the record
// and allocates nothing: the record's bytes must then stay untouched, and must
// not go back to a pool, for as long as the value is in use.
package envelope
