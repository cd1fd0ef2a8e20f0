package depcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/walwire/walwire"

// allowed is every import path outside the standard library and the module
// that a library package may depend on.
var allowed = []string{"github.com/valyala/bytebufferpool"}

// notLibrary are the package trees of the module that are not library
// packages: they may use other modules.
var notLibrary = []string{"cmd", "kafka", "fuzz", "internal/testpb", "internal/pbconv", "internal/randproto", "internal/depcheck", "internal/readmetest"}

type pkg struct {
	ImportPath string
	Standard   bool
	Module     *struct{ Path string }
}

func goList(t *testing.T, args ...string) []pkg {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-json"}, args...)...)
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	var ps []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	return ps
}

func isLibrary(path string) bool {
	rel, ok := strings.CutPrefix(path, module+"/")
	if !ok {
		return path == module
	}
	for _, n := range notLibrary {
		if rel == n || strings.HasPrefix(rel, n+"/") {
			return false
		}
	}
	return true
}

// TestLibraryImports fails if a library package (everything but cmd/,
// kafka/, fuzz/ and test helpers) depends, directly or not, on anything but
// the standard library, bytebufferpool and the module's own packages.
func TestLibraryImports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	var libs []string
	for _, p := range goList(t, "./...") {
		if isLibrary(p.ImportPath) {
			libs = append(libs, p.ImportPath)
		}
	}
	for _, want := range []string{"wire", "pool", "envelope", "records", "v1compat"} {
		if !slices.Contains(libs, module+"/"+want) {
			t.Fatalf("library package %s not found among %v", want, libs)
		}
	}
	for _, lib := range libs {
		for _, d := range goList(t, "-deps", lib) {
			switch {
			case d.Standard, d.ImportPath == module, strings.HasPrefix(d.ImportPath, module+"/") && isLibrary(d.ImportPath):
			case slices.Contains(allowed, d.ImportPath):
			default:
				t.Errorf("library package %s depends on %s", lib, d.ImportPath)
			}
		}
	}
}
