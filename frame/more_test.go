package frame

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"

	"google.golang.org/protobuf/encoding/protodelim"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
)

// delimMessages returns messages for the protodelim tests: every record of
// kindRecords wrapped in a BytesValue, and a large one (a 3-byte length).
func delimMessages(t *testing.T) []*wrapperspb.BytesValue {
	var msgs []*wrapperspb.BytesValue
	for _, r := range kindRecords() {
		b, err := r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, wrapperspb.Bytes(b))
	}
	return append(msgs, wrapperspb.Bytes(samples.Argument(100_000)))
}

// TestPlainWriterToProtodelim: protobuf-go's protodelim reads our plain
// stream.
func TestPlainWriterToProtodelim(t *testing.T) {
	msgs := delimMessages(t)
	var buf bytes.Buffer
	w := NewWriter(&buf, Options{Plain: true})
	for _, m := range msgs {
		b, err := proto.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(&buf)
	for i, want := range msgs {
		got := new(wrapperspb.BytesValue)
		if err := protodelim.UnmarshalFrom(br, got); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if !proto.Equal(got, want) {
			t.Fatalf("message %d differs", i)
		}
	}
	if err := protodelim.UnmarshalFrom(br, new(wrapperspb.BytesValue)); err != io.EOF {
		t.Fatalf("after the last message: %v", err)
	}
}

// TestProtodelimToPlainReader: we read what protodelim writes.
func TestProtodelimToPlainReader(t *testing.T) {
	msgs := delimMessages(t)
	var buf bytes.Buffer
	for _, m := range msgs {
		if _, err := protodelim.MarshalTo(&buf, m); err != nil {
			t.Fatal(err)
		}
	}
	r := NewReader(&buf, Options{Plain: true})
	n := 0
	for _, rec := range r.All() {
		got := new(wrapperspb.BytesValue)
		if err := proto.Unmarshal(rec, got); err != nil {
			t.Fatalf("message %d: %v", n, err)
		}
		if !proto.Equal(got, msgs[n]) {
			t.Fatalf("message %d differs", n)
		}
		n++
	}
	if r.Err() != nil || n != len(msgs) {
		t.Fatalf("%d of %d messages, %v", n, len(msgs), r.Err())
	}
}

func TestAll(t *testing.T) {
	s := kindStream(t, Options{})
	r := NewReader(bytes.NewReader(s.b[:len(s.b)-1]), Options{})
	n := 0
	for off, rec := range r.All() {
		if off != s.offs[n] || !bytes.Equal(rec, s.recs[n]) {
			t.Fatalf("record %d", n)
		}
		n++
	}
	if n != len(s.recs)-1 {
		t.Fatal(n)
	}
	wantDamage(t, r.Err(), ErrTornTail, s.offs[n])
	// Stopping early leaves the Reader where it was.
	r = NewReader(bytes.NewReader(s.b), Options{})
	for range r.All() {
		break
	}
	if _, off, err := r.Next(); err != nil || off != s.offs[1] {
		t.Fatalf("after break: %d, %v", off, err)
	}
}

// TestShortReads: the same records and damage whatever the underlying
// reader's read sizes.
func TestShortReads(t *testing.T) {
	s := kindStream(t, Options{})
	b := append(bytes.Clone(s.b), 0, 0, 0)
	for name, wrap := range map[string]func(io.Reader) io.Reader{
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
		"data+EOF": iotest.DataErrReader,
	} {
		recs, _, err := readFrom(wrap(bytes.NewReader(b)), Options{BufferSize: 100})
		if len(recs) != len(s.recs) {
			t.Fatalf("%s: %d records", name, len(recs))
		}
		wantDamage(t, err, ErrTornTail, int64(len(s.b)))
	}
}

// TestReadError: a failure of the underlying reader comes back as is, after
// the records before it, and sticks.
func TestReadError(t *testing.T) {
	s := kindStream(t, Options{})
	boom := errors.New("boom")
	rd := io.MultiReader(bytes.NewReader(s.b[:s.offs[3]+2]), iotest.ErrReader(boom))
	r := NewReader(rd, Options{})
	n := 0
	for range r.All() {
		n++
	}
	if n != 3 || r.Err() != boom {
		t.Fatalf("%d records, %v", n, r.Err())
	}
	if _, _, err := r.Next(); err != boom {
		t.Fatal(err)
	}
	if _, err := Scan(io.MultiReader(bytes.NewReader(s.b), iotest.ErrReader(boom)), Options{}); err != boom {
		t.Fatal(err)
	}
	// A reader that returns nothing, forever.
	r = NewReader(iotest.ErrReader(nil), Options{})
	if _, _, err := r.Next(); err != io.ErrNoProgress {
		t.Fatal(err)
	}
}

// recorder records the slices it is given.
type recorder struct {
	bytes.Buffer
	writes [][]byte
	fail   error
	short  bool
}

func (w *recorder) Write(p []byte) (int, error) {
	if w.fail != nil {
		return 0, w.fail
	}
	w.writes = append(w.writes, p)
	if w.short {
		p = p[:len(p)/2]
	}
	return w.Buffer.Write(p)
}

// TestLargeByReference: a record larger than the buffer reaches the
// underlying writer as the caller's slice, not a copy, after the frames
// buffered before it.
func TestLargeByReference(t *testing.T) {
	for _, f := range forms {
		var rw recorder
		o := f.o
		o.BufferSize = 1024
		w := NewWriter(&rw, o)
		big := samples.Argument(5000)
		w.Write([]byte("small"))
		if err := w.Write(big); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range rw.writes {
			found = found || len(p) > 0 && &p[0] == &big[0]
		}
		if !found {
			t.Fatalf("%s: the large record was copied", f.name)
		}
		if w.Offset() != int64(rw.Len()) {
			t.Fatalf("Offset %d, wrote %d", w.Offset(), rw.Len())
		}
		recs, _, err := readAll(rw.Bytes(), f.o)
		if err != io.EOF || len(recs) != 2 || string(recs[0]) != "small" || !bytes.Equal(recs[1], big) {
			t.Fatalf("%s: %d records, %v", f.name, len(recs), err)
		}
	}
}

// TestWriterFailure: a failed write or sync fails the Writer for good.
func TestWriterFailure(t *testing.T) {
	boom := errors.New("boom")
	rw := &recorder{fail: boom}
	w := NewWriter(rw, Options{})
	if err := w.Write([]byte("a")); err != nil {
		t.Fatal(err) // buffered
	}
	if err := w.Flush(); err != boom {
		t.Fatal(err)
	}
	rw.fail = nil
	if err := w.Write([]byte("a")); err != boom {
		t.Fatal(err)
	}
	if err := w.Write(make([]byte, 1<<20)); err != boom {
		t.Fatal(err)
	}
	if err := w.Sync(); err != boom {
		t.Fatal(err)
	}

	rw = &recorder{short: true}
	w = NewWriter(rw, Options{})
	w.Write([]byte("abc"))
	if err := w.Flush(); err != io.ErrShortWrite {
		t.Fatal(err)
	}
	w = NewWriter(&recorder{short: true}, Options{BufferSize: 16})
	if err := w.Write(make([]byte, 100)); err != io.ErrShortWrite {
		t.Fatal(err)
	}

	syncs := 0
	rw = &recorder{}
	w = NewWriter(rw, Options{Sync: func() error {
		syncs++
		if syncs == 2 {
			return boom
		}
		return nil
	}})
	w.Write([]byte("a"))
	if err := w.Sync(); err != nil || syncs != 1 || rw.Len() != 1+1+ChecksumSize {
		t.Fatalf("sync: %v, %d syncs, %d bytes", err, syncs, rw.Len())
	}
	if err := w.Sync(); err != boom {
		t.Fatal(err)
	}
	if err := w.Write([]byte("b")); err != boom {
		t.Fatal(err)
	}
	r := kindRecords()[0]
	if err := w.WriteRecord(&r); err != boom {
		t.Fatal(err)
	}
}

// cycle is an endless stream repeating b.
type cycle struct {
	b []byte
	i int
}

func (c *cycle) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		k := copy(p[n:], c.b[c.i:])
		n += k
		c.i = (c.i + k) % len(c.b)
	}
	return n, nil
}

func TestAllocsNext(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation")
	}
	for _, f := range forms {
		s := kindStream(t, f.o)
		var big bytes.Buffer
		w := NewWriter(&big, f.o)
		for _, p := range []envelope.Payload{samples.Small(), samples.Medium(), samples.Large()} {
			w.WriteRecord(&envelope.Record{Payload: p})
		}
		w.Flush()
		for name, b := range map[string][]byte{"kinds": s.b, "31B-520B-64KiB": big.Bytes()} {
			r := NewReader(&cycle{b: b}, f.o)
			for range 100 { // warm: the buffer grows to the largest record
				if _, _, err := r.Next(); err != nil {
					t.Fatal(err)
				}
			}
			if a := testing.AllocsPerRun(1000, func() {
				if _, _, err := r.Next(); err != nil {
					t.Fatal(err)
				}
			}); a != 0 {
				t.Errorf("%s %s: %v allocs per Next", f.name, name, a)
			}
		}
	}
}

func TestAllocsWrite(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation")
	}
	for _, f := range forms {
		w := NewWriter(io.Discard, f.o)
		for name, p := range map[string]envelope.Payload{"31B": samples.Small(), "520B": samples.Medium(), "64KiB": samples.Large()} {
			r := envelope.Record{Source: envelope.IngressSource(), Dedup: envelope.ForeignPartition(1, 2), Payload: p}
			b, _ := r.MarshalBinary()
			if name == "64KiB" && raceEnabled {
				continue // the pooled path: the race detector drops pooled buffers
			}
			w.WriteRecord(&r) // warm the pool
			if a := testing.AllocsPerRun(1000, func() {
				if err := w.WriteRecord(&r); err != nil {
					t.Fatal(err)
				}
			}); a != 0 {
				t.Errorf("%s %s: %v allocs per WriteRecord", f.name, name, a)
			}
			if a := testing.AllocsPerRun(1000, func() {
				if err := w.Write(b); err != nil {
					t.Fatal(err)
				}
			}); a != 0 {
				t.Errorf("%s %s: %v allocs per Write", f.name, name, a)
			}
		}
	}
}

// TestErrorPathAllocs: damage costs one allocation (the *Error).
func TestErrorPathAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation")
	}
	s := kindStream(t, Options{})
	b := bytes.Clone(s.b)
	b[s.offs[3]+3] ^= 1
	rd := bytes.NewReader(b)
	r := NewReader(rd, Options{})
	if a := testing.AllocsPerRun(100, func() {
		rd.Reset(b)
		r.Reset(rd)
		for {
			if _, _, err := r.Next(); err != nil {
				if !errors.Is(err, ErrCorrupt) {
					t.Fatal(err)
				}
				return
			}
		}
	}); a > 1 {
		t.Errorf("%v allocs on the error path", a)
	}
}

func TestErrorString(t *testing.T) {
	e := newError(ErrTornTail, 42, "zero bytes")
	if got := e.Error(); got != "walwire: torn tail at offset 42: zero bytes" {
		t.Fatal(got)
	}
}

// writeFile writes b to a new file in a temporary directory.
func writeFile(t *testing.T, b []byte) string {
	path := filepath.Join(t.TempDir(), "log")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readFile(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestScan(t *testing.T) {
	s := kindStream(t, Options{})
	res, err := Scan(bytes.NewReader(s.b), Options{})
	if err != nil || res != (ScanResult{Records: int64(len(s.recs)), End: int64(len(s.b)), Size: int64(len(s.b))}) {
		t.Fatalf("%+v, %v", res, err)
	}
	b := bytes.Clone(s.b)
	b[s.offs[4]+2] ^= 0x10
	res, err = Scan(bytes.NewReader(b), Options{BufferSize: 64})
	if err != nil || res.Records != 4 || res.End != s.offs[4] || res.Size != int64(len(b)) {
		t.Fatalf("%+v, %v", res, err)
	}
	wantDamage(t, res.Damage, ErrCorrupt, s.offs[4])
}

func TestRepairTornTail(t *testing.T) {
	s := kindStream(t, Options{})
	for _, tail := range [][]byte{s.b[s.offs[9] : s.offs[10]-1], make([]byte, 4096), {0x80}} {
		whole := s.b[:s.offs[9]]
		path := writeFile(t, append(bytes.Clone(whole), tail...))
		res, err := Repair(path, Options{}, false)
		if err != nil || res.Records != 9 || res.End != s.offs[9] {
			t.Fatalf("%+v, %v", res, err)
		}
		wantDamage(t, res.Damage, ErrTornTail, s.offs[9])
		if !bytes.Equal(readFile(t, path), whole) {
			t.Fatal("not truncated to the last whole frame")
		}
		if !bytes.Equal(readFile(t, path+BrokenSuffix), tail) {
			t.Fatal("the .broken file does not hold the tail")
		}
		// Repaired: a second Repair finds nothing to do.
		res, err = Repair(path, Options{}, false)
		if err != nil || res.Damage != nil || res.Records != 9 {
			t.Fatalf("again: %+v, %v", res, err)
		}
		// The log can be appended to.
		f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		w := NewWriter(f, Options{Sync: f.Sync})
		w.Write([]byte("after"))
		if err := w.Sync(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		recs, _, err := readAll(readFile(t, path), Options{})
		if err != io.EOF || len(recs) != 10 || string(recs[9]) != "after" {
			t.Fatalf("%d records, %v", len(recs), err)
		}
		// A new torn tail: the .broken file of the first stays.
		os.WriteFile(path, append(readFile(t, path), 0x85), 0o644)
		if _, err := Repair(path, Options{}, false); !errors.Is(err, os.ErrExist) {
			t.Fatalf("existing .broken: %v", err)
		}
		if !bytes.Equal(readFile(t, path+BrokenSuffix), tail) {
			t.Fatal("the .broken file was replaced")
		}
		if m, _ := filepath.Glob(path + "*tmp*"); len(m) != 0 {
			t.Fatalf("left behind: %v", m)
		}
	}
}

func TestRepairCorruption(t *testing.T) {
	s := kindStream(t, Options{})
	b := bytes.Clone(s.b)
	b[s.offs[7]+5] ^= 4
	path := writeFile(t, b)
	res, err := Repair(path, Options{}, false)
	if !errors.Is(err, ErrCorrupt) || res.Records != 7 {
		t.Fatalf("%+v, %v", res, err)
	}
	if !bytes.Equal(readFile(t, path), b) {
		t.Fatal("refused, yet changed")
	}
	if _, err := os.Stat(path + BrokenSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("refused, yet wrote .broken")
	}
	res, err = Repair(path, Options{}, true)
	if err != nil || res.End != s.offs[7] {
		t.Fatalf("forced: %+v, %v", res, err)
	}
	if !bytes.Equal(readFile(t, path), s.b[:s.offs[7]]) || !bytes.Equal(readFile(t, path+BrokenSuffix), b[s.offs[7]:]) {
		t.Fatal("forced repair: wrong cut")
	}
}

func TestRepairClean(t *testing.T) {
	s := kindStream(t, Options{})
	path := writeFile(t, s.b)
	res, err := Repair(path, Options{}, false)
	if err != nil || res.Damage != nil || res.Records != int64(len(s.recs)) {
		t.Fatalf("%+v, %v", res, err)
	}
	if !bytes.Equal(readFile(t, path), s.b) {
		t.Fatal("changed")
	}
	if _, err := Repair(filepath.Join(t.TempDir(), "missing"), Options{}, false); !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
}

func TestReset(t *testing.T) {
	s := kindStream(t, Options{})
	var a, b bytes.Buffer
	w := NewWriter(&a, Options{BufferSize: 100})
	w.Write([]byte("pending, discarded"))
	w.Reset(&b)
	for _, rec := range s.recs {
		w.Write(rec)
	}
	w.Flush()
	if a.Len() != 0 || !bytes.Equal(b.Bytes(), s.b) {
		t.Fatal("Writer.Reset")
	}
	r := NewReader(bytes.NewReader(s.b[:10]), Options{})
	r.Next()
	r.Reset(bytes.NewReader(s.b))
	recs, _, err := readFrom(bytes.NewReader(s.b), Options{})
	for i := 0; ; i++ {
		rec, off, err2 := r.Next()
		if err2 != nil {
			if err2 != err || i != len(recs) {
				t.Fatalf("Reader.Reset: %d records, %v", i, err2)
			}
			break
		}
		if off != s.offs[i] || !bytes.Equal(rec, recs[i]) {
			t.Fatal("Reader.Reset: record", i)
		}
	}
}
