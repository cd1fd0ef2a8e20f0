//go:build race

package records_test

// codecRace: the race detector makes sync.Pool drop buffers at random, so
// tests of pooled allocation counts skip under it.
const codecRace = true
