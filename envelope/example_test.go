package envelope_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// The README's Quick start is this example's body, verbatim (a test checks
// it): write a record, read its header alone, filter on keys, decode.
func Example() {
	var wal bytes.Buffer // stands for a log file

	// Write: one pooled buffer of exactly the record's size.
	rec := envelope.Record{
		Source:  envelope.IngressSource(),
		Dedup:   envelope.ForeignPartition(3, 42),
		Payload: &records.TruncateOutbox{Index: 17, PartitionKeyRange: envelope.SingleKey(1234)},
	}
	buf, err := rec.Marshal()
	if err != nil {
		log.Fatal(err) // the record is not valid: nothing was written
	}
	wal.Write(buf.B)
	pool.Put(buf)

	// Read the header only (no allocation, no look at the payload) and filter.
	stored := wal.Bytes()
	raw, err := envelope.Parse(stored)
	if err != nil {
		log.Fatal(err)
	}
	if raw.Header.Keys.Matches(envelope.IncludeKey(1234)) {
		var t records.TruncateOutbox
		// Or DecodeZeroCopy: t then aliases stored and nothing is allocated.
		if err := raw.Decode(&t); err != nil {
			log.Fatal(err)
		}
		fmt.Println(raw.Header.Kind, raw.Header.Dedup, t.Index)
	}
	// Output: TruncateOutbox foreign_partition(partition 3, seq 42) 17
}

// Record.AppendBinary appends a record to a caller's buffer; an invalid
// record leaves the buffer as it was.
func ExampleRecord_AppendBinary() {
	rec := envelope.Record{
		Source:  envelope.ProcessorSource(7),
		Payload: &records.TruncateOutbox{Index: 1, PartitionKeyRange: envelope.SingleKey(5)},
	}
	b, err := rec.AppendBinary(nil)
	fmt.Printf("% x %v\n", b, err)

	bad := envelope.Record{Payload: &records.TruncateOutbox{PartitionKeyRange: envelope.RangeKeys(9, 1)}}
	b2, err := bad.AppendBinary(b)
	fmt.Println(len(b2) == len(b), errors.Is(err, envelope.ErrInvalidValue))
	// Output:
	// 07 0e 0a 04 1a 02 08 07 18 09 20 01 2a 02 08 05 08 01 12 02 08 05 <nil>
	// true true
}

// Parse reads the header of a stored record without touching its payload;
// kinds and codecs it does not know still parse.
func ExampleParse() {
	stored := []byte{0x07, 0x04, 0x18, 0x63, 0x20, 0x01, 0xde, 0xad}
	raw, err := envelope.Parse(stored)
	fmt.Println(raw.Header.Kind, raw.Header.Codec, raw.Payload, err)

	_, err = envelope.Parse([]byte{0x07, 0x09, 0x18})
	fmt.Println(errors.Is(err, wire.ErrTruncated), err)
	// Output:
	// Kind(99) Protobuf [222 173] <nil>
	// true walwire: truncated input in header at offset 1
}

// Keys.Matches is how a log layer filters records on the header alone.
func ExampleKeys_Matches() {
	keys := envelope.RangeKeys(100, 200)
	fmt.Println(keys.Matches(envelope.IncludeKey(150)), keys.Matches(envelope.IncludeKey(201)))
	fmt.Println(keys.Matches(envelope.WithinKeys(190, 300)), envelope.NoKeys().Matches(envelope.IncludeKey(1)))
	// Output:
	// true false
	// true true
}

// Raw.Decode turns the payload into a typed value; the kind must match.
func ExampleRaw_Decode() {
	rec := envelope.Record{Payload: &records.UpsertRuleBook{PartitionKeyRange: records.KeyRange{Start: 5, End: 9}, RuleBook: []byte("rules")}}
	b, _ := rec.MarshalBinary()
	raw, _ := envelope.Parse(b)

	var rb records.UpsertRuleBook
	fmt.Println(raw.Decode(&rb), string(rb.RuleBook), raw.Header.Keys)

	var wrong records.TruncateOutbox
	fmt.Println(errors.Is(raw.Decode(&wrong), envelope.ErrKindMismatch))
	// Output:
	// <nil> rules range(5..9)
	// true
}
