//go:build walwiredebug

package envelope

// debugChecks: built with -tags walwiredebug, writers check every payload's
// Size against what its AppendTo wrote, and panic with an ErrSizeMismatch
// *wire.Error on a mismatch (the record written would be wrong).
const debugChecks = true
