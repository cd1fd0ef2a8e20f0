package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/walwire/walwire/envelope"
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

// check decodes and validates the payload of r into the kind's reused value
// and returns it (zero-copy: use the value before r's bytes change).
func (d decoders) check(r *record) (records.Payload, error) {
	k := r.raw.Header.Kind
	p, ok := d[k]
	if !ok {
		var err error
		if p, err = records.New(k); err != nil {
			return nil, err
		}
		d[k] = p
	}
	return p, r.raw.DecodeZeroCopy(p)
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

// jsonLine is the JSON form of a record. Header and payload are the
// library's JSON forms (envelope.Header.MarshalJSON and the payloads'
// MarshalJSON: protojson's conventions, lowerCamelCase names, 64-bit integers
// as strings, bytes in base64, enums by name); the offset is a 64-bit
// integer, so a string too.
type jsonLine struct {
	Offset      string          `json:"offset"`
	Version     string          `json:"version"`
	Size        int             `json:"size"`
	PayloadSize int             `json:"payloadSize"`
	Header      json.RawMessage `json:"header"`
	Payload     json.RawMessage `json:"payload,omitempty"`
}

// appendJSON appends the JSON line of r; with a decoded payload p (nil for
// none), the payload too.
func appendJSON(b []byte, r *record, p records.Payload) ([]byte, error) {
	line := jsonLine{
		Offset:      strconv.FormatInt(r.off, 10),
		Version:     r.version,
		Size:        r.size,
		PayloadSize: len(r.raw.Payload),
	}
	var err error
	if line.Header, err = r.raw.Header.MarshalJSON(); err != nil {
		return b, err
	}
	if p != nil {
		if line.Payload, err = payloadJSON(p); err != nil {
			return b, err
		}
	}
	j, err := json.Marshal(&line)
	if err != nil {
		return b, err
	}
	return append(b, j...), nil
}

// payloadJSON is the JSON form of a decoded payload (every payload of the
// record set has one).
func payloadJSON(p records.Payload) (json.RawMessage, error) {
	m, ok := p.(json.Marshaler)
	if !ok {
		return nil, fmt.Errorf("kind %v: no JSON form", p.Kind())
	}
	return m.MarshalJSON()
}
