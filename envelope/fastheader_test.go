package envelope

import (
	"math"
	"testing"

	"github.com/walwire/walwire/wire"
)

// fastHeaders is a header of every shape a writer produces.
func fastHeaders() []Header {
	sources := []Source{{}, IngressSource(), ControlPlaneSource(), ProcessorSource(0), ProcessorSource(math.MaxUint64)}
	dedups := []Dedup{{}, SelfProposal(0, 0), SelfProposal(7, math.MaxUint64), ForeignPartition(math.MaxUint32, 9),
		Arbitrary(Optional[string]{}, U128{}, 0), Arbitrary(Some(""), U128{Hi: 1}, 3), Arbitrary(Some("prefix é"), U128{Hi: math.MaxUint64, Lo: 2}, 1<<40)}
	keys := []Keys{NoKeys(), SingleKey(0), SingleKey(math.MaxUint64), PairKeys(0, 5), RangeKeys(3, 3), RangeKeys(0, math.MaxUint64)}
	var hs []Header
	for i, s := range sources {
		for j, d := range dedups {
			for l, k := range keys {
				hs = append(hs, Header{Source: s, Dedup: d, Keys: k, Kind: Kind(i*j + l), Codec: Codec(l)})
			}
		}
	}
	return append(hs, Header{Kind: math.MaxUint32, Codec: 1 << 31})
}

// Every header a writer produces takes the fast path, and reads back equal.
func TestHeaderFastPathTaken(t *testing.T) {
	for _, h := range fastHeaders() {
		var got Header
		if !parseHeaderFast(h.AppendTo(nil), &got) || got != h {
			t.Fatalf("%v: fast path gave %v", h.String(), got.String())
		}
	}
}

// FuzzHeaderFast: wherever the fast path accepts, the general decoder
// accepts too and gives the same header.
func FuzzHeaderFast(f *testing.F) {
	for _, h := range fastHeaders() {
		f.Add(h.AppendTo(nil))
	}
	f.Add([]byte{0x2a, 0x06, 0x1a, 0x04, 0x08, 0x05, 0x10, 0x01}) // inverted range
	f.Add([]byte{0x0a, 0x03, 0x8a, 0x20, 0x00})                   // field 259
	f.Fuzz(func(t *testing.T, b []byte) {
		var fast, slow Header
		if !parseHeaderFast(b, &fast) {
			return
		}
		r := wire.NewReader(b, wire.ZeroCopy)
		if err := slow.MergeFrom(&r); err != nil {
			t.Fatalf("% x: fast path accepted what MergeFrom rejects: %v", b, err)
		}
		if fast != slow {
			t.Fatalf("% x: fast %v, MergeFrom %v", b, fast.String(), slow.String())
		}
	})
}
