package records_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
)

// TestTypedNilPayload: a nil payload pointer of every kind is an error from
// every checked path (payload and record), never a panic, and decoding into
// one is an error too.
func TestTypedNilPayload(t *testing.T) {
	good, err := (&envelope.Record{Payload: &records.TruncateOutbox{Index: 1}}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := envelope.Parse(good)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range records.Kinds() {
		v, _ := records.New(k)
		p := reflect.Zero(reflect.TypeOf(v)).Interface().(records.Payload)
		if !envelope.IsNil(p) {
			t.Fatalf("%v: IsNil(%T(nil)) = false", k, p)
		}
		check := func(what string, err error) {
			t.Helper()
			if !errors.Is(err, envelope.ErrMissingField) {
				t.Errorf("%v: %s of a nil %T: %v, want a missing payload", k, what, p, err)
			}
		}
		check("Validate", p.Validate())
		n, err := p.SizeChecked()
		check("SizeChecked", err)
		if n != 0 {
			t.Errorf("%v: SizeChecked of a nil %T = %d", k, p, n)
		}
		_, err = p.MarshalBinary()
		check("MarshalBinary", err)
		out, err := p.AppendBinary([]byte("keep"))
		check("AppendBinary", err)
		if string(out) != "keep" {
			t.Errorf("%v: AppendBinary wrote %q", k, out)
		}
		rec := envelope.Record{Source: envelope.IngressSource(), Payload: p}
		check("Record.Validate", rec.Validate())
		_, err = rec.MarshalBinary()
		check("Record.MarshalBinary", err)
		buf, err := rec.Marshal()
		check("Record.Marshal", err)
		if buf != nil {
			t.Errorf("%v: Record.Marshal took a buffer", k)
		}
		if h := rec.Header(); h.Kind != 0 || !h.Keys.IsNone() {
			t.Errorf("%v: header of a record with a nil payload: %v", k, &h)
		}
		if got := rec.AppendUnchecked(nil); len(got) != rec.Size() {
			t.Errorf("%v: AppendUnchecked wrote %d bytes, Size says %d", k, len(got), rec.Size())
		}
		check("Raw.Decode", raw.Decode(p))
		check("Raw.DecodeZeroCopy", raw.DecodeZeroCopy(p))
	}
	if envelope.IsNil(&records.TruncateOutbox{}) || !envelope.IsNil(nil) {
		t.Fatal("IsNil")
	}
}
