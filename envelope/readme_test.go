package envelope_test

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeQuickStart keeps the README's Quick start compiling: it must
// hold the body of Example (example_test.go), verbatim but for one level of
// indentation, so that the code a newcomer copies is code the tests run.
func TestReadmeQuickStart(t *testing.T) {
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	begin := strings.Index(s, "func Example() {\n")
	end := strings.Index(s, "\t// Output: ")
	if begin < 0 || end < begin {
		t.Fatal("Example and its Output line not found in example_test.go")
	}
	body := s[begin+len("func Example() {\n") : end]
	var want strings.Builder
	for _, l := range strings.SplitAfter(body, "\n") {
		want.WriteString(strings.TrimPrefix(l, "\t"))
	}
	r := string(readme)
	qs := strings.Index(r, "## Quick start")
	if qs < 0 {
		t.Fatal("README.md has no Quick start section")
	}
	block := r[qs:]
	if next := strings.Index(block[1:], "\n## "); next >= 0 {
		block = block[:next+1]
	}
	if !strings.Contains(block, want.String()) {
		t.Errorf("README.md's Quick start does not hold the body of Example verbatim; want:\n%s", want.String())
	}
}
