package bench

import (
	"errors"
	"fmt"

	"buf.build/go/hyperpb"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/walwire/walwire/bench/internal/easypb"
	"github.com/walwire/walwire/bench/internal/mirror"
	"github.com/walwire/walwire/bench/internal/pb"
	"github.com/walwire/walwire/bench/internal/v1json"
	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/v1compat"
)

// Encoder writes one record and returns its bytes, valid until the next call.
type Encoder func() ([]byte, error)

// EncodeImpl is an implementation of "encode a record".
type EncodeImpl struct {
	Name string
	// Protobuf is false for encoders whose output is not the v2 envelope
	// (json-v1 writes the v1 JSON record).
	Protobuf bool
	New      func(fx *Fixture) Encoder
}

// EncodeImpls are the encoders, in the order the tables list them. Each one
// produces the whole stored record: codec byte, varint header length,
// header message, payload message.
var EncodeImpls = []EncodeImpl{
	{"walwire-pooled", true, newWalwirePooled},
	{"walwire-unpooled", true, newWalwireUnpooled},
	{"protobuf-go", true, newProtobufGoEncoder},
	{"mirror", true, newMirrorEncoder},
	{"vtprotobuf-marshal", true, newVTMarshal},
	{"vtprotobuf-sized", true, newVTSized},
	{"easyproto", true, newEasyprotoEncoder},
	{"json-v1", false, newJSONEncoder},
	{"v1compat", false, newV1CompatEncoder},
	{"copy", true, newCopy},
}

// walwire-pooled: Record.Marshal, which computes the exact size, takes one
// pooled buffer of that capacity and writes into it; the buffer goes back to
// the pool (here: at the next call, after the caller used the bytes).
func newWalwirePooled(fx *Fixture) Encoder {
	rec := fx.Record
	var buf *pool.Buffer
	return func() ([]byte, error) {
		if buf != nil {
			pool.Put(buf)
		}
		var err error
		if buf, err = rec.Marshal(); err != nil {
			return nil, err
		}
		return buf.B, nil
	}
}

// walwire-unpooled: Record.AppendBinary into a slice the caller reuses.
func newWalwireUnpooled(fx *Fixture) Encoder {
	rec := fx.Record
	var buf []byte
	return func() ([]byte, error) {
		var err error
		buf, err = rec.AppendBinary(buf[:0])
		return buf, err
	}
}

var cachedSize = proto.MarshalOptions{UseCachedSize: true}

// pbEncode writes the envelope with protobuf-go at its best: proto.Size of
// both messages, then MarshalAppend of each (reusing the cached sizes) into
// one buffer of the exact size, reused across calls. (proto.Marshal does the
// same, but in a new slice per message.)
func pbEncode(buf *[]byte, h, p proto.Message) ([]byte, error) {
	hs := proto.Size(h)
	ps := proto.Size(p)
	b := (*buf)[:0]
	if n := 1 + protowire.SizeVarint(uint64(hs)) + hs + ps; cap(b) < n {
		b = make([]byte, 0, n)
	}
	b = append(b, envelope.V2CodecByte)
	b = protowire.AppendVarint(b, uint64(hs))
	b, err := cachedSize.MarshalAppend(b, h)
	if err != nil {
		return nil, err
	}
	b, err = cachedSize.MarshalAppend(b, p)
	*buf = b
	return b, err
}

// protobuf-go: the generated messages, held by the caller, written by
// protobuf-go.
func newProtobufGoEncoder(fx *Fixture) Encoder {
	h, p := fx.PBHeader, fx.PBPayload
	var buf []byte
	return func() ([]byte, error) { return pbEncode(&buf, h, p) }
}

// mirror: the walwire values converted to generated messages (a new tree per
// record), then written as protobuf-go does.
func newMirrorEncoder(fx *Fixture) Encoder {
	rec := fx.Record
	var buf []byte
	if a := fx.Announce; a != nil {
		return func() ([]byte, error) {
			h := rec.Header()
			return pbEncode(&buf, mirror.Header(&h), mirror.AnnounceLeader(a))
		}
	}
	s := fx.Invoke
	return func() ([]byte, error) {
		h := rec.Header()
		return pbEncode(&buf, mirror.Header(&h), mirror.ServiceInvocation(s))
	}
}

// vtprotobuf-marshal: MarshalVT of the header and of the payload (a new
// slice each, as the API returns), appended to a reused buffer.
func newVTMarshal(fx *Fixture) Encoder {
	h, p := fx.PBHeader, fx.PBPayload
	var buf []byte
	return func() ([]byte, error) {
		hb, err := h.MarshalVT()
		if err != nil {
			return nil, err
		}
		pbytes, err := p.MarshalVT()
		if err != nil {
			return nil, err
		}
		b := append(buf[:0], envelope.V2CodecByte)
		b = protowire.AppendVarint(b, uint64(len(hb)))
		b = append(b, hb...)
		buf = append(b, pbytes...)
		return buf, nil
	}
}

// vtprotobuf-sized: vtprotobuf's best single pass. SizeVT of both messages,
// then MarshalToSizedBufferVT of each into its exact place in a reused buffer
// of the exact size.
func newVTSized(fx *Fixture) Encoder {
	h, p := fx.PBHeader, fx.PBPayload
	var buf []byte
	return func() ([]byte, error) {
		hs, ps := h.SizeVT(), p.SizeVT()
		hl := protowire.SizeVarint(uint64(hs))
		n := 1 + hl + hs + ps
		if cap(buf) < n {
			buf = make([]byte, n)
		}
		b := buf[:n]
		b[0] = envelope.V2CodecByte
		protowire.AppendVarint(b[1:1], uint64(hs))
		if _, err := h.MarshalToSizedBufferVT(b[1+hl : 1+hl+hs]); err != nil {
			return nil, err
		}
		if _, err := p.MarshalToSizedBufferVT(b[1+hl+hs:]); err != nil {
			return nil, err
		}
		return b, nil
	}
}

// easyproto: the header marshalled into a reused scratch buffer (its length
// must precede it), then codec byte, length, header and the payload appended
// to a reused buffer.
func newEasyprotoEncoder(fx *Fixture) Encoder {
	h := fx.EasyHeader
	var buf, scratch []byte
	appendPayload := func(b []byte) []byte { return easypb.MarshalAnnounceLeader(b, fx.EasyAnnounce) }
	if fx.EasyInvoke != nil {
		appendPayload = func(b []byte) []byte { return easypb.MarshalServiceInvocation(b, fx.EasyInvoke) }
	}
	return func() ([]byte, error) {
		scratch = easypb.MarshalHeader(scratch[:0], &h)
		b := append(buf[:0], envelope.V2CodecByte)
		b = protowire.AppendVarint(b, uint64(len(scratch)))
		b = append(b, scratch...)
		buf = appendPayload(b)
		return buf, nil
	}
}

// json-v1: the v1 record (codec byte 0x05 and JSON) written by
// encoding/json.Marshal, appended to a reused buffer.
func newJSONEncoder(fx *Fixture) Encoder {
	v := &fx.V1
	var buf []byte
	return func() ([]byte, error) {
		var err error
		buf, err = v1json.AppendRecord(buf[:0], v)
		return buf, err
	}
}

// v1compat: walwire's own v1 writer (Record.AppendBinary), which writes
// what encoding/json wrote, into a reused buffer.
func newV1CompatEncoder(fx *Fixture) Encoder {
	r := fx.V1Compat
	var buf []byte
	return func() ([]byte, error) {
		var err error
		buf, err = r.AppendBinary(buf[:0])
		return buf, err
	}
}

// copy: copy() of the encoded record into a reused buffer: the floor.
func newCopy(fx *Fixture) Encoder {
	src := fx.Encoded
	buf := make([]byte, len(src))
	return func() ([]byte, error) {
		copy(buf, src)
		return buf, nil
	}
}

// Decoder reads one record into a value it keeps (and reuses).
type Decoder struct {
	// Input is the record the decoder reads: the v2 envelope, or the v1
	// record for json-v1.
	Input  []byte
	Decode func(b []byte) error
	// Result returns the value read, for the fairness test: an
	// envelope.Header and records payload, generated messages, easyproto
	// structs or a v1 record.
	Result func() (header, payload any)
}

// DecodeImpl is an implementation of "decode a record fully".
type DecodeImpl struct {
	Name string
	New  func(fx *Fixture) *Decoder
}

// DecodeImpls are the full decoders, in the order the tables list them.
var DecodeImpls = []DecodeImpl{
	{"walwire-zerocopy", func(fx *Fixture) *Decoder { return newWalwireDecoder(fx, true) }},
	{"walwire-copy", func(fx *Fixture) *Decoder { return newWalwireDecoder(fx, false) }},
	{"protobuf-go", newProtobufGoDecoder},
	{"mirror", newMirrorDecoder},
	{"vtprotobuf-pool", func(fx *Fixture) *Decoder { return newVTDecoder(fx, false) }},
	{"vtprotobuf-unsafe-pool", func(fx *Fixture) *Decoder { return newVTDecoder(fx, true) }},
	{"hyperpb", newHyperpbDecoder},
	{"easyproto", newEasyprotoDecoder},
	{"json-v1", newJSONDecoder},
	{"v1compat", newV1CompatDecoder},
}

var errCodecByte = errors.New("bench: not a v2 record")

// splitEnvelope returns the header message and the payload of a v2 record.
func splitEnvelope(b []byte) (header, payload []byte, err error) {
	if len(b) == 0 || b[0] != envelope.V2CodecByte {
		return nil, nil, errCodecByte
	}
	h, n := protowire.ConsumeBytes(b[1:])
	if n < 0 {
		return nil, nil, protowire.ParseError(n)
	}
	return h, b[1+n:], nil
}

// walwire: ParseInto a reused Raw (header only, zero-copy), then a typed decode of the payload
// into a reused value, zero-copy or copying.
func newWalwireDecoder(fx *Fixture, zeroCopy bool) *Decoder {
	var raw envelope.Raw
	dst, err := records.New(fx.Record.Payload.Kind())
	if err != nil {
		panic(err)
	}
	d := &Decoder{Input: fx.Encoded, Result: func() (any, any) { return &raw.Header, dst }}
	if zeroCopy {
		d.Decode = func(b []byte) error {
			if err := envelope.ParseInto(&raw, b); err != nil {
				return err
			}
			return raw.DecodeZeroCopy(dst)
		}
	} else {
		d.Decode = func(b []byte) error {
			if err := envelope.ParseInto(&raw, b); err != nil {
				return err
			}
			return raw.Decode(dst)
		}
	}
	return d
}

func newPBPayload(fx *Fixture) vtMessage {
	return fx.PBPayload.ProtoReflect().New().Interface().(vtMessage)
}

// protobuf-go: proto.Unmarshal of the header and of the payload into reused
// generated messages (proto.Unmarshal resets them first).
func newProtobufGoDecoder(fx *Fixture) *Decoder {
	h := new(pb.Header)
	p := newPBPayload(fx)
	return &Decoder{
		Input: fx.Encoded,
		Decode: func(b []byte) error {
			hb, pbytes, err := splitEnvelope(b)
			if err != nil {
				return err
			}
			if err := proto.Unmarshal(hb, h); err != nil {
				return err
			}
			return proto.Unmarshal(pbytes, p)
		},
		Result: func() (any, any) { return h, p },
	}
}

// mirror: protobuf-go's decode, then conversion to walwire's Go types (into
// reused values).
func newMirrorDecoder(fx *Fixture) *Decoder {
	h := new(pb.Header)
	p := newPBPayload(fx)
	var wh envelope.Header
	var convert func()
	var wp any
	switch p := p.(type) {
	case *pb.AnnounceLeader:
		v := new(records.AnnounceLeader)
		wp, convert = v, func() { mirror.AnnounceLeaderFrom(v, p) }
	case *pb.ServiceInvocation:
		v := new(records.ServiceInvocation)
		wp, convert = v, func() { mirror.ServiceInvocationFrom(v, p) }
	}
	return &Decoder{
		Input: fx.Encoded,
		Decode: func(b []byte) error {
			hb, pbytes, err := splitEnvelope(b)
			if err != nil {
				return err
			}
			if err := proto.Unmarshal(hb, h); err != nil {
				return err
			}
			if err := proto.Unmarshal(pbytes, p); err != nil {
				return err
			}
			mirror.HeaderFrom(&wh, h)
			convert()
			return nil
		},
		Result: func() (any, any) { return &wh, wp },
	}
}

// vtprotobuf-pool, vtprotobuf-unsafe-pool: vtprotobuf's best decode.
// UnmarshalVT (copying) or UnmarshalVTUnsafe (strings and bytes alias the
// input) into messages taken from vtprotobuf's pools (HeaderFromVTPool, ...)
// and emptied with ResetVT before each record: ResetVT returns the nested
// messages to their pools, from which the decoder takes them back, and keeps
// the capacity of repeated and bytes fields, so a warm decode allocates no
// nested message. (vtprotobuf merges into what is there: ResetVT is required.)
func newVTDecoder(fx *Fixture, unsafe bool) *Decoder {
	h := pb.HeaderFromVTPool()
	p := newVTPooled(fx)
	d := &Decoder{Input: fx.Encoded, Result: func() (any, any) { return h, p }}
	if unsafe {
		d.Decode = func(b []byte) error {
			hb, pbytes, err := splitEnvelope(b)
			if err != nil {
				return err
			}
			h.ResetVT()
			if err := h.UnmarshalVTUnsafe(hb); err != nil {
				return err
			}
			p.ResetVT()
			return p.UnmarshalVTUnsafe(pbytes)
		}
	} else {
		d.Decode = func(b []byte) error {
			hb, pbytes, err := splitEnvelope(b)
			if err != nil {
				return err
			}
			h.ResetVT()
			if err := h.UnmarshalVT(hb); err != nil {
				return err
			}
			p.ResetVT()
			return p.UnmarshalVT(pbytes)
		}
	}
	return d
}

// newVTPooled takes a message of the fixture's payload type from its
// vtprotobuf pool.
func newVTPooled(fx *Fixture) vtMessage {
	switch fx.PBPayload.(type) {
	case *pb.AnnounceLeader:
		return pb.AnnounceLeaderFromVTPool()
	case *pb.ServiceInvocation:
		return pb.ServiceInvocationFromVTPool()
	}
	panic(fmt.Sprintf("bench: no pooled message for %T", fx.PBPayload))
}

// hyperpb: buf.build/go/hyperpb's parser, compiled at start-up from the
// generated messages' descriptors, parsing into messages allocated from a
// hyperpb.Shared per message type (one Shared holds the messages of one
// compiled type), each freed (its memory kept for reuse) before each
// record. Its strings and bytes alias the input.
func newHyperpbDecoder(fx *Fixture) *Decoder {
	hType := hyperpbHeaderType
	pType := hyperpb.CompileMessageDescriptor(fx.PBPayload.ProtoReflect().Descriptor())
	hShared, pShared := newHyperpbShared(hType), newHyperpbShared(pType)
	var h, p *hyperpb.Message
	return &Decoder{
		Input: fx.Encoded,
		Decode: func(b []byte) error {
			hb, pbytes, err := splitEnvelope(b)
			if err != nil {
				return err
			}
			hShared.Free()
			h = hShared.NewMessage(hType)
			if err := h.Unmarshal(hb); err != nil {
				return err
			}
			pShared.Free()
			p = pShared.NewMessage(pType)
			return p.Unmarshal(pbytes)
		},
		Result: func() (any, any) { return h, p },
	}
}

// easyproto: the hand-written easyproto decoders, into reused plain structs
// (strings and bytes alias the input).
func newEasyprotoDecoder(fx *Fixture) *Decoder {
	var h easypb.Header
	var decodePayload func([]byte) error
	var p any
	if fx.EasyInvoke != nil {
		v := new(easypb.ServiceInvocation)
		p, decodePayload = v, func(b []byte) error { return easypb.UnmarshalServiceInvocation(b, v) }
	} else {
		v := new(easypb.AnnounceLeader)
		p, decodePayload = v, func(b []byte) error { return easypb.UnmarshalAnnounceLeader(b, v) }
	}
	return &Decoder{
		Input: fx.Encoded,
		Decode: func(b []byte) error {
			hb, pbytes, err := splitEnvelope(b)
			if err != nil {
				return err
			}
			if err := easypb.UnmarshalHeader(hb, &h); err != nil {
				return err
			}
			return decodePayload(pbytes)
		},
		Result: func() (any, any) { return &h, p },
	}
}

// json-v1: encoding/json.Unmarshal of the v1 record into the v1 structs.
func newJSONDecoder(fx *Fixture) *Decoder {
	var r v1json.Record
	return &Decoder{
		Input:  fx.V1Encoded,
		Decode: func(b []byte) error { return v1json.DecodeRecord(b, &r) },
		Result: func() (any, any) { return &r.Header, &r.Command },
	}
}

// v1compat: walwire's own v1 reader (Record.UnmarshalBinary, copying).
func newV1CompatDecoder(fx *Fixture) *Decoder {
	r := new(v1compat.Record)
	return &Decoder{
		Input:  fx.V1Encoded,
		Decode: r.UnmarshalBinary,
		Result: func() (any, any) { return r, nil },
	}
}
