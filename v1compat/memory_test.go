package v1compat

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/wire"
)

// adversarial returns inputs of about n bytes built to cost a decoder as
// much as possible, and the error class each must fail with (nil: it
// decodes).
func adversarial(n int) []struct {
	name  string
	in    []byte
	class error
} {
	rec := func(s string) []byte { return append([]byte{envelope.V1CodecByte}, s...) }
	inInvoke := func(old, new string) []byte { return rec(strings.Replace(smallInvoke, old, new, 1)) }
	return []struct {
		name  string
		in    []byte
		class error
	}{
		{"nested arrays", rec(`{"header":{"x":` + strings.Repeat("[", n)), wire.ErrDepth},
		{"nested arrays closed", rec(`{"header":{"x":` + strings.Repeat("[", n/2) + strings.Repeat("]", n/2) + `}}`), wire.ErrDepth},
		{"nested objects", rec(strings.Repeat(`{"a":`, n/5)), wire.ErrDepth},
		{"nested payload", rec(v1rec(srcIngress, pk(1), `{"Invoke":`+strings.Repeat(`{"x":`, n/5))), wire.ErrDepth},
		{"open string", rec(`{"header":"` + strings.Repeat("a", n)), ErrMalformedJSON},
		{"unknown array of numbers", inInvoke(`"restate_version"`, `"x":[`+strings.Repeat("1,", n/2)+`1],"restate_version"`), nil},
		{"unknown object of many keys", inInvoke(`"restate_version"`, `"x":{`+strings.Repeat(`"k":1,`, n/6)+`"k":1},"restate_version"`), nil},
		{"escaped string", inInvoke(`"restate_version":"1.6.2"`, `"restate_version":"1.6.2","handler2":"`+strings.Repeat(`\u0041`, n/6)+`"`), nil},
		{"long escaped value", inInvoke(`"request_id":"r"`, `"request_id":"`+strings.Repeat(`\ud83d\ude00`, n/12)+`"`), nil},
		{"invalid UTF-8 value", inInvoke(`"request_id":"r"`, `"request_id":"`+strings.Repeat("\xff", n)+`"`), nil},
		{"long base64 value", inInvoke(`"argument":"eyJ9"`, `"argument":"`+strings.Repeat("AAAA", n/4)+`"`), nil},
		{"many headers", inInvoke(`"headers":[{"name":"n","value":"v"}]`, `"headers":[`+strings.Repeat(`{"name":"n","value":"v"},`, n/25)+`{}]`), nil},
		{"many empty headers", inInvoke(`"headers":[{"name":"n","value":"v"}]`, `"headers":[`+strings.Repeat(`{},`, n/3)+`{}]`), nil},
		{"many waiting_for", rec(v1rec(srcIngress, pk(1), `{"InvokerEffect":{"invocation_id":`+iidJSON(1, 0)+`,"kind":{"Suspended":{"waiting_for":[`+strings.Repeat("1,", n/2)+`1]}}}}`)), nil},
		{"many state entries", rec(v1rec(srcIngress, pk(1), `{"PatchState":{"service_id":{},"state":[`+strings.Repeat(`{},`, n/3)+`{}]}}`)), nil},
		{"16 state entries then only commas", rec(v1rec(srcIngress, pk(1), `{"PatchState":{"service_id":{},"state":[`+strings.Repeat(`{},`, 16)+strings.Repeat(",", n)+`{}]}}`)), ErrMalformedJSON},
		{"16 headers then only commas", inInvoke(`"headers":[{"name":"n","value":"v"}]`, `"headers":[`+strings.Repeat(`{},`, 16)+strings.Repeat(",", n)+`{}]`), ErrMalformedJSON},
		{"16 numbers then only commas", rec(v1rec(srcIngress, pk(1), `{"InvokerEffect":{"invocation_id":`+iidJSON(1, 0)+`,"kind":{"Suspended":{"waiting_for":[`+strings.Repeat("1,", 16)+strings.Repeat(",", n)+`1]}}}}`)), ErrMalformedJSON},
		{"repeated keys", inInvoke(`"restate_version"`, strings.Repeat(`"argument":"AAAA",`, n/18)+`"restate_version"`), nil},
		{"many wrong numbers", inInvoke(`"restate_version"`, `"x":[`+strings.Repeat("-0.5e-5,", n/8)+`1],"restate_version"`), nil},
	}
}

// TestAdversarialMemory checks that the decoder's memory stays within a
// small constant times the input size, and that deep nesting is refused
// without exhausting the stack. (The race detector changes what escapes to
// the heap: under it only the latter is checked.)
func TestAdversarialMemory(t *testing.T) {
	const n = 1 << 20
	for _, c := range adversarial(n) {
		t.Run(c.name, func(t *testing.T) {
			for _, f := range []struct {
				name string
				fn   func([]byte) error
			}{
				{"Decode", func(b []byte) error { _, err := Decode(b); return err }},
				{"Upgrade", func(b []byte) error { _, err := Upgrade(nil, b); return err }},
			} {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				err := f.fn(c.in)
				runtime.ReadMemStats(&after)
				if c.class == nil && err != nil || c.class != nil && !errors.Is(err, c.class) {
					t.Fatalf("%s: got %v, want %v", f.name, err, c.class)
				}
				alloc := after.TotalAlloc - before.TotalAlloc
				// The worst case is an array of empty objects: 3 bytes of
				// input ("{},") for a 48-byte StateEntry.
				if limit := uint64(20*len(c.in) + 64<<10); alloc > limit && !raceEnabled {
					t.Errorf("%s: %d bytes allocated for %d bytes of input", f.name, alloc, len(c.in))
				}
				t.Logf("%s: %.2f bytes allocated per input byte", f.name, float64(alloc)/float64(len(c.in)))
			}
		})
	}
}
