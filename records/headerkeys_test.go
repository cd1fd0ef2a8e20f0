package records_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
)

// TestHeaderKeysChecked: a typed decode of a record whose header names keys
// other than its payload's is ErrInvalidValue (header.keys), in both modes,
// for every sample; a header with the payload's keys, or with none (as older
// writers wrote), decodes. The error path allocates once.
func TestHeaderKeysChecked(t *testing.T) {
	for _, p := range append(samples.All(), samples.Minimal()...) {
		b, err := (&envelope.Record{Source: envelope.IngressSource(), Payload: p}).MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		raw, err := envelope.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		if raw.Header.Keys != p.Keys() {
			t.Fatalf("%v: header keys %v, payload keys %v", p.Kind(), raw.Header.Keys, p.Keys())
		}
		if _, err := records.Decode(&raw); err != nil {
			t.Fatalf("%v: %v", p.Kind(), err)
		}
		forgeries := []envelope.Keys{envelope.SingleKey(p.Keys().First() + 1), envelope.PairKeys(1, 2), envelope.RangeKeys(0, 1<<64-1)}
		for _, forged := range forgeries {
			if forged == p.Keys() {
				continue
			}
			f := raw
			f.Header.Keys = forged
			// Through the bytes too: a forged header as stored.
			fb, err := f.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			fr, err := envelope.Parse(fb)
			if err != nil {
				t.Fatal(err)
			}
			v, _ := records.New(p.Kind())
			for _, err := range []error{fr.Decode(v), fr.DecodeZeroCopy(v), decodeErr(&fr)} {
				if !errors.Is(err, envelope.ErrInvalidValue) || !strings.Contains(err.Error(), "header.keys") {
					t.Fatalf("%v: header keys %v, payload keys %v: %v", p.Kind(), forged, p.Keys(), err)
				}
			}
			if n := testing.AllocsPerRun(20, func() { _ = fr.DecodeZeroCopy(v) }); n > 1 {
				t.Errorf("%v: %v allocs on the error path", p.Kind(), n)
			}
		}
		none := raw
		none.Header.Keys = envelope.NoKeys()
		nb, _ := none.MarshalBinary()
		nr, _ := envelope.Parse(nb)
		if _, err := records.Decode(&nr); err != nil {
			t.Fatalf("%v without header keys: %v", p.Kind(), err)
		}
	}
}

func decodeErr(raw *envelope.Raw) error {
	_, err := records.Decode(raw)
	return err
}
