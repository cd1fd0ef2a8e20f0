package v1compat

import (
	"bytes"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/wire"
)

// badInput is a record every entry point must refuse.
type badInput struct {
	name string
	in   []byte
}

// badInputs gathers every bad v1 input the tests have: the error classes of
// errCases, the adversarial inputs that must fail, the inputs the issue
// tracker reported, mutations of a good record that make it bad (as
// TestSyntaxLikeEncodingJSON makes them), and the checked-in fuzz corpus
// entries that fail.
func badInputs(t testing.TB) []badInput {
	var out []badInput
	for _, c := range errCases(t) {
		out = append(out, badInput{c.name, c.input()})
	}
	for _, c := range adversarial(1 << 12) {
		if c.class != nil {
			out = append(out, badInput{"adversarial " + c.name, c.in})
		}
	}
	rec := func(s string) []byte { return append([]byte{envelope.V1CodecByte}, s...) }
	out = append(out,
		badInput{"wrong type then malformed", rec(`{"header":"x","y":+1}`)},
		badInput{"version with a leading v", rec(v1rec(srcIngress, pk(1), `{"VersionBarrier":{"version":"v1.2.3"}}`))},
		badInput{"escaped version not semver", rec(v1rec(srcIngress, pk(1), `{"VersionBarrier":{"version":"\u00761.2.3"}}`))},
		badInput{"16 elements then a million commas", rec(v1rec(srcIngress, pk(1), `{"PatchState":{"service_id":{},"state":[`+strings.Repeat(`{},`, 16)+strings.Repeat(",", 1e6)+`{}]}}`))},
		badInput{"bad base64 after 300 good bytes", rec(strings.Replace(smallInvoke, `"argument":"eyJ9"`, `"argument":"`+strings.Repeat("AAAA", 100)+`A!AA"`, 1))},
		badInput{"padding inside base64", rec(strings.Replace(smallInvoke, `"argument":"eyJ9"`, `"argument":"`+strings.Repeat("AAAA", 100)+`AA==AAAA"`, 1))},
	)
	rng := rand.New(rand.NewSource(2))
	pieces := []string{"{", "}", "[", "]", ",", ":", `"`, `\`, "0", "-", ".", "e", "+", "1", " ", "n", "t", "f", "\x00", "\xff", "null", "true", "1e5", "-0", "01"}
	for i := 0; len(out) < 600 && i < 20000; i++ {
		text := []byte(smallInvoke)
		for n := 1 + rng.Intn(3); n > 0 && len(text) > 0; n-- {
			p := rng.Intn(len(text))
			switch rng.Intn(3) {
			case 0:
				text = append(text[:p], text[p+1:]...)
			case 1:
				text = append(text[:p], append([]byte(pieces[rng.Intn(len(pieces))]), text[p:]...)...)
			default:
				text = text[:p]
			}
		}
		if in := rec(string(text)); checkRecord(in) != nil {
			out = append(out, badInput{"mutation " + strconv.Itoa(i), in})
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "fuzz", "testdata", "fuzz", "FuzzV1Decode", "*"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		// go test fuzz v1 \n []byte("...")
		line := strings.TrimSpace(string(b[bytes.IndexByte(b, '\n')+1:]))
		q, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(line, "[]byte("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if in := []byte(q); len(in) > 0 && in[0] == envelope.V1CodecByte && checkRecord(in) != nil {
			out = append(out, badInput{"corpus " + filepath.Base(name), in})
		}
	}
	return out
}

// TestErrorsAllocateOnce: every bad input costs at most one allocation (the
// error), whatever its class and wherever the problem is, from Decode,
// Upgrade, ReadRecord and UnmarshalBinary alike.
func TestErrorsAllocateOnce(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	bad := badInputs(t)
	if len(bad) < 300 {
		t.Fatalf("only %d bad inputs", len(bad))
	}
	dst := make([]byte, 0, 1<<10)
	var r Record
	entry := []struct {
		name string
		f    func([]byte) error
	}{
		{"Decode", func(b []byte) error { _, err := Decode(b); return err }},
		{"Upgrade", func(b []byte) error { _, err := Upgrade(dst, b); return err }},
		{"ReadRecord", func(b []byte) error { _, err := ReadRecord(b); return err }},
		{"UnmarshalBinary", func(b []byte) error { return r.UnmarshalBinary(b) }},
	}
	for _, c := range bad {
		for _, e := range entry {
			var err error
			n := testing.AllocsPerRun(10, func() { err = e.f(c.in) })
			if err == nil {
				t.Fatalf("%s: %s accepts it", c.name, e.name)
			}
			if n > 1 {
				t.Errorf("%s: %s allocates %v times (%v)", c.name, e.name, n, err)
			}
		}
	}
	t.Logf("%d bad inputs, each at most 1 allocation from each of %d entry points", len(bad), len(entry))
}

// TestVersionCheckedWithOffset: a version that is not SemVer is reported by
// the decoder at the version's offset.
func TestVersionCheckedWithOffset(t *testing.T) {
	j := v1rec(srcIngress, pk(1), `{"VersionBarrier":{"version":"v1.2.3"}}`)
	_, err := Decode(append([]byte{envelope.V1CodecByte}, j...))
	var e *wire.Error
	if !errors.As(err, &e) || !errors.Is(err, envelope.ErrInvalidValue) || e.Path() != "command.VersionBarrier.version" || e.Offset != int64(1+strings.Index(j, `"v1.2.3"`)) {
		t.Fatalf("%v", err)
	}
}
