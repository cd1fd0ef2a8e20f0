package frame

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/wire"
)

// kindRecords returns a record of every kind (and every variant of
// samples.All), with sources and dedups that vary.
func kindRecords() []envelope.Record {
	payloads := samples.All()
	recs := make([]envelope.Record, len(payloads))
	for i, p := range payloads {
		recs[i] = envelope.Record{Payload: p}
		switch i % 3 {
		case 1:
			recs[i].Source = envelope.IngressSource()
			recs[i].Dedup = envelope.ForeignPartition(uint32(i), uint64(i)*1000)
		case 2:
			recs[i].Source = envelope.ProcessorSource(uint64(i))
			recs[i].Dedup = envelope.SelfProposal(uint64(i), 7)
		}
	}
	return recs
}

// stream is an encoded stream and what it holds.
type stream struct {
	b    []byte
	recs [][]byte // the records, encoded
	offs []int64  // offs[i] is the start of frame i; offs[len(recs)] == len(b)
}

// frameOf returns the index of the frame holding byte i.
func (s *stream) frameOf(i int) int {
	k := 0
	for k+1 < len(s.offs) && s.offs[k+1] <= int64(i) {
		k++
	}
	return k
}

// kindStream writes kindRecords with the options o (and a small buffer, so
// that some records take the by-reference path).
func kindStream(t testing.TB, o Options) stream {
	t.Helper()
	var buf bytes.Buffer
	o.BufferSize = 256
	w := NewWriter(&buf, o)
	var s stream
	for _, r := range kindRecords() {
		s.offs = append(s.offs, w.Offset())
		if err := w.WriteRecord(&r); err != nil {
			t.Fatalf("WriteRecord(%v): %v", r.Payload.Kind(), err)
		}
		b, err := r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		s.recs = append(s.recs, b)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	s.offs = append(s.offs, w.Offset())
	s.b = buf.Bytes()
	if int64(len(s.b)) != w.Offset() {
		t.Fatalf("Offset %d, wrote %d bytes", w.Offset(), len(s.b))
	}
	return s
}

// readAll reads b to its end and returns the records (copied), their
// offsets and the final error (io.EOF at a clean end).
func readAll(b []byte, o Options) (recs [][]byte, offs []int64, err error) {
	return readFrom(bytes.NewReader(b), o)
}

func readFrom(rd io.Reader, o Options) (recs [][]byte, offs []int64, err error) {
	r := NewReader(rd, o)
	for {
		rec, off, err := r.Next()
		if err != nil {
			return recs, offs, err
		}
		recs = append(recs, bytes.Clone(rec))
		offs = append(offs, off)
	}
}

// drain reads r to its end and returns the records (copied) and the final
// error.
func drain(r *Reader) (recs [][]byte, err error) {
	for {
		rec, _, err := r.Next()
		if err != nil {
			return recs, err
		}
		recs = append(recs, bytes.Clone(rec))
	}
}

// wantDamage fails t unless err is an *Error of class at offset off.
func wantDamage(t *testing.T, err, class error, off int64) {
	t.Helper()
	var fe *wire.Error
	if !errors.As(err, &fe) || !errors.Is(err, class) || fe.Offset != off {
		t.Fatalf("error %v, want %v at offset %d", err, class, off)
	}
}

var forms = []struct {
	name string
	o    Options
}{{"checksummed", Options{}}, {"plain", Options{Plain: true}}}

func TestRoundTrip(t *testing.T) {
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			s := kindStream(t, f.o)
			if len(s.recs) < 22 {
				t.Fatalf("only %d records", len(s.recs))
			}
			for _, bufSize := range []int{0, 1, 17, 300, 1 << 20} {
				o := f.o
				o.BufferSize = bufSize
				recs, offs, err := readAll(s.b, o)
				if err != io.EOF {
					t.Fatalf("buffer %d: %v", bufSize, err)
				}
				if len(recs) != len(s.recs) {
					t.Fatalf("buffer %d: %d records, want %d", bufSize, len(recs), len(s.recs))
				}
				for i := range recs {
					if !bytes.Equal(recs[i], s.recs[i]) || offs[i] != s.offs[i] {
						t.Fatalf("buffer %d: record %d at %d differs (want at %d)", bufSize, i, offs[i], s.offs[i])
					}
				}
			}
		})
	}
}

// TestFrameBytes pins the bytes of a frame in both forms.
func TestFrameBytes(t *testing.T) {
	if got := bitwiseCRC32C([]byte("123456789")); got != 0xe3069283 {
		t.Fatalf("CRC-32C check value %#x", got) // the standard check value
	}
	var buf bytes.Buffer
	w := NewWriter(&buf, Options{})
	if err := w.Write([]byte("abc")); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	want := binary.LittleEndian.AppendUint32([]byte("\x03abc"), bitwiseCRC32C([]byte("\x03abc")))
	if got := buf.Bytes(); !bytes.Equal(got, want) {
		t.Fatalf("frame %x, want %x", got, want)
	}
	buf.Reset()
	w = NewWriter(&buf, Options{Plain: true})
	w.Write([]byte("abc"))
	w.Flush()
	if got := buf.Bytes(); !bytes.Equal(got, []byte("\x03abc")) {
		t.Fatalf("plain frame %x", got)
	}
}

// TestCutEveryOffset cuts the stream of every kind at every byte offset:
// every whole frame before the cut comes back, then a clean end (at a frame
// boundary) or a torn tail at the end of the last whole frame.
func TestCutEveryOffset(t *testing.T) {
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			s := kindStream(t, f.o)
			for cut := 0; cut <= len(s.b); cut++ {
				recs, offs, err := readAll(s.b[:cut], f.o)
				k := s.frameOf(cut)
				if cut == len(s.b) {
					k = len(s.recs)
				}
				if len(recs) != k {
					t.Fatalf("cut %d: %d records, want %d", cut, len(recs), k)
				}
				for i := range recs {
					if !bytes.Equal(recs[i], s.recs[i]) || offs[i] != s.offs[i] {
						t.Fatalf("cut %d: record %d differs", cut, i)
					}
				}
				if int64(cut) == s.offs[k] {
					if err != io.EOF {
						t.Fatalf("cut %d at a boundary: %v", cut, err)
					}
					continue
				}
				wantDamage(t, err, ErrTornTail, s.offs[k])
			}
			t.Logf("%d records, %d cuts", len(s.recs), len(s.b)+1)
		})
	}
}

// TestEveryBitFlip flips every bit of the checksummed stream of every kind:
// the reader returns exactly the records before the damaged frame, then an
// error; corruption whenever a whole frame follows the damaged one.
func TestEveryBitFlip(t *testing.T) {
	s := kindStream(t, Options{})
	b := bytes.Clone(s.b)
	src := bytes.NewReader(b)
	r := NewReader(src, Options{})
	flips, torn := 0, 0
	for i := range b {
		k := s.frameOf(i)
		for bit := 0; bit < 8; bit++ {
			b[i] ^= 1 << bit
			src.Reset(b)
			r.Reset(src)
			recs, err := drain(r)
			b[i] ^= 1 << bit
			flips++
			if len(recs) != k {
				t.Fatalf("byte %d bit %d (frame %d): %d records before the error %v", i, bit, k, len(recs), err)
			}
			for j := range recs {
				if !bytes.Equal(recs[j], s.recs[j]) {
					t.Fatalf("byte %d bit %d: record %d differs", i, bit, j)
				}
			}
			if k < len(s.recs)-1 {
				wantDamage(t, err, ErrCorrupt, s.offs[k])
				continue
			}
			// The last frame: a length made longer cuts it short.
			var fe *wire.Error
			if !errors.As(err, &fe) || fe.Offset != s.offs[k] {
				t.Fatalf("byte %d bit %d (last frame): %v", i, bit, err)
			}
			if errors.Is(err, ErrTornTail) {
				torn++
			}
		}
	}
	t.Logf("%d bits flipped in %d frames, all detected (%d in the last frame read as a torn tail)", flips, len(s.recs), torn)
}

func TestZeroTails(t *testing.T) {
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			s := kindStream(t, f.o)
			end := int64(len(s.b))
			for _, n := range []int{1, 2, 3, 4, 5, 9, 10, 11, 100, 4096, 70000, 200000} {
				b := append(bytes.Clone(s.b), make([]byte, n)...)
				recs, _, err := readAll(b, Options{Plain: f.o.Plain, BufferSize: 4096})
				if len(recs) != len(s.recs) {
					t.Fatalf("%d zeros: %d records", n, len(recs))
				}
				wantDamage(t, err, ErrTornTail, end)
				// A zero followed by a non-zero byte is corruption.
				b = append(b, 1)
				_, _, err = readAll(b, f.o)
				wantDamage(t, err, ErrCorrupt, end)
			}
			if f.o.Plain {
				return // the plain form cannot tell zeros in a record from a cut
			}
			// A write cut short in a zero-filled file: part of the last
			// frame (here with a 2-byte length), then zeros.
			var buf bytes.Buffer
			buf.Write(s.b)
			w := NewWriter(&buf, f.o)
			w.Write(samples.Argument(1000))
			w.Flush()
			last, end := end, int64(buf.Len())
			for _, keep := range []int64{1, 2, 5, (end - last) / 2, end - last - ChecksumSize, end - last - 2, end - last - 1} {
				b := bytes.Clone(buf.Bytes())
				if b[last+keep-1] == 0 {
					t.Fatalf("keep %d: the kept bytes end in 0", keep)
				}
				clear(b[last+keep:])
				b = append(b, make([]byte, 64)...)
				recs, _, err := readAll(b, f.o)
				if len(recs) != len(s.recs) {
					t.Fatalf("keep %d: %d records", keep, len(recs))
				}
				wantDamage(t, err, ErrTornTail, last)
			}
		})
	}
}

func TestOnlyZeros(t *testing.T) {
	for _, f := range forms {
		for _, n := range []int{1, 7, 1 << 17} {
			recs, _, err := readAll(make([]byte, n), f.o)
			if len(recs) != 0 {
				t.Fatal(len(recs))
			}
			wantDamage(t, err, ErrTornTail, 0)
		}
	}
}

func TestEmptyStream(t *testing.T) {
	for _, f := range forms {
		r := NewReader(bytes.NewReader(nil), f.o)
		if _, off, err := r.Next(); err != io.EOF || off != 0 {
			t.Fatalf("%s: %v at %d", f.name, err, off)
		}
		if _, _, err := r.Next(); err != io.EOF {
			t.Fatalf("again: %v", err)
		}
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
	}
}

// TestDamagedLength damages the length of a frame in the middle: longer,
// shorter, zero, over the maximum: always corruption at that frame.
func TestDamagedLength(t *testing.T) {
	s := kindStream(t, Options{})
	k := 5
	at := s.offs[k]
	for _, l := range []uint64{1, uint64(len(s.recs[k]) - 1), uint64(len(s.recs[k]) + 1), 1000, 1 << 20, DefaultMaxRecordSize + 1, 1 << 63, 1<<64 - 1} {
		b := append(bytes.Clone(s.b[:at]), appendVarint(nil, l)...)
		b = append(b, s.b[at+int64(sizeVarint(uint64(len(s.recs[k])))):]...)
		recs, _, err := readAll(b, Options{})
		if len(recs) != k {
			t.Fatalf("length %d: %d records", l, len(recs))
		}
		wantDamage(t, err, ErrCorrupt, at)
	}
	// A length of 0 in the middle.
	b := bytes.Clone(s.b)
	b[at] = 0
	_, _, err := readAll(b, Options{})
	wantDamage(t, err, ErrCorrupt, at)
}

func TestHugeLengths(t *testing.T) {
	for _, f := range forms {
		for _, tail := range [][]byte{
			appendVarint(nil, 1<<63),
			append(appendVarint(nil, 1<<63), "some bytes"...),
			appendVarint(nil, 1<<64-1),
			bytes.Repeat([]byte{0xff}, 11),                                  // over 10 bytes
			{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 1}, // over 64 bits
		} {
			s := kindStream(t, f.o)
			b := append(bytes.Clone(s.b), tail...)
			recs, _, err := readAll(b, f.o)
			if len(recs) != len(s.recs) {
				t.Fatal(len(recs))
			}
			wantDamage(t, err, ErrCorrupt, int64(len(s.b)))
		}
	}
}

// TestMaxRecordSize: the reader refuses a length over its maximum as
// corruption; the writer refuses to write one.
func TestMaxRecordSize(t *testing.T) {
	for _, f := range forms {
		s := kindStream(t, f.o)
		maxLen, at := 0, -1
		for i, r := range s.recs {
			if len(r) > maxLen {
				maxLen, at = len(r), i
			}
		}
		o := f.o
		o.MaxRecordSize = maxLen - 1
		recs, _, err := readAll(s.b, o)
		if len(recs) != at {
			t.Fatal(len(recs))
		}
		wantDamage(t, err, ErrCorrupt, s.offs[at])
		o.MaxRecordSize = maxLen
		if _, _, err := readAll(s.b, o); err != io.EOF {
			t.Fatal(err)
		}

		var buf bytes.Buffer
		o.MaxRecordSize = 10
		w := NewWriter(&buf, o)
		w.Write([]byte("x"))
		if err := w.Write(make([]byte, 11)); !errors.Is(err, ErrTooLarge) {
			t.Fatal(err)
		}
		r := kindRecords()[0]
		if err := w.WriteRecord(&r); !errors.Is(err, ErrTooLarge) {
			t.Fatal(err)
		}
		wantDamage(t, w.Write(nil), ErrInvalidRecord, w.Offset())
		w.Flush()
		if recs, _, err := readAll(buf.Bytes(), o); err != io.EOF || len(recs) != 1 {
			t.Fatalf("after refusals: %d records, %v", len(recs), err)
		}
	}
}

// TestWriteRecordInvalid: an invalid record is refused, nothing written.
func TestWriteRecordInvalid(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, Options{})
	bad := envelope.Record{Payload: samples.Small()}
	bad.Dedup = envelope.Dedup{Kind: 200}
	if err := w.WriteRecord(&bad); err == nil {
		t.Fatal("invalid dedup accepted")
	}
	if err := w.WriteRecord(&envelope.Record{}); !errors.Is(err, envelope.ErrMissingField) {
		t.Fatal(err)
	}
	if w.Offset() != 0 {
		t.Fatal(w.Offset())
	}
	w.Flush()
	if buf.Len() != 0 {
		t.Fatal(buf.Len())
	}
}

// lyingPayload reports a size its AppendTo does not write.
type lyingPayload struct {
	envelope.Payload
	extra int
}

func (p lyingPayload) Size() int { return p.Payload.Size() + p.extra }

func TestWriteRecordSizeMismatch(t *testing.T) {
	for _, extra := range []int{-1, 1} {
		for _, bufSize := range []int{0, 64} {
			var buf bytes.Buffer
			w := NewWriter(&buf, Options{BufferSize: bufSize})
			w.Write([]byte("first"))
			r := envelope.Record{Payload: lyingPayload{samples.Medium(), extra}}
			wantDamage(t, w.WriteRecord(&r), ErrInvalidRecord, w.Offset())
			w.Flush()
			if recs, _, err := readAll(buf.Bytes(), Options{}); err != io.EOF || len(recs) != 1 {
				t.Fatalf("%d records, %v", len(recs), err)
			}
		}
	}
}

func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func sizeVarint(v uint64) int { return len(appendVarint(nil, v)) }

// bitwiseCRC32C is CRC-32C computed bit by bit (reflected polynomial
// 0x82f63b78), independently of hash/crc32.
func bitwiseCRC32C(b []byte) uint32 {
	crc := ^uint32(0)
	for _, c := range b {
		crc ^= uint32(c)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0x82f63b78
			} else {
				crc >>= 1
			}
		}
	}
	return ^crc
}

// TestLongLength: a length not in its shortest form is corruption, even
// with a matching checksum.
func TestLongLength(t *testing.T) {
	for _, f := range forms {
		b := []byte{0x83, 0x00, 'a', 'b', 'c'}
		if !f.o.Plain {
			b = binary.LittleEndian.AppendUint32(b, bitwiseCRC32C(b))
		}
		_, _, err := readAll(b, f.o)
		wantDamage(t, err, ErrCorrupt, 0)
	}
}

// TestEmbeddedFrameCut pins the documented limit of the look-ahead: a record
// that carries a whole frame in its bytes, cut after that frame, reads as
// corruption (a valid frame follows the damage), not as a torn tail.
func TestEmbeddedFrameCut(t *testing.T) {
	var inner, outer bytes.Buffer
	w := NewWriter(&inner, Options{})
	w.Write([]byte("inner record"))
	w.Flush()
	w = NewWriter(&outer, Options{})
	w.Write([]byte("first"))
	at := w.Offset()
	w.Write(append(append([]byte("carrier:"), inner.Bytes()...), "and more"...))
	w.Flush()
	cut := int(at) + 1 + len("carrier:") + inner.Len() // after the inner frame
	_, _, err := readAll(outer.Bytes()[:cut], Options{})
	wantDamage(t, err, ErrCorrupt, at)
	_, _, err = readAll(outer.Bytes()[:cut-1], Options{}) // inside it: torn
	wantDamage(t, err, ErrTornTail, at)
}
