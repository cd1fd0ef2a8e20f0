package pool_test

import (
	"encoding/binary"
	"fmt"

	"github.com/walwire/walwire/pool"
)

func Example() {
	payload := []byte("hello, log")

	// The encoded size is known up front: a 4-byte length, then the payload.
	n := 4 + len(payload)
	buf := pool.Get(n)
	buf.B = binary.BigEndian.AppendUint32(buf.B, uint32(len(payload)))
	buf.B = append(buf.B, payload...)

	fmt.Printf("% x\n", buf.B[:4])
	fmt.Printf("%q, %d bytes, room for %d: %v\n", buf.B[4:], len(buf.B), n, cap(buf.B) >= n)

	// Done with the bytes: hand the buffer back, and forget it.
	pool.Put(buf)
	// Output:
	// 00 00 00 0a
	// "hello, log", 14 bytes, room for 14: true
}
