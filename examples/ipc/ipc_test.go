package ipc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/walwire/walwire/frame"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
)

// command returns the i-th command of the test's workload: three services,
// a few keys each, some deletes, some large values.
func command(i int) *records.ExternalStateMutation {
	m := &records.ExternalStateMutation{
		ServiceID: records.ServiceID{ServiceName: fmt.Sprintf("svc-%d", i%3), Key: "k", PartitionKey: uint64(i % 3)},
	}
	for j := range 1 + i%3 {
		val := []byte(fmt.Sprintf("v%d.%d", i, j))
		switch {
		case i%7 == 3:
			val = nil // a delete
		case i%11 == 5:
			val = samples.Argument(150 + i)
		}
		m.State = append(m.State, records.StateEntry{Key: []byte(fmt.Sprintf("key-%d", (i+j)%5)), Value: val})
	}
	return m
}

// serve starts s on one end of a pipe and returns a client on the other and
// a function that ends the session and returns Serve's error.
func serve(s *Server) (*Client, func() error) {
	cc, sc := net.Pipe()
	done := make(chan error, 1)
	go func() { done <- s.Serve(sc); sc.Close() }()
	return NewClient(cc), func() error { cc.Close(); return <-done }
}

// TestCrashAndReplay runs a workload through the server, then crashes it
// at many byte offsets of its log (the log cut there, and, separately, cut
// there and zero-filled to its former size, as a preallocated file looks),
// restarts it (Repair and replay) and checks that the state is exactly the
// one after the last command whose log append was complete at the crash: a
// superset of the acknowledged ones, none applied twice. From every 5th
// crash, the restarted server also takes the next command and must
// acknowledge it as the next one.
func TestCrashAndReplay(t *testing.T) {
	const n = 30
	dir := t.TempDir()
	path := filepath.Join(dir, "log")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// want[k] is the state after the first k commands.
	want := []State{{}}
	var model State
	client, stop := serve(s)
	sizeAtAck := make([]int64, n)
	for i := range n {
		ack, err := client.Do(uint64(i+1), command(i))
		if err != nil {
			t.Fatal(err)
		}
		if ack.Applied != uint64(i+1) {
			t.Fatalf("command %d acknowledged as the %dth", i, ack.Applied)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		sizeAtAck[i] = fi.Size()
		model.Apply(uint64(i+1), command(i))
		want = append(want, model.Clone())
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.State, want[n]) {
		t.Fatal("the server's state is not the model's")
	}
	s.Close()

	log, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// ends[k] is the end of the log's k-th frame: the log holds command k
	// from then on.
	ends := []int64{0}
	r := frame.NewReader(bytes.NewReader(log), frame.Options{})
	for range r.All() {
		ends = append(ends, r.Offset())
	}
	if r.Err() != nil || len(ends) != n+1 || ends[n] != int64(len(log)) {
		t.Fatalf("the log holds %d frames (%v)", len(ends)-1, r.Err())
	}
	for i := range n {
		if sizeAtAck[i] < ends[i+1] {
			t.Fatalf("command %d acknowledged with %d bytes logged, before its frame ended (%d)", i, sizeAtAck[i], ends[i+1])
		}
	}

	// The crash points: every byte offset of one frame (the 6th, which holds
	// a large value and so has a 2-byte length), the bytes around every
	// frame boundary, and every 31st byte offset of the rest. (Every offset
	// of the whole log takes a minute or more: each repair syncs three
	// times.)
	var cuts []int64
	for cut := int64(0); cut <= int64(len(log)); cut++ {
		k := 0
		for k < n && ends[k+1] <= cut {
			k++
		}
		near := false
		for _, e := range ends {
			near = near || cut >= e-1 && cut <= e+1
		}
		if k == 5 || near || cut%31 == 0 {
			cuts = append(cuts, cut)
		}
	}
	crashes, resumed := 0, 0
	for _, cut := range cuts {
		k := 0 // commands whose append was complete at the crash
		for k < n && ends[k+1] <= cut {
			k++
		}
		for _, zeroFill := range []bool{false, true} {
			crashes++
			b := bytes.Clone(log[:cut])
			if zeroFill {
				b = append(b, make([]byte, int64(len(log))-cut)...)
			}
			p := filepath.Join(t.TempDir(), "log")
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Open(p)
			if err != nil {
				t.Fatalf("crash at %d (zero-filled %v): %v", cut, zeroFill, err)
			}
			if !reflect.DeepEqual(s.State, want[k]) {
				t.Fatalf("crash at %d (zero-filled %v): state after %d commands, want %d", cut, zeroFill, s.State.Applied, k)
			}
			if crashes%5 == 0 && k < n {
				resumed++
				client, stop := serve(s)
				ack, err := client.Do(uint64(k+1), command(k))
				if err != nil || ack.Applied != uint64(k+1) {
					t.Fatalf("resume after a crash at %d: %+v, %v", cut, ack, err)
				}
				if err := stop(); err != nil {
					t.Fatal(err)
				}
				s.Close()
				if s, err = Open(p); err != nil || !reflect.DeepEqual(s.State, want[k+1]) {
					t.Fatalf("reopen after resuming at %d: %v", cut, err)
				}
			}
			s.Close()
		}
	}
	t.Logf("%d commands, %d-byte log: %d crash offsets, each cut and zero-filled: %d crashes, %d resumed", n, len(log), len(cuts), crashes, resumed)
}

// TestInvalidCommand: a command that does not decode is neither logged nor
// answered.
func TestInvalidCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cc, sc := net.Pipe()
	done := make(chan error, 1)
	go func() { done <- s.Serve(sc); sc.Close() }()
	w := frame.NewWriter(cc, frame.Options{})
	w.Write([]byte{0x07, 0x00, 0xff})
	w.Flush()
	if err := <-done; err == nil {
		t.Fatal("an invalid command was served")
	}
	if _, err := io.ReadAll(cc); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Size() != 0 || s.State.Applied != 0 {
		t.Fatalf("logged %d bytes, applied %d", fi.Size(), s.State.Applied)
	}
}

// TestCorruptLogRefused: a log damaged in the middle is not replayed.
func TestCorruptLogRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log")
	s, _ := Open(path)
	client, stop := serve(s)
	for i := range 3 {
		if _, err := client.Do(uint64(i+1), command(i)); err != nil {
			t.Fatal(err)
		}
	}
	stop()
	s.Close()
	b, _ := os.ReadFile(path)
	b[5] ^= 1
	os.WriteFile(path, b, 0o644)
	if _, err := Open(path); !errors.Is(err, frame.ErrCorrupt) {
		t.Fatal(err)
	}
}
