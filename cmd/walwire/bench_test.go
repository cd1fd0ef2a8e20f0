package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkVerify runs verify in-process over a generated stream of 100,000
// records of every kind and reports records/s (the 1,000,000-record figure of
// the README comes from running the binary; see the report of issue 10).
func BenchmarkVerify(b *testing.B) {
	const n = 100_000
	var stream bytes.Buffer
	if code := run(&env{stdout: &stream, stderr: io.Discard}, []string{"gen", "-n", "100000"}); code != 0 {
		b.Fatalf("gen: exit %d", code)
	}
	in := stream.Bytes()
	b.SetBytes(int64(len(in)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e := &env{stdin: bytes.NewReader(in), stdout: io.Discard, stderr: io.Discard}
		if code := run(e, []string{"verify", "-"}); code != 0 {
			b.Fatalf("verify: exit %d", code)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// TestVerifyAllocsPerRecord: once warm, verify allocates nothing per record
// (frames are read into the reader's buffer, payloads decoded zero-copy into
// one value per kind): 10 times the records, about the same allocations.
func TestVerifyAllocsPerRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("generates streams")
	}
	allocs := func(n string) float64 {
		var stream bytes.Buffer
		if code := run(&env{stdout: &stream, stderr: io.Discard}, []string{"gen", "-n", n}); code != 0 {
			t.Fatalf("gen: exit %d", code)
		}
		path := filepath.Join(t.TempDir(), "s.wal")
		if err := os.WriteFile(path, stream.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return testing.AllocsPerRun(3, func() {
			if code := run(&env{stdout: io.Discard, stderr: io.Discard}, []string{"verify", path}); code != 0 {
				t.Fatalf("verify: exit %d", code)
			}
		})
	}
	small, large := allocs("2200"), allocs("22000")
	// Fewer than one allocation per 100 extra records (a few come from
	// buffers and maps growing once).
	if large-small > (22000-2200)/100 {
		t.Errorf("verify: %.0f allocations for 2,200 records, %.0f for 22,000: it allocates per record", small, large)
	}
	t.Logf("allocations of a whole verify: %.0f (2,200 records), %.0f (22,000 records)", small, large)
}
