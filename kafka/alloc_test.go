//go:build !race

// The race detector makes sync.Pool drop items at random, so allocation
// counts are only meaningful without it.

package kafka_test

import (
	"context"
	"errors"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/kafka"
	"github.com/walwire/walwire/wire"
)

// TestProduceAllocs: Producer.Produce allocates nothing beyond what kgo
// allocates for a record. Both sides take the same kgo path, one where the
// client fails the record at once (no topic), so that no broker and no other
// goroutine's work enters the count: the baseline produces a prepared
// *kgo.Record with a prepared promise; the walwire side encodes a record into
// a pooled buffer, derives the key and header, produces, and releases
// everything in the promise.
func TestProduceAllocs(t *testing.T) {
	cl, err := kgo.NewClient(kgo.SeedBrokers("127.0.0.1:1")) // never dialed: records fail before buffering
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx := context.Background()
	done := make(chan error, 1)
	promise := func(_ *kgo.Record, err error) { done <- err }

	value := encode(t, payloads(42)[7])
	prepared := &kgo.Record{Value: value, Key: []byte("12345678"), Headers: []kgo.RecordHeader{{Key: kafka.HeaderKey, Value: value[2:20]}}}
	baseline := testing.AllocsPerRun(1000, func() {
		prepared.Topic, prepared.Context = "", nil
		cl.Produce(ctx, prepared, promise)
		if err := <-done; err == nil {
			t.Fatal("expected the record to fail")
		}
	})

	prod := kafka.NewProducer(cl, "", nil)
	rec := &envelope.Record{Source: envelope.IngressSource(), Payload: payloads(42)[7]}
	var produceErr error
	ours := testing.AllocsPerRun(1000, func() {
		if err := prod.Produce(ctx, rec, promise); err != nil {
			produceErr = err
		}
		if err := <-done; err == nil {
			produceErr = errors.New("expected the record to fail")
		}
	})
	if produceErr != nil {
		t.Fatal(produceErr)
	}
	t.Logf("allocs per record: kgo alone %.2f, through Producer.Produce %.2f", baseline, ours)
	if ours > baseline {
		t.Fatalf("Produce allocates %.2f per record beyond kgo's %.2f", ours-baseline, baseline)
	}
}

// TestConsumeAllocs: matching a record, from its Kafka header or from its
// value, and parsing its value allocate nothing.
func TestConsumeAllocs(t *testing.T) {
	value := encode(t, payloads(42)[9])
	raw, err := envelope.Parse(value)
	if err != nil {
		t.Fatal(err)
	}
	withHeader := &kgo.Record{Value: value, Headers: []kgo.RecordHeader{{Key: kafka.HeaderKey, Value: raw.Header.AppendTo(nil)}}}
	plain := &kgo.Record{Value: value}
	f := envelope.WithinKeys(40, 50)
	for _, r := range []*kgo.Record{withHeader, plain} {
		if n := testing.AllocsPerRun(1000, func() {
			if !kafka.Match(r, f) {
				t.Fatal("no match")
			}
			if _, err := kafka.Parse(r); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Fatalf("Match and Parse allocate %.1f times (%d Kafka headers)", n, len(r.Headers))
		}
	}
}

// TestProduceBytesRefusalAllocs: bytes whose header does not parse cost
// ProduceBytes their error alone; the pooled copy it checked goes back to
// the pool.
func TestProduceBytesRefusalAllocs(t *testing.T) {
	const topic = "refuse-allocs"
	c := newCluster(t, topic)
	prod := kafka.NewProducer(newClient(t, c, kgo.DefaultProduceTopic(topic)), "", nil)
	ctx := context.Background()
	bad := []byte{envelope.V2CodecByte, 0x05, 0x08} // a header length past the end
	promise := func(*kgo.Record, error) { t.Error("a promise ran for a refused record") }
	if n := testing.AllocsPerRun(100, func() {
		if err := prod.ProduceBytes(ctx, bad, promise); !errors.Is(err, wire.ErrTruncated) {
			t.Fatalf("truncated header: %v", err)
		}
	}); n > 1 {
		t.Errorf("a refused ProduceBytes: %v allocs, want at most 1", n)
	}
}
