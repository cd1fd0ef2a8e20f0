package tagcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/walwire/walwire"

// oneByteTag reports whether fn writes its argument as a one-byte tag.
func oneByteTag(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case module + "/wire.TagByte", module + "/records.lenTag", module + "/records.varTag":
		return true
	}
	return false
}

type listed struct {
	ImportPath string
	Dir        string
	Export     string
	GoFiles    []string
	Standard   bool
}

// goList lists the module's packages and their dependencies with export data.
func goList(t *testing.T) []listed {
	t.Helper()
	cmd := exec.Command("go", "list", "-export", "-deps", "-json=ImportPath,Dir,Export,GoFiles,Standard", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	var ps []listed
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	return ps
}

// check type-checks files as package path and returns the constant
// arguments of one-byte tag calls: their values and where they are.
func check(t *testing.T, fset *token.FileSet, imp types.Importer, path string, files []*ast.File) (vals []int64, pos []token.Position) {
	t.Helper()
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: imp}
	if _, err := conf.Check(path, fset, files, info); err != nil {
		t.Fatalf("type-checking %s: %v", path, err)
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			var id *ast.Ident
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				id = fun
			case *ast.SelectorExpr:
				id = fun.Sel
			}
			fn, ok := info.Uses[id].(*types.Func)
			if id == nil || !ok || !oneByteTag(fn) {
				return true
			}
			if v, ok := constInt(info.Types[call.Args[0]]); ok {
				vals = append(vals, v)
				pos = append(pos, fset.Position(call.Pos()))
			}
			return true
		})
	}
	return vals, pos
}

func constInt(tv types.TypeAndValue) (int64, bool) {
	if tv.Value == nil {
		return 0, false
	}
	s := tv.Value.ExactString()
	var v int64
	for i, c := range s {
		if c < '0' || c > '9' || i > 18 {
			return 1 << 62, true // negative or huge: out of range
		}
		v = v*10 + int64(c-'0')
	}
	return v, true
}

func TestOneByteTagNumbers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	ps := goList(t)
	exports := map[string]string{}
	for _, p := range ps {
		exports[p.ImportPath] = p.Export
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		if e := exports[path]; e != "" {
			return os.Open(e)
		}
		return nil, errors.New("no export data for " + path)
	})
	checked := 0
	for _, p := range ps {
		if p.Standard || !strings.HasPrefix(p.ImportPath, module) {
			continue
		}
		var files []*ast.File
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		vals, pos := check(t, fset, imp, p.ImportPath, files)
		for i, v := range vals {
			if v < 1 || v > 15 {
				t.Errorf("%s: field %d written with a one-byte tag (only 1 to 15 fit)", pos[i], v)
			}
		}
		checked += len(vals)
	}
	// records and envelope write well over a hundred constant tags.
	if checked < 100 {
		t.Fatalf("checked only %d constant one-byte tags: the checker no longer finds the calls", checked)
	}
	t.Logf("%d constant one-byte tags checked", checked)

	// The checker finds a number that does not fit.
	src := `package bad
import "github.com/walwire/walwire/wire"
var _ = wire.TagByte(16, wire.BytesType)
var _ = wire.TagByte(15, wire.BytesType)`
	f, err := parser.ParseFile(fset, "bad.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if vals, _ := check(t, fset, imp, "bad", []*ast.File{f}); len(vals) != 2 || vals[0] != 16 || vals[1] != 15 {
		t.Fatalf("the checker read %v in the bad example, want [16 15]", vals)
	}
}
