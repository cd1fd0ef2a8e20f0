package records_test

import (
	"bytes"
	"testing"
	"unsafe"

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

// TestAllocsDecodeCopy: decoding a payload in copy mode into a reused value
// allocates exactly once (the payload's private copy) once warm, for every
// kind with a non-empty payload (the target: at most 2), and the value does
// not alias the input.
func TestAllocsDecodeCopy(t *testing.T) {
	if codecRace {
		t.Skip("allocation counts: skipped under the race detector")
	}
	values := map[envelope.Kind]records.Payload{}
	for i, p := range samples.All() {
		b, err := p.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		v, ok := values[p.Kind()]
		if !ok {
			v = fresh(t, p.Kind())
			values[p.Kind()] = v
		}
		if err := v.UnmarshalPayload(b, wire.Copy); err != nil { // warm up
			t.Fatal(err)
		}
		want := 1.0
		if len(b) == 0 {
			want = 0
		}
		if n := testing.AllocsPerRun(100, func() { _ = v.UnmarshalPayload(b, wire.Copy) }); n != want {
			t.Errorf("%s: UnmarshalPayload(Copy): %v allocs, want %v", name(i, p), n, want)
		}
		// The value is independent of the input: overwriting the input
		// leaves it as it was.
		before, err := v.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		for j := range b {
			b[j] ^= 0xff
		}
		after, err := v.MarshalBinary()
		if err != nil || string(after) != string(before) {
			t.Errorf("%s: the value decoded in copy mode changed with its input (%v)", name(i, p), err)
		}
	}
}

// TestAllocsDecodeCopyLarge: a copying decode of a 64 KiB Invoke into a warm
// value allocates once (the private copy of the rest of the payload) and
// copies the Argument into the storage the value already owns; strings from
// the earlier decode are left alone, and so is a record a zero-copy decode
// left the Argument aliasing.
func TestAllocsDecodeCopyLarge(t *testing.T) {
	if codecRace {
		t.Skip("allocation counts: skipped under the race detector")
	}
	b, err := samples.Large().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var v records.ServiceInvocation
	if err := v.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	arg, name := unsafe.SliceData(v.Argument), v.InvocationTarget.ServiceName
	if n := testing.AllocsPerRun(100, func() { _ = v.UnmarshalBinary(b) }); n != 1 {
		t.Errorf("UnmarshalBinary of a 64 KiB Invoke into a warm value: %v allocs, want 1", n)
	}
	if unsafe.SliceData(v.Argument) != arg {
		t.Error("the Argument's storage was not reused")
	}
	if unsafe.StringData(v.InvocationTarget.ServiceName) == unsafe.StringData(name) {
		t.Error("a string shares memory with the previous decode's")
	}
	if !bytes.Equal(v.Argument, samples.Large().Argument) || name != samples.Large().InvocationTarget.ServiceName {
		t.Error("decoded values differ from the sample")
	}

	// After a zero-copy decode the Argument aliases the record: a copying
	// decode then allocates its own storage and leaves the record alone.
	rec := bytes.Clone(b)
	if err := v.UnmarshalPayload(rec, wire.ZeroCopy); err != nil {
		t.Fatal(err)
	}
	other := samples.Large()
	other.Argument = bytes.Repeat([]byte{0xa5}, 1000+len(other.Argument)/2)
	ob, err := other.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := v.UnmarshalBinary(ob); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rec, b) {
		t.Error("a copying decode wrote into the record a zero-copy decode had aliased")
	}
	if !bytes.Equal(v.Argument, other.Argument) {
		t.Error("Argument not decoded")
	}
}
