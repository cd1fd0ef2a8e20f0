package fuzz

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/v1compat"
	"github.com/walwire/walwire/wire"
)

// corpusEntries returns the []byte argument of every checked-in corpus entry
// of target (testdata/fuzz/<target>), and its other arguments' lines.
func corpusEntries(t *testing.T, target string) [][]byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
	var out [][]byte
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[1], "[]byte(") {
			t.Fatalf("%s: not a corpus entry", name)
		}
		q, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, []byte(q))
	}
	return out
}

// TestCorpusErrorsAllocateOnce: every checked-in fuzz corpus entry that a
// decoder refuses costs at most one allocation, the error: envelope.Parse
// (and ParseCanonical), a wire.Reader walk and the consume functions, a
// zero-copy payload decode into a reused value, and the v1 decoders.
func TestCorpusErrorsAllocateOnce(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	bad := 0
	check := func(what string, in []byte, f func() error) {
		t.Helper()
		if f() == nil {
			return
		}
		bad++
		if n := testing.AllocsPerRun(10, func() { _ = f() }); n > 1 {
			t.Errorf("%s(%x): %v allocations on the error path", what, in, n)
		}
	}
	var records [][]byte
	for _, target := range []string{"FuzzEnvelopeParse", "FuzzCanonical", "FuzzNeverWriteUnreadable"} {
		records = append(records, corpusEntries(t, target)...)
	}
	for _, in := range records {
		check("envelope.Parse", in, func() error { _, err := envelope.Parse(in); return err })
		check("envelope.ParseCanonical", in, func() error { _, err := envelope.ParseCanonical(in); return err })
	}
	var wireInputs [][]byte
	for _, target := range []string{"FuzzWireReader", "FuzzWireConsume"} {
		wireInputs = append(wireInputs, corpusEntries(t, target)...)
	}
	for _, in := range wireInputs {
		check("wire.Reader", in, func() error {
			r := wire.NewReader(in, wire.ZeroCopy)
			for r.Next() {
			}
			return r.Err()
		})
		check("wire.ConsumeField", in, func() error { _, _, _, err := wire.ConsumeField(in); return err })
	}
	for _, target := range []string{"FuzzPayload", "FuzzPayloadVsProtobuf"} {
		for _, in := range corpusEntries(t, target) {
			if len(in) == 0 {
				continue
			}
			p := mustNew(t, kindOf(in[0]))
			check("UnmarshalPayload(ZeroCopy)", in, func() error { return p.UnmarshalPayload(in[1:], wire.ZeroCopy) })
		}
	}
	dst := make([]byte, 0, 4096)
	for _, in := range corpusEntries(t, "FuzzV1Decode") {
		check("v1compat.Decode", in, func() error { _, err := v1compat.Decode(in); return err })
		check("v1compat.Upgrade", in, func() error { _, err := v1compat.Upgrade(dst[:0], in); return err })
		check("v1compat.ReadRecord", in, func() error { _, err := v1compat.ReadRecord(in); return err })
	}
	if bad < 100 {
		t.Fatalf("only %d refused corpus entries", bad)
	}
	t.Logf("%d refusals of corpus entries, each at most 1 allocation", bad)
}
