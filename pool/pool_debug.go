//go:build walwiredebug

package pool

import (
	"fmt"
	"runtime"
	"sync"
	"unsafe"
	"weak"
)

// DebugEnabled reports whether the package was built with the walwiredebug
// tag, which poisons buffers on Put and checks for double Put and for use
// after Put.
const DebugEnabled = true

// released describes a buffer as Put left it.
type released struct {
	inPool bool  // Put was called and Get has not handed it out since
	base   *byte // backing array of B at Put
	cap    int   // cap(B) at Put
}

// tracked maps every buffer ever given to Put to its state. The key is a weak
// pointer, so tracking does not keep buffers alive: a cleanup removes the
// entry when the buffer is collected.
var tracked struct {
	sync.Mutex
	m map[weak.Pointer[Buffer]]*released
}

func untrack(k weak.Pointer[Buffer]) {
	tracked.Lock()
	delete(tracked.m, k)
	tracked.Unlock()
}

// debugPut panics if b is already in the pool, then fills the whole capacity
// of b.B with Poison and records that b is in the pool.
func debugPut(b *Buffer) {
	k := weak.Make(b)
	tracked.Lock()
	defer tracked.Unlock()
	if tracked.m == nil {
		tracked.m = make(map[weak.Pointer[Buffer]]*released)
	}
	r := tracked.m[k]
	if r == nil {
		r = new(released)
		tracked.m[k] = r
		runtime.AddCleanup(b, untrack, k)
	} else if r.inPool {
		panic(fmt.Sprintf("walwire/pool: double Put of buffer %p (cap %d): it was already returned to the pool", b, cap(b.B)))
	}
	full := b.B[:cap(b.B)]
	for i := range full {
		full[i] = Poison
	}
	b.B = full[:0]
	r.inPool = true
	r.base = unsafe.SliceData(full)
	r.cap = cap(full)
}

// debugGet runs when Get takes b out of the pool: it panics if b was changed
// after Put, and records that b is in use again.
func debugGet(b *Buffer) {
	k := weak.Make(b)
	tracked.Lock()
	defer tracked.Unlock()
	r := tracked.m[k]
	if r == nil || !r.inPool {
		panic(fmt.Sprintf("walwire/pool: Get found buffer %p in the pool, but it was never Put (or Get already handed it out)", b))
	}
	r.inPool = false
	if len(b.B) != 0 {
		panic(fmt.Sprintf("walwire/pool: use after Put: buffer %p has len(B) = %d, want 0: B was appended to or resliced after Put", b, len(b.B)))
	}
	if cap(b.B) != r.cap || unsafe.SliceData(b.B) != r.base {
		panic(fmt.Sprintf("walwire/pool: use after Put: buffer %p has a different B (cap %d, was %d at Put): B was replaced after Put", b, cap(b.B), r.cap))
	}
	full := b.B[:cap(b.B)]
	for i, c := range full {
		if c != Poison {
			panic(fmt.Sprintf("walwire/pool: use after Put: byte %d of buffer %p (cap %d) is %#02x, want poison %#02x: the buffer was written after Put (through B or a slice aliasing it)", i, b, cap(full), c, Poison))
		}
	}
}
