package records

import (
	"encoding"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/wire"
)

// Payload is what every payload type of the record set implements, on its
// pointer type: the envelope's Payload (to write it) and Decodable (to read
// it), and the encoding interfaces. UnmarshalBinary copies strings and bytes
// out of its input; UnmarshalPayload lets the caller choose (wire.ZeroCopy
// aliases the input).
type Payload interface {
	envelope.Payload
	envelope.CheckedSizer
	envelope.Decodable
	encoding.BinaryMarshaler
	encoding.BinaryAppender
	encoding.BinaryUnmarshaler
}

// The payload types are listed, each with its kind, in recordSet
// (recordset.go), whose constructors the compiler checks against Payload.

// Decode decodes a record's payload into a new value of the record's kind,
// copying strings and bytes out of the record (raw.Decode). A kind outside
// the record set is envelope.ErrUnknownKind; a codec the kind is not written
// in is envelope.ErrUnsupportedCodec.
func Decode(raw *envelope.Raw) (Payload, error) {
	p, err := New(raw.Header.Kind)
	if err != nil {
		return nil, err
	}
	if err := raw.Decode(p); err != nil {
		return nil, err
	}
	return p, nil
}

// grow returns b with room for n more bytes, growing it at most once.
func grow(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b
	}
	nb := make([]byte, len(b), len(b)+n)
	copy(nb, b)
	return nb
}

// PurgeJournal and ScheduleTimer are written as their own kinds; every other
// method is their embedded payload's.

// Kind returns KindPurgeJournal.
func (x *PurgeJournal) Kind() envelope.Kind { return KindPurgeJournal }

// Kind returns KindScheduleTimer.
func (x *ScheduleTimer) Kind() envelope.Kind { return KindScheduleTimer }

// The checked methods are spelled out for PurgeJournal and ScheduleTimer, so
// that a nil one is an error (a promoted method would dereference it).

// Validate reports what a reader would reject.
func (x *PurgeJournal) Validate() error {
	if x == nil {
		return validate((*PurgeInvocationRequest)(nil))
	}
	return x.PurgeInvocationRequest.Validate()
}

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *PurgeJournal) AppendBinary(b []byte) ([]byte, error) {
	if x == nil {
		return (*PurgeInvocationRequest)(nil).AppendBinary(b)
	}
	return x.PurgeInvocationRequest.AppendBinary(b)
}

// SizeChecked returns Size, or 0 and the error Validate returns.
func (x *PurgeJournal) SizeChecked() (int, error) {
	if x == nil {
		return (*PurgeInvocationRequest)(nil).SizeChecked()
	}
	return x.PurgeInvocationRequest.SizeChecked()
}

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *PurgeJournal) MarshalBinary() ([]byte, error) { return x.AppendBinary(nil) }

// Validate reports what a reader would reject.
func (x *ScheduleTimer) Validate() error {
	if x == nil {
		return validate((*TimerKeyValue)(nil))
	}
	return x.TimerKeyValue.Validate()
}

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *ScheduleTimer) AppendBinary(b []byte) ([]byte, error) {
	if x == nil {
		return (*TimerKeyValue)(nil).AppendBinary(b)
	}
	return x.TimerKeyValue.AppendBinary(b)
}

// SizeChecked returns Size, or 0 and the error Validate returns.
func (x *ScheduleTimer) SizeChecked() (int, error) {
	if x == nil {
		return (*TimerKeyValue)(nil).SizeChecked()
	}
	return x.TimerKeyValue.SizeChecked()
}

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *ScheduleTimer) MarshalBinary() ([]byte, error) { return x.AppendBinary(nil) }

// VQSchedulerDecisions (kind 21) is written with envelope.CodecBytes: the
// payload is Data itself, possibly empty.

// Kind returns KindVQSchedulerDecisions.
func (x *VQSchedulerDecisions) Kind() envelope.Kind { return KindVQSchedulerDecisions }

// Codec returns envelope.CodecBytes.
func (x *VQSchedulerDecisions) Codec() envelope.Codec { return envelope.CodecBytes }

// Keys returns none.
func (x *VQSchedulerDecisions) Keys() envelope.Keys { return envelope.NoKeys() }

// Validate returns nil: any bytes are a valid payload (a nil x is a missing
// payload).
func (x *VQSchedulerDecisions) Validate() error {
	if x == nil {
		return envelope.MissingField("payload")
	}
	return nil
}

// Size returns len(x.Data).
func (x *VQSchedulerDecisions) Size() int { return len(x.Data) }

// SizeChecked returns len(x.Data), or 0 and the error Validate returns.
func (x *VQSchedulerDecisions) SizeChecked() (int, error) {
	if err := x.Validate(); err != nil {
		return 0, err
	}
	return x.Size(), nil
}

// AppendTo appends x.Data.
func (x *VQSchedulerDecisions) AppendTo(b []byte) []byte { return append(b, x.Data...) }

// AppendBinary appends x.Data to b (a nil x is a missing payload).
func (x *VQSchedulerDecisions) AppendBinary(b []byte) ([]byte, error) {
	if x == nil {
		return b, envelope.MissingField("payload")
	}
	return append(grow(b, len(x.Data)), x.Data...), nil
}

// MarshalBinary returns a copy of x.Data (a nil x is a missing payload).
func (x *VQSchedulerDecisions) MarshalBinary() ([]byte, error) {
	if x == nil {
		return nil, envelope.MissingField("payload")
	}
	return append(make([]byte, 0, len(x.Data)), x.Data...), nil
}

// UnmarshalPayload sets x.Data to b (nil if empty): b itself in
// wire.ZeroCopy mode (capped, so that appending to Data never writes into
// the record), a copy in wire.Copy mode.
func (x *VQSchedulerDecisions) UnmarshalPayload(b []byte, mode wire.Mode) error {
	switch {
	case len(b) == 0:
		x.Data = nil
	case mode == wire.Copy:
		x.Data = append([]byte(nil), b...)
	default:
		x.Data = b[:len(b):len(b)]
	}
	return nil
}

// UnmarshalBinary sets x.Data to a copy of b (nil if empty).
func (x *VQSchedulerDecisions) UnmarshalBinary(b []byte) error {
	return x.UnmarshalPayload(b, wire.Copy)
}
