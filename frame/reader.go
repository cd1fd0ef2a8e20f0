package frame

import (
	"encoding/binary"
	"hash/crc32"
	"io"
	"iter"
)

// Reader reads frames from an io.Reader through a buffer.
//
// Next returns each record as a slice of the buffer, valid until the next
// call, and allocates nothing once the buffer is as large as the largest
// record met. The buffer grows beyond Options.BufferSize only to hold a
// larger record, and only as its bytes arrive, so a bogus length costs no
// memory the stream does not back.
//
// Damage stops the Reader with a *wire.Error (ErrTornTail or ErrCorrupt) after
// every good record before it; so does an error of the underlying reader,
// returned as is. A Reader is not safe for concurrent use.
type Reader struct {
	r     io.Reader
	buf   []byte // the bytes buf[start:end] are read and not yet returned
	start int
	end   int
	off   int64 // stream offset of buf[start]
	sum   int
	max   int
	plain bool
	read  int64 // bytes read from r
	eof   bool  // r returned io.EOF
	rerr  error // r failed with this error (not io.EOF)
	err   error // sticky: io.EOF at a clean end, damage, or rerr
}

// NewReader returns a Reader of the frames described by o from r.
func NewReader(r io.Reader, o Options) *Reader {
	return &Reader{
		r:     r,
		buf:   make([]byte, o.bufferSize()),
		sum:   o.checksumSize(),
		max:   o.maxRecordSize(),
		plain: o.Plain,
	}
}

// Reset makes the Reader read a new stream from rd, from offset 0, with
// the same options, keeping its buffer.
func (r *Reader) Reset(rd io.Reader) {
	*r = Reader{r: rd, buf: r.buf, sum: r.sum, max: r.max, plain: r.plain}
}

// Next returns the next record and the stream offset of its frame. The
// record is a slice of the Reader's buffer, valid until the next call. At a
// clean end of the stream (at a frame boundary) it returns io.EOF; on
// damage, a *wire.Error; on a failure of the underlying reader, that error.
// Once it has returned an error, Next returns it again.
func (r *Reader) Next() (rec []byte, off int64, err error) {
	if r.err != nil {
		return nil, r.off, r.err
	}
	// Fast path: a whole, valid frame is in the buffer.
	b := r.buf[r.start:r.end]
	if len(b) == 0 {
		return r.next()
	}
	l, n := uint64(b[0]), 1
	if l >= 0x80 {
		l, n = consumeLen(b)
	}
	if n <= 0 || l == 0 || l > uint64(r.max) {
		return r.next()
	}
	end := n + int(l)
	if end+r.sum > len(b) {
		return r.next()
	}
	if r.sum != 0 && binary.LittleEndian.Uint32(b[end:]) != crc32.Update(0, castagnoli, b[:end]) {
		return r.next()
	}
	off = r.off
	r.start += end + r.sum
	r.off += int64(end + r.sum)
	return b[n:end], off, nil
}

// next is Next for whatever the fast path does not take: longer lengths,
// frames not yet wholly buffered, the end of the stream and damage.
func (r *Reader) next() ([]byte, int64, error) {
	if !r.fill(1) {
		if r.rerr != nil {
			return r.fail(r.rerr)
		}
		return r.fail(io.EOF)
	}
	if r.buf[r.start] == 0 {
		return r.zeroLength()
	}
	var l uint64
	var n int
	for {
		l, n = consumeLen(r.buf[r.start:r.end])
		if n != 0 {
			break
		}
		if !r.fill(r.end - r.start + 1) {
			return r.torn("the stream ends inside a frame's length")
		}
	}
	switch n {
	case badLenOverflow:
		return r.damage(ErrCorrupt, "the length is over 64 bits")
	case badLenLong:
		return r.longLength()
	}
	if l > uint64(r.max) {
		return r.damage(ErrCorrupt, "the length is over the maximum record size")
	}
	size := n + int(l) + r.sum
	if !r.fill(size) {
		return r.torn("the stream ends inside a frame")
	}
	b := r.buf[r.start : r.start+size]
	if r.sum != 0 && binary.LittleEndian.Uint32(b[n+int(l):]) != crc32.Update(0, castagnoli, b[:n+int(l)]) {
		return r.mismatch(b)
	}
	off := r.off
	r.start += size
	r.off += int64(size)
	return b[n : n+int(l)], off, nil
}

// fill reads until at least need bytes are buffered past start, moving the
// buffered bytes to the front or growing the buffer as needed. It reports
// false if the stream ends (or fails, see rerr) first.
func (r *Reader) fill(need int) bool {
	for empty := 0; r.end-r.start < need; {
		if r.eof || r.rerr != nil {
			return false
		}
		if r.start+need > len(r.buf) {
			if r.start > 0 {
				r.end = copy(r.buf, r.buf[r.start:r.end])
				r.start = 0
			}
			if r.end == len(r.buf) {
				// Full of this one frame's bytes: grow, at most doubling,
				// so memory follows what the stream really holds.
				nb := make([]byte, min(need, 2*len(r.buf)))
				r.end = copy(nb, r.buf[:r.end])
				r.buf = nb
			}
		}
		k, err := r.r.Read(r.buf[r.end:])
		r.end += k
		r.read += int64(k)
		switch {
		case err == io.EOF:
			r.eof = true
		case err != nil:
			r.rerr = err
		case k == 0:
			if empty++; empty >= 100 {
				r.rerr = io.ErrNoProgress
			}
		}
	}
	return true
}

// fail stops the Reader with err.
func (r *Reader) fail(err error) ([]byte, int64, error) {
	r.err = err
	return nil, r.off, err
}

// damage stops the Reader with damage of the given class at the current
// frame.
func (r *Reader) damage(class error, detail string) ([]byte, int64, error) {
	return r.fail(newError(class, r.off, detail))
}

// torn reports a stream that ends inside the frame at r.off (all of its
// bytes are buffered): a torn tail, unless a valid frame starts after the
// frame's first byte, which makes it corruption.
func (r *Reader) torn(detail string) ([]byte, int64, error) {
	if r.rerr != nil {
		return r.fail(r.rerr)
	}
	if r.validFrameIn(r.buf[r.start:r.end]) {
		return r.damage(ErrCorrupt, "a frame cut short is followed by a valid frame")
	}
	return r.damage(ErrTornTail, detail)
}

// mismatch reports the checksum mismatch of the frame b. It is corruption,
// except for what a write cut short in a zero-filled file leaves: a frame
// whose last byte is zero (its end was never written), only zero bytes
// after it to the end of the stream, and no valid frame inside it.
func (r *Reader) mismatch(b []byte) ([]byte, int64, error) {
	const detail = "checksum mismatch"
	if b[len(b)-1] != 0 || r.validFrameIn(b) {
		return r.damage(ErrCorrupt, detail)
	}
	r.start += len(b) // the Reader stops here: its buffer is used up
	zeros, err := r.restIsZero()
	switch {
	case err != nil:
		return r.fail(err)
	case zeros:
		return r.damage(ErrTornTail, "a frame cut short, then zero bytes to the end")
	}
	return r.damage(ErrCorrupt, detail)
}

// longLength reports a length not in its shortest form at r.off: its last
// byte is 0. A torn tail if that byte starts a run of zeros to the end of the
// stream (a write cut short inside the length in a zero-filled file; no
// frame fits in the length's bytes before it), corruption otherwise.
func (r *Reader) longLength() ([]byte, int64, error) {
	i := r.start
	for r.buf[i] != 0 {
		i++
	}
	r.start = i // the Reader stops here: its buffer is used up
	zeros, err := r.restIsZero()
	switch {
	case err != nil:
		return r.fail(err)
	case zeros:
		return r.damage(ErrTornTail, "a length cut short, then zero bytes to the end")
	}
	return r.damage(ErrCorrupt, "the length is not in its shortest form")
}

// zeroLength reports a frame of length 0 at r.off: a torn tail if the rest
// of the stream is zero bytes (a zero-filled file), corruption otherwise.
func (r *Reader) zeroLength() ([]byte, int64, error) {
	zeros, err := r.restIsZero()
	switch {
	case err != nil:
		return r.fail(err)
	case zeros:
		return r.damage(ErrTornTail, "zero bytes to the end of the stream")
	}
	return r.damage(ErrCorrupt, "a length of 0 followed by non-zero bytes")
}

// restIsZero reads the stream to its end, discarding it, and reports
// whether every byte from start on is zero. It stops at the first non-zero
// byte. It returns an error only if the underlying reader fails.
func (r *Reader) restIsZero() (bool, error) {
	for {
		for _, c := range r.buf[r.start:r.end] {
			if c != 0 {
				return false, nil
			}
		}
		r.start, r.end = 0, 0
		if !r.fill(1) {
			return r.rerr == nil, r.rerr
		}
	}
}

// validFrameIn reports whether a valid frame (checksummed form only) starts
// at some offset in b after the first byte and ends within b.
func (r *Reader) validFrameIn(b []byte) bool {
	if r.sum == 0 {
		return false
	}
	for p := 1; p < len(b); p++ {
		l, n := consumeLen(b[p:])
		if n <= 0 || l == 0 || l > uint64(r.max) {
			continue
		}
		end := p + n + int(l)
		if end+r.sum > len(b) {
			continue
		}
		if binary.LittleEndian.Uint32(b[end:]) == crc32.Update(0, castagnoli, b[p:end]) {
			return true
		}
	}
	return false
}

// All returns an iterator over the records and their offsets, which stops
// at the end of the stream or at the first error: check Err afterwards.
// Each record is valid until the iteration moves on.
func (r *Reader) All() iter.Seq2[int64, []byte] {
	return func(yield func(int64, []byte) bool) {
		for {
			rec, off, err := r.Next()
			if err != nil || !yield(off, rec) {
				return
			}
		}
	}
}

// Offset returns the stream offset where the next frame starts: just after
// the last record returned. Once the Reader has stopped at damage, it is the
// damage's offset (for a torn tail, where the stream can be truncated).
func (r *Reader) Offset() int64 { return r.off }

// Err returns the error that stopped the Reader: nil at a clean end of the
// stream (or before any error), else the damage or the read failure.
func (r *Reader) Err() error {
	if r.err == io.EOF {
		return nil
	}
	return r.err
}

// consumed returns how many bytes the Reader has read from the underlying
// reader.
func (r *Reader) consumed() int64 { return r.read }
