package records

import (
	"slices"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/utf8fast"
	"github.com/walwire/walwire/wire"
)

// The codecs of this package follow one pattern per message type T, written
// once and used for both decode modes (the mode lives in the wire.Reader):
//
//	size() int                         exact size of T's encoded body
//	appendTo(b []byte) []byte          T's body (the caller writes tag and length)
//	mergeFrom(r *wire.Reader) error    protobuf merge of one occurrence of T
//	validate(enc check) error          what a reader rejects; beforeEncode also checks UTF-8
//
// Every field number of the schema is below 16, so every tag is one byte.
//
// Required fields: a required message whose empty value is itself invalid
// (InvocationId, InvocationTarget, InvocationSource, InvocationQuery,
// JournalCompletionTarget, Signal, ServiceInvocation) is reported missing when
// it is empty, which is exactly when it is absent or present but empty: both
// are rejected, on encode and on decode alike, with a missing-field error. The
// required messages whose empty value is valid (GenerationalNodeId, KeyRange,
// ServiceId) are fields of payloads only; their presence is tracked while the
// payload is decoded. On encode a required message is always written, so what
// is written can be read back.

// varTag returns the one-byte tag of varint field num (num < 16).
func varTag(num wire.Number) byte { return wire.TagByte(num, wire.VarintType) }

// lenTag returns the one-byte tag of length-delimited field num (num < 16).
func lenTag(num wire.Number) byte { return wire.TagByte(num, wire.BytesType) }

// sizeLen returns the size of a field holding a length-delimited value of n
// bytes (one-byte tag, length prefix, value).
func sizeLen(n int) int { return 1 + wire.SizeBytes(n) }

// sizeVarint returns the size of a proto3 varint field (0 when v is 0).
func sizeVarint(v uint64) int {
	if v == 0 {
		return 0
	}
	return 1 + wire.SizeVarint(v)
}

// sizeEnum returns the size of a proto3 enum or int32 field.
func sizeEnum(v int32) int {
	if v == 0 {
		return 0
	}
	return 1 + wire.SizeInt32(v)
}

func sizeString(s string) int {
	if len(s) == 0 {
		return 0
	}
	return sizeLen(len(s))
}

func sizeBytes(v []byte) int {
	if len(v) == 0 {
		return 0
	}
	return sizeLen(len(v))
}

// sizeOptString returns the size of an optional string field: written when
// set, empty included.
func sizeOptString(o Optional[string]) int {
	if !o.Set {
		return 0
	}
	return sizeLen(len(o.Value))
}

// sizeOptVarint returns the size of an optional varint field: written when
// set, zero included.
func sizeOptVarint(set bool, v uint64) int {
	if !set {
		return 0
	}
	return 1 + wire.SizeVarint(v)
}

// sizePacked returns the size of a packed repeated uint32 field (0 when
// empty).
func sizePacked(vs []uint32) int {
	if len(vs) == 0 {
		return 0
	}
	return 1 + wire.SizePackedVarint(vs)
}

// appendLen appends a tag and the length n of the value that follows (a
// length below 128 in the same append as the tag).
func appendLen(b []byte, tag byte, n int) []byte {
	if n < 0x80 {
		return append(b, tag, byte(n))
	}
	return wire.AppendVarint(append(b, tag), uint64(n))
}

// beginLen and endLen write a length-delimited field whose length is not
// computed beforehand, as in
//
//	b = endLen(x.appendTo(beginLen(b, tag)), len(b))
//
// beginLen appends the tag and one byte for the length; the value is
// appended after it; endLen, given len(b) from before beginLen (b itself is
// only reassigned once the whole expression is evaluated), writes the
// value's length into that byte. So a nested message's size, which the size
// pass computed to size the buffer, is not computed a second time.
func beginLen(b []byte, tag byte) []byte { return append(b, tag, 0) }

// endLen: see beginLen. A value of 128 bytes or more needs a longer length
// prefix: the value moves up to make room (within b's capacity when the
// size pass sized b, since the bytes written are those it counted).
func endLen(b []byte, from int) []byte {
	at := from + 2
	n := len(b) - at
	if n < 0x80 {
		b[at-1] = byte(n)
		return b
	}
	k := wire.SizeVarint(uint64(n)) - 1
	b = append(b, make([]byte, k)...)
	copy(b[at+k:], b[at:at+n])
	wire.AppendVarint(b[:at-1], uint64(n))
	return b
}

func appendVarint(b []byte, tag byte, v uint64) []byte {
	if v == 0 {
		return b
	}
	return wire.AppendVarint(append(b, tag), v)
}

func appendEnum(b []byte, tag byte, v int32) []byte {
	if v == 0 {
		return b
	}
	return wire.AppendInt32(append(b, tag), v)
}

func appendString(b []byte, tag byte, s string) []byte {
	if len(s) == 0 {
		return b
	}
	return append(appendLen(b, tag, len(s)), s...)
}

func appendBytes(b []byte, tag byte, v []byte) []byte {
	if len(v) == 0 {
		return b
	}
	return append(appendLen(b, tag, len(v)), v...)
}

func appendOptString(b []byte, tag byte, o Optional[string]) []byte {
	if !o.Set {
		return b
	}
	return append(appendLen(b, tag, len(o.Value)), o.Value...)
}

func appendOptVarint(b []byte, tag byte, set bool, v uint64) []byte {
	if !set {
		return b
	}
	return wire.AppendVarint(append(b, tag), v)
}

func appendPacked(b []byte, tag byte, vs []uint32) []byte {
	if len(vs) == 0 {
		return b
	}
	return wire.AppendPackedVarint(append(b, tag), vs)
}

// readString reads a string field into *p. On invalid UTF-8 it names the
// field in the reader's (sticky) error, so that the path reads as in
// "invocation_target.handler".
func readString(r *wire.Reader, p *string, name string) bool {
	if r.String(p) {
		return true
	}
	if err := r.Err(); err != nil {
		wire.Within(err, name)
	}
	return false
}

// readOptString reads an optional string field.
func readOptString(r *wire.Reader, o *Optional[string], name string) {
	if readString(r, &o.Value, name) {
		o.Set = true
	}
}

// readEmpty reads a message of type Empty (the caller has checked the wire
// type), so that malformed contents are reported as protobuf would.
func readEmpty(r *wire.Reader) error {
	sub, ok := r.Message()
	if !ok {
		return r.Err()
	}
	for sub.Next() {
	}
	return sub.Err()
}

// badUTF8 returns an ErrUTF8 error for string field num named name, as the
// encoder reports it.
func badUTF8(num wire.Number, name string) error {
	return wire.Within(wire.NewError(wire.ErrUTF8, -1, num), name)
}

// checkUTF8 reports whether s, the value of string field num named name, is
// valid UTF-8.
// (The folded sizeChecked of the payloads written most spell it out as
// !utf8fast.ValidString(s) then badUTF8: checkUTF8 is too large to inline,
// and a call per string is measurable on a 520 B encode.)
func checkUTF8(s string, num wire.Number, name string) error {
	if utf8fast.ValidString(s) {
		return nil
	}
	return badUTF8(num, name)
}

// within adds name to a non-nil error's path (wire.Within, called only on the
// error path).
func within(err error, name string) error {
	if err == nil {
		return nil
	}
	return wire.Within(err, name)
}

// validateKeys reports an inverted range in a Keys field named name.
func validateKeys(k envelope.Keys, name string) error {
	if k.Kind() == envelope.KeysRange {
		if s, e := k.Range(); s > e {
			return wire.Within(k.Validate(), name)
		}
	}
	return nil
}

// mergeKeys reads a Keys field.
func mergeKeys(r *wire.Reader, k *envelope.Keys, name string) error {
	sub, ok := r.Message()
	if !ok {
		return nil
	}
	return within(k.MergeFrom(&sub), name)
}

// InvocationID: InvocationId { uint64 partition_key = 1; bytes uuid = 2; }

// UUIDLen is the length of InvocationID.UUID.
const UUIDLen = 16

func (x *InvocationID) isZero() bool { return x.PartitionKey == 0 && len(x.UUID) == 0 }

func (x *InvocationID) size() int { return sizeVarint(x.PartitionKey) + sizeBytes(x.UUID) }

func (x *InvocationID) appendTo(b []byte) []byte {
	b = appendVarint(b, varTag(1), x.PartitionKey)
	return appendBytes(b, lenTag(2), x.UUID)
}

func (x *InvocationID) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint64(&x.PartitionKey)
		case 2:
			r.Bytes(&x.UUID)
		}
	}
	return r.Err()
}

func (x *InvocationID) validate() error {
	switch len(x.UUID) {
	case UUIDLen:
		return nil
	case 0:
		return envelope.MissingField("uuid")
	}
	return envelope.InvalidValue("uuid")
}

// validateID checks a required InvocationId field named name.
func validateID(id *InvocationID, name string) error {
	if len(id.UUID) == UUIDLen {
		return nil
	}
	if id.isZero() {
		return envelope.MissingField(name)
	}
	return wire.Within(id.validate(), name)
}

// mergeID reads an InvocationId field named name.
func mergeID(r *wire.Reader, id *InvocationID, name string) error {
	sub, ok := r.Message()
	if !ok {
		return nil
	}
	return within(id.mergeFrom(&sub), name)
}

// sizeIDField returns the size of an InvocationId field, always written.
func sizeIDField(id *InvocationID) int { return sizeLen(id.size()) }

func appendIDField(b []byte, tag byte, id *InvocationID) []byte {
	return endLen(id.appendTo(beginLen(b, tag)), len(b))
}

// ServiceID: ServiceId { string service_name = 1; string key = 2; uint64 partition_key = 3; }

func (x *ServiceID) size() int {
	return sizeString(x.ServiceName) + sizeString(x.Key) + sizeVarint(x.PartitionKey)
}

func (x *ServiceID) appendTo(b []byte) []byte {
	b = appendString(b, lenTag(1), x.ServiceName)
	b = appendString(b, lenTag(2), x.Key)
	return appendVarint(b, varTag(3), x.PartitionKey)
}

func (x *ServiceID) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			readString(r, &x.ServiceName, "service_name")
		case 2:
			readString(r, &x.Key, "key")
		case 3:
			r.Uint64(&x.PartitionKey)
		}
	}
	return r.Err()
}

func (x *ServiceID) validate(enc check) error {
	if enc == afterDecode {
		return nil
	}
	if err := checkUTF8(x.ServiceName, 1, "service_name"); err != nil {
		return err
	}
	return checkUTF8(x.Key, 2, "key")
}

// InvocationTarget: { string service_name = 1; optional string key = 2; string handler = 3; TargetType type = 4 (req); }

func (x *InvocationTarget) size() int {
	return sizeString(x.ServiceName) + sizeOptString(x.Key) + sizeString(x.Handler) + sizeEnum(int32(x.Type))
}

func (x *InvocationTarget) appendTo(b []byte) []byte {
	b = appendString(b, lenTag(1), x.ServiceName)
	b = appendOptString(b, lenTag(2), x.Key)
	b = appendString(b, lenTag(3), x.Handler)
	return appendEnum(b, varTag(4), int32(x.Type))
}

func (x *InvocationTarget) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			readString(r, &x.ServiceName, "service_name")
		case 2:
			readOptString(r, &x.Key, "key")
		case 3:
			readString(r, &x.Handler, "handler")
		case 4:
			r.Int32((*int32)(&x.Type))
		}
	}
	return r.Err()
}

func (x *InvocationTarget) validate(enc check) error {
	if enc == beforeEncode {
		_, err := x.sizeChecked()
		return err
	}
	return x.checkType()
}

func (x *InvocationTarget) checkType() error {
	switch {
	case x.Type == TargetTypeUnspecified:
		return envelope.MissingField("type")
	case x.Type < 0 || x.Type > TargetTypeWorkflow:
		return envelope.InvalidValue("type")
	}
	return nil
}

// sizeChecked returns size(), or the error validate(beforeEncode) returns.
func (x *InvocationTarget) sizeChecked() (int, error) {
	if err := x.checkType(); err != nil {
		return 0, err
	}
	if !utf8fast.ValidString(x.ServiceName) {
		return 0, badUTF8(1, "service_name")
	}
	if !utf8fast.ValidString(x.Key.Value) {
		return 0, badUTF8(2, "key")
	}
	if !utf8fast.ValidString(x.Handler) {
		return 0, badUTF8(3, "handler")
	}
	return x.size(), nil
}

// ResponseSink: oneof { PartitionProcessor partition_processor = 1 { InvocationId caller = 1 (req); uint32 entry_index = 2; }; Ingress ingress = 2 { string request_id = 1; } }

// size returns the size of the ResponseSink message.
func (x *ResponseSink) size() int {
	switch x.Kind {
	case ResponseSinkPartitionProcessor:
		return sizeLen(x.ppSize())
	case ResponseSinkIngress:
		return sizeLen(sizeString(x.RequestID))
	}
	return 0
}

func (x *ResponseSink) ppSize() int {
	return sizeIDField(&x.Caller) + sizeVarint(uint64(x.EntryIndex))
}

func (x *ResponseSink) appendTo(b []byte) []byte {
	switch x.Kind {
	case ResponseSinkPartitionProcessor:
		b = appendLen(b, lenTag(1), x.ppSize())
		b = appendIDField(b, lenTag(1), &x.Caller)
		return appendVarint(b, varTag(2), uint64(x.EntryIndex))
	case ResponseSinkIngress:
		b = appendLen(b, lenTag(2), sizeString(x.RequestID))
		return appendString(b, lenTag(1), x.RequestID)
	}
	return b
}

// sizeField returns the size of a ResponseSink field: written when a member
// is set (even an empty one), left out otherwise.
func (x *ResponseSink) sizeField() int {
	if x.Kind == ResponseSinkNone {
		return 0
	}
	return sizeLen(x.size())
}

func (x *ResponseSink) appendField(b []byte, tag byte) []byte {
	if x.Kind == ResponseSinkNone {
		return b
	}
	return endLen(x.appendTo(beginLen(b, tag)), len(b))
}

func (x *ResponseSink) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		kind, ok := wire.Member(r, ResponseSinkPartitionProcessor, ResponseSinkIngress)
		if !ok {
			continue
		}
		if x.Kind != kind {
			*x = ResponseSink{Kind: kind}
		}
		sub, ok := r.Message()
		if !ok {
			continue
		}
		if kind == ResponseSinkIngress {
			for sub.Next() {
				if sub.Number() == 1 {
					readString(&sub, &x.RequestID, "request_id")
				}
			}
			if err := sub.Err(); err != nil {
				return wire.Within(err, "ingress")
			}
			continue
		}
		for sub.Next() {
			switch sub.Number() {
			case 1:
				if err := mergeID(&sub, &x.Caller, "caller"); err != nil {
					return wire.Within(err, "partition_processor")
				}
			case 2:
				sub.Uint32(&x.EntryIndex)
			}
		}
		if err := sub.Err(); err != nil {
			return wire.Within(err, "partition_processor")
		}
	}
	return r.Err()
}

func (x *ResponseSink) validate(enc check) error {
	switch x.Kind {
	case ResponseSinkNone:
		return nil
	case ResponseSinkPartitionProcessor:
		return within(validateID(&x.Caller, "caller"), "partition_processor")
	case ResponseSinkIngress:
		if enc == beforeEncode {
			return within(checkUTF8(x.RequestID, 1, "request_id"), "ingress")
		}
		return nil
	}
	return envelope.InvalidValue("member")
}

// validateSink checks a ResponseSink field named name.
func validateSink(s *ResponseSink, enc check, name string) error {
	if s.Kind == ResponseSinkNone || (s.Kind == ResponseSinkIngress && enc == afterDecode) {
		return nil
	}
	return within(s.validate(enc), name)
}

// mergeSink reads a ResponseSink field named name.
func mergeSink(r *wire.Reader, s *ResponseSink, name string) error {
	sub, ok := r.Message()
	if !ok {
		return nil
	}
	return within(s.mergeFrom(&sub), name)
}

// InvocationSource: oneof { Ingress ingress = 1 { string request_id = 1; }; Service service = 2 { InvocationId caller = 1 (req); }; Empty internal = 3; }

// size returns the size of the InvocationSource message.
func (x *InvocationSource) size() int {
	switch x.Kind {
	case InvocationSourceIngress:
		return sizeLen(sizeString(x.RequestID))
	case InvocationSourceService:
		return sizeLen(sizeIDField(&x.Caller))
	case InvocationSourceInternal:
		return 2
	}
	return 0
}

func (x *InvocationSource) appendTo(b []byte) []byte {
	switch x.Kind {
	case InvocationSourceIngress:
		b = appendLen(b, lenTag(1), sizeString(x.RequestID))
		return appendString(b, lenTag(1), x.RequestID)
	case InvocationSourceService:
		b = appendLen(b, lenTag(2), sizeIDField(&x.Caller))
		return appendIDField(b, lenTag(1), &x.Caller)
	case InvocationSourceInternal:
		return append(b, lenTag(3), 0)
	}
	return b
}

func (x *InvocationSource) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		kind, ok := wire.Member(r, InvocationSourceIngress, InvocationSourceInternal)
		if !ok {
			continue
		}
		if x.Kind != kind {
			*x = InvocationSource{Kind: kind}
		}
		var err error
		switch kind {
		case InvocationSourceIngress:
			if sub, ok := r.Message(); ok {
				for sub.Next() {
					if sub.Number() == 1 {
						readString(&sub, &x.RequestID, "request_id")
					}
				}
				err = within(sub.Err(), "ingress")
			}
		case InvocationSourceService:
			if sub, ok := r.Message(); ok {
				for sub.Next() {
					if sub.Number() == 1 {
						if err = mergeID(&sub, &x.Caller, "caller"); err != nil {
							break
						}
					}
				}
				if err == nil {
					err = sub.Err()
				}
				err = within(err, "service")
			}
		case InvocationSourceInternal:
			err = within(readEmpty(r), "internal")
		}
		if err != nil {
			return err
		}
	}
	return r.Err()
}

// validate checks a required InvocationSource: a member must be set.
func (x *InvocationSource) validate(enc check) error {
	switch x.Kind {
	case InvocationSourceNone:
		return envelope.MissingField("member")
	case InvocationSourceIngress:
		if enc == beforeEncode {
			return within(checkUTF8(x.RequestID, 1, "request_id"), "ingress")
		}
		return nil
	case InvocationSourceService:
		return within(validateID(&x.Caller, "caller"), "service")
	case InvocationSourceInternal:
		return nil
	}
	return envelope.InvalidValue("member")
}

// HeaderEntry: { string name = 1; string value = 2; }

func (x *HeaderEntry) size() int { return sizeString(x.Name) + sizeString(x.Value) }

func (x *HeaderEntry) appendTo(b []byte) []byte {
	b = appendString(b, lenTag(1), x.Name)
	return appendString(b, lenTag(2), x.Value)
}

func (x *HeaderEntry) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			readString(r, &x.Name, "name")
		case 2:
			readString(r, &x.Value, "value")
		}
	}
	return r.Err()
}

// sizeChecked returns size(), or the error of the only check on encode: the
// UTF-8 of both strings.
func (x *HeaderEntry) sizeChecked() (int, error) {
	if !utf8fast.ValidString(x.Name) {
		return 0, badUTF8(1, "name")
	}
	if !utf8fast.ValidString(x.Value) {
		return 0, badUTF8(2, "value")
	}
	return x.size(), nil
}

// KeyRange: { uint64 start = 1; uint64 end = 2; } (inclusive; start > end is invalid)

func (x *KeyRange) size() int { return sizeVarint(x.Start) + sizeVarint(x.End) }

func (x *KeyRange) appendTo(b []byte) []byte {
	b = appendVarint(b, varTag(1), x.Start)
	return appendVarint(b, varTag(2), x.End)
}

func (x *KeyRange) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint64(&x.Start)
		case 2:
			r.Uint64(&x.End)
		}
	}
	return r.Err()
}

// validateRange checks a KeyRange field named name.
func validateRange(x *KeyRange, name string) error {
	if x.Start > x.End {
		return envelope.InvalidValue(name)
	}
	return nil
}

// Failure: { uint32 code = 1; string message = 2; }

func (x *Failure) size() int { return sizeVarint(uint64(x.Code)) + sizeString(x.Message) }

func (x *Failure) appendTo(b []byte) []byte {
	b = appendVarint(b, varTag(1), uint64(x.Code))
	return appendString(b, lenTag(2), x.Message)
}

func (x *Failure) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint32(&x.Code)
		case 2:
			readString(r, &x.Message, "message")
		}
	}
	return r.Err()
}

// mergeFailure reads a Failure field named name.
func mergeFailure(r *wire.Reader, f *Failure, name string) error {
	sub, ok := r.Message()
	if !ok {
		return nil
	}
	return within(f.mergeFrom(&sub), name)
}

// validateFailure checks a Failure field named name (UTF-8, on encode).
func validateFailure(f *Failure, enc check, name string) error {
	if enc == afterDecode {
		return nil
	}
	return within(checkUTF8(f.Message, 2, "message"), name)
}

// GenerationalNodeID: GenerationalNodeId { uint32 id = 1; uint32 generation = 2; }

func (x *GenerationalNodeID) size() int {
	return sizeVarint(uint64(x.ID)) + sizeVarint(uint64(x.Generation))
}

func (x *GenerationalNodeID) appendTo(b []byte) []byte {
	b = appendVarint(b, varTag(1), uint64(x.ID))
	return appendVarint(b, varTag(2), uint64(x.Generation))
}

func (x *GenerationalNodeID) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint32(&x.ID)
		case 2:
			r.Uint32(&x.Generation)
		}
	}
	return r.Err()
}

// CurrentConfig: { uint32 version = 1; repeated uint32 replica_set = 2 [packed]; uint64 modified_at_ms = 3; string replication = 4; }

func (x *CurrentConfig) size() int {
	return sizeVarint(uint64(x.Version)) + sizePacked(x.ReplicaSet) + sizeVarint(x.ModifiedAtMs) + sizeString(x.Replication)
}

func (x *CurrentConfig) appendTo(b []byte) []byte {
	b = appendVarint(b, varTag(1), uint64(x.Version))
	b = appendPacked(b, lenTag(2), x.ReplicaSet)
	b = appendVarint(b, varTag(3), x.ModifiedAtMs)
	return appendString(b, lenTag(4), x.Replication)
}

func (x *CurrentConfig) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint32(&x.Version)
		case 2:
			wire.UnpackVarints(r, &x.ReplicaSet)
		case 3:
			r.Uint64(&x.ModifiedAtMs)
		case 4:
			readString(r, &x.Replication, "replication")
		}
	}
	return r.Err()
}

// NextConfig: { uint32 version = 1; repeated uint32 replica_set = 2 [packed]; }

func (x *NextConfig) size() int { return sizeVarint(uint64(x.Version)) + sizePacked(x.ReplicaSet) }

func (x *NextConfig) appendTo(b []byte) []byte {
	b = appendVarint(b, varTag(1), uint64(x.Version))
	return appendPacked(b, lenTag(2), x.ReplicaSet)
}

func (x *NextConfig) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint32(&x.Version)
		case 2:
			wire.UnpackVarints(r, &x.ReplicaSet)
		}
	}
	return r.Err()
}

// StateEntry: { bytes key = 1; bytes value = 2; }

func (x *StateEntry) size() int { return sizeBytes(x.Key) + sizeBytes(x.Value) }

func (x *StateEntry) appendTo(b []byte) []byte {
	b = appendBytes(b, lenTag(1), x.Key)
	return appendBytes(b, lenTag(2), x.Value)
}

func (x *StateEntry) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Bytes(&x.Key)
		case 2:
			r.Bytes(&x.Value)
		}
	}
	return r.Err()
}

// IdempotencyQuery: InvocationQuery.Idempotency { string service_name = 1; optional string service_key = 2; string handler = 3; string idempotency_key = 4; uint64 partition_key = 5; }

func (x *IdempotencyQuery) size() int {
	return sizeString(x.ServiceName) + sizeOptString(x.ServiceKey) + sizeString(x.Handler) +
		sizeString(x.IdempotencyKey) + sizeVarint(x.PartitionKey)
}

func (x *IdempotencyQuery) appendTo(b []byte) []byte {
	b = appendString(b, lenTag(1), x.ServiceName)
	b = appendOptString(b, lenTag(2), x.ServiceKey)
	b = appendString(b, lenTag(3), x.Handler)
	b = appendString(b, lenTag(4), x.IdempotencyKey)
	return appendVarint(b, varTag(5), x.PartitionKey)
}

func (x *IdempotencyQuery) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			readString(r, &x.ServiceName, "service_name")
		case 2:
			readOptString(r, &x.ServiceKey, "service_key")
		case 3:
			readString(r, &x.Handler, "handler")
		case 4:
			readString(r, &x.IdempotencyKey, "idempotency_key")
		case 5:
			r.Uint64(&x.PartitionKey)
		}
	}
	return r.Err()
}

func (x *IdempotencyQuery) validate() error {
	if err := checkUTF8(x.ServiceName, 1, "service_name"); err != nil {
		return err
	}
	if err := checkUTF8(x.ServiceKey.Value, 2, "service_key"); err != nil {
		return err
	}
	if err := checkUTF8(x.Handler, 3, "handler"); err != nil {
		return err
	}
	return checkUTF8(x.IdempotencyKey, 4, "idempotency_key")
}

// InvocationQuery: oneof { InvocationId invocation_id = 1; ServiceId workflow = 2; Idempotency idempotency = 3; }

// size returns the size of the InvocationQuery message.
func (x *InvocationQuery) size() int {
	switch x.Kind {
	case InvocationQueryInvocationID:
		return sizeIDField(&x.InvocationID)
	case InvocationQueryWorkflow:
		return sizeLen(x.Workflow.size())
	case InvocationQueryIdempotency:
		return sizeLen(x.Idempotency.size())
	}
	return 0
}

func (x *InvocationQuery) appendTo(b []byte) []byte {
	switch x.Kind {
	case InvocationQueryInvocationID:
		return appendIDField(b, lenTag(1), &x.InvocationID)
	case InvocationQueryWorkflow:
		return endLen(x.Workflow.appendTo(beginLen(b, lenTag(2))), len(b))
	case InvocationQueryIdempotency:
		return endLen(x.Idempotency.appendTo(beginLen(b, lenTag(3))), len(b))
	}
	return b
}

var queryNames = [...]string{"", "invocation_id", "workflow", "idempotency"}

func (x *InvocationQuery) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		kind, ok := wire.Member(r, InvocationQueryInvocationID, InvocationQueryIdempotency)
		if !ok {
			continue
		}
		if x.Kind != kind {
			*x = InvocationQuery{Kind: kind}
		}
		sub, ok := r.Message()
		if !ok {
			continue
		}
		var err error
		switch kind {
		case InvocationQueryInvocationID:
			err = x.InvocationID.mergeFrom(&sub)
		case InvocationQueryWorkflow:
			err = x.Workflow.mergeFrom(&sub)
		case InvocationQueryIdempotency:
			err = x.Idempotency.mergeFrom(&sub)
		}
		if err != nil {
			return wire.Within(err, queryNames[kind])
		}
	}
	return r.Err()
}

// validate checks a required InvocationQuery: a member must be set.
func (x *InvocationQuery) validate(enc check) error {
	switch x.Kind {
	case InvocationQueryNone:
		return envelope.MissingField("member")
	case InvocationQueryInvocationID:
		return within(x.InvocationID.validate(), "invocation_id")
	case InvocationQueryWorkflow:
		return within(x.Workflow.validate(enc), "workflow")
	case InvocationQueryIdempotency:
		if enc == beforeEncode {
			return within(x.Idempotency.validate(), "idempotency")
		}
		return nil
	}
	return envelope.InvalidValue("member")
}

// partitionKey returns the partition key of the query's member.
func (x *InvocationQuery) partitionKey() (uint64, bool) {
	switch x.Kind {
	case InvocationQueryInvocationID:
		return x.InvocationID.PartitionKey, true
	case InvocationQueryWorkflow:
		return x.Workflow.PartitionKey, true
	case InvocationQueryIdempotency:
		return x.Idempotency.PartitionKey, true
	}
	return 0, false
}

// JournalCompletionTarget: { InvocationId invocation_id = 1 (req); uint32 entry_index = 2; }

func (x *JournalCompletionTarget) isZero() bool { return x.InvocationID.isZero() && x.EntryIndex == 0 }

func (x *JournalCompletionTarget) size() int {
	return sizeIDField(&x.InvocationID) + sizeVarint(uint64(x.EntryIndex))
}

func (x *JournalCompletionTarget) appendTo(b []byte) []byte {
	b = appendIDField(b, lenTag(1), &x.InvocationID)
	return appendVarint(b, varTag(2), uint64(x.EntryIndex))
}

func (x *JournalCompletionTarget) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			if err := mergeID(r, &x.InvocationID, "invocation_id"); err != nil {
				return err
			}
		case 2:
			r.Uint32(&x.EntryIndex)
		}
	}
	return r.Err()
}

// validateTarget checks a required JournalCompletionTarget field named name.
func validateTarget(x *JournalCompletionTarget, name string) error {
	if x.isZero() {
		return envelope.MissingField(name)
	}
	return within(validateID(&x.InvocationID, "invocation_id"), name)
}

// Signal: { oneof id (req) { uint32 index = 1; string name = 2; } oneof result (req) { Empty void = 3; bytes success = 4; Failure failure = 5; } }

func (x *Signal) isZero() bool {
	return x.ID == SignalIDNone && x.Index == 0 && x.Name == "" && x.Result == ResultNone &&
		len(x.Success) == 0 && x.Failure == (Failure{})
}

func (x *Signal) size() int {
	n := 0
	switch x.ID {
	case SignalIDIndex:
		n = 1 + wire.SizeVarint(uint64(x.Index))
	case SignalIDName:
		n = sizeLen(len(x.Name))
	}
	return n + signalResult.size(x.Result, x.Success, &x.Failure)
}

func (x *Signal) appendTo(b []byte) []byte {
	switch x.ID {
	case SignalIDIndex:
		b = wire.AppendVarint(append(b, varTag(1)), uint64(x.Index))
	case SignalIDName:
		b = wire.AppendString(append(b, lenTag(2)), x.Name)
	}
	return signalResult.appendTo(b, x.Result, x.Success, &x.Failure)
}

func (x *Signal) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			if r.Type() == wire.VarintType {
				x.ID, x.Name = SignalIDIndex, ""
				r.Uint32(&x.Index)
			}
		case 2:
			var s string
			if readString(r, &s, "name") {
				x.ID, x.Index, x.Name = SignalIDName, 0, s
			}
		default:
			if err := signalResult.merge(r, &x.Result, &x.Success, &x.Failure); err != nil {
				return err
			}
		}
	}
	return r.Err()
}

func (x *Signal) validate(enc check) error {
	switch x.ID {
	case SignalIDNone:
		return envelope.MissingField("id")
	case SignalIDIndex:
	case SignalIDName:
		if enc == beforeEncode {
			if err := checkUTF8(x.Name, 2, "name"); err != nil {
				return err
			}
		}
	default:
		return envelope.InvalidValue("id")
	}
	return signalResult.validate(x.Result, &x.Failure, enc)
}

// growAfter is how long a repeated message field gets, grown by appending,
// before its decoder counts the elements left and grows it once, exactly:
// so that a long run of small elements costs their final size, not the
// sum of every doubling (10^5 empty StateEntry, 2 input bytes each: 139
// bytes allocated per input byte by doubling, 24 once counted).
const growAfter = 16

// appendElem returns s with one more, zero element for field num of the
// message r reads (its current field being one).
func appendElem[T any](s []T, r *wire.Reader, num wire.Number) []T {
	if len(s) == cap(s) && len(s) >= growAfter {
		s = slices.Grow(s, 1+r.CountRest(num, wire.BytesType))
	}
	var zero T
	return append(s, zero)
}
