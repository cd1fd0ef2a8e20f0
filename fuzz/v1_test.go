package fuzz

// FuzzV1Decode: the v1 JSON decoder and the v1 → v2 bridge on arbitrary
// input (FORMAT.md §8 and FUZZING.md).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/v1compat"
	"github.com/walwire/walwire/wire"
)

// v1PerByte is the memory bound's factor for v1compat.Decode: strings and
// base64 bytes are copied (at most 1× the input), and an array element of
// 3 bytes ({} and a comma) becomes a struct of up to 48 bytes, sized once
// from a count of checked elements (see payloadPerByte).
const v1PerByte = 32

// v1Classes are the documented classes of a v1 decode or upgrade error.
var v1Classes = []error{
	v1compat.ErrMalformedJSON, v1compat.ErrTrailingData, v1compat.ErrUnknownVariant,
	v1compat.ErrWrongType, v1compat.ErrOutOfRange, v1compat.ErrInvalidBase64,
	v1compat.ErrInvalidDedup, envelope.ErrMissingField, envelope.ErrInvalidValue,
	envelope.ErrUnknownCodec,
}

// v1ErrorOK reports whether err is of a documented class for input in:
// one of v1Classes, wire.ErrTruncated for an empty input, wire.ErrDepth for
// JSON nested more than 100 levels.
func v1ErrorOK(err error, in []byte) bool {
	switch {
	case isOneOf(err, v1Classes...):
		return true
	case errors.Is(err, wire.ErrTruncated):
		return len(in) == 0
	case errors.Is(err, wire.ErrDepth):
		return jsonDepth(in) > wire.DefaultMaxDepth
	}
	return false
}

// jsonDepth returns how deeply b's brackets nest, outside strings: the JSON
// nesting depth, for valid JSON or not.
func jsonDepth(b []byte) int {
	depth, deepest, inString := 0, 0, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	return deepest
}

// FuzzV1Decode feeds arbitrary bytes (a v1 record is 0x05 and JSON) to
// v1compat and checks:
//   - Decode never panics and fails only with a documented class; an empty
//     input is truncated; a first byte other than 0x05 is ErrUnknownCodec
//     naming it;
//   - JSON well-formedness agrees with encoding/json (json.Valid of the text
//     after the codec byte): malformed or trailing data is reported as
//     ErrMalformedJSON or ErrTrailingData exactly when encoding/json rejects
//     the text (or ErrDepth when it nests more than 100 levels, our limit;
//     encoding/json allows 10000);
//   - what decodes validates, re-encodes (MarshalBinary) to a v1 record that
//     decodes to an equal value, byte-stable;
//   - the bridge: ToV2 fails only with ErrInvalidDedup (or another
//     documented class); what converts writes as a v2 record that parses and
//     decodes to the converted payload; Upgrade writes exactly those bytes
//     (and, failing, returns its buffer unchanged); ReadRecord reads the same
//     header and payload; FromV2 of that record writes a v1 record that
//     upgrades to the same v2 bytes (a v1 → v2 → v1 → v2 cycle is stable);
//   - bounded memory: Decode allocates at most memSlack + v1PerByte×len.
func FuzzV1Decode(f *testing.F) {
	for _, in := range v1Seeds() {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var r *v1compat.Record
		var err error
		checkAlloc(t, "v1compat.Decode", len(in), v1PerByte, func() { r, err = v1compat.Decode(in) })

		if err != nil {
			_ = err.Error()
			if !v1ErrorOK(err, in) {
				t.Fatalf("Decode(%q): undocumented error class: %v", in, err)
			}
			if r != nil {
				t.Fatalf("Decode(%q): error %v with a record", in, err)
			}
		}
		switch {
		case len(in) == 0:
			if !errors.Is(err, wire.ErrTruncated) {
				t.Fatalf("Decode(empty): want truncated, got %v", err)
			}
		case in[0] == envelope.V2CodecByte:
			// Documented: a v2 record is ErrUnknownCodec for Decode, as a
			// v1compat *Error that says to read it as v2.
			if !errors.Is(err, envelope.ErrUnknownCodec) {
				t.Fatalf("Decode(%q): want unknown codec, got %v", in, err)
			}
		case in[0] != envelope.V1CodecByte:
			var ee *wire.Error
			if !errors.As(err, &ee) || !errors.Is(err, envelope.ErrUnknownCodec) || ee.Detail != fmt.Sprintf("0x%02x", in[0]) || ee.Offset != 0 {
				t.Fatalf("Decode(%q): want unknown codec 0x%02x, got %v", in, in[0], err)
			}
		default:
			body := in[1:]
			malformed := isOneOf(err, v1compat.ErrMalformedJSON, v1compat.ErrTrailingData)
			valid := json.Valid(body)
			if valid && malformed {
				t.Fatalf("Decode(%q): encoding/json reads the text, we say %v", in, err)
			}
			if !valid && !malformed && !(errors.Is(err, wire.ErrDepth) && jsonDepth(body) > wire.DefaultMaxDepth) {
				t.Fatalf("Decode(%q): encoding/json rejects the text, we say %v", in, err)
			}
		}

		// Upgrade fails exactly when Decode or ToV2 does, leaving dst alone.
		dst := make([]byte, 3, 256)
		copy(dst, "pre")
		up, upErr := v1compat.Upgrade(dst, in)

		if err != nil {
			if len(in) > 0 && in[0] == envelope.V2CodecByte {
				return // Upgrade passes v2 records through; FuzzEnvelopeParse reads those
			}
			if upErr == nil || classOf(upErr) != classOf(err) {
				t.Fatalf("Decode(%q): %v; Upgrade: %v", in, err, upErr)
			}
			if len(up) != 3 || &up[0] != &dst[0] || string(up) != "pre" || bytes.Count(dst[3:256], []byte{0}) != 253 {
				t.Fatalf("Upgrade(%q) failed (%v) but changed its buffer", in, upErr)
			}
			if _, err := v1compat.ReadRecord(in); err == nil {
				t.Fatalf("Decode(%q) fails, ReadRecord does not", in)
			}
			return
		}

		if err := r.Validate(); err != nil {
			t.Fatalf("Decode(%q): the record does not validate: %v", in, err)
		}
		enc, err := r.MarshalBinary()
		if err != nil {
			t.Fatalf("Decode(%q): MarshalBinary: %v", in, err)
		}
		r2, err := v1compat.Decode(enc)
		if err != nil || !reflect.DeepEqual(normalize(r2), normalize(r)) {
			t.Fatalf("Decode(%q) = %+v, written as %q, reads %+v (%v)", in, r, enc, r2, err)
		}
		if enc2, err := r2.MarshalBinary(); err != nil || !bytes.Equal(enc2, enc) {
			t.Fatalf("Decode(%q): v1 re-encoding is not stable: %q then %q (%v)", in, enc, enc2, err)
		}

		rec, err := v1compat.ToV2(r)
		if err != nil {
			if !isOneOf(err, v1Classes...) {
				t.Fatalf("ToV2(%q): undocumented error class: %v", in, err)
			}
			if upErr == nil || classOf(upErr) != classOf(err) {
				t.Fatalf("ToV2(%q): %v; Upgrade: %v", in, err, upErr)
			}
			return
		}
		if upErr != nil {
			t.Fatalf("ToV2(%q) converts, Upgrade fails: %v", in, upErr)
		}
		b, err := rec.MarshalBinary()
		if err != nil {
			t.Fatalf("ToV2(%q) = %+v, which does not write: %v", in, rec, err)
		}
		if !bytes.Equal(up[:3], []byte("pre")) || !bytes.Equal(up[3:], b) {
			t.Fatalf("Upgrade(%q) = %x, ToV2 writes %x", in, up[3:], b)
		}
		raw, err := envelope.Parse(b)
		if err != nil {
			t.Fatalf("ToV2(%q) writes %x, which does not parse: %v", in, b, err)
		}
		p, err := records.Decode(&raw)
		if err != nil || !reflect.DeepEqual(normalize(p), normalize(rec.Payload)) {
			t.Fatalf("ToV2(%q): payload %+v written as %x reads %+v (%v)", in, rec.Payload, b, p, err)
		}
		rr, err := v1compat.ReadRecord(in)
		if err != nil || !reflect.DeepEqual(rr.Header, raw.Header) || !bytes.Equal(rr.Payload, raw.Payload) {
			t.Fatalf("ReadRecord(%q) = %v %x (%v), Upgrade parses as %v %x", in, &rr.Header, rr.Payload, err, &raw.Header, raw.Payload)
		}

		// v2 → v1 → v2 of a record that came from v1 keeps everything.
		back, err := v1compat.FromV2(&raw)
		if err != nil {
			t.Fatalf("FromV2 of the upgrade of %q (%x): %v", in, b, err)
		}
		v1b, err := back.MarshalBinary()
		if err != nil {
			t.Fatalf("FromV2 of the upgrade of %q: %+v does not write: %v", in, back, err)
		}
		again, err := v1compat.Upgrade(nil, v1b)
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("v1 %q → v2 %x → v1 %q → v2 %x (%v)", in, b, v1b, again, err)
		}
	})
}

// v1Seeds: the v1 golden corpus (testdata/golden/v1/*.v1), a full
// Invoke record, every command variant with a minimal payload (the v1 writer's
// output for samples.Minimal through FromV2), and JSON fragments at the
// edges of the rules (numbers, escapes, null, duplicate keys, tagged
// objects, depth, trailing data).
func v1Seeds() [][]byte {
	var ins [][]byte
	files := goldenFiles("v1")
	for _, k := range sortedKeys(files) {
		if strings.HasSuffix(k, ".v1") {
			ins = append(ins, files[k])
		}
	}
	// v2 samples written as v1.
	for _, b := range corpusSeeds() {
		raw, err := envelope.Parse(b)
		if err != nil {
			continue
		}
		r, err := v1compat.FromV2(&raw)
		if err != nil {
			continue
		}
		if v1b, err := r.MarshalBinary(); err == nil {
			ins = append(ins, v1b)
		}
	}
	v1 := func(s string) []byte { return append([]byte{envelope.V1CodecByte}, s...) }
	const hdr = `{"header":{"source":{"Ingress":{}},"dest":{"Processor":{"partition_key":7}}},"command":`
	uuid := `"AAECAwQFBgcICQoLDA0ODw=="`
	id := `{"partition_key":1234,"uuid":` + uuid + `}`
	ins = append(ins,
		nil, []byte{0x05}, []byte{0x07}, []byte{0x00}, v1(``), v1(`{}`), v1(`[]`), v1(`null`), v1(` {} `),
		v1(`{"header":{"source":{"Ingress":{}},"dest":{"Processor":{"partition_key":1234,"dedup":{"producer_id":{"Partition":3},"sequence_number":{"Sn":42}}}}},`+
			`"command":{"Invoke":{"invocation_id":`+id+`,`+
			`"invocation_target":{"service_name":"Greeter","key":"alice","handler":"greet","type":"VirtualObject"},`+
			`"argument":"eyJuYW1lIjoiYWxpY2UifQ==","source":{"Ingress":{"request_id":"req-1"}},"span_context":null,`+
			`"headers":[{"name":"x-tenant","value":"acme"}],"completion_retention_ms":86400000,"journal_retention_ms":0,`+
			`"response_sink":{"Ingress":{"request_id":"req-1"}},"restate_version":"1.6.2"}}}`+"\n"),
		v1(hdr+`{"TruncateOutbox":42}}`),
		v1(hdr+`{"TruncateOutbox":1e3}}`),
		v1(hdr+`{"TruncateOutbox":-0}}`),
		v1(hdr+`{"TruncateOutbox":18446744073709551615}}`),
		v1(hdr+`{"TruncateOutbox":18446744073709551616}}`),
		v1(hdr+`{"TruncateOutbox":{"index":1}}}`),
		v1(hdr+`{"VQSchedulerDecisions":"AAEC"}}`),
		v1(hdr+`{"VQSchedulerDecisions":"AAE"}}`),
		v1(hdr+`{"VQSchedulerDecisions":null}}`),
		v1(hdr+`{"PurgeInvocation":{"invocation_id":`+id+`,"response_sink":null}}}`),
		v1(hdr+`{"PurgeInvocation":{"invocation_id":`+id+`,"response_sink":{"PartitionProcessor":{"caller":`+id+`,"entry_index":3}}}}}`),
		v1(hdr+`{"PurgeInvocation":{"invocation_id":{"partition_key":1,"uuid":"AAEC"}}}}`),
		v1(hdr+`{"PurgeInvocation":null}}`),
		v1(hdr+`{"TerminateInvocation":{"invocation_id":`+id+`,"flavor":"Kill"}}}`),
		v1(hdr+`{"TerminateInvocation":{"invocation_id":`+id+`,"flavor":1}}}`),
		v1(hdr+`{"VersionBarrier":{"version":"1.2.3-rc.1+b","human_reason":null,"partition_key_range":{"RangeInclusive":{"start":1,"end":9}}}}}`),
		v1(hdr+`{"VersionBarrier":{"version":"v1.2.3","partition_key_range":{"Single":4}}}}`),
		v1(hdr+`{"UpdatePartitionDurability":{"partition_id":1,"durable_point":2,"modification_time_ms":3}}}`),
		v1(hdr+`{"UpdatePartitionDurability":{"partition_id":4294967296,"durable_point":2,"modification_time_ms":3}}}`),
		v1(hdr+`{"UpsertSchema":{"partition_key_range":{"Pair":{"a":1,"b":2}},"schema":"eyJ9"}}}`),
		v1(hdr+`{"UpsertSchema":{"partition_key_range":{"Pair":{"a":1,"b":2},"Single":3},"schema":"eyJ9"}}}`),
		v1(hdr+`{"NotifySignal":{"invocation_id":`+id+`,"signal":{"id":{"Name":"appr\u006fved \ud83d\ude00 \ud800"},"result":{"Void":null}}}}}`),
		v1(hdr+`{"InvokerEffect":{"invocation_id":`+id+`,"kind":{"Suspended":{"waiting_for":[2,3]}}}}}`),
		v1(hdr+`{"InvokerEffect":{"invocation_id":`+id+`,"kind":{"End":{}},"kind":{"Failed":{"code":1,"message":"\u003c"}}}}}`),
		v1(hdr+`{"Timer":{"fire_at_ms":1,"value":{"NeoInvoke":`+id+`}}}}`),
		v1(hdr+`{"AttachInvocation":{"query":{"Idempotency":{"service_name":"s","handler":"h","idempotency_key":"k","partition_key":5}},"block_on_inflight":true}}}`),
		v1(hdr+`{"Unknown":{}}}`),
		v1(`{"header":{"source":{"Processor":{"partition_id":1,"partition_key":2,"leader_epoch":3}},"dest":{"Processor":{"partition_key":7,"dedup":{"producer_id":{"Other":"x"},"sequence_number":{"Esn":{"leader_epoch":1,"sequence_number":2}}}}}},"command":{"TruncateOutbox":1}}`),
		v1(`{"header":{"source":{"ControlPlane":{}},"dest":{"Processor":{"partition_key":7,"dedup":{"producer_id":{"Producer":{"h":1,"l":2}},"sequence_number":{"Sn":9}}}}},"command":{"TruncateOutbox":1}}`),
		v1(`{"header":{"source":{"ControlPlane":{}},"dest":{"Processor":{"partition_key":7,"dedup":{"producer_id":{"Partition":1},"sequence_number":{"Esn":{"leader_epoch":1,"sequence_number":2}}}}}},"command":{"TruncateOutbox":1}}`),
		v1(hdr+`{"TruncateOutbox":1}} x`),
		v1(hdr+`{"TruncateOutbox":1}`),
		v1(strings.Repeat("[", 101)+strings.Repeat("]", 101)),
		v1(`{"a":`+strings.Repeat("[", 100)+strings.Repeat("]", 100)+`}`),
	)
	return ins
}
