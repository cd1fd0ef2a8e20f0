package fuzz

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
)

// Bounded memory (the wire package's contract: malformed input never allocates more than
// O(len(input))). checkAlloc measures the bytes a decode allocates with
// runtime.ReadMemStats (TotalAlloc before and after) and fails the input when
// they exceed
//
//	memSlack + perByte × len(input)
//
// Each target passes the perByte factor that holds for what it decodes (see
// FUZZING.md): 16 for the wire functions and the header, which allocate only
// an error; more for typed payload decodes, whose repeated message fields turn
// a 2-byte element into a 32- or 48-byte struct, grown by append.
//
// ReadMemStats stops the world (about 15 µs here, twice per measurement), so
// while fuzzing only every memEvery-th input is measured, plus every input of
// at least memAlways bytes (where amplification would show most). Under plain
// `go test` (the seeds) every input is measured.
const (
	memSlack  = 64 << 10
	memEvery  = 32
	memAlways = 4 << 10
)

var (
	fuzzingOnce sync.Once
	fuzzingMode bool
	memCounter  atomic.Uint64
)

// isFuzzing reports whether the test binary runs with -test.fuzz (a
// campaign) rather than over the seeds only.
func isFuzzing() bool {
	fuzzingOnce.Do(func() {
		if f := flag.Lookup("test.fuzz"); f != nil && f.Value.String() != "" {
			fuzzingMode = true
		}
	})
	return fuzzingMode
}

func measureThis(n int) bool {
	if !isFuzzing() || n >= memAlways {
		return true
	}
	return memCounter.Add(1)%memEvery == 0
}

// checkAlloc runs f, and, when this input is measured, fails t if f
// allocated more than memSlack + perByte×n bytes.
func checkAlloc(t *testing.T, what string, n int, perByte uint64, f func()) {
	t.Helper()
	if !measureThis(n) {
		f()
		return
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	got := after.TotalAlloc - before.TotalAlloc
	if limit := memSlack + perByte*uint64(n); got > limit {
		t.Fatalf("%s: allocated %d bytes for a %d-byte input (bound %d = %d + %d×%d)", what, got, n, limit, memSlack, perByte, n)
	}
}

// goldenDir is the repository's golden corpus (testdata/golden), relative to this
// package.
const goldenDir = "../testdata/golden"

// goldenFiles returns the contents of every regular file under
// ../testdata/golden/<sub> (sub may be "" for all), in path order, for use as
// seeds; none if the corpus does not exist yet.
func goldenFiles(sub string) map[string][]byte {
	out := map[string][]byte{}
	root := filepath.Join(goldenDir, sub)
	if _, err := os.Stat(root); err != nil {
		return out
	}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[path] = b
		return nil
	})
	if err != nil {
		panic("reading the golden corpus: " + err.Error())
	}
	return out
}

// sortedKeys returns m's keys in order, so seeds are added deterministically.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
