package kafka_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/frame"
	"github.com/walwire/walwire/kafka"
	"github.com/walwire/walwire/records"
)

// From a local log file to Kafka and back: every record of a frame stream is
// produced to a topic; a consumer then writes the records touching keys 1 to 3
// to a new frame stream, choosing them from their Kafka headers.
func Example() {
	ctx := context.Background()

	// A local log of five records (a file in real use: os.Open it).
	var log bytes.Buffer
	w := frame.NewWriter(&log, frame.Options{})
	for k := range uint64(5) {
		rec := envelope.Record{Payload: &records.TruncateOutbox{Index: 100 + k, PartitionKeyRange: envelope.SingleKey(k)}}
		if err := w.WriteRecord(&rec); err != nil {
			fmt.Println(err)
			return
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Println(err)
		return
	}

	// An in-process Kafka cluster; give your brokers' addresses instead.
	cluster, err := kfake.NewCluster(kfake.SeedTopics(4, "wal"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer cluster.Close()
	cl, err := kgo.NewClient(
		kgo.SeedBrokers(cluster.ListenAddrs()...),
		kgo.DefaultProduceTopic("wal"),
		kgo.ConsumeTopics("wal"),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer cl.Close()

	// Produce every record of the log. ProduceBytes copies the record, so the
	// reader may reuse its buffer; the key follows the record's keys.
	p := kafka.NewProducer(cl, "", nil)
	var promises kgo.FirstErrPromise
	r := frame.NewReader(&log, frame.Options{})
	produced := 0
	for _, rec := range r.All() {
		if err := p.ProduceBytes(ctx, rec, promises.Promise()); err != nil {
			fmt.Println(err)
			return
		}
		produced++
	}
	if err := r.Err(); err != nil { // damage in the log: every record before it was produced
		fmt.Println(err)
		return
	}
	if err := promises.Err(); err != nil { // waits for every acknowledgement
		fmt.Println(err)
		return
	}
	fmt.Println("produced", produced, "records")

	// Consume the topic and write the records touching keys 1 to 3 to a new
	// frame stream; the others are skipped without reading their values.
	var out bytes.Buffer
	fw := frame.NewWriter(&out, frame.Options{})
	for seen := 0; seen < produced; {
		fs := cl.PollFetches(ctx)
		if err := fs.Err(); err != nil {
			fmt.Println(err)
			return
		}
		seen += fs.NumRecords()
		for rec := range kafka.Matching(fs, envelope.WithinKeys(1, 3)) {
			if err := fw.Write(rec.Value); err != nil {
				fmt.Println(err)
				return
			}
		}
	}
	if err := fw.Flush(); err != nil {
		fmt.Println(err)
		return
	}

	// Read the new stream back. Kafka keeps the order within a partition
	// only, so the records are sorted here for the output.
	var indexes []uint64
	fr := frame.NewReader(&out, frame.Options{})
	for _, b := range fr.All() {
		raw, err := envelope.Parse(b)
		if err != nil {
			fmt.Println(err)
			return
		}
		var t records.TruncateOutbox
		if err := raw.Decode(&t); err != nil {
			fmt.Println(err)
			return
		}
		indexes = append(indexes, t.Index)
	}
	if err := fr.Err(); err != nil {
		fmt.Println(err)
		return
	}
	slices.Sort(indexes)
	fmt.Println("copied", len(indexes), "records:", indexes)
	// Output:
	// produced 5 records
	// copied 3 records: [101 102 103]
}
