//go:build race

package frame

// raceEnabled: the race detector makes sync.Pool drop a share of Puts.
const raceEnabled = true
