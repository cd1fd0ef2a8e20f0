package testpb_test

import (
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/internal/testpb"
	"github.com/walwire/walwire/records"
)

// TestKindPayloadOption checks the machine-readable kind → payload mapping
// of proto/ (the (payload) option on each RecordKind value) against the Go
// record set: the same codec, and a message whose name is the Go type's.
func TestKindPayloadOption(t *testing.T) {
	values := testpb.RecordKind(0).Descriptor().Values()
	if got, want := values.Len()-1, len(records.Kinds()); got != want {
		t.Fatalf("%d kinds in proto/, %d in package records", got, want)
	}
	for i := 0; i < values.Len(); i++ {
		v := values.Get(i)
		opt := proto.GetExtension(v.Options(), testpb.E_Payload).(*testpb.KindPayload)
		if v.Number() == 0 {
			if opt != nil {
				t.Errorf("%s has a payload option", v.Name())
			}
			continue
		}
		if opt == nil {
			t.Errorf("%s: no (payload) option", v.Name())
			continue
		}
		p, err := records.New(envelope.Kind(v.Number()))
		if err != nil {
			t.Fatalf("%s: %v", v.Name(), err)
		}
		if got, want := envelope.Codec(opt.GetCodec()), p.Codec(); got != want {
			t.Errorf("%s: codec %v, Go payload %v", v.Name(), got, want)
		}
		if p.Codec() != envelope.CodecProtobuf {
			if opt.GetMessage() != "" {
				t.Errorf("%s: message %q for a non-protobuf payload", v.Name(), opt.GetMessage())
			}
			continue
		}
		mt, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(opt.GetMessage()))
		if err != nil {
			t.Errorf("%s: payload message %q: %v", v.Name(), opt.GetMessage(), err)
			continue
		}
		// The Go payload's encoding of a sample decodes as that message
		// with no unknown fields: the mapping is the one the codecs use.
		b, err := samplePayloadOf(p.Kind())
		if err != nil {
			t.Fatal(err)
		}
		m := mt.New().Interface()
		if err := proto.Unmarshal(b, m); err != nil {
			t.Errorf("%s: sample payload does not decode as %s: %v", v.Name(), opt.GetMessage(), err)
		} else if len(m.ProtoReflect().GetUnknown()) != 0 {
			t.Errorf("%s: sample payload has fields unknown to %s", v.Name(), opt.GetMessage())
		}
	}
}

// samplePayloadOf encodes the full sample payload of kind k.
func samplePayloadOf(k envelope.Kind) ([]byte, error) {
	return samples.Full()[k-1].AppendBinary(nil)
}
