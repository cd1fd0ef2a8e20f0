package envelope_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/pbconv"
	"github.com/walwire/walwire/records"
)

// TestHeaderJSONLikeProtojson: json.Marshal of a header, and of its keys, is
// what protojson writes for the generated testpb.Header and testpb.Keys
// (kinds and codecs by name, 64-bit integers as strings, no "Keys":{}).
func TestHeaderJSONLikeProtojson(t *testing.T) {
	for _, h := range confHeaders() {
		ours, err := json.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		want, err := protojson.Marshal(pbconv.HeaderToPB(h))
		if err != nil {
			t.Fatal(err)
		}
		if !pbconv.SameJSON(t, ours, want) {
			t.Fatalf("header %v:\n ours      %s\n protojson %s", h, ours, want)
		}
		ours, _ = json.Marshal(h.Keys)
		want, _ = protojson.Marshal(pbconv.KeysToPB(h.Keys))
		if len(want) == 0 {
			want = []byte("{}")
		}
		if !pbconv.SameJSON(t, ours, want) {
			t.Fatalf("keys %v: ours %s, protojson %s", h.Keys, ours, want)
		}
	}
	got, _ := json.Marshal(envelope.Header{Kind: records.KindInvoke, Codec: envelope.CodecProtobuf, Keys: envelope.SingleKey(7)})
	if want := `{"kind":"RECORD_KIND_INVOKE","codec":"CODEC_PROTOBUF","keys":{"single":"7"}}`; string(got) != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

// TestReadableValues: headers, records, raw records, payloads and payload
// enums print and log readably.
func TestReadableValues(t *testing.T) {
	p := &records.TruncateOutbox{Index: 17, PartitionKeyRange: envelope.SingleKey(1234)}
	rec := envelope.Record{Source: envelope.IngressSource(), Dedup: envelope.ForeignPartition(3, 42), Payload: p}
	stored, err := rec.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := envelope.Parse(stored)
	if err != nil {
		t.Fatal(err)
	}
	head := "TruncateOutbox source=ingress dedup=foreign_partition(partition 3, seq 42) keys=single(1234) codec=Protobuf"
	checks := []struct{ got, want string }{
		{fmt.Sprint(raw.Header), head},
		{fmt.Sprint(&raw.Header), head},
		{fmt.Sprint(raw), head + " payload=7B"},
		{fmt.Sprint(&raw), head + " payload=7B"},
		{fmt.Sprint(rec), head + ` payload={"index":"17","partitionKeyRange":{"single":"1234"}}`},
		{fmt.Sprint(p), `{"index":"17","partitionKeyRange":{"single":"1234"}}`},
		{fmt.Sprint(records.TargetTypeVirtualObject, records.TerminationFlavor(9)), "VirtualObject TerminationFlavor(9)"},
		{fmt.Sprint(records.EffectSuspended, records.ResponseSinkIngress), "suspended ingress"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got  %s\nwant %s", c.got, c.want)
		}
	}
	j, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"header":{"source":{"ingress":{}},"dedup":{"foreignPartition":{"partition":3,"seq":"42"}},"kind":"RECORD_KIND_TRUNCATE_OUTBOX","codec":"CODEC_PROTOBUF","keys":{"single":"1234"}},` +
		`"payload":{"index":"17","partitionKeyRange":{"single":"1234"}}}`
	if string(j) != want {
		t.Errorf("Raw JSON:\n got  %s\n want %s", j, want)
	}
	opaque := raw
	opaque.Header.Kind = freshKind()
	if j, _ := json.Marshal(opaque); !strings.HasSuffix(string(j), `,"payloadBytes":"`+base64.StdEncoding.EncodeToString(raw.Payload)+`"}`) {
		t.Errorf("unknown kind: %s", j)
	}

	var sb strings.Builder
	log := slog.New(slog.NewTextHandler(&sb, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	log.Info("r", "raw", raw, "rec", rec, "p", p, "type", records.TargetTypeWorkflow)
	for _, s := range []string{"raw.kind=TruncateOutbox", "raw.payload_bytes=7", "rec.keys=single(1234)", `rec.payload="{\"index\":\"17\"`, `p="{\"index\"`, "type=Workflow"} {
		if !strings.Contains(sb.String(), s) {
			t.Errorf("slog output lacks %s:\n%s", s, sb.String())
		}
	}
}
