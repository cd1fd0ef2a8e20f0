package v1compat_test

import (
	"errors"
	"fmt"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/v1compat"
	"github.com/walwire/walwire/wire"
)

// A v1 record as the previous release wrote it: the codec byte 0x05, then
// JSON.
var v1Record = []byte("\x05" + `{"header":{"source":{"Ingress":{}},"dest":{"Processor":{"partition_key":1234,` +
	`"dedup":{"producer_id":{"Partition":3},"sequence_number":{"Sn":42}}}}},"command":{"Invoke":{` +
	`"invocation_id":{"partition_key":1234,"uuid":"AAECAwQFBgcICQoLDA0ODw=="},` +
	`"invocation_target":{"service_name":"Greeter","key":"alice","handler":"greet","type":"VirtualObject"},` +
	`"argument":"eyJuYW1lIjoiYWxpY2UifQ==","source":{"Ingress":{"request_id":"req-1"}},"span_context":null,` +
	`"headers":[{"name":"x-tenant","value":"acme"}],"completion_retention_ms":86400000,"journal_retention_ms":0,` +
	`"response_sink":{"Ingress":{"request_id":"req-1"}},"restate_version":"1.6.2"}}}` + "\n")

// Upgrade rewrites a v1 record as a v2 record.
func ExampleUpgrade() {
	v2, err := v1compat.Upgrade(nil, v1Record)
	if err != nil {
		fmt.Println(err)
		return
	}
	raw, err := envelope.Parse(v2)
	if err != nil {
		fmt.Println(err)
		return
	}
	h := raw.Header
	fmt.Printf("codec byte %#02x, kind %v, codec %v\n", v2[0], h.Kind, h.Codec)
	fmt.Printf("source %v, dedup %v, keys %v\n", h.Source, h.Dedup, h.Keys)
	fmt.Printf("%d bytes of JSON, %d bytes of v2\n", len(v1Record), len(v2))

	var inv records.ServiceInvocation
	if err := raw.Decode(&inv); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s/%s(%s)\n", inv.InvocationTarget.ServiceName, inv.InvocationTarget.Handler, inv.Argument)
	// Output:
	// codec byte 0x07, kind Invoke, codec Protobuf
	// source ingress, dedup foreign_partition(partition 3, seq 42), keys single(1234)
	// 634 bytes of JSON, 143 bytes of v2
	// Greeter/greet({"name":"alice"})
}

// ReadRecord reads records of either version as v2 views, so a log reader
// filters old and new records alike on their headers.
func ExampleReadRecord() {
	v2, _ := v1compat.Upgrade(nil, v1Record)
	log := [][]byte{v1Record, v2, {0x09, '{', '}'}}
	for _, rec := range log {
		raw, err := v1compat.ReadRecord(rec)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("version %d: %v for key %v, matches key 1234: %v\n",
			map[byte]int{envelope.V1CodecByte: 1, envelope.V2CodecByte: 2}[rec[0]],
			raw.Header.Kind, raw.Header.Keys, raw.Header.Keys.Matches(envelope.IncludeKey(1234)))
	}
	// Output:
	// version 1: Invoke for key single(1234), matches key 1234: true
	// version 2: Invoke for key single(1234), matches key 1234: true
	// error: walwire: unknown codec byte at offset 0: 0x09
}

// Errors say what is wrong and where.
func ExampleDecode_error() {
	bad := []byte("\x05" + `{"header":{"source":{"Ingress":{}},"dest":{"Processor":{"partition_key":1}}},` +
		`"command":{"TerminateInvocation":{"invocation_id":{"partition_key":1,"uuid":"AAECAwQFBgcICQoLDA0ODw=="},"flavor":"Terminate"}}}`)
	_, err := v1compat.Decode(bad)
	fmt.Println(err)
	fmt.Println(errors.Is(err, v1compat.ErrUnknownVariant))
	var e *wire.Error
	if errors.As(err, &e) {
		fmt.Println(e.Path())
	}
	// Output:
	// walwire: unknown variant in command.TerminateInvocation.flavor at offset 191: "Terminate"
	// true
	// command.TerminateInvocation.flavor
}

// FromV2 turns a v2 record into the v1 record a node writes while older
// nodes still run.
func ExampleFromV2() {
	rec := envelope.Record{
		Source: envelope.ProcessorSource(7),
		Dedup:  envelope.SelfProposal(7, 99),
		Payload: &records.TruncateOutbox{
			Index:             12,
			PartitionKeyRange: envelope.SingleKey(42),
		},
	}
	v2, _ := rec.MarshalBinary()
	raw, _ := envelope.Parse(v2)
	v1, err := v1compat.FromV2(&raw)
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := v1.MarshalBinary()
	fmt.Printf("%#02x %s\n", b[0], b[1:])
	// Output:
	// 0x05 {"header":{"source":{"Processor":{"leader_epoch":7}},"dest":{"Processor":{"partition_key":42,"dedup":{"producer_id":{"Other":"SELF"},"sequence_number":{"Esn":{"leader_epoch":7,"sequence_number":99}}}}}},"command":{"TruncateOutbox":12}}
}
