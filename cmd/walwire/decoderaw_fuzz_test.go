package main

import (
	"bytes"
	"testing"
)

// FuzzDecodeRaw: decode-raw never panics, fails only with errRawParse and
// then prints nothing, and prints at most a constant times its input.
// Seeds: the golden inputs.
func FuzzDecodeRaw(f *testing.F) {
	for _, in := range goldenInputs(f) {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var out bytes.Buffer
		err := decodeRaw(&out, in)
		if err != nil {
			if err != errRawParse || out.Len() != 0 {
				t.Fatalf("error %v with %d bytes printed", err, out.Len())
			}
			return
		}
		// The worst case is a deep group of one-byte fields: 2 bytes of
		// input print as a line indented by up to 2×110 spaces.
		if out.Len() > 256*len(in)+1 {
			t.Fatalf("%d bytes of input printed as %d bytes", len(in), out.Len())
		}
	})
}
