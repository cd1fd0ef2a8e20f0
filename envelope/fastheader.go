package envelope

import (
	"unsafe"

	"github.com/walwire/walwire/internal/utf8fast"
)

// parseHeaderFast decodes a Header message laid out as writers lay it out:
// fields 1 to 5 in order, each at most once, one member per oneof, no
// unknown fields. It reports false, leaving the decision to Header.MergeFrom,
// on anything else: another layout, malformed bytes, invalid UTF-8, an
// inverted key range. So it changes how fast a header decodes, never what it
// decodes to. Strings alias b.
//
// Positions are passed and returned by value (a negative position is a
// failure), so that they stay in registers: no cursor lives in memory.
func parseHeaderFast(b []byte, h *Header) bool {
	*h = Header{}
	i := 0
	if i < len(b) && b[i] == 1<<3|2 {
		var m []byte
		if m, i = fastBytes(b, i+1); i < 0 || !parseSource(m, &h.Source) {
			return false
		}
	}
	if i < len(b) && b[i] == 2<<3|2 {
		var m []byte
		if m, i = fastBytes(b, i+1); i < 0 || !parseDedup(m, &h.Dedup) {
			return false
		}
	}
	if i < len(b) && b[i] == 3<<3 {
		var v uint64
		if v, i = fastVarint(b, i+1); i < 0 {
			return false
		}
		h.Kind = Kind(uint32(v))
	}
	if i < len(b) && b[i] == 4<<3 {
		var v uint64
		if v, i = fastVarint(b, i+1); i < 0 {
			return false
		}
		h.Codec = Codec(uint32(v))
	}
	if i < len(b) && b[i] == 5<<3|2 {
		var m []byte
		if m, i = fastBytes(b, i+1); i < 0 || !parseKeys(m, &h.Keys) {
			return false
		}
	}
	return i == len(b)
}

// fastVarint reads the varint at b[i:] (0 <= i) and returns it with the
// position after it, or -1 if it is truncated or overflows 64 bits.
func fastVarint(b []byte, i int) (uint64, int) {
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
				return 0, -1 // overflow
			}
			return v, i
		}
	}
	return 0, -1
}

// fastBytes reads the length-prefixed value at b[i:] (0 <= i) and returns
// its contents with the position after it, or -1.
func fastBytes(b []byte, i int) ([]byte, int) {
	n, i := fastVarint(b, i)
	if i < 0 || n > uint64(len(b)-i) {
		return nil, -1
	}
	return b[i : i+int(n)], i + int(n)
}

// fastPair reads the message m made of the varint fields 1 and 2, each
// optional, in order.
func fastPair(m []byte) (a, b uint64, ok bool) {
	i := 0
	if i < len(m) && m[i] == 1<<3 {
		if a, i = fastVarint(m, i+1); i < 0 {
			return 0, 0, false
		}
	}
	if i < len(m) && m[i] == 2<<3 {
		if b, i = fastVarint(m, i+1); i < 0 {
			return 0, 0, false
		}
	}
	return a, b, i == len(m)
}

func parseSource(b []byte, s *Source) bool {
	if len(b) == 0 {
		return true // no member: unspecified
	}
	m, i := fastBytes(b, 1)
	if i != len(b) {
		return false
	}
	switch b[0] {
	case 1<<3 | 2, 2<<3 | 2:
		s.Kind = SourceKind(b[0] >> 3)
		return len(m) == 0
	case 3<<3 | 2:
		s.Kind = SourceProcessor
		if len(m) == 0 {
			return true
		}
		if m[0] != 1<<3 {
			return false
		}
		s.LeaderEpoch, i = fastVarint(m, 1)
		return i == len(m)
	}
	return false
}

func parseDedup(b []byte, d *Dedup) bool {
	if len(b) == 0 {
		return true // no member: none
	}
	kind := DedupKind(b[0] >> 3)
	if b[0]&7 != 2 || kind < DedupSelfProposal || kind > DedupArbitrary {
		return false
	}
	m, i := fastBytes(b, 1)
	if i != len(b) {
		return false
	}
	d.Kind = kind
	switch kind {
	case DedupSelfProposal:
		var ok bool
		d.LeaderEpoch, d.Seq, ok = fastPair(m)
		return ok
	case DedupForeignPartition:
		p, seq, ok := fastPair(m)
		d.Partition, d.Seq = uint32(p), seq
		return ok
	}
	i = 0
	if i < len(m) && m[i] == 1<<3|2 {
		var p []byte
		if p, i = fastBytes(m, i+1); i < 0 || !utf8fast.Valid(p) {
			return false
		}
		d.Prefix.Set = true
		if len(p) > 0 {
			d.Prefix.Value = unsafe.String(&p[0], len(p))
		}
	}
	if i < len(m) && m[i] == 2<<3|2 {
		var u []byte
		if u, i = fastBytes(m, i+1); i < 0 {
			return false
		}
		var ok bool
		if d.ProducerID.Hi, d.ProducerID.Lo, ok = fastPair(u); !ok {
			return false
		}
	}
	if i < len(m) && m[i] == 3<<3 {
		if d.Seq, i = fastVarint(m, i+1); i < 0 {
			return false
		}
	}
	return i == len(m)
}

func parseKeys(b []byte, k *Keys) bool {
	if len(b) == 0 {
		return true // no member: none
	}
	switch b[0] {
	case 1 << 3:
		v, i := fastVarint(b, 1)
		*k = SingleKey(v)
		return i == len(b)
	case 2<<3 | 2, 3<<3 | 2:
		kind := KeysKind(b[0] >> 3)
		m, i := fastBytes(b, 1)
		if i != len(b) {
			return false
		}
		lo, hi, ok := fastPair(m)
		*k = Keys{kind: kind, a: lo, b: hi}
		// An inverted range is left to MergeFrom, which reports it: building
		// the error here too would allocate twice on that error path.
		return ok && !(kind == KeysRange && lo > hi)
	}
	return false
}
