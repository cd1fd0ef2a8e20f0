package pbconv

import (
	"encoding/json"
	"reflect"
	"testing"
)

// SameJSON reports whether a and b are the same JSON value (object keys in
// any order, the same spacing-free content), failing t if either is not JSON.
// The JSON-form tests compare walwire's MarshalJSON with protojson with it.
func SameJSON(t testing.TB, a, b []byte) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return reflect.DeepEqual(va, vb)
}
