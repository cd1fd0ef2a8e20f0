package v1compat

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/wire"
)

// smallInvoke is a compact v1 Invoke, the base of the error cases.
var smallInvoke = v1rec(srcIngress, `{"partition_key":1,"dedup":{"producer_id":{"Partition":3},"sequence_number":{"Sn":42}}}`,
	`{"Invoke":{"invocation_id":{"partition_key":1,"uuid":"AAECAwQFBgcICQoLDA0ODw=="},`+
		`"invocation_target":{"service_name":"S","key":"k","handler":"h","type":"VirtualObject"},`+
		`"argument":"eyJ9","source":{"Ingress":{"request_id":"r"}},"span_context":null,"headers":[{"name":"n","value":"v"}],`+
		`"completion_retention_ms":5,"journal_retention_ms":0,"restate_version":"1.6.2"}}`)

// with returns smallInvoke with old replaced by new (which must occur).
func with(t testing.TB, old, new string) string {
	t.Helper()
	if !strings.Contains(smallInvoke, old) {
		t.Fatalf("%q not in the base record", old)
	}
	return strings.Replace(smallInvoke, old, new, 1)
}

type errCase struct {
	name   string
	json   string // after the codec byte 0x05
	raw    []byte // or the whole record
	class  error
	path   string // the JSON path the error names ("." for none; "" or "-" not checked)
	detail string // a substring of the message
}

func errCases(t testing.TB) []errCase {
	return []errCase{
		// Malformed JSON.
		{name: "empty JSON", json: "", class: ErrMalformedJSON, path: ".", detail: "unexpected end"},
		{name: "only whitespace", json: " \n", class: ErrMalformedJSON, path: "."},
		{name: "truncated", json: smallInvoke[:120], class: ErrMalformedJSON, detail: "unexpected end"},
		{name: "truncated before the last brace", json: smallInvoke[:len(smallInvoke)-1], class: ErrMalformedJSON, detail: "unexpected end"},
		{name: "truncated inside a string", json: smallInvoke[:strings.Index(smallInvoke, "req")+0], class: ErrMalformedJSON},
		{name: "bad literal", json: with(t, `"span_context":null`, `"span_context":nul`), class: ErrMalformedJSON, detail: "invalid literal"},
		{name: "bad literal true", json: with(t, `"span_context":null`, `"span_context":tru`), class: ErrMalformedJSON},
		{name: "bad escape", json: with(t, `"handler":"h"`, `"handler":"\x"`), class: ErrMalformedJSON, detail: "invalid escape"},
		{name: "bad unicode escape", json: with(t, `"handler":"h"`, `"handler":"\u12G4"`), class: ErrMalformedJSON, detail: "\\u escape"},
		{name: "control character in a string", json: with(t, `"handler":"h"`, "\"handler\":\"a\tb\""), class: ErrMalformedJSON, detail: "control character"},
		{name: "leading zero", json: with(t, `"completion_retention_ms":5`, `"completion_retention_ms":05`), class: ErrMalformedJSON},
		{name: "trailing comma", json: with(t, `"restate_version":"1.6.2"}`, `"restate_version":"1.6.2",}`), class: ErrMalformedJSON},
		{name: "missing colon", json: with(t, `"restate_version":"1.6.2"`, `"restate_version" "1.6.2"`), class: ErrMalformedJSON},
		{name: "single quotes", json: with(t, `"restate_version":"1.6.2"`, `'restate_version':"1.6.2"`), class: ErrMalformedJSON},
		{name: "NUL byte", json: with(t, `"completion_retention_ms":5`, "\"completion_retention_ms\":\x00"), class: ErrMalformedJSON},
		{name: "malformed after a wrong type", json: with(t, `"completion_retention_ms":5`, `"completion_retention_ms":"x"`)[:150], class: ErrMalformedJSON},
		{name: "malformed after an unknown variant", json: strings.Replace(smallInvoke, `{"Ingress":{}}`, `{"Lambda":{}}`, 1) + "}", class: ErrTrailingData},
		{name: "bare fraction dot", json: with(t, `"completion_retention_ms":5`, `"completion_retention_ms":5.`), class: ErrMalformedJSON},
		{name: "bare minus", json: with(t, `"completion_retention_ms":5`, `"completion_retention_ms":-`), class: ErrMalformedJSON},

		// Trailing data.
		{name: "trailing garbage", json: smallInvoke + " x", class: ErrTrailingData, path: "."},
		{name: "second object", json: smallInvoke + "\n{}", class: ErrTrailingData},
		{name: "trailing NUL", json: smallInvoke + "\x00", class: ErrTrailingData},

		// Unknown variants, named.
		{name: "unknown command", json: v1rec(srcIngress, pk(1), `{"Bogus":{}}`), class: ErrUnknownVariant, path: "command", detail: `"Bogus"`},
		{name: "unknown source", json: strings.Replace(smallInvoke, `{"Ingress":{}}`, `{"Lambda":{}}`, 1), class: ErrUnknownVariant, path: "header.source", detail: `"Lambda"`},
		{name: "unknown dest", json: strings.Replace(smallInvoke, `"dest":{"Processor":`, `"dest":{"Bifrost":`, 1), class: ErrUnknownVariant, path: "header.dest", detail: `"Bifrost"`},
		{name: "unknown producer", json: with(t, `{"Partition":3}`, `{"Robot":3}`), class: ErrUnknownVariant, path: "header.dest.Processor.dedup.producer_id", detail: `"Robot"`},
		{name: "unknown sequence", json: with(t, `{"Sn":42}`, `{"Lsn":42}`), class: ErrUnknownVariant, path: "header.dest.Processor.dedup.sequence_number", detail: `"Lsn"`},
		{name: "unknown oneof member", json: with(t, `"source":{"Ingress":{"request_id":"r"}}`, `"source":{"Cron":{}}`), class: ErrUnknownVariant, path: "command.Invoke.source", detail: `"Cron"`},
		{name: "unknown response sink", json: with(t, `"restate_version"`, `"response_sink":{"Kafka":{}},"restate_version"`), class: ErrUnknownVariant, path: "command.Invoke.response_sink", detail: `"Kafka"`},
		{name: "unknown enum value", json: with(t, `"type":"VirtualObject"`, `"type":"Actor"`), class: ErrUnknownVariant, path: "command.Invoke.invocation_target.type", detail: `"Actor"`},
		{name: "enum value in the wrong case", json: with(t, `"type":"VirtualObject"`, `"type":"virtualObject"`), class: ErrUnknownVariant, path: "command.Invoke.invocation_target.type"},
		{name: "unknown flavor", json: v1rec(srcIngress, pk(1), `{"TerminateInvocation":{"invocation_id":`+iidJSON(1, 0)+`,"flavor":"Terminate"}}`), class: ErrUnknownVariant, path: "command.TerminateInvocation.flavor", detail: `"Terminate"`},
		{name: "unknown effect kind", json: v1rec(srcIngress, pk(1), `{"InvokerEffect":{"invocation_id":`+iidJSON(1, 0)+`,"kind":{"Paused":{}}}}`), class: ErrUnknownVariant, path: "command.InvokerEffect.kind", detail: `"Paused"`},
		{name: "unknown keys variant", json: v1rec(srcIngress, pk(1), `{"UpsertSchema":{"partition_key_range":{"All":{}},"schema":null}}`), class: ErrUnknownVariant, path: "command.UpsertSchema.partition_key_range", detail: `"All"`},

		// Wrong types, with the field path.
		{name: "string for a number", json: with(t, `"partition_key":1,"dedup"`, `"partition_key":"1","dedup"`), class: ErrWrongType, path: "header.dest.Processor.partition_key", detail: "found a string"},
		{name: "object for a bare number", json: v1rec(srcIngress, pk(1), `{"TruncateOutbox":{"index":5}}`), class: ErrWrongType, path: "command.TruncateOutbox", detail: "found an object"},
		{name: "fraction", json: with(t, `"completion_retention_ms":5`, `"completion_retention_ms":1.5`), class: ErrWrongType, path: "command.Invoke.completion_retention_ms", detail: `"1.5"`},
		{name: "exponent", json: with(t, `"completion_retention_ms":5`, `"completion_retention_ms":1e3`), class: ErrWrongType, path: "command.Invoke.completion_retention_ms", detail: `"1e3"`},
		{name: "integral fraction", json: with(t, `"completion_retention_ms":5`, `"completion_retention_ms":1.0`), class: ErrWrongType, path: "command.Invoke.completion_retention_ms"},
		{name: "minus zero for unsigned", json: with(t, `"completion_retention_ms":5`, `"completion_retention_ms":-0`), class: ErrWrongType, path: "command.Invoke.completion_retention_ms", detail: "-0"},
		{name: "negative fraction", json: with(t, `"completion_retention_ms":5`, `"completion_retention_ms":-1.5`), class: ErrWrongType, path: "command.Invoke.completion_retention_ms"},
		{name: "enum as a number", json: with(t, `"type":"VirtualObject"`, `"type":2`), class: ErrWrongType, path: "command.Invoke.invocation_target.type", detail: "found a number"},
		{name: "tagged object with zero keys", json: strings.Replace(smallInvoke, `{"Ingress":{}}`, `{}`, 1), class: ErrWrongType, path: "header.source", detail: "found {}"},
		{name: "tagged object with two keys", json: strings.Replace(smallInvoke, `{"Ingress":{}}`, `{"Ingress":{},"ControlPlane":{}}`, 1), class: ErrWrongType, path: "header.source", detail: "two keys"},
		{name: "tagged object with an unknown and a known key", json: strings.Replace(smallInvoke, `{"Ingress":{}}`, `{"Lambda":{},"Ingress":{}}`, 1), class: ErrWrongType, path: "header.source", detail: "two keys"},
		{name: "command with two keys", json: v1rec(srcIngress, pk(1), `{"TruncateOutbox":1,"PurgeJournal":{}}`), class: ErrWrongType, path: "command", detail: "two keys"},
		{name: "command with zero keys", json: v1rec(srcIngress, pk(1), `{}`), class: ErrWrongType, path: "command"},
		{name: "record is an array", json: `[` + smallInvoke + `]`, class: ErrWrongType, path: "."},
		{name: "record is null", json: `null`, class: ErrWrongType, path: "."},
		{name: "number for bytes", json: with(t, `"argument":"eyJ9"`, `"argument":5`), class: ErrWrongType, path: "command.Invoke.argument"},
		{name: "array for a message", json: with(t, `"invocation_target":{"service_name":"S","key":"k","handler":"h","type":"VirtualObject"}`, `"invocation_target":[]`), class: ErrWrongType, path: "command.Invoke.invocation_target"},
		{name: "object for an array", json: with(t, `"headers":[{"name":"n","value":"v"}]`, `"headers":{}`), class: ErrWrongType, path: "command.Invoke.headers"},
		{name: "number for a string", json: with(t, `"handler":"h"`, `"handler":7`), class: ErrWrongType, path: "command.Invoke.invocation_target.handler"},
		{name: "string for a bool", json: v1rec(srcIngress, pk(1), `{"AttachInvocation":{"query":{"InvocationId":`+iidJSON(1, 0)+`},"block_on_inflight":"true"}}`), class: ErrWrongType, path: "command.AttachInvocation.block_on_inflight"},
		{name: "wrong type in an array element", json: with(t, `[{"name":"n","value":"v"}]`, `[{"name":"n","value":"v"},{"name":1}]`), class: ErrWrongType, path: "command.Invoke.headers[1].name"},
		{name: "string for an empty member", json: strings.Replace(smallInvoke, `{"Ingress":{}}`, `{"Ingress":"yes"}`, 1), class: ErrWrongType, path: "header.source.Ingress"},
		{name: "string for the header", json: `{"header":"h","command":{"TruncateOutbox":1}}`, class: ErrWrongType, path: "header"},

		// Invalid deduplication.
		{name: "dedup Partition Esn", json: with(t, `{"Sn":42}`, `{"Esn":{"leader_epoch":1,"sequence_number":2}}`), class: ErrInvalidDedup, path: "header.dest.Processor.dedup", detail: "(Partition, Esn)"},
		{name: "dedup Producer Esn", json: with(t, `"producer_id":{"Partition":3},"sequence_number":{"Sn":42}`, `"producer_id":{"Producer":{"h":1,"l":2}},"sequence_number":{"Esn":{"leader_epoch":1,"sequence_number":2}}`), class: ErrInvalidDedup, path: "header.dest.Processor.dedup", detail: "(Producer, Esn)"},

		// Missing fields.
		{name: "missing header", json: `{"command":{"TruncateOutbox":1}}`, class: envelope.ErrMissingField, path: "header"},
		{name: "null header", json: `{"header":null,"command":{"TruncateOutbox":1}}`, class: envelope.ErrMissingField, path: "header"},
		{name: "missing source", json: `{"header":{"dest":{"Processor":{"partition_key":1}}},"command":{"TruncateOutbox":1}}`, class: envelope.ErrMissingField, path: "header.source"},
		{name: "null source", json: `{"header":{"source":null,"dest":{"Processor":{"partition_key":1}}},"command":{"TruncateOutbox":1}}`, class: envelope.ErrMissingField, path: "header.source"},
		{name: "missing dest", json: `{"header":{"source":{"Ingress":{}}},"command":{"TruncateOutbox":1}}`, class: envelope.ErrMissingField, path: "header.dest"},
		{name: "missing command", json: `{"header":{"source":{"Ingress":{}},"dest":{"Processor":{"partition_key":1}}}}`, class: envelope.ErrMissingField, path: "command"},
		{name: "null command", json: `{"header":{"source":{"Ingress":{}},"dest":{"Processor":{"partition_key":1}}},"command":null}`, class: envelope.ErrMissingField, path: "command"},
		{name: "null command payload", json: v1rec(srcIngress, pk(1), `{"Invoke":null}`), class: envelope.ErrMissingField, path: "command.Invoke"},
		{name: "null bare payload", json: v1rec(srcIngress, pk(1), `{"TruncateOutbox":null}`), class: envelope.ErrMissingField, path: "command.TruncateOutbox"},
		{name: "missing producer_id", json: with(t, `"producer_id":{"Partition":3},`, ``), class: envelope.ErrMissingField, path: "header.dest.Processor.dedup.producer_id"},
		{name: "missing sequence_number", json: with(t, `,"sequence_number":{"Sn":42}`, ``), class: envelope.ErrMissingField, path: "header.dest.Processor.dedup.sequence_number"},
		{name: "null sequence_number", json: with(t, `"sequence_number":{"Sn":42}`, `"sequence_number":null`), class: envelope.ErrMissingField, path: "header.dest.Processor.dedup.sequence_number"},
		{name: "missing invocation_id", json: with(t, `"invocation_id":{"partition_key":1,"uuid":"AAECAwQFBgcICQoLDA0ODw=="},`, ``), class: envelope.ErrMissingField, path: "command.Invoke.invocation_id"},
		{name: "null invocation_id", json: with(t, `{"partition_key":1,"uuid":"AAECAwQFBgcICQoLDA0ODw=="}`, `null`), class: envelope.ErrMissingField, path: "command.Invoke.invocation_id"},
		{name: "missing uuid", json: with(t, `,"uuid":"AAECAwQFBgcICQoLDA0ODw=="`, ``), class: envelope.ErrMissingField, path: "command.Invoke.invocation_id.uuid"},
		{name: "empty uuid", json: with(t, `"AAECAwQFBgcICQoLDA0ODw=="`, `""`), class: envelope.ErrMissingField, path: "command.Invoke.invocation_id.uuid"},
		{name: "missing target type", json: with(t, `,"type":"VirtualObject"`, ``), class: envelope.ErrMissingField, path: "command.Invoke.invocation_target.type"},
		{name: "null target type", json: with(t, `"type":"VirtualObject"`, `"type":null`), class: envelope.ErrMissingField, path: "command.Invoke.invocation_target.type"},
		{name: "null invocation source", json: with(t, `"source":{"Ingress":{"request_id":"r"}}`, `"source":null`), class: envelope.ErrMissingField, path: "command.Invoke.source"},
		{name: "missing caller", json: with(t, `"source":{"Ingress":{"request_id":"r"}}`, `"source":{"Service":{}}`), class: envelope.ErrMissingField, path: "command.Invoke.source.Service.caller"},
		{name: "missing flavor", json: v1rec(srcIngress, pk(1), `{"TerminateInvocation":{"invocation_id":`+iidJSON(1, 0)+`}}`), class: envelope.ErrMissingField, path: "command.TerminateInvocation.flavor"},
		{name: "missing effect kind", json: v1rec(srcIngress, pk(1), `{"InvokerEffect":{"invocation_id":`+iidJSON(1, 0)+`}}`), class: envelope.ErrMissingField, path: "command.InvokerEffect.kind"},
		{name: "missing timer value", json: v1rec(srcIngress, pk(1), `{"Timer":{"fire_at_ms":1}}`), class: envelope.ErrMissingField, path: "command.Timer.value"},
		{name: "null timer invoke member", json: v1rec(srcIngress, pk(1), `{"Timer":{"fire_at_ms":1,"value":{"Invoke":null}}}`), class: envelope.ErrMissingField, path: "command.Timer.value.Invoke.invocation_id"},
		{name: "null invocation id member", json: v1rec(srcIngress, pk(1), `{"Timer":{"fire_at_ms":1,"value":{"NeoInvoke":null}}}`), class: envelope.ErrMissingField, path: "command.Timer.value.NeoInvoke.uuid"},
		{name: "null partition processor member", json: v1rec(srcIngress, pk(1), `{"PurgeJournal":{"invocation_id":`+iidJSON(1, 0)+`,"response_sink":{"PartitionProcessor":null}}}`), class: envelope.ErrMissingField, path: "command.PurgeJournal.response_sink.PartitionProcessor.caller"},
		{name: "missing signal result", json: v1rec(srcIngress, pk(1), `{"NotifySignal":{"invocation_id":`+iidJSON(1, 0)+`,"signal":{"id":{"Index":1}}}}`), class: envelope.ErrMissingField, path: "command.NotifySignal.signal.result"},
		{name: "missing node_id", json: v1rec(srcIngress, pk(1), `{"AnnounceLeader":{"leader_epoch":1,"partition_key_range":{"start":0,"end":1}}}`), class: envelope.ErrMissingField, path: "command.AnnounceLeader.node_id"},
		{name: "missing version", json: v1rec(srcIngress, pk(1), `{"VersionBarrier":{}}`), class: envelope.ErrMissingField, path: "command.VersionBarrier.version"},
		{name: "missing attach query", json: v1rec(srcIngress, pk(1), `{"AttachInvocation":{"block_on_inflight":true}}`), class: envelope.ErrMissingField, path: "command.AttachInvocation.query"},
		{name: "field name in the wrong case", json: strings.Replace(smallInvoke, `"header"`, `"Header"`, 1), class: envelope.ErrMissingField, path: "header"},

		// Out of range.
		{name: "partition id 2^40", json: with(t, `{"Partition":3}`, `{"Partition":1099511627776}`), class: ErrOutOfRange, path: "header.dest.Processor.dedup.producer_id.Partition", detail: "uint32"},
		{name: "source partition_id 2^32", json: strings.Replace(smallInvoke, `{"Ingress":{}}`, `{"Processor":{"partition_id":4294967296,"leader_epoch":1}}`, 1), class: ErrOutOfRange, path: "header.source.Processor.partition_id"},
		{name: "negative unsigned", json: with(t, `"partition_key":1,"dedup"`, `"partition_key":-1,"dedup"`), class: ErrOutOfRange, path: "header.dest.Processor.partition_key", detail: "negative"},
		{name: "u64 beyond 2^64-1", json: with(t, `"completion_retention_ms":5`, `"completion_retention_ms":18446744073709551616`), class: ErrOutOfRange, path: "command.Invoke.completion_retention_ms"},
		{name: "u64 of 40 digits", json: with(t, `"completion_retention_ms":5`, `"completion_retention_ms":1234567890123456789012345678901234567890`), class: ErrOutOfRange, path: "command.Invoke.completion_retention_ms"},
		{name: "u32 array element", json: v1rec(srcIngress, pk(1), `{"InvokerEffect":{"invocation_id":`+iidJSON(1, 0)+`,"kind":{"Suspended":{"waiting_for":[1,4294967296]}}}}`), class: ErrOutOfRange, path: "command.InvokerEffect.kind.Suspended.waiting_for[1]"},

		// Invalid base64.
		{name: "invalid base64 alphabet", json: with(t, `"argument":"eyJ9"`, `"argument":"ey!9"`), class: ErrInvalidBase64, path: "command.Invoke.argument"},
		{name: "invalid base64 padding", json: with(t, `"argument":"eyJ9"`, `"argument":"eyJ"`), class: ErrInvalidBase64, path: "command.Invoke.argument"},
		{name: "url-safe base64", json: with(t, `"argument":"eyJ9"`, `"argument":"-_-_"`), class: ErrInvalidBase64, path: "command.Invoke.argument"},
		{name: "invalid base64 uuid", json: with(t, `"AAECAwQFBgcICQoLDA0ODw=="`, `"AAECAwQFBgcICQoLDA0ODw="`), class: ErrInvalidBase64, path: "command.Invoke.invocation_id.uuid"},

		// Invalid values.
		{name: "uuid of 15 bytes", json: with(t, `"AAECAwQFBgcICQoLDA0ODw=="`, `"`+b64(make([]byte, 15))+`"`), class: envelope.ErrInvalidValue, path: "command.Invoke.invocation_id.uuid", detail: "15 bytes"},
		{name: "uuid of 17 bytes", json: with(t, `"AAECAwQFBgcICQoLDA0ODw=="`, `"`+b64(make([]byte, 17))+`"`), class: envelope.ErrInvalidValue, path: "command.Invoke.invocation_id.uuid"},
		{name: "version not semver", json: v1rec(srcIngress, pk(1), `{"VersionBarrier":{"version":"v1.2"}}`), class: envelope.ErrInvalidValue, path: "command.VersionBarrier.version"},
		{name: "version with a leading zero", json: v1rec(srcIngress, pk(1), `{"VersionBarrier":{"version":"1.02.3"}}`), class: envelope.ErrInvalidValue, path: "command.VersionBarrier.version"},
		{name: "key range start above end", json: v1rec(srcIngress, pk(1), `{"AnnounceLeader":{"node_id":{"id":1,"generation":1},"leader_epoch":1,"partition_key_range":{"start":5,"end":4}}}`), class: envelope.ErrInvalidValue, path: "command.AnnounceLeader.partition_key_range"},
		{name: "keys range start above end", json: v1rec(srcIngress, pk(1), `{"UpsertSchema":{"partition_key_range":{"RangeInclusive":{"start":9,"end":3}},"schema":null}}`), class: envelope.ErrInvalidValue, path: "command.UpsertSchema.partition_key_range.RangeInclusive"},
		{name: "proxied uuid of 3 bytes", json: v1rec(srcIngress, pk(1), `{"ProxyThrough":`+strings.Replace(minInvokeJSON(1, 0), b64(samples.UUID(0)), "AAEC", 1)+`}`), class: envelope.ErrInvalidValue, path: "command.ProxyThrough.invocation_id.uuid"},

		// Nesting.
		{name: "nesting too deep", json: with(t, `"restate_version"`, `"x":`+strings.Repeat("[", 200)+strings.Repeat("]", 200)+`,"restate_version"`), class: wire.ErrDepth, path: "-"},

		// Codec bytes.
		{name: "unknown codec byte", raw: append([]byte{0x09}, smallInvoke...), class: envelope.ErrUnknownCodec, path: "-", detail: "0x09"},
		{name: "no codec byte", raw: []byte{}, class: wire.ErrTruncated, path: "-"},
	}
}

func (c *errCase) input() []byte {
	if c.raw != nil {
		return c.raw
	}
	return append([]byte{envelope.V1CodecByte}, c.json...)
}

func TestErrors(t *testing.T) {
	for _, c := range errCases(t) {
		t.Run(c.name, func(t *testing.T) {
			in := c.input()
			_, err := Decode(in)
			if !errors.Is(err, c.class) {
				t.Fatalf("Decode: got %v, want class %v", err, c.class)
			}
			for _, other := range []error{ErrMalformedJSON, ErrTrailingData, ErrUnknownVariant, ErrWrongType, ErrOutOfRange,
				ErrInvalidBase64, ErrInvalidDedup, envelope.ErrMissingField, envelope.ErrInvalidValue, envelope.ErrUnknownCodec, wire.ErrDepth} {
				if other != c.class && errors.Is(err, other) {
					t.Errorf("%v is also %v", err, other)
				}
			}
			if c.path != "-" && c.path != "" {
				want := c.path
				if want == "." {
					want = ""
				}
				var e *wire.Error
				if !errors.As(err, &e) {
					t.Fatalf("%v (%T) is not an *wire.Error", err, err)
				}
				if e.Path() != want {
					t.Errorf("path %q, want %q (%v)", e.Path(), want, err)
				}
				if e.Offset > int64(len(in)) {
					t.Errorf("offset %d beyond the input (%d bytes)", e.Offset, len(in))
				}
			}
			if !strings.Contains(err.Error(), c.detail) {
				t.Errorf("%q does not mention %q", err.Error(), c.detail)
			}

			// Every entry point fails alike, writing nothing.
			dst := make([]byte, 3, 64)
			copy(dst, "abc")
			before := append([]byte(nil), dst[:cap(dst)]...)
			got, err2 := Upgrade(dst, in)
			if err2 == nil || err2.Error() != err.Error() {
				t.Errorf("Upgrade: %v, Decode: %v", err2, err)
			}
			if len(got) != 3 || &got[0] != &dst[0] || !bytes.Equal(dst[:cap(dst)], before) {
				t.Errorf("Upgrade changed dst: %q", got)
			}
			if _, err3 := ReadRecord(in); err3 == nil || (len(in) > 0 && in[0] == envelope.V1CodecByte && err3.Error() != err.Error()) {
				t.Errorf("ReadRecord: %v, Decode: %v", err3, err)
			}
			var r Record
			if err4 := r.UnmarshalBinary(in); err4 == nil || !reflect0(r) {
				t.Errorf("UnmarshalBinary: %v, record %+v", err4, r)
			}
		})
	}
}

func reflect0(r Record) bool { return r.Command.Payload == nil && r.Header == (Header{}) }

// TestDecodeNotV1 checks that Decode reads only v1 records, and ReadRecord
// and Upgrade take v2 records as they are.
func TestDecodeNotV1(t *testing.T) {
	v2, err := Upgrade(nil, []byte("\x05"+smallInvoke))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(v2); !errors.Is(err, envelope.ErrUnknownCodec) || !strings.Contains(err.Error(), "0x07") {
		t.Errorf("Decode of a v2 record: %v", err)
	}
	again, err := Upgrade([]byte("x"), v2)
	if err != nil || string(again) != "x"+string(v2) {
		t.Errorf("Upgrade of a v2 record: %q, %v", again, err)
	}
	raw, err := ReadRecord(v2)
	if err != nil || raw.Header.Kind.String() != "Invoke" {
		t.Errorf("ReadRecord of a v2 record: %+v, %v", raw, err)
	}
	if _, err := Upgrade(nil, []byte{0x07, 0x05}); !errors.Is(err, wire.ErrTruncated) {
		t.Errorf("Upgrade of a damaged v2 record: %v", err)
	}
}
