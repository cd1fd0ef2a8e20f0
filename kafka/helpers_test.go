package kafka_test

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
)

// testTimeout bounds every wait of these tests: a test that has not seen what
// it waits for by then fails rather than hangs.
const testTimeout = 30 * time.Second

const partitions = 4

// newCluster starts an in-process Kafka cluster of three brokers on loopback
// with the given topics, each of four partitions, closed when the test ends.
func newCluster(tb testing.TB, topics ...string) *kfake.Cluster {
	tb.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(3), kfake.SeedTopics(partitions, topics...))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(c.Close)
	return c
}

// newClient returns a client of c, closed when the test ends. Retries back
// off briefly, so that injected failures cost little time.
func newClient(tb testing.TB, c *kfake.Cluster, opts ...kgo.Opt) *kgo.Client {
	tb.Helper()
	base := []kgo.Opt{
		kgo.SeedBrokers(c.ListenAddrs()...),
		kgo.RetryBackoffFn(func(int) time.Duration { return 10 * time.Millisecond }),
		kgo.FetchMaxWait(50 * time.Millisecond),
		kgo.MetadataMinAge(10 * time.Millisecond),
	}
	cl, err := kgo.NewClient(append(base, opts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(cl.Close)
	return cl
}

// consumer returns a client that reads topic from its start.
func consumer(tb testing.TB, c *kfake.Cluster, topic string, opts ...kgo.Opt) *kgo.Client {
	return newClient(tb, c, append([]kgo.Opt{
		kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
	}, opts...)...)
}

// consumeN polls cl until it has n records, failing the test at testTimeout.
// It then polls once more, briefly, and returns whatever that adds too, so
// that a duplicate beyond n is seen.
func consumeN(tb testing.TB, cl *kgo.Client, n int) []*kgo.Record {
	tb.Helper()
	return consumeUntil(tb, cl, fmt.Sprintf("%d records", n), func(got []*kgo.Record) bool { return len(got) >= n })
}

// consumeUntil polls cl until done says that the records consumed so far are
// enough, failing the test at testTimeout (what says what was awaited). It
// then polls once more, briefly, and returns whatever that adds too.
func consumeUntil(tb testing.TB, cl *kgo.Client, what string, done func([]*kgo.Record) bool) []*kgo.Record {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	var got []*kgo.Record
	for !done(got) {
		fs := cl.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			tb.Fatalf("consumed %d records, not yet %s: %v", len(got), what, err)
		}
		fs.EachError(func(t string, p int32, err error) { tb.Fatalf("fetch %s/%d: %v", t, p, err) })
		got = append(got, fs.Records()...)
	}
	short, cancelShort := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancelShort()
	got = append(got, cl.PollFetches(short).Records()...)
	return got
}

// produced collects promise outcomes.
type produced struct {
	wg     sync.WaitGroup
	mu     sync.Mutex
	ok     int
	errs   []error
	record map[string]int32 // value -> partition, for acknowledged records
	failed map[string]error // value -> error, for failed records
	first  time.Time        // when the first promise ran
	last   time.Time        // when the latest promise ran
}

func newProduced() *produced {
	return &produced{record: make(map[string]int32), failed: make(map[string]error)}
}

// calls returns how many promises have run.
func (p *produced) calls() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ok + len(p.errs)
}

// promise returns a promise for one record; it copies what it keeps, since
// the record is reused once the promise returns.
func (p *produced) promise() func(*kgo.Record, error) {
	p.wg.Add(1)
	return func(r *kgo.Record, err error) {
		defer p.wg.Done()
		p.mu.Lock()
		defer p.mu.Unlock()
		p.last = time.Now()
		if p.first.IsZero() {
			p.first = p.last
		}
		if err != nil {
			p.errs = append(p.errs, err)
			p.failed[string(r.Value)] = err
			return
		}
		p.ok++
		p.record[string(r.Value)] = r.Partition
	}
}

func (p *produced) wait(tb testing.TB) {
	tb.Helper()
	done := make(chan struct{})
	go func() { p.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(testTimeout):
		tb.Fatal("promises not called in time")
	}
}

// payloads returns one valid payload of each of the 22 kinds, in kind order,
// whose keys are derived from k: singles of k, ranges and pairs around it,
// and none for the kind without keys.
func payloads(k uint64) []records.Payload {
	id := func(n byte) records.InvocationID {
		return records.InvocationID{PartitionKey: k, UUID: bytes.Repeat([]byte{n}, records.UUIDLen)}
	}
	invoke := func(n byte) records.ServiceInvocation {
		return records.ServiceInvocation{
			InvocationID:     id(n),
			InvocationTarget: records.InvocationTarget{ServiceName: "greeter", Handler: "greet", Type: records.TargetTypeService},
			Argument:         []byte("argument"),
			Source:           records.InvocationSource{Kind: records.InvocationSourceIngress, RequestID: "req"},
			Headers:          []records.HeaderEntry{{Name: "content-type", Value: "application/json"}},
		}
	}
	inv := invoke(1)
	target := records.JournalCompletionTarget{InvocationID: id(2), EntryIndex: 3}
	return []records.Payload{
		&records.AnnounceLeader{NodeID: records.GenerationalNodeID{ID: 1, Generation: 2}, LeaderEpoch: k, PartitionKeyRange: records.KeyRange{Start: k, End: k + 10}},
		&records.VersionBarrier{Version: "1.2.3", PartitionKeyRange: envelope.RangeKeys(k, k+5)},
		&records.PartitionDurability{PartitionID: 1, DurablePoint: k, PartitionKeyRange: envelope.SingleKey(k)},
		&records.ExternalStateMutation{ServiceID: records.ServiceID{ServiceName: "counter", Key: "c", PartitionKey: k}, State: []records.StateEntry{{Key: []byte("n"), Value: []byte{1}}}},
		&records.InvocationTermination{InvocationID: id(3), Flavor: records.TerminationFlavorKill},
		&records.PurgeInvocationRequest{InvocationID: id(4)},
		&records.PurgeJournal{PurgeInvocationRequest: records.PurgeInvocationRequest{InvocationID: id(5)}},
		&inv,
		&records.TruncateOutbox{Index: k, PartitionKeyRange: envelope.SingleKey(k)},
		&records.ProxyThrough{Invocation: invoke(6), ProxyPartition: envelope.PairKeys(k, k+1000)},
		&records.AttachInvocationRequest{Query: records.InvocationQuery{Kind: records.InvocationQueryInvocationID, InvocationID: id(7)}},
		&records.ResumeInvocationRequest{InvocationID: id(8)},
		&records.RestartAsNewInvocationRequest{InvocationID: id(9), NewInvocationID: id(10)},
		&records.Effect{InvocationID: id(11), EffectKind: records.EffectJournalEntry, EntryIndex: 1, Entry: []byte("entry")},
		&records.TimerKeyValue{FireAtMs: 1000 + k, ValueKind: records.TimerValueInvoke, Invoke: invoke(12)},
		&records.ScheduleTimer{TimerKeyValue: records.TimerKeyValue{FireAtMs: 2000 + k, ValueKind: records.TimerValueCleanInvocationStatus, InvocationID: id(13)}},
		&records.InvocationResponse{Target: target, Result: records.ResultSuccess, Success: []byte("ok")},
		&records.GetInvocationOutputResponse{Target: target, Result: records.ResultFailure, Failure: records.Failure{Code: 500, Message: "boom"}},
		&records.NotifySignalRequest{InvocationID: id(14), Signal: records.Signal{ID: records.SignalIDName, Name: "go", Result: records.ResultVoid}},
		&records.UpsertSchema{PartitionKeyRange: envelope.RangeKeys(k, k+1), Schema: []byte("schema")},
		&records.VQSchedulerDecisions{Data: []byte{byte(k), byte(k >> 8), 0xff}},
		&records.UpsertRuleBook{PartitionKeyRange: records.KeyRange{Start: k, End: k}, RuleBook: []byte("rules")},
	}
}

// encode returns the stored bytes of a record with payload p.
func encode(tb testing.TB, p records.Payload) []byte {
	tb.Helper()
	rec := envelope.Record{Source: envelope.IngressSource(), Payload: p}
	b, err := rec.MarshalBinary()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// multiset counts byte strings.
type multiset map[string]int

// tally compares what was consumed with what was expected: each expected
// value consumed once is delivered; lost ones were never consumed; every
// extra copy, and anything never expected, is a duplicate or a stranger.
func tally(want [][]byte, got []*kgo.Record) (delivered, lost, duplicated, strangers int) {
	w := multiset{}
	for _, b := range want {
		w[string(b)]++
	}
	seen := multiset{}
	for _, r := range got {
		seen[string(r.Value)]++
	}
	for v, n := range w {
		m := seen[v]
		delivered += min(n, m)
		lost += max(n-m, 0)
		duplicated += max(m-n, 0)
	}
	for v, m := range seen {
		if w[v] == 0 {
			strangers += m
		}
	}
	return
}
