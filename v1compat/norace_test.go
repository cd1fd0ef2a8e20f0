//go:build !race

package v1compat

const raceEnabled = false
