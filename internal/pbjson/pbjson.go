// Package pbjson writes protobuf messages as JSON in the conventions of
// protojson (the canonical JSON mapping of protobuf): lowerCamelCase field
// names, 64-bit integers as strings, bytes in standard padded base64, enums
// by name, absent fields left out. It reads a message's wire encoding, as
// walwire's writers produce it (each singular field once, fields in number
// order, zero scalars left out), through a small schema of the message.
//
// It is shared by package envelope (header, keys) and package records
// (payloads), whose MarshalJSON methods are the public entry points.
package pbjson

import (
	"encoding/base64"
	"strconv"

	"github.com/walwire/walwire/internal/jsontext"
	"github.com/walwire/walwire/wire"
)

// Kind is the protobuf type of a field.
type Kind uint8

// The field types walwire's messages use.
const (
	Uint32 Kind = iota
	Uint64
	Bool
	String
	Bytes
	Enum
	Message
)

// Keys is the schema of the Keys message (header.proto), which the header
// and many payloads hold.
var Keys = &Schema{Fields: []Field{
	{Num: 1, Name: "single", Kind: Uint64},
	{Num: 2, Name: "pair", Kind: Message, Msg: &Schema{Fields: []Field{
		{Num: 1, Name: "a", Kind: Uint64}, {Num: 2, Name: "b", Kind: Uint64},
	}}},
	{Num: 3, Name: "rangeInclusive", Kind: Message, Msg: &Schema{Fields: []Field{
		{Num: 1, Name: "start", Kind: Uint64}, {Num: 2, Name: "end", Kind: Uint64},
	}}},
}}

// Field describes one field of a message.
type Field struct {
	Num      wire.Number
	Name     string // JSON (lowerCamelCase) name
	Kind     Kind
	Repeated bool
	Msg      *Schema  // for Message
	Enum     []string // for Enum: value names by number
}

// Schema describes a message: its fields.
type Schema struct {
	Fields []Field
}

func (s *Schema) field(num wire.Number) *Field {
	for i := range s.Fields {
		if s.Fields[i].Num == num {
			return &s.Fields[i]
		}
	}
	return nil
}

// Append appends the message msg, described by s, as a JSON object. Fields
// the schema does not know are left out. A repeated field's occurrences are
// gathered into one array, packed or not.
func Append(b, msg []byte, s *Schema) ([]byte, error) {
	b = append(b, '{')
	first := true
	var done []wire.Number // repeated fields already written
	r := wire.NewReader(msg, wire.ZeroCopy)
	for r.Next() {
		f := s.field(r.Number())
		if f == nil || contains(done, f.Num) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = jsontext.AppendString(b, f.Name)
		b = append(b, ':')
		if !f.Repeated {
			var err error
			if b, err = appendValue(b, &r, f); err != nil {
				return b, err
			}
			continue
		}
		done = append(done, f.Num)
		b = append(b, '[')
		n := 0
		for all := wire.NewReader(msg, wire.ZeroCopy); all.Next(); {
			if all.Number() != f.Num {
				continue
			}
			var err error
			if f.Kind != Message && f.Kind != String && f.Kind != Bytes && all.Type() == wire.BytesType {
				// Packed: one value holding them all.
				var vs []uint64
				if !wire.UnpackVarints(&all, &vs) {
					return b, all.Err()
				}
				for _, v := range vs {
					if n > 0 {
						b = append(b, ',')
					}
					n++
					b = appendScalar(b, f, v)
				}
				continue
			}
			if n > 0 {
				b = append(b, ',')
			}
			n++
			if b, err = appendValue(b, &all, f); err != nil {
				return b, err
			}
		}
		b = append(b, ']')
	}
	if err := r.Err(); err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

func contains(ns []wire.Number, n wire.Number) bool {
	for _, m := range ns {
		if m == n {
			return true
		}
	}
	return false
}

// appendValue appends the value of the reader's current field.
func appendValue(b []byte, r *wire.Reader, f *Field) ([]byte, error) {
	switch f.Kind {
	case String:
		var s string
		r.String(&s)
		return jsontext.AppendString(b, s), r.Err()
	case Bytes:
		b = append(b, '"')
		b = base64.StdEncoding.AppendEncode(b, r.Data())
		return append(b, '"'), nil
	case Message:
		return Append(b, r.Data(), f.Msg)
	}
	return appendScalar(b, f, r.Value()), nil
}

// appendScalar appends a varint value of field f.
func appendScalar(b []byte, f *Field, v uint64) []byte {
	switch f.Kind {
	case Uint32:
		return strconv.AppendUint(b, uint64(uint32(v)), 10)
	case Uint64:
		b = append(b, '"')
		b = strconv.AppendUint(b, v, 10)
		return append(b, '"')
	case Bool:
		return strconv.AppendBool(b, v != 0)
	case Enum:
		if n := int32(v); n >= 0 && int(n) < len(f.Enum) && f.Enum[n] != "" {
			return jsontext.AppendString(b, f.Enum[n])
		}
		return strconv.AppendInt(b, int64(int32(v)), 10)
	}
	return b
}
