package ipc_test

import (
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/walwire/walwire/examples/ipc"
	"github.com/walwire/walwire/records"
)

// A server logs each command and syncs before it answers; after a crash in
// the middle of an append, Open repairs the log and replays it.
func Example() {
	dir, _ := os.MkdirTemp("", "ipc")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "commands.log")

	srv, err := ipc.Open(path)
	if err != nil {
		panic(err)
	}
	cc, sc := net.Pipe()
	done := make(chan error)
	go func() { done <- srv.Serve(sc); sc.Close() }()
	client := ipc.NewClient(cc)
	for seq, kv := range [][2]string{{"color", "blue"}, {"size", "L"}, {"color", "red"}} {
		ack, err := client.Do(uint64(seq+1), &records.ExternalStateMutation{
			ServiceID: records.ServiceID{ServiceName: "cart", Key: "u1"},
			State:     []records.StateEntry{{Key: []byte(kv[0]), Value: []byte(kv[1])}},
		})
		if err != nil {
			panic(err)
		}
		fmt.Printf("ack %d: %d applied\n", ack.Seq, ack.Applied)
	}
	cc.Close()
	if err := <-done; err != nil {
		panic(err)
	}
	srv.Close()

	// A crash in the middle of a fourth append: half a frame at the end.
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.Write([]byte{0x2a, 0x07, 0x06})
	f.Close()

	srv, err = ipc.Open(path) // repairs the torn tail, then replays
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	fmt.Println(srv.State.Applied, srv.State.Services["cart"])
	_, err = os.Stat(path + ".broken")
	fmt.Println("tail kept aside:", err == nil)
	// Output:
	// ack 1: 1 applied
	// ack 2: 2 applied
	// ack 3: 3 applied
	// 3 map[color:red size:L]
	// tail kept aside: true
}
