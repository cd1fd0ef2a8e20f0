package frame

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeExample: the Go block of the README's "Log files" section is
// the body of Example_logFile (indented one tab there), so the README shows
// only code that compiles and runs.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(readme), "\n## Log files\n")
	if !ok {
		t.Fatal(`README.md has no "Log files" section`)
	}
	_, block, ok := strings.Cut(sec, "```go\n")
	block, _, ok2 := strings.Cut(block, "```\n")
	if !ok || !ok2 || strings.Count(block, "\n") < 10 {
		t.Fatal("no Go block in the Log files section")
	}
	var want strings.Builder
	for _, l := range strings.SplitAfter(block, "\n") {
		if strings.TrimSpace(l) != "" {
			want.WriteString("\t")
		}
		want.WriteString(l)
	}
	_, body, _ := strings.Cut(string(src), "func Example_logFile() {\n")
	if !strings.Contains(body, want.String()) {
		t.Fatalf("README's Log files block is not in Example_logFile:\n%s", want.String())
	}
}
