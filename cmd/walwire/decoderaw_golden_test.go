package main

import (
	"bytes"
	"flag"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// -golden rewrites testdata/decoderaw from protoc (make decode-raw-golden).
var updateGolden = flag.Bool("golden", false, "rewrite testdata/decoderaw with protoc --decode_raw's output")

const goldenDir = "testdata/decoderaw"

// tag appends a field tag.
func tag(b []byte, num wire.Number, typ wire.Type) []byte { return wire.AppendTag(b, num, typ) }

func varintField(num wire.Number, v uint64) []byte {
	return wire.AppendVarint(tag(nil, num, wire.VarintType), v)
}

func bytesField(num wire.Number, v []byte) []byte {
	return wire.AppendBytes(tag(nil, num, wire.BytesType), v)
}

func group(num wire.Number, body []byte) []byte {
	b := append(tag(nil, num, wire.StartGroupType), body...)
	return tag(b, num, wire.EndGroupType)
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// nestBytes wraps inner in n levels of field-1 length-delimited messages.
func nestBytes(n int, inner []byte) []byte {
	for i := 0; i < n; i++ {
		inner = bytesField(1, inner)
	}
	return inner
}

// nestGroups wraps inner in n levels of field-1 groups.
func nestGroups(n int, inner []byte) []byte {
	for i := 0; i < n; i++ {
		inner = group(1, inner)
	}
	return inner
}

func allBytes() []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

func sampleRecord(t testing.TB) []byte {
	rec := envelope.Record{Source: envelope.IngressSource(), Dedup: envelope.ForeignPartition(3, 42), Payload: samples.Medium()}
	b, err := rec.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func samplePayload(t testing.TB, p records.Payload) []byte {
	b, err := p.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// goldenInputs is the decode-raw golden set: name → message bytes.
func goldenInputs(t testing.TB) map[string][]byte {
	ts := samples.Full()
	return map[string][]byte{
		"empty":                   nil,
		"varint":                  varintField(1, 150),
		"varint_negative_int32":   varintField(1, negOne()),
		"varint_min_int64":        varintField(2, 1<<63),
		"varint_max":              varintField(3, math.MaxUint64),
		"varint_overlong_10bytes": cat(tag(nil, 1, wire.VarintType), []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}),
		"varint_11bytes":          cat(tag(nil, 1, wire.VarintType), bytes.Repeat([]byte{0x80}, 10), []byte{0}),
		"fixed32":                 wire.AppendFixed32(tag(nil, 1, wire.Fixed32Type), 0x01020304),
		"fixed32_float":           wire.AppendFloat(tag(nil, 2, wire.Fixed32Type), 3.5),
		"fixed64":                 wire.AppendFixed64(tag(nil, 1, wire.Fixed64Type), 0x0102030405060708),
		"fixed64_double":          wire.AppendDouble(tag(nil, 2, wire.Fixed64Type), -1),
		"string":                  bytesField(1, []byte("hello, world")),
		"string_empty":            bytesField(1, nil),
		"string_looks_like_msg":   bytesField(1, []byte("hi")),
		"string_utf8":             bytesField(1, []byte("héllo ✓")),
		"string_escapes":          bytesField(1, []byte("q\"s'b\\n\nr\rt\t?")),
		"string_all_bytes":        bytesField(1, allBytes()),
		"packed_varints":          bytesField(4, []byte{1, 2, 3, 150, 1}),
		"packed_fixed32":          bytesField(4, wire.AppendFixed32(wire.AppendFixed32(nil, 1), 2)),
		"nested":                  bytesField(1, cat(varintField(1, 2), bytesField(2, varintField(3, 4)), bytesField(5, []byte("x y")))),
		"nested_12_levels":        nestBytes(12, varintField(7, 7)),
		"nested_10_levels":        nestBytes(10, varintField(7, 7)),
		"nested_11_levels":        nestBytes(11, varintField(7, 7)),
		"group":                   group(3, varintField(1, 1)),
		"group_empty":             group(3, nil),
		"group_nested":            cat(group(3, cat(varintField(1, 1), group(4, bytesField(2, []byte("g"))))), varintField(5, 5)),
		"group_in_bytes":          bytesField(2, group(3, varintField(1, 1))),
		"groups_100_deep":         nestGroups(100, varintField(1, 1)),
		"groups_101_deep":         nestGroups(101, varintField(1, 1)),
		"groups_in_bytes_deep":    bytesField(2, nestGroups(11, varintField(1, 1))),
		"group_end_mismatch":      cat(tag(nil, 3, wire.StartGroupType), tag(nil, 4, wire.EndGroupType)),
		"group_unterminated":      cat(tag(nil, 3, wire.StartGroupType), varintField(1, 1)),
		"end_group_top":           tag(nil, 3, wire.EndGroupType),
		"bytes_bad_nesting":       bytesField(2, cat(varintField(1, 1), tag(nil, 4, wire.EndGroupType))),
		"bytes_truncated_inside":  bytesField(2, cat(varintField(1, 1), []byte{0x12, 0x05, 'a'})),
		"wire_type_6":             {0x0e, 0x01},
		"wire_type_7":             {0x0f, 0x01},
		"field_zero":              {0x00, 0x01},
		"field_zero_bytes":        {0x02, 0x00},
		"field_max":               varintField(536870911, 1),
		"tag_5_bytes_overflow":    {0x88, 0x80, 0x80, 0x80, 0x10, 0x01},
		"tag_6_bytes":             {0x88, 0x80, 0x80, 0x80, 0x80, 0x00, 0x01},
		"tag_6_bytes_in_bytes":    bytesField(2, []byte{0x88, 0x80, 0x80, 0x80, 0x80, 0x00, 0x01}),
		"truncated_varint":        {0x08, 0x96},
		"truncated_length":        {0x12, 0x05, 'a', 'b'},
		"truncated_fixed32":       {0x0d, 1, 2, 3},
		"truncated_fixed64":       {0x09, 1, 2, 3, 4, 5, 6, 7},
		"trailing_zero":           cat(varintField(1, 1), []byte{0}),
		"repeated_fields":         cat(varintField(1, 1), varintField(1, 2), bytesField(2, nil), varintField(1, 3)),
		"walwire_record":          sampleRecord(t),
		"walwire_header_payload":  samplePayload(t, ts[7]),
		"walwire_effect":          samplePayload(t, ts[13]),
	}
}

// TestDecodeRawGolden checks decode-raw against protoc's output, kept in
// testdata/decoderaw (NAME.bin the input, NAME.stdout and NAME.stderr what
// protoc 3.21.12 printed; a non-empty NAME.stderr means protoc exited 1).
func TestDecodeRawGolden(t *testing.T) {
	inputs := goldenInputs(t)
	if *updateGolden {
		writeGolden(t, inputs)
	}
	files, _ := filepath.Glob(filepath.Join(goldenDir, "*.bin"))
	if len(files) != len(inputs) {
		t.Fatalf("%d golden inputs in %s, want %d (run make decode-raw-golden)", len(files), goldenDir, len(inputs))
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			base := filepath.Join(goldenDir, name)
			stored := mustRead(t, base+".bin")
			if !bytes.Equal(stored, in) {
				t.Fatalf("%s.bin differs from the input built by the test (run make decode-raw-golden)", name)
			}
			wantOut, wantErr := mustRead(t, base+".stdout"), mustRead(t, base+".stderr")
			wantCode := exitOK
			if len(wantErr) > 0 {
				wantCode = exitInvalid
			}
			var out, errb bytes.Buffer
			code := run(&env{stdin: bytes.NewReader(in), stdout: &out, stderr: &errb}, []string{"decode-raw"})
			if code != wantCode || !bytes.Equal(out.Bytes(), wantOut) || !bytes.Equal(errb.Bytes(), wantErr) {
				t.Errorf("exit %d (want %d)\nstdout:\n%s\nwant:\n%s\nstderr %q, want %q", code, wantCode, out.Bytes(), wantOut, errb.Bytes(), wantErr)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeGolden(t *testing.T, inputs map[string][]byte) {
	protoc, err := exec.LookPath("protoc")
	if err != nil {
		t.Fatal("-golden needs protoc (apt-get install protobuf-compiler)")
	}
	ver, _ := exec.Command(protoc, "--version").Output()
	if strings.TrimSpace(string(ver)) != "libprotoc 3.21.12" {
		t.Logf("warning: the golden files were made with libprotoc 3.21.12; this is %s", ver)
	}
	old, _ := filepath.Glob(filepath.Join(goldenDir, "*"))
	for _, f := range old {
		os.Remove(f)
	}
	if err := os.MkdirAll(goldenDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, in := range inputs {
		out, errOut, _ := runProtoc(t, protoc, in)
		base := filepath.Join(goldenDir, name)
		for ext, b := range map[string][]byte{".bin": in, ".stdout": []byte(out), ".stderr": []byte(errOut)} {
			if err := os.WriteFile(base+ext, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// negOne is int32(-1) as protobuf writes it: sign-extended to 64 bits.
func negOne() uint64 { v := int32(-1); return uint64(int64(v)) }
