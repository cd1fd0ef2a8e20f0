// Package fuzz holds walwire's native Go fuzz targets (see FUZZING.md). It has no
// API: the targets are in its _test.go files, and their checked-in seed
// corpus is under testdata/fuzz/<FuzzName>/.
//
// Plain `go test ./fuzz/` runs every seed of every target as a regular test.
// To fuzz one target:
//
//	go test ./fuzz/ -run='^$' -fuzz='^FuzzWireConsume$' -fuzztime=5m
//
// scripts/fuzz.sh (and `make fuzz`) runs every target in turn for FUZZTIME.
// FUZZING.md at the repository's root lists the targets, what each checks,
// the deliberate differences from the reference implementations that the
// targets allow (each one narrowly, in code), the memory bounds, and the
// campaigns run so far.
package fuzz
