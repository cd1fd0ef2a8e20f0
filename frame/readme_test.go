package frame

import (
	"strings"
	"testing"

	"github.com/walwire/walwire/internal/readmetest"
)

// TestReadmeExample: the Go block of the README's "Log files" section is
// the body of Example_logFile (indented one tab there), so the README shows
// only code that compiles and runs.
func TestReadmeExample(t *testing.T) {
	block := readmetest.Block(t, "../README.md", "## Log files")
	body := readmetest.ExampleBody(t, "example_test.go", "Example_logFile")
	if strings.Count(block, "\n") < 10 || !strings.Contains(body, block) {
		t.Fatalf("README's Log files block is not in Example_logFile:\n%s", block)
	}
}
