// Package randproto builds random valid protobuf messages for the tests and
// fuzz seeds of the wire reader: fields of every wire type, groups and
// embedded messages nested to a given depth, and now and then an overlong
// (non-minimal but valid) tag, varint or length. It is test plumbing, written
// with google.golang.org/protobuf/encoding/protowire so that it shares no code
// with the reader under test; library packages must not import it
// (internal/depcheck checks that).
package randproto

import (
	"math/rand/v2"

	"google.golang.org/protobuf/encoding/protowire"
)

// AppendOverlong appends v as a varint of its minimal length plus extra
// bytes (at most 10 in all): a valid, non-minimal encoding.
func AppendOverlong(b []byte, v uint64, extra int) []byte {
	n := min(protowire.SizeVarint(v)+extra, 10)
	for i := 0; i < n-1; i++ {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// Number returns a random valid field number, most often small (1 to 20),
// sometimes up to 5000, sometimes anywhere up to protowire.MaxValidNumber.
func Number(rng *rand.Rand) protowire.Number {
	switch rng.IntN(4) {
	case 0, 1:
		return protowire.Number(1 + rng.IntN(20))
	case 2:
		return protowire.Number(1 + rng.IntN(5000))
	}
	return protowire.Number(1 + rng.Int32N(int32(protowire.MaxValidNumber)))
}

// Message returns a valid message of up to 8 random fields of every wire
// type, with groups and embedded messages (as bytes fields) nested up to
// maxDepth levels, and now and then an overlong tag, varint or length.
func Message(rng *rand.Rand, maxDepth int) []byte {
	return message(rng, 0, maxDepth)
}

func message(rng *rand.Rand, depth, maxDepth int) []byte {
	var b []byte
	tag := func(num protowire.Number, typ protowire.Type) {
		if rng.IntN(8) == 0 {
			b = AppendOverlong(b, protowire.EncodeTag(num, typ), 1+rng.IntN(3))
		} else {
			b = protowire.AppendTag(b, num, typ)
		}
	}
	for range rng.IntN(8) {
		num := Number(rng)
		typ := rng.IntN(5)
		if typ == 4 && depth >= maxDepth {
			typ = 0
		}
		switch typ {
		case 0:
			tag(num, protowire.VarintType)
			v := rng.Uint64() >> rng.IntN(64)
			if rng.IntN(8) == 0 {
				b = AppendOverlong(b, v, 1+rng.IntN(3))
			} else {
				b = protowire.AppendVarint(b, v)
			}
		case 1:
			tag(num, protowire.Fixed32Type)
			b = protowire.AppendFixed32(b, rng.Uint32())
		case 2:
			tag(num, protowire.Fixed64Type)
			b = protowire.AppendFixed64(b, rng.Uint64())
		case 3:
			tag(num, protowire.BytesType)
			var v []byte
			if rng.IntN(2) == 0 && depth < maxDepth {
				v = message(rng, depth+1, maxDepth)
			} else {
				v = make([]byte, rng.IntN(12))
				for i := range v {
					v[i] = byte(rng.Uint32())
				}
			}
			if rng.IntN(8) == 0 {
				b = append(AppendOverlong(b, uint64(len(v)), 1), v...)
			} else {
				b = protowire.AppendBytes(b, v)
			}
		case 4:
			tag(num, protowire.StartGroupType)
			b = append(b, message(rng, depth+1, maxDepth)...)
			tag(num, protowire.EndGroupType)
		}
	}
	return b
}
