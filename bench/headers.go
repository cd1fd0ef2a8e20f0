package bench

import (
	"buf.build/go/hyperpb"
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
var HeaderImpls = []string{"walwire", "floor", "protobuf-go", "vtprotobuf-pool", "vtprotobuf-unsafe-pool", "hyperpb", "easyproto"}

// headerWalwire is envelope.ParseInto into a reused Raw: the header
// decoded, the payload returned as an undecoded sub-slice.
func headerWalwire(b []byte, raw *envelope.Raw) error { return envelope.ParseInto(raw, b) }

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

// headerVT decodes the Header message with vtprotobuf's UnmarshalVT into a
// message from its pool, emptied with ResetVT (its nested messages go back to
// their pools, from which the decode takes them again).
func headerVT(b []byte, h *pb.Header) error {
	hb, _, err := splitEnvelope(b)
	if err != nil {
		return err
	}
	h.ResetVT()
	return h.UnmarshalVT(hb)
}

// headerVTUnsafe decodes the Header message with UnmarshalVTUnsafe.
func headerVTUnsafe(b []byte, h *pb.Header) error {
	hb, _, err := splitEnvelope(b)
	if err != nil {
		return err
	}
	h.ResetVT()
	return h.UnmarshalVTUnsafe(hb)
}

// headerFloor is the floor decoder (floor.go).
func headerFloor(b []byte, h *FloorHeader) error {
	_, err := floorParse(b, h)
	return err
}

var hyperpbHeaderType = hyperpb.CompileMessageDescriptor((*pb.Header)(nil).ProtoReflect().Descriptor())

// newHyperpbShared returns a hyperpb.Shared that has allocated once, so
// that Free may be called on it before each parse (Free panics on an arena
// that never allocated).
func newHyperpbShared(ty *hyperpb.MessageType) *hyperpb.Shared {
	shared := new(hyperpb.Shared)
	shared.NewMessage(ty)
	return shared
}

// headerHyperpb parses the Header message with hyperpb into a message of
// shared, freed (its memory kept) first.
func headerHyperpb(b []byte, shared *hyperpb.Shared) (*hyperpb.Message, error) {
	hb, _, err := splitEnvelope(b)
	if err != nil {
		return nil, err
	}
	shared.Free()
	h := shared.NewMessage(hyperpbHeaderType)
	return h, h.Unmarshal(hb)
}

// headerEasyproto decodes the Header message with the easyproto decoder.
func headerEasyproto(b []byte, h *easypb.Header) error {
	hb, _, err := splitEnvelope(b)
	if err != nil {
		return err
	}
	return easypb.UnmarshalHeader(hb, h)
}
