package fuzz

// FuzzCopySpare: the copying decode's large-field path (package records,
// "spare" fields: a large Argument, Schema or RuleBook is copied into the
// value's own storage and left out of the private copy) against the plain
// zero-copy decode.

import (
	"bytes"
	"reflect"
	"testing"
	"unsafe"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// spareKinds are the kinds with a spare field, and its field number.
var spareKinds = []struct {
	kind envelope.Kind
	num  wire.Number
}{{records.KindInvoke, 3}, {records.KindUpsertSchema, 2}, {records.KindUpsertRuleBook, 2}}

// spareSample returns a valid payload of kind k whose spare field is n bytes
// long.
func spareSample(k envelope.Kind, n int) records.Payload {
	switch k {
	case records.KindInvoke:
		p := samples.Large()
		p.Argument = samples.Argument(n)
		return p
	case records.KindUpsertSchema:
		return &records.UpsertSchema{PartitionKeyRange: envelope.RangeKeys(1, 9), Schema: samples.Argument(n)}
	default:
		return &records.UpsertRuleBook{PartitionKeyRange: records.KeyRange{Start: 1, End: 9}, RuleBook: samples.Argument(n)}
	}
}

// spareString returns a string the value holds (to check it is never
// overwritten), or "".
func spareString(p records.Payload) string {
	if x, ok := p.(*records.ServiceInvocation); ok {
		return x.InvocationTarget.ServiceName
	}
	return ""
}

// FuzzCopySpare builds a payload of a kind with a spare field from the fuzz
// input: prefix bytes, the spare field (100 bytes to 8 KiB: mostly long
// enough for the large-field path, sometimes not), suffix bytes (so that the field may occur again, before
// or after, or the payload may be malformed). For each:
//   - a copying decode into a value that holds a large field of its own
//     from an earlier copying decode (so its storage is reused) agrees with
//     a zero-copy decode into a new value: same error class, or equal values;
//   - the strings the value held before are unchanged (strings are never in
//     reused memory), and so is the input;
//   - a copying decode into a value whose field aliases an earlier record
//     (a zero-copy decode) never writes into that record.
func FuzzCopySpare(f *testing.F) {
	f.Add(byte(0), uint16(0), []byte{}, []byte{})
	f.Add(byte(1), uint16(100), []byte{0x12, 0x01, 0x41}, []byte{0x1a, 0x00})
	f.Add(byte(2), uint16(3000), []byte{}, []byte{0x12, 0x02, 0x61, 0x62})
	f.Add(byte(0x30), uint16(200), []byte{}, []byte{})
	f.Fuzz(func(t *testing.T, which byte, extra uint16, prefix, suffix []byte) {
		sk := spareKinds[int(which)%len(spareKinds)]
		n := 100 + int(extra%8192)
		base, err := spareSample(sk.kind, 2048).MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		in := append(append([]byte(nil), prefix...), base...)
		// Bytes unlike the sample's (samples.Argument), so that a write
		// into memory the sample's field held shows. The field's tag and
		// length are written overlong (accepted by readers) when which
		// says so, so that the walk that finds the field is taken too.
		in = appendMaybeOverlong(in, wire.EncodeTag(sk.num, wire.BytesType), which&0x10 != 0)
		in = appendMaybeOverlong(in, uint64(n), which&0x20 != 0)
		in = append(in, bytes.Repeat([]byte{0xa5}, n)...)
		in = append(in, suffix...)
		keepIn := append([]byte(nil), in...)

		// A value with storage of its own for the field, and a string.
		warm := mustNew(t, sk.kind)
		if err := warm.UnmarshalPayload(base, wire.Copy); err != nil {
			t.Fatal(err)
		}
		s := spareString(warm)
		sCopy := string(append([]byte(nil), s...))

		errC := warm.UnmarshalPayload(in, wire.Copy)
		pz := mustNew(t, sk.kind)
		errZ := pz.UnmarshalPayload(in, wire.ZeroCopy)
		if (errC == nil) != (errZ == nil) || (errC != nil && classOf(errC) != classOf(errZ)) {
			t.Fatalf("%v (%d bytes): Copy into a warm value: %v; ZeroCopy: %v", sk.kind, len(in), errC, errZ)
		}
		if errC == nil && !reflect.DeepEqual(normalize(warm), normalize(pz)) {
			t.Fatalf("%v (%d bytes): Copy into a warm value and ZeroCopy differ:\n%+v\n%+v", sk.kind, len(in), warm, pz)
		}
		if s != sCopy {
			t.Fatalf("%v: a string from an earlier decode changed: %q, was %q", sk.kind, s, sCopy)
		}
		if !bytes.Equal(in, keepIn) {
			t.Fatalf("%v: the copying decode wrote into its input", sk.kind)
		}
		if errC == nil && len(in) > 0 && aliases(warm, in) {
			t.Fatalf("%v: the copying decode's value aliases its input", sk.kind)
		}

		// A field aliasing an earlier record is never written to.
		z := mustNew(t, sk.kind)
		earlier := append([]byte(nil), base...)
		if err := z.UnmarshalPayload(earlier, wire.ZeroCopy); err != nil {
			t.Fatal(err)
		}
		_ = z.UnmarshalPayload(in, wire.Copy)
		if !bytes.Equal(earlier, base) {
			t.Fatalf("%v: a copying decode wrote into the record an earlier zero-copy decode aliased", sk.kind)
		}
	})
}

// appendMaybeOverlong appends v as a varint, one byte longer than needed
// (a padding zero group) if overlong.
func appendMaybeOverlong(b []byte, v uint64, overlong bool) []byte {
	if !overlong {
		return wire.AppendVarint(b, v)
	}
	b = wire.AppendVarint(b, v)
	b[len(b)-1] |= 0x80
	return append(b, 0)
}

// aliases reports whether p's spare field (the one the large-field path
// copies on its own) starts within in.
func aliases(p records.Payload, in []byte) bool {
	var f []byte
	switch x := p.(type) {
	case *records.ServiceInvocation:
		f = x.Argument
	case *records.UpsertSchema:
		f = x.Schema
	case *records.UpsertRuleBook:
		f = x.RuleBook
	}
	if len(f) == 0 {
		return false
	}
	lo, hi := uintptr(unsafe.Pointer(unsafe.SliceData(in))), uintptr(unsafe.Pointer(unsafe.SliceData(in)))+uintptr(len(in))
	q := uintptr(unsafe.Pointer(unsafe.SliceData(f)))
	return q >= lo && q < hi
}
