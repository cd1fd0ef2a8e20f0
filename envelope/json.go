package envelope

import (
	"encoding/base64"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/walwire/walwire/internal/pbjson"
)

// The JSON forms of the header and of keys follow protojson, the canonical
// JSON mapping of the messages of proto/walwire/v2/header.proto: the same
// JSON protobuf-go's protojson writes for them.

// kindEnumNames holds the RecordKind enum's value names, by number.
var kindEnumNames = []string{
	"RECORD_KIND_UNKNOWN", "RECORD_KIND_ANNOUNCE_LEADER", "RECORD_KIND_VERSION_BARRIER",
	"RECORD_KIND_UPDATE_PARTITION_DURABILITY", "RECORD_KIND_PATCH_STATE", "RECORD_KIND_TERMINATE_INVOCATION",
	"RECORD_KIND_PURGE_INVOCATION", "RECORD_KIND_PURGE_JOURNAL", "RECORD_KIND_INVOKE", "RECORD_KIND_TRUNCATE_OUTBOX",
	"RECORD_KIND_PROXY_THROUGH", "RECORD_KIND_ATTACH_INVOCATION", "RECORD_KIND_RESUME_INVOCATION",
	"RECORD_KIND_RESTART_AS_NEW_INVOCATION", "RECORD_KIND_INVOKER_EFFECT", "RECORD_KIND_TIMER",
	"RECORD_KIND_SCHEDULE_TIMER", "RECORD_KIND_INVOCATION_RESPONSE", "RECORD_KIND_NOTIFY_GET_INVOCATION_OUTPUT_RESPONSE",
	"RECORD_KIND_NOTIFY_SIGNAL", "RECORD_KIND_UPSERT_SCHEMA", "RECORD_KIND_VQ_SCHEDULER_DECISIONS",
	"RECORD_KIND_UPSERT_RULE_BOOK",
}

var codecEnumNames = []string{
	"CODEC_UNSPECIFIED", "CODEC_PROTOBUF", "CODEC_FLEXBUFFERS", "CODEC_BYTES", "CODEC_RETIRED",
	"CODEC_JSON", "CODEC_BILROST", "CODEC_CUSTOM",
}

var (
	empty    = &pbjson.Schema{}
	u128JSON = &pbjson.Schema{Fields: []pbjson.Field{
		{Num: 1, Name: "hi", Kind: pbjson.Uint64}, {Num: 2, Name: "lo", Kind: pbjson.Uint64},
	}}
	headerJSON = &pbjson.Schema{Fields: []pbjson.Field{
		{Num: 1, Name: "source", Kind: pbjson.Message, Msg: &pbjson.Schema{Fields: []pbjson.Field{
			{Num: 1, Name: "ingress", Kind: pbjson.Message, Msg: empty},
			{Num: 2, Name: "controlPlane", Kind: pbjson.Message, Msg: empty},
			{Num: 3, Name: "processor", Kind: pbjson.Message, Msg: &pbjson.Schema{Fields: []pbjson.Field{
				{Num: 1, Name: "leaderEpoch", Kind: pbjson.Uint64},
			}}},
		}}},
		{Num: 2, Name: "dedup", Kind: pbjson.Message, Msg: &pbjson.Schema{Fields: []pbjson.Field{
			{Num: 1, Name: "selfProposal", Kind: pbjson.Message, Msg: &pbjson.Schema{Fields: []pbjson.Field{
				{Num: 1, Name: "leaderEpoch", Kind: pbjson.Uint64}, {Num: 2, Name: "seq", Kind: pbjson.Uint64},
			}}},
			{Num: 2, Name: "foreignPartition", Kind: pbjson.Message, Msg: &pbjson.Schema{Fields: []pbjson.Field{
				{Num: 1, Name: "partition", Kind: pbjson.Uint32}, {Num: 2, Name: "seq", Kind: pbjson.Uint64},
			}}},
			{Num: 3, Name: "arbitrary", Kind: pbjson.Message, Msg: &pbjson.Schema{Fields: []pbjson.Field{
				{Num: 1, Name: "prefix", Kind: pbjson.String},
				{Num: 2, Name: "producerId", Kind: pbjson.Message, Msg: u128JSON},
				{Num: 3, Name: "seq", Kind: pbjson.Uint64},
			}}},
		}}},
		{Num: 3, Name: "kind", Kind: pbjson.Enum, Enum: kindEnumNames},
		{Num: 4, Name: "codec", Kind: pbjson.Enum, Enum: codecEnumNames},
		{Num: 5, Name: "keys", Kind: pbjson.Message, Msg: pbjson.Keys},
	}}
)

// MarshalJSON writes the header in protojson form, as in
// {"source":{"ingress":{}},"kind":"RECORD_KIND_INVOKE","codec":"CODEC_PROTOBUF","keys":{"single":"7"}}.
// A kind or codec without a name is written as its number.
func (h Header) MarshalJSON() ([]byte, error) {
	return pbjson.Append(nil, h.AppendTo(nil), headerJSON)
}

// MarshalJSON writes the keys in protojson form: {} for none,
// {"single":"7"}, {"pair":{"a":"1","b":"2"}}, {"rangeInclusive":{"start":"1","end":"9"}}.
func (k Keys) MarshalJSON() ([]byte, error) {
	return pbjson.Append(nil, k.AppendTo(nil), pbjson.Keys)
}

// MarshalJSON writes the record as {"header": ..., "payload": ...}: the
// header in protojson form (see Header.MarshalJSON), and the payload
// decoded by kind (see NewPayload) in its own JSON form when its type has
// one; otherwise, and when it does not decode, "payloadBytes" holds the
// payload in base64. This is what a tool prints for a record.
func (raw Raw) MarshalJSON() ([]byte, error) {
	b := []byte(`{"header":`)
	h, err := raw.Header.MarshalJSON()
	if err != nil {
		return nil, err
	}
	b = append(b, h...)
	if p, err := raw.DecodeNew(); err == nil {
		if m, ok := p.(interface{ MarshalJSON() ([]byte, error) }); ok {
			if j, err := m.MarshalJSON(); err == nil {
				b = append(b, `,"payload":`...)
				return append(append(b, j...), '}'), nil
			}
		}
	}
	b = append(b, `,"payloadBytes":"`...)
	b = base64.StdEncoding.AppendEncode(b, raw.Payload)
	return append(b, `"}`...), nil
}

// String returns the record on one line: its header (see Header.String) and
// its payload's size, as in "Invoke source=ingress ... payload=520B".
func (raw Raw) String() string {
	return raw.Header.String() + " payload=" + strconv.Itoa(len(raw.Payload)) + "B"
}

// LogValue logs the record as a group of its header's fields and the
// payload's size.
func (raw Raw) LogValue() slog.Value {
	return slog.GroupValue(append(raw.Header.LogValue().Group(), slog.Int("payload_bytes", len(raw.Payload)))...)
}

// String returns the record on one line: its header (see Header.String) and
// its payload, in the payload's own String form when it has one.
func (r Record) String() string {
	s := r.Header().String() + " payload="
	if p, ok := r.payload().(fmt.Stringer); ok {
		return s + p.String()
	}
	if r.payload() == nil {
		return s + "none"
	}
	return s + strconv.Itoa(r.payload().Size()) + "B"
}

// LogValue logs the record as a group of its header's fields and its
// payload (its own LogValue or String when it has one).
func (r Record) LogValue() slog.Value {
	h := r.Header()
	attrs := h.LogValue().Group()
	if p := r.payload(); p != nil {
		attrs = append(attrs, slog.Any("payload", p))
	}
	return slog.GroupValue(attrs...)
}
