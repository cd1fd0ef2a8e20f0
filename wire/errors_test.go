package wire

import (
	"errors"
	"math"
	"strings"
	"testing"
	"unsafe"
)

// One test per error class of the contract, each told apart with errors.Is.
func TestErrorClasses(t *testing.T) {
	cases := []struct {
		name string
		in   string // hex
		want error
	}{
		{"empty varint", "", ErrTruncated},
		{"varint ends early", "8080", ErrTruncated},
		{"10th byte of 2", "ffffffffffffffffff02", ErrOverflow},
		{"11-byte varint", "8080808080808080808001", ErrOverflow},
		{"field number 0", "0001", ErrFieldNumber},
		{"field number 2^29", "8080808010" + "00", ErrFieldNumber},
		{"wire type 6", "0e00", ErrWireType},
		{"wire type 7", "0f00", ErrWireType},
		{"end-group without start", "0c", ErrGroup},
		{"end-group number mismatch", "0b" + "14", ErrGroup},
		{"group never ends", "0b" + "0801", ErrTruncated},
		{"fixed32 ends early", "0d010203", ErrTruncated},
		{"fixed64 ends early", "0901020304050607", ErrTruncated},
		{"length beyond input", "0a0501", ErrTruncated},
		{"length of 2^63", "0a" + "80808080808080808001", ErrTruncated},
		{"length of 2^64-1", "0a" + "ffffffffffffffffff01", ErrTruncated},
		{"tag ends early", "80", ErrTruncated},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := unhex(t, c.in)
			r := NewReader(in, ZeroCopy)
			for r.Next() {
			}
			if len(in) == 0 {
				// An empty message is valid; the varint consumer sees the truncation.
				_, _, err := ConsumeVarint(in)
				r.err = err
			}
			err := r.Err()
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			var we *Error
			if !errors.As(err, &we) || we.Offset < 0 || we.Offset > int64(len(in)) {
				t.Fatalf("error %v carries no offset within the input", err)
			}
			for _, other := range []error{ErrTruncated, ErrOverflow, ErrFieldNumber, ErrWireType, ErrGroup, ErrDepth, ErrUTF8} {
				if other != c.want && errors.Is(err, other) {
					t.Fatalf("%v also matches %v", err, other)
				}
			}
			// The consume functions agree with the reader.
			if len(in) > 0 {
				if _, _, _, err := ConsumeField(in); !errors.Is(err, c.want) {
					t.Fatalf("ConsumeField: got %v, want %v", err, c.want)
				}
			}
			// The error path allocates once: the error.
			walk := func() {
				r := NewReader(in, ZeroCopy)
				for r.Next() {
				}
				_, _, _, _ = ConsumeField(in)
			}
			if len(in) > 0 {
				if n := testing.AllocsPerRun(50, walk); n > 2 {
					t.Errorf("Reader walk and ConsumeField: %v allocs, want one each", n)
				}
			}
		})
	}
}

func TestLengthOf2To63DoesNotAllocate(t *testing.T) {
	in := unhex(t, "0a80808080808080808001")
	allocs := testing.AllocsPerRun(100, func() {
		if _, _, err := ConsumeBytes(in[1:]); err == nil {
			panic("accepted")
		}
	})
	// The error value itself is the one allocation the error path may make.
	if allocs > 1 {
		t.Fatalf("allocated %v times", allocs)
	}
}

func TestInvalidUTF8(t *testing.T) {
	in := AppendBytes(AppendTag(nil, 3, BytesType), []byte{'o', 0xff, 'k'})
	r := NewReader(in, ZeroCopy)
	var s string
	for r.Next() {
		r.String(&s)
	}
	err := r.Err()
	if !errors.Is(err, ErrUTF8) {
		t.Fatalf("got %v", err)
	}
	var we *Error
	if !errors.As(err, &we) || we.Field != 3 || we.Offset != 2 {
		t.Fatalf("error %#v: want field 3 at offset 2", err)
	}
	if s != "" {
		t.Fatalf("string set to %q despite the error", s)
	}
	// Bytes fields take any bytes.
	r = NewReader(in, ZeroCopy)
	var b []byte
	for r.Next() {
		r.Bytes(&b)
	}
	if r.Err() != nil || string(b) != "o\xffk" {
		t.Fatalf("bytes: %q, %v", b, r.Err())
	}
}

// nest wraps msg in n levels of field 1, as embedded messages.
func nestMessages(n int) []byte {
	msg := []byte{}
	for i := 0; i < n; i++ {
		msg = AppendBytes(AppendTag(nil, 1, BytesType), msg)
	}
	return msg
}

// nestMessagesBackwards builds about size bytes of field-1 messages nested in
// each other, writing from the innermost outwards at the end of one buffer.
func nestMessagesBackwards(size int) []byte {
	buf := make([]byte, size+16)
	start := len(buf)
	for start > 16 {
		prefix := AppendVarint(AppendTag(nil, 1, BytesType), uint64(len(buf)-start))
		start -= len(prefix)
		copy(buf[start:], prefix)
	}
	return buf[start:]
}

// walk descends into every length-delimited field as a message.
func walk(r *Reader) error {
	for r.Next() {
		if r.Type() == BytesType {
			if sub, ok := r.Message(); ok {
				if err := walk(&sub); err != nil {
					return Within(err, "child")
				}
			}
		}
	}
	return r.Err()
}

func TestDepthLimitMessages(t *testing.T) {
	// 100 embedded levels are fine; 101 are not.
	r := NewReader(nestMessages(DefaultMaxDepth), ZeroCopy)
	if err := walk(&r); err != nil {
		t.Fatalf("depth %d: %v", DefaultMaxDepth, err)
	}
	r = NewReader(nestMessages(DefaultMaxDepth+1), ZeroCopy)
	if err := walk(&r); !errors.Is(err, ErrDepth) {
		t.Fatalf("depth %d: got %v", DefaultMaxDepth+1, err)
	}
	// About 1 MB of nesting: a depth error, not a stack overflow.
	deep := nestMessagesBackwards(1 << 20)
	r = NewReader(deep, ZeroCopy)
	err := walk(&r)
	if !errors.Is(err, ErrDepth) {
		t.Fatalf("1 MB of nested messages: got %v", err)
	}
	var we *Error
	if errors.As(err, &we); !strings.HasPrefix(we.Path(), "...") {
		t.Fatalf("deep path %q not cut", we.Path())
	}
	// A configurable limit.
	r = NewReader(nestMessages(5), ZeroCopy)
	r.SetMaxDepth(4)
	if err := walk(&r); !errors.Is(err, ErrDepth) {
		t.Fatalf("limit 4, depth 5: got %v", err)
	}
}

func TestDepthLimitGroups(t *testing.T) {
	group := func(n int) []byte {
		var b []byte
		for i := 0; i < n; i++ {
			b = AppendTag(b, 1, StartGroupType)
		}
		for i := 0; i < n; i++ {
			b = AppendTag(b, 1, EndGroupType)
		}
		return b
	}
	r := NewReader(group(DefaultMaxDepth), ZeroCopy)
	for r.Next() {
	}
	if r.Err() != nil {
		t.Fatalf("depth %d: %v", DefaultMaxDepth, r.Err())
	}
	r = NewReader(group(DefaultMaxDepth+1), ZeroCopy)
	for r.Next() {
	}
	if !errors.Is(r.Err(), ErrDepth) {
		t.Fatalf("depth %d: got %v", DefaultMaxDepth+1, r.Err())
	}
	// 1 MB of start-group tags: a depth error.
	starts := make([]byte, 1<<20)
	for i := range starts {
		starts[i] = 0x0b
	}
	r = NewReader(starts, ZeroCopy)
	for r.Next() {
	}
	if !errors.Is(r.Err(), ErrDepth) {
		t.Fatalf("1 MB of groups: got %v", r.Err())
	}
	if _, err := ConsumeFieldValue(1, StartGroupType, starts); !errors.Is(err, ErrDepth) {
		t.Fatalf("ConsumeFieldValue on 1 MB of groups: got %v", err)
	}
}

func TestErrorMessage(t *testing.T) {
	err := error(NewError(ErrTruncated, 17, 3))
	err = Within(err, "invocation_target")
	err = Within(err, "invoke")
	want := "walwire: truncated input in invoke.invocation_target (field 3) at offset 17"
	if err.Error() != want {
		t.Fatalf("got %q, want %q", err.Error(), want)
	}
	plain := errors.New("other")
	if Within(plain, "x") != plain {
		t.Fatal("Within changed a foreign error")
	}
}

func TestErrorPathIndexAndDetail(t *testing.T) {
	e := NewDetailedError(ErrUTF8, 40, 0)
	e.AddDetail("found ").AddDetailQuoted([]byte("a\"b\x01")).AddDetail(", ").AddDetailInt(-7)
	e.AddName("name").AddIndex(1).AddName("headers")
	err := Within(e, "command")
	if got, want := e.Path(), "command.headers[1].name"; got != want {
		t.Fatalf("path %q, want %q", got, want)
	}
	if got, want := e.Detail, `found "a?b?", -7`; got != want {
		t.Fatalf("detail %q, want %q", got, want)
	}
	if got, want := err.Error(), `walwire: invalid UTF-8 in command.headers[1].name at offset 40: found "a?b?", -7`; got != want {
		t.Fatalf("message %q, want %q", got, want)
	}
	var nilErr *Error
	if nilErr.AddName("x").AddIndex(1).AddDetail("y") != nil {
		t.Fatal("the Add methods on a nil *Error returned non-nil")
	}
	long := NewDetailedError(ErrTruncated, -1, 0)
	for i := 0; i < 20; i++ {
		long.AddDetail("0123456789")
		long.AddName("m")
	}
	if len(long.Detail) != maxDetail || long.Path()[:4] != "...." || strings.Count(long.Path(), "m") != maxPath {
		t.Fatalf("cut: detail %d bytes, path %q", len(long.Detail), long.Path())
	}
	long.Reset(ErrDepth, 5, 1)
	long.AddDetail("again")
	if long.Detail != "again" || long.Path() != "" || long.Error() != "walwire: nesting too deep (field 1) at offset 5: again" {
		t.Fatalf("after Reset: %q", long.Error())
	}
	plain := NewError(ErrTruncated, -1, 0).AddDetail("no ").AddDetail("room").AddIndex(math.MaxInt)
	if plain.Detail != "no room" || plain.Path() != "[2147483646]" {
		t.Fatalf("plain error: detail %q, path %q", plain.Detail, plain.Path())
	}
	if n := testing.AllocsPerRun(100, func() {
		e := NewDetailedError(ErrTruncated, 3, 2)
		e.AddDetail("x").AddDetailInt(12345).AddName("a").AddIndex(3)
		_ = Within(e, "b")
	}); n > 1 {
		t.Fatalf("building an error with a path and a detail: %v allocations, want at most 1", n)
	}
}

// TestErrorSize pins the size of the one error type, the only allocation of
// an error path (64-bit platforms): the inline path must not grow it
// unnoticed.
func TestErrorSize(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are pinned for 64-bit platforms")
	}
	if s, d := unsafe.Sizeof(Error{}), unsafe.Sizeof(detailedError{}); s != 296 || d != 416 {
		t.Fatalf("Error is %d bytes, with room for a detail %d; want 296 and 416", s, d)
	}
}
