package records_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// Builders of hand-made protobuf bytes.

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// fv is a varint field.
func fv(num wire.Number, v uint64) []byte {
	return wire.AppendVarint(wire.AppendTag(nil, num, wire.VarintType), v)
}

// fb is a length-delimited field.
func fb(num wire.Number, parts ...[]byte) []byte {
	return wire.AppendBytes(wire.AppendTag(nil, num, wire.BytesType), cat(parts...))
}

// fs is a string field.
func fs(num wire.Number, s string) []byte { return fb(num, []byte(s)) }

// f32 and f64 are fixed fields.
func f32(num wire.Number, v uint32) []byte {
	return wire.AppendFixed32(wire.AppendTag(nil, num, wire.Fixed32Type), v)
}

func f64(num wire.Number, v uint64) []byte {
	return wire.AppendFixed64(wire.AppendTag(nil, num, wire.Fixed64Type), v)
}

// fg is a group field.
func fg(num wire.Number, parts ...[]byte) []byte {
	b := wire.AppendTag(nil, num, wire.StartGroupType)
	b = append(b, cat(parts...)...)
	return wire.AppendTag(b, num, wire.EndGroupType)
}

// idBytes is the body of InvocationId{pk, uuid}.
func idBytes(pk uint64, uuid []byte) []byte {
	var b []byte
	if pk != 0 {
		b = fv(1, pk)
	}
	return cat(b, fb(2, uuid))
}

// without returns b with the fields nums removed from the message reached
// by path (a field number per level; an empty path is b itself). Fields on
// the path are rewritten in place, keeping the order of the others.
func without(t testing.TB, b []byte, path []wire.Number, nums ...wire.Number) []byte {
	t.Helper()
	var out []byte
	for len(b) > 0 {
		num, typ, n, err := wire.ConsumeField(b)
		if err != nil {
			t.Fatalf("without: %v", err)
		}
		field := b[:n]
		b = b[n:]
		switch {
		case len(path) == 0:
			drop := false
			for _, d := range nums {
				drop = drop || d == num
			}
			if !drop {
				out = append(out, field...)
			}
		case num == path[0] && typ == wire.BytesType:
			_, _, tn, _ := wire.ConsumeTag(field)
			body, _, err := wire.ConsumeBytes(field[tn:])
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fb(num, without(t, body, path[1:], nums...))...)
		default:
			out = append(out, field...)
		}
	}
	return out
}

// marshal encodes p, failing the test if it is invalid or if its size is
// not what Size said.
func marshal(t testing.TB, p records.Payload) []byte {
	t.Helper()
	if err := p.Validate(); err != nil {
		t.Fatalf("%v: Validate: %v", p.Kind(), err)
	}
	b, err := p.MarshalBinary()
	if err != nil {
		t.Fatalf("%v: MarshalBinary: %v", p.Kind(), err)
	}
	if len(b) != p.Size() {
		t.Fatalf("%v: MarshalBinary wrote %d bytes, Size says %d", p.Kind(), len(b), p.Size())
	}
	if a := p.AppendTo(nil); !bytes.Equal(a, b) {
		t.Fatalf("%v: AppendTo and MarshalBinary differ:\n% x\n% x", p.Kind(), a, b)
	}
	return b
}

// fresh returns a new zero payload of kind k.
func fresh(t testing.TB, k envelope.Kind) records.Payload {
	t.Helper()
	p, err := records.New(k)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// decode decodes b as kind k in mode.
func decode(t testing.TB, k envelope.Kind, b []byte, mode wire.Mode) (records.Payload, error) {
	t.Helper()
	p := fresh(t, k)
	err := p.UnmarshalPayload(b, mode)
	if err != nil {
		checkErrorAllocs(t, k, b, mode)
	}
	return p, err
}

// errorAllocs counts the bad payloads decoded by the tests, by mode and by
// how many allocations their decode made (see checkErrorAllocs).
var errorAllocs = map[wire.Mode]map[float64]int{wire.ZeroCopy: {}, wire.Copy: {}}

// errorAllocsFresh counts the zero-copy decodes of bad payloads into a fresh
// value, by allocations.
var errorAllocsFresh = map[float64]int{}

// checkErrorAllocs is called by decode for every bad payload the tests
// decode, so that every error class and case of every test is checked: a
// zero-copy decode of a bad payload allocates at most once (its error),
// into a fresh value or a reused one. (A copying decode also copies the
// strings and bytes it read before the error; counted, not bounded.)
func checkErrorAllocs(t testing.TB, k envelope.Kind, b []byte, mode wire.Mode) {
	t.Helper()
	if codecRace {
		return
	}
	p := fresh(t, k)
	n := testing.AllocsPerRun(5, func() { _ = p.UnmarshalPayload(b, mode) })
	errorAllocs[mode][n]++
	if mode == wire.ZeroCopy && n > 1 {
		t.Errorf("%v: zero-copy decode of the bad payload % x into a reused value allocates %v times", k, b, n)
	}
	if mode == wire.ZeroCopy {
		// Into a fresh value (whose own allocation is not counted).
		n := testing.AllocsPerRun(5, func() { _ = fresh(t, k).UnmarshalPayload(b, mode) }) - 1
		errorAllocsFresh[n]++
	}
}

// TestMain reports how many bad payloads the tests decoded, by allocations.
func TestMain(m *testing.M) {
	code := m.Run()
	if testing.Verbose() {
		fmt.Printf("bad payloads decoded, by allocations: zero-copy %v (into a fresh value %v), copy %v\n", errorAllocs[wire.ZeroCopy], errorAllocsFresh, errorAllocs[wire.Copy])
	}
	os.Exit(code)
}

// mustDecode decodes b as kind k in both modes, checks both agree and
// returns the copying one.
func mustDecode(t testing.TB, k envelope.Kind, b []byte) records.Payload {
	t.Helper()
	var got [2]records.Payload
	for i, mode := range []wire.Mode{wire.ZeroCopy, wire.Copy} {
		p, err := decode(t, k, b, mode)
		if err != nil {
			t.Fatalf("%v: decode (mode %d) of % x: %v", k, mode, b, err)
		}
		got[i] = p
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Fatalf("%v: zero-copy and copying decodes differ:\n%+v\n%+v", k, got[0], got[1])
	}
	return got[1]
}

// wantErr checks that err is of class class and that its message names
// path.
func wantErr(t testing.TB, err, class error, path string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v naming %q", class, path)
	}
	if !errors.Is(err, class) {
		t.Fatalf("error %q is not %v", err, class)
	}
	if !strings.Contains(err.Error(), path) {
		t.Fatalf("error %q does not name %q", err, path)
	}
}

// wantRefused checks that p's Validate fails with class naming path, and
// that AppendBinary and MarshalBinary write nothing.
func wantRefused(t testing.TB, p records.Payload, class error, path string) {
	t.Helper()
	wantErr(t, p.Validate(), class, path)
	wantSameCheck(t, p)
	prefix := []byte("prefix")
	b, err := p.AppendBinary(prefix)
	wantErr(t, err, class, path)
	if !bytes.Equal(b, prefix) || &b[0] != &prefix[0] {
		t.Fatalf("AppendBinary changed b on error: % x", b)
	}
	if m, err := p.MarshalBinary(); err == nil || m != nil {
		t.Fatalf("MarshalBinary = % x, %v on an invalid value", m, err)
	}
	rec := envelope.Record{Payload: p}
	if buf, err := rec.Marshal(); err == nil || buf != nil {
		t.Fatalf("Record.Marshal = %v, %v on an invalid value", buf, err)
	}
}

func name(i int, p records.Payload) string { return fmt.Sprintf("%d/%v", i, p.Kind()) }

// wantSameCheck checks SizeChecked (validation folded into the size pass)
// against Validate and Size: the same error (same class, same message, so
// the same field), or no error and Size.
func wantSameCheck(t testing.TB, p records.Payload) {
	t.Helper()
	n, err := p.SizeChecked()
	verr := p.Validate()
	switch {
	case verr == nil && err == nil:
		if n != p.Size() {
			t.Fatalf("SizeChecked = %d, Size = %d", n, p.Size())
		}
	case verr == nil || err == nil:
		t.Fatalf("SizeChecked error %v, Validate error %v", err, verr)
	case n != 0 || err.Error() != verr.Error() || !sameClass(err, verr):
		t.Fatalf("SizeChecked = %d, %v; Validate = %v", n, err, verr)
	}
}

// sameClass reports whether a and b are both, or both not, each of the
// error classes a payload's validation returns.
func sameClass(a, b error) bool {
	for _, class := range []error{envelope.ErrMissingField, envelope.ErrInvalidValue, wire.ErrUTF8} {
		if errors.Is(a, class) != errors.Is(b, class) {
			return false
		}
	}
	return true
}
