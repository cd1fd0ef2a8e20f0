package records_test

import (
	"fmt"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// Write a record into a pooled buffer of exactly its size, and give the
// buffer back when done with the bytes.
func Example_encode() {
	rec := &envelope.Record{
		Source: envelope.ProcessorSource(7),
		Dedup:  envelope.SelfProposal(7, 42),
		Payload: &records.AnnounceLeader{
			NodeID:            records.GenerationalNodeID{ID: 1, Generation: 3},
			LeaderEpoch:       7,
			PartitionKeyRange: records.KeyRange{Start: 0, End: 1 << 20},
		},
	}
	buf, err := rec.Marshal()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pool.Put(buf) // buf.B must not be used after this

	fmt.Printf("%d bytes: % x\n", len(buf.B), buf.B)

	// A value a reader would reject is refused, and nothing is written.
	rec.Payload = &records.VersionBarrier{Version: "v1.2"}
	_, err = rec.Marshal()
	fmt.Println(err)
	// Output:
	// 42 bytes: 07 1a 0a 04 1a 02 08 07 12 06 0a 04 08 07 10 2a 18 01 20 01 2a 06 1a 04 10 80 80 40 0a 04 08 01 10 03 10 07 1a 04 10 80 80 40
	// walwire: invalid value in payload.version
}

// Select records by partition key from their headers alone: the payloads
// are never decoded.
func Example_filterByKeys() {
	id := func(pk uint64) records.InvocationID {
		return records.InvocationID{PartitionKey: pk, UUID: make([]byte, 16)}
	}
	var log [][]byte
	for _, p := range []records.Payload{
		&records.PurgeInvocationRequest{InvocationID: id(10)},
		&records.InvocationTermination{InvocationID: id(66), Flavor: records.TerminationFlavorCancel},
		&records.UpsertRuleBook{PartitionKeyRange: records.KeyRange{Start: 0, End: 100}},
		&records.TruncateOutbox{Index: 5, PartitionKeyRange: envelope.RangeKeys(200, 300)},
		&records.VQSchedulerDecisions{Data: []byte("opaque")},
	} {
		b, err := (&envelope.Record{Payload: p}).MarshalBinary()
		if err != nil {
			panic(err)
		}
		log = append(log, b)
	}

	filter := envelope.IncludeKey(66)
	for _, b := range log {
		raw, err := envelope.Parse(b)
		if err != nil {
			panic(err)
		}
		if raw.Header.Keys.Matches(filter) {
			fmt.Println(raw.Header.Kind, raw.Header.Keys)
		}
	}
	// Output:
	// TerminateInvocation single(66)
	// UpsertRuleBook range(0..100)
	// VQSchedulerDecisions none
}

// Decode a payload: records.Decode for any kind (copying), or DecodeZeroCopy
// into a value of the expected type, reused from record to record.
func Example_decode() {
	inv := &records.ServiceInvocation{
		InvocationID:     records.InvocationID{PartitionKey: 9, UUID: []byte("0123456789abcdef")},
		InvocationTarget: records.InvocationTarget{ServiceName: "greeter", Handler: "greet", Type: records.TargetTypeService},
		Argument:         []byte(`"world"`),
		Source:           records.InvocationSource{Kind: records.InvocationSourceIngress, RequestID: "req-1"},
	}
	b, err := (&envelope.Record{Source: envelope.IngressSource(), Payload: inv}).MarshalBinary()
	if err != nil {
		panic(err)
	}
	raw, err := envelope.Parse(b)
	if err != nil {
		panic(err)
	}

	p, err := records.Decode(&raw) // copies: p outlives b
	if err != nil {
		panic(err)
	}
	switch p := p.(type) {
	case *records.ServiceInvocation:
		fmt.Printf("%s: %s/%s(%s)\n", raw.Header.Kind, p.InvocationTarget.ServiceName, p.InvocationTarget.Handler, p.Argument)
	}

	var reused records.ServiceInvocation // strings and bytes alias b
	if err := raw.DecodeZeroCopy(&reused); err != nil {
		panic(err)
	}
	fmt.Println(reused.Source.RequestID, reused.Keys())

	// A record of another kind, or a payload that is not valid, is an error.
	var e records.Effect
	fmt.Println(raw.DecodeZeroCopy(&e))
	fmt.Println(reused.UnmarshalPayload(raw.Payload[:len(raw.Payload)-1], wire.ZeroCopy))
	// Output:
	// Invoke: greeter/greet("world")
	// req-1 single(9)
	// walwire: record kind mismatch: record kind Invoke (8), payload type kind InvokerEffect (14)
	// walwire: truncated input (field 4) at offset 51
}
