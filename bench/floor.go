package bench

import (
	"errors"

	"github.com/walwire/walwire/envelope"
)

// floor is a straight-line decoder of the v2 record's header, written for
// the benchmarks alone: the physical limit of a header decode on the machine
// (the header-only decode target is a ratio to it). It expects the fields
// in the order writers write them (each at most once, one-byte tags, no
// unknown fields), checks every bound and every varint, and validates
// nothing beyond the wire format (no UTF-8 check, no key-range check, no
// fallback for other layouts: it fails on them). Positions are passed and
// returned by value, so they live in registers.

// FloorHeader is what the floor decoder reads: the header's fields as plain
// values. Prefix aliases the input.
type FloorHeader struct {
	SourceKind  uint8 // 1 ingress, 2 control plane, 3 processor
	LeaderEpoch uint64
	DedupKind   uint8 // 1 self proposal, 2 foreign partition, 3 arbitrary
	DedupEpoch  uint64
	Partition   uint32
	PrefixSet   bool
	Prefix      []byte
	ProducerHi  uint64
	ProducerLo  uint64
	Seq         uint64
	Kind        uint32
	Codec       uint32
	KeysKind    uint8 // 1 single, 2 pair, 3 range
	KeyA, KeyB  uint64
}

var errFloor = errors.New("floor: malformed or unexpected header")

// floorVarint reads the varint at b[i:] and returns it with the position
// after it, or -1.
func floorVarint(b []byte, i int) (uint64, int) {
	if i < len(b) && b[i] < 0x80 {
		return uint64(b[i]), i + 1
	}
	var v uint64
	for s := uint(0); s < 64 && i < len(b); s += 7 {
		x := b[i]
		i++
		v |= uint64(x&0x7f) << s
		if x < 0x80 {
			if s == 63 && x > 1 {
				return 0, -1
			}
			return v, i
		}
	}
	return 0, -1
}

// floorBytes reads a length-prefixed field's contents at b[i:] and returns
// them with the position after them; ok is false on a bad length.
func floorBytes(b []byte, i int) ([]byte, int, bool) {
	n, i := floorVarint(b, i)
	if i < 0 || n > uint64(len(b)-i) {
		return nil, 0, false
	}
	return b[i : i+int(n)], i + int(n), true
}

// floorPair reads the optional varint fields 1 and 2 that make up m.
func floorPair(m []byte) (a, b uint64, ok bool) {
	i := 0
	if i < len(m) && m[i] == 1<<3 {
		if a, i = floorVarint(m, i+1); i < 0 {
			return 0, 0, false
		}
	}
	if i < len(m) && m[i] == 2<<3 {
		if b, i = floorVarint(m, i+1); i < 0 {
			return 0, 0, false
		}
	}
	return a, b, i == len(m)
}

// floorParse decodes the header of the stored record b into h and returns
// the payload (aliasing b).
func floorParse(b []byte, h *FloorHeader) ([]byte, error) {
	if len(b) == 0 || b[0] != envelope.V2CodecByte {
		return nil, errFloor
	}
	hb, end, ok := floorBytes(b, 1)
	if !ok {
		return nil, errFloor
	}
	*h = FloorHeader{}
	i := 0
	if i < len(hb) && hb[i] == 1<<3|2 { // source
		var m []byte
		if m, i, ok = floorBytes(hb, i+1); !ok || len(m) == 0 {
			return nil, errFloor
		}
		h.SourceKind = m[0] >> 3
		sub, j, ok := floorBytes(m, 1)
		if !ok || j != len(m) || m[0]&7 != 2 {
			return nil, errFloor
		}
		if h.SourceKind == 3 && len(sub) > 0 {
			if sub[0] != 1<<3 {
				return nil, errFloor
			}
			if h.LeaderEpoch, j = floorVarint(sub, 1); j != len(sub) {
				return nil, errFloor
			}
		}
	}
	if i < len(hb) && hb[i] == 2<<3|2 { // dedup
		var m []byte
		if m, i, ok = floorBytes(hb, i+1); !ok || len(m) == 0 {
			return nil, errFloor
		}
		h.DedupKind = m[0] >> 3
		sub, j, ok := floorBytes(m, 1)
		if !ok || j != len(m) || m[0]&7 != 2 {
			return nil, errFloor
		}
		switch h.DedupKind {
		case 1, 2:
			a, seq, ok := floorPair(sub)
			if !ok {
				return nil, errFloor
			}
			if h.DedupKind == 1 {
				h.DedupEpoch = a
			} else {
				h.Partition = uint32(a)
			}
			h.Seq = seq
		case 3:
			k := 0
			if k < len(sub) && sub[k] == 1<<3|2 {
				if h.Prefix, k, ok = floorBytes(sub, k+1); !ok {
					return nil, errFloor
				}
				h.PrefixSet = true
			}
			if k < len(sub) && sub[k] == 2<<3|2 {
				var u []byte
				if u, k, ok = floorBytes(sub, k+1); !ok {
					return nil, errFloor
				}
				if h.ProducerHi, h.ProducerLo, ok = floorPair(u); !ok {
					return nil, errFloor
				}
			}
			if k < len(sub) && sub[k] == 3<<3 {
				if h.Seq, k = floorVarint(sub, k+1); k < 0 {
					return nil, errFloor
				}
			}
			if k != len(sub) {
				return nil, errFloor
			}
		default:
			return nil, errFloor
		}
	}
	if i < len(hb) && hb[i] == 3<<3 { // kind
		var v uint64
		if v, i = floorVarint(hb, i+1); i < 0 {
			return nil, errFloor
		}
		h.Kind = uint32(v)
	}
	if i < len(hb) && hb[i] == 4<<3 { // codec
		var v uint64
		if v, i = floorVarint(hb, i+1); i < 0 {
			return nil, errFloor
		}
		h.Codec = uint32(v)
	}
	if i < len(hb) && hb[i] == 5<<3|2 { // keys
		var m []byte
		if m, i, ok = floorBytes(hb, i+1); !ok {
			return nil, errFloor
		}
		if len(m) > 0 {
			h.KeysKind = m[0] >> 3
			switch m[0] {
			case 1 << 3:
				var j int
				if h.KeyA, j = floorVarint(m, 1); j != len(m) {
					return nil, errFloor
				}
			case 2<<3 | 2, 3<<3 | 2:
				sub, j, ok := floorBytes(m, 1)
				if !ok || j != len(m) {
					return nil, errFloor
				}
				if h.KeyA, h.KeyB, ok = floorPair(sub); !ok {
					return nil, errFloor
				}
			default:
				return nil, errFloor
			}
		}
	}
	if i != len(hb) {
		return nil, errFloor
	}
	return b[end:], nil
}
