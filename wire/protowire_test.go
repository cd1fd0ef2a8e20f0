package wire

// Differential tests against google.golang.org/protobuf/encoding/protowire,
// the reference implementation of the wire format, and against proto.Marshal.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/walwire/walwire/internal/randproto"
	"github.com/walwire/walwire/internal/testpb"
)

// edgeUint64s returns the values where varint encodings change length or
// signs flip, then n seeded random values spread over every size.
func edgeUint64s(rng *rand.Rand, n int) []uint64 {
	vs := []uint64{0, 1<<7 - 1, 1 << 7, math.MaxUint64}
	for s := 0; s < 64; s++ {
		p := uint64(1) << s
		vs = append(vs, p-1, p, p+1, -p, -p-1)
	}
	for _, i := range []int64{
		-1, -2, -63, -64, -65, -127, -128, -129,
		math.MinInt32, math.MinInt32 + 1, math.MaxInt32, math.MaxInt32 - 1, math.MaxInt32 + 1,
		math.MinInt64, math.MinInt64 + 1, math.MaxInt64, math.MaxInt64 - 1,
	} {
		vs = append(vs, uint64(i))
	}
	for range n {
		vs = append(vs, rng.Uint64()>>rng.IntN(64))
	}
	return vs
}

// edgeFloats returns float64 values that matter for bit-exact encoding.
func edgeFloats(rng *rand.Rand, n int) []float64 {
	fs := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.1, math.MaxFloat64, -math.MaxFloat64,
		math.SmallestNonzeroFloat64, math.MaxFloat32, math.SmallestNonzeroFloat32,
		math.Inf(1), math.Inf(-1), math.NaN(), math.Float64frombits(0x7ff8000000000001),
		math.Float64frombits(0xfff0000000000001), // a signalling NaN
	}
	for range n {
		fs = append(fs, math.Float64frombits(rng.Uint64()))
	}
	return fs
}

// diffCount counts the differential comparisons made, for the test log.
type diffCount struct{ n int }

func (c *diffCount) check(t *testing.T, ok bool, format string, args ...any) {
	t.Helper()
	c.n++
	if !ok {
		t.Errorf(format, args...)
	}
}

func TestProtowireAppendsAndSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var c diffCount
	prefix := []byte("pre")
	pre := func() []byte { return slices.Clip(prefix) }

	for _, v := range edgeUint64s(rng, 5000) {
		c.check(t, bytes.Equal(AppendVarint(pre(), v), protowire.AppendVarint(pre(), v)), "AppendVarint(%d)", v)
		c.check(t, SizeVarint(v) == protowire.SizeVarint(v), "SizeVarint(%d)", v)

		i32, i64 := int32(v), int64(v)
		c.check(t, bytes.Equal(AppendInt32(nil, i32), protowire.AppendVarint(nil, uint64(int64(i32)))), "AppendInt32(%d)", i32)
		c.check(t, SizeInt32(i32) == protowire.SizeVarint(uint64(int64(i32))), "SizeInt32(%d)", i32)
		c.check(t, bytes.Equal(AppendInt64(nil, i64), protowire.AppendVarint(nil, uint64(i64))), "AppendInt64(%d)", i64)
		c.check(t, SizeInt64(i64) == protowire.SizeVarint(uint64(i64)), "SizeInt64(%d)", i64)

		c.check(t, bytes.Equal(AppendSint32(nil, i32), protowire.AppendVarint(nil, protowire.EncodeZigZag(int64(i32)))), "AppendSint32(%d)", i32)
		c.check(t, SizeSint32(i32) == protowire.SizeVarint(protowire.EncodeZigZag(int64(i32))), "SizeSint32(%d)", i32)
		c.check(t, bytes.Equal(AppendSint64(nil, i64), protowire.AppendVarint(nil, protowire.EncodeZigZag(i64))), "AppendSint64(%d)", i64)
		c.check(t, SizeSint64(i64) == protowire.SizeVarint(protowire.EncodeZigZag(i64)), "SizeSint64(%d)", i64)
		c.check(t, EncodeZigZag(i64) == protowire.EncodeZigZag(i64), "EncodeZigZag(%d)", i64)
		c.check(t, DecodeZigZag(v) == protowire.DecodeZigZag(v), "DecodeZigZag(%d)", v)

		bo := v&1 == 1
		c.check(t, bytes.Equal(AppendBool(pre(), bo), protowire.AppendVarint(pre(), protowire.EncodeBool(bo))), "AppendBool(%v)", bo)
		c.check(t, SizeBool() == protowire.SizeVarint(protowire.EncodeBool(bo)), "SizeBool")

		c.check(t, bytes.Equal(AppendFixed32(pre(), uint32(v)), protowire.AppendFixed32(pre(), uint32(v))), "AppendFixed32(%d)", uint32(v))
		c.check(t, bytes.Equal(AppendFixed64(pre(), v), protowire.AppendFixed64(pre(), v)), "AppendFixed64(%d)", v)
		c.check(t, SizeFixed32() == protowire.SizeFixed32() && SizeFixed64() == protowire.SizeFixed64(), "SizeFixed")
	}
	for _, f := range edgeFloats(rng, 1000) {
		f32 := float32(f)
		c.check(t, bytes.Equal(AppendFloat(pre(), f32), protowire.AppendFixed32(pre(), math.Float32bits(f32))), "AppendFloat(%v)", f32)
		c.check(t, bytes.Equal(AppendDouble(pre(), f), protowire.AppendFixed64(pre(), math.Float64bits(f))), "AppendDouble(%v)", f)
	}
	// Float32 NaNs with payloads keep their bits.
	for _, bits := range []uint32{0x7fc00000, 0x7f800001, 0xffc00001, 0x7f800000, 0xff800000, 0x80000000} {
		f32 := math.Float32frombits(bits)
		c.check(t, bytes.Equal(AppendFloat(nil, f32), protowire.AppendFixed32(nil, bits)), "AppendFloat(%#x)", bits)
	}

	numbers := []Number{1, 2, 15, 16, 2047, 2048, 1<<18 - 1, 1 << 18, 1<<25 - 1, 1 << 25, MaxValidNumber - 1, MaxValidNumber}
	for range 2000 {
		numbers = append(numbers, Number(1+rng.Int32N(int32(MaxValidNumber))))
	}
	for _, num := range numbers {
		for typ := VarintType; typ <= Fixed32Type; typ++ {
			c.check(t, bytes.Equal(AppendTag(pre(), num, typ), protowire.AppendTag(pre(), protowire.Number(num), protowire.Type(typ))), "AppendTag(%d, %v)", num, typ)
			c.check(t, EncodeTag(num, typ) == protowire.EncodeTag(protowire.Number(num), protowire.Type(typ)), "EncodeTag(%d, %v)", num, typ)
		}
		c.check(t, SizeTag(num) == protowire.SizeTag(protowire.Number(num)), "SizeTag(%d)", num)
	}

	lengths := []int{0, 1, 2, 127, 128, 129, 300, 16383, 16384, 16385}
	for range 300 {
		lengths = append(lengths, rng.IntN(1000))
	}
	for _, n := range lengths {
		v := make([]byte, n)
		for i := range v {
			v[i] = byte(rng.Uint32())
		}
		c.check(t, bytes.Equal(AppendBytes(pre(), v), protowire.AppendBytes(pre(), v)), "AppendBytes(len %d)", n)
		c.check(t, bytes.Equal(AppendString(pre(), string(v)), protowire.AppendString(pre(), string(v))), "AppendString(len %d)", n)
		c.check(t, SizeBytes(n) == protowire.SizeBytes(n), "SizeBytes(%d)", n)
	}
	for _, n := range []int{1 << 21, 1<<28 - 1, 1 << 28, math.MaxInt32, math.MaxInt64 - 10} {
		c.check(t, SizeBytes(n) == protowire.SizeBytes(n), "SizeBytes(%d)", n)
	}
	t.Logf("%d append and size comparisons", c.n)
}

// packedRef writes a packed value with protowire, element by element.
func packedRef[T any](vs []T, elem func([]byte, T) []byte) []byte {
	var body []byte
	for _, v := range vs {
		body = elem(body, v)
	}
	return protowire.AppendBytes(nil, body)
}

// randomSlice returns n values of v(i) for random edge values.
func randomSlice[T any](rng *rand.Rand, edges []uint64, conv func(uint64) T) []T {
	vs := make([]T, rng.IntN(20))
	for i := range vs {
		vs[i] = conv(edges[rng.IntN(len(edges))])
	}
	return vs
}

func TestProtowirePacked(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	edges := edgeUint64s(rng, 200)
	var c diffCount
	varint := func(b []byte, v uint64) []byte { return protowire.AppendVarint(b, v) }
	for range 500 {
		u32 := randomSlice(rng, edges, func(v uint64) uint32 { return uint32(v) })
		i32 := randomSlice(rng, edges, func(v uint64) int32 { return int32(v) })
		i64 := randomSlice(rng, edges, func(v uint64) int64 { return int64(v) })
		u64 := randomSlice(rng, edges, func(v uint64) uint64 { return v })
		bs := randomSlice(rng, edges, func(v uint64) bool { return v&1 == 1 })
		f32 := randomSlice(rng, edges, func(v uint64) float32 { return math.Float32frombits(uint32(v)) })
		f64 := randomSlice(rng, edges, math.Float64frombits)

		cases := []struct {
			name      string
			got, want []byte
			size      int
		}{
			{"varint uint32", AppendPackedVarint(nil, u32), packedRef(u32, func(b []byte, v uint32) []byte { return varint(b, uint64(v)) }), SizePackedVarint(u32)},
			{"varint int32", AppendPackedVarint(nil, i32), packedRef(i32, func(b []byte, v int32) []byte { return varint(b, uint64(int64(v))) }), SizePackedVarint(i32)},
			{"varint int64", AppendPackedVarint(nil, i64), packedRef(i64, func(b []byte, v int64) []byte { return varint(b, uint64(v)) }), SizePackedVarint(i64)},
			{"varint uint64", AppendPackedVarint(nil, u64), packedRef(u64, varint), SizePackedVarint(u64)},
			{"zigzag int32", AppendPackedZigZag(nil, i32), packedRef(i32, func(b []byte, v int32) []byte { return varint(b, protowire.EncodeZigZag(int64(v))) }), SizePackedZigZag(i32)},
			{"zigzag int64", AppendPackedZigZag(nil, i64), packedRef(i64, func(b []byte, v int64) []byte { return varint(b, protowire.EncodeZigZag(v)) }), SizePackedZigZag(i64)},
			{"bool", AppendPackedBool(nil, bs), packedRef(bs, func(b []byte, v bool) []byte { return varint(b, protowire.EncodeBool(v)) }), SizePackedBool(bs)},
			{"fixed32", AppendPackedFixed32(nil, u32), packedRef(u32, protowire.AppendFixed32), SizePackedFixed32(len(u32))},
			{"sfixed32", AppendPackedFixed32(nil, i32), packedRef(i32, func(b []byte, v int32) []byte { return protowire.AppendFixed32(b, uint32(v)) }), SizePackedFixed32(len(i32))},
			{"fixed64", AppendPackedFixed64(nil, u64), packedRef(u64, protowire.AppendFixed64), SizePackedFixed64(len(u64))},
			{"sfixed64", AppendPackedFixed64(nil, i64), packedRef(i64, func(b []byte, v int64) []byte { return protowire.AppendFixed64(b, uint64(v)) }), SizePackedFixed64(len(i64))},
			{"float", AppendPackedFloat(nil, f32), packedRef(f32, func(b []byte, v float32) []byte { return protowire.AppendFixed32(b, math.Float32bits(v)) }), SizePackedFixed32(len(f32))},
			{"double", AppendPackedDouble(nil, f64), packedRef(f64, func(b []byte, v float64) []byte { return protowire.AppendFixed64(b, math.Float64bits(v)) }), SizePackedFixed64(len(f64))},
		}
		for _, cs := range cases {
			c.check(t, bytes.Equal(cs.got, cs.want), "packed %s: got % x, want % x", cs.name, cs.got, cs.want)
			c.check(t, cs.size == len(cs.want), "SizePacked %s = %d, want %d", cs.name, cs.size, len(cs.want))
		}
	}
	t.Logf("%d packed comparisons", c.n)
}

// packedDescriptor describes, built at run time, a proto3 message with one
// repeated field of each scalar type that packs (proto3 packs them by default).
func packedDescriptor(t *testing.T) protoreflect.MessageDescriptor {
	t.Helper()
	kinds := []descriptorpb.FieldDescriptorProto_Type{
		descriptorpb.FieldDescriptorProto_TYPE_INT32, descriptorpb.FieldDescriptorProto_TYPE_INT64,
		descriptorpb.FieldDescriptorProto_TYPE_UINT32, descriptorpb.FieldDescriptorProto_TYPE_UINT64,
		descriptorpb.FieldDescriptorProto_TYPE_SINT32, descriptorpb.FieldDescriptorProto_TYPE_SINT64,
		descriptorpb.FieldDescriptorProto_TYPE_FIXED32, descriptorpb.FieldDescriptorProto_TYPE_FIXED64,
		descriptorpb.FieldDescriptorProto_TYPE_SFIXED32, descriptorpb.FieldDescriptorProto_TYPE_SFIXED64,
		descriptorpb.FieldDescriptorProto_TYPE_FLOAT, descriptorpb.FieldDescriptorProto_TYPE_DOUBLE,
		descriptorpb.FieldDescriptorProto_TYPE_BOOL,
	}
	msg := &descriptorpb.DescriptorProto{Name: proto.String("Packed")}
	for i, k := range kinds {
		msg.Field = append(msg.Field, &descriptorpb.FieldDescriptorProto{
			Name:     proto.String(fmt.Sprintf("f%d", i+1)),
			Number:   proto.Int32(int32(i + 1)),
			Label:    descriptorpb.FieldDescriptorProto_LABEL_REPEATED.Enum(),
			Type:     k.Enum(),
			JsonName: proto.String(fmt.Sprintf("f%d", i+1)),
		})
	}
	fd, err := protodesc.NewFile(&descriptorpb.FileDescriptorProto{
		Name:        proto.String("walwire_wire_packed_test.proto"),
		Package:     proto.String("walwire.wiretest"),
		Syntax:      proto.String("proto3"),
		MessageType: []*descriptorpb.DescriptorProto{msg},
	}, new(protoregistry.Files))
	if err != nil {
		t.Fatal(err)
	}
	return fd.Messages().Get(0)
}

// The packed encoders against what proto.Marshal writes, for the generated
// messages of internal/testpb and for every packable scalar type.
func TestPackedMatchesProtoMarshal(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	edges := edgeUint64s(rng, 200)
	var c diffCount
	for range 300 {
		vs := randomSlice(rng, edges, func(v uint64) uint32 { return uint32(v) })
		if len(vs) == 0 {
			continue // proto3 writes nothing for an empty repeated field
		}
		want := AppendPackedVarint(AppendTag(nil, 2, BytesType), vs)
		got, err := proto.Marshal(&testpb.CurrentConfig{ReplicaSet: vs})
		c.check(t, err == nil && bytes.Equal(got, want), "CurrentConfig.ReplicaSet %v: proto % x, wire % x", vs, got, want)
		want = AppendPackedVarint(AppendTag(nil, 1, BytesType), vs)
		got, err = proto.Marshal(&testpb.Effect_Suspended{WaitingFor: vs})
		c.check(t, err == nil && bytes.Equal(got, want), "Effect_Suspended.WaitingFor %v: proto % x, wire % x", vs, got, want)
	}

	md := packedDescriptor(t)
	fields := md.Fields()
	for range 300 {
		vals := randomSlice(rng, edges, func(v uint64) uint64 { return v })
		if len(vals) == 0 {
			continue
		}
		for i := 0; i < fields.Len(); i++ {
			fd := fields.Get(i)
			num := Number(fd.Number())
			m := dynamicpb.NewMessage(md)
			list := m.Mutable(fd).List()
			want := AppendTag(nil, num, BytesType)
			switch fd.Kind() {
			case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
				vs := make([]int32, len(vals))
				for j, v := range vals {
					vs[j] = int32(v)
					list.Append(protoreflect.ValueOfInt32(vs[j]))
				}
				switch fd.Kind() {
				case protoreflect.Int32Kind:
					want = AppendPackedVarint(want, vs)
				case protoreflect.Sint32Kind:
					want = AppendPackedZigZag(want, vs)
				default:
					want = AppendPackedFixed32(want, vs)
				}
			case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
				vs := make([]int64, len(vals))
				for j, v := range vals {
					vs[j] = int64(v)
					list.Append(protoreflect.ValueOfInt64(vs[j]))
				}
				switch fd.Kind() {
				case protoreflect.Int64Kind:
					want = AppendPackedVarint(want, vs)
				case protoreflect.Sint64Kind:
					want = AppendPackedZigZag(want, vs)
				default:
					want = AppendPackedFixed64(want, vs)
				}
			case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
				vs := make([]uint32, len(vals))
				for j, v := range vals {
					vs[j] = uint32(v)
					list.Append(protoreflect.ValueOfUint32(vs[j]))
				}
				if fd.Kind() == protoreflect.Uint32Kind {
					want = AppendPackedVarint(want, vs)
				} else {
					want = AppendPackedFixed32(want, vs)
				}
			case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
				for _, v := range vals {
					list.Append(protoreflect.ValueOfUint64(v))
				}
				if fd.Kind() == protoreflect.Uint64Kind {
					want = AppendPackedVarint(want, vals)
				} else {
					want = AppendPackedFixed64(want, vals)
				}
			case protoreflect.FloatKind:
				vs := make([]float32, len(vals))
				for j, v := range vals {
					bits := uint32(v)
					if bits&0x7f800000 == 0x7f800000 && bits&0x007fffff != 0 {
						// protoreflect keeps a float32 as a float64: the
						// conversion quiets a signalling NaN, so only quiet
						// NaNs survive the trip through dynamicpb unchanged.
						bits |= 0x00400000
					}
					vs[j] = math.Float32frombits(bits)
					list.Append(protoreflect.ValueOfFloat32(vs[j]))
				}
				want = AppendPackedFloat(want, vs)
			case protoreflect.DoubleKind:
				vs := make([]float64, len(vals))
				for j, v := range vals {
					vs[j] = math.Float64frombits(v)
					list.Append(protoreflect.ValueOfFloat64(vs[j]))
				}
				want = AppendPackedDouble(want, vs)
			case protoreflect.BoolKind:
				vs := make([]bool, len(vals))
				for j, v := range vals {
					vs[j] = v&1 == 1
					list.Append(protoreflect.ValueOfBool(vs[j]))
				}
				want = AppendPackedBool(want, vs)
			default:
				t.Fatalf("unexpected kind %v", fd.Kind())
			}
			got, err := proto.Marshal(m)
			c.check(t, err == nil && bytes.Equal(got, want), "%v field: proto % x, wire % x (%v)", fd.Kind(), got, want, err)
		}
	}
	if c.n < 1000 {
		t.Fatalf("only %d comparisons", c.n)
	}
	t.Logf("%d comparisons with proto.Marshal", c.n)
}

// pwErrors maps each protowire error value to the class wire should report
// for the same input. The protowire values are obtained from inputs that
// produce them, not from its unexported codes.
func pwErrors() map[error]error {
	_, n1 := protowire.ConsumeVarint([]byte{0x80})
	_, n2 := protowire.ConsumeVarint(bytes.Repeat([]byte{0xff}, 11))
	_, _, n3 := protowire.ConsumeTag([]byte{0x00})
	n4 := protowire.ConsumeFieldValue(1, 6, nil)
	n5 := protowire.ConsumeFieldValue(1, protowire.EndGroupType, nil)
	m := map[error]error{
		protowire.ParseError(n1): ErrTruncated,
		protowire.ParseError(n2): ErrOverflow,
		protowire.ParseError(n3): ErrFieldNumber,
		protowire.ParseError(n4): ErrWireType,
		protowire.ParseError(n5): ErrGroup,
	}
	if len(m) != 5 || !errors.Is(protowire.ParseError(n1), io.ErrUnexpectedEOF) {
		panic("protowire error values are not distinct")
	}
	return m
}

// pwPassesBigNumber reports whether protowire, reading the value of field num
// of type typ at the front of b, goes past a tag whose field number is above
// MaxValidNumber before any error of its own. protowire.ConsumeTag accepts
// numbers up to MaxInt32 (for MessageSet); wire refuses them with
// ErrFieldNumber, as the wire package's contract requires.
func pwPassesBigNumber(typ protowire.Type, b []byte) bool {
	if typ != protowire.StartGroupType {
		return false
	}
	for {
		num2, typ2, n := protowire.ConsumeTag(b)
		if n < 0 {
			return false
		}
		if num2 > protowire.MaxValidNumber {
			return true
		}
		b = b[n:]
		if typ2 == protowire.EndGroupType {
			return false
		}
		if pwPassesBigNumber(typ2, b) {
			return true
		}
		m := protowire.ConsumeFieldValue(num2, typ2, b)
		if m < 0 {
			return false
		}
		b = b[m:]
	}
}

// consumeDiff compares the consume functions of wire and protowire on one
// input.
type consumeDiff struct {
	t       *testing.T
	classes map[error]error
	c       diffCount
	big     int // inputs where the field-number difference showed
}

// same checks that wire's (err, results) agree with protowire's (n, results):
// both accept with equal results, or both reject with matching classes.
// bigNumber says protowire went past a field number wire refuses.
func (d *consumeDiff) same(what string, in []byte, err error, pwN int, bigNumber bool, got, want []any) {
	t := d.t
	t.Helper()
	if bigNumber {
		d.big++
		d.c.check(t, errors.Is(err, ErrFieldNumber), "%s(% x): protowire read a field number above 2^29-1 (n=%d), wire: %v", what, in, pwN, err)
		return
	}
	if pwN < 0 {
		class := d.classes[protowire.ParseError(pwN)]
		d.c.check(t, err != nil && errors.Is(err, class), "%s(% x): protowire %v, wire %v", what, in, protowire.ParseError(pwN), err)
		return
	}
	if err != nil {
		d.c.check(t, false, "%s(% x): protowire accepts %v (n=%d), wire: %v", what, in, want, pwN, err)
		return
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		if g, isBytes := got[i].([]byte); isBytes {
			ok = bytes.Equal(g, want[i].([]byte))
		} else {
			ok = got[i] == want[i]
		}
	}
	d.c.check(t, ok, "%s(% x): wire %v, protowire %v", what, in, got, want)
}

func (d *consumeDiff) input(in []byte) {
	{
		v, n, err := ConsumeVarint(in)
		pv, pn := protowire.ConsumeVarint(in)
		d.same("ConsumeVarint", in, err, pn, false, []any{v, n}, []any{pv, pn})
	}
	{
		num, typ, n, err := ConsumeTag(in)
		pnum, ptyp, pn := protowire.ConsumeTag(in)
		// (a) protowire accepts numbers up to MaxInt32; wire stops at 2^29-1.
		big := pn > 0 && pnum > protowire.MaxValidNumber
		d.same("ConsumeTag", in, err, pn, big, []any{int64(num), int(typ), n}, []any{int64(pnum), int(ptyp), pn})
	}
	{
		v, n, err := ConsumeFixed32(in)
		pv, pn := protowire.ConsumeFixed32(in)
		d.same("ConsumeFixed32", in, err, pn, false, []any{v, n}, []any{pv, pn})
		f, n, err := ConsumeFloat(in)
		d.same("ConsumeFloat", in, err, pn, false, []any{math.Float32bits(f), n}, []any{pv, pn})
	}
	{
		v, n, err := ConsumeFixed64(in)
		pv, pn := protowire.ConsumeFixed64(in)
		d.same("ConsumeFixed64", in, err, pn, false, []any{v, n}, []any{pv, pn})
		f, n, err := ConsumeDouble(in)
		d.same("ConsumeDouble", in, err, pn, false, []any{math.Float64bits(f), n}, []any{pv, pn})
	}
	{
		v, n, err := ConsumeBytes(in)
		pv, pn := protowire.ConsumeBytes(in)
		d.same("ConsumeBytes", in, err, pn, false, []any{v, n}, []any{pv, pn})
	}
	for _, num := range []Number{1, 2, 3} {
		pnum := protowire.Number(num)
		big := pwPassesBigNumber(protowire.StartGroupType, in)
		v, n, err := ConsumeGroup(num, in)
		pv, pn := protowire.ConsumeGroup(pnum, in)
		d.same(fmt.Sprintf("ConsumeGroup(%d)", num), in, err, pn, big, []any{v, n}, []any{pv, pn})
		for typ := Type(0); typ < 8; typ++ {
			n, err := ConsumeFieldValue(num, typ, in)
			pn := protowire.ConsumeFieldValue(pnum, protowire.Type(typ), in)
			d.same(fmt.Sprintf("ConsumeFieldValue(%d, %d)", num, typ), in, err, pn, pwPassesBigNumber(protowire.Type(typ), in), []any{n}, []any{pn})
		}
	}
	{
		num, typ, n, err := ConsumeField(in)
		pnum, ptyp, pn := protowire.ConsumeField(in)
		tnum, ttyp, tn := protowire.ConsumeTag(in)
		big := tn > 0 && (tnum > protowire.MaxValidNumber || pwPassesBigNumber(ttyp, in[tn:]))
		d.same("ConsumeField", in, err, pn, big, []any{int64(num), int(typ), n}, []any{int64(pnum), int(ptyp), pn})
	}
	d.reader(in)
}

// reader compares a Reader walk of in, as a message, with a ConsumeField loop.
func (d *consumeDiff) reader(in []byte) {
	t := d.t
	r := NewReader(in, ZeroCopy)
	b := in
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeField(b)
		tnum, ttyp, tn := protowire.ConsumeTag(b)
		if tn > 0 && (tnum > protowire.MaxValidNumber || pwPassesBigNumber(ttyp, b[tn:])) {
			for r.Next() {
			}
			d.big++
			d.c.check(t, errors.Is(r.Err(), ErrFieldNumber), "Reader(% x): want ErrFieldNumber at offset %d, got %v", in, len(in)-len(b), r.Err())
			return
		}
		if n < 0 {
			more := r.Next()
			class := d.classes[protowire.ParseError(n)]
			var we *Error
			d.c.check(t, !more && errors.As(r.Err(), &we) && errors.Is(we, class) && we.Offset >= int64(len(in)-len(b)),
				"Reader(% x): protowire %v at %d, wire %v", in, protowire.ParseError(n), len(in)-len(b), r.Err())
			return
		}
		ok := r.Next() && r.Number() == Number(num) && r.Type() == Type(typ) && bytes.Equal(r.Raw(), b[:n])
		d.c.check(t, ok, "Reader(% x) at %d: got %d %v % x (%v), want %d %v % x", in, len(in)-len(b), r.Number(), r.Type(), r.Raw(), r.Err(), num, typ, b[:n])
		if !ok {
			return
		}
		b = b[n:]
	}
	d.c.check(t, !r.Next() && r.Err() == nil, "Reader(% x): extra field or error %v", in, r.Err())
}

// interesting bytes for random inputs: tags of fields 1-3 of every wire type
// (6 and 7 included), varint boundaries.
var interestingBytes = []byte{
	0x00, 0x01, 0x02, 0x7f, 0x80, 0x81, 0xff,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x1a, 0x1b, 0x1c, 0x1d, 0x8b, 0x8c, 0x93, 0x94,
}

// randomInput returns up to 32 random bytes, biased toward bytes with the
// continuation bit (so long and overlong varints occur) and toward tags.
func randomInput(rng *rand.Rand) []byte {
	b := make([]byte, rng.IntN(33))
	for i := range b {
		switch k := rng.IntN(10); {
		case k < 4:
			b[i] = 0x80 | byte(rng.IntN(128))
		case k < 7:
			b[i] = interestingBytes[rng.IntN(len(interestingBytes))]
		default:
			b[i] = byte(rng.Uint32())
		}
	}
	return b
}

// handPicked are inputs at the edges: overlong-but-valid varints, 10- and
// 11-byte varints, field numbers around 2^29 and MaxInt32, groups.
func handPicked() [][]byte {
	ins := [][]byte{
		{}, {0x00}, {0x01}, {0x7f}, {0x80}, {0x80, 0x00}, {0xff, 0x80, 0x00}, {0xff, 0x7f},
		{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01},       // 1<<63
		{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00},       // 0, 10 bytes
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},       // MaxUint64
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00},       // MaxInt64, overlong
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02},       // overflow
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80},       // overflow
		{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, // 11 bytes
		{0x88, 0x00, 0x01},                         // field 1 with an overlong tag
		{0x8a, 0x80, 0x00, 0x02, 0x61, 0x62},       // bytes with an overlong tag
		{0x0a, 0x82, 0x00, 0x61, 0x62},             // bytes with an overlong length
		{0xfd, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3, 4}, // field 2^29-1, fixed32
		{0x80, 0x80, 0x80, 0x80, 0x10, 0x00},       // field 2^29
		{0xf8, 0xff, 0xff, 0xff, 0x7f, 0x00},       // field MaxInt32
		{0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00}, // field 2^31
		{0x0b, 0x0c}, {0x0b, 0x08, 0x01, 0x0c}, {0x0b, 0x8c, 0x00}, {0x0b, 0x8c, 0x80, 0x00},
		{0x0b, 0x14}, {0x0b, 0x13, 0x14, 0x0c}, {0x0b, 0x13, 0x0c, 0x14}, {0x0c}, {0x0b},
		{0x0b, 0x80, 0x80, 0x80, 0x80, 0x10, 0x00, 0x0c}, // group holding field 2^29
		{0x0b, 0xf8, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x0c}, // group holding field MaxInt32
		{0x0e}, {0x0f}, {0x0b, 0x0e, 0x0c},
	}
	for i := 1; i <= 10; i++ {
		// Every prefix of a 10-byte varint.
		ins = append(ins, bytes.Repeat([]byte{0x80}, i))
	}
	return ins
}

// Thousands of random and structured inputs: every Consume function and the
// Reader agree with protowire on accepting, rejecting, values and lengths.
func TestProtowireConsume(t *testing.T) {
	d := &consumeDiff{t: t, classes: pwErrors()}
	for _, in := range handPicked() {
		d.input(in)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		d.input(randomInput(rng))
	}
	// Valid messages, whole, cut short and with one byte changed.
	for range 3000 {
		msg := randproto.Message(rng, 6)
		d.input(msg)
		if len(msg) > 0 {
			d.input(msg[:rng.IntN(len(msg))])
			bad := slices.Clone(msg)
			bad[rng.IntN(len(bad))] = byte(rng.Uint32())
			d.input(bad)
		}
	}
	if d.big == 0 {
		t.Error("no input showed the field-number difference")
	}
	t.Logf("%d consume comparisons, %d of them where protowire read a field number above 2^29-1", d.c.n, d.big)
}

// (b) Nesting: wire stops groups at DefaultMaxDepth (100) levels, protowire at
// 10000. The random inputs are too short to reach either; here is the
// difference, shown once.
func TestProtowireDepthDifference(t *testing.T) {
	var b []byte
	for range DefaultMaxDepth + 1 {
		b = AppendTag(b, 1, StartGroupType)
	}
	for range DefaultMaxDepth + 1 {
		b = AppendTag(b, 1, EndGroupType)
	}
	if n := protowire.ConsumeFieldValue(1, protowire.StartGroupType, b[1:]); n != len(b)-1 {
		t.Fatalf("protowire: %d", n)
	}
	if _, err := ConsumeFieldValue(1, StartGroupType, b[1:]); !errors.Is(err, ErrDepth) {
		t.Fatalf("wire: %v", err)
	}
	inner := b[1 : len(b)-1] // 100 levels
	if n, err := ConsumeFieldValue(1, StartGroupType, inner[1:]); err != nil || n != len(inner)-1 {
		t.Fatalf("wire at 100 levels: %d, %v", n, err)
	}
}

// walkDiff walks b with r and with a protowire.ConsumeField loop and checks
// they see the same fields and values, descending into groups and into bytes
// that parse as messages.
func walkDiff(t *testing.T, c *diffCount, r *Reader, b []byte) bool {
	t.Helper()
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		m := protowire.ConsumeFieldValue(num, typ, b[n:])
		if n < 0 || m < 0 {
			t.Fatalf("protowire rejects a valid message % x", b)
		}
		if !r.Next() {
			c.check(t, false, "Reader stopped early: %v", r.Err())
			return false
		}
		c.check(t, r.Number() == Number(num) && r.Type() == Type(typ) && bytes.Equal(r.Raw(), b[:n+m]),
			"field: got %d %v % x, want %d %v % x", r.Number(), r.Type(), r.Raw(), num, typ, b[:n+m])
		val := b[n:]
		switch typ {
		case protowire.VarintType:
			v, _ := protowire.ConsumeVarint(val)
			var got uint64
			var s64 int64
			c.check(t, r.Uint64(&got) && got == v && r.Value() == v, "varint %d: got %d", v, got)
			c.check(t, r.Sint64(&s64) && s64 == protowire.DecodeZigZag(v), "sint64 of %d: got %d", v, s64)
		case protowire.Fixed32Type:
			v, _ := protowire.ConsumeFixed32(val)
			var got uint32
			c.check(t, r.Fixed32(&got) && got == v && r.Value() == uint64(v), "fixed32 %d: got %d", v, got)
		case protowire.Fixed64Type:
			v, _ := protowire.ConsumeFixed64(val)
			var got uint64
			c.check(t, r.Fixed64(&got) && got == v && r.Value() == v, "fixed64 %d: got %d", v, got)
		case protowire.BytesType:
			v, _ := protowire.ConsumeBytes(val)
			var got []byte
			c.check(t, r.Bytes(&got) && bytes.Equal(got, v) && bytes.Equal(r.Data(), v), "bytes % x: got % x", v, got)
			if isMessage(v) {
				sub, ok := r.Message()
				if !ok || !walkDiff(t, c, &sub, v) {
					return false
				}
			}
		case protowire.StartGroupType:
			v, _ := protowire.ConsumeGroup(num, val)
			c.check(t, bytes.Equal(r.Data(), v), "group data: got % x, want % x", r.Data(), v)
			g, ok := r.Group()
			if !ok || !walkDiff(t, c, &g, v) {
				return false
			}
		}
		b = b[n+m:]
	}
	c.check(t, !r.Next() && r.Err() == nil, "Reader did not end cleanly: %v", r.Err())
	return true
}

// isMessage reports whether protowire reads b as a sequence of fields (with
// field numbers wire accepts too).
func isMessage(b []byte) bool {
	for len(b) > 0 {
		_, typ, n := protowire.ConsumeTag(b)
		if n < 0 || pwPassesBigNumber(typ, b[n:]) {
			return false
		}
		num, _, n := protowire.ConsumeField(b)
		if n < 0 || num > protowire.MaxValidNumber {
			return false
		}
		b = b[n:]
	}
	return true
}

// Random valid messages read the same with Reader as with protowire.
func TestReaderMatchesProtowire(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	var c diffCount
	for range 3000 {
		msg := randproto.Message(rng, 5)
		r := NewReader(msg, ZeroCopy)
		if !walkDiff(t, &c, &r, msg) {
			t.Fatalf("message % x", msg)
		}
	}
	t.Logf("%d reader comparisons", c.n)
}

// appendVarintCases are values of every varint length, and their edges.
func appendVarintCases() []uint64 {
	vs := []uint64{0, 1, math.MaxUint64}
	for s := 7; s < 64; s += 7 {
		vs = append(vs, 1<<s-1, 1<<s, 1<<s+1)
	}
	return vs
}

// AppendVarint writes what protowire writes, at every length, into b with
// and without spare capacity, and keeps what b held.
func TestAppendVarintPaths(t *testing.T) {
	for _, v := range appendVarintCases() {
		checkAppendVarint(t, v)
	}
}

// FuzzAppendVarint is the differential target of AppendVarint's unrolled
// paths (one per length).
func FuzzAppendVarint(f *testing.F) {
	for _, v := range appendVarintCases() {
		f.Add(v)
	}
	f.Fuzz(checkAppendVarint)
}

func checkAppendVarint(t *testing.T, v uint64) {
	want := protowire.AppendVarint([]byte("ab"), v)
	for _, room := range []int{0, 1, 9, 10, 11, 32} {
		b := append(make([]byte, 0, 2+room), "ab"...)
		if got := AppendVarint(b, v); string(got) != string(want) {
			t.Fatalf("AppendVarint(%d) with room %d: % x, want % x", v, room, got, want)
		}
	}
}
