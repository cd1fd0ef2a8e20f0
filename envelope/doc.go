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
// Decodable interfaces. The WAL record set lives in package records, which
// registers kinds 1 to 999 (reserved); users register their own kinds, from
// 1000 up, with RegisterKind, so that NewPayload and Raw.DecodeNew decode
// any registered kind. CheckPayload tests a payload type (its Size above
// all); a walwiredebug build checks every payload written.
//
// A Raw keeps the header fields this build does not know: Raw.AppendBinary
// writes them back byte for byte, so a proxy or a copy between logs never
// strips what a newer writer added. Every writer is checked (Record.Marshal,
// AppendBinary and MarshalBinary, Raw.AppendBinary and MarshalBinary); the
// one that is not says so (Record.AppendUnchecked). A typed decode checks
// that keys in the header are the payload's.
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
