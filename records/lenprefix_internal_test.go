package records

import (
	"bytes"
	"testing"

	"github.com/walwire/walwire/wire"
)

// beginLen/endLen write exactly what wire.AppendBytes writes, at every
// length-prefix size, into a slice of exactly the right capacity.
func TestBeginEndLen(t *testing.T) {
	for _, n := range []int{0, 1, 127, 128, 300, 16383, 16384, 1 << 21} {
		v := make([]byte, n)
		for i := range v {
			v[i] = byte(i * 7)
		}
		prefix := []byte("xy")
		want := wire.AppendBytes(append(append([]byte(nil), prefix...), 0x1a), v)
		b := append(make([]byte, 0, len(want)), prefix...)
		b = endLen(append(beginLen(b, 0x1a), v...), len(b))
		if !bytes.Equal(b, want) || cap(b) != len(want) {
			t.Errorf("n=%d: endLen wrote %d bytes (cap %d), want %d, equal: %v", n, len(b), cap(b), len(want), bytes.Equal(b, want))
		}
	}
}
