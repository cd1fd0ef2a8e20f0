//go:build !walwiredebug

package envelope

// debugChecks is off: see debug_on.go.
const debugChecks = false
