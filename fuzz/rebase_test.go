package fuzz

// FuzzCopyRebase: the copying decode's re-pointing path (package records,
// rebaser: after the in-place read, the value's strings and byte slices are
// moved onto the private copy instead of being read a second time) against
// the plain zero-copy decode.

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
	"unsafe"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// rebaseKinds are the kinds whose copying decode re-points the value.
var rebaseKinds = []envelope.Kind{records.KindInvoke}

// FuzzCopyRebase decodes the fuzz input as a payload of a kind whose copying
// decode re-points the value, into a new value and into a value warm from
// an earlier copying decode (a large argument, so that its storage is
// reused, or a small one, so that the payload is copied whole). It checks:
//   - both copying decodes agree with a zero-copy decode of the same bytes:
//     the same error class, or equal values;
//   - no string or byte slice of the copied values lies in the input, and
//     overwriting the input changes neither value;
//   - the input is not written to, and a string the warm value held before
//     is unchanged.
func FuzzCopyRebase(f *testing.F) {
	for _, p := range append(samples.All(), samples.Medium(), samples.Large()) {
		if p.Kind() != records.KindInvoke {
			continue
		}
		b, err := p.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(byte(0), b)
		f.Add(byte(1), b)
	}
	f.Add(byte(0), []byte{})
	f.Add(byte(1), []byte{0x1a, 0x02, 0x41, 0x42, 0x1a, 0x01})
	f.Fuzz(func(t *testing.T, which byte, in []byte) {
		k := rebaseKinds[int(which>>1)%len(rebaseKinds)]
		keepIn := append([]byte(nil), in...)

		warmFrom := samples.Medium()
		if which&1 != 0 {
			warmFrom = samples.Large()
		}
		wb, err := warmFrom.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		warm := mustNew(t, k)
		if err := warm.UnmarshalPayload(wb, wire.Copy); err != nil {
			t.Fatal(err)
		}
		s := spareString(warm)
		sCopy := string(append([]byte(nil), s...))

		fresh := mustNew(t, k)
		errF := fresh.UnmarshalPayload(in, wire.Copy)
		errW := warm.UnmarshalPayload(in, wire.Copy)
		pz := mustNew(t, k)
		errZ := pz.UnmarshalPayload(keepIn, wire.ZeroCopy)
		for _, c := range []struct {
			name string
			p    records.Payload
			err  error
		}{{"a new value", fresh, errF}, {"a warm value", warm, errW}} {
			if (c.err == nil) != (errZ == nil) || (c.err != nil && classOf(c.err) != classOf(errZ)) {
				t.Fatalf("%v (%d bytes): Copy into %s: %v; ZeroCopy: %v", k, len(in), c.name, c.err, errZ)
			}
			if c.err != nil {
				continue
			}
			if !reflect.DeepEqual(normalize(c.p), normalize(pz)) {
				t.Fatalf("%v (%d bytes): Copy into %s and ZeroCopy differ:\n%+v\n%+v", k, len(in), c.name, c.p, pz)
			}
			if where := aliasing(reflect.ValueOf(c.p), in, "x"); where != "" {
				t.Fatalf("%v (%d bytes): Copy into %s: %s aliases the input", k, len(in), c.name, where)
			}
		}
		if !bytes.Equal(in, keepIn) {
			t.Fatalf("%v: the copying decode wrote into its input", k)
		}
		if s != sCopy {
			t.Fatalf("%v: a string from an earlier decode changed: %q, was %q", k, s, sCopy)
		}
		if errZ == nil {
			for i := range in {
				in[i] ^= 0xff
			}
			if !reflect.DeepEqual(normalize(fresh), normalize(pz)) || !reflect.DeepEqual(normalize(warm), normalize(pz)) {
				t.Fatalf("%v (%d bytes): overwriting the input changed a copied value", k, len(in))
			}
		}
	})
}

// aliasing returns the path of a non-empty string or byte slice within v
// whose bytes lie in b, or "".
func aliasing(v reflect.Value, b []byte, path string) string {
	in := func(p unsafe.Pointer) bool {
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		return uintptr(p) >= lo && uintptr(p) < lo+uintptr(len(b))
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return aliasing(v.Elem(), b, path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if w := aliasing(v.Field(i), b, path+"."+v.Type().Field(i).Name); w != "" {
				return w
			}
		}
	case reflect.String:
		if s := v.String(); s != "" && in(unsafe.Pointer(unsafe.StringData(s))) {
			return path
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			if v.Len() > 0 && in(v.UnsafePointer()) {
				return path
			}
			return ""
		}
		for i := range v.Len() {
			if w := aliasing(v.Index(i), b, fmt.Sprintf("%s[%d]", path, i)); w != "" {
				return w
			}
		}
	}
	return ""
}
