package records_test

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// TestDecodeMemoryPerByte: the payloads that cost a decode the most memory
// per input byte (runs of tiny repeated elements) stay within the bounds the
// package documents: 24 bytes per input byte for empty state entries (139
// before repeated fields were grown to their counted size), 16 for empty
// headers, 4 for packed uint32s.
func TestDecodeMemoryPerByte(t *testing.T) {
	if codecRace {
		t.Skip("the race detector changes what is allocated")
	}
	const n = 100_000
	iid := []byte{0x0a, 0x14, 0x08, 0x01, 0x12, 0x10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	target := []byte{0x12, 0x05, 0x1a, 0x01, 'h', 0x20, 0x01}
	source := []byte{0x22, 0x02, 0x1a, 0x00}
	packed := append([]byte{0x22}, wire.AppendBytes(nil, wire.AppendBytes([]byte{0x0a}, bytes.Repeat([]byte{1}, n)))...)
	unpacked := append([]byte{0x22}, wire.AppendBytes(nil, bytes.Repeat([]byte{0x08, 0x01}, n))...)
	cases := []struct {
		name    string
		p       records.Payload
		payload []byte
		perByte float64
	}{
		{"empty state entries", new(records.ExternalStateMutation), append([]byte{0x0a, 0x00}, bytes.Repeat([]byte{0x1a, 0x00}, n)...), 24.1},
		{"empty headers", new(records.ServiceInvocation), append(append(append(append([]byte(nil), iid...), target...), source...), bytes.Repeat([]byte{0x32, 0x00}, n)...), 16.1},
		{"packed waiting_for", new(records.Effect), append(append([]byte(nil), iid...), packed...), 4.1},
		{"unpacked waiting_for", new(records.Effect), append(append([]byte(nil), iid...), unpacked...), 4.1},
	}
	for _, c := range cases {
		for _, mode := range []wire.Mode{wire.Copy, wire.ZeroCopy} {
			c.p.UnmarshalPayload(nil, mode) // reset
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			err := c.p.UnmarshalPayload(c.payload, mode)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			per := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(c.payload))
			limit := c.perByte
			if mode == wire.Copy {
				limit++ // the payload's private copy, which strings and bytes alias
			}
			if per > limit {
				t.Errorf("%s (mode %d): %.2f bytes allocated per input byte, want at most %.1f", c.name, mode, per, limit)
			}
			t.Logf("%s (mode %d): %.2f bytes per input byte", c.name, mode, per)
		}
	}
}
