package records_test

import (
	"encoding/base64"
	"encoding/json"
	"testing"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/walwire/walwire/internal/pbconv"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
)

// TestJSONLikeProtojson: every sample payload's MarshalJSON (through
// encoding/json) is the JSON protojson writes for the same message of the
// generated internal/testpb types.
func TestJSONLikeProtojson(t *testing.T) {
	all := append(samples.All(), samples.Minimal()...)
	for _, p := range all {
		ours, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("%v: %v", p.Kind(), err)
		}
		m := pbconv.NewPB(p.Kind())
		if m == nil { // kind 21: the bytes themselves
			want, _ := json.Marshal(base64.StdEncoding.EncodeToString(p.AppendTo(nil)))
			if !pbconv.SameJSON(t, ours, want) {
				t.Errorf("%v: %s, want %s", p.Kind(), ours, want)
			}
			continue
		}
		if err := proto.Unmarshal(p.AppendTo(nil), m); err != nil {
			t.Fatal(err)
		}
		want, err := protojson.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if !pbconv.SameJSON(t, ours, want) {
			t.Errorf("%v:\n ours      %s\n protojson %s", p.Kind(), ours, want)
		}
	}
	if len(all) < 44 {
		t.Fatalf("only %d samples", len(all))
	}
	// Values the writer refuses still print: an undeclared enum as its number.
	bad := &records.InvocationTermination{Flavor: 7}
	if got, err := json.Marshal(bad); err != nil || string(got) != `{"invocationId":{},"flavor":7}` {
		t.Errorf("undeclared flavor: %s, %v", got, err)
	}
}
