//go:build !walwiredebug

package pool

// DebugEnabled reports whether the package was built with the walwiredebug
// tag, which poisons buffers on Put and checks for double Put and for use
// after Put.
const DebugEnabled = false

// debugPut and debugGet do nothing in the release build; the compiler inlines
// them away.
func debugPut(*Buffer) {}

func debugGet(*Buffer) {}
