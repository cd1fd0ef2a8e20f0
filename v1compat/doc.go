// Package v1compat reads and writes the legacy v1 record format and bridges
// it to v2 records (package envelope, payloads of package records), so that
// records written by the previous release keep replaying, and so that a node
// can keep writing v1 while older nodes still run.
//
// # The v1 format
//
// A v1 record is the codec byte 0x05 followed by one JSON object, as the
// previous release wrote it with encoding/json (possibly followed by
// whitespace, such as json.Encoder's newline):
//
//	{"header": {"source": SOURCE, "dest": DEST}, "command": {"<Variant>": PAYLOAD}}
//
// Record, Header, Source, Dest, Dedup, Producer, Sequence and Command are its
// Go types. A command's payload is the v2 payload type of package records,
// rendered in JSON by the rules of FORMAT.md §8: snake_case
// field names matched exactly (case-sensitive), unknown fields ignored,
// bytes as standard padded base64, 64-bit integers as exact JSON numbers,
// oneof-only messages (Source, ResponseSink, InvocationSource,
// InvocationQuery, Keys) as tagged objects {"Variant": VALUE}, oneofs inside
// other messages under the oneof's name, plain enums as PascalCase value
// names. TruncateOutbox is a bare number and ProxyThrough the bare
// ServiceInvocation (see Command).
//
// Decode reads a record; Record.AppendBinary and Record.MarshalBinary write
// one exactly as the previous release did (compact, encoding/json's string
// escaping, every non-optional field written, zero values included, absent
// optional fields left out).
//
// # Reading rules
//
// The decoder is hand-written: it reads the JSON text straight into the Go
// values, never panics, allocates O(len(input)) at most, and limits nesting
// to 100 levels (wire.ErrDepth). It follows encoding/json where v1 relied on
// it — any JSON escape in strings, surrogate pairs, invalid UTF-8 and lone
// surrogates replaced by U+FFFD, base64 as encoding/json decodes it, a key
// given twice read twice so that the last wins (a later object replaces an
// earlier one as a whole rather than being merged into it; in a tagged
// object, the same variant given twice counts as one key) — and is stricter
// where v1 records are not ambiguous: only plain integer literals are
// numbers (1e3, 1.0 and -0 in an unsigned field are ErrWrongType), never
// rounded through float64; a tagged object has exactly one key, a known
// variant; field names never match case-insensitively.
//
// null reads as the zero value for a non-optional scalar, bytes or repeated
// field, as absent for an optional one, and as {} for a oneof member; null
// for a required message, or for a whole command payload, is a missing
// field.
//
// # Errors
//
// Every error tells its class with errors.Is, and, as a *wire.Error (the
// module's one error type), the JSON path (such as
// "command.Invoke.invocation_target.type" or "command.Invoke.headers[1]"),
// the byte offset in the record and a detail:
//
//	ErrMalformedJSON          truncated text, a bad literal, a bad escape
//	ErrTrailingData           anything but whitespace after the object
//	wire.ErrDepth             JSON nested more than 100 levels
//	ErrUnknownVariant         a command, source, dest, producer, sequence,
//	                          oneof member or enum value not known (named)
//	ErrWrongType              a string for a number, an object for a bare
//	                          number, 1.5, 1e3, -0, a tagged object with zero
//	                          or two keys
//	ErrOutOfRange             beyond the field's width, negative unsigned
//	ErrInvalidBase64          a bytes field that is not base64
//	ErrInvalidDedup           (Partition, Esn) or (Producer, Esn)
//	envelope.ErrMissingField  a required field absent (or null)
//	envelope.ErrInvalidValue  a uuid not of 16 bytes, a version not SemVer,
//	                          a range whose start is above its end
//	envelope.ErrUnknownCodec  a codec byte other than 0x05 and 0x07 (at
//	                          offset 0, the detail naming it, as
//	                          envelope.Parse says); Decode reads only 0x05
//	                          and reports 0x07 too
//
// Malformed JSON anywhere in a record is reported before any other problem,
// as encoding/json reports it. Errors never half-convert: Upgrade returns dst
// unchanged.
//
// A bad record costs one allocation, the error, whatever is wrong and
// wherever: every entry point first makes a dry run of the whole record
// (into pooled scratch values, building nothing), and decodes only a record
// that passed. So arrays are sized from counts of elements already checked
// (16 elements then a million commas allocate nothing but the error), at the
// price of reading a valid record twice.
//
// # Bridges
//
// ToV2 converts a v1 record to the v2 record it replays as, FromV2 a v2
// record to the v1 record that writes it, Upgrade rewrites v1 bytes as v2
// bytes, and ReadRecord reads a record of either version as a v2
// envelope.Raw.
//
// A round trip v1 → v2 → v1 cannot keep, by design of v2:
//
//   - the Processor source's partition_id and partition_key (v2 keeps only
//     the leader epoch);
//   - an Other(p) producer used with an Esn sequence: v2 calls it a
//     self_proposal and keeps no name, so it comes back as Other("SELF");
//   - a dest.partition_key that differs from the payload's own first key:
//     v2 derives it from the payload's keys (for TruncateOutbox and
//     ProxyThrough, which have none in v1, it becomes their key field and
//     does come back).
//
// A round trip v2 → v1 → v2 loses:
//
//   - an arbitrary dedup's producer_id when it also has a prefix (v1's
//     Other(p) holds only the name);
//   - a TruncateOutbox partition_key_range or a ProxyThrough proxy_partition
//     other than one key: v1 keeps only dest.partition_key, the first key (0
//     for none), which comes back as single(key);
//   - an unspecified source, which comes back as ControlPlane.
package v1compat
