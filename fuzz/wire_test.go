package fuzz

// FuzzWireConsume and FuzzWireReader: package wire against
// google.golang.org/protobuf/encoding/protowire, the reference implementation
// of the wire format, on arbitrary bytes (the wire package's contract and FUZZING.md).
//
// wire differs from protowire on purpose in exactly two ways, and the targets
// allow exactly those, narrowly: a reference walk (refValue) mirrors
// protowire's consumeFieldValueD check for check, and flags an input only
// when the FIRST failure it would meet is one of these two; otherwise its
// answer must equal protowire's own, and wire's must equal both.
//
//	(a) Field numbers above 2^29-1 (wire.MaxValidNumber) are ErrFieldNumber
//	    in wire; protowire.ConsumeTag accepts numbers up to MaxInt32 (for
//	    MessageSet). The wire package's contract requires the protobuf range.
//	(b) Groups nest at most wire.DefaultMaxDepth (100) levels in wire (or the
//	    Reader's SetMaxDepth), as the C++ and Java runtimes; protowire allows
//	    10000 (DefaultRecursionLimit). Such inputs are ErrDepth in wire.

import (
	"bytes"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
	"unicode/utf8"
	"unsafe"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/walwire/walwire/internal/randproto"
	"github.com/walwire/walwire/wire"
)

// pwClass maps each protowire error value to the wire class for the same
// input. The protowire values come from inputs that produce them (its codes
// are unexported).
var pwClass = sync.OnceValue(func() map[error]error {
	_, n1 := protowire.ConsumeVarint([]byte{0x80})
	_, n2 := protowire.ConsumeVarint(bytes.Repeat([]byte{0xff}, 11))
	_, _, n3 := protowire.ConsumeTag([]byte{0x00})
	n4 := protowire.ConsumeFieldValue(1, 6, nil)
	n5 := protowire.ConsumeFieldValue(1, protowire.EndGroupType, nil)
	m := map[error]error{
		protowire.ParseError(n1): wire.ErrTruncated,
		protowire.ParseError(n2): wire.ErrOverflow,
		protowire.ParseError(n3): wire.ErrFieldNumber,
		protowire.ParseError(n4): wire.ErrWireType,
		protowire.ParseError(n5): wire.ErrGroup,
	}
	if len(m) != 5 || !errors.Is(protowire.ParseError(n1), io.ErrUnexpectedEOF) {
		panic("protowire error values are not distinct")
	}
	return m
})

// pwEndGroup is protowire's (negative) code for a mismatched end group.
var pwEndGroup = protowire.ConsumeFieldValue(1, protowire.EndGroupType, nil)

// refValue returns what protowire.ConsumeFieldValue returns for the value of
// field num of type typ at the front of b — computed by mirroring its
// consumeFieldValueD, with the same checks in the same order — unless the
// first failure met is one of wire's deliberate differences, which it returns
// as diff (wire.ErrFieldNumber or wire.ErrDepth). depth is the wire depth of
// a group that starts here (1 for a top-level field), maxDepth wire's limit.
func refValue(num protowire.Number, typ protowire.Type, b []byte, depth, maxDepth int) (n int, diff error) {
	if typ != protowire.StartGroupType {
		return protowire.ConsumeFieldValue(num, typ, b), nil
	}
	if depth > maxDepth {
		return 0, wire.ErrDepth // difference (b)
	}
	n0 := len(b)
	for {
		num2, typ2, n := protowire.ConsumeTag(b)
		if n < 0 {
			return n, nil
		}
		if num2 > protowire.MaxValidNumber {
			return 0, wire.ErrFieldNumber // difference (a)
		}
		b = b[n:]
		if typ2 == protowire.EndGroupType {
			if num2 != num {
				return pwEndGroup, nil
			}
			return n0 - len(b), nil
		}
		m, diff := refValue(num2, typ2, b, depth+1, maxDepth)
		if diff != nil || m < 0 {
			return m, diff
		}
		b = b[m:]
	}
}

// refField is refValue for a whole field (tag and value): protowire's
// ConsumeField, or a deliberate difference. It also returns the tag's
// number, type and length.
func refField(b []byte, depth, maxDepth int) (num protowire.Number, typ protowire.Type, tn, n int, diff error) {
	num, typ, tn = protowire.ConsumeTag(b)
	if tn < 0 {
		return 0, 0, tn, tn, nil
	}
	if num > protowire.MaxValidNumber {
		return num, typ, tn, 0, wire.ErrFieldNumber // difference (a)
	}
	m, diff := refValue(num, typ, b[tn:], depth, maxDepth)
	if diff != nil || m < 0 {
		return num, typ, tn, m, diff
	}
	return num, typ, tn, tn + m, nil
}

// differ compares wire's answer with the reference's on one input.
type differ struct {
	t  *testing.T
	in []byte
}

// same checks wire's (err, got) against the reference's (n, diff, want): a
// deliberate difference must be wire's error class; a protowire error must be
// a wire error of the matching class; a protowire success must be a wire
// success with equal results.
func (d differ) same(what string, err error, n int, diff error, got, want []any) {
	t := d.t
	t.Helper()
	if err != nil {
		var we *wire.Error
		if !errors.As(err, &we) {
			t.Fatalf("%s(%x): error %v (%T) is not a *wire.Error", what, d.in, err, err)
		}
		if we.Offset < -1 || we.Offset > int64(len(d.in)) {
			t.Fatalf("%s(%x): error offset %d outside the input (%v)", what, d.in, we.Offset, err)
		}
		_ = err.Error()
	}
	switch {
	case diff != nil:
		if !errors.Is(err, diff) {
			t.Fatalf("%s(%x): deliberate difference: want %v, got %v", what, d.in, diff, err)
		}
	case n < 0:
		class := pwClass()[protowire.ParseError(n)]
		if class == nil || !errors.Is(err, class) {
			t.Fatalf("%s(%x): protowire: %v, wire: %v", what, d.in, protowire.ParseError(n), err)
		}
	case err != nil:
		t.Fatalf("%s(%x): protowire accepts %v, wire: %v", what, d.in, want, err)
	default:
		if !equalAnys(got, want) {
			t.Fatalf("%s(%x): wire %v, protowire %v", what, d.in, got, want)
		}
	}
}

func equalAnys(got, want []any) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if g, ok := got[i].([]byte); ok {
			w, ok := want[i].([]byte)
			if !ok || !bytes.Equal(g, w) {
				return false
			}
			continue
		}
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

// groupNumbers are the group field numbers each input is read with: small
// ones, the largest valid one, and the number of the input's own first tag
// (so that matching end groups are common).
func groupNumbers(in []byte) []protowire.Number {
	nums := []protowire.Number{1, 2, 3, protowire.MaxValidNumber}
	if num, _, n := protowire.ConsumeTag(in); n > 0 && num <= protowire.MaxValidNumber && num > 3 && num != protowire.MaxValidNumber {
		nums = append(nums, num)
	}
	return nums
}

func FuzzWireConsume(f *testing.F) {
	for _, in := range wireSeeds() {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		d := differ{t, in}
		maxDepth := wire.DefaultMaxDepth

		{
			v, n, err := wire.ConsumeVarint(in)
			pv, pn := protowire.ConsumeVarint(in)
			d.same("ConsumeVarint", err, pn, nil, []any{v, n}, []any{pv, pn})
			if err == nil {
				// The encoders agree on what was read.
				if !bytes.Equal(wire.AppendVarint(nil, v), protowire.AppendVarint(nil, v)) || wire.SizeVarint(v) != protowire.SizeVarint(v) {
					t.Fatalf("AppendVarint/SizeVarint(%d) differ from protowire", v)
				}
				if wire.DecodeZigZag(v) != protowire.DecodeZigZag(v) || wire.EncodeZigZag(int64(v)) != protowire.EncodeZigZag(int64(v)) {
					t.Fatalf("zigzag of %d differs from protowire", v)
				}
			}
		}
		{
			num, typ, n, err := wire.ConsumeTag(in)
			pnum, ptyp, pn := protowire.ConsumeTag(in)
			var diff error
			if pn > 0 && pnum > protowire.MaxValidNumber {
				diff = wire.ErrFieldNumber // difference (a)
			}
			d.same("ConsumeTag", err, pn, diff, []any{int64(num), int(typ), n}, []any{int64(pnum), int(ptyp), pn})
			if err == nil {
				if !bytes.Equal(wire.AppendTag(nil, num, typ), protowire.AppendTag(nil, pnum, ptyp)) || wire.SizeTag(num) != protowire.SizeTag(pnum) {
					t.Fatalf("AppendTag/SizeTag(%d, %d) differ from protowire", num, typ)
				}
			}
		}
		{
			v, n, err := wire.ConsumeFixed32(in)
			pv, pn := protowire.ConsumeFixed32(in)
			d.same("ConsumeFixed32", err, pn, nil, []any{v, n}, []any{pv, pn})
			fv, n, err := wire.ConsumeFloat(in)
			d.same("ConsumeFloat", err, pn, nil, []any{math.Float32bits(fv), n}, []any{pv, pn})
		}
		{
			v, n, err := wire.ConsumeFixed64(in)
			pv, pn := protowire.ConsumeFixed64(in)
			d.same("ConsumeFixed64", err, pn, nil, []any{v, n}, []any{pv, pn})
			fv, n, err := wire.ConsumeDouble(in)
			d.same("ConsumeDouble", err, pn, nil, []any{math.Float64bits(fv), n}, []any{pv, pn})
		}
		{
			v, n, err := wire.ConsumeBytes(in)
			pv, pn := protowire.ConsumeBytes(in)
			d.same("ConsumeBytes", err, pn, nil, []any{v, n}, []any{pv, pn})
			if err == nil {
				if !bytes.Equal(wire.AppendBytes(nil, v), protowire.AppendBytes(nil, v)) || wire.SizeBytes(len(v)) != protowire.SizeBytes(len(v)) {
					t.Fatalf("AppendBytes/SizeBytes(%x) differ from protowire", v)
				}
				if len(v) > 0 && &v[0] != &in[n-len(v)] {
					t.Fatalf("ConsumeBytes(%x) does not alias its input", in)
				}
			}
		}
		for _, pnum := range groupNumbers(in) {
			num := wire.Number(pnum)
			rn, diff := refValue(pnum, protowire.StartGroupType, in, 1, maxDepth)
			v, n, err := wire.ConsumeGroup(num, in)
			pv, pn := protowire.ConsumeGroup(pnum, in)
			if diff == nil && rn != pn {
				t.Fatalf("test bug: the reference walk disagrees with protowire.ConsumeGroup(%d, %x): %d vs %d", pnum, in, rn, pn)
			}
			d.same("ConsumeGroup", err, pn, diff, []any{v, n}, []any{pv, pn})
			for typ := protowire.Type(0); typ < 8; typ++ {
				rn, diff := refValue(pnum, typ, in, 1, maxDepth)
				n, err := wire.ConsumeFieldValue(num, wire.Type(typ), in)
				pn := protowire.ConsumeFieldValue(pnum, typ, in)
				if diff == nil && rn != pn {
					t.Fatalf("test bug: the reference walk disagrees with protowire.ConsumeFieldValue(%d, %d, %x): %d vs %d", pnum, typ, in, rn, pn)
				}
				d.same("ConsumeFieldValue", err, pn, diff, []any{n}, []any{pn})
			}
		}
		{
			num, typ, n, err := wire.ConsumeField(in)
			pnum, ptyp, pn := protowire.ConsumeField(in)
			_, _, _, rn, diff := refField(in, 1, maxDepth)
			if diff == nil && rn != pn {
				t.Fatalf("test bug: the reference walk disagrees with protowire.ConsumeField(%x): %d vs %d", in, rn, pn)
			}
			d.same("ConsumeField", err, pn, diff, []any{int64(num), int(typ), n}, []any{int64(pnum), int(ptyp), pn})
		}

		// Bounded memory: the consume functions allocate at most an error.
		nums := groupNumbers(in)
		checkAlloc(t, "wire consume functions", len(in), 16, func() {
			wire.ConsumeVarint(in)
			wire.ConsumeTag(in)
			wire.ConsumeFixed32(in)
			wire.ConsumeFixed64(in)
			wire.ConsumeBytes(in)
			wire.ConsumeField(in)
			for _, num := range nums {
				wire.ConsumeGroup(wire.Number(num), in)
				for typ := wire.Type(0); typ < 8; typ++ {
					wire.ConsumeFieldValue(wire.Number(num), typ, in)
				}
			}
		})
	})
}

// FuzzWireReader walks arbitrary bytes as a message with wire.Reader and with
// a protowire.ConsumeField loop: the same fields (number, type, bytes, value,
// typed views), the same end, the same error class at the same field;
// descending into groups and into bytes fields (as embedded messages, up to
// a few levels). opts picks the mode (bit 6: Copy) and, with bit 7 set, a
// small depth limit (its low 4 bits), so that depth errors show on short
// inputs.
func FuzzWireReader(f *testing.F) {
	for _, in := range wireSeeds() {
		f.Add(in, uint8(0))
		f.Add(in, uint8(0x40))
	}
	f.Add([]byte{0x0b, 0x0b, 0x0b, 0x0c, 0x0c, 0x0c}, uint8(0x82))
	f.Add([]byte{0x0a, 0x04, 0x12, 0x02, 0x1a, 0x00}, uint8(0x81))
	f.Fuzz(func(t *testing.T, in []byte, opts uint8) {
		mode := wire.ZeroCopy
		if opts&0x40 != 0 {
			mode = wire.Copy
		}
		maxDepth := wire.DefaultMaxDepth
		if opts&0x80 != 0 {
			maxDepth = int(opts & 0x0f)
		}
		w := walker{t: t, in: in, mode: mode, maxDepth: maxDepth}
		r := wire.NewReader(in, mode)
		r.SetMaxDepth(maxDepth)
		w.walk(&r, in, 0, 0, 4)

		// Bounded memory: a walk allocates at most an error per reader
		// (plus copies in Copy mode, at most the input's size per level).
		checkAlloc(t, "wire.Reader walk", len(in), 16, func() {
			r := wire.NewReader(in, mode)
			r.SetMaxDepth(maxDepth)
			drain(&r, 4)
		})
	})
}

// drain walks r and its embedded messages and groups (levels deep) without
// checking anything, reading every bytes value in r's mode.
func drain(r *wire.Reader, levels int) {
	var b []byte
	for r.Next() {
		switch r.Type() {
		case wire.BytesType:
			r.Bytes(&b)
			if levels > 0 {
				rc := *r
				if sub, ok := rc.Message(); ok {
					drain(&sub, levels-1)
				}
			}
		case wire.StartGroupType:
			if sub, ok := r.Group(); ok {
				drain(&sub, levels)
			}
		}
	}
}

type walker struct {
	t        *testing.T
	in       []byte
	mode     wire.Mode
	maxDepth int
}

// walk compares r, a reader at depth over b (which starts at offset base of
// the whole input), with a protowire walk of b. levels bounds the descent
// into bytes fields. It reports whether the walk ended cleanly.
func (w *walker) walk(r *wire.Reader, b []byte, base, depth, levels int) bool {
	t := w.t
	t.Helper()
	off := 0
	for off < len(b) {
		rest := b[off:]
		abs := base + off
		num, typ, tn, n, diff := refField(rest, depth+1, w.maxDepth)
		if diff == nil && n >= 0 {
			if pnum, ptyp, pn := protowire.ConsumeField(rest); pn != n || pnum != num || ptyp != typ {
				t.Fatalf("test bug: the reference walk disagrees with protowire.ConsumeField(%x): %d vs %d", rest, n, pn)
			}
		}
		if diff != nil || n < 0 {
			class := diff
			if class == nil {
				class = pwClass()[protowire.ParseError(n)]
			}
			more := r.Next()
			var we *wire.Error
			if more || !errors.As(r.Err(), &we) || !errors.Is(we, class) {
				t.Fatalf("Reader(%x) at %d (depth %d): want %v, got next=%v err=%v", w.in, abs, depth, class, more, r.Err())
			}
			if we.Offset < int64(abs) || we.Offset > int64(base+len(b)) {
				t.Fatalf("Reader(%x): error %v at offset %d, field starts at %d", w.in, r.Err(), we.Offset, abs)
			}
			if r.Next() || r.Err() != error(we) {
				t.Fatalf("Reader(%x): error not sticky", w.in)
			}
			return false
		}
		if !r.Next() {
			t.Fatalf("Reader(%x) at %d: stopped (%v), protowire reads field %d type %d", w.in, abs, r.Err(), num, typ)
		}
		if r.Number() != wire.Number(num) || r.Type() != wire.Type(typ) || !bytes.Equal(r.Raw(), rest[:n]) || r.Offset() != abs {
			t.Fatalf("Reader(%x) at %d: got field %d type %d raw %x offset %d, want %d %d %x %d",
				w.in, abs, r.Number(), r.Type(), r.Raw(), r.Offset(), num, typ, rest[:n], abs)
		}
		w.value(r, num, typ, rest[tn:n], abs+tn, depth, levels)
		off += n
	}
	if r.Next() || r.Err() != nil {
		t.Fatalf("Reader(%x): after the last field: next=true or err %v", w.in, r.Err())
	}
	return true
}

// value checks the typed views of the current field, whose value bytes are
// val (at offset abs of the whole input).
func (w *walker) value(r *wire.Reader, num protowire.Number, typ protowire.Type, val []byte, abs, depth, levels int) {
	t := w.t
	t.Helper()
	var (
		u64 uint64
		u32 uint32
		i64 int64
		i32 int32
		bl  bool
		f32 float32
		f64 float64
		bs  []byte
	)
	isVarint, isF32, isF64 := typ == protowire.VarintType, typ == protowire.Fixed32Type, typ == protowire.Fixed64Type
	// Accessors of another wire type leave the field alone and say false.
	if r.Uint64(&u64) != isVarint || r.Uint32(&u32) != isVarint || r.Int64(&i64) != isVarint ||
		r.Int32(&i32) != isVarint || r.Sint64(&i64) != isVarint || r.Sint32(&i32) != isVarint ||
		r.Bool(&bl) != isVarint || r.Fixed32(&u32) != isF32 || r.Float(&f32) != isF32 ||
		r.Fixed64(&u64) != isF64 || r.Double(&f64) != isF64 {
		t.Fatalf("Reader(%x) at %d: an accessor's answer does not fit wire type %d", w.in, abs, typ)
	}
	switch typ {
	case protowire.VarintType:
		v, _ := protowire.ConsumeVarint(val)
		r.Uint64(&u64)
		r.Uint32(&u32)
		r.Int32(&i32)
		r.Bool(&bl)
		var s64 int64
		var s32 int32
		r.Sint64(&s64)
		r.Sint32(&s32)
		if r.Value() != v || u64 != v || u32 != uint32(v) || i32 != int32(v) || bl != protowire.DecodeBool(v) ||
			s64 != protowire.DecodeZigZag(v) || s32 != int32(protowire.DecodeZigZag(v&math.MaxUint32)) {
			t.Fatalf("Reader(%x) at %d: varint views of %d wrong", w.in, abs, v)
		}
		var vs []uint64
		if rc := *r; !wire.UnpackVarints(&rc, &vs) || len(vs) != 1 || vs[0] != v {
			t.Fatalf("Reader(%x) at %d: UnpackVarints of an unpacked %d: %v (%v)", w.in, abs, v, vs, rc.Err())
		}
	case protowire.Fixed32Type:
		v, _ := protowire.ConsumeFixed32(val)
		r.Fixed32(&u32)
		r.Float(&f32)
		if r.Value() != uint64(v) || u32 != v || math.Float32bits(f32) != v {
			t.Fatalf("Reader(%x) at %d: fixed32 views of %d wrong", w.in, abs, v)
		}
	case protowire.Fixed64Type:
		v, _ := protowire.ConsumeFixed64(val)
		r.Fixed64(&u64)
		r.Double(&f64)
		if r.Value() != v || u64 != v || math.Float64bits(f64) != v {
			t.Fatalf("Reader(%x) at %d: fixed64 views of %d wrong", w.in, abs, v)
		}
	case protowire.BytesType:
		v, _ := protowire.ConsumeBytes(val)
		if !r.Bytes(&bs) || !bytes.Equal(bs, v) || !bytes.Equal(r.Data(), v) || (len(v) == 0) != (bs == nil) {
			t.Fatalf("Reader(%x) at %d: bytes %x, got %x / %x", w.in, abs, v, bs, r.Data())
		}
		if len(v) > 0 && (&bs[0] == &r.Data()[0]) != (w.mode == wire.ZeroCopy) {
			t.Fatalf("Reader(%x) at %d: Bytes aliasing does not follow the mode %d", w.in, abs, w.mode)
		}
		w.str(r, v, abs)
		w.packed(r, v, abs)
		if levels > 0 {
			// Message at even depths; at odd ones MessageInto, in place: the
			// copy of r becomes the embedded message's reader.
			rc := *r
			var sub wire.Reader
			var ok bool
			if depth%2 == 0 {
				sub, ok = rc.Message()
			} else if ok = rc.MessageInto(&rc); ok {
				sub = rc
			}
			if depth >= w.maxDepth {
				if ok || !errors.Is(rc.Err(), wire.ErrDepth) {
					t.Fatalf("Reader(%x) at %d: Message at depth %d of %d: ok=%v err=%v", w.in, abs, depth, w.maxDepth, ok, rc.Err())
				}
			} else {
				if !ok || sub.Depth() != depth+1 || sub.Mode() != w.mode {
					t.Fatalf("Reader(%x) at %d: Message failed: %v", w.in, abs, rc.Err())
				}
				w.walk(&sub, v, abs+len(val)-len(v), depth+1, levels-1)
			}
		}
	case protowire.StartGroupType:
		v, _ := protowire.ConsumeGroup(num, val)
		if !bytes.Equal(r.Data(), v) {
			t.Fatalf("Reader(%x) at %d: group data %x, want %x", w.in, abs, r.Data(), v)
		}
		if rc := *r; func() bool { _, ok := rc.Message(); return ok }() {
			t.Fatalf("Reader(%x) at %d: Message of a group", w.in, abs)
		}
		g, ok := r.Group()
		if !ok || g.Depth() != depth+1 {
			t.Fatalf("Reader(%x) at %d: Group failed: %v", w.in, abs, r.Err())
		}
		w.walk(&g, v, abs, depth+1, levels)
	}
}

// str checks String on a copy of the reader (an error is sticky).
func (w *walker) str(r *wire.Reader, v []byte, abs int) {
	t := w.t
	t.Helper()
	rc := *r
	s := "unset"
	ok := rc.String(&s)
	if ok != utf8.Valid(v) {
		t.Fatalf("Reader(%x) at %d: String(%q) ok=%v, utf8.Valid=%v", w.in, abs, v, ok, !ok)
	}
	if !ok {
		if s != "unset" || !errors.Is(rc.Err(), wire.ErrUTF8) || rc.Next() {
			t.Fatalf("Reader(%x) at %d: String of invalid UTF-8: %q, %v", w.in, abs, s, rc.Err())
		}
		return
	}
	if s != string(v) {
		t.Fatalf("Reader(%x) at %d: String %q, want %q", w.in, abs, s, v)
	}
	if len(v) > 0 && (unsafe.StringData(s) == &v[0]) != (w.mode == wire.ZeroCopy) {
		t.Fatalf("Reader(%x) at %d: String aliasing does not follow the mode %d", w.in, abs, w.mode)
	}
}

// packed checks the packed decoders on a copy of the reader against a
// protowire loop over v.
func (w *walker) packed(r *wire.Reader, v []byte, abs int) {
	t := w.t
	t.Helper()
	var want []uint64
	var perr error
	for d := v; len(d) > 0; {
		x, n := protowire.ConsumeVarint(d)
		if n < 0 {
			perr = pwClass()[protowire.ParseError(n)]
			break
		}
		want = append(want, x)
		d = d[n:]
	}
	rc := *r
	var got []uint64
	ok := wire.UnpackVarints(&rc, &got)
	if perr != nil {
		if ok || !errors.Is(rc.Err(), perr) {
			t.Fatalf("Reader(%x) at %d: packed varints %x: want %v, got ok=%v %v", w.in, abs, v, perr, ok, rc.Err())
		}
	} else if !ok || len(got) != len(want) || (len(want) > 0 && !equalU64(got, want)) {
		t.Fatalf("Reader(%x) at %d: packed varints %x: got %v (%v), want %v", w.in, abs, v, got, rc.Err(), want)
	}
	if perr == nil {
		rc := *r
		var z []int32
		wire.UnpackZigZags(&rc, &z)
		for i, x := range want {
			if z[i] != int32(protowire.DecodeZigZag(x&math.MaxUint32)) {
				t.Fatalf("Reader(%x) at %d: packed sint32 %d", w.in, abs, i)
			}
		}
	}
	for _, size := range []int{4, 8} {
		rc := *r
		var got []uint64
		var ok bool
		if size == 4 {
			var g32 []uint32
			ok = wire.UnpackFixed32s(&rc, &g32)
			for _, x := range g32 {
				got = append(got, uint64(x))
			}
		} else {
			ok = wire.UnpackFixed64s(&rc, &got)
		}
		if len(v)%size != 0 {
			if ok || !errors.Is(rc.Err(), wire.ErrTruncated) {
				t.Fatalf("Reader(%x) at %d: packed fixed%d of %d bytes: ok=%v %v", w.in, abs, size*8, len(v), ok, rc.Err())
			}
			continue
		}
		if !ok || len(got) != len(v)/size {
			t.Fatalf("Reader(%x) at %d: packed fixed%d: ok=%v %d values", w.in, abs, size*8, ok, len(got))
		}
		for i := range got {
			var x uint64
			if size == 4 {
				y, _ := protowire.ConsumeFixed32(v[4*i:])
				x = uint64(y)
			} else {
				x, _ = protowire.ConsumeFixed64(v[8*i:])
			}
			if got[i] != x {
				t.Fatalf("Reader(%x) at %d: packed fixed%d[%d] = %d, want %d", w.in, abs, size*8, i, got[i], x)
			}
		}
	}
}

func equalU64(a, b []uint64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// wireSeeds are inputs at the edges of the wire format, valid messages
// (built with protowire, some with overlong encodings), and what the golden
// corpus and samples hold.
func wireSeeds() [][]byte {
	ins := [][]byte{
		{}, {0x00}, {0x01}, {0x7f}, {0x80}, {0x80, 0x00}, {0xff, 0x80, 0x00}, {0xff, 0x7f},
		{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01},       // 1<<63
		{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00},       // 0 in 10 bytes
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},       // MaxUint64
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02},       // overflow
		{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, // 11 bytes
		{0x88, 0x00, 0x01},                   // field 1, overlong tag
		{0x0a, 0x82, 0x00, 0x61, 0x62},       // bytes, overlong length
		{0x0a, 0x02, 0xc3, 0x28},             // bytes: invalid UTF-8
		{0x0a, 0x03, 0x08, 0x96, 0x01},       // bytes: an embedded message
		{0x0a, 0x04, 0x08, 0x01, 0x10, 0x02}, // bytes: packed varints
		{0x0a, 0x08, 1, 0, 0, 0, 2, 0, 0, 0}, // bytes: packed fixed32
		{0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f}, // a length beyond the input
		{0x0d, 1, 2, 3, 4}, {0x09, 1, 2, 3, 4, 5, 6, 7, 8}, {0x0d, 1, 2},
		{0xfd, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3, 4}, // field 2^29-1, fixed32
		{0x80, 0x80, 0x80, 0x80, 0x10, 0x00},       // field 2^29: difference (a)
		{0xf8, 0xff, 0xff, 0xff, 0x7f, 0x00},       // field MaxInt32: difference (a)
		{0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00}, // field 2^31
		{0x0b, 0x0c}, {0x0b, 0x08, 0x01, 0x0c}, {0x0b, 0x8c, 0x00}, {0x0b, 0x8c, 0x80, 0x00},
		{0x0b, 0x14}, {0x0b, 0x13, 0x14, 0x0c}, {0x0b, 0x13, 0x0c, 0x14}, {0x0c}, {0x0b},
		{0x0b, 0x80, 0x80, 0x80, 0x80, 0x10, 0x00, 0x0c}, // group holding field 2^29
		{0x0e}, {0x0f}, {0x0b, 0x0e, 0x0c},
	}
	// Groups nested 100 levels (the limit) and 101 (difference (b)).
	for _, levels := range []int{wire.DefaultMaxDepth, wire.DefaultMaxDepth + 1} {
		var b []byte
		for range levels {
			b = protowire.AppendTag(b, 1, protowire.StartGroupType)
		}
		for range levels {
			b = protowire.AppendTag(b, 1, protowire.EndGroupType)
		}
		ins = append(ins, b)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 24 {
		ins = append(ins, randproto.Message(rng, 4))
	}
	return append(ins, corpusSeeds()...)
}
