// Package pool keeps byte buffers for encoding records, so that a hot encode
// loop does not allocate.
//
// The caller knows the exact encoded size n of a record before writing it, so
// it asks for a buffer with room for n bytes, appends exactly n bytes (the
// buffer never grows), and hands the buffer back:
//
//	buf := pool.Get(n)
//	buf.B = appendRecord(buf.B, rec)
//	// ... write buf.B somewhere ...
//	pool.Put(buf)
//
// # Buffers
//
// [Buffer] is bytebufferpool's ByteBuffer (github.com/valyala/bytebufferpool),
// the type users of fasthttp already know: the bytes are in the exported field
// B, and it has Write, WriteString, WriteTo, Reset and friends. A Buffer may
// come from [Get] or be made by the caller; either kind may be given to [Put].
//
// # Size classes
//
// Buffers are kept in size classes, one sync.Pool per power of two from
// [MinCap] (64 B) to [MaxRetained] (1 MiB). Get(n) looks only in the smallest
// class whose buffers all hold at least n bytes, so a pooled buffer is never
// too small and is never grown by append doubling. On a miss it makes one
// buffer with the capacity of that class (a single allocation of at most
// twice n, so that the buffer can serve every later request of its class).
// A request above MaxRetained is not pooled: Get allocates exactly n bytes.
// Put files a buffer under the largest class its capacity covers. Small and
// large records therefore never share buffers: a stream of 64 KiB records
// does not hand 64 KiB buffers to 50-byte records, nor the other way round.
//
// # Retention policy
//
//   - Put drops (leaves to the garbage collector) every buffer whose capacity
//     is above MaxRetained (1 MiB) or below MinCap (64 B). A rare huge record
//     thus costs its allocation once and is never kept.
//   - Buffers that are kept live in sync.Pools, which the runtime empties when
//     they stay unused across two garbage collections; so a burst of large
//     records (or of any size) is released shortly after the burst ends, and
//     the pool holds no memory for sizes that are no longer used.
//   - Put(nil) is a no-op.
//
// # Why not bytebufferpool.Pool itself
//
// bytebufferpool.Pool takes no size hint: its Get returns a buffer of the
// calibrated default size, which a caller needing more must grow, and its Put
// adds to a shared atomic counter on every call (contended between cores) and
// every 42000 calls sorts its statistics to set a new default size and a
// ceiling at the 95th percentile of sizes, above which it drops buffers. For
// this workload, where the exact size is known up front, the calibration only
// costs: a size that is rare but steady (3% of records at 64 KiB, the rest
// below 1 KiB) lands above the ceiling, so every such record allocates 64 KiB
// anew, forever. Size-class sync.Pools need no calibration, keep sizes apart
// and cost little more than one plain sync.Pool, so Get and Put use them; the
// Buffer type stays bytebufferpool's.
//
// BENCHMARKS.md ("The buffer pool") gives this package's own measurements
// against bytebufferpool and a plain sync.Pool (BenchmarkGetPut and
// BenchmarkGetPutParallel).
//
// # Debug build
//
// Built with -tags walwiredebug, the package checks how buffers are used:
// Put fills the whole capacity of the buffer with the byte [Poison] (0xDB),
// so that a slice still aliasing it reads visible garbage; a second Put of a
// buffer already returned panics ("double Put"); and when Get hands a pooled
// buffer out again it panics if the buffer was written after Put (a byte is no
// longer Poison, its length is no longer 0, or B was replaced). The release
// build contains none of this; [DebugEnabled] tells which build is running.
//
// # Concurrency
//
// Get and Put are safe for concurrent use. A Buffer itself is not: it belongs
// to one goroutine between Get and Put, and to no one after Put.
package pool

import (
	"math/bits"
	"sync"

	"github.com/valyala/bytebufferpool"
)

// Buffer is a pooled byte buffer: its bytes are in the field B. It is
// bytebufferpool's ByteBuffer, so its methods (Write, WriteString, Reset,
// WriteTo...) are available too.
type Buffer = bytebufferpool.ByteBuffer

const (
	minShift = 6  // log2(MinCap)
	maxShift = 20 // log2(MaxRetained)

	// MinCap is the capacity of the smallest size class: Get returns a
	// buffer of at least this capacity for any request up to it, and Put
	// drops buffers whose capacity is smaller.
	MinCap = 1 << minShift

	// MaxRetained is the largest capacity the pool keeps. Get(n) for a
	// larger n allocates a buffer of exactly n bytes, and Put drops any
	// buffer whose capacity is above MaxRetained.
	MaxRetained = 1 << maxShift

	numClasses = maxShift - minShift + 1
)

// classes[i] holds buffers whose capacity is in [MinCap<<i, MinCap<<(i+1)),
// except class numClasses-1, which holds exactly MaxRetained. The array has a
// power-of-two length so that Get can index it with a mask instead of a
// bounds check; the entries from numClasses on stay unused.
var classes [16]sync.Pool

// getClass returns the index of the smallest class whose buffers all have a
// capacity of at least n, for 0 < n <= MaxRetained.
func getClass(n int) int {
	return bits.Len(uint(n-1)|(MinCap-1)) - minShift
}

// putClass returns the index of the largest class whose size does not exceed
// c, for MinCap <= c <= MaxRetained.
func putClass(c int) int {
	return bits.Len(uint(c)) - 1 - minShift
}

// Get returns an empty buffer (len(B) == 0) whose capacity is at least
// capacity. A capacity of 0 or less is taken as 0. Give the buffer back with
// [Put] when done with it.
func Get(capacity int) *Buffer {
	if capacity > MaxRetained {
		return &Buffer{B: make([]byte, 0, capacity)}
	}
	if capacity < 1 {
		capacity = 1
	}
	c := getClass(capacity)
	if v := classes[c&(len(classes)-1)].Get(); v != nil {
		b := v.(*Buffer)
		debugGet(b)
		return b
	}
	return &Buffer{B: make([]byte, 0, MinCap<<c)}
}

// Put returns b to the pool, which may hand it out again from [Get]; neither b
// nor any slice of b.B may be used afterwards. Put(nil) does nothing. Buffers
// with a capacity above [MaxRetained] or below [MinCap] are not kept. In the
// debug build, Put poisons b and panics if b was already Put.
func Put(b *Buffer) {
	if b == nil {
		return
	}
	debugPut(b)
	c := cap(b.B)
	if c < MinCap || c > MaxRetained {
		return
	}
	b.B = b.B[:0]
	classes[putClass(c)].Put(b)
}

// Poison is the byte that fills a buffer's whole capacity on Put in the debug
// build (-tags walwiredebug). A decoded value showing 0xDB bytes points to a
// slice that outlived the buffer it aliased.
const Poison byte = 0xDB
