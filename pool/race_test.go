//go:build race

package pool

// raceEnabled is true when the tests run under the race detector, which makes
// sync.Pool drop a random share of Puts (so reuse and 0-alloc checks are
// skipped).
const raceEnabled = true
