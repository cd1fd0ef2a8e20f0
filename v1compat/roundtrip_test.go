package v1compat

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// TestRoundTripV1 checks v1 → v2 → v1 on every golden record: what comes
// back is the original but for what the package documents as lost.
func TestRoundTripV1(t *testing.T) {
	for _, c := range goldenCases() {
		if c.err != nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			in := append([]byte{envelope.V1CodecByte}, c.json...)
			orig, err := Decode(in)
			if err != nil {
				t.Fatal(err)
			}
			rec, err := ToV2(orig)
			if err != nil {
				t.Fatal(err)
			}
			v2, err := rec.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			raw, err := envelope.Parse(v2)
			if err != nil {
				t.Fatal(err)
			}
			back, err := FromV2(&raw)
			if err != nil {
				t.Fatal(err)
			}
			want := lossyV1(t, orig)
			if !reflect.DeepEqual(back, want) {
				t.Errorf("v1 → v2 → v1\n got %+v\nwant %+v", back, want)
			}
			got, err := back.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			wantBytes, _ := want.MarshalBinary()
			if !bytes.Equal(got, wantBytes) {
				t.Errorf("bytes\n got %s\nwant %s", got, wantBytes)
			}
			if c.name == "08_invoke_full" || c.name == "20_upsert_schema" || c.name == "dedup_producer_sn" {
				// No drop applies: the bytes come back as they were.
				if !bytes.Equal(got, in) {
					t.Errorf("bytes\n got %s\nwant %s", got, in)
				}
			}
		})
	}
}

// lossyV1 returns r as v1 → v2 → v1 gives it back: without the Processor
// source's partition_id and partition_key, with "SELF" for an Other producer
// used with Esn, with the dest partition key taken from the payload's keys.
func lossyV1(t *testing.T, r *Record) *Record {
	t.Helper()
	w := *r
	w.Header.Source.PartitionID = envelope.Optional[uint32]{}
	w.Header.Source.PartitionKey = envelope.Optional[uint64]{}
	if dd, ok := w.Header.Dest.Dedup.Get(); ok && dd.Producer.Kind == ProducerOther && dd.Sequence.Kind == SequenceEsn {
		dd.Producer.Other = SelfProducer
		w.Header.Dest.Dedup = envelope.Some(dd)
	}
	switch w.Command.Kind {
	case records.KindTruncateOutbox, records.KindProxyThrough:
	default:
		w.Header.Dest.PartitionKey = w.Command.Payload.Keys().First()
	}
	return &w
}

// headerSamples are sources and dedups across the dedup mappings of FORMAT.md §8.
var (
	sourceSamples = []envelope.Source{{}, envelope.IngressSource(), envelope.ControlPlaneSource(), envelope.ProcessorSource(0), envelope.ProcessorSource(1<<64 - 1)}
	dedupSamples  = []envelope.Dedup{
		{},
		envelope.ForeignPartition(3, 4),
		envelope.ForeignPartition(0, 0),
		envelope.SelfProposal(5, 6),
		envelope.Arbitrary(envelope.Some("ingress-7"), envelope.U128{Hi: 1, Lo: 2}, 7),
		envelope.Arbitrary(envelope.Some(""), envelope.U128{}, 8),
		envelope.Arbitrary(envelope.Some("SELF"), envelope.U128{}, 9),
		envelope.Arbitrary(envelope.Optional[string]{}, envelope.U128{Hi: 1<<64 - 1, Lo: 3}, 10),
		envelope.Arbitrary(envelope.Optional[string]{}, envelope.U128{}, 0),
	}
)

// lossyV2 returns rec as v2 → v1 → v2 gives it back: an unspecified source
// as control_plane, an arbitrary dedup with a prefix without its
// producer_id, TruncateOutbox and ProxyThrough keys as single(first key).
func lossyV2(rec envelope.Record) envelope.Record {
	if rec.Source.Kind == envelope.SourceUnspecified {
		rec.Source = envelope.ControlPlaneSource()
	}
	if rec.Dedup.Kind == envelope.DedupArbitrary && rec.Dedup.Prefix.Set {
		rec.Dedup.ProducerID = envelope.U128{}
	}
	switch p := rec.Payload.(type) {
	case *records.TruncateOutbox:
		q := *p
		q.PartitionKeyRange = envelope.SingleKey(p.PartitionKeyRange.First())
		rec.Payload = &q
	case *records.ProxyThrough:
		q := *p
		q.ProxyPartition = envelope.SingleKey(p.ProxyPartition.First())
		rec.Payload = &q
	}
	return rec
}

// TestRoundTripV2 checks v2 → v1 → v2 for every sample payload (every kind,
// every oneof member and enum value) under sources and dedups across the
// tables: the v2 bytes come back but for what the package documents as
// lost.
func TestRoundTripV2(t *testing.T) {
	payloads := append(samples.All(), samples.Minimal()...)
	payloads = append(payloads,
		&records.TruncateOutbox{Index: 9, PartitionKeyRange: envelope.RangeKeys(10, 20)},
		&records.TruncateOutbox{Index: 9},
		&records.ProxyThrough{Invocation: *samples.Medium(), ProxyPartition: envelope.PairKeys(30, 40)},
	)
	kinds := map[envelope.Kind]bool{}
	n := 0
	for i, p := range payloads {
		for j := range sourceSamples {
			d := dedupSamples[(i+j)%len(dedupSamples)]
			rec := envelope.Record{Source: sourceSamples[j], Dedup: d, Payload: p}
			v2, err := rec.MarshalBinary()
			if err != nil {
				t.Fatalf("sample %d (%v): %v", i, p.Kind(), err)
			}
			raw, err := envelope.Parse(v2)
			if err != nil {
				t.Fatal(err)
			}
			v1, err := FromV2(&raw)
			if err != nil {
				t.Fatalf("sample %d (%v): FromV2: %v", i, p.Kind(), err)
			}
			v1b, err := v1.MarshalBinary()
			if err != nil {
				t.Fatalf("sample %d (%v): MarshalBinary: %v", i, p.Kind(), err)
			}
			got, err := Upgrade(nil, v1b)
			if err != nil {
				t.Fatalf("sample %d (%v): Upgrade: %v\n%s", i, p.Kind(), err, v1b)
			}
			lossy := lossyV2(rec)
			want, err := lossy.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("sample %d (%v, %v, %v): v2 → v1 → v2\n got %x\nwant %x\nv1 %s", i, p.Kind(), rec.Source, rec.Dedup, got, want, v1b)
			}
			kinds[p.Kind()] = true
			n++
		}
	}
	if len(kinds) != 22 {
		t.Errorf("%d kinds covered, want 22", len(kinds))
	}
	t.Logf("%d records", n)
}

// TestUpgradeInPlace checks an upgrade whose output overwrites its input.
func TestUpgradeInPlace(t *testing.T) {
	for _, c := range goldenCases() {
		if c.err != nil {
			continue
		}
		in := append([]byte{envelope.V1CodecByte}, c.json...)
		want, err := Upgrade(nil, in)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, len(in)+len(want))
		copy(buf, in)
		got, err := Upgrade(buf[:0], buf[:len(in)])
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: in place\n got %x, %v\nwant %x", c.name, got, err, want)
		}
		// Appending after other bytes, into exactly the capacity needed,
		// grows nothing.
		dst := make([]byte, 2, 2+len(want))
		got, err = Upgrade(dst, in)
		if err != nil || &got[0] != &dst[0] || !bytes.Equal(got[2:], want) {
			t.Errorf("%s: append: %v", c.name, err)
		}
	}
}

// TestWriterRefuses checks that the v1 writer writes nothing it cannot read
// back.
func TestWriterRefuses(t *testing.T) {
	good := func() Record {
		r, err := Decode([]byte("\x05" + smallInvoke))
		if err != nil {
			t.Fatal(err)
		}
		return *r
	}
	cases := []struct {
		name      string
		edit      func(r *Record)
		class     error
		toV2Fails bool
	}{
		{"no source", func(r *Record) { r.Header.Source = Source{} }, envelope.ErrMissingField, true},
		{"partition esn", func(r *Record) {
			r.Header.Dest.Dedup = envelope.Some(Dedup{Producer: Producer{Kind: ProducerPartition}, Sequence: Sequence{Kind: SequenceEsn}})
		}, ErrInvalidDedup, true},
		{"producer esn", func(r *Record) {
			r.Header.Dest.Dedup = envelope.Some(Dedup{Producer: Producer{Kind: ProducerID}, Sequence: Sequence{Kind: SequenceEsn}})
		}, ErrInvalidDedup, true},
		{"no producer", func(r *Record) {
			r.Header.Dest.Dedup = envelope.Some(Dedup{Sequence: Sequence{Kind: SequenceSn}})
		}, envelope.ErrMissingField, true},
		{"invalid UTF-8 producer", func(r *Record) {
			r.Header.Dest.Dedup = envelope.Some(Dedup{Producer: Producer{Kind: ProducerOther, Other: "\xff"}, Sequence: Sequence{Kind: SequenceSn}})
		}, wire.ErrUTF8, false},
		{"unknown kind", func(r *Record) { r.Command.Kind = 99 }, ErrUnknownVariant, true},
		{"no payload", func(r *Record) { r.Command.Payload = nil }, envelope.ErrMissingField, true},
		{"payload of another kind", func(r *Record) { r.Command.Payload = &records.UpsertSchema{} }, envelope.ErrInvalidValue, true},
		{"proxy of an effect", func(r *Record) { r.Command.Kind = records.KindProxyThrough; r.Command.Payload = &records.Effect{} }, envelope.ErrInvalidValue, true},
		{"invalid payload", func(r *Record) {
			r.Command.Payload.(*records.ServiceInvocation).InvocationID.UUID = []byte{1}
		}, envelope.ErrInvalidValue, false},
		{"invalid UTF-8 in the payload", func(r *Record) {
			r.Command.Payload.(*records.ServiceInvocation).Headers[0].Name = "\xff"
		}, wire.ErrUTF8, false},
	}
	for _, c := range cases {
		r := good()
		c.edit(&r)
		b := []byte("keep")
		out, err := r.AppendBinary(b)
		if !errors.Is(err, c.class) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.class)
		}
		if string(out) != "keep" {
			t.Errorf("%s: wrote %q", c.name, out)
		}
		if _, err := ToV2(&r); (err != nil) != c.toV2Fails {
			t.Errorf("%s: ToV2: %v", c.name, err)
		}
	}
}

// TestFromV2Errors checks that what v1 cannot express is an error.
func TestFromV2Errors(t *testing.T) {
	good, err := (&envelope.Record{Source: envelope.IngressSource(), Payload: samples.Medium()}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := envelope.Parse(good)
	cases := []struct {
		name  string
		edit  func(r *envelope.Raw)
		class error
	}{
		{"unknown kind", func(r *envelope.Raw) { r.Header.Kind = 99 }, ErrUnknownVariant},
		{"kind 0", func(r *envelope.Raw) { r.Header.Kind = 0 }, ErrUnknownVariant},
		{"wrong payload codec", func(r *envelope.Raw) { r.Header.Codec = envelope.CodecBytes }, envelope.ErrUnsupportedCodec},
		{"JSON payload codec", func(r *envelope.Raw) { r.Header.Codec = envelope.CodecJSON }, envelope.ErrUnsupportedCodec},
		{"undecodable payload", func(r *envelope.Raw) { r.Payload = []byte{0x0a, 0x50, 0x01} }, wire.ErrTruncated},
		{"payload missing its id", func(r *envelope.Raw) { r.Payload = nil }, envelope.ErrMissingField},
	}
	for _, c := range cases {
		r := raw
		c.edit(&r)
		if _, err := FromV2(&r); !errors.Is(err, c.class) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.class)
		}
	}
	if _, err := ToV2(&Record{Header: Header{Source: Source{Kind: envelope.SourceIngress}}, Command: Command{Kind: records.KindTruncateOutbox}}); err != nil {
		t.Errorf("ToV2 of a TruncateOutbox: %v", err)
	}
}
