package wire

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"testing"
	"unsafe"
)

// fieldPos is where one field sits in a hand-built message: its tag's offset
// and the offset just past its value, both counted in the outermost buffer.
type fieldPos struct {
	num      Number
	typ      Type
	off, end int
}

// msgBuilder writes a message field by field and remembers where each field
// went, so that tests can check Offset, Raw and Data against it.
type msgBuilder struct {
	b      []byte
	fields []fieldPos
}

func (m *msgBuilder) field(num Number, typ Type, value func([]byte) []byte) {
	off := len(m.b)
	m.b = value(AppendTag(m.b, num, typ))
	m.fields = append(m.fields, fieldPos{num, typ, off, len(m.b)})
}

func (m *msgBuilder) varint(num Number, v uint64) {
	m.field(num, VarintType, func(b []byte) []byte { return AppendVarint(b, v) })
}

func (m *msgBuilder) bytes(num Number, v []byte) {
	m.field(num, BytesType, func(b []byte) []byte { return AppendBytes(b, v) })
}

// message appends sub as the embedded message of field num and returns the
// offset of sub's first byte in m.
func (m *msgBuilder) message(num Number, sub *msgBuilder) int {
	start := 0
	m.field(num, BytesType, func(b []byte) []byte {
		b = AppendVarint(b, uint64(len(sub.b)))
		start = len(b)
		return append(b, sub.b...)
	})
	return start
}

// shifted returns fs with every offset moved by d.
func shifted(fs []fieldPos, d int) []fieldPos {
	out := make([]fieldPos, len(fs))
	for i, f := range fs {
		out[i] = fieldPos{f.num, f.typ, f.off + d, f.end + d}
	}
	return out
}

// Field numbers of the message of TestReaderFullWalk.
const (
	fUint64       Number = 1
	fInt32        Number = 2
	fSint32       Number = 3
	fSint64       Number = 4
	fBool         Number = 5
	fFixed32      Number = 6
	fFixed64      Number = 7
	fFloat        Number = 8
	fDouble       Number = 9
	fBytes        Number = 10
	fString       Number = 11
	fEmbedded     Number = 12
	fPackedU32    Number = 13 // repeated uint32, sent packed and unpacked
	fPackedS64    Number = 14 // repeated sint64
	fPackedF32    Number = 15 // repeated fixed32
	fPackedF64    Number = 16 // repeated fixed64
	fPackedFloat  Number = 17 // repeated float
	fPackedDouble Number = 18 // repeated double
	fPackedBool   Number = 19 // repeated bool
	fMisString    Number = 20 // declared string, sent as a varint
	fMisDouble    Number = 21 // declared double, sent as a fixed32
)

// full is what the walk decodes; the slices are preallocated by the caller
// for the allocation test.
type full struct {
	U64     uint64
	I32     int32
	S32     int32
	S64     int64
	Bool    bool
	F32     uint32
	F64     uint64
	Float   float32
	Double  float64
	Bytes   []byte
	Str     string
	Emb     embedded
	U32s    []uint32
	S64s    []int64
	F32s    []uint32
	F64s    []uint64
	Floats  []float32
	Doubles []float64
	Bools   []bool
	MisStr  string
	MisDbl  float64

	Unknown  []Number // numbers of fields the walk did not know
	Rejected []Number // numbers whose accessor returned false
}

type embedded struct {
	Name    string
	Count   uint32
	Unknown int
	Deep    struct {
		V int64
		D []byte
	}
}

func (f *full) reset() {
	*f = full{
		U32s: f.U32s[:0], S64s: f.S64s[:0], F32s: f.F32s[:0], F64s: f.F64s[:0],
		Floats: f.Floats[:0], Doubles: f.Doubles[:0], Bools: f.Bools[:0],
		Unknown: f.Unknown[:0], Rejected: f.Rejected[:0],
		MisStr: "keep", MisDbl: 42,
	}
}

func newFull() *full {
	f := &full{
		U32s: make([]uint32, 0, 16), S64s: make([]int64, 0, 16), F32s: make([]uint32, 0, 16),
		F64s: make([]uint64, 0, 16), Floats: make([]float32, 0, 16), Doubles: make([]float64, 0, 16),
		Bools: make([]bool, 0, 16), Unknown: make([]Number, 0, 16), Rejected: make([]Number, 0, 16),
	}
	f.reset()
	return f
}

// decodeFull walks the message with r, as a decoder generated for its schema
// would.
func decodeFull(r *Reader, d *full) error {
	for r.Next() {
		ok := true
		switch r.Number() {
		case fUint64:
			ok = r.Uint64(&d.U64)
		case fInt32:
			ok = r.Int32(&d.I32)
		case fSint32:
			ok = r.Sint32(&d.S32)
		case fSint64:
			ok = r.Sint64(&d.S64)
		case fBool:
			ok = r.Bool(&d.Bool)
		case fFixed32:
			ok = r.Fixed32(&d.F32)
		case fFixed64:
			ok = r.Fixed64(&d.F64)
		case fFloat:
			ok = r.Float(&d.Float)
		case fDouble:
			ok = r.Double(&d.Double)
		case fBytes:
			ok = r.Bytes(&d.Bytes)
		case fString:
			ok = r.String(&d.Str)
		case fEmbedded:
			var sub Reader
			if ok = r.MessageInto(&sub); ok {
				if err := decodeEmbedded(&sub, &d.Emb); err != nil {
					return r.Fail(err)
				}
			}
		case fPackedU32:
			ok = UnpackVarints(r, &d.U32s)
		case fPackedS64:
			ok = UnpackZigZags(r, &d.S64s)
		case fPackedF32:
			ok = UnpackFixed32s(r, &d.F32s)
		case fPackedF64:
			ok = UnpackFixed64s(r, &d.F64s)
		case fPackedFloat:
			ok = r.UnpackFloats(&d.Floats)
		case fPackedDouble:
			ok = r.UnpackDoubles(&d.Doubles)
		case fPackedBool:
			ok = r.UnpackBools(&d.Bools)
		case fMisString:
			ok = r.String(&d.MisStr)
		case fMisDouble:
			ok = r.Double(&d.MisDbl)
		default:
			d.Unknown = append(d.Unknown, r.Number())
		}
		if !ok {
			d.Rejected = append(d.Rejected, r.Number())
		}
	}
	return r.Err()
}

func decodeEmbedded(r *Reader, e *embedded) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.String(&e.Name)
		case 2:
			r.Uint32(&e.Count)
		case 3:
			if sub, ok := r.Message(); ok {
				for sub.Next() {
					switch sub.Number() {
					case 1:
						sub.Int64(&e.Deep.V)
					case 2:
						sub.Bytes(&e.Deep.D)
					}
				}
				if err := sub.Err(); err != nil {
					return r.Fail(err)
				}
			}
		default:
			e.Unknown++
		}
	}
	return r.Err()
}

// fullMsg is the hand-built message, with where its fields are.
type fullMsg struct {
	b     []byte
	top   []fieldPos // the outer message's fields
	emb   []fieldPos // field 12's fields
	deep  []fieldPos // field 12.3's fields
	group []fieldPos // the fields of unknown group 104
	inner []fieldPos // the fields of group 104.2
}

func buildFull() fullMsg {
	var deep msgBuilder
	deep.field(1, VarintType, func(b []byte) []byte { return AppendInt64(b, -42) })
	deep.bytes(2, []byte("deep"))

	var emb msgBuilder
	emb.bytes(1, []byte("inner"))
	emb.varint(2, 7)
	emb.varint(99, 1) // unknown to decodeEmbedded
	deepStart := emb.message(3, &deep)

	var m msgBuilder
	m.varint(fUint64, 150)
	m.field(fInt32, VarintType, func(b []byte) []byte { return AppendInt32(b, -1) })
	m.field(fSint32, VarintType, func(b []byte) []byte { return AppendSint32(b, math.MinInt32) })
	m.field(fSint64, VarintType, func(b []byte) []byte { return AppendSint64(b, math.MinInt64) })
	m.field(fBool, VarintType, func(b []byte) []byte { return AppendBool(b, true) })
	m.field(fFixed32, Fixed32Type, func(b []byte) []byte { return AppendFixed32(b, 0xdeadbeef) })
	m.field(fFixed64, Fixed64Type, func(b []byte) []byte { return AppendFixed64(b, 0x0102030405060708) })
	m.field(fPackedU32, BytesType, func(b []byte) []byte { return AppendPackedVarint(b, []uint32{1, 300, 70000}) })
	m.field(fFloat, Fixed32Type, func(b []byte) []byte { return AppendFloat(b, 1.5) })
	m.field(fDouble, Fixed64Type, func(b []byte) []byte { return AppendDouble(b, -2.25) })
	m.bytes(fBytes, []byte{0, 1, 2, 0xff})
	m.field(fString, BytesType, func(b []byte) []byte { return AppendString(b, "héllo") })
	m.varint(fPackedU32, 5) // the same field, unpacked
	embStart := m.message(fEmbedded, &emb)
	m.field(fPackedS64, BytesType, func(b []byte) []byte {
		return AppendPackedZigZag(b, []int64{-1, 0, 1, math.MinInt64, math.MaxInt64})
	})
	m.field(fPackedF32, BytesType, func(b []byte) []byte { return AppendPackedFixed32(b, []uint32{1, math.MaxUint32}) })
	m.field(fPackedF64, BytesType, func(b []byte) []byte { return AppendPackedFixed64(b, []uint64{2, math.MaxUint64}) })
	m.field(fPackedFloat, BytesType, func(b []byte) []byte { return AppendPackedFloat(b, []float32{0.5, float32(math.Inf(-1))}) })
	m.field(fPackedDouble, BytesType, func(b []byte) []byte { return AppendPackedDouble(b, []float64{1e300, -0.125}) })
	m.field(fPackedBool, BytesType, func(b []byte) []byte { return AppendPackedBool(b, []bool{true, false, true}) })
	m.field(fPackedU32, BytesType, func(b []byte) []byte { return AppendPackedVarint(b, []uint32{6, math.MaxUint32}) })

	// Unknown fields of every wire type, the group holding a group.
	m.varint(100, 1<<40)
	m.field(101, Fixed64Type, func(b []byte) []byte { return AppendFixed64(b, 7) })
	m.bytes(102, []byte("skip me"))
	m.field(103, Fixed32Type, func(b []byte) []byte { return AppendFixed32(b, 9) })
	var group, inner msgBuilder
	m.field(104, StartGroupType, func(b []byte) []byte {
		group.b = b // build the group in place, so its offsets are absolute
		group.varint(1, 1)
		group.field(2, StartGroupType, func(b []byte) []byte {
			inner.b = b
			inner.field(3, Fixed32Type, func(b []byte) []byte { return AppendFixed32(b, 3) })
			inner.bytes(4, []byte("x"))
			return AppendTag(inner.b, 2, EndGroupType)
		})
		group.field(5, Fixed64Type, func(b []byte) []byte { return AppendFixed64(b, 5) })
		return AppendTag(group.b, 104, EndGroupType)
	})

	// A field whose wire type does not fit its declaration, twice.
	m.varint(fMisString, 7)
	m.field(fMisDouble, Fixed32Type, func(b []byte) []byte { return AppendFixed32(b, 1) })
	// A singular field again: the last one wins.
	m.varint(fUint64, 151)

	return fullMsg{
		b:     m.b,
		top:   m.fields,
		emb:   shifted(emb.fields, embStart),
		deep:  shifted(deep.fields, embStart+deepStart),
		group: group.fields,
		inner: inner.fields,
	}
}

func checkFull(t *testing.T, d *full) {
	t.Helper()
	eq := func(name string, got, want any) {
		t.Helper()
		switch g := got.(type) {
		case []byte:
			if !bytes.Equal(g, want.([]byte)) {
				t.Errorf("%s = %q, want %q", name, g, want)
			}
			return
		}
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	eq("uint64 (last one wins)", d.U64, uint64(151))
	eq("int32", d.I32, int32(-1))
	eq("sint32", d.S32, int32(math.MinInt32))
	eq("sint64", d.S64, int64(math.MinInt64))
	eq("bool", d.Bool, true)
	eq("fixed32", d.F32, uint32(0xdeadbeef))
	eq("fixed64", d.F64, uint64(0x0102030405060708))
	eq("float", d.Float, float32(1.5))
	eq("double", d.Double, -2.25)
	eq("bytes", d.Bytes, []byte{0, 1, 2, 0xff})
	eq("string", d.Str, "héllo")
	eq("embedded name", d.Emb.Name, "inner")
	eq("embedded count", d.Emb.Count, uint32(7))
	eq("embedded unknown", d.Emb.Unknown, 1)
	eq("deep int64", d.Emb.Deep.V, int64(-42))
	eq("deep bytes", d.Emb.Deep.D, []byte("deep"))
	eq("mismatched string untouched", d.MisStr, "keep")
	eq("mismatched double untouched", d.MisDbl, 42.0)
	if want := []uint32{1, 300, 70000, 5, 6, math.MaxUint32}; !slices.Equal(d.U32s, want) {
		t.Errorf("packed+unpacked uint32 = %v, want %v", d.U32s, want)
	}
	if want := []int64{-1, 0, 1, math.MinInt64, math.MaxInt64}; !slices.Equal(d.S64s, want) {
		t.Errorf("packed sint64 = %v, want %v", d.S64s, want)
	}
	if want := []uint32{1, math.MaxUint32}; !slices.Equal(d.F32s, want) {
		t.Errorf("packed fixed32 = %v, want %v", d.F32s, want)
	}
	if want := []uint64{2, math.MaxUint64}; !slices.Equal(d.F64s, want) {
		t.Errorf("packed fixed64 = %v, want %v", d.F64s, want)
	}
	if want := []float32{0.5, float32(math.Inf(-1))}; !slices.Equal(d.Floats, want) {
		t.Errorf("packed float = %v, want %v", d.Floats, want)
	}
	if want := []float64{1e300, -0.125}; !slices.Equal(d.Doubles, want) {
		t.Errorf("packed double = %v, want %v", d.Doubles, want)
	}
	if want := []bool{true, false, true}; !slices.Equal(d.Bools, want) {
		t.Errorf("packed bool = %v, want %v", d.Bools, want)
	}
	if want := []Number{100, 101, 102, 103, 104}; !slices.Equal(d.Unknown, want) {
		t.Errorf("unknown fields = %v, want %v", d.Unknown, want)
	}
	if want := []Number{fMisString, fMisDouble}; !slices.Equal(d.Rejected, want) {
		t.Errorf("rejected fields = %v, want %v", d.Rejected, want)
	}
}

func TestReaderFullWalk(t *testing.T) {
	msg := buildFull()
	for _, mode := range []Mode{ZeroCopy, Copy} {
		d := newFull()
		r := NewReader(msg.b, mode)
		if r.Mode() != mode || r.Depth() != 0 {
			t.Fatalf("mode %v depth %d", r.Mode(), r.Depth())
		}
		if err := decodeFull(&r, d); err != nil {
			t.Fatalf("mode %d: %v", mode, err)
		}
		if r.Err() != nil {
			t.Fatalf("mode %d: Err() = %v", mode, r.Err())
		}
		if r.Next() {
			t.Fatal("Next after the end returned true")
		}
		checkFull(t, d)
	}
}

// The raw accessors report the value's bits and set nothing when the wire
// type does not fit.
func TestReaderAccessorsRefuseOtherTypes(t *testing.T) {
	var b []byte
	b = AppendVarint(AppendTag(b, 1, VarintType), 300)
	b = AppendFixed32(AppendTag(b, 2, Fixed32Type), 7)
	b = AppendFixed64(AppendTag(b, 3, Fixed64Type), 8)
	b = AppendString(AppendTag(b, 4, BytesType), "s")
	b = AppendTag(AppendTag(b, 5, StartGroupType), 5, EndGroupType)
	r := NewReader(b, ZeroCopy)

	type accessor struct {
		name string
		typ  Type // the only wire type it takes (BytesType also for packed)
		call func(r *Reader) bool
	}
	var (
		u64 uint64 = 1
		u32 uint32 = 1
		i64 int64  = 1
		i32 int32  = 1
		bo         = true
		f32 float32
		f64 float64
		bs  []byte
		s   string
	)
	accessors := []accessor{
		{"Uint64", VarintType, func(r *Reader) bool { return r.Uint64(&u64) }},
		{"Uint32", VarintType, func(r *Reader) bool { return r.Uint32(&u32) }},
		{"Int64", VarintType, func(r *Reader) bool { return r.Int64(&i64) }},
		{"Int32", VarintType, func(r *Reader) bool { return r.Int32(&i32) }},
		{"Sint64", VarintType, func(r *Reader) bool { return r.Sint64(&i64) }},
		{"Sint32", VarintType, func(r *Reader) bool { return r.Sint32(&i32) }},
		{"Bool", VarintType, func(r *Reader) bool { return r.Bool(&bo) }},
		{"Fixed32", Fixed32Type, func(r *Reader) bool { return r.Fixed32(&u32) }},
		{"Float", Fixed32Type, func(r *Reader) bool { return r.Float(&f32) }},
		{"Fixed64", Fixed64Type, func(r *Reader) bool { return r.Fixed64(&u64) }},
		{"Double", Fixed64Type, func(r *Reader) bool { return r.Double(&f64) }},
		{"Bytes", BytesType, func(r *Reader) bool { return r.Bytes(&bs) }},
		{"String", BytesType, func(r *Reader) bool { return r.String(&s) }},
		{"Message", BytesType, func(r *Reader) bool { _, ok := r.Message(); return ok }},
		{"Group", StartGroupType, func(r *Reader) bool { _, ok := r.Group(); return ok }},
	}
	wantTypes := []Type{VarintType, Fixed32Type, Fixed64Type, BytesType, StartGroupType}
	wantValues := []uint64{300, 7, 8, 0, 0}
	for i := 0; r.Next(); i++ {
		if r.Type() != wantTypes[i] || r.Number() != Number(i+1) || r.Value() != wantValues[i] {
			t.Fatalf("field %d: number %d type %v value %d", i, r.Number(), r.Type(), r.Value())
		}
		for _, a := range accessors {
			u64, u32, i64, i32, bo, f32, f64, bs, s = 1, 1, 1, 1, true, 1, 1, []byte("x"), "x"
			ok := a.call(&r)
			if ok != (a.typ == r.Type()) {
				t.Errorf("%s on %v returned %v", a.name, r.Type(), ok)
			}
			if !ok && (u64 != 1 || u32 != 1 || i64 != 1 || i32 != 1 || !bo || f32 != 1 || f64 != 1 || string(bs) != "x" || s != "x") {
				t.Errorf("%s on %v refused but set a value", a.name, r.Type())
			}
		}
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
}

// Bytes and strings alias the input in ZeroCopy mode and do not in Copy mode.
func TestReaderModes(t *testing.T) {
	within := func(p unsafe.Pointer, n int, in []byte) bool {
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(in)))
		a := uintptr(p)
		return a >= lo && a+uintptr(n) <= lo+uintptr(len(in))
	}
	for _, mode := range []Mode{ZeroCopy, Copy} {
		msg := buildFull()
		in := msg.b
		d := newFull()
		r := NewReader(in, mode)
		if err := decodeFull(&r, d); err != nil {
			t.Fatal(err)
		}
		values := []struct {
			name string
			p    unsafe.Pointer
			n    int
		}{
			{"bytes", unsafe.Pointer(unsafe.SliceData(d.Bytes)), len(d.Bytes)},
			{"string", unsafe.Pointer(unsafe.StringData(d.Str)), len(d.Str)},
			{"embedded string", unsafe.Pointer(unsafe.StringData(d.Emb.Name)), len(d.Emb.Name)},
			{"deep bytes", unsafe.Pointer(unsafe.SliceData(d.Emb.Deep.D)), len(d.Emb.Deep.D)},
		}
		for _, v := range values {
			if got, want := within(v.p, v.n, in), mode == ZeroCopy; got != want {
				t.Errorf("mode %d: %s inside the input: %v, want %v", mode, v.name, got, want)
			}
		}
		// Overwrite the input: copies keep their values, aliases follow it.
		for i := range in {
			in[i] = 'Z'
		}
		if mode == Copy {
			checkFull(t, d)
		} else if d.Str != "ZZZZZZ" || string(d.Bytes) != "ZZZZ" || d.Emb.Name != "ZZZZZ" || string(d.Emb.Deep.D) != "ZZZZ" {
			t.Errorf("zero-copy values did not follow the input: %q %q %q %q", d.Str, d.Bytes, d.Emb.Name, d.Emb.Deep.D)
		}
	}
	// Empty values are nil and "" in both modes.
	in := AppendBytes(AppendTag(nil, 1, BytesType), nil)
	for _, mode := range []Mode{ZeroCopy, Copy} {
		r := NewReader(in, mode)
		bs, s := []byte("x"), "x"
		if !r.Next() || !r.Bytes(&bs) || !r.String(&s) || bs != nil || s != "" {
			t.Errorf("mode %d: empty value read as %q, %q", mode, bs, s)
		}
	}
}

// checkPositions walks r and compares each field with want.
func checkPositions(t *testing.T, name string, r *Reader, in []byte, want []fieldPos, base int) {
	t.Helper()
	i := 0
	for ; r.Next(); i++ {
		if i >= len(want) {
			t.Fatalf("%s: extra field %d", name, r.Number())
		}
		w := want[i]
		if r.Number() != w.num || r.Type() != w.typ || r.Offset() != w.off+base {
			t.Errorf("%s field %d: got number %d type %v offset %d, want %d %v %d",
				name, i, r.Number(), r.Type(), r.Offset(), w.num, w.typ, w.off+base)
		}
		if !bytes.Equal(r.Raw(), in[w.off:w.end]) {
			t.Errorf("%s field %d: Raw = % x, want % x", name, i, r.Raw(), in[w.off:w.end])
		}
		if cap(r.Raw()) != len(r.Raw()) {
			t.Errorf("%s field %d: Raw has spare capacity %d", name, i, cap(r.Raw()))
		}
		switch w.typ {
		case BytesType:
			if n := len(r.Data()); !bytes.Equal(r.Data(), in[w.end-n:w.end]) || SizeBytes(n) != w.end-w.off-SizeTag(w.num) {
				t.Errorf("%s field %d: Data = % x", name, i, r.Data())
			}
		case StartGroupType:
			n := len(r.Data())
			endTag := SizeTag(w.num)
			if !bytes.Equal(r.Data(), in[w.end-endTag-n:w.end-endTag]) {
				t.Errorf("%s field %d: group Data = % x", name, i, r.Data())
			}
		default:
			if r.Data() != nil {
				t.Errorf("%s field %d: Data of a %v is % x", name, i, w.typ, r.Data())
			}
		}
	}
	if r.Err() != nil || i != len(want) {
		t.Fatalf("%s: %d of %d fields, %v", name, i, len(want), r.Err())
	}
}

func TestReaderPositions(t *testing.T) {
	msg := buildFull()
	for _, base := range []int{0, 1000} {
		r := NewReader(msg.b, ZeroCopy)
		r.SetOffset(base)
		checkPositions(t, "top", &r, msg.b, msg.top, base)

		// The embedded messages and the groups, counted from the outermost input.
		r = NewReader(msg.b, ZeroCopy)
		r.SetOffset(base)
		for r.Next() {
			switch r.Number() {
			case fEmbedded:
				emb, ok := r.Message()
				if !ok || emb.Depth() != 1 {
					t.Fatalf("Message: %v, depth %d", ok, emb.Depth())
				}
				deepMsg := emb
				checkPositions(t, "embedded", &emb, msg.b, msg.emb, base)
				for deepMsg.Next() {
					if deepMsg.Number() == 3 {
						sub, _ := deepMsg.Message()
						if sub.Depth() != 2 {
							t.Fatalf("depth %d", sub.Depth())
						}
						checkPositions(t, "deep", &sub, msg.b, msg.deep, base)
					}
				}
			case 104:
				g, ok := r.Group()
				if !ok || g.Depth() != 1 {
					t.Fatalf("Group: %v, depth %d", ok, g.Depth())
				}
				inner := g
				checkPositions(t, "group", &g, msg.b, msg.group, base)
				for inner.Next() {
					if inner.Number() == 2 {
						h, ok := inner.Group()
						if !ok || h.Depth() != 2 {
							t.Fatalf("inner Group: %v, depth %d", ok, h.Depth())
						}
						checkPositions(t, "inner group", &h, msg.b, msg.inner, base)
					}
				}
			}
		}
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
	}
}

// Group reads a group's fields with the typed accessors.
func TestReaderGroup(t *testing.T) {
	var b []byte
	b = AppendVarint(AppendTag(b, 1, VarintType), 3)
	b = AppendTag(b, 2, StartGroupType)
	b = AppendSint64(AppendTag(b, 1, VarintType), -9)
	b = AppendString(AppendTag(b, 2, BytesType), "in group")
	b = AppendTag(b, 3, StartGroupType)
	b = AppendFixed32(AppendTag(b, 1, Fixed32Type), 77)
	b = AppendTag(b, 3, EndGroupType)
	b = AppendDouble(AppendTag(b, 4, Fixed64Type), 0.5)
	b = AppendTag(b, 2, EndGroupType)
	b = AppendVarint(AppendTag(b, 3, VarintType), 4)

	var (
		s64      int64
		str      string
		f32      uint32
		dbl      float64
		outer    []uint64
		sawInner bool
	)
	r := NewReader(b, ZeroCopy)
	for r.Next() {
		if r.Number() != 2 {
			var v uint64
			r.Uint64(&v)
			outer = append(outer, v)
			continue
		}
		g, ok := r.Group()
		if !ok {
			t.Fatal("Group refused a group")
		}
		for g.Next() {
			switch g.Number() {
			case 1:
				g.Sint64(&s64)
			case 2:
				g.String(&str)
			case 3:
				h, ok := g.Group()
				if !ok {
					t.Fatal("nested Group refused")
				}
				for h.Next() {
					sawInner = h.Fixed32(&f32)
				}
				if h.Err() != nil {
					t.Fatal(h.Err())
				}
			case 4:
				g.Double(&dbl)
			}
		}
		if g.Err() != nil {
			t.Fatal(g.Err())
		}
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	if s64 != -9 || str != "in group" || f32 != 77 || !sawInner || dbl != 0.5 || !slices.Equal(outer, []uint64{3, 4}) {
		t.Fatalf("read %d %q %d %v %v %v", s64, str, f32, sawInner, dbl, outer)
	}
}

// A group whose start tag is overlong: the offsets of its fields still count
// from the real start of its contents.
func TestReaderGroupOverlongTag(t *testing.T) {
	b := []byte{0x08, 0x01} // field 1 = 1
	groupTag := len(b)
	b = append(b, 0x93, 0x80, 0x00) // start-group 2, as a 3-byte varint (minimal: 0x13)
	first := len(b)
	b = AppendVarint(AppendTag(b, 1, VarintType), 5)
	second := len(b)
	b = append(b, 0x15, 0x01, 0x02) // field 2, fixed32, truncated inside the group
	b = AppendTag(b, 2, EndGroupType)

	// The group is malformed inside, so the outer walk fails at its tag.
	r := NewReader(b, ZeroCopy)
	for r.Next() {
	}
	var we *Error
	if !errors.As(r.Err(), &we) || !errors.Is(we, ErrTruncated) || we.Offset != int64(groupTag) || we.Field != 2 {
		t.Fatalf("outer walk: %v", r.Err())
	}

	// A well-formed group behind the same overlong tag.
	b = append(b[:second], 0x15, 1, 2, 3, 4)
	b = AppendTag(b, 2, EndGroupType)
	r = NewReader(b, ZeroCopy)
	r.SetOffset(10)
	r.Next() // field 1, before the group
	if !r.Next() || r.Number() != 2 || r.Offset() != 10+groupTag {
		t.Fatalf("group field: %d at %d, %v", r.Number(), r.Offset(), r.Err())
	}
	g, _ := r.Group()
	var offs []int
	for g.Next() {
		offs = append(offs, g.Offset())
	}
	if g.Err() != nil || !slices.Equal(offs, []int{10 + first, 10 + second}) {
		t.Fatalf("offsets in the group %v, want [%d %d]: %v", offs, 10+first, 10+second, g.Err())
	}
}

// Errors inside embedded messages count their offsets from the outermost
// input, and from the offset given to SetOffset.
func TestReaderErrorOffsetsInEmbeddedMessages(t *testing.T) {
	// deepest: field 1 = 1, then field 5 fixed32 cut short (3 bytes of 4).
	deepest := []byte{0x08, 0x01, 0x2d, 0xaa, 0xbb, 0xcc}
	badAt := 2
	var mid msgBuilder
	mid.varint(1, 1)
	deepStart := mid.message(7, &msgBuilder{b: deepest})
	var top msgBuilder
	top.bytes(1, []byte("abc"))
	midStart := top.message(2, &mid)

	// walkAll descends into every field named 2 or 7 as a message.
	var walkAll func(r *Reader) error
	walkAll = func(r *Reader) error {
		for r.Next() {
			if r.Number() == 2 || r.Number() == 7 {
				if sub, ok := r.Message(); ok {
					if err := walkAll(&sub); err != nil {
						return Within(err, "m")
					}
				}
			}
		}
		return r.Err()
	}
	for _, base := range []int{0, 37} {
		r := NewReader(top.b, ZeroCopy)
		r.SetOffset(base)
		err := walkAll(&r)
		var we *Error
		if !errors.As(err, &we) || !errors.Is(err, ErrTruncated) {
			t.Fatalf("got %v", err)
		}
		if want := base + midStart + deepStart + badAt; we.Offset != int64(want) || we.Field != 5 || we.Path() != "m.m" {
			t.Fatalf("base %d: error %v at %d in field %d path %q, want offset %d", base, err, we.Offset, we.Field, we.Path(), want)
		}
	}

	// Invalid UTF-8 in an embedded message: the offset of the string's bytes.
	var inner msgBuilder
	inner.varint(1, 1)
	inner.bytes(2, []byte{'a', 0xc0})
	var outer msgBuilder
	outer.varint(1, 9)
	innerStart := outer.message(3, &inner)
	r := NewReader(outer.b, ZeroCopy)
	r.SetOffset(5)
	var s string
	for r.Next() {
		if sub, ok := r.Message(); ok {
			for sub.Next() {
				if sub.Number() == 2 {
					sub.String(&s)
				}
			}
			r.Fail(sub.Err())
		}
	}
	var we *Error
	if want := 5 + innerStart + inner.fields[1].off + 2; !errors.As(r.Err(), &we) || !errors.Is(we, ErrUTF8) || we.Offset != int64(want) || we.Field != 2 {
		t.Fatalf("utf-8 error %v, want offset %d", r.Err(), want)
	}
}

func TestReaderMalformedPacked(t *testing.T) {
	// A packed varint field whose content ends inside a varint: 01 then 96.
	var m msgBuilder
	m.varint(1, 1)
	m.bytes(2, []byte{0x01, 0x96})
	m.varint(3, 1)
	r := NewReader(m.b, ZeroCopy)
	r.SetOffset(100)
	var vs []uint32
	fields := 0
	for r.Next() {
		fields++
		if r.Number() == 2 && UnpackVarints(&r, &vs) {
			t.Fatal("UnpackVarints accepted a truncated varint")
		}
	}
	var we *Error
	if want := 100 + m.fields[1].end - 1; !errors.As(r.Err(), &we) || !errors.Is(we, ErrTruncated) || we.Field != 2 || we.Offset != int64(want) {
		t.Fatalf("packed varint: %v, want ErrTruncated at %d", r.Err(), want)
	}
	if fields != 2 || !slices.Equal(vs, []uint32{1}) {
		t.Fatalf("read %d fields and %v after the error", fields, vs)
	}

	// Same for zigzag and bool, and a 10th byte above 1 is an overflow.
	for _, c := range []struct {
		content []byte
		want    error
	}{
		{[]byte{0x80}, ErrTruncated},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}, ErrOverflow},
	} {
		in := AppendBytes(AppendTag(nil, 4, BytesType), c.content)
		for name, read := range map[string]func(r *Reader) bool{
			"zigzag": func(r *Reader) bool { var s []int32; return UnpackZigZags(r, &s) },
			"bool":   func(r *Reader) bool { var s []bool; return r.UnpackBools(&s) },
			"int64":  func(r *Reader) bool { var s []int64; return UnpackVarints(r, &s) },
		} {
			r := NewReader(in, ZeroCopy)
			if !r.Next() || read(&r) || !errors.Is(r.Err(), c.want) || r.Next() {
				t.Errorf("%s of % x: %v, want %v", name, c.content, r.Err(), c.want)
			}
		}
	}

	// A packed fixed32 field of length 5, and fixed64 of length 12.
	for _, c := range []struct {
		name string
		n    int
		read func(r *Reader) bool
	}{
		{"fixed32", 5, func(r *Reader) bool { var s []uint32; return UnpackFixed32s(r, &s) }},
		{"float", 5, func(r *Reader) bool { var s []float32; return r.UnpackFloats(&s) }},
		{"fixed64", 12, func(r *Reader) bool { var s []int64; return UnpackFixed64s(r, &s) }},
		{"double", 12, func(r *Reader) bool { var s []float64; return r.UnpackDoubles(&s) }},
	} {
		in := AppendBytes(AppendTag([]byte{0x08, 0x01}, 6, BytesType), make([]byte, c.n))
		r := NewReader(in, ZeroCopy)
		r.Next()
		r.Next()
		if c.read(&r) {
			t.Fatalf("%s: length %d accepted", c.name, c.n)
		}
		if !errors.As(r.Err(), &we) || !errors.Is(we, ErrTruncated) || we.Field != 6 || we.Offset != 4 {
			t.Fatalf("%s: %v, want ErrTruncated at offset 4", c.name, r.Err())
		}
	}

	// Well-formed packed values of every kind, next to their unpacked form.
	var b []byte
	b = AppendPackedFixed32(AppendTag(b, 1, BytesType), []int32{-1, 2})
	b = AppendFixed32(AppendTag(b, 1, Fixed32Type), 3)
	b = AppendPackedZigZag(AppendTag(b, 2, BytesType), []int32{math.MinInt32, math.MaxInt32})
	b = AppendSint32(AppendTag(b, 2, VarintType), -3)
	b = AppendPackedVarint(AppendTag(b, 3, BytesType), []int32{-1, math.MinInt32})
	b = AppendInt32(AppendTag(b, 3, VarintType), -7)
	b = AppendPackedFixed64(AppendTag(b, 4, BytesType), []int64{-1, math.MinInt64})
	b = AppendFixed64(AppendTag(b, 4, Fixed64Type), 5)
	b = AppendPackedVarint(AppendTag(b, 5, BytesType), []int32(nil)) // empty packed value
	var (
		sf32 []int32
		s32  []int32
		i32  []int32
		sf64 []int64
		none []uint64
	)
	r = NewReader(b, ZeroCopy)
	for r.Next() {
		ok := false
		switch r.Number() {
		case 1:
			ok = UnpackFixed32s(&r, &sf32)
		case 2:
			ok = UnpackZigZags(&r, &s32)
		case 3:
			ok = UnpackVarints(&r, &i32)
		case 4:
			ok = UnpackFixed64s(&r, &sf64)
		case 5:
			ok = UnpackVarints(&r, &none)
		}
		if !ok {
			t.Fatalf("field %d refused", r.Number())
		}
	}
	if r.Err() != nil || !slices.Equal(sf32, []int32{-1, 2, 3}) || !slices.Equal(s32, []int32{math.MinInt32, math.MaxInt32, -3}) ||
		!slices.Equal(i32, []int32{-1, math.MinInt32, -7}) || !slices.Equal(sf64, []int64{-1, math.MinInt64, 5}) || len(none) != 0 {
		t.Fatalf("read %v %v %v %v %v: %v", sf32, s32, i32, sf64, none, r.Err())
	}
	// A packed accessor refuses a wire type that fits neither form.
	r = NewReader(AppendFixed32(AppendTag(nil, 1, Fixed32Type), 1), ZeroCopy)
	r.Next()
	if UnpackVarints(&r, &none) || UnpackFixed64s(&r, &sf64) || r.UnpackBools(new([]bool)) || r.UnpackDoubles(new([]float64)) || r.Err() != nil {
		t.Fatal("packed accessor took a fixed32 for another type")
	}
}

// Past the reader's depth limit, Message and Group refuse with ErrDepth.
func TestReaderSubDepth(t *testing.T) {
	b := AppendBytes(AppendTag(nil, 1, BytesType), nil)
	b = AppendTag(AppendTag(b, 2, StartGroupType), 2, EndGroupType)
	r := NewReader(b, ZeroCopy)
	r.SetMaxDepth(0)
	if !r.Next() {
		t.Fatal(r.Err())
	}
	if _, ok := r.Message(); ok || !errors.Is(r.Err(), ErrDepth) || r.Next() {
		t.Fatalf("Message past the limit: %v", r.Err())
	}
	r = NewReader(b, ZeroCopy)
	r.SetMaxDepth(1)
	r.Next()
	sub, ok := r.Message()
	if !ok || sub.Depth() != 1 {
		t.Fatal("Message at the limit refused")
	}
	if !r.Next() || r.Type() != StartGroupType {
		t.Fatalf("group field: %v", r.Err())
	}
	if g, ok := r.Group(); !ok || g.Depth() != 1 || g.Next() {
		t.Fatalf("Group at the limit: %v", ok)
	}
}

// MessageInto sets the same Reader as Message: the same fields at the same
// offsets, depth and mode, written into a Reader that held another message
// before, or into the reader itself (reading the embedded message in its
// place). On another wire type it returns false and leaves *s alone; past
// the depth limit it records ErrDepth on r.
func TestReaderMessageInto(t *testing.T) {
	var inner msgBuilder
	inner.varint(1, 1<<40)
	inner.bytes(2, []byte("in"))
	var outer msgBuilder
	outer.varint(1, 7)
	innerStart := outer.message(2, &inner)
	outer.bytes(3, []byte{0x18, 0x2a}) // field 3 = 42, if read as a message

	type field struct {
		num        Number
		off, depth int
		v          uint64
	}
	walk := func(r *Reader) (fs []field) {
		for r.Next() {
			fs = append(fs, field{r.Number(), r.Offset(), r.Depth(), r.Value()})
		}
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
		return fs
	}
	for _, mode := range []Mode{ZeroCopy, Copy} {
		r := NewReader(outer.b, mode)
		r.SetOffset(11)
		// s first holds a reader that is part-way through another message.
		s := NewReader(outer.b, ZeroCopy)
		s.Next()
		for r.Next() {
			old := s
			viaMessage, okM := r.Message()
			okI := r.MessageInto(&s)
			if okM != okI || okI != (r.Type() == BytesType) {
				t.Fatalf("field %d: Message %v, MessageInto %v", r.Number(), okM, okI)
			}
			if !okI {
				if s.Offset() != old.Offset() || s.Number() != old.Number() || len(s.b) != len(old.b) || s.off != old.off {
					t.Fatalf("field %d: MessageInto refused but changed *s", r.Number())
				}
				continue
			}
			if s.Mode() != mode || s.Depth() != 1 {
				t.Fatalf("field %d: mode %v depth %d", r.Number(), s.Mode(), s.Depth())
			}
			if a, b := walk(&viaMessage), walk(&s); !slices.Equal(a, b) {
				t.Fatalf("field %d: Message walks %v, MessageInto %v", r.Number(), a, b)
			}
		}
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
		// In place: r becomes the reader of the embedded message.
		r = NewReader(outer.b, mode)
		r.SetOffset(11)
		r.Next()
		r.Next()
		if !r.MessageInto(&r) {
			t.Fatal("MessageInto(&r) refused")
		}
		want := []field{{1, 11 + innerStart + inner.fields[0].off, 1, 1 << 40}, {2, 11 + innerStart + inner.fields[1].off, 1, 0}}
		if got := walk(&r); !slices.Equal(got, want) {
			t.Fatalf("in place: %v, want %v", got, want)
		}
	}
	r := NewReader(outer.b, ZeroCopy)
	r.SetMaxDepth(0)
	r.Next()
	r.Next()
	var s Reader
	var we *Error
	if r.MessageInto(&s) || !errors.As(r.Err(), &we) || !errors.Is(we, ErrDepth) || we.Offset != int64(outer.fields[1].off) || we.Field != 2 || r.Next() {
		t.Fatalf("MessageInto past the depth limit: %v", r.Err())
	}
}

// NamedString reads as String does; on invalid UTF-8 its error ends its path
// with the name (none for String or an empty name), at the value's offset,
// and the message ends there.
func TestReaderNamedString(t *testing.T) {
	var m msgBuilder
	m.bytes(1, []byte("ok"))
	m.bytes(2, []byte{'a', 0xc0})
	m.varint(3, 1)
	for _, name := range []string{"", "handler"} {
		r := NewReader(m.b, ZeroCopy)
		r.SetOffset(3)
		var s string
		if !r.Next() || !r.NamedString(&s, name) || s != "ok" {
			t.Fatalf("first field: %q, %v", s, r.Err())
		}
		if !r.Next() || r.NamedString(&s, name) || s != "ok" {
			t.Fatalf("invalid UTF-8 accepted or *s changed: %q", s)
		}
		var we *Error
		if !errors.As(r.Err(), &we) || !errors.Is(we, ErrUTF8) || we.Offset != int64(3+m.fields[1].off+2) || we.Field != 2 || we.Path() != name {
			t.Fatalf("name %q: error %v (path %q)", name, r.Err(), we.Path())
		}
		if r.Next() {
			t.Fatal("Next after the error returned true")
		}
	}
}

// Fail records the first error only.
func TestReaderFail(t *testing.T) {
	r := NewReader([]byte{0x08, 0x01, 0x08, 0x02}, ZeroCopy)
	first, second := errors.New("first"), errors.New("second")
	r.Next()
	if r.Fail(first) != first || r.Fail(second) != first || r.Err() != first || r.Next() {
		t.Fatal("Fail did not keep the first error")
	}
}

// Every Consume function allocates nothing on valid input.
func TestConsumeDoesNotAllocate(t *testing.T) {
	varint := AppendVarint(nil, math.MaxUint64)
	tag := AppendTag(nil, MaxValidNumber, Fixed32Type)
	f32 := AppendFixed32(nil, 0xdeadbeef)
	f64 := AppendFixed64(nil, 0x0102030405060708)
	bs := AppendString(nil, "payload")
	// The fields of the full message (nested group included) as a group 7.
	group := AppendTag(buildFull().b, 7, EndGroupType)
	field := AppendFixed64(AppendTag(nil, 3, Fixed64Type), 1)
	bad := ""
	allocs := testing.AllocsPerRun(200, func() {
		if v, n, err := ConsumeVarint(varint); err != nil || v != math.MaxUint64 || n != 10 {
			bad = "ConsumeVarint"
		}
		if num, typ, n, err := ConsumeTag(tag); err != nil || num != MaxValidNumber || typ != Fixed32Type || n != 5 {
			bad = "ConsumeTag"
		}
		if v, n, err := ConsumeFixed32(f32); err != nil || v != 0xdeadbeef || n != 4 {
			bad = "ConsumeFixed32"
		}
		if v, n, err := ConsumeFixed64(f64); err != nil || v != 0x0102030405060708 || n != 8 {
			bad = "ConsumeFixed64"
		}
		if v, n, err := ConsumeFloat(f32); err != nil || v != math.Float32frombits(0xdeadbeef) || n != 4 {
			bad = "ConsumeFloat"
		}
		if v, n, err := ConsumeDouble(f64); err != nil || v != math.Float64frombits(0x0102030405060708) || n != 8 {
			bad = "ConsumeDouble"
		}
		if v, n, err := ConsumeBytes(bs); err != nil || string(v) != "payload" || n != 8 {
			bad = "ConsumeBytes"
		}
		if v, n, err := ConsumeGroup(7, group); err != nil || len(v) != len(group)-1 || n != len(group) {
			bad = "ConsumeGroup"
		}
		if n, err := ConsumeFieldValue(7, StartGroupType, group); err != nil || n != len(group) {
			bad = "ConsumeFieldValue"
		}
		if num, typ, n, err := ConsumeField(field); err != nil || num != 3 || typ != Fixed64Type || n != 9 {
			bad = "ConsumeField"
		}
	})
	if bad != "" {
		t.Fatalf("%s returned a wrong result", bad)
	}
	if allocs != 0 {
		t.Fatalf("Consume functions allocated %v times", allocs)
	}
}

// A full zero-copy walk, embedded messages, skipped group and packed fields
// included, allocates nothing.
func TestReaderWalkDoesNotAllocate(t *testing.T) {
	msg := buildFull().b
	d := newFull()
	allocs := testing.AllocsPerRun(200, func() {
		d.reset()
		r := NewReader(msg, ZeroCopy)
		if err := decodeFull(&r, d); err != nil {
			panic(err)
		}
	})
	checkFull(t, d)
	if allocs != 0 {
		t.Fatalf("a zero-copy walk allocated %v times", allocs)
	}
}
