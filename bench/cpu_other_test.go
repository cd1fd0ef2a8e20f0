//go:build !linux

package bench

import "testing"

// cpuClock reports no CPU time outside Linux (see cpu_linux_test.go).
type cpuClock struct{}

func startCPU() cpuClock           { return cpuClock{} }
func (cpuClock) stop(b *testing.B) {}
