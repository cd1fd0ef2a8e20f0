package bench

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"testing"

	"google.golang.org/protobuf/encoding/protodelim"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/walwire/walwire/frame"
)

// The frame benchmarks (frames: FORMAT.md §9): write and read one record
// per op as a frame of a stream, for each fixture's encoded record.
//
//	walwire         frame.Writer.Write / frame.Reader.Next, checksummed form
//	walwire-record  frame.Writer.WriteRecord: the record encoded into the
//	                buffer from its values (encode included)
//	floor           bufio (same buffer size) + varint + crc32.Update
//	                (Castagnoli) over the same bytes, written for the
//	                benchmark alone: no size limit, no damage classes
//	walwire-plain   frame.Writer / frame.Reader, plain form
//	bufio-plain     bufio + varint: the plain form's floor
//	protodelim      protobuf-go's protodelim.MarshalTo / UnmarshalFrom over
//	                bufio, of a BytesValue holding the record (its best
//	                path for bytes: a reused message; 2 to 4 bytes more per
//	                frame for the field's tag and length)
//
// Writes go to io.Discard. Reads cycle over a stream of frameStreamRecords
// frames in memory (the reader is Reset at its end, outside the timing only
// in aggregate: once per frameStreamRecords ops).

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

const (
	frameBuffer        = frame.DefaultBufferSize
	frameStreamRecords = 64
)

var (
	frameWriteImpls = []string{"walwire", "walwire-record", "floor", "walwire-plain", "bufio-plain", "protodelim"}
	frameReadImpls  = []string{"walwire", "floor", "walwire-plain", "bufio-plain", "protodelim"}
)

// floorWriter writes frames the straightforward way; its scratch arrays
// live with it so that nothing escapes per frame.
type floorWriter struct {
	w        *bufio.Writer
	checksum bool
	hdr      [binary.MaxVarintLen64]byte
	sum      [4]byte
}

func (f *floorWriter) write(rec []byte) error {
	n := binary.PutUvarint(f.hdr[:], uint64(len(rec)))
	f.w.Write(f.hdr[:n])
	_, err := f.w.Write(rec)
	if f.checksum {
		crc := crc32.Update(crc32.Update(0, castagnoli, f.hdr[:n]), castagnoli, rec)
		binary.LittleEndian.PutUint32(f.sum[:], crc)
		_, err = f.w.Write(f.sum[:])
	}
	return err
}

// floorReader reads frames the straightforward way, into a reused buffer.
type floorReader struct {
	r        *bufio.Reader
	checksum bool
	buf      []byte
	hdr      [binary.MaxVarintLen64]byte
}

func (f *floorReader) read() ([]byte, error) {
	l, err := binary.ReadUvarint(f.r)
	if err != nil {
		return nil, err
	}
	n := int(l)
	if f.checksum {
		n += 4
	}
	if cap(f.buf) < n {
		f.buf = make([]byte, n)
	}
	buf := f.buf[:n]
	if _, err := io.ReadFull(f.r, buf); err != nil {
		return nil, err
	}
	if f.checksum {
		h := binary.PutUvarint(f.hdr[:], l)
		crc := crc32.Update(crc32.Update(0, castagnoli, f.hdr[:h]), castagnoli, buf[:l])
		if crc != binary.LittleEndian.Uint32(buf[l:]) {
			return nil, errors.New("checksum mismatch")
		}
	}
	return buf[:l], nil
}

func BenchmarkFrame(b *testing.B) {
	for _, fx := range fixtures {
		for _, impl := range frameWriteImpls {
			b.Run("op=write/impl="+impl+"/payload="+fx.Name, func(b *testing.B) { benchFrameWrite(b, impl, fx) })
		}
	}
	for _, fx := range fixtures {
		for _, impl := range frameReadImpls {
			b.Run("op=read/impl="+impl+"/payload="+fx.Name, func(b *testing.B) { benchFrameRead(b, impl, fx) })
		}
	}
}

func benchFrameWrite(b *testing.B, impl string, fx *Fixture) {
	rec := fx.Encoded
	var op func() error
	switch impl {
	case "walwire", "walwire-plain":
		w := frame.NewWriter(io.Discard, frame.Options{Plain: impl == "walwire-plain"})
		op = func() error { return w.Write(rec) }
	case "walwire-record":
		w := frame.NewWriter(io.Discard, frame.Options{})
		op = func() error { return w.WriteRecord(&fx.Record) }
	case "floor", "bufio-plain":
		f := &floorWriter{w: bufio.NewWriterSize(io.Discard, frameBuffer), checksum: impl == "floor"}
		op = func() error { return f.write(rec) }
	case "protodelim":
		w := bufio.NewWriterSize(io.Discard, frameBuffer)
		m := wrapperspb.Bytes(rec)
		op = func() error { _, err := protodelim.MarshalTo(w, m); return err }
	}
	for range 100 { // warm: buffers and pools
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(rec)))
	b.ReportAllocs()
	b.ResetTimer()
	c := startCPU()
	var err error
	for i := 0; i < b.N; i++ {
		err = op()
	}
	c.stop(b)
	if err != nil {
		b.Fatal(err)
	}
}

// frameStream returns frameStreamRecords frames of rec: checksummed, plain,
// or (delim) protodelim's frames of a BytesValue holding rec.
func frameStream(b *testing.B, rec []byte, plain, delim bool) []byte {
	var buf bytes.Buffer
	w := frame.NewWriter(&buf, frame.Options{Plain: plain})
	for range frameStreamRecords {
		var err error
		if delim {
			_, err = protodelim.MarshalTo(&buf, wrapperspb.Bytes(rec))
		} else {
			err = w.Write(rec)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchFrameRead(b *testing.B, impl string, fx *Fixture) {
	rec := fx.Encoded
	plain := impl != "walwire" && impl != "floor"
	stream := frameStream(b, rec, plain, impl == "protodelim")
	src := bytes.NewReader(stream)
	var op func() ([]byte, error)
	switch impl {
	case "walwire", "walwire-plain":
		r := frame.NewReader(src, frame.Options{Plain: plain})
		op = func() ([]byte, error) {
			out, _, err := r.Next()
			if err == io.EOF {
				src.Reset(stream)
				r.Reset(src)
				out, _, err = r.Next()
			}
			return out, err
		}
	case "floor", "bufio-plain":
		f := &floorReader{r: bufio.NewReaderSize(src, frameBuffer), checksum: !plain}
		op = func() ([]byte, error) {
			out, err := f.read()
			if err == io.EOF {
				src.Reset(stream)
				f.r.Reset(src)
				out, err = f.read()
			}
			return out, err
		}
	case "protodelim":
		r := bufio.NewReaderSize(src, frameBuffer)
		m := new(wrapperspb.BytesValue)
		opts := protodelim.UnmarshalOptions{MaxSize: -1}
		op = func() ([]byte, error) {
			err := opts.UnmarshalFrom(r, m)
			if err == io.EOF {
				src.Reset(stream)
				r.Reset(src)
				err = opts.UnmarshalFrom(r, m)
			}
			return m.Value, err
		}
	}
	for range 2 * frameStreamRecords { // warm: buffers grown
		out, err := op()
		if err != nil || !bytes.Equal(out, rec) {
			b.Fatalf("read %d bytes, %v", len(out), err)
		}
	}
	b.SetBytes(int64(len(rec)))
	b.ReportAllocs()
	b.ResetTimer()
	c := startCPU()
	var out []byte
	var err error
	for i := 0; i < b.N; i++ {
		out, err = op()
	}
	c.stop(b)
	if err != nil {
		b.Fatal(err)
	}
	sinkBytes = out
}

// TestFrameBenchFair checks that every frame implementation writes what the
// others read: the floors' frames are walwire's bytes.
func TestFrameBenchFair(t *testing.T) {
	for _, fx := range fixtures {
		for _, plain := range []bool{false, true} {
			var a, c bytes.Buffer
			w := frame.NewWriter(&a, frame.Options{Plain: plain})
			f := &floorWriter{w: bufio.NewWriter(&c), checksum: !plain}
			for range 3 {
				w.Write(fx.Encoded)
				f.write(fx.Encoded)
			}
			w.Flush()
			f.w.Flush()
			fr := &floorReader{r: bufio.NewReader(bytes.NewReader(c.Bytes())), checksum: !plain}
			for range 3 {
				if out, err := fr.read(); err != nil || !bytes.Equal(out, fx.Encoded) {
					t.Fatalf("%s plain=%v: the floor reads %d bytes, %v", fx.Name, plain, len(out), err)
				}
			}
			if !bytes.Equal(a.Bytes(), c.Bytes()) {
				t.Fatalf("%s plain=%v: the floor writes other bytes", fx.Name, plain)
			}
			var d bytes.Buffer
			w = frame.NewWriter(&d, frame.Options{Plain: plain})
			w.WriteRecord(&fx.Record)
			w.Flush()
			if !bytes.Equal(d.Bytes(), a.Bytes()[:d.Len()]) {
				t.Fatalf("%s: WriteRecord writes other bytes than Write", fx.Name)
			}
		}
		var m wrapperspb.BytesValue
		var buf bytes.Buffer
		protodelim.MarshalTo(&buf, wrapperspb.Bytes(fx.Encoded))
		if err := protodelim.UnmarshalFrom(bufio.NewReader(&buf), &m); err != nil || !proto.Equal(&m, wrapperspb.Bytes(fx.Encoded)) {
			t.Fatal(err)
		}
	}
}
