package envelope_test

import (
	"fmt"
	"unicode/utf8"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/wire"
)

// Reading is a user's own payload: a sensor reading, written as the
// protobuf message
//
//	Reading { uint64 sensor = 1; string unit = 2; sint64 milli = 3; }
//
// with unit required. Its kind is a user kind (1000 and up).
type Reading struct {
	Sensor uint64
	Unit   string
	Milli  int64
}

// KindReading is the kind Reading is written as.
const KindReading envelope.Kind = 1001

func init() {
	envelope.RegisterKind(KindReading, "Reading", func() envelope.Decodable { return new(Reading) })
}

// Kind, Codec and Keys say how the envelope writes the header.
func (x *Reading) Kind() envelope.Kind   { return KindReading }
func (x *Reading) Codec() envelope.Codec { return envelope.CodecProtobuf }
func (x *Reading) Keys() envelope.Keys   { return envelope.SingleKey(x.Sensor) }

// Validate refuses what UnmarshalPayload would reject.
func (x *Reading) Validate() error {
	if x.Unit == "" {
		return envelope.MissingField("unit")
	}
	if !utf8.ValidString(x.Unit) {
		return wire.Within(wire.NewError(wire.ErrUTF8, -1, 2), "unit")
	}
	return nil
}

// Size is exactly what AppendTo writes (proto3: zero values are left out).
func (x *Reading) Size() int {
	n := 0
	if x.Sensor != 0 {
		n += 1 + wire.SizeVarint(x.Sensor)
	}
	if x.Unit != "" {
		n += 1 + wire.SizeBytes(len(x.Unit))
	}
	if x.Milli != 0 {
		n += 1 + wire.SizeVarint(wire.EncodeZigZag(x.Milli))
	}
	return n
}

// AppendTo writes the fields in number order.
func (x *Reading) AppendTo(b []byte) []byte {
	if x.Sensor != 0 {
		b = wire.AppendVarint(wire.AppendTag(b, 1, wire.VarintType), x.Sensor)
	}
	if x.Unit != "" {
		b = wire.AppendString(wire.AppendTag(b, 2, wire.BytesType), x.Unit)
	}
	if x.Milli != 0 {
		b = wire.AppendVarint(wire.AppendTag(b, 3, wire.VarintType), wire.EncodeZigZag(x.Milli))
	}
	return b
}

// UnmarshalPayload reads the fields, skipping unknown ones.
func (x *Reading) UnmarshalPayload(b []byte, mode wire.Mode) error {
	*x = Reading{}
	r := wire.NewReader(b, mode)
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint64(&x.Sensor)
		case 2:
			r.String(&x.Unit)
		case 3:
			r.Sint64(&x.Milli)
		}
	}
	if err := r.Err(); err != nil {
		return err
	}
	if x.Unit == "" {
		return envelope.MissingField("unit")
	}
	return nil
}

// A complete payload type of the user's own: registered under a user kind,
// checked, written, filtered by its keys from the header alone, and decoded
// by kind.
func ExampleRegisterKind() {
	in := &Reading{Sensor: 42, Unit: "°C", Milli: -1500}
	if err := envelope.CheckPayload(in); err != nil { // in the type's tests
		panic(err)
	}
	stored, err := (&envelope.Record{Source: envelope.IngressSource(), Payload: in}).MarshalBinary()
	if err != nil {
		panic(err)
	}

	raw, err := envelope.Parse(stored)
	if err != nil {
		panic(err)
	}
	fmt.Println(raw.Header.Kind, raw.Header.Keys.Matches(envelope.IncludeKey(42)))
	p, err := raw.DecodeNew()
	if err != nil {
		panic(err)
	}
	r := p.(*Reading)
	fmt.Printf("sensor %d: %d m%s\n", r.Sensor, r.Milli, r.Unit)
	// Output:
	// Reading true
	// sensor 42: -1500 m°C
}
