package pool

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"unsafe"
)

// drainPools empties every size class, so a test starts from a known state.
// Two collections clear a sync.Pool (its primary and its victim cache).
func drainPools() {
	runtime.GC()
	runtime.GC()
}

func TestClasses(t *testing.T) {
	getCases := []struct{ n, class int }{
		{1, 0}, {63, 0}, {64, 0}, {65, 1}, {128, 1}, {129, 2},
		{1000, 4}, {1024, 4}, {1025, 5}, {65536, 10}, {65537, 11},
		{MaxRetained - 1, numClasses - 1}, {MaxRetained, numClasses - 1},
	}
	for _, c := range getCases {
		if got := getClass(c.n); got != c.class {
			t.Errorf("getClass(%d) = %d, want %d", c.n, got, c.class)
		}
		if size := MinCap << getClass(c.n); size < c.n {
			t.Errorf("class of %d holds %d bytes, too small", c.n, size)
		}
	}
	putCases := []struct{ c, class int }{
		{64, 0}, {127, 0}, {128, 1}, {1024, 4}, {1500, 4}, {2047, 4},
		{2048, 5}, {65536, 10}, {MaxRetained, numClasses - 1},
	}
	for _, c := range putCases {
		if got := putClass(c.c); got != c.class {
			t.Errorf("putClass(%d) = %d, want %d", c.c, got, c.class)
		}
	}
	// Whatever a class holds must satisfy every Get that looks in it.
	for n := 1; n <= 1<<12; n++ {
		if getClass(n) > putClass(MinCap<<getClass(n)) {
			t.Fatalf("a fresh buffer for Get(%d) would be filed in a smaller class", n)
		}
	}
}

func TestGetCapacity(t *testing.T) {
	drainPools()
	for _, n := range []int{-5, 0, 1, 2, 63, 64, 65, 100, 1000, 1024, 1025, 4096, 65536, 100000, MaxRetained - 1, MaxRetained, MaxRetained + 1, 3 << 20} {
		for round := 0; round < 2; round++ { // fresh, then (possibly) pooled
			b := Get(n)
			if b == nil {
				t.Fatalf("Get(%d) = nil", n)
			}
			if len(b.B) != 0 {
				t.Errorf("Get(%d): len(B) = %d, want 0", n, len(b.B))
			}
			if cap(b.B) < n {
				t.Errorf("Get(%d): cap(B) = %d, want >= %d", n, cap(b.B), n)
			}
			switch {
			case n > MaxRetained:
				if cap(b.B) != n {
					t.Errorf("Get(%d): cap(B) = %d, want exactly %d above MaxRetained", n, cap(b.B), n)
				}
			default:
				if want := max(n, MinCap); cap(b.B) >= 4*want {
					t.Errorf("Get(%d): cap(B) = %d, more than 4x the request", n, cap(b.B))
				}
			}
			// The caller writes exactly n bytes: the buffer must not move.
			base := unsafe.SliceData(b.B)
			for range max(n, 0) {
				b.B = append(b.B, 'x')
			}
			if unsafe.SliceData(b.B) != base {
				t.Errorf("Get(%d): appending %d bytes reallocated the buffer", n, n)
			}
			Put(b)
		}
	}
}

func TestGetReusesBuffer(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops Puts at random under the race detector")
	}
	drainPools()
	for _, n := range []int{1, 64, 1000, 65536, MaxRetained} {
		b := Get(n)
		Put(b)
		if got := Get(n); got != b {
			t.Errorf("Get(%d) after Put did not reuse the buffer", n)
		} else {
			Put(got)
		}
	}
	// A caller-made buffer with an odd capacity serves the smaller class.
	drainPools()
	own := &Buffer{B: make([]byte, 10, 1500)}
	Put(own)
	if got := Get(1025); got == own {
		t.Errorf("Get(1025) returned a buffer of cap 1500 filed in class 1024")
	}
	if got := Get(1000); got != own {
		t.Errorf("Get(1000) did not return the cap-1500 buffer put in class 1024")
	} else if len(got.B) != 0 || cap(got.B) != 1500 {
		t.Errorf("reused buffer: len %d cap %d, want 0 and 1500", len(got.B), cap(got.B))
	}
}

// pooled reports whether b is in any size class, emptying them all.
func pooled(b *Buffer) bool {
	found := false
	for i := range classes {
		for range 1000 {
			v := classes[i].Get()
			if v == nil {
				break
			}
			if v.(*Buffer) == b {
				found = true
			}
		}
	}
	return found
}

func TestRetentionPolicy(t *testing.T) {
	tests := []struct {
		name string
		cap  int
		kept bool
	}{
		{"below MinCap", MinCap - 1, false},
		{"zero cap", 0, false},
		{"MinCap", MinCap, true},
		{"typical", 1024, true},
		{"MaxRetained", MaxRetained, true},
		{"above MaxRetained", MaxRetained + 1, false},
		{"huge", 8 << 20, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Under the race detector a kept buffer may still be dropped
			// at random, so only "dropped" can be asserted there.
			if tt.kept && raceEnabled {
				t.Skip("sync.Pool drops Puts at random under the race detector")
			}
			drainPools()
			b := &Buffer{B: make([]byte, 0, tt.cap)}
			Put(b)
			if got := pooled(b); got != tt.kept {
				t.Errorf("buffer of cap %d: kept = %v, want %v", tt.cap, got, tt.kept)
			}
		})
	}
	t.Run("Get above MaxRetained", func(t *testing.T) {
		drainPools()
		b := Get(MaxRetained + 1)
		Put(b)
		if pooled(b) {
			t.Errorf("buffer from Get(MaxRetained+1) was kept")
		}
	})
	t.Run("unused buffers are released by the GC", func(t *testing.T) {
		b := Get(4096)
		Put(b)
		drainPools()
		if pooled(b) {
			t.Errorf("buffer still pooled after two collections")
		}
	})
}

func TestPutNil(t *testing.T) {
	Put(nil) // must not panic
	if got := Get(10); got == nil || len(got.B) != 0 {
		t.Fatalf("Get after Put(nil) = %v", got)
	}
}

func TestPutResetsLength(t *testing.T) {
	for range 3 {
		b := Get(100)
		if len(b.B) != 0 {
			t.Fatalf("Get returned len %d", len(b.B))
		}
		b.B = append(b.B, "some record bytes"...)
		Put(b)
	}
}

// TestPutTouchesBytesOnlyInDebug runs in both builds: the debug build poisons
// the whole capacity on Put, the release build leaves the bytes alone.
func TestPutTouchesBytesOnlyInDebug(t *testing.T) {
	b := Get(100)
	b.B = append(b.B, "hello"...)
	alias := b.B[:cap(b.B)]
	Put(b)
	if DebugEnabled {
		if want := bytes.Repeat([]byte{Poison}, len(alias)); !bytes.Equal(alias, want) {
			t.Errorf("debug build: bytes after Put are %x..., want all %#x", alias[:8], Poison)
		}
	} else if string(alias[:5]) != "hello" {
		t.Errorf("release build: Put changed the bytes to %q", alias[:5])
	}
	// Correct use never panics, in either build.
	for range 10 {
		b := Get(100)
		b.B = append(b.B, "world"...)
		Put(b)
	}
}

func TestGetPutAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops Puts at random under the race detector")
	}
	for _, n := range []int{0, 64, 500, 1024, 65536} {
		Put(Get(n)) // warm
		allocs := testing.AllocsPerRun(1000, func() {
			b := Get(n)
			b.B = b.B[:n]
			Put(b)
		})
		if allocs != 0 {
			t.Errorf("Get(%d)+Put: %v allocs/op, want 0", n, allocs)
		}
	}
}

func TestConcurrent(t *testing.T) {
	sizes := []int{0, 1, 50, 64, 100, 1000, 4096, 70000}
	iters := 2000
	if raceEnabled || testing.Short() {
		iters = 300
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mark := byte('a' + g)
			for i := range iters {
				n := sizes[(i+g)%len(sizes)]
				b := Get(n)
				if len(b.B) != 0 || cap(b.B) < n {
					errs <- fmt.Errorf("Get(%d): len %d cap %d", n, len(b.B), cap(b.B))
					return
				}
				for range n {
					b.B = append(b.B, mark)
				}
				if i%16 == 0 {
					runtime.Gosched()
				}
				// Another goroutine holding the same buffer would show here.
				for j, c := range b.B {
					if c != mark {
						errs <- fmt.Errorf("goroutine %d: byte %d of its buffer is %q, want %q", g, j, c, mark)
						return
					}
				}
				Put(b)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
