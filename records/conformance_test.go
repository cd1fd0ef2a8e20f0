package records_test

// Conformance of the hand-written payload codecs with protobuf-go, the
// reference implementation, over the published .proto files, for
// every kind:
//
//   - our bytes decode with protobuf-go to the same value;
//   - protobuf-go's deterministic output decodes with ours, in both modes, to
//     the same value, and equals our bytes byte for byte;
//   - protobuf-go's bytes, rewritten in ways every conforming decoder must
//     accept (fields reordered, a scalar repeated with an earlier value, an
//     earlier member of the same oneof, an embedded message split in two,
//     unknown fields of every wire type, a known field with another wire
//     type, repeated scalars unpacked or packed in several runs, an absent
//     ResponseSink or Keys written present but empty, non-minimal varints),
//     at the top level and in every embedded message, decode with ours and
//     with protobuf-go to the same value.
//
// "Same value" is reflect.DeepEqual after converting protobuf-go's message
// with internal/pbconv and normalizing nil and empty slices: the
// equivalences of FORMAT.md §7 and nothing else.
//
// Byte equality with protobuf-go's deterministic output holds for every
// value tested here. It can hold because every rule of FORMAT.md §7 is one
// protobuf-go follows for the converted message (fields in number order,
// oneof members in number order among the other fields, zero scalars left
// out, `optional` scalars and set oneof members written even when zero or
// empty, present messages written even when empty, repeated scalars packed),
// and because the conversion writes the FORMAT.md §7 "zero means absent" messages
// (U128 0, Keys none, Dedup none, Source unspecified, ResponseSink none) as
// absent. The one payload without a protobuf-go counterpart is kind 21, whose
// bytes are the payload itself.

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/pbconv"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

type confCase struct {
	name string
	p    envelope.Payload
}

// conformanceCases returns the values under test: the samples package's
// values (All, Minimal, and Large with its 64 KiB argument) and the golden
// corpus values (every oneof member of every kind, optional fields set to
// zero, edge values).
func conformanceCases(t *testing.T) []confCase {
	t.Helper()
	var cs []confCase
	for i, p := range samples.All() {
		cs = append(cs, confCase{fmt.Sprintf("samples.All/%d/%v", i, p.Kind()), p})
	}
	for i, p := range samples.Minimal() {
		cs = append(cs, confCase{fmt.Sprintf("samples.Minimal/%d/%v", i, p.Kind()), p})
	}
	cs = append(cs, confCase{"samples.Large", samples.Large()})
	for _, c := range goldenPayloads() {
		cs = append(cs, confCase{"golden/" + c.name, c.payload})
	}
	seen := map[envelope.Kind]bool{}
	for _, c := range cs {
		seen[c.p.Kind()] = true
	}
	for _, k := range records.Kinds() {
		if !seen[k] {
			t.Errorf("no conformance value of kind %v", k)
		}
	}
	return cs
}

// freshPayload returns a new, zero payload of the kind.
func freshPayload(t *testing.T, kind envelope.Kind) records.Payload {
	t.Helper()
	p, err := records.New(kind)
	if err != nil {
		t.Fatalf("records.New(%v): %v", kind, err)
	}
	return p
}

// marshalOurs returns our encoding of p.
func marshalOurs(t *testing.T, p envelope.Payload) []byte {
	t.Helper()
	cp, ok := p.(records.Payload)
	if !ok {
		t.Fatalf("%T is not a records.Payload", p)
	}
	if err := cp.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	b, err := cp.MarshalBinary()
	if err != nil {
		t.Fatalf("MarshalBinary: %v", err)
	}
	if len(b) != cp.Size() {
		t.Errorf("MarshalBinary wrote %d bytes, Size says %d", len(b), cp.Size())
	}
	return b
}

// protobufGoBytes returns protobuf-go's deterministic encoding of p (the
// payload itself for kind 21).
func protobufGoBytes(t *testing.T, p envelope.Payload) []byte {
	t.Helper()
	m := pbconv.PayloadToPB(p)
	if m == nil {
		return pbconv.PayloadBytes(p)
	}
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		t.Fatalf("proto.Marshal: %v", err)
	}
	return b
}

// decodeProtobufGo decodes b with protobuf-go and converts the message.
func decodeProtobufGo(t *testing.T, kind envelope.Kind, b []byte) envelope.Payload {
	t.Helper()
	m := pbconv.NewPB(kind)
	if m == nil {
		return pbconv.PayloadFromPB(kind, nil, b)
	}
	if err := proto.Unmarshal(b, m); err != nil {
		t.Fatalf("proto.Unmarshal: %v\ninput % x", err, b)
	}
	return pbconv.PayloadFromPB(kind, m, nil)
}

// checkOursDecodes decodes b with ours in both modes and compares with want.
func checkOursDecodes(t *testing.T, b []byte, want envelope.Payload) {
	t.Helper()
	for _, mode := range []wire.Mode{wire.Copy, wire.ZeroCopy} {
		got := freshPayload(t, want.Kind())
		in := bytes.Clone(b)
		if err := got.UnmarshalPayload(in, mode); err != nil {
			t.Errorf("UnmarshalPayload(mode %d): %v\ninput % x", mode, err, b)
			continue
		}
		if !pbconv.SamePayload(got, want) {
			t.Errorf("UnmarshalPayload(mode %d):\n got  %+v\n want %+v\ninput % x", mode, got, want, b)
		}
		if mode == wire.Copy {
			// A copying decode does not alias its input.
			for i := range in {
				in[i] = 0xa5
			}
			if !pbconv.SamePayload(got, want) {
				t.Errorf("UnmarshalPayload(Copy) aliases its input:\n got  %+v\n want %+v", got, want)
			}
		}
	}
}

// TestConvertRoundTrip checks the conversion functions themselves: a value
// converted to protobuf-go's message and back is the same value.
func TestConvertRoundTrip(t *testing.T) {
	for _, c := range conformanceCases(t) {
		m := pbconv.PayloadToPB(c.p)
		back := pbconv.PayloadFromPB(c.p.Kind(), m, pbconv.PayloadBytes(c.p))
		if !pbconv.SamePayload(back, c.p) {
			t.Errorf("%s: conversion round trip:\n got  %+v\n want %+v", c.name, back, c.p)
		}
	}
}

// TestConformanceOursToProtobufGo: our bytes decode with protobuf-go to the
// same value.
func TestConformanceOursToProtobufGo(t *testing.T) {
	for _, c := range conformanceCases(t) {
		t.Run(c.name, func(t *testing.T) {
			ours := marshalOurs(t, c.p)
			got := decodeProtobufGo(t, c.p.Kind(), ours)
			if !pbconv.SamePayload(got, c.p) {
				t.Errorf("protobuf-go reads our bytes as\n %+v\nwant\n %+v\nbytes % x", got, c.p, ours)
			}
		})
	}
}

// TestConformanceProtobufGoToOurs: protobuf-go's deterministic output
// decodes with ours to the same value, and is byte-identical to ours.
func TestConformanceProtobufGoToOurs(t *testing.T) {
	for _, c := range conformanceCases(t) {
		t.Run(c.name, func(t *testing.T) {
			det := protobufGoBytes(t, c.p)
			checkOursDecodes(t, det, c.p)
			if ours := marshalOurs(t, c.p); !bytes.Equal(ours, det) {
				t.Errorf("our bytes differ from protobuf-go's deterministic output:\n ours     % x\n protobuf % x", ours, det)
			}
		})
	}
}

// A mutation rewrites one message's fields; md describes the message.
type mutation struct {
	name string
	// deep applies it in every embedded message too, not only the payload's
	// top level.
	deep bool
	f    func(fs []rawField, md protoreflect.MessageDescriptor) []rawField
}

func mutations() []mutation {
	var ms []mutation
	add := func(name string, f func([]rawField, protoreflect.MessageDescriptor) []rawField) {
		ms = append(ms, mutation{name: name, f: f}, mutation{name: name + "/deep", deep: true, f: f})
	}
	add("reverse", func(fs []rawField, _ protoreflect.MessageDescriptor) []rawField {
		return reorder(fs, func(s []rawField) { slices.Reverse(s) })
	})
	for seed := uint64(1); seed <= 3; seed++ {
		add(fmt.Sprintf("shuffle%d", seed), func(fs []rawField, _ protoreflect.MessageDescriptor) []rawField {
			r := rand.New(rand.NewPCG(seed, uint64(len(fs))))
			return reorder(fs, func(s []rawField) {
				orig := slices.Clone(s)
				r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
				if len(s) > 1 && slices.EqualFunc(s, orig, func(a, b rawField) bool { return a.num == b.num }) {
					// The shuffle kept the order: move the first field last.
					copy(s, append(orig[1:], orig[0]))
				}
			})
		})
	}
	add("repeat-scalar", repeatScalars)
	add("oneof-earlier-member", earlierOneofMember)
	add("split-message", splitMessages)
	add("unknown-fields", insertUnknown)
	add("wrong-wire-type", insertWrongWireType)
	add("unpacked", unpack)
	add("packed-split", splitPacked)
	add("empty-means-absent", emptyMeansAbsent)
	add("overlong-varints", nil) // handled by overlong, on the whole message
	return ms
}

func TestConformanceMutated(t *testing.T) {
	counts := map[string]int{}
	for _, c := range conformanceCases(t) {
		m := pbconv.PayloadToPB(c.p)
		if m == nil {
			continue // kind 21: opaque bytes, not a message
		}
		md := m.ProtoReflect().Descriptor()
		det := protobufGoBytes(t, c.p)
		for _, mu := range mutations() {
			var b []byte
			if mu.f == nil {
				b = overlong(t, det, md, mu.deep)
			} else {
				b = rewrite(t, det, md, mu.deep, mu.f)
			}
			if bytes.Equal(b, det) {
				continue // nothing to rewrite in this value
			}
			counts[mu.name]++
			t.Run(c.name+"/"+mu.name, func(t *testing.T) {
				// protobuf-go agrees that the rewritten bytes hold the value.
				if got := decodeProtobufGo(t, c.p.Kind(), b); !pbconv.SamePayload(got, c.p) {
					t.Fatalf("protobuf-go reads the rewritten bytes as\n %+v\nwant\n %+v\nbytes % x", got, c.p, b)
				}
				checkOursDecodes(t, b, c.p)
			})
		}
	}
	for _, mu := range mutations() {
		// Repeated scalars are all in embedded messages: only the deep
		// variants of unpacked and packed-split apply.
		if !mu.deep && counts[mu.name] == 0 && counts[mu.name+"/deep"] == 0 {
			t.Errorf("mutation %s never applied", mu.name)
		}
	}
	t.Logf("rewritten inputs per mutation: %v", counts)
}

// TestConformanceKind21 checks that the opaque payload is its bytes, as they
// are, in both directions.
func TestConformanceKind21(t *testing.T) {
	for _, data := range [][]byte{nil, {}, {0}, []byte("\x0a\x02hi"), bytes.Repeat([]byte{0xff}, 300)} {
		p := &records.VQSchedulerDecisions{Data: data}
		if got := marshalOurs(t, p); !bytes.Equal(got, data) {
			t.Errorf("MarshalBinary(% x) = % x", data, got)
		}
		checkOursDecodes(t, data, p)
	}
}

// Field-level rewriting with protowire, independently of the code under
// test.

// rawField is one field of a message: its number, wire type and whole
// encoding (tag included).
type rawField struct {
	num protowire.Number
	typ protowire.Type
	raw []byte
}

// value returns the field's encoding after its tag.
func (f rawField) value() []byte {
	_, _, n := protowire.ConsumeTag(f.raw)
	return f.raw[n:]
}

// content returns a length-delimited field's content.
func (f rawField) content() []byte {
	v, n := protowire.ConsumeBytes(f.value())
	if n < 0 {
		panic("content of a field that is not length-delimited")
	}
	return v
}

func splitFields(t *testing.T, b []byte) []rawField {
	t.Helper()
	var fs []rawField
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeField(b)
		if n < 0 {
			t.Fatalf("ConsumeField: %v in % x", protowire.ParseError(n), b)
		}
		fs = append(fs, rawField{num: num, typ: typ, raw: b[:n:n]})
		b = b[n:]
	}
	return fs
}

func joinFields(fs []rawField) []byte {
	var b []byte
	for _, f := range fs {
		b = append(b, f.raw...)
	}
	return b
}

func bytesField(num protowire.Number, content []byte) rawField {
	b := protowire.AppendTag(nil, num, protowire.BytesType)
	b = protowire.AppendBytes(b, content)
	return rawField{num: num, typ: protowire.BytesType, raw: b}
}

func varintField(num protowire.Number, v uint64) rawField {
	b := protowire.AppendTag(nil, num, protowire.VarintType)
	return rawField{num: num, typ: protowire.VarintType, raw: protowire.AppendVarint(b, v)}
}

// isMessageField reports whether f is an occurrence of a known message field.
func isMessageField(f rawField, md protoreflect.MessageDescriptor) (protoreflect.FieldDescriptor, bool) {
	fd := md.Fields().ByNumber(f.num)
	if fd == nil || f.typ != protowire.BytesType || fd.Kind() != protoreflect.MessageKind {
		return nil, false
	}
	return fd, true
}

// rewrite applies f to the message b and, if deep, to every embedded
// message first (innermost first).
func rewrite(t *testing.T, b []byte, md protoreflect.MessageDescriptor, deep bool, f func([]rawField, protoreflect.MessageDescriptor) []rawField) []byte {
	t.Helper()
	fs := splitFields(t, b)
	if deep {
		for i, fl := range fs {
			if fd, ok := isMessageField(fl, md); ok {
				fs[i] = bytesField(fl.num, rewrite(t, fl.content(), fd.Message(), true, f))
			}
		}
	}
	return joinFields(f(fs, md))
}

// reorder permutes the fields with perm, then puts the occurrences of each
// field number back in their original relative order: repeated fields keep
// their order, everything else moves.
func reorder(fs []rawField, perm func([]rawField)) []rawField {
	out := slices.Clone(fs)
	perm(out)
	byNum := map[protowire.Number][]rawField{}
	for _, f := range fs {
		byNum[f.num] = append(byNum[f.num], f)
	}
	for i, f := range out {
		out[i] = byNum[f.num][0]
		byNum[f.num] = byNum[f.num][1:]
	}
	return out
}

// otherScalar returns another valid value of the scalar field fd than the
// one f holds, as a field of the same number and wire type.
func otherScalar(f rawField, fd protoreflect.FieldDescriptor) rawField {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		v, _ := protowire.ConsumeVarint(f.value())
		return varintField(f.num, 1-min(v, 1))
	case protoreflect.EnumKind:
		// Another declared, non-zero value: the earlier value is overwritten,
		// but it stays one the codec accepts.
		v, _ := protowire.ConsumeVarint(f.value())
		other := uint64(1)
		if v == 1 {
			other = 2
		}
		return varintField(f.num, other)
	case protoreflect.Uint32Kind:
		v, _ := protowire.ConsumeVarint(f.value())
		return varintField(f.num, uint64(uint32(v)+1))
	case protoreflect.Uint64Kind:
		v, _ := protowire.ConsumeVarint(f.value())
		return varintField(f.num, v+1)
	case protoreflect.StringKind:
		// A valid SemVer version, so that even VersionBarrier.version stays
		// valid before it is overwritten.
		s := "9.9.9-earlier"
		if string(f.content()) == s {
			s = "1.0.0"
		}
		return bytesField(f.num, []byte(s))
	case protoreflect.BytesKind:
		// The same length (InvocationId.uuid stays 16 bytes), other bytes.
		c := bytes.Clone(f.content())
		for i := range c {
			c[i] ^= 0x5a
		}
		if len(c) == 0 {
			c = []byte{0x5a}
		}
		return bytesField(f.num, c)
	}
	panic(fmt.Sprintf("otherScalar: kind %v", fd.Kind()))
}

// repeatScalars writes each singular scalar field twice, the first time
// with another value: the last one wins.
func repeatScalars(fs []rawField, md protoreflect.MessageDescriptor) []rawField {
	var out []rawField
	for _, f := range fs {
		fd := md.Fields().ByNumber(f.num)
		if fd != nil && !fd.IsList() && fd.Kind() != protoreflect.MessageKind && fd.Kind() != protoreflect.GroupKind {
			out = append(out, otherScalar(f, fd))
		}
		out = append(out, f)
	}
	return out
}

// validMessage returns the encoding of a valid, non-empty message of type
// md, for an earlier oneof member that a later one replaces: every scalar set
// (uuids 16 bytes, enums declared), every singular message field present,
// the first member of every oneof set.
func validMessage(md protoreflect.MessageDescriptor, depth int) []byte {
	var b []byte
	oneofDone := map[protoreflect.FullName]bool{}
	fields := md.Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if od := fd.ContainingOneof(); od != nil && !od.IsSynthetic() {
			if oneofDone[od.FullName()] {
				continue
			}
			oneofDone[od.FullName()] = true
		}
		if fd.IsList() {
			continue
		}
		switch fd.Kind() {
		case protoreflect.MessageKind:
			if depth < 4 {
				b = protowire.AppendTag(b, fd.Number(), protowire.BytesType)
				b = protowire.AppendBytes(b, validMessage(fd.Message(), depth+1))
			}
		case protoreflect.StringKind:
			b = protowire.AppendTag(b, fd.Number(), protowire.BytesType)
			b = protowire.AppendString(b, "1.2.3-replaced")
		case protoreflect.BytesKind:
			v := []byte("replaced")
			if fd.Name() == "uuid" {
				v = bytes.Repeat([]byte{0xee}, 16)
			}
			b = protowire.AppendTag(b, fd.Number(), protowire.BytesType)
			b = protowire.AppendBytes(b, v)
		default:
			b = protowire.AppendTag(b, fd.Number(), protowire.VarintType)
			b = protowire.AppendVarint(b, 1)
		}
	}
	return b
}

// earlierOneofMember writes, before each set oneof member, another member
// of the same oneof holding a valid value: the last member wins, and the
// earlier member leaves nothing behind.
func earlierOneofMember(fs []rawField, md protoreflect.MessageDescriptor) []rawField {
	var out []rawField
	for _, f := range fs {
		fd := md.Fields().ByNumber(f.num)
		if fd != nil {
			if od := fd.ContainingOneof(); od != nil && !od.IsSynthetic() {
				for i := 0; i < od.Fields().Len(); i++ {
					other := od.Fields().Get(i)
					if other.Number() == fd.Number() {
						continue
					}
					switch other.Kind() {
					case protoreflect.MessageKind:
						out = append(out, bytesField(other.Number(), validMessage(other.Message(), 0)))
					case protoreflect.StringKind:
						out = append(out, bytesField(other.Number(), []byte("replaced")))
					case protoreflect.BytesKind:
						out = append(out, bytesField(other.Number(), []byte("replaced")))
					default:
						out = append(out, varintField(other.Number(), 5))
					}
				}
			}
		}
		out = append(out, f)
	}
	return out
}

// splitMessages writes each singular embedded message as two occurrences,
// which a decoder merges: the first half of its fields, then the rest (an
// empty occurrence first when it has fewer than two fields).
func splitMessages(fs []rawField, md protoreflect.MessageDescriptor) []rawField {
	var out []rawField
	for _, f := range fs {
		fd, ok := isMessageField(f, md)
		if !ok || fd.IsList() {
			out = append(out, f)
			continue
		}
		var sub []rawField
		for c := f.content(); len(c) > 0; {
			num, typ, n := protowire.ConsumeField(c)
			if n < 0 {
				panic("splitMessages: bad content")
			}
			sub = append(sub, rawField{num: num, typ: typ, raw: c[:n:n]})
			c = c[n:]
		}
		k := len(sub) / 2
		out = append(out, bytesField(f.num, joinFields(sub[:k])), bytesField(f.num, joinFields(sub[k:])))
	}
	return out
}

// emptyMeansAbsent writes each absent ResponseSink and Keys field as a
// present but empty message (no member set), which FORMAT.md §7 reads as absent:
// no reply wanted, keys none.
func emptyMeansAbsent(fs []rawField, md protoreflect.MessageDescriptor) []rawField {
	out := slices.Clone(fs)
	fields := md.Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if fd.Kind() != protoreflect.MessageKind || fd.IsList() {
			continue
		}
		if name := fd.Message().FullName(); name != "walwire.v2.ResponseSink" && name != "walwire.v2.Keys" {
			continue
		}
		if !slices.ContainsFunc(fs, func(f rawField) bool { return f.num == fd.Number() }) {
			out = append(out, bytesField(fd.Number(), nil))
		}
	}
	return out
}

// unknownFields returns one unknown field of every wire type: varint,
// fixed32, fixed64, bytes, and a group holding a varint and a nested group,
// with numbers no message declares (the largest valid number included).
func unknownFields() []rawField {
	var fs []rawField
	add := func(num protowire.Number, typ protowire.Type, val []byte) {
		b := protowire.AppendTag(nil, num, typ)
		fs = append(fs, rawField{num: num, typ: typ, raw: append(b, val...)})
	}
	add(1000, protowire.VarintType, protowire.AppendVarint(nil, 1<<63))
	add(1001, protowire.Fixed32Type, protowire.AppendFixed32(nil, 0xdeadbeef))
	add(1002, protowire.Fixed64Type, protowire.AppendFixed64(nil, 0x0123456789abcdef))
	add(protowire.MaxValidNumber, protowire.BytesType, protowire.AppendBytes(nil, []byte("\x0a\x02hi\xff")))
	var g []byte
	g = protowire.AppendTag(g, 1, protowire.VarintType)
	g = protowire.AppendVarint(g, 7)
	g = protowire.AppendTag(g, 2, protowire.StartGroupType) // nested group
	g = protowire.AppendTag(g, 3, protowire.BytesType)
	g = protowire.AppendBytes(g, []byte{0xff, 0xfe})
	g = protowire.AppendTag(g, 4, protowire.Fixed32Type)
	g = protowire.AppendFixed32(g, 1)
	g = protowire.AppendTag(g, 2, protowire.EndGroupType)
	g = protowire.AppendTag(g, 1004, protowire.EndGroupType)
	add(1004, protowire.StartGroupType, g)
	return fs
}

// insertUnknown puts unknown fields at the start, in the middle and at the
// end of the message.
func insertUnknown(fs []rawField, _ protoreflect.MessageDescriptor) []rawField {
	u := unknownFields()
	mid := len(fs) / 2
	out := slices.Clone(u[:2])
	out = append(out, fs[:mid]...)
	out = append(out, u[2:4]...)
	out = append(out, fs[mid:]...)
	return append(out, u[4:]...)
}

// insertWrongWireType writes, before each known field, an occurrence of the
// same number with a wire type that does not fit its declaration: a decoder
// treats it as an unknown field.
func insertWrongWireType(fs []rawField, md protoreflect.MessageDescriptor) []rawField {
	var out []rawField
	for _, f := range fs {
		if fd := md.Fields().ByNumber(f.num); fd != nil {
			var w []byte
			switch {
			case fd.Kind() == protoreflect.MessageKind, fd.Kind() == protoreflect.StringKind, fd.Kind() == protoreflect.BytesKind:
				w = protowire.AppendTag(nil, f.num, protowire.VarintType)
				w = protowire.AppendVarint(w, 3)
			case fd.IsList():
				// Repeated varints take varint and bytes (packed): fixed32
				// fits neither.
				w = protowire.AppendTag(nil, f.num, protowire.Fixed32Type)
				w = protowire.AppendFixed32(w, 3)
			default:
				w = protowire.AppendTag(nil, f.num, protowire.Fixed64Type)
				w = protowire.AppendFixed64(w, 3)
			}
			out = append(out, rawField{num: f.num, raw: w})
		}
		out = append(out, f)
	}
	return out
}

// packedValues returns the varints of a packed repeated scalar field.
func packedValues(f rawField) []uint64 {
	var vs []uint64
	for c := f.content(); len(c) > 0; {
		v, n := protowire.ConsumeVarint(c)
		if n < 0 {
			panic("packedValues: bad content")
		}
		vs = append(vs, v)
		c = c[n:]
	}
	return vs
}

func isPackedScalar(f rawField, md protoreflect.MessageDescriptor) bool {
	fd := md.Fields().ByNumber(f.num)
	return fd != nil && fd.IsList() && fd.Kind() != protoreflect.MessageKind && f.typ == protowire.BytesType
}

// unpack writes each packed repeated scalar as one field per value.
func unpack(fs []rawField, md protoreflect.MessageDescriptor) []rawField {
	var out []rawField
	for _, f := range fs {
		if !isPackedScalar(f, md) {
			out = append(out, f)
			continue
		}
		for _, v := range packedValues(f) {
			out = append(out, varintField(f.num, v))
		}
	}
	return out
}

// splitPacked writes each packed repeated scalar as an unpacked first value,
// then a packed run, then an empty packed run, then the last value packed
// alone: a decoder concatenates them all.
func splitPacked(fs []rawField, md protoreflect.MessageDescriptor) []rawField {
	var out []rawField
	for _, f := range fs {
		if !isPackedScalar(f, md) {
			out = append(out, f)
			continue
		}
		vs := packedValues(f)
		packed := func(vs []uint64) rawField {
			var c []byte
			for _, v := range vs {
				c = protowire.AppendVarint(c, v)
			}
			return bytesField(f.num, c)
		}
		out = append(out, varintField(f.num, vs[0]))
		if len(vs) > 1 {
			out = append(out, packed(vs[1:len(vs)-1]), packed(nil), packed(vs[len(vs)-1:]))
		}
	}
	return out
}

// overlongVarint appends v as a varint one byte longer than needed (as long
// as it stays within 10 bytes): non-minimal varints are valid protobuf.
func overlongVarint(b []byte, v uint64) []byte {
	if protowire.SizeVarint(v) >= 10 {
		return protowire.AppendVarint(b, v)
	}
	b = protowire.AppendVarint(b, v)
	b[len(b)-1] |= 0x80
	return append(b, 0)
}

// overlong rewrites every tag, length and varint of the message (and, if
// deep, of every embedded message and packed field) as a non-minimal varint.
func overlong(t *testing.T, b []byte, md protoreflect.MessageDescriptor, deep bool) []byte {
	t.Helper()
	var out []byte
	for _, f := range splitFields(t, b) {
		fd := md.Fields().ByNumber(f.num)
		out = overlongVarint(out, protowire.EncodeTag(f.num, f.typ))
		switch f.typ {
		case protowire.VarintType:
			v, _ := protowire.ConsumeVarint(f.value())
			out = overlongVarint(out, v)
		case protowire.BytesType:
			c := f.content()
			switch {
			case deep && fd != nil && fd.Kind() == protoreflect.MessageKind:
				c = overlong(t, c, fd.Message(), true)
			case deep && isPackedScalar(f, md):
				var p []byte
				for _, v := range packedValues(f) {
					p = overlongVarint(p, v)
				}
				c = p
			}
			out = overlongVarint(out, uint64(len(c)))
			out = append(out, c...)
		default:
			out = append(out, f.value()...)
		}
	}
	return out
}
