//go:build race

package bench

// raceEnabled is true under the race detector, which makes sync.Pool drop a
// random share of Puts: the allocation checks are skipped then.
const raceEnabled = true
