//go:build race

package fuzz

// raceEnabled: the race detector changes what allocates.
const raceEnabled = true
