package bench

import (
	"runtime"
	"syscall"
	"testing"
	"unsafe"
)

// cpuClock measures the CPU time of the benchmark's own thread
// (CLOCK_THREAD_CPUTIME_ID), with the goroutine locked to that thread while
// it runs. Unlike wall-clock ns/op it does not count the time the benchmark
// waits for a CPU that other processes hold, which on a shared machine is
// most of the noise; like ns/op on an idle machine it counts everything the
// benchmark's goroutine does, GC assists included, but not the background GC
// workers on other threads.
type cpuClock struct{ start int64 }

const clockThreadCPUTimeID = 3

func threadCPU() int64 {
	var ts syscall.Timespec
	_, _, e := syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	if e != 0 {
		return -1
	}
	return ts.Nano()
}

// startCPU locks the goroutine to its thread and starts the clock; call it
// right after b.ResetTimer, and stop right after the loop.
func startCPU() cpuClock {
	runtime.LockOSThread()
	return cpuClock{start: threadCPU()}
}

// stop reports the thread CPU time per op as the metric cpu-ns/op.
func (c cpuClock) stop(b *testing.B) {
	end := threadCPU()
	runtime.UnlockOSThread()
	if c.start >= 0 && end >= 0 && b.N > 0 {
		b.ReportMetric(float64(end-c.start)/float64(b.N), "cpu-ns/op")
	}
}
