package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/testpb"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/v1compat"
)

// record is one record of a stream as the command sees it: its v2 view (a
// v1 record is upgraded first) and the version it was stored in.
type record struct {
	off     int64
	size    int // bytes of the stored record
	version string
	raw     envelope.Raw
}

// parseRecord reads a stored record of either version.
func parseRecord(off int64, b []byte) (record, error) {
	r := record{off: off, size: len(b), version: "v2"}
	if len(b) > 0 && b[0] == envelope.V1CodecByte {
		r.version = "v1"
	}
	raw, err := v1compat.ReadRecord(b)
	if err != nil {
		return r, err
	}
	r.raw = raw
	return r, nil
}

// decoders holds one reusable payload value per kind, so that checking
// payloads allocates nothing once warm.
type decoders map[envelope.Kind]records.Payload

// check decodes and validates the payload of r (zero-copy: the value is
// dropped before r's bytes change).
func (d decoders) check(r *record) error {
	k := r.raw.Header.Kind
	p, ok := d[k]
	if !ok {
		var err error
		if p, err = records.New(k); err != nil {
			return err
		}
		d[k] = p
	}
	return r.raw.DecodeZeroCopy(p)
}

// appendText appends the one-line form of r:
// OFFSET VERSION KIND source=... dedup=... keys=... codec=... payload=NB.
func appendText(b []byte, r *record) []byte {
	b = strconv.AppendInt(b, r.off, 10)
	b = append(b, ' ')
	b = append(b, r.version...)
	b = append(b, ' ')
	b = append(b, r.raw.Header.String()...)
	b = append(b, " payload="...)
	b = strconv.AppendInt(b, int64(len(r.raw.Payload)), 10)
	return append(b, 'B')
}

// jsonLine is the JSON form of a record. Header and payload follow protojson
// (lowerCamelCase names, 64-bit integers as strings, bytes in base64, enums
// by name); the offset is a 64-bit integer, so a string too.
type jsonLine struct {
	Offset      string          `json:"offset"`
	Version     string          `json:"version"`
	Size        int             `json:"size"`
	PayloadSize int             `json:"payloadSize"`
	Header      json.RawMessage `json:"header"`
	Payload     json.RawMessage `json:"payload,omitempty"`
}

// appendJSON appends the JSON line of r; with payload, the payload too,
// rendered by the message the kind names in proto/ (a bytes payload as a
// base64 string).
func appendJSON(b []byte, r *record, payload bool) ([]byte, error) {
	var h testpb.Header
	if err := proto.Unmarshal(r.raw.Header.AppendTo(nil), &h); err != nil {
		return b, err
	}
	line := jsonLine{
		Offset:      strconv.FormatInt(r.off, 10),
		Version:     r.version,
		Size:        r.size,
		PayloadSize: len(r.raw.Payload),
	}
	var err error
	if line.Header, err = protoJSON(&h); err != nil {
		return b, err
	}
	if payload {
		if line.Payload, err = payloadJSON(&r.raw); err != nil {
			return b, err
		}
	}
	j, err := json.Marshal(&line)
	if err != nil {
		return b, err
	}
	return append(b, j...), nil
}

// protoJSON renders m as compact protojson (protojson varies its spacing
// from run to run on purpose; compacting makes the output stable).
func protoJSON(m proto.Message) (json.RawMessage, error) {
	j, err := protojson.MarshalOptions{UseProtoNames: false}.Marshal(m)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, j); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// payloadJSON renders the payload of raw by the kind → message mapping of
// proto/ (a bytes payload as a base64 string, as protojson writes bytes).
func payloadJSON(raw *envelope.Raw) (json.RawMessage, error) {
	mt, err := payloadType(raw.Header.Kind, raw.Header.Codec)
	if err != nil {
		return nil, err
	}
	if mt == nil {
		return json.Marshal(raw.Payload)
	}
	m := mt.New().Interface()
	if err := proto.Unmarshal(raw.Payload, m); err != nil {
		return nil, err
	}
	return protoJSON(m)
}

// payloadType returns the payload message type of kind k, from the
// (walwire.v2.payload) option of its RecordKind value in proto/; nil for an
// opaque bytes payload. The codec must be the kind's.
func payloadType(k envelope.Kind, c envelope.Codec) (protoreflect.MessageType, error) {
	v := testpb.RecordKind(0).Descriptor().Values().ByNumber(protoreflect.EnumNumber(k))
	if v == nil {
		return nil, fmt.Errorf("kind %v: %w", k, envelope.ErrUnknownKind)
	}
	opt, _ := proto.GetExtension(v.Options(), testpb.E_Payload).(*testpb.KindPayload)
	if opt == nil || envelope.Codec(opt.GetCodec()) != c {
		return nil, fmt.Errorf("kind %v with payload codec %v: %w", k, c, envelope.ErrUnsupportedCodec)
	}
	if opt.GetMessage() == "" {
		return nil, nil
	}
	return protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(opt.GetMessage()))
}
