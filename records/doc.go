// Package records is the WAL record set of walwire (the kinds table of FORMAT.md §5): the 22 record
// kinds, the Go types of their payloads, and a hand-written protobuf codec for
// each, compatible byte for byte with the .proto files under proto/walwire/v2.
//
// Every payload type implements [Payload] on its pointer type, so a value can
// be written in an envelope record (envelope.Record), decoded from one
// (envelope.Raw.Decode and DecodeZeroCopy, or [Decode] for any kind), or
// marshalled on its own (MarshalBinary, AppendBinary, UnmarshalBinary).
//
// # Writing
//
// Validate reports everything a reader would reject, and the writers
// (AppendBinary, MarshalBinary, envelope.Record.Marshal) refuse such a value,
// writing nothing: a missing required field (envelope.ErrMissingField), an
// undeclared enum value, an oneof kind not allowed here or an inverted range
// (envelope.ErrInvalidValue), invalid UTF-8 in a string (wire.ErrUTF8).
// Errors are *wire.Error values whose path names the field, as in
// "invocation_target.type". Size is exact, so a record is written into one
// buffer that never grows. Proto3 rules apply: zero scalars are left out,
// optional scalars are written whenever set, a set oneof member is written
// even when empty, required messages are always written, and repeated
// scalars are packed.
//
// # Reading
//
// UnmarshalPayload(b, mode) replaces the value with the payload b. Decoding
// follows protobuf: unknown fields are skipped, a field with an unexpected
// wire type is ignored, a scalar seen twice takes its last value, a message
// seen twice is merged, repeated scalars are accepted packed or not, and a
// oneof member replaces another. Then the same checks as Validate run (UTF-8
// is checked while reading). A required message whose empty value is itself
// invalid (an InvocationId, InvocationTarget, InvocationSource,
// InvocationQuery, JournalCompletionTarget, Signal or ServiceInvocation) is
// reported missing whether it is absent or present but empty.
//
// In wire.ZeroCopy mode strings and byte slices alias b, which must then stay
// unchanged (and out of any pool) while the value is in use. In wire.Copy
// mode the payload is copied once, into a new slice of its size that no one
// else holds, and the value's strings and byte slices alias that copy: one
// allocation per decode, however many fields. The copy stays alive as long
// as any of them does, so a small string kept from a large payload keeps
// the whole payload's bytes; clone what you keep from large payloads (with
// strings.Clone or bytes.Clone). A malformed payload is rejected before
// anything is copied. One exception to the single copy: a
// ServiceInvocation.Argument, UpsertSchema.Schema or UpsertRuleBook.RuleBook
// of 128 bytes or more is copied on its own, into the memory the value already
// holds for that field if it is large enough and the value's own (left there
// by an earlier copying decode, or set by you with capacity beyond its
// length), and the rest of the payload into the new slice. So decoding large
// records one after the other into one value allocates only for the small
// rest once warm, but the next copying decode into the value overwrites that
// field's bytes, as it overwrites the elements of the value's repeated
// fields: copy them (bytes.Clone) to keep them. Strings are never in memory
// a decode reuses. A field left aliasing a record by a zero-copy decode is
// never written to. Empty bytes decode as nil. UnmarshalPayload keeps the capacity of the
// value's slices (ServiceInvocation.Headers, CurrentConfig.ReplicaSet,
// ExternalStateMutation.State, Effect.WaitingFor, and those nested in
// ProxyThrough and TimerKeyValue), so decoding record after record into one
// value allocates nothing once warm in zero-copy mode. A consequence: after
// decoding into a reused value, or into a fresh one whose oneof member was
// replaced within the same payload (Effect suspended, then failed), an empty
// repeated field may be a non-nil slice of length 0, and an absent
// CurrentConfig or NextConfig may keep an empty ReplicaSet. Such a value
// encodes exactly as its nil-slice twin: compare values with empty slices
// taken as nil.
//
// # Memory
//
// A decode allocates at most a small constant times its input, which is how
// a caller bounds it: by the size of the payloads it accepts. Repeated
// fields grow by appending up to 16 elements, then once to the exact count
// of the elements left, and packed scalars once to their count, so nothing
// is sized from a count the input has not backed. The worst case is a run
// of empty repeated messages: an ExternalStateMutation of empty state
// entries (2 input bytes each, 48 bytes of StateEntry) costs 24 bytes per
// input byte; headers of ServiceInvocation 16; packed uint32s 4. Copy mode
// adds at most one byte per input byte (the payload's private copy, which
// strings and bytes alias, and a large field's own copy; see above);
// zero-copy adds nothing, and reuses the value's slices.
package records
