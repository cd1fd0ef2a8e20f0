//go:build walwiredebug

package pool

import (
	"fmt"
	"strings"
	"testing"
)

// mustPanic runs f and returns its panic message, failing the test if f does
// not panic or if the message lacks want.
func mustPanic(t *testing.T, want string, f func()) string {
	t.Helper()
	var msg string
	func() {
		defer func() {
			if r := recover(); r != nil {
				msg = fmt.Sprint(r)
			}
		}()
		f()
	}()
	if msg == "" {
		t.Fatalf("no panic, want one mentioning %q", want)
	}
	if !strings.Contains(msg, want) {
		t.Fatalf("panic %q, want it to mention %q", msg, want)
	}
	return msg
}

// unpooled returns a buffer that Put tracks but never keeps (its capacity is
// below MinCap), so a test can call debugGet on it without leaving a buffer
// in an inconsistent state in the real pools.
func unpooled() *Buffer {
	return &Buffer{B: make([]byte, 0, MinCap/2)}
}

func TestDebugEnabled(t *testing.T) {
	if !DebugEnabled {
		t.Fatal("DebugEnabled = false in a walwiredebug build")
	}
}

func TestDebugPoisonsWholeCapacity(t *testing.T) {
	b := Get(200)
	b.B = append(b.B, "secret record"...)
	alias := b.B[:cap(b.B)]
	Put(b)
	if len(b.B) != 0 {
		t.Errorf("len(B) after Put = %d, want 0", len(b.B))
	}
	for i, c := range alias {
		if c != Poison {
			t.Fatalf("byte %d after Put = %#x, want %#x", i, c, Poison)
		}
	}
}

func TestDebugDoublePut(t *testing.T) {
	b := Get(100)
	Put(b)
	msg := mustPanic(t, "double Put", func() { Put(b) })
	t.Log(msg)

	// A buffer the pool does not keep is still checked.
	big := Get(MaxRetained + 1)
	Put(big)
	mustPanic(t, "double Put", func() { Put(big) })

	small := unpooled()
	Put(small)
	mustPanic(t, "double Put", func() { Put(small) })
}

func TestDebugPutGetPutIsFine(t *testing.T) {
	b := unpooled()
	for range 3 {
		Put(b)
		debugGet(b) // what Get does when it takes b out of the pool
		b.B = append(b.B, "ok"...)
	}
	Put(b)
}

func TestDebugWriteThroughAliasAfterPut(t *testing.T) {
	b := unpooled()
	b.B = append(b.B, "record"...)
	alias := b.B
	Put(b)
	alias[3] = 'X'
	msg := mustPanic(t, "use after Put", func() { debugGet(b) })
	if !strings.Contains(msg, "byte 3") {
		t.Errorf("panic %q does not name byte 3", msg)
	}
}

func TestDebugAppendAfterPut(t *testing.T) {
	b := unpooled()
	Put(b)
	b.B = append(b.B, 'x')
	mustPanic(t, "len(B) = 1", func() { debugGet(b) })
}

func TestDebugReplaceAfterPut(t *testing.T) {
	b := unpooled()
	Put(b)
	b.B = make([]byte, 0, 16)
	mustPanic(t, "B was replaced", func() { debugGet(b) })
}

// TestDebugGetDetectsUseAfterPut goes through the public API: the next Get
// that takes the damaged buffer out of the pool panics.
func TestDebugGetDetectsUseAfterPut(t *testing.T) {
	defer drainPools()  // leave no damaged buffer behind
	const n = 300 << 10 // a size class no other test uses
	for try := 0; try < 50; try++ {
		b := Get(n)
		b.B = append(b.B, "payload"...)
		alias := b.B
		Put(b)
		alias[0] = 'p' // the aliasing bug
		var got *Buffer
		var msg string
		func() {
			defer func() {
				if r := recover(); r != nil {
					msg = fmt.Sprint(r)
				}
			}()
			got = Get(n)
		}()
		if msg != "" {
			if !strings.Contains(msg, "use after Put") || !strings.Contains(msg, "byte 0") {
				t.Fatalf("panic %q, want use after Put at byte 0", msg)
			}
			return
		}
		if got == b {
			t.Fatal("Get returned a buffer written after Put without panicking")
		}
		Put(got)
		drainPools() // b went elsewhere (another P, or dropped): try again
	}
	t.Skip("the pool never handed the damaged buffer back")
}
