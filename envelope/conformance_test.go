package envelope_test

// Conformance of the header codec with protobuf-go over
// proto/walwire/v2/header.proto (FORMAT.md §4, §7): our bytes decode with
// protobuf-go to the same header and protobuf-go's deterministic output
// decodes with ours to the same header, byte for byte the same; headers with
// unknown fields, repeated or merged occurrences and the FORMAT.md §7 equivalent
// forms decode with both to the same header.

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/pbconv"
	"github.com/walwire/walwire/internal/testpb"
	"github.com/walwire/walwire/wire"
)

// The conversions to and from testpb (internal/pbconv) apply the FORMAT.md §7
// equivalences: a zero U128, Keys none, Dedup none and Source unspecified are
// an absent message; an absent message, or one with no member set, reads as
// them.

// confHeaders returns headers covering every Source member, every Dedup
// member (prefix absent, "" and set; producer_id zero, hi only, lo only and
// both), kinds and codecs known and unknown, and every Keys member.
func confHeaders() []envelope.Header {
	sources := []envelope.Source{
		{},
		envelope.IngressSource(),
		envelope.ControlPlaneSource(),
		envelope.ProcessorSource(0),
		envelope.ProcessorSource(1),
		envelope.ProcessorSource(math.MaxUint64),
	}
	dedups := []envelope.Dedup{
		{},
		envelope.SelfProposal(0, 0),
		envelope.SelfProposal(3, 300),
		envelope.ForeignPartition(0, 0),
		envelope.ForeignPartition(math.MaxUint32, math.MaxUint64),
		envelope.Arbitrary(envelope.Optional[string]{}, envelope.U128{}, 0),
		envelope.Arbitrary(envelope.Optional[string]{}, envelope.U128{Hi: 1, Lo: 2}, 5),
		envelope.Arbitrary(envelope.Some(""), envelope.U128{}, 5),
		envelope.Arbitrary(envelope.Some(""), envelope.U128{Hi: math.MaxUint64}, 0),
		envelope.Arbitrary(envelope.Some("x"), envelope.U128{Lo: 7}, 9),
		envelope.Arbitrary(envelope.Some("ingress/é"), envelope.U128{Hi: math.MaxUint64, Lo: math.MaxUint64}, math.MaxUint64),
	}
	keys := []envelope.Keys{
		envelope.NoKeys(),
		envelope.SingleKey(0),
		envelope.SingleKey(math.MaxUint64),
		envelope.PairKeys(0, 0),
		envelope.PairKeys(5, 3),
		envelope.RangeKeys(0, 0),
		envelope.RangeKeys(1, math.MaxUint64),
	}
	kinds := []envelope.Kind{0, 1, 8, 21, 22, 99, 1000, math.MaxInt32}
	codecs := []envelope.Codec{0, 1, 2, 3, 4, 5, 6, 7, 99, math.MaxInt32}
	var hs []envelope.Header
	i := 0
	for _, s := range sources {
		for _, d := range dedups {
			for _, k := range keys {
				hs = append(hs, envelope.Header{
					Source: s, Dedup: d, Keys: k,
					Kind:  kinds[i%len(kinds)],
					Codec: codecs[(i/len(kinds))%len(codecs)],
				})
				i++
			}
		}
	}
	return hs
}

func deterministic(t *testing.T, m proto.Message) []byte {
	t.Helper()
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		t.Fatalf("proto.Marshal: %v", err)
	}
	return b
}

// decodeHeaderOurs decodes a Header message with ours, three ways: copying,
// and zero-copy through a whole record with envelope.Parse.
func decodeHeaderOurs(t *testing.T, b []byte) (envelope.Header, bool) {
	t.Helper()
	var h envelope.Header
	if err := h.UnmarshalBinary(b); err != nil {
		t.Errorf("UnmarshalBinary: %v\ninput % x", err, b)
		return h, false
	}
	rec := append([]byte{envelope.V2CodecByte}, protowire.AppendBytes(nil, b)...)
	rec = append(rec, 0xaa, 0xbb)
	raw, err := envelope.Parse(rec)
	if err != nil {
		t.Errorf("Parse: %v\ninput % x", err, rec)
		return h, false
	}
	if raw.Header != h {
		t.Errorf("Parse and UnmarshalBinary differ:\n Parse %+v\n Unmarshal %+v", raw.Header, h)
	}
	if !bytes.Equal(raw.Payload, []byte{0xaa, 0xbb}) {
		t.Errorf("Parse payload % x, want aa bb", raw.Payload)
	}
	return h, true
}

func decodeHeaderProtobufGo(t *testing.T, b []byte) envelope.Header {
	t.Helper()
	m := &testpb.Header{}
	if err := proto.Unmarshal(b, m); err != nil {
		t.Fatalf("proto.Unmarshal: %v\ninput % x", err, b)
	}
	return pbconv.HeaderFromPB(m)
}

func TestHeaderConformance(t *testing.T) {
	hs := confHeaders()
	for i, h := range hs {
		t.Run(fmt.Sprintf("%d", i), func(t *testing.T) {
			// The conversion itself round-trips.
			if back := pbconv.HeaderFromPB(pbconv.HeaderToPB(h)); back != h {
				t.Fatalf("conversion round trip: got %+v, want %+v", back, h)
			}
			ours, err := h.MarshalBinary()
			if err != nil {
				t.Fatalf("MarshalBinary(%v): %v", &h, err)
			}
			if len(ours) != h.Size() {
				t.Errorf("MarshalBinary wrote %d bytes, Size says %d", len(ours), h.Size())
			}
			if !bytes.Equal(h.AppendTo(nil), ours) {
				t.Errorf("AppendTo and MarshalBinary differ")
			}
			// Ours → protobuf-go.
			if got := decodeHeaderProtobufGo(t, ours); got != h {
				t.Errorf("protobuf-go reads our bytes as\n %+v\nwant\n %+v\nbytes % x", got, h, ours)
			}
			// protobuf-go → ours, and the same bytes.
			det := deterministic(t, pbconv.HeaderToPB(h))
			if !bytes.Equal(ours, det) {
				t.Errorf("our bytes differ from protobuf-go's deterministic output:\n ours     % x\n protobuf % x", ours, det)
			}
			if got, ok := decodeHeaderOurs(t, det); ok && got != h {
				t.Errorf("ours reads protobuf-go's bytes as\n %+v\nwant\n %+v\nbytes % x", got, h, det)
			}
		})
	}
	t.Logf("%d headers", len(hs))
}

// TestHeaderNegativeEnums: protobuf enums are int32, so a kind or codec
// above MaxInt32 is a negative enum number to protobuf-go, which writes it as
// a 10-byte sign-extended varint. Ours (Kind and Codec are uint32) reads that
// as the same 32 bits and writes the same 10 bytes.
func TestHeaderNegativeEnums(t *testing.T) {
	for _, v := range []int32{-1, math.MinInt32, -99} {
		m := &testpb.Header{Kind: testpb.RecordKind(v), Codec: testpb.Codec(v)}
		det := deterministic(t, m)
		want := envelope.Header{Kind: envelope.Kind(uint32(v)), Codec: envelope.Codec(uint32(v))}
		if got, ok := decodeHeaderOurs(t, det); ok && got != want {
			t.Errorf("enum %d: ours reads protobuf-go's bytes as %+v, want %+v", v, got, want)
		}
		ours := want.AppendTo(nil)
		if got := decodeHeaderProtobufGo(t, ours); got != want {
			t.Errorf("enum %d: protobuf-go reads our bytes as %+v, want %+v", v, got, want)
		}
		if !bytes.Equal(ours, det) {
			t.Errorf("enum %d: ours % x, protobuf-go % x", v, ours, det)
		}
	}
}

// hField is one field of a header message, for the rewritten headers below.
func hField(num protowire.Number, typ protowire.Type, val []byte) []byte {
	return append(protowire.AppendTag(nil, num, typ), val...)
}

func hBytes(num protowire.Number, content ...[]byte) []byte {
	return hField(num, protowire.BytesType, protowire.AppendBytes(nil, bytes.Join(content, nil)))
}

func hVarint(num protowire.Number, v uint64) []byte {
	return hField(num, protowire.VarintType, protowire.AppendVarint(nil, v))
}

// unknownHeaderFields returns unknown fields of every wire type: varint,
// fixed32, fixed64, bytes, and a group holding a nested group.
func unknownHeaderFields() []byte {
	var g []byte
	g = protowire.AppendTag(g, 1, protowire.VarintType)
	g = protowire.AppendVarint(g, 1)
	g = protowire.AppendTag(g, 2, protowire.StartGroupType)
	g = protowire.AppendTag(g, 3, protowire.Fixed64Type)
	g = protowire.AppendFixed64(g, 3)
	g = protowire.AppendTag(g, 2, protowire.EndGroupType)
	g = protowire.AppendTag(g, 100, protowire.EndGroupType)
	return bytes.Join([][]byte{
		hVarint(90, math.MaxUint64),
		hField(91, protowire.Fixed32Type, protowire.AppendFixed32(nil, 1)),
		hField(92, protowire.Fixed64Type, protowire.AppendFixed64(nil, 2)),
		hBytes(protowire.MaxValidNumber, []byte("opaque")),
		hField(100, protowire.StartGroupType, g),
	}, nil)
}

// TestHeaderRewritten: header bytes that are not what an encoder writes but
// that every conforming decoder accepts decode with ours and with protobuf-go
// to the same, expected header.
func TestHeaderRewritten(t *testing.T) {
	u := unknownHeaderFields()
	ingress := hBytes(1, hBytes(1))
	self := func(epoch, seq uint64) []byte { return hBytes(1, hVarint(1, epoch), hVarint(2, seq)) }
	cases := []struct {
		name string
		b    []byte
		want envelope.Header
	}{
		{"unknown fields around every field", bytes.Join([][]byte{
			u, hBytes(1, u, hBytes(3, u, hVarint(1, 4), u), u), u,
			hBytes(2, u, hBytes(3, u, hBytes(1, []byte("p")), u, hBytes(2, u, hVarint(1, 1), u, hVarint(2, 2), u), u, hVarint(3, 9), u), u), u,
			hVarint(3, 8), u, hVarint(4, 1), u, hBytes(5, u, hBytes(2, u, hVarint(1, 3), u, hVarint(2, 4), u), u), u,
		}, nil), envelope.Header{
			Source: envelope.ProcessorSource(4),
			Dedup:  envelope.Arbitrary(envelope.Some("p"), envelope.U128{Hi: 1, Lo: 2}, 9),
			Kind:   8, Codec: 1, Keys: envelope.PairKeys(3, 4),
		}},
		{"only unknown fields", u, envelope.Header{}},
		{"unknown fields inside empty members", bytes.Join([][]byte{
			hBytes(1, hBytes(2, u)), hBytes(2, hBytes(2, u)), hBytes(5, hBytes(3, u)),
		}, nil), envelope.Header{
			Source: envelope.ControlPlaneSource(), Dedup: envelope.ForeignPartition(0, 0), Keys: envelope.RangeKeys(0, 0),
		}},
		{"fields in reverse order", bytes.Join([][]byte{
			hBytes(5, hVarint(1, 7)), hVarint(4, 3), hVarint(3, 21), hBytes(2, self(1, 2)), ingress,
		}, nil), envelope.Header{
			Source: envelope.IngressSource(), Dedup: envelope.SelfProposal(1, 2), Kind: 21, Codec: 3, Keys: envelope.SingleKey(7),
		}},
		{"present but empty source, dedup and keys", bytes.Join([][]byte{
			hBytes(1), hBytes(2), hVarint(3, 1), hBytes(5),
		}, nil), envelope.Header{Kind: 1}},
		{"present but empty producer_id", hBytes(2, hBytes(3, hBytes(2), hVarint(3, 4))),
			envelope.Header{Dedup: envelope.Arbitrary(envelope.Optional[string]{}, envelope.U128{}, 4)}},
		{"prefix present and empty", hBytes(2, hBytes(3, hBytes(1))),
			envelope.Header{Dedup: envelope.Arbitrary(envelope.Some(""), envelope.U128{}, 0)}},
		{"kind and codec repeated: last wins", bytes.Join([][]byte{
			hVarint(3, 5), hVarint(4, 2), hVarint(3, 99), hVarint(4, 1),
		}, nil), envelope.Header{Kind: 99, Codec: 1}},
		{"source member replaced: last wins", bytes.Join([][]byte{
			hBytes(1, hBytes(3, hVarint(1, 5))), hBytes(1, hBytes(1)),
		}, nil), envelope.Header{Source: envelope.IngressSource()}},
		{"source member replaced within one message", hBytes(1, hBytes(3, hVarint(1, 5)), hBytes(2)),
			envelope.Header{Source: envelope.ControlPlaneSource()}},
		{"processor split in two occurrences: merged", bytes.Join([][]byte{
			hBytes(1, hBytes(3, hVarint(1, 5))), hBytes(1, hBytes(3)),
		}, nil), envelope.Header{Source: envelope.ProcessorSource(5)}},
		{"dedup split in two occurrences: merged", bytes.Join([][]byte{
			hBytes(2, hBytes(1, hVarint(1, 3))), hBytes(2, hBytes(1, hVarint(2, 4))),
		}, nil), envelope.Header{Dedup: envelope.SelfProposal(3, 4)}},
		{"arbitrary and producer_id split: merged", bytes.Join([][]byte{
			hBytes(2, hBytes(3, hBytes(1, []byte("a")), hBytes(2, hVarint(1, 1)))),
			hBytes(2, hBytes(3, hBytes(2, hVarint(2, 2)), hVarint(3, 3))),
		}, nil), envelope.Header{Dedup: envelope.Arbitrary(envelope.Some("a"), envelope.U128{Hi: 1, Lo: 2}, 3)}},
		{"dedup member replaced: earlier fields dropped", bytes.Join([][]byte{
			hBytes(2, hBytes(3, hBytes(1, []byte("a")), hBytes(2, hVarint(1, 1)), hVarint(3, 3))),
			hBytes(2, hBytes(2, hVarint(1, 6))),
		}, nil), envelope.Header{Dedup: envelope.ForeignPartition(6, 0)}},
		{"dedup member replaced, then the first again", bytes.Join([][]byte{
			hBytes(2, hBytes(1, hVarint(1, 3), hVarint(2, 4))),
			hBytes(2, hBytes(2, hVarint(1, 6), hVarint(2, 7))),
			hBytes(2, hBytes(1, hVarint(1, 8))),
		}, nil), envelope.Header{Dedup: envelope.SelfProposal(8, 0)}},
		{"keys member replaced: last wins", bytes.Join([][]byte{
			hBytes(5, hBytes(2, hVarint(1, 1), hVarint(2, 2))), hBytes(5, hVarint(1, 9)),
		}, nil), envelope.Header{Keys: envelope.SingleKey(9)}},
		{"keys range split: merged", bytes.Join([][]byte{
			hBytes(5, hBytes(3, hVarint(1, 1))), hBytes(5, hBytes(3, hVarint(2, 9))),
		}, nil), envelope.Header{Keys: envelope.RangeKeys(1, 9)}},
		{"keys single then pair in one message", hBytes(5, hVarint(1, 4), hBytes(2, hVarint(2, 5))),
			envelope.Header{Keys: envelope.PairKeys(0, 5)}},
		{"known numbers with other wire types are unknown", bytes.Join([][]byte{
			hVarint(1, 1), hField(3, protowire.Fixed32Type, protowire.AppendFixed32(nil, 8)), hBytes(4, []byte{1}),
			hBytes(2, hVarint(1, 1), hBytes(2, hField(1, protowire.Fixed64Type, protowire.AppendFixed64(nil, 1)))),
			hBytes(5, hBytes(1, hVarint(1, 1)), hField(2, protowire.Fixed32Type, protowire.AppendFixed32(nil, 1))),
			hBytes(1, hVarint(3, 1), hBytes(1)),
		}, nil), envelope.Header{
			Source: envelope.IngressSource(), Dedup: envelope.ForeignPartition(0, 0),
		}},
		{"overlong varints", bytes.Join([][]byte{
			{0x8a, 0x00, 0x89, 0x80, 0x00, 0x9a, 0x80, 0x00, 0x84, 0x00, 0x88, 0x00, 0x85, 0x00}, // source processor{leader_epoch: 5}
			{0x98, 0x80, 0x00, 0x95, 0x80, 0x80, 0x00},                                           // kind 21
		}, nil), envelope.Header{Source: envelope.ProcessorSource(5), Kind: 21}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := decodeHeaderProtobufGo(t, c.b); got != c.want {
				t.Fatalf("protobuf-go reads\n %+v\nwant\n %+v", got, c.want)
			}
			if got, ok := decodeHeaderOurs(t, c.b); ok && got != c.want {
				t.Errorf("ours reads\n %+v\nwant\n %+v\ninput % x", got, c.want, c.b)
			}
		})
	}
}

// TestHeaderFromRecordBytes: a whole record whose header protobuf-go wrote
// parses with envelope.Parse, whatever its kind and codec, and the payload is
// left as it is.
func TestHeaderFromRecordBytes(t *testing.T) {
	for _, h := range confHeaders()[:40] {
		payload := []byte{0x0a, 0x03, 'a', 'b', 'c'}
		rec := append([]byte{envelope.V2CodecByte}, protowire.AppendBytes(nil, deterministic(t, pbconv.HeaderToPB(h)))...)
		rec = append(rec, payload...)
		raw, err := envelope.Parse(rec)
		if err != nil {
			t.Fatalf("Parse(% x): %v", rec, err)
		}
		if raw.Header != h || !bytes.Equal(raw.Payload, payload) {
			t.Errorf("Parse(% x) = %+v, % x; want %+v, % x", rec, raw.Header, raw.Payload, h, payload)
		}
		hb, n := protowire.ConsumeBytes(rec[1:])
		if n < 0 {
			t.Fatalf("header length: %v", protowire.ParseError(n))
		}
		r := wire.NewReader(hb, wire.ZeroCopy)
		var merged envelope.Header
		if err := merged.MergeFrom(&r); err != nil || merged != h {
			t.Errorf("MergeFrom = %+v, %v; want %+v", merged, err, h)
		}
	}
}

// TestUnknownHeaderFieldsKept: a header that protobuf-go writes with fields
// this build does not know (of every wire type: varint, fixed32, fixed64,
// bytes, nested groups) goes through Parse and Raw.MarshalBinary byte for
// byte; with the header changed in between, the unknown fields still follow
// it byte for byte, as protobuf-go reads them.
func TestUnknownHeaderFieldsKept(t *testing.T) {
	u := unknownHeaderFields()
	payload := []byte{0x0a, 0x01, 'x'}
	for i, h := range confHeaders() {
		m := pbconv.HeaderToPB(h)
		m.ProtoReflect().SetUnknown(u)
		hb := deterministic(t, m)
		rec := append(protowire.AppendBytes([]byte{envelope.V2CodecByte}, hb), payload...)
		raw, err := envelope.Parse(rec)
		if err != nil || raw.Header != h {
			t.Fatalf("Parse(% x) = %v, %v; want %v", rec, raw.Header, err, h)
		}
		out, err := raw.MarshalBinary()
		if err != nil || !bytes.Equal(out, rec) || raw.Size() != len(rec) {
			t.Fatalf("header %v: re-encoded as\n% x (%v, Size %d), want\n% x", h, out, err, raw.Size(), rec)
		}
		if i%7 != 0 {
			continue
		}
		changed := raw
		changed.Header.Dedup = envelope.SelfProposal(uint64(i), 8)
		changed.Header.Kind = 1234
		out, err = changed.MarshalBinary()
		if err != nil || len(out) != changed.Size() {
			t.Fatalf("changed header %v: %v (len %d, Size %d)", changed.Header, err, len(out), changed.Size())
		}
		back, err := envelope.Parse(out)
		if err != nil || back.Header != changed.Header || !bytes.Equal(back.Payload, payload) {
			t.Fatalf("changed header %v re-encoded as % x, which parses to %v, %v", changed.Header, out, back.Header, err)
		}
		ohb, _ := protowire.ConsumeBytes(out[1:])
		var pm testpb.Header
		if err := proto.Unmarshal(ohb, &pm); err != nil {
			t.Fatal(err)
		}
		if got := pm.ProtoReflect().GetUnknown(); !bytes.Equal(got, u) {
			t.Fatalf("changed header: protobuf-go reads unknown fields\n% x, want\n% x", got, u)
		}
		if got := pbconv.HeaderFromPB(&pm); got != changed.Header {
			t.Fatalf("changed header: protobuf-go reads %v, want %v", got, changed.Header)
		}
	}

	// Unknown fields between and inside the known ones: an unchanged header
	// is written back exactly as stored.
	{
		const name = "interleaved"
		hb := bytes.Join([][]byte{
			u, hBytes(1, u, hBytes(3, u, hVarint(1, 4), u), u), u, hVarint(3, 8), u, hBytes(5, hBytes(2, hVarint(1, 3), u)), u,
		}, nil)
		rec := protowire.AppendBytes([]byte{envelope.V2CodecByte}, hb)
		raw, err := envelope.Parse(rec)
		if err != nil {
			t.Fatal(err)
		}
		if out, err := raw.MarshalBinary(); err != nil || !bytes.Equal(out, rec) {
			t.Fatalf("%s: re-encoded as % x, %v", name, out, err)
		}
		if n := testing.AllocsPerRun(100, func() { _, _ = envelope.Parse(rec) }); n != 0 {
			t.Fatalf("%s: Parse allocates %v times", name, n)
		}
		buf := make([]byte, 0, len(rec))
		if n := testing.AllocsPerRun(100, func() { buf, _ = raw.AppendBinary(buf[:0]) }); n != 0 {
			t.Fatalf("%s: AppendBinary into a large enough buffer allocates %v times", name, n)
		}
	}
}

// TestRawRefusesInvalidHeader: Raw.AppendBinary writes nothing for a header
// Parse would reject.
func TestRawRefusesInvalidHeader(t *testing.T) {
	cases := []struct {
		name string
		h    envelope.Header
		want error
	}{
		{"inverted key range", envelope.Header{Kind: 1, Keys: envelope.RangeKeys(5, 1)}, envelope.ErrInvalidValue},
		{"invalid UTF-8 prefix", envelope.Header{Dedup: envelope.Arbitrary(envelope.Some("\xc3("), envelope.U128{}, 1)}, wire.ErrUTF8},
		{"unknown source member", envelope.Header{Source: envelope.Source{Kind: 9}}, envelope.ErrInvalidValue},
		{"unknown dedup member", envelope.Header{Dedup: envelope.Dedup{Kind: 9}}, envelope.ErrInvalidValue},
	}
	for _, c := range cases {
		raw := envelope.Raw{Header: c.h, Payload: []byte{1}}
		out, err := raw.AppendBinary([]byte("keep"))
		if !errors.Is(err, c.want) || string(out) != "keep" || !strings.Contains(err.Error(), "header") {
			t.Errorf("%s: got % x, %v; want %v and nothing written", c.name, out, err, c.want)
		}
		if b, err := raw.MarshalBinary(); b != nil || !errors.Is(err, c.want) {
			t.Errorf("%s: MarshalBinary = % x, %v", c.name, b, err)
		}
	}
}
