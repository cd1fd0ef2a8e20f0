package wire

// Benchmarks of the varint primitives side by side with encoding/binary and
// protowire, named so that benchstat can put the implementations in columns:
//
//	go test -run='^$' -bench=Varint -count=6 ./wire/ > bench.txt
//	benchstat -col /impl bench.txt
//
// Each iteration handles a batch of benchBatch values; the ns/value metric is
// the time per value (the target: at most 1 ns for 1-byte values).

import (
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

const benchBatch = 1024

// Sinks that keep the compiler from dropping the work.
var (
	benchSinkBytes []byte
	benchSinkU64   uint64
)

// benchSizes are the varint lengths benchmarked; 0 means a mix of 1 to 10.
var benchSizes = []struct {
	name string
	size int
}{{"1", 1}, {"2", 2}, {"5", 5}, {"10", 10}, {"mixed", 0}}

// varintValues returns benchBatch seeded values whose varints take size bytes
// (or a uniform mix of 1 to 10 bytes for size 0), and their encoding.
func varintValues(size int) ([]uint64, []byte) {
	rng := rand.New(rand.NewPCG(uint64(size), 42))
	vs := make([]uint64, benchBatch)
	var enc []byte
	for i := range vs {
		n := size
		if n == 0 {
			n = 1 + rng.IntN(10)
		}
		switch {
		case n == 1:
			vs[i] = rng.Uint64N(1 << 7)
		case n == 10:
			vs[i] = 1<<63 | rng.Uint64()
		default:
			lo := uint64(1) << (7 * (n - 1))
			vs[i] = lo + rng.Uint64N(lo<<7-lo)
		}
		if SizeVarint(vs[i]) != n {
			panic("varintValues: wrong size")
		}
		enc = AppendVarint(enc, vs[i])
	}
	return vs, enc
}

// perValue reports the time per value, for batches of n values.
func perValue(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/value")
}

// The loops of each implementation live in functions of their own, so that
// each is compiled (and register-allocated) on its own, as in a caller's code.

func appendWalwire(b *testing.B, buf []byte, vs []uint64) []byte {
	for i := 0; i < b.N; i++ {
		buf = buf[:0]
		for _, v := range vs {
			buf = AppendVarint(buf, v)
		}
	}
	return buf
}

func appendBinary(b *testing.B, buf []byte, vs []uint64) []byte {
	for i := 0; i < b.N; i++ {
		buf = buf[:0]
		for _, v := range vs {
			buf = binary.AppendUvarint(buf, v)
		}
	}
	return buf
}

func appendProtowire(b *testing.B, buf []byte, vs []uint64) []byte {
	for i := 0; i < b.N; i++ {
		buf = buf[:0]
		for _, v := range vs {
			buf = protowire.AppendVarint(buf, v)
		}
	}
	return buf
}

// The consume loops return on the first error, as a decoder would, rather
// than call b.Fatal in the loop.

func consumeWalwire(b *testing.B, enc []byte) (uint64, error) {
	var sum uint64
	for i := 0; i < b.N; i++ {
		sum = 0
		for d := enc; len(d) > 0; {
			v, n, err := ConsumeVarint(d)
			if err != nil {
				return 0, err
			}
			sum += v
			d = d[n:]
		}
	}
	return sum, nil
}

var errBinary = errors.New("binary.Uvarint failed")

func consumeBinary(b *testing.B, enc []byte) (uint64, error) {
	var sum uint64
	for i := 0; i < b.N; i++ {
		sum = 0
		for d := enc; len(d) > 0; {
			v, n := binary.Uvarint(d)
			if n <= 0 {
				return 0, errBinary
			}
			sum += v
			d = d[n:]
		}
	}
	return sum, nil
}

func consumeProtowire(b *testing.B, enc []byte) (uint64, error) {
	var sum uint64
	for i := 0; i < b.N; i++ {
		sum = 0
		for d := enc; len(d) > 0; {
			v, n := protowire.ConsumeVarint(d)
			if n < 0 {
				return 0, protowire.ParseError(n)
			}
			sum += v
			d = d[n:]
		}
	}
	return sum, nil
}

var varintImpls = []struct {
	name    string
	append  func(*testing.B, []byte, []uint64) []byte
	consume func(*testing.B, []byte) (uint64, error)
}{
	{"walwire", appendWalwire, consumeWalwire},
	{"binary", appendBinary, consumeBinary},
	{"protowire", appendProtowire, consumeProtowire},
}

// The implementations take turns for each size, so that a run on a shared
// machine measures them under the same conditions.

func BenchmarkAppendVarint(b *testing.B) {
	for _, sz := range benchSizes {
		vs, enc := varintValues(sz.size)
		for _, impl := range varintImpls {
			b.Run("impl="+impl.name+"/size="+sz.name, func(b *testing.B) {
				buf := make([]byte, 0, len(enc))
				b.SetBytes(int64(len(enc)))
				b.ReportAllocs()
				b.ResetTimer()
				buf = impl.append(b, buf, vs)
				b.StopTimer()
				perValue(b, len(vs))
				if string(buf) != string(enc) {
					b.Fatal("wrong encoding")
				}
				benchSinkBytes = buf
			})
		}
	}
}

func BenchmarkConsumeVarint(b *testing.B) {
	for _, sz := range benchSizes {
		vs, enc := varintValues(sz.size)
		var want uint64
		for _, v := range vs {
			want += v
		}
		for _, impl := range varintImpls {
			b.Run("impl="+impl.name+"/size="+sz.name, func(b *testing.B) {
				b.SetBytes(int64(len(enc)))
				b.ReportAllocs()
				b.ResetTimer()
				sum, err := impl.consume(b, enc)
				b.StopTimer()
				perValue(b, len(vs))
				if err != nil || sum != want {
					b.Fatalf("sum %d, want %d: %v", sum, want, err)
				}
				benchSinkU64 = sum
			})
		}
	}
}

// mediumMessage is a message of 20 top-level fields of every kind, with an
// embedded message, packed fields and an unknown group.
func mediumMessage() []byte {
	var b, sub []byte
	sub = AppendString(AppendTag(sub, 1, BytesType), "partition-7")
	sub = AppendVarint(AppendTag(sub, 2, VarintType), 1<<40)
	sub = AppendFixed64(AppendTag(sub, 3, Fixed64Type), 0xfeedface)

	b = AppendVarint(AppendTag(b, 1, VarintType), 150)
	b = AppendInt32(AppendTag(b, 2, VarintType), -1)
	b = AppendSint64(AppendTag(b, 3, VarintType), -123456789)
	b = AppendBool(AppendTag(b, 4, VarintType), true)
	b = AppendFixed32(AppendTag(b, 5, Fixed32Type), 0xdeadbeef)
	b = AppendFixed64(AppendTag(b, 6, Fixed64Type), 1<<50)
	b = AppendFloat(AppendTag(b, 7, Fixed32Type), 3.5)
	b = AppendDouble(AppendTag(b, 8, Fixed64Type), math.Pi)
	b = AppendString(AppendTag(b, 9, BytesType), "invoke.invocation_target.handler")
	b = AppendBytes(AppendTag(b, 10, BytesType), []byte("0123456789abcdef0123456789abcdef"))
	b = AppendBytes(AppendTag(b, 11, BytesType), sub)
	b = AppendPackedVarint(AppendTag(b, 12, BytesType), []uint32{1, 2, 3, 300, 70000, 1 << 30})
	b = AppendPackedFixed64(AppendTag(b, 13, BytesType), []uint64{1, 2, 3, 4})
	b = AppendVarint(AppendTag(b, 14, VarintType), 1700000000000)
	b = AppendString(AppendTag(b, 15, BytesType), "node-3")
	b = AppendVarint(AppendTag(b, 16, VarintType), 42)
	b = AppendTag(b, 17, StartGroupType) // unknown group, skipped
	b = AppendVarint(AppendTag(b, 1, VarintType), 1)
	b = AppendString(AppendTag(b, 2, BytesType), "skipped")
	b = AppendTag(b, 17, EndGroupType)
	b = AppendVarint(AppendTag(b, 18, VarintType), 7)
	b = AppendBytes(AppendTag(b, 19, BytesType), sub)
	b = AppendVarint(AppendTag(b, 20, VarintType), 99)
	return b
}

type mediumSub struct {
	Name string
	A    uint64
	B    uint64
}

type medium struct {
	U64     uint64
	I32     int32
	S64     int64
	Bool    bool
	F32     uint32
	F64     uint64
	Float   float32
	Double  float64
	Str     string
	Bytes   []byte
	Sub     mediumSub
	U32s    []uint32
	F64s    []uint64
	Time    uint64
	Node    string
	Small   uint32
	Seven   uint64
	Sub2    mediumSub
	Last    uint64
	Unknown int
}

func readMediumSub(r *Reader, s *mediumSub) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.String(&s.Name)
		case 2:
			r.Uint64(&s.A)
		case 3:
			r.Fixed64(&s.B)
		}
	}
	return r.Err()
}

func readMedium(r *Reader, m *medium) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint64(&m.U64)
		case 2:
			r.Int32(&m.I32)
		case 3:
			r.Sint64(&m.S64)
		case 4:
			r.Bool(&m.Bool)
		case 5:
			r.Fixed32(&m.F32)
		case 6:
			r.Fixed64(&m.F64)
		case 7:
			r.Float(&m.Float)
		case 8:
			r.Double(&m.Double)
		case 9:
			r.String(&m.Str)
		case 10:
			r.Bytes(&m.Bytes)
		case 11, 19:
			s := &m.Sub
			if r.Number() == 19 {
				s = &m.Sub2
			}
			if sub, ok := r.Message(); ok {
				if err := readMediumSub(&sub, s); err != nil {
					return r.Fail(err)
				}
			}
		case 12:
			UnpackVarints(r, &m.U32s)
		case 13:
			UnpackFixed64s(r, &m.F64s)
		case 14:
			r.Uint64(&m.Time)
		case 15:
			r.String(&m.Node)
		case 16:
			r.Uint32(&m.Small)
		case 18:
			r.Uint64(&m.Seven)
		case 20:
			r.Uint64(&m.Last)
		default:
			m.Unknown++
		}
	}
	return r.Err()
}

// BenchmarkReader decodes a message of 20 fields into a struct.
func BenchmarkReader(b *testing.B) {
	msg := mediumMessage()
	for _, mode := range []Mode{ZeroCopy, Copy} {
		name := map[Mode]string{ZeroCopy: "zerocopy", Copy: "copy"}[mode]
		b.Run("impl=walwire/mode="+name+"/bytes="+strconv.Itoa(len(msg)), func(b *testing.B) {
			m := &medium{U32s: make([]uint32, 0, 8), F64s: make([]uint64, 0, 8)}
			b.SetBytes(int64(len(msg)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				*m = medium{U32s: m.U32s[:0], F64s: m.F64s[:0]}
				r := NewReader(msg, mode)
				if err := readMedium(&r, m); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if m.Last != 99 || m.Sub2.Name != "partition-7" || len(m.U32s) != 6 || m.Unknown != 1 || m.Double != math.Pi {
				b.Fatalf("decoded %+v", m)
			}
		})
	}
}
