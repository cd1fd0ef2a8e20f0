package envelope_test

import (
	"strings"
	"testing"

	"github.com/walwire/walwire/internal/readmetest"
)

// TestReadmeQuickStart keeps the README's Quick start compiling: its Go
// block holds the body of Example (example_test.go) verbatim, so the code a
// newcomer copies is code the tests run.
func TestReadmeQuickStart(t *testing.T) {
	block := readmetest.Block(t, "../README.md", "## Quick start")
	body := readmetest.ExampleBody(t, "example_test.go", "Example")
	if strings.Count(body, "\n") < 10 || !strings.Contains(block, body) {
		t.Errorf("README.md's Quick start does not hold the body of Example verbatim; want:\n%s", body)
	}
}
