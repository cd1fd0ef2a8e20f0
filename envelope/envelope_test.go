package envelope_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/wire"
)

// note is a payload type of this test only: the envelope knows no concrete
// kind. note { uint64 key = 1; string text = 2 (req); }
type note struct {
	Key  uint64
	Text string
}

const kindNote envelope.Kind = 1000

func init() {
	envelope.RegisterKind(kindNote, "Note", func() envelope.Decodable { return new(note) })
}

func (n *note) Kind() envelope.Kind   { return kindNote }
func (n *note) Codec() envelope.Codec { return envelope.CodecProtobuf }
func (n *note) Keys() envelope.Keys   { return envelope.SingleKey(n.Key) }
func (n *note) Size() int {
	size := 0
	if n.Key != 0 {
		size += 1 + wire.SizeVarint(n.Key)
	}
	if n.Text != "" {
		size += 1 + wire.SizeBytes(len(n.Text))
	}
	return size
}
func (n *note) AppendTo(b []byte) []byte {
	if n.Key != 0 {
		b = wire.AppendVarint(wire.AppendTag(b, 1, wire.VarintType), n.Key)
	}
	if n.Text != "" {
		b = wire.AppendString(wire.AppendTag(b, 2, wire.BytesType), n.Text)
	}
	return b
}
func (n *note) Validate() error {
	if n.Text == "" {
		return envelope.MissingField("text")
	}
	if !utf8.ValidString(n.Text) {
		return wire.Within(wire.NewError(wire.ErrUTF8, -1, 2), "text")
	}
	return nil
}
func (n *note) UnmarshalPayload(b []byte, mode wire.Mode) error {
	*n = note{}
	r := wire.NewReader(b, mode)
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint64(&n.Key)
		case 2:
			r.String(&n.Text)
		}
	}
	if err := r.Err(); err != nil {
		return err
	}
	if n.Text == "" {
		return envelope.MissingField("text")
	}
	return nil
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHeaderBytes(t *testing.T) {
	cases := []struct {
		h    envelope.Header
		want string
	}{
		{envelope.Header{}, ""},
		{envelope.Header{Source: envelope.IngressSource()}, "0a02 0a00"},
		{envelope.Header{Source: envelope.ControlPlaneSource()}, "0a02 1200"},
		{envelope.Header{Source: envelope.ProcessorSource(0)}, "0a02 1a00"},
		{envelope.Header{Source: envelope.ProcessorSource(5)}, "0a04 1a02 0805"},
		{envelope.Header{Kind: 8, Codec: envelope.CodecProtobuf}, "1808 2001"},
		{envelope.Header{Dedup: envelope.SelfProposal(0, 0)}, "1202 0a00"},
		{envelope.Header{Dedup: envelope.SelfProposal(3, 9)}, "1206 0a04 0803 1009"},
		{envelope.Header{Dedup: envelope.ForeignPartition(7, 1)}, "1206 1204 0807 1001"},
		{envelope.Header{Dedup: envelope.Arbitrary(envelope.Some(""), envelope.U128{}, 0)}, "1204 1a02 0a00"},
		{envelope.Header{Dedup: envelope.Arbitrary(envelope.Optional[string]{}, envelope.U128{Hi: 1, Lo: 2}, 4)}, "120a 1a08 1204 0801 1002 1804"},
		{envelope.Header{Keys: envelope.SingleKey(0)}, "2a02 0800"},
		{envelope.Header{Keys: envelope.PairKeys(1, 0)}, "2a04 1202 0801"},
		{envelope.Header{Keys: envelope.RangeKeys(0, 0)}, "2a02 1a00"},
	}
	for _, c := range cases {
		got := c.h.AppendTo(nil)
		if want := unhex(t, c.want); !bytes.Equal(got, want) {
			t.Errorf("%v: got % x, want % x", c.h.String(), got, want)
		}
		if c.h.Size() != len(got) {
			t.Errorf("%v: Size %d, wrote %d", c.h.String(), c.h.Size(), len(got))
		}
		var back envelope.Header
		if err := back.UnmarshalBinary(got); err != nil || back != c.h {
			t.Errorf("%v: read back %v, %v", c.h.String(), back.String(), err)
		}
	}
}

func TestHeaderEquivalences(t *testing.T) {
	// A present but empty dedup, U128, keys or source reads as absent.
	for _, in := range []string{"1200" /* an empty dedup */, "0a00", "2a00", "1204 1a02 1200"} {
		var h envelope.Header
		if err := h.UnmarshalBinary(unhex(t, in)); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		switch in {
		case "1204 1a02 1200":
			if h.Dedup != envelope.Arbitrary(envelope.Optional[string]{}, envelope.U128{}, 0) {
				t.Errorf("%s: %v", in, h.Dedup)
			}
		default:
			if h != (envelope.Header{}) {
				t.Errorf("%s: %v", in, h.String())
			}
		}
	}
	// Field numbers are compared whole: 259 and 257 are unknown fields, not
	// the members 3 and 1 that their low byte would name.
	var odd envelope.Header
	in := wire.AppendBytes(wire.AppendTag(nil, 1, wire.BytesType), wire.AppendBytes(wire.AppendTag(nil, 259, wire.BytesType), nil))
	in = wire.AppendBytes(wire.AppendTag(in, 2, wire.BytesType), wire.AppendBytes(wire.AppendTag(nil, 257, wire.BytesType), nil))
	if err := odd.UnmarshalBinary(in); err != nil || odd != (envelope.Header{}) {
		t.Errorf("fields 259 and 257: %v, %v", odd.String(), err)
	}
	// Last member wins; a member seen twice merges.
	var h envelope.Header
	if err := h.UnmarshalBinary(unhex(t, "0a02 0a00 0a04 1a02 0805 0a02 1a00")); err != nil {
		t.Fatal(err)
	}
	if h.Source != envelope.ProcessorSource(5) {
		t.Fatalf("source %v, want processor(5)", h.Source)
	}
}

func TestKeysMatch(t *testing.T) {
	none, single0, single5 := envelope.NoKeys(), envelope.SingleKey(0), envelope.SingleKey(5)
	pair, rng := envelope.PairKeys(3, 9), envelope.RangeKeys(10, 20)
	cases := []struct {
		k    envelope.Keys
		f    envelope.KeyFilter
		want bool
	}{
		{none, envelope.AnyKey(), true},
		{none, envelope.IncludeKey(1), true},
		{none, envelope.WithinKeys(1, 2), true},
		{none, envelope.WithinKeys(2, 1), false},
		{single5, envelope.WithinKeys(9, 1), false},
		{single5, envelope.AnyKey(), true},
		{single0, envelope.IncludeKey(0), true},
		{single0, envelope.IncludeKey(1), false},
		{single5, envelope.WithinKeys(5, 5), true},
		{single5, envelope.WithinKeys(6, 9), false},
		{pair, envelope.IncludeKey(9), true},
		{pair, envelope.IncludeKey(3), true},
		{pair, envelope.IncludeKey(4), false},
		{pair, envelope.WithinKeys(4, 8), false},
		{pair, envelope.WithinKeys(8, 100), true},
		{rng, envelope.IncludeKey(10), true},
		{rng, envelope.IncludeKey(20), true},
		{rng, envelope.IncludeKey(21), false},
		{rng, envelope.WithinKeys(0, 10), true},
		{rng, envelope.WithinKeys(20, 30), true},
		{rng, envelope.WithinKeys(12, 13), true},
		{rng, envelope.WithinKeys(0, 9), false},
		{rng, envelope.WithinKeys(21, 30), false},
	}
	for _, c := range cases {
		if got := c.k.Matches(c.f); got != c.want {
			t.Errorf("%v matches %+v: got %v, want %v", c.k, c.f, got, c.want)
		}
	}
}

func TestRecordRoundTrip(t *testing.T) {
	rec := envelope.Record{Source: envelope.ProcessorSource(2), Dedup: envelope.ForeignPartition(3, 4), Payload: &note{Key: 42, Text: "héllo"}}
	b, err := rec.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != rec.Size() || cap(b) != len(b) {
		t.Fatalf("len %d cap %d, Size %d", len(b), cap(b), rec.Size())
	}
	if b[0] != 0x07 {
		t.Fatalf("codec byte %#x", b[0])
	}
	raw, err := envelope.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	want := envelope.Header{Source: rec.Source, Dedup: rec.Dedup, Kind: kindNote, Codec: envelope.CodecProtobuf, Keys: envelope.SingleKey(42)}
	if raw.Header != want {
		t.Fatalf("header %v, want %v", raw.Header.String(), want.String())
	}
	for _, zeroCopy := range []bool{false, true} {
		var n note
		if zeroCopy {
			err = raw.DecodeZeroCopy(&n)
		} else {
			err = raw.Decode(&n)
		}
		if err != nil || n != (note{Key: 42, Text: "héllo"}) {
			t.Fatalf("zeroCopy=%v: %+v, %v", zeroCopy, n, err)
		}
	}
	if again, err := raw.MarshalBinary(); err != nil || !bytes.Equal(again, b) {
		t.Fatalf("Raw re-encodes to % x, want % x", again, b)
	}
	var copied envelope.Raw
	if err := copied.UnmarshalBinary(b); err != nil || copied.Header != want {
		t.Fatalf("UnmarshalBinary: %v %v", copied.Header.String(), err)
	}
	b[len(b)-1] ^= 0xff
	if bytes.Equal(copied.Payload, raw.Payload) {
		t.Fatal("UnmarshalBinary's Raw aliases its input")
	}
}

func TestPooledMarshalExactCapacity(t *testing.T) {
	rec := envelope.Record{Source: envelope.IngressSource(), Payload: &note{Key: 7, Text: strings.Repeat("x", 3000)}}
	buf, err := rec.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Put(buf)
	if len(buf.B) != rec.Size() {
		t.Fatalf("wrote %d bytes, Size %d", len(buf.B), rec.Size())
	}
	// The buffer was taken with the record's size: writing did not grow it.
	fresh := pool.Get(rec.Size())
	wantCap := cap(fresh.B)
	pool.Put(fresh)
	if cap(buf.B) < len(buf.B) || (cap(buf.B) != wantCap && cap(buf.B) != len(buf.B)) {
		t.Fatalf("cap %d: not the capacity pool.Get(%d) gives (%d)", cap(buf.B), rec.Size(), wantCap)
	}
}

func TestNoAllocations(t *testing.T) {
	if pool.DebugEnabled {
		t.Skip("the walwiredebug pool tracks buffers, allocating")
	}
	rec := envelope.Record{Source: envelope.ProcessorSource(1), Dedup: envelope.SelfProposal(1, 2), Payload: &note{Key: 7, Text: "text"}}
	b, _ := rec.MarshalBinary()
	var n note
	allocs := testing.AllocsPerRun(200, func() {
		buf, err := rec.Marshal()
		if err != nil {
			panic(err)
		}
		before := cap(buf.B)
		buf.B = buf.B[:0]
		buf.B = rec.AppendUnchecked(buf.B)
		if cap(buf.B) != before {
			panic("grew")
		}
		pool.Put(buf)
		raw, err := envelope.Parse(b)
		if err != nil {
			panic(err)
		}
		if err := raw.DecodeZeroCopy(&n); err != nil {
			panic(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("pooled encode + parse + zero-copy decode: %v allocs", allocs)
	}
}

// deepGroups returns a record whose header nests n groups.
func deepGroups(n int) []byte {
	var h []byte
	for i := 0; i < n; i++ {
		h = wire.AppendTag(h, 9, wire.StartGroupType)
	}
	for i := 0; i < n; i++ {
		h = wire.AppendTag(h, 9, wire.EndGroupType)
	}
	return append(wire.AppendBytes([]byte{0x07}, h), 'p')
}

// parseErrorCase is a malformed stored record and the error class Parse
// gives it, with a part of the message that says where.
type parseErrorCase struct {
	name string
	in   []byte
	want error
	text string
}

// parseErrorCases returns one input of every error class of Parse (and of
// the classes of wire that reach it through the header).
func parseErrorCases(t testing.TB) []parseErrorCase {
	return []parseErrorCase{
		{"empty", nil, wire.ErrTruncated, "truncated"},
		{"unknown codec byte", []byte{0x42, 0}, envelope.ErrUnknownCodec, "0x42"},
		{"v1 codec byte", []byte{0x05, '{', '}'}, envelope.ErrUnknownCodec, "0x05"},
		{"no header length", []byte{0x07}, wire.ErrTruncated, "header"},
		{"header length beyond input", []byte{0x07, 0x05, 0x0a, 0x00}, wire.ErrTruncated, "header"},
		{"header length overflows", unhex(t, "07 ffffffffffffffffff7f"), wire.ErrOverflow, "header"},
		{"truncated header", []byte{0x07, 0x02, 0x0a, 0x05}, wire.ErrTruncated, "header"},
		{"bad field number in header", []byte{0x07, 0x02, 0x00, 0x00}, wire.ErrFieldNumber, "header"},
		{"bad wire type in header", []byte{0x07, 0x02, 0x0f, 0x00}, wire.ErrWireType, "header"},
		{"end group without start", []byte{0x07, 0x01, 0x0c}, wire.ErrGroup, "header"},
		{"group never ended", []byte{0x07, 0x01, 0x0b}, wire.ErrTruncated, "header"},
		{"invalid UTF-8 prefix", unhex(t, "07 08 1206 1a04 0a02 c328"), wire.ErrUTF8, "header.dedup.arbitrary"},
		{"inverted key range", unhex(t, "07 08 2a06 1a04 0805 1001"), envelope.ErrInvalidValue, "header.keys"},
		{"inverted key range after unknown field", unhex(t, "07 0a 3001 2a06 1a04 0805 1001"), envelope.ErrInvalidValue, "header.keys"},
		{"truncated source member", unhex(t, "07 04 0a02 1a05"), wire.ErrTruncated, "header.source"},
		{"truncated keys", unhex(t, "07 04 2a02 1a05"), wire.ErrTruncated, "header.keys"},
		{"depth exceeded", deepGroups(wire.DefaultMaxDepth + 1), wire.ErrDepth, "header"},
	}
}

func TestParseErrors(t *testing.T) {
	good, _ := (&envelope.Record{Payload: &note{Text: "x"}}).MarshalBinary()
	for _, c := range parseErrorCases(t) {
		t.Run(c.name, func(t *testing.T) {
			raw, err := envelope.Parse(c.in)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.text) {
				t.Fatalf("%q does not name %q", err.Error(), c.text)
			}
			if raw.Payload != nil {
				t.Fatalf("a failed Parse returns a payload: % x", raw.Payload)
			}
		})
	}
	if _, err := envelope.Parse(deepGroups(wire.DefaultMaxDepth)); err != nil {
		t.Fatalf("depth %d: %v", wire.DefaultMaxDepth, err)
	}
	if _, err := envelope.Parse(good); err != nil {
		t.Fatal(err)
	}
}

// TestPayloadCapped: appending to a parsed payload never overwrites the bytes
// after the record (here: the next record of a segment).
func TestPayloadCapped(t *testing.T) {
	first, _ := (&envelope.Record{Payload: &note{Key: 1, Text: "first"}}).MarshalBinary()
	second, _ := (&envelope.Record{Payload: &note{Key: 2, Text: "second"}}).MarshalBinary()
	segment := append(append([]byte(nil), first...), second...)
	raw, err := envelope.Parse(segment[:len(first)])
	if err != nil {
		t.Fatal(err)
	}
	if cap(raw.Payload) != len(raw.Payload) {
		t.Fatalf("payload: len %d, cap %d", len(raw.Payload), cap(raw.Payload))
	}
	_ = append(raw.Payload, 0xff, 0xff, 0xff, 0xff)
	if !bytes.Equal(segment[len(first):], second) {
		t.Fatalf("the next record was overwritten: % x", segment[len(first):])
	}
}

func TestForwardCompatibility(t *testing.T) {
	// Kind 99, codec 42, unknown varint and group fields, and an opaque payload.
	hdr := envelope.Header{Source: envelope.IngressSource(), Kind: 99, Codec: 42}
	h := hdr.AppendTo(nil)
	h = wire.AppendVarint(wire.AppendTag(h, 6, wire.VarintType), 1)
	h = wire.AppendTag(h, 7, wire.StartGroupType)
	h = wire.AppendFixed32(wire.AppendTag(h, 1, wire.Fixed32Type), 0x04030201)
	h = wire.AppendTag(h, 7, wire.EndGroupType)
	rec := append(wire.AppendBytes([]byte{0x07}, h), "opaque payload"...)
	raw, err := envelope.Parse(rec)
	if err != nil {
		t.Fatal(err)
	}
	if raw.Header != hdr || string(raw.Payload) != "opaque payload" {
		t.Fatalf("got %v %q", raw.Header.String(), raw.Payload)
	}
	err = raw.Decode(&note{})
	var ee *wire.Error
	if !errors.Is(err, envelope.ErrKindMismatch) || !errors.As(err, &ee) || !strings.HasPrefix(ee.Detail, "record kind 99, payload type kind ") || !strings.Contains(err.Error(), "kind 99") {
		t.Fatalf("typed decode of kind 99: %v", err)
	}
	raw.Header.Kind = kindNote
	if err := raw.Decode(&note{}); !errors.Is(err, envelope.ErrUnsupportedCodec) || !strings.Contains(err.Error(), "codec 42 for kind ") {
		t.Fatalf("typed decode of codec 42: %v", err)
	}
}

func TestEncoderRefuses(t *testing.T) {
	cases := []struct {
		rec  envelope.Record
		want error
	}{
		{envelope.Record{Payload: &note{}}, envelope.ErrMissingField},
		{envelope.Record{Payload: &note{Text: "\xff"}}, wire.ErrUTF8},
		{envelope.Record{Dedup: envelope.Arbitrary(envelope.Some("\xc3("), envelope.U128{}, 1), Payload: &note{Text: "x"}}, wire.ErrUTF8},
		{envelope.Record{}, envelope.ErrMissingField},
	}
	for _, c := range cases {
		prefix := []byte("keep")
		out, err := c.rec.AppendBinary(prefix)
		if !errors.Is(err, c.want) || string(out) != "keep" {
			t.Errorf("%+v: got %q, %v; want %v and nothing written", c.rec, out, err, c.want)
		}
		if buf, err := c.rec.Marshal(); buf != nil || !errors.Is(err, c.want) {
			t.Errorf("Marshal: got %v, %v", buf, err)
		}
	}
	// Without a payload the unchecked paths do not panic either.
	empty := envelope.Record{Source: envelope.IngressSource()}
	if got := empty.AppendUnchecked(nil); empty.Size() != len(got) || !bytes.Equal(got, unhex(t, "07 04 0a02 0a00")) {
		t.Errorf("record without payload: % x (Size %d)", got, empty.Size())
	}
	var h envelope.Header
	h.Keys = envelope.RangeKeys(5, 1)
	if _, err := h.MarshalBinary(); !errors.Is(err, envelope.ErrInvalidValue) {
		t.Errorf("inverted range: %v", err)
	}
}

// TestErrorsAllocateAtMostOnce: every error class of Parse costs at most one
// allocation (the error itself).
func TestErrorsAllocateAtMostOnce(t *testing.T) {
	for _, c := range parseErrorCases(t) {
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := envelope.Parse(c.in); err == nil {
				panic("accepted")
			}
		})
		if allocs > 1 {
			t.Errorf("%s (% x): %v allocs on the error path", c.name, c.in, allocs)
		}
	}
}

func TestStrings(t *testing.T) {
	h := envelope.Header{Source: envelope.ProcessorSource(3), Dedup: envelope.Arbitrary(envelope.Some("p"), envelope.U128{Lo: 1}, 9), Kind: kindNote, Codec: envelope.CodecProtobuf, Keys: envelope.RangeKeys(1, 5)}
	want := `Note source=processor(3) dedup=arbitrary(prefix "p", producer 00000000000000000000000000000001, seq 9) keys=range(1..5) codec=Protobuf`
	if got := h.String(); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	var sb strings.Builder
	slog.New(slog.NewTextHandler(&sb, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}})).Info("rec", "h", h)
	if got := sb.String(); !strings.Contains(got, "h.kind=Note h.source=processor(3)") || !strings.Contains(got, "h.keys=range(1..5)") {
		t.Fatalf("slog: %s", got)
	}
	if s := envelope.SelfProposal(1, 2).String(); s != "self_proposal(epoch 1, seq 2)" {
		t.Fatal(s)
	}
	if s := envelope.Codec(7).String(); s != "Custom" {
		t.Fatal(s)
	}
}

// TestKindAndCodecErrors: the kinds and codec of a refused typed decode are in
// the one error type's detail, exactly; each such error is one allocation.
func TestKindAndCodecErrors(t *testing.T) {
	raw := envelope.Raw{Header: envelope.Header{Kind: kindNote, Codec: envelope.CodecFlexbuffers}}
	wrongKind := envelope.Raw{Header: envelope.Header{Kind: 8, Codec: envelope.CodecProtobuf}}
	_, unknownKind := envelope.NewPayload(23)
	in, into := []byte{0x09, 0}, &note{} // built once: the closures below allocate only the error
	cases := []struct {
		name   string
		err    func() error
		class  error
		offset int64
		detail string
		msg    string
	}{
		{"unknown codec byte", func() error { _, err := envelope.Parse(in); return err }, envelope.ErrUnknownCodec, 0, "0x09",
			"walwire: unknown codec byte at offset 0: 0x09"},
		{"unsupported codec", func() error { return raw.Decode(into) }, envelope.ErrUnsupportedCodec, -1, "codec Flexbuffers (2) for kind Note (1000)",
			"walwire: unsupported payload codec: codec Flexbuffers (2) for kind Note (1000)"},
		{"kind mismatch", func() error { return wrongKind.Decode(into) }, envelope.ErrKindMismatch, -1, "record kind Invoke (8), payload type kind Note (1000)",
			"walwire: record kind mismatch: record kind Invoke (8), payload type kind Note (1000)"},
		{"unknown kind", func() error { return unknownKind }, envelope.ErrUnknownKind, -1, "kind 23",
			"walwire: unknown record kind: kind 23"},
	}
	for _, c := range cases {
		err := c.err()
		var we *wire.Error
		if !errors.Is(err, c.class) || !errors.As(err, &we) || we.Offset != c.offset || we.Detail != c.detail || err.Error() != c.msg {
			t.Errorf("%s: %v (offset %d, detail %q)", c.name, err, we.Offset, we.Detail)
		}
		if n := testing.AllocsPerRun(100, func() { _ = c.err() }); n > 1 {
			t.Errorf("%s: %v allocations, want at most 1", c.name, n)
		}
	}
	if _, err := envelope.NewPayload(23); !errors.Is(err, envelope.ErrUnknownKind) {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = envelope.NewPayload(23) }); n > 1 {
		t.Errorf("NewPayload(23): %v allocations, want at most 1", n)
	}
}
