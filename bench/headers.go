package bench

import (
	"google.golang.org/protobuf/proto"

	"github.com/walwire/walwire/bench/internal/easypb"
	"github.com/walwire/walwire/bench/internal/pb"
	"github.com/walwire/walwire/envelope"
)

// Header-only decoders: read a stored record's header and leave the payload
// untouched. Each is a plain function, called directly by
// BenchmarkHeaderDecode (no indirect call: the operation costs tens of
// nanoseconds) and by the fairness test.

// HeaderImpls names the header-only decoders, in the order the tables list
// them.
var HeaderImpls = []string{"walwire", "protobuf-go", "vtprotobuf", "vtprotobuf-unsafe", "easyproto"}

// headerWalwire is envelope.Parse: the header decoded, the payload returned
// as an undecoded sub-slice.
func headerWalwire(b []byte) (envelope.Raw, error) { return envelope.Parse(b) }

var discardUnknown = proto.UnmarshalOptions{DiscardUnknown: true}

// headerProtobufGo skips the codec byte and the length prefix, then decodes
// the Header message with protobuf-go, discarding unknown fields.
func headerProtobufGo(b []byte, h *pb.Header) error {
	hb, _, err := splitEnvelope(b)
	if err != nil {
		return err
	}
	return discardUnknown.Unmarshal(hb, h)
}

// headerVT decodes the Header message with vtprotobuf's UnmarshalVT.
func headerVT(b []byte, h *pb.Header) error {
	hb, _, err := splitEnvelope(b)
	if err != nil {
		return err
	}
	h.Reset()
	return h.UnmarshalVT(hb)
}

// headerVTUnsafe decodes the Header message with UnmarshalVTUnsafe.
func headerVTUnsafe(b []byte, h *pb.Header) error {
	hb, _, err := splitEnvelope(b)
	if err != nil {
		return err
	}
	h.Reset()
	return h.UnmarshalVTUnsafe(hb)
}

// headerEasyproto decodes the Header message with the easyproto decoder.
func headerEasyproto(b []byte, h *easypb.Header) error {
	hb, _, err := splitEnvelope(b)
	if err != nil {
		return err
	}
	return easypb.UnmarshalHeader(hb, h)
}
