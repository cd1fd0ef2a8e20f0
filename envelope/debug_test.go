//go:build walwiredebug

package envelope_test

import (
	"errors"
	"testing"

	"github.com/walwire/walwire/envelope"
)

// TestDebugSizeCheck: built with walwiredebug, writing a payload whose Size
// lies panics with an ErrSizeMismatch error instead of writing a wrong record.
func TestDebugSizeCheck(t *testing.T) {
	rec := envelope.Record{Payload: &liar{note{Key: 1, Text: "x"}}}
	defer func() {
		err, _ := recover().(error)
		if !errors.Is(err, envelope.ErrSizeMismatch) {
			t.Fatalf("recovered %v, want a size mismatch", err)
		}
	}()
	_, _ = rec.MarshalBinary()
	t.Fatal("no panic")
}
