package wire_test

import (
	"testing"

	"github.com/walwire/walwire/wire"
)

func TestMember(t *testing.T) {
	type kind uint8
	// Fields: 2 (bytes), 257 (bytes: 257 narrowed to a byte is 1), 2 (varint),
	// 3 (bytes), 4 (bytes), 1 (bytes).
	msg := []byte{0x12, 0, 0x8a, 0x10, 0, 0x10, 0, 0x1a, 0, 0x22, 0, 0x0a, 0}
	type result struct {
		k  kind
		ok bool
	}
	want := []result{{2, true}, {0, false}, {0, false}, {3, true}, {0, false}, {1, true}}
	r := wire.NewReader(msg, wire.ZeroCopy)
	var got []result
	for r.Next() {
		k, ok := wire.Member(&r, kind(1), kind(3))
		got = append(got, result{k, ok})
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d fields, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d: Member = %v, want %v", i, got[i], want[i])
		}
	}
}
