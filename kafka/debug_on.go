//go:build walwiredebug

package kafka

import "sync/atomic"

// pending counts, in the debug build, the records handed to the client whose
// promise has not yet finished (and whose pooled buffer is therefore not yet
// back in the pool). Tests read it to check that every failure path gives the
// buffers back.
var pending atomic.Int64

func debugSent()     { pending.Add(1) }
func debugFinished() { pending.Add(-1) }

// debugPending returns the count of records in flight, and true: this build
// counts them.
func debugPending() (int64, bool) { return pending.Load(), true }
