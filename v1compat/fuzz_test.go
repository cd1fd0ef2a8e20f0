package v1compat

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/walwire/walwire/envelope"
)

// FuzzDecode checks, on any input, that the decoder never panics, that
// Decode and Upgrade agree, and that whatever decodes is written back by
// the v1 writer to bytes that decode to the same record, and upgrades to a
// v2 record that reads back through FromV2.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(goldenDir, "*.v1"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, c := range errCases(f) {
		f.Add(c.input())
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := Decode(in)
		dst := []byte("prefix")
		v2, uerr := Upgrade(dst, in)
		if len(in) > 0 && in[0] == envelope.V2CodecByte {
			return
		}
		if (err == nil) != (uerr == nil) || err != nil && err.Error() != uerr.Error() {
			t.Fatalf("Decode: %v, Upgrade: %v", err, uerr)
		}
		if err != nil {
			if string(v2) != "prefix" {
				t.Fatalf("Upgrade wrote %q on error", v2)
			}
			return
		}
		out, err := r.MarshalBinary()
		if err != nil {
			t.Fatalf("the writer refuses a decoded record: %v", err)
		}
		r2, err := Decode(out)
		if err != nil {
			t.Fatalf("the decoder refuses the writer's output: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(r, r2) {
			t.Fatalf("written and read back differ:\n%+v\n%+v", r, r2)
		}
		out2, _ := r2.MarshalBinary()
		if !bytes.Equal(out, out2) {
			t.Fatalf("the writer is not stable:\n%s\n%s", out, out2)
		}
		raw, err := envelope.Parse(v2[len("prefix"):])
		if err != nil {
			t.Fatalf("the upgrade does not parse: %v", err)
		}
		if _, err := FromV2(&raw); err != nil {
			t.Fatalf("FromV2 of an upgrade: %v", err)
		}
	})
}
