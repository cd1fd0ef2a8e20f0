package wire

import (
	"bytes"
	"encoding/hex"
	"math"
	"testing"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The examples of the protobuf encoding guide, byte for byte.
func TestEncodingGuideBytes(t *testing.T) {
	cases := []struct {
		name string
		got  []byte
		want string
	}{
		{"varint 150", AppendVarint(nil, 150), "9601"},
		{"field 1 = 150", AppendVarint(AppendTag(nil, 1, VarintType), 150), "089601"},
		{"field 2 = testing", AppendString(AppendTag(nil, 2, BytesType), "testing"), "120774657374696e67"},
		{"int32 -1", AppendInt32(nil, -1), "ffffffffffffffffff01"},
		{"int64 -1", AppendInt64(nil, -1), "ffffffffffffffffff01"},
		{"sint32 -1", AppendSint32(nil, -1), "01"},
		{"sint32 1", AppendSint32(nil, 1), "02"},
		{"sint64 -2", AppendSint64(nil, -2), "03"},
		{"packed [3 270 86942] in field 4", AppendPackedVarint(AppendTag(nil, 4, BytesType), []uint32{3, 270, 86942}), "2206038e029ea705"},
		{"fixed32 1", AppendFixed32(nil, 1), "01000000"},
		{"fixed64 1<<56", AppendFixed64(nil, 1<<56), "0000000000000001"},
		{"float 1", AppendFloat(nil, 1), "0000803f"},
		{"double 1", AppendDouble(nil, 1), "000000000000f03f"},
		{"bool true", AppendBool(nil, true), "01"},
		{"bool false", AppendBool(nil, false), "00"},
		{"max varint", AppendVarint(nil, math.MaxUint64), "ffffffffffffffffff01"},
		{"tag of max field", AppendTag(nil, MaxValidNumber, Fixed32Type), "fdffffff0f"},
	}
	for _, c := range cases {
		if got := hex.EncodeToString(c.got); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}
}

func TestSizesMatchAppends(t *testing.T) {
	for shift := 0; shift < 64; shift++ {
		for _, v := range []uint64{1<<shift - 1, 1 << shift, 1<<shift + 1} {
			if got, want := SizeVarint(v), len(AppendVarint(nil, v)); got != want {
				t.Fatalf("SizeVarint(%d) = %d, wrote %d", v, got, want)
			}
			i := int64(v)
			if got, want := SizeSint64(i), len(AppendSint64(nil, i)); got != want {
				t.Fatalf("SizeSint64(%d) = %d, wrote %d", i, got, want)
			}
			if got, want := SizeInt32(int32(i)), len(AppendInt32(nil, int32(i))); got != want {
				t.Fatalf("SizeInt32(%d) = %d, wrote %d", int32(i), got, want)
			}
		}
	}
	if SizeInt32(-1) != 10 || SizeSint32(-1) != 1 || SizeTag(MaxValidNumber) != 5 || SizeTag(15) != 1 || SizeTag(16) != 2 {
		t.Fatal("unexpected size")
	}
	vs := []int32{0, -1, 300, math.MaxInt32, math.MinInt32}
	if got, want := SizePackedVarint(vs), len(AppendPackedVarint(nil, vs)); got != want || got != 1+1+10+2+5+10 {
		t.Fatalf("SizePackedVarint = %d, wrote %d", got, want)
	}
	if got, want := SizePackedZigZag(vs), len(AppendPackedZigZag(nil, vs)); got != want {
		t.Fatalf("SizePackedZigZag = %d, wrote %d", got, want)
	}
	if got := len(AppendPackedFixed64(nil, []int64{1, 2, 3})); got != SizePackedFixed64(3) || got != 25 {
		t.Fatalf("packed fixed64 wrote %d", got)
	}
	if got := len(AppendPackedFloat(nil, []float32{1, 2})); got != SizePackedFixed32(2) || got != 9 {
		t.Fatalf("packed float wrote %d", got)
	}
	if got := len(AppendPackedBool(nil, []bool{true, false})); got != SizePackedBool([]bool{true, false}) || got != 3 {
		t.Fatalf("packed bool wrote %d", got)
	}
}

func TestZigZag(t *testing.T) {
	for _, c := range []struct {
		v int64
		z uint64
	}{{0, 0}, {-1, 1}, {1, 2}, {-2, 3}, {math.MaxInt64, math.MaxUint64 - 1}, {math.MinInt64, math.MaxUint64}} {
		if got := EncodeZigZag(c.v); got != c.z {
			t.Errorf("EncodeZigZag(%d) = %d, want %d", c.v, got, c.z)
		}
		if got := DecodeZigZag(c.z); got != c.v {
			t.Errorf("DecodeZigZag(%d) = %d, want %d", c.z, got, c.v)
		}
	}
}

// Every Append writes into enough capacity without allocating.
func TestAppendDoesNotAllocate(t *testing.T) {
	buf := make([]byte, 0, 256)
	u32 := []uint32{3, 270, 86942}
	i64 := []int64{-1, 5}
	bs := []bool{true}
	f32 := []float32{1.5}
	f64 := []float64{2.5}
	payload := []byte("payload")
	allocs := testing.AllocsPerRun(100, func() {
		b := buf[:0]
		b = AppendTag(b, 1, VarintType)
		b = AppendVarint(b, math.MaxUint64)
		b = AppendInt32(b, -1)
		b = AppendInt64(b, -1)
		b = AppendSint32(b, -5)
		b = AppendSint64(b, -5)
		b = AppendBool(b, true)
		b = AppendFixed32(b, 7)
		b = AppendFixed64(b, 7)
		b = AppendFloat(b, 1.5)
		b = AppendDouble(b, 1.5)
		b = AppendBytes(b, payload)
		b = AppendString(b, "string")
		b = AppendPackedVarint(b, u32)
		b = AppendPackedZigZag(b, i64)
		b = AppendPackedBool(b, bs)
		b = AppendPackedFixed32(b, u32)
		b = AppendPackedFixed64(b, i64)
		b = AppendPackedFloat(b, f32)
		b = AppendPackedDouble(b, f64)
		if cap(b) != cap(buf) {
			panic("grew")
		}
	})
	if allocs != 0 {
		t.Fatalf("appends allocated %v times", allocs)
	}
}

func TestAppendKeepsPrefix(t *testing.T) {
	b := AppendString([]byte("prefix"), "x")
	if !bytes.Equal(b, []byte("prefix\x01x")) {
		t.Fatalf("got %q", b)
	}
}
