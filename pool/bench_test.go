package pool_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/valyala/bytebufferpool"
	"github.com/walwire/walwire/pool"
)

// The workload of the envelope package: get a buffer for exactly size bytes,
// write them (the reslice stands in for the append), give it back. Each impl
// has its own loop so that none pays for an indirect call the others do not.
//
// impl=walwire        this package (size-class sync.Pools)
// impl=bytebufferpool bytebufferpool.Get/Put, growing to size when too small
// impl=syncpool       one plain sync.Pool of *Buffer, growing when too small

var benchSizes = []int{64, 1024, 65536}

// mixedSizes is the cycle of sizes of the size=mixed workload: records of
// 600 to 1000 bytes, and one 64 KiB record in 32 (3%: above bytebufferpool's
// 95th percentile, so its calibration ends up dropping every 64 KiB buffer).
var mixedSizes = func() []int {
	s := make([]int, 32)
	for i := range s {
		s[i] = 600 + 13*i
	}
	s[31] = 65536
	return s
}()

// warmCalls is how many Get+Put calls run before timing: more than
// bytebufferpool's calibration period (42000 calls), so that every impl is
// measured in its steady state for the size at hand.
const warmCalls = 50000

var plainPool = sync.Pool{New: func() any { return new(pool.Buffer) }}

func plainGet(size int) *pool.Buffer {
	b := plainPool.Get().(*pool.Buffer)
	if cap(b.B) < size {
		b.B = make([]byte, 0, size)
	}
	return b
}

func plainPut(b *pool.Buffer) {
	b.B = b.B[:0]
	plainPool.Put(b)
}

func bbpGet(size int) *pool.Buffer {
	b := bytebufferpool.Get()
	if cap(b.B) < size {
		b.B = make([]byte, 0, size)
	}
	return b
}

type benchImpl struct {
	name   string
	once   func(size int) // one Get+Put, for warming up (untimed)
	serial func(b *testing.B, size int)
	par    func(pb *testing.PB, size int)
}

var benchImpls = []benchImpl{
	{
		name: "walwire",
		once: func(size int) {
			buf := pool.Get(size)
			buf.B = buf.B[:size]
			pool.Put(buf)
		},
		serial: func(b *testing.B, size int) {
			if size < 0 {
				for i := 0; b.Loop(); i++ {
					n := mixedSizes[i%len(mixedSizes)]
					buf := pool.Get(n)
					buf.B = buf.B[:n]
					pool.Put(buf)
				}
				return
			}
			for b.Loop() {
				buf := pool.Get(size)
				buf.B = buf.B[:size]
				pool.Put(buf)
			}
		},
		par: func(pb *testing.PB, size int) {
			for pb.Next() {
				buf := pool.Get(size)
				buf.B = buf.B[:size]
				pool.Put(buf)
			}
		},
	},
	{
		name: "bytebufferpool",
		once: func(size int) {
			buf := bbpGet(size)
			buf.B = buf.B[:size]
			bytebufferpool.Put(buf)
		},
		serial: func(b *testing.B, size int) {
			if size < 0 {
				for i := 0; b.Loop(); i++ {
					n := mixedSizes[i%len(mixedSizes)]
					buf := bbpGet(n)
					buf.B = buf.B[:n]
					bytebufferpool.Put(buf)
				}
				return
			}
			for b.Loop() {
				buf := bbpGet(size)
				buf.B = buf.B[:size]
				bytebufferpool.Put(buf)
			}
		},
		par: func(pb *testing.PB, size int) {
			for pb.Next() {
				buf := bbpGet(size)
				buf.B = buf.B[:size]
				bytebufferpool.Put(buf)
			}
		},
	},
	{
		name: "syncpool",
		once: func(size int) {
			buf := plainGet(size)
			buf.B = buf.B[:size]
			plainPut(buf)
		},
		serial: func(b *testing.B, size int) {
			if size < 0 {
				for i := 0; b.Loop(); i++ {
					n := mixedSizes[i%len(mixedSizes)]
					buf := plainGet(n)
					buf.B = buf.B[:n]
					plainPut(buf)
				}
				return
			}
			for b.Loop() {
				buf := plainGet(size)
				buf.B = buf.B[:size]
				plainPut(buf)
			}
		},
		par: func(pb *testing.PB, size int) {
			for pb.Next() {
				buf := plainGet(size)
				buf.B = buf.B[:size]
				plainPut(buf)
			}
		},
	},
}

// warm makes warmCalls calls of impl's Get+Put outside any timing, going
// through the size=mixed cycle when size < 0.
func warm(impl benchImpl, size int) {
	for i := range warmCalls {
		n := size
		if n < 0 {
			n = mixedSizes[i%len(mixedSizes)]
		}
		impl.once(n)
	}
}

// BenchmarkGetPut measures one Get+Put on one goroutine, for a fixed size and
// for a mixed workload (size=mixed, see mixedSizes). Compare the
// implementations with: benchstat -col /impl.
func BenchmarkGetPut(b *testing.B) {
	for _, impl := range benchImpls {
		for _, size := range append(benchSizes, -1) {
			name := fmt.Sprint(size)
			if size < 0 {
				name = "mixed"
			}
			b.Run(fmt.Sprintf("impl=%s/size=%s", impl.name, name), func(b *testing.B) {
				warm(impl, size)
				b.ReportAllocs()
				impl.serial(b, size)
			})
		}
	}
}

// BenchmarkGetPutParallel measures Get+Put from GOMAXPROCS goroutines, where
// shared state (bytebufferpool's call counters) is contended.
func BenchmarkGetPutParallel(b *testing.B) {
	for _, impl := range benchImpls {
		for _, size := range benchSizes {
			b.Run(fmt.Sprintf("impl=%s/size=%d", impl.name, size), func(b *testing.B) {
				warm(impl, size)
				b.ReportAllocs()
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) { impl.par(pb, size) })
			})
		}
	}
}
