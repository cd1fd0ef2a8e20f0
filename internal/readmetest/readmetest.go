// Package readmetest keeps the Go code of README.md honest: tests use it to
// compare a README block with the body of an Example function, which go test
// compiles and runs. It is for tests only.
package readmetest

import (
	"os"
	"strings"
	"testing"
)

// Block returns the first ```go block of the README.md section whose
// heading line is heading (as in "## Quick start"), without its fences.
func Block(t testing.TB, readme, heading string) string {
	t.Helper()
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("%s has no section %q", readme, heading)
	}
	if end := strings.Index(sec, "\n## "); end >= 0 {
		sec = sec[:end+1]
	}
	_, block, ok := strings.Cut(sec, "```go\n")
	block, _, ok2 := strings.Cut(block, "```\n")
	if !ok || !ok2 {
		t.Fatalf("section %q of %s has no Go block", heading, readme)
	}
	return block
}

// ExampleBody returns the body of func name() in the Go file at path, up to
// its "// Output:" comment if it has one, with one tab of indentation
// removed: the text a README shows.
func ExampleBody(t testing.TB, path, name string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(b), "\nfunc "+name+"() {\n")
	if !ok {
		t.Fatalf("%s has no func %s()", path, name)
	}
	if end := strings.Index(body, "\n}\n"); end >= 0 {
		body = body[:end+1]
	}
	if out := strings.Index(body, "\t// Output:"); out >= 0 {
		body = body[:out]
	}
	var s strings.Builder
	for _, l := range strings.SplitAfter(body, "\n") {
		s.WriteString(strings.TrimPrefix(l, "\t"))
	}
	return s.String()
}
