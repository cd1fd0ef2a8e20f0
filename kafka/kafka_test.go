package kafka_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/kafka"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// TestRoundTripEveryKind produces records of all 22 kinds, through each of the
// three produce paths, with the idempotent producer to a topic of four
// partitions, and reads them back byte for byte.
func TestRoundTripEveryKind(t *testing.T) {
	const topic, rounds = "wal", 9
	c := newCluster(t, topic)
	prod := kafka.NewProducer(newClient(t, c, kgo.DefaultProduceTopic(topic)), "", nil)
	ctx := context.Background()

	var want [][]byte
	order := map[string]int{} // value -> produce order
	pr := newProduced()
	for round := range rounds {
		k := uint64(round) * 1_000_003
		for i, p := range payloads(k) {
			if p.Kind() != envelope.Kind(i+1) {
				t.Fatalf("payloads()[%d] is of kind %v", i, p.Kind())
			}
			b := encode(t, p)
			order[string(b)] = len(want)
			want = append(want, b)
			var err error
			switch round % 3 {
			case 0:
				err = prod.Produce(ctx, &envelope.Record{Source: envelope.IngressSource(), Payload: p}, pr.promise())
			case 1:
				err = prod.ProduceBytes(ctx, b, pr.promise())
			case 2:
				raw, perr := envelope.Parse(b)
				if perr != nil {
					t.Fatal(perr)
				}
				err = prod.ProduceRaw(ctx, &raw, pr.promise())
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(order) != len(want) {
		t.Fatalf("%d distinct records of %d: the test needs them distinct", len(order), len(want))
	}
	pr.wait(t)
	if len(pr.errs) > 0 || pr.ok != len(want) {
		t.Fatalf("acknowledged %d of %d, errors %v", pr.ok, len(want), pr.errs)
	}

	got := consumeN(t, consumer(t, c, topic), len(want))
	delivered, lost, dup, strangers := tally(want, got)
	t.Logf("produced %d, consumed %d: delivered %d, lost %d, duplicated %d", len(want), len(got), delivered, lost, dup)
	if delivered != len(want) || lost != 0 || dup != 0 || strangers != 0 {
		t.Fatalf("delivered %d of %d, lost %d, duplicated %d, strangers %d", delivered, len(want), lost, dup, strangers)
	}

	keyPartition := map[string]int32{}
	last := map[int32]int{} // partition -> produce order of its last record
	for _, r := range got {
		raw, err := kafka.Parse(r)
		if err != nil {
			t.Fatal(err)
		}
		// The Kafka header is the value's header.
		h, err := kafka.Header(r)
		if err != nil {
			t.Fatal(err)
		}
		if h != raw.Header {
			t.Fatalf("Kafka header %v, value header %v", &h, &raw.Header)
		}
		var n int
		for _, kh := range r.Headers {
			if kh.Key == kafka.HeaderKey {
				n++
			}
		}
		if n != 1 || len(r.Headers) != 1 {
			t.Fatalf("headers %v", r.Headers)
		}
		// The key is the first key; a record without keys has none.
		if wantKey := kafka.FirstKey(nil, &h); !bytes.Equal(r.Key, wantKey) {
			t.Fatalf("key %x, want %x", r.Key, wantKey)
		}
		// The payload decodes, zero-copy from the value, and encodes back to
		// the value.
		p, err := records.New(raw.Header.Kind)
		if err != nil {
			t.Fatal(err)
		}
		if err := raw.DecodeZeroCopy(p); err != nil {
			t.Fatal(err)
		}
		if again := encode(t, p); !bytes.Equal(again, r.Value) {
			t.Fatalf("kind %v: decoded and encoded again\n%x\nconsumed\n%x", raw.Header.Kind, again, r.Value)
		}
		// The promise saw the partition the consumer reads it from.
		if pp := pr.record[string(r.Value)]; pp != r.Partition {
			t.Fatalf("acknowledged in partition %d, consumed from %d", pp, r.Partition)
		}
		// A key always lands in one partition.
		if r.Key != nil {
			if kp, ok := keyPartition[string(r.Key)]; ok && kp != r.Partition {
				t.Fatalf("key %x in partitions %d and %d", r.Key, kp, r.Partition)
			}
			keyPartition[string(r.Key)] = r.Partition
		}
		// Each partition keeps the produce order.
		if o, ok := last[r.Partition]; ok && order[string(r.Value)] <= o {
			t.Fatalf("partition %d: record %d after %d", r.Partition, order[string(r.Value)], o)
		}
		last[r.Partition] = order[string(r.Value)]
	}
	if len(keyPartition) != rounds {
		t.Fatalf("%d distinct Kafka keys, want %d (one per round)", len(keyPartition), rounds)
	}
	used := map[int32]bool{}
	for _, p := range keyPartition {
		used[p] = true
	}
	t.Logf("%d keys over %d of %d partitions", len(keyPartition), len(used), partitions)
	if len(used) < 2 {
		t.Fatalf("all keys in one partition")
	}
}

// TestFilter consumes with include and within filters and checks that the
// records are selected from the Kafka header alone: the values parsed are
// exactly the matching ones, and matching a copy of a record without its
// value gives the same answer. A record produced without the walwire header
// is matched from its value.
func TestFilter(t *testing.T) {
	const topic = "filter"
	c := newCluster(t, topic)
	pcl := newClient(t, c, kgo.DefaultProduceTopic(topic))
	prod := kafka.NewProducer(pcl, "", nil)
	ctx := context.Background()

	var all []*envelope.Record
	pr := newProduced()
	for k := uint64(0); k < 100; k += 10 {
		for _, p := range payloads(k) {
			rec := &envelope.Record{Payload: p}
			all = append(all, rec)
			if err := prod.Produce(ctx, rec, pr.promise()); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The same records once more, produced plainly, without walwire headers.
	for _, rec := range all {
		b, err := rec.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		pcl.Produce(ctx, &kgo.Record{Value: b}, pr.promise())
	}
	pr.wait(t)
	if len(pr.errs) > 0 {
		t.Fatal(pr.errs)
	}
	total := 2 * len(all)

	for _, tc := range []struct {
		name string
		f    envelope.KeyFilter
	}{
		{"include(20)", envelope.IncludeKey(20)},
		{"include(1010)", envelope.IncludeKey(1010)}, // the pair (10, 1010), and keys none
		{"within(31..52)", envelope.WithinKeys(31, 52)},
		{"within(empty)", envelope.WithinKeys(5, 4)},
		{"any", envelope.AnyKey()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := 0
			for _, rec := range all {
				h := rec.Header()
				if h.Keys.Matches(tc.f) {
					want++
				}
			}
			want *= 2 // with and without the walwire header

			cl := consumer(t, c, topic)
			pollCtx, cancel := context.WithTimeout(ctx, testTimeout)
			defer cancel()
			seen, matched, parsed, withHeader := 0, 0, 0, 0
			for seen < total {
				fs := cl.PollFetches(pollCtx)
				if pollCtx.Err() != nil {
					t.Fatalf("saw %d of %d records", seen, total)
				}
				seen += fs.NumRecords()
				for r := range kafka.Matching(fs, tc.f) {
					matched++
					// Without its value the record matches the same way when
					// it has the walwire header.
					if len(r.Headers) > 0 {
						withHeader++
						bare := *r
						bare.Value = nil
						if !kafka.Match(&bare, tc.f) {
							t.Fatalf("a matching record does not match without its value")
						}
					}
					raw, err := kafka.Parse(r)
					parsed++
					if err != nil {
						t.Fatal(err)
					}
					if !raw.Header.Keys.Matches(tc.f) {
						t.Fatalf("record with keys %v passed %s", raw.Header.Keys, tc.name)
					}
				}
			}
			t.Logf("%d records, %d matched (%d from the Kafka header), %d values parsed", seen, matched, withHeader, parsed)
			if matched != want || parsed != want || withHeader != want/2 {
				t.Fatalf("matched %d, parsed %d, from headers %d; want %d, %d, %d", matched, parsed, withHeader, want, want, want/2)
			}
		})
	}
}

// TestMatchAndHeaderErrors: a damaged Kafka header or value is an error of
// the envelope's classes, and Match lets such a record through so that it is
// not skipped unseen.
func TestMatchAndHeaderErrors(t *testing.T) {
	good := encode(t, payloads(7)[0])
	raw, err := envelope.Parse(good)
	if err != nil {
		t.Fatal(err)
	}
	hb := raw.Header.AppendTo(nil)
	none := envelope.IncludeKey(1 << 60)

	for _, tc := range []struct {
		name string
		r    kgo.Record
		want error
	}{
		{"truncated header", kgo.Record{Value: good, Headers: []kgo.RecordHeader{{Key: kafka.HeaderKey, Value: hb[:len(hb)-1]}}}, wire.ErrTruncated},
		{"inverted range in header", kgo.Record{Value: good, Headers: []kgo.RecordHeader{{Key: kafka.HeaderKey, Value: (&envelope.Header{Keys: envelope.RangeKeys(9, 1)}).AppendTo(nil)}}}, envelope.ErrInvalidValue},
		{"empty value", kgo.Record{}, wire.ErrTruncated},
		{"v1 value", kgo.Record{Value: []byte{envelope.V1CodecByte, '{', '}'}}, envelope.ErrUnknownCodec},
		{"truncated value", kgo.Record{Value: good[:2]}, wire.ErrTruncated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := kafka.Header(&tc.r)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Header: %v, want %v", err, tc.want)
			}
			if !kafka.Match(&tc.r, none) {
				t.Fatal("a damaged record was filtered out")
			}
		})
	}
	// The good header and value match as their keys say.
	ok := kgo.Record{Value: good, Headers: []kgo.RecordHeader{{Key: kafka.HeaderKey, Value: hb}}}
	if kafka.Match(&ok, none) || !kafka.Match(&ok, envelope.IncludeKey(7)) {
		t.Fatal("good record matched wrongly")
	}
}

// TestProduceRefusesBadInput: invalid records and undecodable bytes are
// refused before anything is produced.
func TestProduceRefusesBadInput(t *testing.T) {
	const topic = "refuse"
	c := newCluster(t, topic)
	cl := newClient(t, c, kgo.DefaultProduceTopic(topic))
	prod := kafka.NewProducer(cl, "", nil)
	ctx := context.Background()
	called := false
	promise := func(*kgo.Record, error) { called = true }

	if err := prod.Produce(ctx, &envelope.Record{Payload: &records.VersionBarrier{}}, promise); !errors.Is(err, envelope.ErrMissingField) {
		t.Fatalf("invalid record: %v", err)
	}
	if err := prod.ProduceBytes(ctx, nil, promise); !errors.Is(err, wire.ErrTruncated) {
		t.Fatalf("empty bytes: %v", err)
	}
	if err := prod.ProduceBytes(ctx, []byte{0x05, '{', '}'}, promise); !errors.Is(err, envelope.ErrUnknownCodec) {
		t.Fatalf("v1 bytes: %v", err)
	}
	raw := envelope.Raw{Header: envelope.Header{Keys: envelope.RangeKeys(2, 1)}}
	if err := prod.ProduceRaw(ctx, &raw, promise); !errors.Is(err, envelope.ErrInvalidValue) {
		t.Fatalf("inverted range: %v", err)
	}
	if err := cl.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if called {
		t.Fatal("a promise ran for a refused record")
	}
}
