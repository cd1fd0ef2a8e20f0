package records_test

import (
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// TestAllocsEncodePooled: writing a record of every kind into a pooled
// buffer allocates nothing once the pool is warm (see BENCHMARKS.md).
func TestAllocsEncodePooled(t *testing.T) {
	if codecRace {
		t.Skip("the race detector makes sync.Pool drop buffers")
	}
	for i, p := range samples.All() {
		rec := &envelope.Record{Source: envelope.ProcessorSource(3), Dedup: envelope.SelfProposal(3, uint64(i)), Payload: p}
		buf, err := rec.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		pool.Put(buf)
		n := testing.AllocsPerRun(100, func() {
			buf, _ := rec.Marshal()
			pool.Put(buf)
		})
		if n != 0 {
			t.Errorf("%s: pooled Marshal+Put: %v allocs, want 0", name(i, p), n)
		}
	}
}

// TestAllocsEncodeAppend: validating and appending a payload into a slice
// with room allocates nothing.
func TestAllocsEncodeAppend(t *testing.T) {
	buf := make([]byte, 0, 128<<10)
	for i, p := range samples.All() {
		n := testing.AllocsPerRun(100, func() {
			b, err := p.AppendBinary(buf[:0])
			if err != nil || len(b) != p.Size() {
				t.Fatal(err)
			}
		})
		if n != 0 {
			t.Errorf("%s: AppendBinary: %v allocs, want 0", name(i, p), n)
		}
	}
}

// TestAllocsDecodeZeroCopy: parsing a record and decoding its payload in
// zero-copy mode into a reused value allocates nothing once warm, for every
// kind.
func TestAllocsDecodeZeroCopy(t *testing.T) {
	values := map[envelope.Kind]records.Payload{}
	for i, p := range samples.All() {
		rec := &envelope.Record{Source: envelope.IngressSource(), Dedup: envelope.Arbitrary(records.Some("pfx"), envelope.U128{Lo: 1}, 2), Payload: p}
		b, err := rec.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		v, ok := values[p.Kind()]
		if !ok {
			v = fresh(t, p.Kind())
			values[p.Kind()] = v
		}
		decode := func() {
			raw, err := envelope.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			if err := raw.DecodeZeroCopy(v); err != nil {
				t.Fatal(err)
			}
		}
		decode() // warm up: grow the value's slices
		if n := testing.AllocsPerRun(100, decode); n != 0 {
			t.Errorf("%s: Parse+DecodeZeroCopy: %v allocs, want 0", name(i, p), n)
		}
		if n := testing.AllocsPerRun(100, func() { _ = v.UnmarshalPayload(b[len(b)-p.Size():], wire.ZeroCopy) }); n != 0 {
			t.Errorf("%s: UnmarshalPayload: %v allocs, want 0", name(i, p), n)
		}
	}
}
