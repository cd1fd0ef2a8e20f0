package fuzz

// FuzzPayload: every payload kind, bytes → decode → encode → decode (FORMAT.md §5;
// see FUZZING.md).

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// payloadPerByte is the memory bound's factor for a typed payload decode
// (see checkAlloc and FUZZING.md). Copy mode copies every string and bytes
// value (at most 1× the input), and repeated message fields turn each
// 2-byte element (such as 32 00, an empty HeaderEntry) into a struct of up
// to 48 bytes (StateEntry: two slices). Repeated fields grow by appending
// up to 16 elements, then once to their counted final length (package
// records, Memory), so the worst case is about 24 bytes per input byte
// (measured by records.TestDecodeMemoryPerByte: 24.0; it was 139 when they
// grew by doubling). 32 leaves room for size classes and the first 16.
const payloadPerByte = 32

// payloadClasses are the documented error classes of a typed decode.
var payloadClasses = append([]error{envelope.ErrMissingField, envelope.ErrInvalidValue}, wireClasses...)

// kindOf returns the kind the first byte of a FuzzPayload input selects.
func kindOf(sel byte) envelope.Kind {
	kinds := records.Kinds()
	return kinds[int(sel)%len(kinds)]
}

// selectorOf returns the first byte that selects kind k.
func selectorOf(k envelope.Kind) byte {
	for i, kk := range records.Kinds() {
		if kk == k {
			return byte(i)
		}
	}
	panic("unknown kind " + k.String())
}

// FuzzPayload: the first byte selects one of the 22 kinds (records.Kinds),
// the rest is its payload. It checks:
//   - UnmarshalPayload never panics, in either mode, and fails only with a
//     documented class (a wire class, missing field, invalid value);
//   - both modes agree: both fail with the same class, or both decode to
//     equal values (reflect.DeepEqual);
//   - decoding into a value that already held another record of the kind
//     gives the same result as a fresh value (up to nil/empty slices, which
//     the records package documents);
//   - what decodes is valid, encodes (MarshalBinary, of exactly Size bytes;
//     AppendBinary appends the same bytes), and decodes again to an equal
//     value; re-encoding that is byte-stable;
//   - in an envelope record, it writes, parses and decodes (records.Decode)
//     to an equal value, with the header's kind, codec and keys the
//     payload's;
//   - bounded memory: a decode allocates at most memSlack +
//     payloadPerByte×len(input).
func FuzzPayload(f *testing.F) {
	for _, in := range payloadSeeds() {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) == 0 {
			return
		}
		k := kindOf(in[0])
		payload := in[1:]

		pc := mustNew(t, k)
		var errC error
		checkAlloc(t, "UnmarshalPayload(Copy) of "+k.String(), len(payload), payloadPerByte, func() {
			errC = pc.UnmarshalPayload(payload, wire.Copy)
		})
		pz := mustNew(t, k)
		errZ := pz.UnmarshalPayload(payload, wire.ZeroCopy)

		if errC != nil || errZ != nil {
			for _, err := range []error{errC, errZ} {
				if err != nil && !isOneOf(err, payloadClasses...) {
					t.Fatalf("%v.UnmarshalPayload(%x): undocumented error class: %v", k, payload, err)
				}
			}
			if errC == nil || errZ == nil || classOf(errC) != classOf(errZ) {
				t.Fatalf("%v.UnmarshalPayload(%x): Copy: %v; ZeroCopy: %v", k, payload, errC, errZ)
			}
			_ = errC.Error()
		} else if !reflect.DeepEqual(pc, pz) {
			t.Fatalf("%v.UnmarshalPayload(%x): Copy %+v, ZeroCopy %+v", k, payload, pc, pz)
		}

		// A reused value reads as a fresh one.
		pr := mustNew(t, k)
		if err := pr.UnmarshalPayload(sampleBytes(k), wire.ZeroCopy); err != nil {
			t.Fatalf("%v: the sample does not decode: %v", k, err)
		}
		errR := pr.UnmarshalPayload(payload, wire.ZeroCopy)
		if (errR == nil) != (errZ == nil) || (errR != nil && classOf(errR) != classOf(errZ)) {
			t.Fatalf("%v.UnmarshalPayload(%x) into a used value: %v; into a new one: %v", k, payload, errR, errZ)
		}
		if errR == nil && !reflect.DeepEqual(normalize(pr), normalize(pz)) {
			t.Fatalf("%v.UnmarshalPayload(%x) into a used value: %+v; into a new one: %+v", k, payload, pr, pz)
		}
		if errC != nil {
			return
		}

		roundTrip(t, pc, payload)
	})
}

// roundTrip checks a decoded (or otherwise valid) payload p: it validates,
// encodes, decodes to an equal value, re-encodes byte-stable, and goes
// through an envelope record. what describes p's origin for messages.
func roundTrip(t *testing.T, p records.Payload, what any) {
	t.Helper()
	k := p.Kind()
	if err := p.Validate(); err != nil {
		t.Fatalf("%v (%x): decoded but does not validate: %v", k, what, err)
	}
	if err := p.Keys().Validate(); err != nil {
		t.Fatalf("%v (%x): invalid keys %v: %v", k, what, p.Keys(), err)
	}
	enc, err := p.MarshalBinary()
	if err != nil {
		t.Fatalf("%v (%x): MarshalBinary: %v", k, what, err)
	}
	if len(enc) != p.Size() {
		t.Fatalf("%v (%x): MarshalBinary wrote %d bytes, Size says %d", k, what, len(enc), p.Size())
	}
	prefix := []byte("prefix")
	if app, err := p.AppendBinary(prefix[:len(prefix):len(prefix)]); err != nil || !bytes.Equal(app, append(prefix, enc...)) {
		t.Fatalf("%v (%x): AppendBinary %x (%v), MarshalBinary %x", k, what, app, err, enc)
	}
	if app := p.AppendTo(nil); !bytes.Equal(app, enc) {
		t.Fatalf("%v (%x): AppendTo %x, MarshalBinary %x", k, what, app, enc)
	}
	p2 := mustNew(t, k)
	if err := p2.UnmarshalPayload(enc, wire.Copy); err != nil {
		t.Fatalf("%v (%x): encoded as %x, which does not decode: %v", k, what, enc, err)
	}
	if !sameValue(p2, p) {
		t.Fatalf("%v (%x): decoded %+v, encoded as %x, decoded again %+v", k, what, p, enc, p2)
	}
	if enc2, err := p2.MarshalBinary(); err != nil || !bytes.Equal(enc2, enc) {
		t.Fatalf("%v (%x): re-encoding is not stable: %x then %x (%v)", k, what, enc, enc2, err)
	}
	var p3 records.Payload = mustNew(t, k)
	if err := p3.UnmarshalBinary(enc); err != nil || !sameValue(p3, p) {
		t.Fatalf("%v (%x): UnmarshalBinary: %+v (%v)", k, what, p3, err)
	}

	// In an envelope record.
	rec := envelope.Record{Source: envelope.IngressSource(), Dedup: envelope.SelfProposal(1, 2), Payload: p}
	b, err := rec.MarshalBinary()
	if err != nil {
		t.Fatalf("%v (%x): Record.MarshalBinary: %v", k, what, err)
	}
	if len(b) != rec.Size() {
		t.Fatalf("%v (%x): Record.MarshalBinary wrote %d bytes, Size says %d", k, what, len(b), rec.Size())
	}
	raw, err := envelope.Parse(b)
	if err != nil {
		t.Fatalf("%v (%x): record %x does not parse: %v", k, what, b, err)
	}
	if h := raw.Header; h.Kind != k || h.Codec != p.Codec() || h.Keys != p.Keys() || h.Source != rec.Source || !reflect.DeepEqual(h.Dedup, rec.Dedup) {
		t.Fatalf("%v (%x): record header %v", k, what, &h)
	}
	if !bytes.Equal(raw.Payload, enc) {
		t.Fatalf("%v (%x): record payload %x, MarshalBinary %x", k, what, raw.Payload, enc)
	}
	got, err := records.Decode(&raw)
	if err != nil || !sameValue(got, p) {
		t.Fatalf("%v (%x): records.Decode: %+v (%v)", k, what, got, err)
	}
	pz := mustNew(t, k)
	if err := raw.DecodeZeroCopy(pz); err != nil || !sameValue(pz, p) {
		t.Fatalf("%v (%x): DecodeZeroCopy: %+v (%v)", k, what, pz, err)
	}
}

// sameValue reports whether two payloads are reflect.DeepEqual once every
// empty slice is nil. A decode may leave a repeated field that a replaced
// oneof member held as a non-nil empty slice (Effect.WaitingFor after
// suspended then failed: the records package keeps its capacity for reuse),
// and the re-encoding of that value decodes it as nil: one wire value (an
// empty repeated field writes nothing). See fuzz/testdata/fuzz/FuzzPayload/
// regress-effect-oneof-switch.
func sameValue(a, b any) bool { return reflect.DeepEqual(normalize(a), normalize(b)) }

func mustNew(t *testing.T, k envelope.Kind) records.Payload {
	t.Helper()
	p, err := records.New(k)
	if err != nil {
		t.Fatalf("records.New(%v): %v", k, err)
	}
	return p
}

// classOf returns the documented class of err, or err itself.
func classOf(err error) error {
	for _, c := range append(append(payloadClasses, v1Classes...), envelope.ErrUnsupportedCodec, envelope.ErrKindMismatch, envelope.ErrUnknownKind) {
		if errors.Is(err, c) {
			return c
		}
	}
	return err
}

// sampleBytes returns the encoding of the first sample of kind k, to dirty a
// value before a decode.
func sampleBytes(k envelope.Kind) []byte {
	for _, p := range samples.All() {
		if p.Kind() == k {
			b, err := p.MarshalBinary()
			if err != nil {
				panic(err)
			}
			return b
		}
	}
	panic("no sample of kind " + k.String())
}

// normalize returns a deep copy of v with every empty slice nil (the
// records package documents that a reused value may keep empty, non-nil
// slices). Unexported fields are copied as they are.
func normalize(v any) any {
	return normValue(reflect.ValueOf(v)).Interface()
}

func normValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		i := reflect.New(v.Type()).Elem()
		i.Set(normValue(v.Elem()))
		return i
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(normValue(v.Elem()))
		return p
	case reflect.Slice:
		if v.Len() == 0 {
			return reflect.Zero(v.Type())
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			s.Index(i).Set(normValue(v.Index(i)))
		}
		return s
	case reflect.Struct:
		s := reflect.New(v.Type()).Elem()
		s.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				s.Field(i).Set(normValue(v.Field(i)))
			}
		}
		return s
	}
	return v
}

// payloadSeeds: every sample (samples.All and samples.Minimal) and golden
// record's payload, each kind's empty payload, and a few hand-made edge
// payloads, each behind its kind's selector byte.
func payloadSeeds() [][]byte {
	var ins [][]byte
	add := func(k envelope.Kind, payload []byte) {
		ins = append(ins, append([]byte{selectorOf(k)}, payload...))
	}
	for _, p := range append(samples.All(), samples.Minimal()...) {
		b, err := p.MarshalBinary()
		if err != nil {
			panic(err)
		}
		add(p.Kind(), b)
	}
	for _, b := range corpusSeeds() {
		if raw, err := envelope.Parse(b); err == nil {
			if _, err := records.New(raw.Header.Kind); err == nil {
				add(raw.Header.Kind, raw.Payload)
			}
		}
	}
	for _, k := range records.Kinds() {
		add(k, nil)
	}
	add(records.KindInvoke, bytes.Repeat([]byte{0x32, 0x00}, 64))                                    // empty headers
	add(records.KindPatchState, append([]byte{0x0a, 0x00}, bytes.Repeat([]byte{0x1a, 0x00}, 64)...)) // empty state entries
	add(records.KindVersionBarrier, []byte{0x0a, 0x05, '1', '.', '2', '.', '3'})
	add(records.KindVersionBarrier, []byte{0x0a, 0x06, 'v', '1', '.', '2', '.', '3'})
	add(records.KindUpdatePartitionDurability, []byte{0x22, 0x04, 0x1a, 0x02, 0x08, 0x05}) // inverted range
	return ins
}
