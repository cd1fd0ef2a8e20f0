package fuzz

// FuzzRawProto: the printer of walwire decode-raw (internal/rawproto) on
// arbitrary bytes.

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/walwire/walwire/internal/rawproto"
)

// rawLine is the shape of every line rawproto prints.
var rawLine = regexp.MustCompile(`^(  )*[1-9][0-9]*(: [0-9]+|: 0x[0-9a-f]{8}|: 0x[0-9a-f]{16}|: "([^"\\]|\\[nrt"'\\]|\\[0-7]{3})*"| \{)$|^(  )*\}$`)

// FuzzRawProto: rawproto.Print never panics; it fails only with
// ErrNotMessage and then prints nothing; otherwise every line has one of the
// shapes protoc prints, braces balance, and the output is at most a
// constant times the input, and Print allocates nothing per input byte.
// Seeds: the inputs of the golden files that
// protoc 3.21.12 printed (cmd/walwire/testdata/decoderaw).
func FuzzRawProto(f *testing.F) {
	seeds, _ := filepath.Glob("../cmd/walwire/testdata/decoderaw/*.bin")
	if len(seeds) == 0 {
		f.Fatal("no seeds in cmd/walwire/testdata/decoderaw")
	}
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		// Print itself allocates only its output buffer: nothing per byte.
		checkAlloc(t, "rawproto.Print", len(in), 1, func() { _ = rawproto.Print(io.Discard, in) })
		var out bytes.Buffer
		if err := rawproto.Print(&out, in); err != nil {
			if err != rawproto.ErrNotMessage || out.Len() != 0 {
				t.Fatalf("error %v with %d bytes printed", err, out.Len())
			}
			return
		}
		// Worst case: a deep group of one-byte fields, each printed on a
		// line indented by up to 2×110 spaces.
		if out.Len() > 256*len(in)+1 {
			t.Fatalf("%d bytes of input printed as %d bytes", len(in), out.Len())
		}
		depth := 0
		for _, l := range bytes.SplitAfter(out.Bytes(), []byte("\n")) {
			if len(l) == 0 {
				continue
			}
			if !bytes.HasSuffix(l, []byte("\n")) || !rawLine.Match(l[:len(l)-1]) {
				t.Fatalf("line %q has no shape protoc prints", l)
			}
			switch {
			case bytes.HasSuffix(l, []byte(" {\n")):
				depth++
			case bytes.HasSuffix(bytes.TrimLeft(l, " "), []byte("}\n")) && len(bytes.TrimLeft(l, " ")) == 2:
				depth--
			}
			if depth < 0 {
				t.Fatalf("unbalanced braces in\n%s", out.Bytes())
			}
		}
		if depth != 0 {
			t.Fatalf("unbalanced braces in\n%s", out.Bytes())
		}
	})
}
