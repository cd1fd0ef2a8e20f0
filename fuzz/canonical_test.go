package fuzz

// FuzzCanonical: the canonical mode (envelope.ParseCanonical,
// Raw.DecodeCanonical; README, "Hashing and signing") accepts only the one
// encoding walwire writes.

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// FuzzCanonical checks, on arbitrary bytes, that whatever the canonical
// mode accepts is written back by walwire to exactly the same bytes
// (encode(decode(b)) == b): for the record set's kinds, by
// envelope.Record{Source, Dedup, Payload}.MarshalBinary of the decoded
// payload (both decode modes agreeing); for other kinds, the header by
// Raw.MarshalBinary. What it refuses is ErrNotCanonical or an error the
// plain decode gives too. Seeds: the golden corpus and every sample, all
// canonical, and their mutations found by the fuzzer.
func FuzzCanonical(f *testing.F) {
	for _, b := range corpusSeeds() {
		f.Add(b)
	}
	for _, b := range envelopeSeeds() {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		raw, err := envelope.ParseCanonical(in)
		if err != nil {
			if _, perr := envelope.Parse(in); perr == nil && !errors.Is(err, envelope.ErrNotCanonical) {
				t.Fatalf("ParseCanonical(%x): %v, yet it parses", in, err)
			}
			return
		}
		p, err := records.New(raw.Header.Kind)
		if err != nil {
			// A kind outside the record set: the header is canonical.
			out, err := raw.MarshalBinary()
			if err != nil || !bytes.Equal(out, in) {
				t.Fatalf("ParseCanonical(%x) accepted; re-encoded as %x (%v)", in, out, err)
			}
			return
		}
		q, _ := records.New(raw.Header.Kind)
		err = raw.DecodeCanonical(p, wire.Copy)
		errZ := raw.DecodeCanonical(q, wire.ZeroCopy)
		if (err == nil) != (errZ == nil) {
			t.Fatalf("DecodeCanonical(%x): copy %v, zero-copy %v", in, err, errZ)
		}
		if err != nil {
			plain, _ := records.New(raw.Header.Kind)
			if perr := raw.Decode(plain); perr == nil && !errors.Is(err, envelope.ErrNotCanonical) {
				t.Fatalf("DecodeCanonical(%x): %v, yet it decodes", in, err)
			}
			return
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("DecodeCanonical(%x): copy %+v, zero-copy %+v", in, p, q)
		}
		out, err := (&envelope.Record{Source: raw.Header.Source, Dedup: raw.Header.Dedup, Payload: p}).MarshalBinary()
		if err != nil || !bytes.Equal(out, in) {
			t.Fatalf("canonical %x decodes to %+v, which writes %x (%v)", in, p, out, err)
		}
	})
}
