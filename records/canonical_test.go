package records_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// canonical parses and decodes rec in canonical mode, in both modes, and
// returns the error, checking that both modes agree.
func canonical(t *testing.T, rec []byte) error {
	t.Helper()
	var errs [2]error
	for i, mode := range []wire.Mode{wire.ZeroCopy, wire.Copy} {
		raw, err := envelope.ParseCanonical(rec)
		if err == nil {
			var p records.Payload
			if p, err = records.New(raw.Header.Kind); err == nil {
				err = raw.DecodeCanonical(p, mode)
			}
		}
		errs[i] = err
	}
	if (errs[0] == nil) != (errs[1] == nil) {
		t.Fatalf("% x: zero-copy %v, copy %v", rec, errs[0], errs[1])
	}
	return errs[0]
}

// walwireOutput returns records walwire wrote: the v2 golden corpus, the v2
// records of the v1 golden corpus (Upgrade's output), and every sample
// written with a variety of sources and dedups.
func walwireOutput(t *testing.T) map[string][]byte {
	out := map[string][]byte{}
	bins, _ := filepath.Glob(filepath.Join(goldenDir, "*.bin"))
	hexes, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", "v1", "*.v2.hex"))
	for _, name := range append(bins, hexes...) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".hex") {
			if b, err = hex.DecodeString(strings.TrimSpace(string(b))); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		out[filepath.Base(name)] = b
	}
	if len(bins) < 80 || len(hexes) < 20 {
		t.Fatalf("golden corpus: %d .bin, %d .v2.hex", len(bins), len(hexes))
	}
	sources := []envelope.Source{{}, envelope.IngressSource(), envelope.ControlPlaneSource(), envelope.ProcessorSource(0), envelope.ProcessorSource(1 << 40)}
	dedups := []envelope.Dedup{{}, envelope.SelfProposal(0, 0), envelope.SelfProposal(3, 9), envelope.ForeignPartition(1<<31, 1),
		envelope.Arbitrary(envelope.Some(""), envelope.U128{}, 0), envelope.Arbitrary(envelope.Optional[string]{}, envelope.U128{Hi: 1}, 2),
		envelope.Arbitrary(envelope.Some("p"), envelope.U128{Hi: 1, Lo: 1 << 63}, 1<<63)}
	for i, p := range append(samples.All(), samples.Minimal()...) {
		rec := envelope.Record{Source: sources[i%len(sources)], Dedup: dedups[i%len(dedups)], Payload: p}
		b, err := rec.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		out[p.Kind().String()+"/"+string(rune('a'+i%26))+rec.Header().String()] = b
	}
	return out
}

// TestCanonicalAcceptsWalwireOutput: every record walwire wrote passes the
// canonical mode.
func TestCanonicalAcceptsWalwireOutput(t *testing.T) {
	for name, b := range walwireOutput(t) {
		if err := canonical(t, b); err != nil {
			t.Errorf("%s: %v\n% x", name, err, b)
		}
	}
}

// TestCanonicalRefuses: encodings of a valid record that every decoder
// accepts, but that walwire's writer does not produce, are refused, each
// with ErrNotCanonical.
func TestCanonicalRefuses(t *testing.T) {
	p := &records.AnnounceLeader{
		NodeID: records.GenerationalNodeID{ID: 1, Generation: 2}, LeaderEpoch: 300,
		PartitionKeyRange: records.KeyRange{Start: 1, End: 9},
		CurrentConfig:     envelope.Some(records.CurrentConfig{Version: 1, ReplicaSet: []uint32{1, 2}}),
	}
	good, err := (&envelope.Record{Source: envelope.IngressSource(), Payload: p}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := canonical(t, good); err != nil {
		t.Fatal(err)
	}
	hb, n := protowire.ConsumeBytes(good[1:])
	payload := good[1+n:]
	rec := func(header, payload []byte) []byte {
		return append(protowire.AppendBytes([]byte{envelope.V2CodecByte}, header), payload...)
	}
	tag := func(num protowire.Number, typ protowire.Type) []byte { return protowire.AppendTag(nil, num, typ) }
	cat := func(bs ...[]byte) []byte { return bytes.Join(bs, nil) }
	// The header is: 0a 02 0a 00 (source) 18 01 (kind) 20 01 (codec) 2a 06 1a 04 08 01 10 09 (keys).
	if !bytes.Equal(hb, []byte{0x0a, 0x02, 0x0a, 0x00, 0x18, 0x01, 0x20, 0x01, 0x2a, 0x06, 0x1a, 0x04, 0x08, 0x01, 0x10, 0x09}) {
		t.Fatalf("header % x", hb)
	}
	// The payload is: node_id 0a 04 08 01 10 02, leader_epoch 10 ac 02,
	// range 1a 04 08 01 10 09, current_config 2a 06 08 01 12 02 01 02.
	if !bytes.Equal(payload, []byte{0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x10, 0xac, 0x02, 0x1a, 0x04, 0x08, 0x01, 0x10, 0x09, 0x2a, 0x06, 0x08, 0x01, 0x12, 0x02, 0x01, 0x02}) {
		t.Fatalf("payload % x", payload)
	}
	cases := []struct {
		name string
		rec  []byte
	}{
		{"header length overlong", cat([]byte{0x07, 0x90, 0x00}, hb, payload)},
		{"kind overlong", rec(cat(hb[:4], []byte{0x18, 0x81, 0x00}, hb[6:]), payload)},
		{"header fields out of order", rec(cat(hb[4:6], hb[:4], hb[6:]), payload)},
		{"header field twice", rec(cat(hb[:6], hb[4:]), payload)},
		{"unknown header field", rec(cat(hb, tag(9, protowire.VarintType), []byte{1}), payload)},
		{"empty dedup", rec(cat(hb[:4], []byte{0x12, 0x00}, hb[4:]), payload)},
		{"empty producer_id", rec(cat(hb[:4], []byte{0x12, 0x04, 0x1a, 0x02, 0x12, 0x00}, hb[4:]), payload)},
		{"header without the payload's keys", rec(hb[:8], payload)},
		{"payload varint overlong", rec(hb, cat(payload[:7], []byte{0xac, 0x82, 0x00}, payload[9:]))},
		{"payload fields out of order", rec(hb, cat(payload[6:9], payload[:6], payload[9:]))},
		{"payload field twice", rec(hb, cat(payload[:9], payload[6:]))},
		{"zero scalar written", rec(hb, cat(payload[:15], []byte{0x2a, 0x08, 0x08, 0x01, 0x12, 0x02, 0x01, 0x02, 0x18, 0x00}))},
		{"unknown payload field", rec(hb, cat(payload, tag(99, protowire.Fixed32Type), []byte{1, 2, 3, 4}))},
		{"repeated scalar unpacked", rec(hb, cat(payload[:15], []byte{0x2a, 0x06, 0x08, 0x01, 0x10, 0x01, 0x10, 0x02}))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw, err := envelope.Parse(c.rec)
			if err != nil {
				t.Fatalf("not a valid record: %v", err)
			}
			p, _ := records.New(raw.Header.Kind)
			if err := raw.Decode(p); err != nil {
				t.Fatalf("not a valid record: %v", err)
			}
			if !reflect.DeepEqual(p, records.Payload(&records.AnnounceLeader{
				NodeID: records.GenerationalNodeID{ID: 1, Generation: 2}, LeaderEpoch: 300,
				PartitionKeyRange: records.KeyRange{Start: 1, End: 9},
				CurrentConfig:     envelope.Some(records.CurrentConfig{Version: 1, ReplicaSet: []uint32{1, 2}}),
			})) {
				t.Fatalf("decodes to another value: %v", p)
			}
			if err := canonical(t, c.rec); !errors.Is(err, envelope.ErrNotCanonical) {
				t.Fatalf("canonical mode: %v, want ErrNotCanonical\n% x", err, c.rec)
			}
			var we *wire.Error
			if err := canonical(t, c.rec); errors.As(err, &we) && we.Offset > int64(len(c.rec)) {
				t.Fatalf("offset %d beyond the record", we.Offset)
			}
		})
	}
}
