package kafka_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/kafka"
)

// faultCount is how many produce requests each case disturbs.
const faultCount = 5

// TestProduceFaults disturbs produce requests through kfake's faults and
// request control while the idempotent producer sends records of every kind,
// then reads the topic back: every record must be there exactly once.
func TestProduceFaults(t *testing.T) {
	for _, tc := range faultCases {
		t.Run(tc.name, func(t *testing.T) {
			want, got, pr, hits := runFaultCase(t, tc.inject)
			delivered, lost, dup, strangers := tally(want, got)
			t.Logf("%s: faults injected %d; produced %d, acknowledged %d, failed %d; consumed %d: lost %d, duplicated %d",
				tc.name, hits, len(want), pr.ok, len(pr.errs), len(got), lost, dup)
			if hits == 0 {
				t.Fatal("no fault was injected")
			}
			if len(pr.errs) > 0 || pr.ok != len(want) {
				t.Fatalf("acknowledged %d of %d, errors %v", pr.ok, len(want), pr.errs)
			}
			if delivered != len(want) || lost != 0 || dup != 0 || strangers != 0 {
				t.Fatalf("delivered %d of %d, lost %d, duplicated %d, strangers %d", delivered, len(want), lost, dup, strangers)
			}
		})
	}
	// The control: without idempotence, a write whose acknowledgement is
	// lost is written again, so the faults above do reach the log.
	t.Run("control: request timed out, producer not idempotent", func(t *testing.T) {
		want, got, _, hits := runFaultCase(t, faultCases[1].inject, kgo.DisableIdempotentWrite())
		_, _, dup, _ := tally(want, got)
		t.Logf("faults injected %d; produced %d; consumed %d: duplicated %d", hits, len(want), len(got), dup)
		if dup == 0 {
			t.Fatal("no duplicate without idempotence: the fault did not reach the log")
		}
	})
}

// runFaultCase starts a cluster, installs the faults, produces records of
// every kind with a producer (idempotent unless opts say otherwise), and
// consumes them back.
func runFaultCase(t *testing.T, inject func(*testing.T, *kfake.Cluster) func() int, opts ...kgo.Opt) (want [][]byte, got []*kgo.Record, pr *produced, hits int) {
	const topic = "faults"
	c := newCluster(t, topic)
	hitsFn := inject(t, c)
	prod := kafka.NewProducer(newClient(t, c, append(opts, kgo.DefaultProduceTopic(topic))...), "", nil)
	ctx := context.Background()
	pr = newProduced()
	for k := range uint64(10) {
		for _, p := range payloads(k * 7919) {
			want = append(want, encode(t, p))
			if err := prod.Produce(ctx, &envelope.Record{Source: envelope.IngressSource(), Payload: p}, pr.promise()); err != nil {
				t.Fatal(err)
			}
		}
	}
	pr.wait(t)
	got = consumeN(t, consumer(t, c, topic), len(want))
	return want, got, pr, hitsFn()
}

// faultCases are the ways produce requests are disturbed.
var faultCases = []struct {
	name   string
	inject func(t *testing.T, c *kfake.Cluster) (hits func() int)
}{
	{
		// The broker refuses the batch before writing it.
		name: "not leader, refused before the write",
		inject: func(t *testing.T, c *kfake.Cluster) func() int {
			h := c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Produce}, Err: kerr.NotLeaderForPartition, Count: faultCount})
			return h.Hits
		},
	},
	{
		// The broker writes the batch, then answers with an error: to
		// the client, the acknowledgement is lost.
		name: "request timed out, after the write",
		inject: func(t *testing.T, c *kfake.Cluster) func() int {
			h := c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Produce}, Err: kerr.RequestTimedOut, Count: faultCount})
			return h.Hits
		},
	},
	{
		name: "not enough replicas, after the write",
		inject: func(t *testing.T, c *kfake.Cluster) func() int {
			h := c.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Produce}, Err: kerr.NotEnoughReplicasAfterAppend, Count: faultCount})
			return h.Hits
		},
	},
	{
		// The connection closes before the broker reads the request.
		name: "request dropped, connection closed",
		inject: func(t *testing.T, c *kfake.Cluster) func() int {
			var n atomic.Int64
			c.ControlKey(int16(kmsg.Produce), func(kmsg.Request) (kmsg.Response, error, bool) {
				if n.Add(1) > faultCount {
					c.DropControl()
					return nil, nil, false
				}
				c.KeepControl()
				return nil, errors.New("injected: request dropped"), true
			})
			return func() int { return int(min(n.Load(), faultCount)) }
		},
	},
	{
		// The broker writes the batch (the request is handed to it on
		// another connection), then the connection of the producer
		// closes without an answer.
		name: "response dropped after the write",
		inject: func(t *testing.T, c *kfake.Cluster) func() int {
			fwd := newClient(t, c)
			var n atomic.Int64
			var forwarding atomic.Bool
			c.ControlKey(int16(kmsg.Produce), func(req kmsg.Request) (kmsg.Response, error, bool) {
				if forwarding.Load() || n.Load() >= faultCount {
					return nil, nil, false // the forwarded request, or done: handled normally
				}
				c.KeepControl()
				n.Add(1)
				node := c.CurrentNode()
				var ferr error
				forwarding.Store(true)
				c.SleepControl(func() {
					ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
					defer cancel()
					var resp kmsg.Response
					resp, ferr = fwd.Broker(int(node)).Request(ctx, req)
					if ferr == nil {
						for _, tp := range resp.(*kmsg.ProduceResponse).Topics {
							for _, p := range tp.Partitions {
								if p.ErrorCode != 0 {
									ferr = kerr.ErrorForCode(p.ErrorCode)
								}
							}
						}
					}
				})
				forwarding.Store(false)
				if ferr != nil {
					t.Errorf("forwarding the produce request: %v", ferr)
				}
				return nil, errors.New("injected: response dropped"), true
			})
			return func() int { return int(n.Load()) }
		},
	},
}
