package envelope

import (
	"unicode/utf8"
	"unsafe"
)

// parseHeaderFast decodes a Header message laid out as writers lay it out:
// fields 1 to 5 in order, each at most once, one member per oneof, no
// unknown fields. It reports false, leaving the decision to Header.MergeFrom,
// on anything else: another layout, malformed bytes, invalid UTF-8, an
// inverted key range. So it changes how fast a header decodes, never what it
// decodes to. Strings alias b.
func parseHeaderFast(b []byte, h *Header) bool {
	*h = Header{}
	c := cursor{b: b}
	if c.tag(1<<3 | 2) {
		if !parseSource(c.bytes(), &h.Source) {
			return false
		}
	}
	if c.tag(2<<3 | 2) {
		if !parseDedup(c.bytes(), &h.Dedup) {
			return false
		}
	}
	if c.tag(3 << 3) {
		h.Kind = Kind(uint32(c.varint()))
	}
	if c.tag(4 << 3) {
		h.Codec = Codec(uint32(c.varint()))
	}
	if c.tag(5<<3 | 2) {
		if !parseKeys(c.bytes(), &h.Keys) {
			return false
		}
	}
	return c.done()
}

// cursor reads bytes in a fixed order; any surprise marks it bad.
type cursor struct {
	b   []byte
	i   int
	bad bool
}

// tag consumes the one-byte tag t if it comes next.
func (c *cursor) tag(t byte) bool {
	if c.i < len(c.b) && c.b[c.i] == t {
		c.i++
		return true
	}
	return false
}

func (c *cursor) varint() uint64 {
	var v uint64
	for s := uint(0); s < 64 && c.i < len(c.b); s += 7 {
		x := c.b[c.i]
		c.i++
		v |= uint64(x&0x7f) << s
		if x < 0x80 {
			if s == 63 && x > 1 {
				break // overflow
			}
			return v
		}
	}
	c.bad = true
	return 0
}

func (c *cursor) bytes() []byte {
	n := c.varint()
	if c.bad || n > uint64(len(c.b)-c.i) {
		c.bad = true
		return nil
	}
	d := c.b[c.i : c.i+int(n)]
	c.i += int(n)
	return d
}

// done reports whether everything was read, and well.
func (c *cursor) done() bool { return !c.bad && c.i == len(c.b) }

// pair reads the fields 1 and 2 (varints, each optional, in order) that make
// up the rest of a message.
func (c *cursor) pair() (a, b uint64, ok bool) {
	if c.tag(1 << 3) {
		a = c.varint()
	}
	if c.tag(2 << 3) {
		b = c.varint()
	}
	return a, b, c.done()
}

func parseSource(b []byte, s *Source) bool {
	c := cursor{b: b}
	switch {
	case c.done():
		return true // no member: unspecified
	case c.tag(1<<3 | 2), c.tag(2<<3 | 2):
		s.Kind = SourceKind(b[0] >> 3)
		return len(c.bytes()) == 0 && c.done()
	case c.tag(3<<3 | 2):
		p := cursor{b: c.bytes()}
		s.Kind = SourceProcessor
		if p.tag(1 << 3) {
			s.LeaderEpoch = p.varint()
		}
		return p.done() && c.done()
	}
	return false
}

func parseDedup(b []byte, d *Dedup) bool {
	c := cursor{b: b}
	if c.done() {
		return true // no member: none
	}
	kind := DedupKind(b[0] >> 3)
	if b[0]&7 != 2 || kind < DedupSelfProposal || kind > DedupArbitrary {
		return false
	}
	c.i++
	m := cursor{b: c.bytes()}
	if !c.done() {
		return false
	}
	d.Kind = kind
	switch kind {
	case DedupSelfProposal, DedupForeignPartition:
		first, seq, ok := m.pair()
		d.LeaderEpoch, d.Seq = first, seq
		if kind == DedupForeignPartition {
			d.LeaderEpoch, d.Partition = 0, uint32(first)
		}
		return ok
	}
	if m.tag(1<<3 | 2) {
		p := m.bytes()
		if !utf8.Valid(p) {
			return false
		}
		d.Prefix.Set = true
		if len(p) > 0 {
			d.Prefix.Value = unsafe.String(&p[0], len(p))
		}
	}
	if m.tag(2<<3 | 2) {
		u := cursor{b: m.bytes()}
		var ok bool
		if d.ProducerID.Hi, d.ProducerID.Lo, ok = u.pair(); !ok {
			return false
		}
	}
	if m.tag(3 << 3) {
		d.Seq = m.varint()
	}
	return m.done()
}

func parseKeys(b []byte, k *Keys) bool {
	c := cursor{b: b}
	switch {
	case c.done():
		return true // no member: none
	case c.tag(1 << 3):
		*k = SingleKey(c.varint())
		return c.done()
	case c.tag(2<<3 | 2), c.tag(3<<3 | 2):
		kind := KeysKind(b[0] >> 3)
		m := cursor{b: c.bytes()}
		lo, hi, ok := m.pair()
		*k = Keys{kind: kind, a: lo, b: hi}
		// An inverted range is left to MergeFrom, which reports it: building
		// the error here too would allocate twice on that error path.
		return ok && c.done() && !(kind == KeysRange && lo > hi)
	}
	return false
}
