package bench

import (
	"encoding/binary"
	"errors"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/valyala/bytebufferpool"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/walwire/walwire/bench/internal/easypb"
	"github.com/walwire/walwire/bench/internal/mirror"
	"github.com/walwire/walwire/bench/internal/pb"
	"github.com/walwire/walwire/bench/internal/v1json"
	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/v1compat"
	"github.com/walwire/walwire/wire"
)

// Every benchmark is named impl=<implementation>/payload=<size>, so that
// benchstat -col /impl puts the implementations side by side. The loops run
// every implementation of one payload size back to back (payload outer, impl
// inner), so that the ratios benchstat computes compare runs close in time. SetBytes is
// the size of the record read or written, so MB/s compare across sizes.

var (
	sinkBytes []byte
	sinkU64   uint64
	sinkRaw   envelope.Raw
)

var fixtures = Fixtures()

func BenchmarkEncode(b *testing.B) {
	for _, fx := range fixtures {
		for _, impl := range EncodeImpls {
			b.Run("impl="+impl.Name+"/payload="+fx.Name, func(b *testing.B) {
				enc := impl.New(fx)
				out, err := enc()
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(out)))
				b.ReportAllocs()
				b.ResetTimer()
				c := startCPU()
				for i := 0; i < b.N; i++ {
					out, err = enc()
				}
				c.stop(b)
				if err != nil {
					b.Fatal(err)
				}
				sinkBytes = out
			})
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, fx := range fixtures {
		for _, impl := range DecodeImpls {
			b.Run("impl="+impl.Name+"/payload="+fx.Name, func(b *testing.B) {
				d := impl.New(fx)
				in := d.Input
				if err := d.Decode(in); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(in)))
				b.ReportAllocs()
				b.ResetTimer()
				var err error
				c := startCPU()
				for i := 0; i < b.N; i++ {
					err = d.Decode(in)
				}
				c.stop(b)
				if err != nil {
					b.Fatal(err)
				}
			})
		}
	}
}

// BenchmarkHeaderDecode reads the header alone, from the benchmark records.
// Each implementation has its own loop with a direct call, since the
// operation costs tens of nanoseconds. SetBytes is the whole record's size:
// the MB/s column shows how much log a filter skims per second.
func BenchmarkHeaderDecode(b *testing.B) {
	for _, fx := range fixtures {
		for _, name := range HeaderImpls {
			b.Run("impl="+name+"/payload="+fx.Name, func(b *testing.B) { benchHeader(b, name, fx.Encoded) })
		}
	}
}

// BenchmarkHeaderFlat reads the header alone from three records whose
// headers are identical and whose payloads are 31 B, 520 B and 64 KiB
// (FlatFixtures): the cost against the payload's size, and nothing else.
func BenchmarkHeaderFlat(b *testing.B) {
	for _, fx := range flatFixtures {
		for _, name := range HeaderImpls {
			b.Run("impl="+name+"/payload="+fx.Name, func(b *testing.B) { benchHeader(b, name, fx.Encoded) })
		}
	}
}

var flatFixtures = FlatFixtures()

func benchHeader(b *testing.B, name string, in []byte) {
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	var err error
	switch name {
	case "walwire":
		var raw envelope.Raw
		b.ResetTimer()
		c := startCPU()
		for i := 0; i < b.N; i++ {
			err = headerWalwire(in, &raw)
		}
		c.stop(b)
		sinkRaw = raw
	case "protobuf-go":
		var h pb.Header
		b.ResetTimer()
		c := startCPU()
		for i := 0; i < b.N; i++ {
			err = headerProtobufGo(in, &h)
		}
		c.stop(b)
	case "floor":
		var h FloorHeader
		b.ResetTimer()
		c := startCPU()
		for i := 0; i < b.N; i++ {
			err = headerFloor(in, &h)
		}
		c.stop(b)
	case "hyperpb":
		shared := newHyperpbShared(hyperpbHeaderType)
		b.ResetTimer()
		c := startCPU()
		for i := 0; i < b.N; i++ {
			_, err = headerHyperpb(in, shared)
		}
		c.stop(b)
	case "vtprotobuf-pool":
		h := pb.HeaderFromVTPool()
		b.ResetTimer()
		c := startCPU()
		for i := 0; i < b.N; i++ {
			err = headerVT(in, h)
		}
		c.stop(b)
	case "vtprotobuf-unsafe-pool":
		h := pb.HeaderFromVTPool()
		b.ResetTimer()
		c := startCPU()
		for i := 0; i < b.N; i++ {
			err = headerVTUnsafe(in, h)
		}
		c.stop(b)
	case "easyproto":
		var h easypb.Header
		b.ResetTimer()
		c := startCPU()
		for i := 0; i < b.N; i++ {
			err = headerEasyproto(in, &h)
		}
		c.stop(b)
	default:
		b.Fatalf("unknown impl %s", name)
	}
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkUpgrade turns a v1 record into v2 bytes. impl=walwire is
// v1compat.Upgrade (decode the JSON, bridge, write the v2 record into a
// reused buffer); impl=encoding-json is only the decode of the same record
// with encoding/json into the v1 structs, without converting or writing
// anything; impl=v1compat-decode is walwire's v1 decode alone
// (v1compat.Record.UnmarshalBinary, copying).
func BenchmarkUpgrade(b *testing.B) {
	impls := []string{"walwire", "encoding-json", "v1compat-decode"}
	for _, fx := range fixtures {
		for _, name := range impls {
			b.Run("impl="+name+"/payload="+fx.Name, func(b *testing.B) {
				in := fx.V1Encoded
				b.SetBytes(int64(len(in)))
				b.ReportAllocs()
				var err error
				switch name {
				case "walwire":
					var dst []byte
					b.ResetTimer()
					c := startCPU()
					for i := 0; i < b.N; i++ {
						dst, err = v1compat.Upgrade(dst[:0], in)
					}
					c.stop(b)
					sinkBytes = dst
				case "encoding-json":
					var r v1json.Record
					b.ResetTimer()
					c := startCPU()
					for i := 0; i < b.N; i++ {
						err = v1json.DecodeRecord(in, &r)
					}
					c.stop(b)
				case "v1compat-decode":
					var r v1compat.Record
					b.ResetTimer()
					c := startCPU()
					for i := 0; i < b.N; i++ {
						err = r.UnmarshalBinary(in)
					}
					c.stop(b)
				}
				if err != nil {
					b.Fatal(err)
				}
			})
		}
	}
}

// BenchmarkConvert isolates the mirror-type design's conversions:
// impl=to-proto builds the generated messages of a record (header and
// payload) from walwire's Go types; impl=from-proto fills walwire's Go types
// from generated messages.
func BenchmarkConvert(b *testing.B) {
	for _, fx := range fixtures {
		for _, name := range []string{"to-proto", "from-proto"} {
			b.Run("impl="+name+"/payload="+fx.Name, func(b *testing.B) {
				h := fx.Record.Header()
				b.SetBytes(int64(len(fx.Encoded)))
				b.ReportAllocs()
				switch {
				case name == "to-proto" && fx.Announce != nil:
					c := startCPU()
					for i := 0; i < b.N; i++ {
						_ = mirror.Header(&h)
						_ = mirror.AnnounceLeader(fx.Announce)
					}
					c.stop(b)
				case name == "to-proto":
					c := startCPU()
					for i := 0; i < b.N; i++ {
						_ = mirror.Header(&h)
						_ = mirror.ServiceInvocation(fx.Invoke)
					}
					c.stop(b)
				case fx.Announce != nil:
					var wh envelope.Header
					var v = *fx.Announce
					p := fx.PBPayload.(*pb.AnnounceLeader)
					c := startCPU()
					for i := 0; i < b.N; i++ {
						mirror.HeaderFrom(&wh, fx.PBHeader)
						mirror.AnnounceLeaderFrom(&v, p)
					}
					c.stop(b)
				default:
					var wh envelope.Header
					var v = *fx.Invoke
					p := fx.PBPayload.(*pb.ServiceInvocation)
					c := startCPU()
					for i := 0; i < b.N; i++ {
						mirror.HeaderFrom(&wh, fx.PBHeader)
						mirror.ServiceInvocationFrom(&v, p)
					}
					c.stop(b)
				}
			})
		}
	}
}

// varintValues returns 1024 values whose varints are exactly n bytes long
// (n in 1..10), spread over that range.
func varintValues(n int) []uint64 {
	vs := make([]uint64, 1024)
	lo := uint64(0)
	if n > 1 {
		lo = 1 << (7 * (n - 1))
	}
	x := uint64(0x9e3779b97f4a7c15)
	for i := range vs {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		v := x
		if n < 10 {
			v = lo + x%(1<<(7*n)-lo)
		} else {
			v |= 1 << 63
		}
		if protowire.SizeVarint(v) != n {
			panic("varintValues")
		}
		vs[i] = v
	}
	return vs
}

var varintSizes = []int{1, 2, 5, 10}

// BenchmarkVarint appends or consumes one varint per op (payload=<length of
// the varint>), from a cycle of 1024 values of that length: walwire (wire),
// protowire and encoding/binary.
func BenchmarkVarint(b *testing.B) {
	for _, op := range []string{"append", "consume"} {
		for _, n := range varintSizes {
			for _, impl := range []string{"walwire", "protowire", "encoding-binary"} {
				b.Run("op="+op+"/impl="+impl+"/payload="+strconv.Itoa(n)+"B", func(b *testing.B) {
					vs := varintValues(n)
					b.SetBytes(int64(n))
					b.ReportAllocs()
					if op == "append" {
						benchVarintAppend(b, impl, vs)
					} else {
						benchVarintConsume(b, impl, vs)
					}
				})
			}
		}
	}
}

// The varint loops walk the 1024 values in an inner loop (buf reset, or the
// stream restarted, once per 1024 values), so that one op is one value with
// no other per-value work than the loop's own, and return on an error rather
// than call b.Fatal inside the loop.

func benchVarintAppend(b *testing.B, impl string, vs []uint64) {
	buf := make([]byte, 0, 10*len(vs))
	b.ResetTimer()
	c := startCPU()
	switch impl {
	case "walwire":
		for n := b.N; n > 0; n -= len(vs) {
			buf = buf[:0]
			for _, v := range vs[:min(n, len(vs))] {
				buf = wire.AppendVarint(buf, v)
			}
		}
	case "protowire":
		for n := b.N; n > 0; n -= len(vs) {
			buf = buf[:0]
			for _, v := range vs[:min(n, len(vs))] {
				buf = protowire.AppendVarint(buf, v)
			}
		}
	case "encoding-binary":
		for n := b.N; n > 0; n -= len(vs) {
			buf = buf[:0]
			for _, v := range vs[:min(n, len(vs))] {
				buf = binary.AppendUvarint(buf, v)
			}
		}
	}
	c.stop(b)
	sinkBytes = buf
}

func benchVarintConsume(b *testing.B, impl string, vs []uint64) {
	var stream []byte
	for _, v := range vs {
		stream = protowire.AppendVarint(stream, v)
	}
	var f func(n int, stream []byte) (uint64, error)
	switch impl {
	case "walwire":
		f = consumeWalwire
	case "protowire":
		f = consumeProtowire
	case "encoding-binary":
		f = consumeBinary
	}
	b.ResetTimer()
	c := startCPU()
	sum, err := f(b.N, stream)
	c.stop(b)
	if err != nil {
		b.Fatal(err)
	}
	sinkU64 = sum
}

// consumeWalwire consumes n varints from a cycle over stream.
func consumeWalwire(n int, stream []byte) (sum uint64, err error) {
	for ; n > 0; n -= 1024 {
		d := stream
		for j := min(n, 1024); j > 0; j-- {
			v, k, err := wire.ConsumeVarint(d)
			if err != nil {
				return 0, err
			}
			sum += v
			d = d[k:]
		}
	}
	return sum, nil
}

func consumeProtowire(n int, stream []byte) (sum uint64, err error) {
	for ; n > 0; n -= 1024 {
		d := stream
		for j := min(n, 1024); j > 0; j-- {
			v, k := protowire.ConsumeVarint(d)
			if k < 0 {
				return 0, protowire.ParseError(k)
			}
			sum += v
			d = d[k:]
		}
	}
	return sum, nil
}

var errUvarint = errors.New("binary.Uvarint failed")

func consumeBinary(n int, stream []byte) (sum uint64, err error) {
	for ; n > 0; n -= 1024 {
		d := stream
		for j := min(n, 1024); j > 0; j-- {
			v, k := binary.Uvarint(d)
			if k <= 0 {
				return 0, errUvarint
			}
			sum += v
			d = d[k:]
		}
	}
	return sum, nil
}

var plainPool = sync.Pool{New: func() any { return new(pool.Buffer) }}

// BenchmarkPool is one Get+Put of a buffer with room for the record
// (payload=<record size label>), on one goroutine, after a warm-up longer
// than bytebufferpool's calibration period: impl=walwire is package pool
// (size classes, Get takes the capacity), impl=sync.Pool one plain
// sync.Pool of buffers grown when too small, impl=bytebufferpool its
// default pool, grown when too small.
func BenchmarkPool(b *testing.B) {
	getPut := map[string]func(n int){
		"walwire": func(n int) {
			buf := pool.Get(n)
			buf.B = buf.B[:n]
			pool.Put(buf)
		},
		"sync.Pool": func(n int) {
			buf := plainPool.Get().(*pool.Buffer)
			if cap(buf.B) < n {
				buf.B = make([]byte, 0, n)
			}
			buf.B = buf.B[:n]
			buf.B = buf.B[:0]
			plainPool.Put(buf)
		},
		"bytebufferpool": func(n int) {
			buf := bytebufferpool.Get()
			if cap(buf.B) < n {
				buf.B = make([]byte, 0, n)
			}
			buf.B = buf.B[:n]
			bytebufferpool.Put(buf)
		},
	}
	for _, fx := range fixtures {
		for _, name := range []string{"walwire", "sync.Pool", "bytebufferpool"} {
			b.Run("impl="+name+"/payload="+fx.Name, func(b *testing.B) {
				n := len(fx.Encoded)
				f := getPut[name]
				for i := 0; i < 50000; i++ {
					f(n)
				}
				b.ReportAllocs()
				b.ResetTimer()
				// Each impl's loop calls its Get and Put directly.
				switch name {
				case "walwire":
					c := startCPU()
					for i := 0; i < b.N; i++ {
						buf := pool.Get(n)
						buf.B = buf.B[:n]
						pool.Put(buf)
					}
					c.stop(b)
				case "sync.Pool":
					c := startCPU()
					for i := 0; i < b.N; i++ {
						buf := plainPool.Get().(*pool.Buffer)
						if cap(buf.B) < n {
							buf.B = make([]byte, 0, n)
						}
						buf.B = buf.B[:n]
						buf.B = buf.B[:0]
						plainPool.Put(buf)
					}
					c.stop(b)
				case "bytebufferpool":
					c := startCPU()
					for i := 0; i < b.N; i++ {
						buf := bytebufferpool.Get()
						if cap(buf.B) < n {
							buf.B = make([]byte, 0, n)
						}
						buf.B = buf.B[:n]
						bytebufferpool.Put(buf)
					}
					c.stop(b)
				}
			})
		}
	}
}

// errorImpls are the decoders BenchmarkDecodeError runs.
var errorImpls = []string{"walwire-zerocopy", "walwire-copy", "protobuf-go", "vtprotobuf-pool", "vtprotobuf-unsafe-pool", "hyperpb", "easyproto"}

// truncated returns the record without its last byte: the payload's last
// field then runs past the end, which every decoder reports.
func truncated(fx *Fixture) []byte { return fx.Encoded[:len(fx.Encoded)-1] }

// BenchmarkDecodeError is a full decode of a damaged record (the last byte
// cut off): the cost, and the allocations, of the error path.
func BenchmarkDecodeError(b *testing.B) {
	for _, fx := range fixtures {
		for _, impl := range DecodeImpls {
			if !slices.Contains(errorImpls, impl.Name) {
				continue
			}
			b.Run("impl="+impl.Name+"/payload="+fx.Name, func(b *testing.B) {
				d := impl.New(fx)
				in := truncated(fx)
				b.ReportAllocs()
				b.ResetTimer()
				var err error
				c := startCPU()
				for i := 0; i < b.N; i++ {
					err = d.Decode(in)
				}
				c.stop(b)
				if err == nil {
					b.Fatal("no error")
				}
			})
		}
	}
}

// BenchmarkSteps splits walwire's own encode and decode into their steps,
// to show where the time goes (the CPU profiles in BENCHMARKS.md say the same
// per function):
//
//	op=encode: impl=validate (Record.Validate: required fields, UTF-8),
//	impl=size (Record.Size: header and payload sizes), impl=append
//	(Record.AppendUnchecked, unchecked, into a reused buffer: the writing, with the
//	nested sizes it recomputes), impl=marshal (Record.Marshal and pool.Put:
//	everything, as walwire-pooled in BenchmarkEncode).
//
//	op=decode: impl=parse (envelope.Parse: the header), impl=payload-zerocopy
//	and impl=payload-copy (Raw.DecodeZeroCopy and Raw.Decode of a parsed
//	record: the payload alone), impl=parse+decode (both, as walwire-zerocopy
//	in BenchmarkDecode).
func BenchmarkSteps(b *testing.B) {
	for _, fx := range fixtures {
		rec := fx.Record
		for _, step := range []string{"validate", "size", "append", "marshal"} {
			b.Run("op=encode/impl="+step+"/payload="+fx.Name, func(b *testing.B) {
				b.SetBytes(int64(len(fx.Encoded)))
				b.ReportAllocs()
				var err error
				var n int
				switch step {
				case "validate":
					c := startCPU()
					for i := 0; i < b.N; i++ {
						err = rec.Validate()
					}
					c.stop(b)
				case "size":
					c := startCPU()
					for i := 0; i < b.N; i++ {
						n += rec.Size()
					}
					c.stop(b)
				case "append":
					buf := make([]byte, 0, len(fx.Encoded))
					c := startCPU()
					for i := 0; i < b.N; i++ {
						buf = rec.AppendUnchecked(buf[:0])
					}
					c.stop(b)
					sinkBytes = buf
				case "marshal":
					c := startCPU()
					for i := 0; i < b.N; i++ {
						var buf *pool.Buffer
						buf, err = rec.Marshal()
						pool.Put(buf)
					}
					c.stop(b)
				}
				if err != nil {
					b.Fatal(err)
				}
				sinkU64 += uint64(n)
			})
		}
	}
	for _, fx := range fixtures {
		for _, step := range []string{"parse", "payload-zerocopy", "payload-copy", "parse+decode"} {
			b.Run("op=decode/impl="+step+"/payload="+fx.Name, func(b *testing.B) {
				in := fx.Encoded
				raw, err := envelope.Parse(in)
				if err != nil {
					b.Fatal(err)
				}
				dst, err := records.New(raw.Header.Kind)
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(in)))
				b.ReportAllocs()
				b.ResetTimer()
				switch step {
				case "parse":
					c := startCPU()
					for i := 0; i < b.N; i++ {
						raw, err = envelope.Parse(in)
					}
					c.stop(b)
				case "payload-zerocopy":
					c := startCPU()
					for i := 0; i < b.N; i++ {
						err = raw.DecodeZeroCopy(dst)
					}
					c.stop(b)
				case "payload-copy":
					c := startCPU()
					for i := 0; i < b.N; i++ {
						err = raw.Decode(dst)
					}
					c.stop(b)
				case "parse+decode":
					c := startCPU()
					for i := 0; i < b.N; i++ {
						if raw, err = envelope.Parse(in); err == nil {
							err = raw.DecodeZeroCopy(dst)
						}
					}
					c.stop(b)
				}
				if err != nil {
					b.Fatal(err)
				}
				sinkRaw = raw
			})
		}
	}
}

var (
	replayOnce   sync.Once
	replayStream *ReplayStream
)

// BenchmarkReplay is the replay loop (replay.go): one op is one record of a
// stream of ReplayRecords mixed records of every kind (NewReplayStream,
// built once), read with a header-only decode and a key filter, and decoded
// into a typed value when it passes the filter (every tenth record). The
// loop walks the stream from the start and wraps around, so that b.N records
// are read; records/s is reported beside ns/op (the time of one record) and
// allocs/op is the allocations per record.
func BenchmarkReplay(b *testing.B) {
	replayOnce.Do(func() { replayStream = NewReplayStream(ReplayRecords) })
	recs := replayStream.Records
	for _, impl := range ReplayImpls {
		b.Run("impl="+impl.Name+"/payload=mixed", func(b *testing.B) {
			next := impl.New()
			// Warm up: one pass over a kind-complete prefix, so that every
			// reused value has its capacity.
			for _, r := range recs[:min(len(recs), 10_000)] {
				if _, err := next(r); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			var err error
			matched := 0
			c := startCPU()
			start := time.Now()
			for i, j := 0, 0; i < b.N; i++ {
				var ok bool
				if ok, err = next(recs[j]); err != nil {
					break
				}
				if ok {
					matched++
				}
				if j++; j == len(recs) {
					j = 0
				}
			}
			elapsed := time.Since(start)
			c.stop(b)
			if err != nil {
				b.Fatal(err)
			}
			if b.N >= 10 && (matched < b.N/10-1 || matched > b.N/10+1) {
				b.Fatalf("%d of %d records decoded, want a tenth", matched, b.N)
			}
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "records/s")
		})
	}
}
