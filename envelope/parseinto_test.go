package envelope

import (
	"bytes"
	"testing"

	"github.com/walwire/walwire/wire"
)

// sameRaw reports whether two Raws are the same view of the same record.
func sameRaw(a, b *Raw) bool {
	return a.Header == b.Header && bytes.Equal(a.Payload, b.Payload) && len(a.Payload) == len(b.Payload) &&
		cap(a.Payload) == cap(b.Payload) && bytes.Equal(a.stored, b.stored) && (a.stored == nil) == (b.stored == nil)
}

// parseIntoSeeds are stored records: every header shape a writer produces,
// with a payload, and some a writer does not produce.
func parseIntoSeeds() [][]byte {
	var seeds [][]byte
	for _, h := range fastHeaders() {
		hb := h.AppendTo(nil)
		b := wire.AppendVarint([]byte{V2CodecByte}, uint64(len(hb)))
		seeds = append(seeds, append(append(b, hb...), 0x08, 0x01))
	}
	return append(seeds, nil, []byte{V2CodecByte}, []byte{0x05, '{'}, []byte{V2CodecByte, 0x03, 0x98, 0x01, 0x01})
}

// FuzzParseInto: ParseInto into a Raw that already holds another record
// reads exactly what Parse reads, and fails exactly when Parse fails,
// leaving the zero Raw.
func FuzzParseInto(f *testing.F) {
	for _, s := range parseIntoSeeds() {
		f.Add(s)
	}
	prev := parseIntoSeeds()[len(fastHeaders())-1]
	f.Fuzz(func(t *testing.T, b []byte) {
		want, wantErr := Parse(b)
		var got Raw
		if err := ParseInto(&got, prev); err != nil {
			t.Fatal(err)
		}
		err := ParseInto(&got, b)
		if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Fatalf("% x: ParseInto: %v, Parse: %v", b, err, wantErr)
		}
		if err != nil {
			want = Raw{}
		}
		if !sameRaw(&got, &want) {
			t.Fatalf("% x: ParseInto gave %+v, Parse %+v", b, got, want)
		}
	})
}

// ParseInto into a reused Raw allocates nothing.
func TestParseIntoAllocs(t *testing.T) {
	var raw Raw
	for _, b := range parseIntoSeeds()[:len(fastHeaders())] {
		if n := testing.AllocsPerRun(100, func() {
			if err := ParseInto(&raw, b); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("% x: ParseInto: %v allocs, want 0", b, n)
		}
	}
}
