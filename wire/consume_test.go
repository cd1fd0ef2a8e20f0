package wire

import (
	"math/rand/v2"
	"testing"
)

// TestConsumeVarintLong checks the one-load path of consumeVarintLong
// against consumeVarint: every varint length (1 to 10 bytes, and
// overlong encodings of small values), with and without eight bytes
// available, followed by bytes with and without their high bit.
func TestConsumeVarintLong(t *testing.T) {
	var ins [][]byte
	for bits := 0; bits <= 64; bits++ {
		for _, v := range []uint64{1<<bits - 1, 1 << bits, 1<<bits + 1} {
			ins = append(ins, AppendVarint(nil, v))
		}
	}
	// Overlong encodings: 0 and 1 in 2 to 10 bytes; overflows; truncations.
	for n := 2; n <= 11; n++ {
		for _, low := range []byte{0x80, 0x81} {
			b := append([]byte{low}, make([]byte, n-1)...)
			for i := 1; i < n-1; i++ {
				b[i] = 0x80
			}
			ins = append(ins, b, b[:n-1])
		}
	}
	ins = append(ins, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}, []byte{})
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		ins = append(ins, AppendVarint(nil, rng.Uint64()>>rng.IntN(64)))
	}
	for _, in := range ins {
		for _, tail := range [][]byte{nil, {0x01}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}} {
			b := append(append([]byte(nil), in...), tail...)
			gv, gn := consumeVarintLong(b)
			wv, wn := consumeVarint(b)
			if gv != wv || gn != wn {
				t.Fatalf("consumeVarintLong(% x) = %d, %d; consumeVarint: %d, %d", b, gv, gn, wv, wn)
			}
		}
	}
}
