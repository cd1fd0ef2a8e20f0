package main

import (
	"bytes"
	"math/rand/v2"
	"os/exec"
	"testing"

	"github.com/walwire/walwire/wire"
)

// randMessage builds a random message: mostly well-formed fields (with
// nested messages and groups), sometimes damaged, so that both sides of
// protoc's message-or-string decision are exercised.
func randMessage(r *rand.Rand, depth int) []byte {
	var b []byte
	n := r.IntN(5)
	for i := 0; i < n; i++ {
		num := wire.Number(1 + r.IntN(20))
		if r.IntN(20) == 0 {
			num = wire.Number(r.Uint32N(1 << 29))
		}
		switch r.IntN(7) {
		case 0:
			b = wire.AppendTag(b, num, wire.VarintType)
			b = wire.AppendVarint(b, r.Uint64()>>r.IntN(64))
		case 1:
			b = wire.AppendTag(b, num, wire.Fixed32Type)
			b = wire.AppendFixed32(b, r.Uint32())
		case 2:
			b = wire.AppendTag(b, num, wire.Fixed64Type)
			b = wire.AppendFixed64(b, r.Uint64())
		case 3, 4:
			b = wire.AppendTag(b, num, wire.BytesType)
			if depth < 14 && r.IntN(2) == 0 {
				b = wire.AppendBytes(b, randMessage(r, depth+1))
			} else {
				s := make([]byte, r.IntN(8))
				for j := range s {
					s[j] = byte(r.IntN(256))
				}
				b = wire.AppendBytes(b, s)
			}
		case 5:
			if depth < 14 {
				b = wire.AppendTag(b, num, wire.StartGroupType)
				b = append(b, randMessage(r, depth+1)...)
				b = wire.AppendTag(b, num, wire.EndGroupType)
			}
		case 6:
			b = append(b, byte(r.IntN(256)))
		}
	}
	if len(b) > 0 && r.IntN(10) == 0 {
		b[r.IntN(len(b))] ^= 1 << r.IntN(8)
	}
	return b
}

func runProtoc(t *testing.T, protoc string, in []byte) (string, string, int) {
	cmd := exec.Command(protoc, "--decode_raw")
	cmd.Stdin = bytes.NewReader(in)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// TestDecodeRawVsProtoc compares decode-raw with protoc on random messages.
// It runs only where protoc is installed (the golden files cover CI).
func TestDecodeRawVsProtoc(t *testing.T) {
	protoc, err := exec.LookPath("protoc")
	if err != nil {
		t.Skip("protoc not installed")
	}
	n := 300
	if testing.Short() {
		n = 30
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < n; i++ {
		in := randMessage(r, 0)
		want, wantErr, wantCode := runProtoc(t, protoc, in)
		var out, errb bytes.Buffer
		code := run(&env{stdin: bytes.NewReader(in), stdout: &out, stderr: &errb}, []string{"decode-raw"})
		if out.String() != want || code != wantCode || errb.String() != wantErr {
			t.Fatalf("input %x:\nprotoc (exit %d, stderr %q):\n%s\nwalwire (exit %d, stderr %q):\n%s", in, wantCode, wantErr, want, code, errb.String(), out.String())
		}
	}
}
