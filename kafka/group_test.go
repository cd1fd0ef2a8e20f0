package kafka_test

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/kafka"
)

// TestGroupRestart: a consumer group member reads part of the topic, commits
// what it read and stops; records keep coming; a new member of the group
// resumes from the committed offsets. Between them they see every record
// exactly once.
func TestGroupRestart(t *testing.T) {
	const topic, group = "restart", "walwire-readers"
	c := newCluster(t, topic)
	prod := kafka.NewProducer(newClient(t, c, kgo.DefaultProduceTopic(topic)), "", nil)
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()

	var want [][]byte
	produce := func(from, to uint64) {
		pr := newProduced()
		for k := from; k < to; k++ {
			for _, p := range payloads(k * 104729) {
				want = append(want, encode(t, p))
				if err := prod.Produce(ctx, &envelope.Record{Source: envelope.IngressSource(), Payload: p}, pr.promise()); err != nil {
					t.Fatal(err)
				}
			}
		}
		pr.wait(t)
		if len(pr.errs) > 0 {
			t.Fatal(pr.errs)
		}
	}
	member := func() *kgo.Client {
		cl, err := kgo.NewClient(
			kgo.SeedBrokers(c.ListenAddrs()...),
			kgo.ConsumeTopics(topic),
			kgo.ConsumerGroup(group),
			kgo.DisableAutoCommit(),
			kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
			kgo.FetchMaxWait(50*time.Millisecond),
		)
		if err != nil {
			t.Fatal(err)
		}
		return cl
	}
	poll := func(cl *kgo.Client, max int) []*kgo.Record {
		fs := cl.PollRecords(ctx, max)
		if ctx.Err() != nil {
			t.Fatal("timed out polling")
		}
		fs.EachError(func(t2 string, p int32, err error) { t.Fatalf("fetch %s/%d: %v", t2, p, err) })
		return fs.Records()
	}

	produce(0, 6)
	first := len(want)

	// The first member reads about half, a few records at a time, commits
	// exactly what it polled, and leaves.
	m1 := member()
	var seen1 []*kgo.Record
	for len(seen1) < first/2 {
		seen1 = append(seen1, poll(m1, 10)...)
	}
	if err := m1.CommitUncommittedOffsets(ctx); err != nil {
		t.Fatal(err)
	}
	m1.Close()

	produce(6, 12)

	// The second member resumes from the committed offsets.
	m2 := member()
	defer m2.Close()
	var seen2 []*kgo.Record
	for len(seen1)+len(seen2) < len(want) {
		seen2 = append(seen2, poll(m2, 1000)...)
	}
	// Nothing more arrives.
	short, cancelShort := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancelShort()
	seen2 = append(seen2, m2.PollFetches(short).Records()...)

	delivered, lost, dup, strangers := tally(want, append(seen1, seen2...))
	t.Logf("produced %d (%d before the restart); first member consumed %d, second %d: delivered %d, lost %d, duplicated %d",
		len(want), first, len(seen1), len(seen2), delivered, lost, dup)
	if len(seen1) == 0 || len(seen1) >= first {
		t.Fatalf("the first member read %d of %d records: the restart is not in the middle", len(seen1), first)
	}
	if delivered != len(want) || lost != 0 || dup != 0 || strangers != 0 {
		t.Fatalf("delivered %d of %d, lost %d, duplicated %d, strangers %d", delivered, len(want), lost, dup, strangers)
	}
}
