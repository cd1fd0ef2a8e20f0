package kafka

// Pending returns how many records a Producer has handed to the client whose
// promise has not finished, so whose pooled buffer is not yet released. It
// counts only in the debug build (-tags walwiredebug); ok is false otherwise.
func Pending() (n int64, ok bool) { return debugPending() }
