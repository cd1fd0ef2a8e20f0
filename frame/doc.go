// Package frame puts records in streams: log files, sockets, pipes. Each
// record becomes one frame:
//
//	varint(len(record)) | record | crc32c
//
// where the last 4 bytes, little-endian, are the CRC-32C (Castagnoli) of
// the length varint and the record together, so that a damaged length is
// caught as well as a damaged record. A record is never empty, so a length
// of 0 does not occur in a valid stream. With Options.Plain the checksum is
// left out: that is protobuf's delimited-message stream, which protobuf-go's
// protodelim and parseDelimitedFrom in other languages read and write.
//
// A Writer buffers frames and writes typed records (envelope.Record) straight
// into its buffer at their exact size; a record larger than the buffer goes
// out by reference, not copied. Writer.Sync flushes and then calls a sync
// hook such as (*os.File).Sync: that is group commit. Write many records,
// call Sync once; after Sync returns nil, a crash loses nothing written
// before the call.
//
// A Reader returns each record as a slice of its buffer, allocation-free
// once warm, and never skips damage. It returns every good record before
// the damage, then a *wire.Error with its stream offset, whose class
// errors.Is tells apart:
//
//   - ErrTornTail: the stream ends inside a frame, or in a run of zero
//     bytes (a preallocated or zero-filled file), which may start inside
//     the last frame. That is what a crash in
//     the middle of an append leaves; the offset is the end of the last
//     whole frame, where the log can be truncated and appended to again.
//   - ErrCorrupt: a checksum mismatch, a length over the maximum (or not
//     in its shortest form), a length of 0 followed by non-zero bytes. Damage that a valid frame follows is
//     always corruption, never a torn tail, because cutting the log there
//     would lose good records: the Reader looks past a cut-short frame for
//     one before it calls it torn. (A record that itself carries framed
//     bytes can hold such a frame; if the log is cut inside that record,
//     the tail reads as corruption, and Repair needs force.)
//
// In the plain form there is no checksum, so the Reader can tell neither
// damaged bytes nor a valid frame after a cut: only lengths (over the
// maximum, or 0) and the end of the stream.
//
// For files, Scan walks a stream and reports its good records, where they
// end and the damage after them; Repair cuts a torn tail off a log file,
// keeping a copy of it beside the file, and refuses to cut at corruption
// unless forced.
package frame
