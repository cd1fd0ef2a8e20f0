//go:build !race

package records_test

const codecRace = false
