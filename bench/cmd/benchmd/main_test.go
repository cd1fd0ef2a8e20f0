package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// raw is go test -bench output for the header-only decode (two samples per
// benchmark), enough to evaluate one target.
const raw = `goos: linux
cpu: Test CPU
BenchmarkHeaderDecode/impl=walwire/payload=31B-2   1000  40.0 ns/op  39.0 cpu-ns/op  0 B/op  0 allocs/op
BenchmarkHeaderDecode/impl=walwire/payload=31B-2   1000  44.0 ns/op  41.0 cpu-ns/op  0 B/op  0 allocs/op
BenchmarkHeaderDecode/impl=floor/payload=31B-2     1000  30.0 ns/op  30.0 cpu-ns/op  0 B/op  0 allocs/op
BenchmarkHeaderDecode/impl=floor/payload=31B-2     1000  34.0 ns/op  32.0 cpu-ns/op  0 B/op  0 allocs/op
`

func TestRender(t *testing.T) {
	r, err := parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if r.timeUnit != "cpu-ns/op" {
		t.Fatalf("time unit %q, want cpu-ns/op", r.timeUnit)
	}
	prof := filepath.Join(t.TempDir(), "p.txt")
	listing := "Showing nodes accounting for 1s\n      flat  flat%   sum%        cum   cum%\n     0.5s 50.00% 50.00%      0.5s 50.00%  main.f\n"
	if err := os.WriteFile(prof, []byte(listing), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := render(r, runInfo{machine: "M, 2 cores", rev: "abc123"}, []string{"header=" + prof})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, beginMarker+"\n") || !strings.HasSuffix(out, endMarker+"\n") {
		t.Errorf("section not between the markers:\n%s", out)
	}
	// The sections, in order.
	at := -1
	for _, h := range []string{"\n## Run\n", "\n## Targets\n", "\n## Tables\n", "<summary>header</summary>"} {
		i := strings.Index(out, h)
		if i <= at {
			t.Fatalf("%q missing or out of order in:\n%s", h, out)
		}
		at = i
	}
	for _, want := range []string{
		"- Machine: M, 2 cores (go test: Test CPU)\n",
		"- walwire revision: `abc123`\n",
		"- Samples: 2 per benchmark.",
		// Medians 40 and 31 cpu-ns: 1.29× floor, met; best samples 39 and
		// 30: 1.30×, met.
		"| header-only decode | 0 allocs; ≤ 1.30× floor | 31B: 40.0 ns = 1.29 × floor (31.0 ns), 0 allocs | met |",
		"main.f",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	// A target without its benchmarks is reported as such, never as met.
	if !strings.Contains(out, "| encode into a pooled buffer, payload=31B | 0 allocs; ≤ 0.80× vtprotobuf's best encode | not measured | — |") {
		t.Errorf("unmeasured encode target not reported as such:\n%s", out)
	}
	if strings.Contains(out, "SPEC") {
		t.Errorf("the generated text cites SPEC, which is not part of the repository:\n%s", out)
	}

	if _, err := render(r, runInfo{}, []string{"no-equals-sign"}); err == nil {
		t.Error("render accepted a -profile without name=path")
	}
}

func TestReplaceBetween(t *testing.T) {
	section := beginMarker + "\nnew\n" + endMarker + "\n"
	md := "# Benchmarks\n\nby hand, before\n\n" + beginMarker + "\nold\n" + endMarker + "\n\nby hand, after\n"
	want := "# Benchmarks\n\nby hand, before\n\n" + section + "\nby hand, after\n"
	got := replaceBetween(md, section)
	if got != want {
		t.Fatalf("replaceBetween:\n%q\nwant\n%q", got, want)
	}
	if again := replaceBetween(got, section); again != got {
		t.Fatalf("replaceBetween is not stable:\n%q\nthen\n%q", got, again)
	}
	if got := replaceBetween("", section); got != "# Benchmarks\n\n\n"+section {
		t.Fatalf("replaceBetween of an empty file: %q", got)
	}
	if got := replaceBetween("text", section); got != "text\n\n"+section {
		t.Fatalf("replaceBetween without markers: %q", got)
	}
}
