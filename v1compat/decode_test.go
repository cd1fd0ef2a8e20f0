package v1compat

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/jsontext"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

func decodeInvoke(t *testing.T, text string) *records.ServiceInvocation {
	t.Helper()
	r, err := Decode(append([]byte{envelope.V1CodecByte}, text...))
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, text)
	}
	return r.Command.Payload.(*records.ServiceInvocation)
}

// TestEdgeRules checks the reading rules of FORMAT.md §8 that accept input.
func TestEdgeRules(t *testing.T) {
	t.Run("duplicate keys: the last wins", func(t *testing.T) {
		si := decodeInvoke(t, with(t, `"completion_retention_ms":5`, `"completion_retention_ms":5,"completion_retention_ms":6`))
		if si.CompletionRetentionMs != 6 {
			t.Errorf("got %d", si.CompletionRetentionMs)
		}
		si = decodeInvoke(t, with(t, `"restate_version":"1.6.2"`, `"restate_version":"1.6.2","invocation_target":{"service_name":"T","handler":"g","type":"Service"}`))
		if si.InvocationTarget != (records.InvocationTarget{ServiceName: "T", Handler: "g", Type: records.TargetTypeService}) {
			t.Errorf("the later object does not replace the earlier: %+v", si.InvocationTarget)
		}
		si = decodeInvoke(t, with(t, `"source":{"Ingress":{"request_id":"r"}}`, `"source":{"Ingress":{"request_id":"r"},"Ingress":{"request_id":"s"}}`))
		if si.Source.RequestID != "s" {
			t.Errorf("tagged object with a repeated key: %+v", si.Source)
		}
		si = decodeInvoke(t, with(t, `"restate_version":"1.6.2"`, `"response_sink":{"Ingress":{}},"response_sink":null,"restate_version":"1.6.2"`))
		if si.ResponseSink.Kind != records.ResponseSinkNone {
			t.Errorf("a later null: %+v", si.ResponseSink)
		}
		r, err := Decode([]byte("\x05" + `{"command":{"TruncateOutbox":1},"header":{"source":{"Ingress":{}},"dest":{"Processor":{"partition_key":1}}},"command":{"TruncateOutbox":2}}`))
		if err != nil || r.Command.Index != 2 {
			t.Errorf("repeated command: %+v, %v", r, err)
		}
	})
	t.Run("unknown fields are ignored", func(t *testing.T) {
		si := decodeInvoke(t, strings.Replace(with(t, `"restate_version":"1.6.2"`,
			`"future":{"a":[1,2.5e10,{"b":null}],"c":"\u00e9\ud83d\ude00"},"restate_version":"1.6.2","z":true`),
			`"header":{`, `"header":{"extra":[],`, 1))
		if si.RestateVersion != "1.6.2" {
			t.Errorf("got %+v", si)
		}
		r, err := Decode([]byte("\x05" + `{"version":2,"header":{"source":{"Processor":{"leader_epoch":3,"term":9}},"dest":{"Processor":{"partition_key":1,"region":"eu"}}},"command":{"TruncateOutbox":1}}`))
		if err != nil || r.Header.Source.LeaderEpoch != 3 {
			t.Errorf("got %+v, %v", r, err)
		}
	})
	t.Run("null for non-optional fields reads as zero", func(t *testing.T) {
		si := decodeInvoke(t, strings.NewReplacer(
			`"completion_retention_ms":5`, `"completion_retention_ms":null`,
			`"argument":"eyJ9"`, `"argument":null`,
			`"headers":[{"name":"n","value":"v"}]`, `"headers":null`,
			`"handler":"h"`, `"handler":null`,
		).Replace(smallInvoke))
		if si.CompletionRetentionMs != 0 || si.Argument != nil || si.Headers != nil || si.InvocationTarget.Handler != "" {
			t.Errorf("got %+v", si)
		}
	})
	t.Run("null for optional fields reads as absent", func(t *testing.T) {
		si := decodeInvoke(t, strings.NewReplacer(
			`"key":"k"`, `"key":null`,
			`"restate_version"`, `"execution_time_ms":null,"idempotency_key":null,"response_sink":null,"submit_notification_sink":null,"restate_version"`,
		).Replace(smallInvoke))
		if si.InvocationTarget.Key.Set || si.ExecutionTimeMs.Set || si.IdempotencyKey.Set || si.ResponseSink.Kind != 0 || si.SubmitNotificationSink.Kind != 0 {
			t.Errorf("got %+v", si)
		}
		r, err := Decode([]byte("\x05" + v1rec(`{"Processor":{"partition_id":null,"partition_key":null,"leader_epoch":null}}`, `{"partition_key":null,"dedup":null}`,
			`{"VersionBarrier":{"version":"1.0.0","human_reason":null,"partition_key_range":null}}`)))
		if err != nil {
			t.Fatal(err)
		}
		vb := r.Command.Payload.(*records.VersionBarrier)
		if r.Header.Source != (Source{Kind: envelope.SourceProcessor}) || r.Header.Dest != (Dest{}) || vb.HumanReason.Set || !vb.PartitionKeyRange.IsNone() {
			t.Errorf("got %+v %+v", r.Header, vb)
		}
	})
	t.Run("optional zero values are set", func(t *testing.T) {
		si := decodeInvoke(t, with(t, `"restate_version"`, `"execution_time_ms":0,"idempotency_key":"","restate_version"`))
		if !si.ExecutionTimeMs.Set || !si.IdempotencyKey.Set {
			t.Errorf("got %+v", si)
		}
	})
	t.Run("empty members: {} or null", func(t *testing.T) {
		for _, m := range []string{`{}`, `null`, `{"unknown":1}`} {
			r, err := Decode([]byte("\x05" + v1rec(`{"ControlPlane":`+m+`}`, pk(17), `{"InvokerEffect":{"invocation_id":`+iidJSON(17, 3)+`,"kind":{"End":`+m+`}}}`)))
			if err != nil {
				t.Fatalf("%s: %v", m, err)
			}
			if r.Header.Source.Kind != envelope.SourceControlPlane || r.Command.Payload.(*records.Effect).EffectKind != records.EffectEnd {
				t.Errorf("%s: got %+v", m, r)
			}
		}
	})
	t.Run("whitespace anywhere, newline after", func(t *testing.T) {
		text := " \t\r\n{ \"header\" :\n{\"source\"\t:{ \"Ingress\" : { } } , \"dest\":{\"Processor\":{\"partition_key\" : 9 }}} ,\"command\" : { \"TruncateOutbox\" : 3 } }\n\n"
		r, err := Decode([]byte("\x05" + text))
		if err != nil || r.Command.Index != 3 || r.Header.Dest.PartitionKey != 9 {
			t.Errorf("got %+v, %v", r, err)
		}
	})
	t.Run("integers are exact", func(t *testing.T) {
		r, err := Decode([]byte("\x05" + v1rec(srcProc(18446744073709551615), pk(9007199254740993), `{"TruncateOutbox":18446744073709551614}`)))
		if err != nil || r.Header.Source.LeaderEpoch != 1<<64-1 || r.Header.Dest.PartitionKey != 1<<53+1 || r.Command.Index != 1<<64-2 {
			t.Errorf("got %+v, %v", r, err)
		}
	})
	t.Run("base64 with an escaped newline, as encoding/json reads it", func(t *testing.T) {
		si := decodeInvoke(t, with(t, `"argument":"eyJ9"`, `"argument":"ey\nJ9"`))
		var want []byte
		if err := json.Unmarshal([]byte(`"ey\nJ9"`), &want); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(si.Argument, want) {
			t.Errorf("got %q, want %q", si.Argument, want)
		}
	})
	t.Run("strings keep no reference to the input", func(t *testing.T) {
		in := []byte("\x05" + smallInvoke)
		r, err := Decode(in)
		if err != nil {
			t.Fatal(err)
		}
		for i := range in {
			in[i] = 'X'
		}
		si := r.Command.Payload.(*records.ServiceInvocation)
		if si.InvocationTarget.ServiceName != "S" || si.RestateVersion != "1.6.2" || string(si.Argument) != `{"}` {
			t.Errorf("the record changed with its input: %+v", si)
		}
	})
}

// TestStringsLikeEncodingJSON compares the decoding of JSON strings with
// encoding/json's, on tricky and random inputs: escapes, surrogates (paired,
// lone, reversed), invalid UTF-8, control characters.
func TestStringsLikeEncodingJSON(t *testing.T) {
	inputs := []string{
		`""`, `"plain"`, `"\u003c\u003e\u0026"`, `"\"\\\/\b\f\n\r\t"`, `"\u00e9\u4e2d"`,
		`"\ud83d\ude00"`, `"\ud83d"`, `"\ude00"`, `"\ude00\ud83d"`, `"\ud83dx"`, `"\ud83d\u0041"`, `"\ud83d\ud83d\ude00"`,
		"\"\xff\"", "\"a\xc3\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xef\xbf\xbd\"", "\"\u2028\u2029\"",
		`"\u"`, `"\u12"`, `"\x"`, "\"a\x01\"", "\"a\x7f\"", `"\U0041"`, `"abc`, `"\`,
	}
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{`a`, `\`, `"`, `u`, `d`, `8`, `3`, `D`, `e`, `0`, `n`, "\xff", "\xc3", "\xa9", "é", "\x1f", `/`, `\u`, `\ud83d`, `\ude00`, `\u00`}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		b.WriteByte('"')
		for n := rng.Intn(12); n > 0; n-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		b.WriteByte('"')
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		var want string
		wantErr := json.Unmarshal([]byte(in), &want)
		d := decoder{b: []byte(in)}
		got := d.string()
		if d.err == nil {
			d.trailing()
		}
		if (d.err != nil) != (wantErr != nil) {
			t.Fatalf("%q: error %v, encoding/json %v", in, d.err, wantErr)
		}
		if wantErr == nil && got != want {
			t.Fatalf("%q: got %q, encoding/json %q", in, got, want)
		}
	}
}

// TestSyntaxLikeEncodingJSON compares which texts are JSON with
// encoding/json, on mutations of a record.
func TestSyntaxLikeEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	base := []byte(smallInvoke)
	pieces := []string{"{", "}", "[", "]", ",", ":", `"`, `\`, "0", "-", ".", "e", "+", "1", " ", "n", "t", "f", "\x00", "\xff", "null", "true", "1e5", "-0", "01"}
	for i := 0; i < 20000; i++ {
		text := append([]byte(nil), base...)
		for n := 1 + rng.Intn(3); n > 0 && len(text) > 0; n-- {
			p := rng.Intn(len(text))
			switch rng.Intn(3) {
			case 0:
				text = append(text[:p], text[p+1:]...)
			case 1:
				text = append(text[:p], append([]byte(pieces[rng.Intn(len(pieces))]), text[p:]...)...)
			default:
				text = text[:p]
			}
		}
		valid := json.Valid(text)
		if err := checkSyntax(text, 0, nil, nil); (err == nil) != valid {
			t.Fatalf("%q: checkSyntax %v, json.Valid %v", text, err, valid)
		}
		// Decode's answer agrees: malformed JSON is always reported as such.
		_, err := Decode(append([]byte{envelope.V1CodecByte}, text...))
		if !valid && !isSyntaxError(err) {
			t.Fatalf("%q: Decode %v, but the text is not JSON", text, err)
		}
		if valid && isSyntaxError(err) {
			t.Fatalf("%q: Decode %v, but the text is JSON", text, err)
		}
	}
}

func isSyntaxError(err error) bool {
	e, ok := err.(*wire.Error)
	return ok && isSyntax(e.Err)
}

// TestDecodeAliasSame checks that Decode and the zero-copy decode of
// Upgrade read the same values.
func TestDecodeAliasSame(t *testing.T) {
	for _, c := range goldenCases() {
		if c.err != nil {
			continue
		}
		in := append([]byte{envelope.V1CodecByte}, c.json...)
		var a, b Record
		if err := decodeRecord(in, false, &a); err != nil {
			t.Fatal(err)
		}
		if err := decodeRecord(in, true, &b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: copy and alias decodes differ", c.name)
		}
	}
}

// TestAppendStringLikeEncodingJSON compares the writer's string escaping
// with encoding/json's, byte for byte.
func TestAppendStringLikeEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	alphabet := []string{"a", "<", ">", "&", `"`, `\`, "\n", "\t", "\b", "\f", "\r", "\x00", "\x1f", "\x7f", "é", "\u2028", "\u2029", "\xff", "\xe2\x80", "😀", "/"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(10); n > 0; n-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		s := b.String()
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := jsontext.AppendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, encoding/json %s", s, got, want)
		}
		v := []byte(s)
		want, _ = json.Marshal(v)
		if len(v) == 0 {
			want = []byte("null") // a nil slice, as the previous release wrote it
		}
		if got := appendBytes(nil, v); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, encoding/json %s", v, got, want)
		}
	}
}
