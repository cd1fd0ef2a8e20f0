//go:build !race

package pool

// raceEnabled is true when the tests run under the race detector.
const raceEnabled = false
