package fuzz

// FuzzFrameReader: frame.Reader and frame.Scan on arbitrary streams
// (FORMAT.md §9).

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"testing"
	"testing/iotest"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/walwire/walwire/frame"
	"github.com/walwire/walwire/wire"
)

// frameOptions decodes the options byte of FuzzFrameReader: bit 0 the plain
// form, bit 1 a small maximum record size (so that the maximum shows on
// short inputs), bits 2-3 the buffer size, bit 4 one-byte reads.
func frameOptions(opts uint8) (o frame.Options, oneByte bool) {
	o.Plain = opts&1 != 0
	if opts&2 != 0 {
		o.MaxRecordSize = 100
	}
	o.BufferSize = [4]int{16, 64, 512, 4096}[opts>>2&3]
	return o, opts&0x10 != 0
}

// frameSeeds returns streams of every sample record in both forms, whole,
// cut, with zero tails and damaged.
func frameSeeds() (seeds []struct {
	in   []byte
	opts uint8
}) {
	add := func(in []byte, opts uint8) {
		seeds = append(seeds, struct {
			in   []byte
			opts uint8
		}{in, opts})
	}
	for _, plain := range []uint8{0, 1} {
		var buf bytes.Buffer
		w := frame.NewWriter(&buf, frame.Options{Plain: plain == 1})
		for i, rec := range corpusSeeds() {
			if i%4 == 0 {
				if err := w.Write(rec); err != nil {
					panic(err)
				}
			}
		}
		w.Flush()
		b := buf.Bytes()
		add(b, plain|0x08)
		add(b[:len(b)-3], plain)
		add(append(bytes.Clone(b), make([]byte, 40)...), plain|0x04)
		add(append(append(bytes.Clone(b), 0, 0), 1), plain)
		d := bytes.Clone(b)
		d[len(d)/2] ^= 0x20
		add(d, plain|0x10)
		add(b, plain|0x02)
	}
	add(nil, 0)
	add([]byte{0}, 0)
	add([]byte{0x83, 0x00, 'a', 'b', 'c'}, 1)
	add(binary.AppendUvarint(nil, 1<<63), 0)
	return seeds
}

// FuzzFrameReader checks, on arbitrary bytes and options:
//   - Next never panics; it returns records at contiguous offsets, then
//     io.EOF exactly at the end of the input, or a *wire.Error of class
//     ErrTornTail or ErrCorrupt whose offset is the end of the last record;
//   - the records re-write (frame.Writer, same options) to exactly the input
//     up to that offset;
//   - the class of the damage is the one an independent classifier (below,
//     written from FORMAT.md §9 with protowire) gives, including the
//     look-ahead: a torn tail is never followed by a valid frame;
//   - Scan agrees (records, end, size, damage), whatever the read sizes;
//   - bounded memory: a read of the whole input allocates at most
//     memSlack + 8×len(input) (the buffer grows as bytes arrive, at most
//     doubling).
func FuzzFrameReader(f *testing.F) {
	for _, s := range frameSeeds() {
		f.Add(s.in, s.opts)
	}
	f.Fuzz(func(t *testing.T, in []byte, opts uint8) {
		o, oneByte := frameOptions(opts)
		var src io.Reader = bytes.NewReader(in)
		if oneByte {
			src = iotest.OneByteReader(src)
		}
		r := frame.NewReader(src, o)
		var recs [][]byte
		var end int64
		var err error
		for {
			var rec []byte
			var off int64
			rec, off, err = r.Next()
			if err != nil {
				break
			}
			if off != end {
				t.Fatalf("record %d at offset %d, want %d", len(recs), off, end)
			}
			recs = append(recs, bytes.Clone(rec))
			end += int64(protowire.SizeBytes(len(rec)))
			if !o.Plain {
				end += frame.ChecksumSize
			}
		}
		var damage *wire.Error
		switch {
		case err == io.EOF:
			if end != int64(len(in)) {
				t.Fatalf("io.EOF at %d of %d bytes", end, len(in))
			}
		case errors.As(err, &damage):
			if damage.Offset != end || end >= int64(len(in)) {
				t.Fatalf("%v: the last record ends at %d (input %d bytes)", err, end, len(in))
			}
			want := classify(in[end:], o)
			if !errors.Is(err, want) {
				t.Fatalf("%v, want class %v (tail %x)", err, want, in[end:])
			}
		default:
			t.Fatalf("unexpected error %v", err)
		}

		// Whatever reads re-writes to the same bytes.
		var buf bytes.Buffer
		w := frame.NewWriter(&buf, o)
		for _, rec := range recs {
			if err := w.Write(rec); err != nil {
				t.Fatalf("re-write: %v", err)
			}
		}
		if err := w.Flush(); err != nil || !bytes.Equal(buf.Bytes(), in[:end]) {
			t.Fatalf("re-written %x, read from %x (%v)", buf.Bytes(), in[:end], err)
		}

		res, serr := frame.Scan(iotest.HalfReader(bytes.NewReader(in)), o)
		if serr != nil || res.Records != int64(len(recs)) || res.End != end || res.Size != int64(len(in)) ||
			(res.Damage == nil) != (damage == nil) || (damage != nil && res.Damage.Error() != err.Error()) {
			t.Fatalf("Scan: %+v, %v; Reader: %d records to %d, %v", res, serr, len(recs), end, err)
		}

		checkAlloc(t, "frame.Reader", len(in), 8, func() {
			r := frame.NewReader(bytes.NewReader(in), o)
			for {
				if _, _, err := r.Next(); err != nil {
					return
				}
			}
		})
	})
}

var fuzzCastagnoli = crc32.MakeTable(crc32.Castagnoli)

// classify returns the class of the damage at the start of tail, which is
// not a valid frame, by FORMAT.md §9: a stream that ends inside a frame, or in
// zero bytes (also: a frame whose last byte and every byte after it are
// zero, a write cut short in a zero-filled file) is a torn tail, unless a
// valid frame starts later in the tail (checksummed form only); anything
// else is corruption.
func classify(tail []byte, o frame.Options) error {
	maxSize := uint64(o.MaxRecordSize)
	if maxSize == 0 {
		maxSize = frame.DefaultMaxRecordSize
	}
	sum := uint64(frame.ChecksumSize)
	if o.Plain {
		sum = 0
	}
	zeros := func(b []byte) bool { return len(bytes.Trim(b, "\x00")) == 0 }
	torn := func(within []byte) error {
		for p := 1; p < len(within) && sum != 0; p++ {
			v, n := protowire.ConsumeVarint(within[p:])
			if n < 0 || n != protowire.SizeVarint(v) || v == 0 || v > maxSize || uint64(len(within)-p-n) < v+sum {
				continue
			}
			body := within[p : p+n+int(v)]
			if binary.LittleEndian.Uint32(within[p+len(body):]) == crc32.Checksum(body, fuzzCastagnoli) {
				return frame.ErrCorrupt
			}
		}
		return frame.ErrTornTail
	}
	if tail[0] == 0 {
		if zeros(tail) {
			return frame.ErrTornTail
		}
		return frame.ErrCorrupt
	}
	v, n := protowire.ConsumeVarint(tail)
	switch {
	case n < 0 && len(tail) < 10 && tail[len(tail)-1] >= 0x80:
		return torn(tail) // the varint is cut
	case n > 1 && n != protowire.SizeVarint(v) && zeros(tail[n-1:]):
		return torn(tail) // a length cut short, then zeros
	case n < 0, n != protowire.SizeVarint(v), v > maxSize:
		return frame.ErrCorrupt
	case uint64(len(tail)-n) < v+sum:
		return torn(tail)
	case sum != 0 && zeros(tail[n+int(v)+int(sum)-1:]):
		// A write cut short in a zero-filled file: the look-ahead covers the
		// frames that end within this frame's bytes (the zeros after it
		// hold none that a reader could tell from the fill).
		return torn(tail[:n+int(v)+int(sum)])
	}
	return frame.ErrCorrupt
}
