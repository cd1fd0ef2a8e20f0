package fuzz

// FuzzEnvelopeParse: envelope.Parse and Raw on arbitrary bytes (FORMAT.md §3–§4 and FUZZING.md).

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/pbconv"
	"github.com/walwire/walwire/internal/testpb"
	"github.com/walwire/walwire/wire"
)

// wireClasses are the error classes of package wire.
var wireClasses = []error{
	wire.ErrTruncated, wire.ErrOverflow, wire.ErrFieldNumber, wire.ErrWireType,
	wire.ErrGroup, wire.ErrDepth, wire.ErrUTF8,
}

func isOneOf(err error, classes ...error) bool {
	for _, c := range classes {
		if errors.Is(err, c) {
			return true
		}
	}
	return false
}

// FuzzEnvelopeParse checks, on arbitrary bytes:
//   - Parse never panics, and fails only with a documented class: a wire
//     class, ErrUnknownCodec (naming the first byte, when it is not 0x07) or
//     ErrInvalidValue (an inverted key range in the header);
//   - what parses is valid (Header.Validate), its payload is the tail of the
//     input, aliased; Raw.UnmarshalBinary reads the same, copied;
//   - what parses re-encodes (Raw.MarshalBinary, of exactly Raw.Size bytes)
//     to bytes that parse to the same Raw (header equal, payload equal), and
//     re-encoding those is byte-stable; the header's unknown fields, as
//     protobuf-go sees them, are kept byte for byte, also when the header
//     was changed before re-encoding;
//   - the header agrees with protobuf-go's generated Header (proto.Unmarshal
//     of the same header bytes): same accept/reject and the same value, but
//     for the deliberate differences, each checked narrowly (see below);
//   - bounded memory: Parse allocates at most memSlack + 16×len(input).
func FuzzEnvelopeParse(f *testing.F) {
	for _, in := range envelopeSeeds() {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var raw envelope.Raw
		var err error
		checkAlloc(t, "envelope.Parse", len(in), 16, func() { raw, err = envelope.Parse(in) })

		var raw2 envelope.Raw
		err2 := raw2.UnmarshalBinary(in)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("Parse(%x): %v; Raw.UnmarshalBinary: %v", in, err, err2)
		}
		pbDiff(t, in, raw, err)
		if err != nil {
			_ = err.Error()
			switch {
			case len(in) == 0:
				if !errors.Is(err, wire.ErrTruncated) {
					t.Fatalf("Parse(empty): want truncated, got %v", err)
				}
			case in[0] != envelope.V2CodecByte:
				var ee *wire.Error
				if !errors.Is(err, envelope.ErrUnknownCodec) || !errors.As(err, &ee) || ee.Detail != fmt.Sprintf("0x%02x", in[0]) || ee.Offset != 0 {
					t.Fatalf("Parse(%x): want unknown codec 0x%02x, got %v", in, in[0], err)
				}
			default:
				if !isOneOf(err, append(wireClasses, envelope.ErrInvalidValue)...) {
					t.Fatalf("Parse(%x): undocumented error class: %v", in, err)
				}
			}
			return
		}

		h := raw.Header
		_ = h.String()
		_ = h.LogValue().String()
		if err := h.Validate(); err != nil {
			t.Fatalf("Parse(%x): the header parsed but does not validate: %v", in, err)
		}
		if !bytes.Equal(raw.Payload, in[len(in)-len(raw.Payload):]) || (len(raw.Payload) > 0 && &raw.Payload[0] != &in[len(in)-len(raw.Payload)]) {
			t.Fatalf("Parse(%x): the payload is not the aliased tail of the input", in)
		}
		if !reflect.DeepEqual(raw2.Header, h) || !bytes.Equal(raw2.Payload, raw.Payload) {
			t.Fatalf("Parse(%x) = %v; UnmarshalBinary = %v", in, raw, raw2)
		}
		if len(raw2.Payload) > 0 && &raw2.Payload[0] == &raw.Payload[0] {
			t.Fatalf("Raw.UnmarshalBinary(%x) aliases its input", in)
		}

		enc, err := raw.MarshalBinary()
		if err != nil {
			t.Fatalf("Parse(%x): the Raw parsed but does not re-encode: %v", in, err)
		}
		if len(enc) != raw.Size() {
			t.Fatalf("Parse(%x): MarshalBinary wrote %d bytes, Size says %d", in, len(enc), raw.Size())
		}
		checkUnknownKept(t, in, enc)
		changed := raw
		changed.Header.Kind ^= 1
		enc2, err := changed.MarshalBinary()
		if err != nil {
			t.Fatalf("Parse(%x), kind changed: %v", in, err)
		}
		checkUnknownKept(t, in, enc2)
		back, err := envelope.Parse(enc)
		if err != nil {
			t.Fatalf("Parse(%x) re-encoded as %x, which does not parse: %v", in, enc, err)
		}
		if !reflect.DeepEqual(back.Header, h) || !bytes.Equal(back.Payload, raw.Payload) {
			t.Fatalf("Parse(%x): header %v payload %x; re-encoded %x parses to %v %x", in, &h, raw.Payload, enc, &back.Header, back.Payload)
		}
		if again, _ := back.MarshalBinary(); !bytes.Equal(again, enc) {
			t.Fatalf("Parse(%x): re-encoding is not stable: %x then %x", in, enc, again)
		}
		hb, err := h.MarshalBinary()
		if err != nil {
			t.Fatalf("Parse(%x): Header.MarshalBinary: %v", in, err)
		}
		var h2 envelope.Header
		if err := h2.UnmarshalBinary(hb); err != nil || !reflect.DeepEqual(h2, h) {
			t.Fatalf("Parse(%x): header %v marshals to %x, which reads %v (%v)", in, &h, hb, &h2, err)
		}
	})
}

// checkUnknownKept fails unless the top-level unknown fields of the headers
// of the records in and out are the same bytes, as protobuf-go reads them.
func checkUnknownKept(t *testing.T, in, out []byte) {
	t.Helper()
	unknown := func(rec []byte) []byte {
		hb, n := protowire.ConsumeBytes(rec[1:])
		var m testpb.Header
		if n < 0 || proto.Unmarshal(hb, &m) != nil {
			return nil
		}
		return m.ProtoReflect().GetUnknown()
	}
	if u, v := unknown(in), unknown(out); !bytes.Equal(u, v) {
		t.Fatalf("Parse(%x) re-encoded as %x: unknown header fields %x became %x", in, out, u, v)
	}
}

// pbDiff compares our header decode with protobuf-go's for a v2 record's
// header bytes. The deliberate differences, each allowed only where it
// applies:
//   - an inverted key range (start > end) is ErrInvalidValue for us (FORMAT.md §6),
//     a value for protobuf-go;
//   - messages and groups nested more than 100 levels are ErrDepth for us;
//     protobuf-go allows 10000;
//   - a field number above 2^29-1 inside a group of an unknown field is
//     ErrFieldNumber for us; protobuf-go skips unknown groups with
//     protowire.ConsumeFieldValue, which accepts numbers up to MaxInt32 (at
//     the top level of a message it rejects them as we do).
func pbDiff(t *testing.T, in []byte, raw envelope.Raw, err error) {
	t.Helper()
	if len(in) == 0 || in[0] != envelope.V2CodecByte {
		return
	}
	hb, n := protowire.ConsumeBytes(in[1:])
	if n < 0 {
		if err == nil {
			t.Fatalf("Parse(%x): the header's length is bad (%v), yet it parses", in, protowire.ParseError(n))
		}
		return
	}
	var m testpb.Header
	perr := proto.Unmarshal(hb, &m)
	switch {
	case perr != nil && err != nil:
		return
	case perr != nil:
		t.Fatalf("Parse(%x): we read header %v, protobuf-go rejects it: %v", in, &raw.Header, perr)
	case err != nil:
		if errors.Is(err, envelope.ErrInvalidValue) {
			if s, e := m.GetKeys().GetRangeInclusive().GetStart(), m.GetKeys().GetRangeInclusive().GetEnd(); m.GetKeys().GetRangeInclusive() != nil && s > e {
				return // deliberate: an inverted range
			}
		}
		if errors.Is(err, wire.ErrDepth) && nesting(hb) >= wire.DefaultMaxDepth {
			return // deliberate: our depth limit
		}
		if errors.Is(err, wire.ErrFieldNumber) && bigNumberInGroup(hb, 0) {
			return // deliberate: a field number above 2^29-1 in an unknown group
		}
		t.Fatalf("Parse(%x): protobuf-go reads header %v, we reject it: %v", in, &m, err)
	default:
		if want := pbconv.HeaderFromPB(&m); !reflect.DeepEqual(raw.Header, want) {
			t.Fatalf("Parse(%x): header %v, protobuf-go reads %v", in, &raw.Header, &want)
		}
	}
}

// nesting returns how deeply b nests, read as a message: groups, and bytes
// fields that read as messages, count one level each.
func nesting(b []byte) int {
	deepest := 0
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return deepest
		}
		b = b[n:]
		m := protowire.ConsumeFieldValue(num, typ, b)
		if m < 0 {
			// A group may be too deep for protowire too; count its start tags.
			if typ == protowire.StartGroupType {
				return max(deepest, 1+nesting(b))
			}
			return deepest
		}
		switch typ {
		case protowire.BytesType:
			v, _ := protowire.ConsumeBytes(b)
			deepest = max(deepest, 1+nesting(v))
		case protowire.StartGroupType:
			v, _ := protowire.ConsumeGroup(num, b)
			deepest = max(deepest, 1+nesting(v))
		}
		b = b[m:]
	}
	return deepest
}

// bigNumberInGroup reports whether b, read as a message, holds (in a group,
// or in a group within a bytes field read as a message) a field number above
// 2^29-1.
func bigNumberInGroup(b []byte, inGroup int) bool {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return false
		}
		if num > protowire.MaxValidNumber && inGroup > 0 {
			return true
		}
		b = b[n:]
		if typ == protowire.StartGroupType && bigNumberInGroup(b, inGroup+1) {
			return true
		}
		if typ == protowire.EndGroupType {
			if inGroup > 0 {
				return false
			}
			continue
		}
		m := protowire.ConsumeFieldValue(num, typ, b)
		if m < 0 {
			return false
		}
		if typ == protowire.BytesType {
			if v, _ := protowire.ConsumeBytes(b); bigNumberInGroup(v, 0) {
				return true
			}
		}
		b = b[m:]
	}
	return false
}

// envelopeSeeds are v2 records built by hand and with protobuf-go (every
// header member, unknown fields, odd codecs and kinds), edge layouts, and
// the golden corpus and samples.
func envelopeSeeds() [][]byte {
	rec := func(h *testpb.Header, payload []byte) []byte {
		hb, err := proto.MarshalOptions{Deterministic: true}.Marshal(h)
		if err != nil {
			panic(err)
		}
		b := protowire.AppendBytes([]byte{envelope.V2CodecByte}, hb)
		return append(b, payload...)
	}
	prefix := "p"
	ins := [][]byte{
		{}, {0x07}, {0x05, '{', '}'}, {0x00}, {0xff}, {0x07, 0x00}, {0x07, 0x01}, {0x07, 0x80},
		{0x07, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
		{0x07, 0x02, 0x0a, 0x00, 0x01, 0x02},
		{0x07, 0x04, 0x0a, 0x02, 0x1a, 0x00},                         // processor{}
		{0x07, 0x06, 0x2a, 0x04, 0x1a, 0x02, 0x08, 0x05},             // keys range(5..0): inverted
		{0x07, 0x08, 0x12, 0x06, 0x1a, 0x04, 0x0a, 0x02, 0xc3, 0x28}, // invalid UTF-8 prefix
		{0x07, 0x04, 0x18, 0x08, 0x20, 0x01, 0x0a, 0x00},             // Invoke, protobuf, payload 0a 00
		rec(&testpb.Header{}, nil),
		rec(&testpb.Header{Source: &testpb.Source{Member: &testpb.Source_Ingress{Ingress: &testpb.Empty{}}}, Kind: 8, Codec: 1}, []byte{0x0a, 0x00}),
		rec(&testpb.Header{Source: &testpb.Source{Member: &testpb.Source_ControlPlane{ControlPlane: &testpb.Empty{}}}, Kind: 21, Codec: 3}, []byte("opaque")),
		rec(&testpb.Header{
			Source: &testpb.Source{Member: &testpb.Source_Processor{Processor: &testpb.Processor{LeaderEpoch: 7}}},
			Dedup:  &testpb.Dedup{Member: &testpb.Dedup_SelfProposal_{SelfProposal: &testpb.Dedup_SelfProposal{LeaderEpoch: 3, Seq: 9}}},
			Kind:   1, Codec: 1,
			Keys: &testpb.Keys{Member: &testpb.Keys_RangeInclusive_{RangeInclusive: &testpb.Keys_RangeInclusive{Start: 1, End: 1 << 40}}},
		}, []byte{0x08, 0x01}),
		rec(&testpb.Header{
			Dedup: &testpb.Dedup{Member: &testpb.Dedup_ForeignPartition_{ForeignPartition: &testpb.Dedup_ForeignPartition{Partition: 3, Seq: 42}}},
			Kind:  9, Codec: 1, Keys: &testpb.Keys{Member: &testpb.Keys_Single{Single: 0}},
		}, nil),
		rec(&testpb.Header{
			Dedup: &testpb.Dedup{Member: &testpb.Dedup_Arbitrary_{Arbitrary: &testpb.Dedup_Arbitrary{Prefix: &prefix, ProducerId: &testpb.U128{Hi: 1, Lo: 2}, Seq: 5}}},
			Kind:  4000, Codec: 99, Keys: &testpb.Keys{Member: &testpb.Keys_Pair_{Pair: &testpb.Keys_Pair{A: 4, B: 2}}},
		}, []byte{0xff, 0xff}),
	}
	// Unknown header fields, of every wire type, and a group.
	unknown := []byte{0x30, 0x01, 0x3d, 1, 2, 3, 4, 0x41, 1, 2, 3, 4, 5, 6, 7, 8, 0x4a, 0x01, 0x00, 0x53, 0x08, 0x01, 0x54}
	ins = append(ins, append(protowire.AppendBytes([]byte{0x07}, unknown), 0x01))
	return append(ins, corpusSeeds()...)
}
