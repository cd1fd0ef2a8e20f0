package frame

import (
	"encoding/binary"
	"hash/crc32"
	"io"
	"net"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/wire"
)

// Writer writes frames to an io.Writer through a buffer. Frames reach the
// underlying writer when the buffer is full, on Flush and on Sync; a record
// too large for the buffer is written at once, by reference (see Write).
//
// A Writer is not safe for concurrent use. After a write to the underlying
// writer or the sync hook fails, every later call returns that error: what
// reached the stream is unknown (a reader sees at worst a torn tail), so the
// stream must be reopened, and a file scanned or repaired.
type Writer struct {
	w     io.Writer
	buf   []byte // pending frames; cap is the buffer size, never grown
	sum   int    // checksum size: 0 (plain) or ChecksumSize
	max   int
	sync  func() error
	off   int64 // bytes written to w
	err   error // sticky failure of w or sync
	trail [ChecksumSize]byte
	vecs  [3][]byte
	vec   net.Buffers
}

// NewWriter returns a Writer of the frames described by o to w.
func NewWriter(w io.Writer, o Options) *Writer {
	return &Writer{
		w:    w,
		buf:  make([]byte, 0, o.bufferSize()),
		sum:  o.checksumSize(),
		max:  o.maxRecordSize(),
		sync: o.Sync,
	}
}

// Reset discards the buffered frames and any failure and makes the Writer
// write a new stream to w, from offset 0, with the same options, keeping
// its buffer.
func (w *Writer) Reset(dst io.Writer) {
	*w = Writer{w: dst, buf: w.buf[:0], sum: w.sum, max: w.max, sync: w.sync}
}

// Offset returns the stream offset at which the next frame starts: the
// bytes accepted so far, flushed or not.
func (w *Writer) Offset() int64 { return w.off + int64(len(w.buf)) }

// WriteRecord validates r and writes it as one frame, encoding it straight
// into the buffer at its exact size (a record larger than the buffer is
// encoded into a pooled buffer and written by reference). An invalid record,
// one over the maximum size, or one whose encoding is not the size it
// reports is refused: nothing is written.
func (w *Writer) WriteRecord(r *envelope.Record) error {
	if w.err != nil {
		return w.err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	n := r.Size()
	if err := w.check(n); err != nil {
		return err
	}
	body := wire.SizeVarint(uint64(n)) + n
	if body+w.sum > cap(w.buf)-len(w.buf) {
		if body+w.sum > cap(w.buf) {
			return w.writeLargeRecord(r, n)
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	start := len(w.buf)
	b := wire.AppendVarint(w.buf, uint64(n))
	b = r.AppendUnchecked(b) // validated above
	if len(b)-start != body {
		w.buf = w.buf[:start]
		return w.refuse(ErrInvalidRecord, "the encoding is not of the size the record reported")
	}
	w.buf = w.seal(b, start)
	return nil
}

// writeLargeRecord encodes r, of size n, into a pooled buffer and writes it
// by reference.
func (w *Writer) writeLargeRecord(r *envelope.Record, n int) error {
	pb := pool.Get(n)
	defer pool.Put(pb)
	pb.B = r.AppendUnchecked(pb.B[:0]) // validated by WriteRecord
	if len(pb.B) != n {
		return w.refuse(ErrInvalidRecord, "the encoding is not of the size the record reported")
	}
	return w.writeLarge(pb.B)
}

// Write writes rec, one already-encoded, non-empty record, as one frame. A
// record that fits in the buffer is copied into it; a larger one is written
// at once, with the buffered frames before it, by reference (net.Buffers:
// one writev on a network connection), without copying it.
func (w *Writer) Write(rec []byte) error {
	if w.err != nil {
		return w.err
	}
	if err := w.check(len(rec)); err != nil {
		return err
	}
	size := wire.SizeVarint(uint64(len(rec))) + len(rec) + w.sum
	if size > cap(w.buf)-len(w.buf) {
		if size > cap(w.buf) {
			return w.writeLarge(rec)
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	start := len(w.buf)
	b := wire.AppendVarint(w.buf, uint64(len(rec)))
	w.buf = w.seal(append(b, rec...), start)
	return nil
}

// check refuses a record of n bytes that no reader of these options reads.
func (w *Writer) check(n int) error {
	switch {
	case n <= 0:
		return w.refuse(ErrInvalidRecord, "empty record")
	case n > w.max:
		return w.refuse(ErrTooLarge, "")
	}
	return nil
}

func (w *Writer) refuse(class error, detail string) error {
	return newError(class, w.Offset(), detail)
}

// seal appends the checksum of b[start:] (the length and the record) to b,
// in the checksummed form.
func (w *Writer) seal(b []byte, start int) []byte {
	if w.sum == 0 {
		return b
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Update(0, castagnoli, b[start:]))
}

// writeLarge writes the buffered frames, then the frame of rec, by
// reference: the length goes at the end of the buffer, the checksum in
// w.trail.
func (w *Writer) writeLarge(rec []byte) error {
	if cap(w.buf)-len(w.buf) < binary.MaxVarintLen64 {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	start := len(w.buf)
	w.buf = wire.AppendVarint(w.buf, uint64(len(rec)))
	n := 2
	w.vecs[0], w.vecs[1] = w.buf, rec
	if w.sum != 0 {
		crc := crc32.Update(crc32.Update(0, castagnoli, w.buf[start:]), castagnoli, rec)
		binary.LittleEndian.PutUint32(w.trail[:], crc)
		w.vecs[2] = w.trail[:]
		n = 3
	}
	total := int64(len(w.buf)) + int64(len(rec)) + int64(w.sum)
	w.vec = w.vecs[:n]
	written, err := w.vec.WriteTo(w.w)
	w.vecs = [3][]byte{}
	if err == nil && written != total {
		err = io.ErrShortWrite
	}
	if err != nil {
		w.err = err
		return err
	}
	w.off += total
	w.buf = w.buf[:0]
	return nil
}

// Flush writes the buffered frames to the underlying writer.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if len(w.buf) == 0 {
		return nil
	}
	n, err := w.w.Write(w.buf)
	if err == nil && n != len(w.buf) {
		err = io.ErrShortWrite
	}
	if err != nil {
		w.err = err
		return err
	}
	w.off += int64(n)
	w.buf = w.buf[:0]
	return nil
}

// Sync flushes the buffer, then calls Options.Sync if set. This is the
// group commit: once Sync returns nil, every frame written before the call
// is durable as far as the hook makes it (for a file, (*os.File).Sync), and
// a crash loses none of them. A failed Sync fails the Writer for good: the
// kernel may have dropped the unsynced data, so it must not be retried.
func (w *Writer) Sync() error {
	if err := w.Flush(); err != nil {
		return err
	}
	if w.sync == nil {
		return nil
	}
	if err := w.sync(); err != nil {
		w.err = err
		return err
	}
	return nil
}
