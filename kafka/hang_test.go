package kafka_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/kafka"
)

// The timeouts of the hung-broker tests, short so that the test is quick.
//
// A client learns that a broker does not answer a produce request only from
// its read deadline on the connection: ProduceRequestTimeout (the time the
// broker is given, sent in the request) plus RequestTimeoutOverhead, 10 s
// each by default. It then closes the connection and sends the request
// again. RecordDeliveryTimeout is checked only at those points (before a
// request is written, after it got an answer or failed), and, with the
// idempotent producer, it fails a record already sent only if
// AllowIdempotentProduceCancellation is set.
const (
	hangRequestTimeout  = 250 * time.Millisecond // kgo.ProduceRequestTimeout
	hangOverhead        = 250 * time.Millisecond // kgo.RequestTimeoutOverhead
	hangDeliveryTimeout = time.Second            // kgo.RecordDeliveryTimeout: franz-go's minimum
	hangContextTimeout  = 400 * time.Millisecond // deadline of the context given to Produce
	// hangMargin is added to every upper bound on time: generous, as the
	// machine running the tests may be busy.
	hangMargin = 3 * time.Second
)

// hangTimeouts are the client options that make a hung broker noticed early.
var hangTimeouts = []kgo.Opt{
	kgo.ProduceRequestTimeout(hangRequestTimeout),
	kgo.RequestTimeoutOverhead(hangOverhead),
}

// hangDelivery is hangTimeouts with a RecordDeliveryTimeout.
var hangDelivery = append(hangTimeouts[:len(hangTimeouts):len(hangTimeouts)], kgo.RecordDeliveryTimeout(hangDeliveryTimeout))

// hangRecords is how many records each round of a hung-broker case produces:
// two records of each kind.
const hangRecords = 2 * 22

// TestProduceHungBroker produces while every broker takes produce requests
// and never answers them (the connection stays open, no answer, no close),
// checks what the promises get and when, that every pooled buffer is back in
// the pool once its promise has run, then lets the brokers answer again (the
// requests they held are written late), produces more and reads the topic
// back: acknowledged records exactly once, records that failed at most once.
func TestProduceHungBroker(t *testing.T) {
	cases := []struct {
		name string
		opts []kgo.Opt
		// withDeadline gives Produce a context that ends after
		// hangContextTimeout.
		withDeadline bool
		// full: the client buffers at most the records of the first
		// round, so that one more Produce blocks.
		full bool
		// closeClient closes the client while the broker holds the
		// records; the recovery then uses a new client.
		closeClient bool
		// wantErr is what every promise of the first round gets while the
		// broker hangs, within [minWait, maxWait] of producing; nil means
		// that no promise runs while the broker hangs, however long it is
		// watched (window).
		wantErr          error
		minWait, maxWait time.Duration
		window           time.Duration
		// lateErrs are, when wantErr is nil, the errors a promise of the
		// first round may get once the broker answers again; none means
		// that all are then acknowledged.
		lateErrs []error
	}{
		{
			// The default: idempotent, no cancellation. A record sent
			// in a request that got no answer is sent again after every
			// read timeout (ProduceRequestTimeout +
			// RequestTimeoutOverhead), for as long as it takes.
			// With the buffer full (MaxBufferedRecords), Produce
			// itself blocks until its context ends.
			name:   "idempotent: promises wait for the broker",
			opts:   append([]kgo.Opt{kgo.MaxBufferedRecords(hangRecords)}, hangTimeouts...),
			full:   true,
			window: 2*(hangRequestTimeout+hangOverhead) + 250*time.Millisecond,
		},
		{
			// Failing a record already sent could leave the client's
			// sequence numbers out of step with the broker's, so the
			// idempotent producer applies neither RecordDeliveryTimeout
			// nor the Produce context to it, nor to the records queued
			// behind it in its partition. Once the broker answers, those
			// queued records that were never sent fail, with the
			// context's error (checked first) or kgo.ErrRecordTimeout:
			// how many depends on how the client batched them.
			name:         "idempotent: RecordDeliveryTimeout and context deadline do not apply",
			opts:         hangDelivery,
			withDeadline: true,
			window:       hangDeliveryTimeout + 2*(hangRequestTimeout+hangOverhead) + 250*time.Millisecond,
			lateErrs:     []error{context.DeadlineExceeded, kgo.ErrRecordTimeout},
		},
		{
			// AllowIdempotentProduceCancellation lets the client fail
			// records it sent: RecordDeliveryTimeout fails them at the
			// first check after it expired, at most one read timeout
			// (ProduceRequestTimeout + RequestTimeoutOverhead) later.
			name:    "cancellation allowed: RecordDeliveryTimeout",
			opts:    append([]kgo.Opt{kgo.AllowIdempotentProduceCancellation()}, hangDelivery...),
			wantErr: kgo.ErrRecordTimeout,
			minWait: hangDeliveryTimeout,
			maxWait: hangDeliveryTimeout + hangRequestTimeout + hangOverhead + hangMargin,
		},
		{
			// With cancellation allowed, the records fail as soon as
			// the context given to Produce ends, without waiting for
			// the read deadline (20 s by default, kept here).
			name:         "cancellation allowed: Produce context deadline",
			opts:         []kgo.Opt{kgo.AllowIdempotentProduceCancellation()},
			withDeadline: true,
			wantErr:      context.DeadlineExceeded,
			minWait:      hangContextTimeout,
			maxWait:      hangContextTimeout + hangMargin,
		},
		{
			// Closing the client fails everything it holds, at once.
			name:        "idempotent: client closed",
			opts:        hangTimeouts,
			closeClient: true,
			wantErr:     kgo.ErrClientClosed,
			maxWait:     hangMargin,
		},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkPending(t, "before producing", 0)
			const topic = "hung"
			c := newCluster(t, topic)
			h := hangProduce(t, c)
			opts := append(tc.opts[:len(tc.opts):len(tc.opts)], kgo.DefaultProduceTopic(topic))
			cl := newClient(t, c, opts...)

			// Round 1, to the hung brokers.
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			start := time.Now()
			if tc.withDeadline {
				ctx, cancel = context.WithTimeout(ctx, hangContextTimeout)
			}
			defer cancel()
			pr1 := newProduced()
			want1 := produceRound(ctx, t, kafka.NewProducer(cl, "", nil), uint64(i)*4, pr1)

			if tc.wantErr == nil {
				// Watch long enough for the request to time out twice
				// (and RecordDeliveryTimeout, if set, to expire):
				// nothing may fail, Flush waits.
				fctx, fcancel := context.WithTimeout(context.Background(), tc.window)
				err := cl.Flush(fctx)
				fcancel()
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("Flush while the broker hangs: %v, want %v", err, context.DeadlineExceeded)
				}
				if n := pr1.calls(); n != 0 {
					t.Fatalf("%d promises ran after %v while the broker never answered, want 0", n, time.Since(start))
				}
				// The client timed the request out and sent it again
				// (the new copy is held too): it did notice the hang.
				if held := h.held.Load(); held < 2 {
					t.Fatalf("%d produce requests held, want at least 2 (one sent again after a read timeout)", held)
				}
				checkPending(t, "while the broker holds every record", hangRecords)
				t.Logf("after %v: 0 of %d promises run, %d produce requests held, Flush: %v",
					time.Since(start).Round(time.Millisecond), hangRecords, h.held.Load(), err)
				if tc.full {
					checkBlocked(t, kafka.NewProducer(cl, "", nil))
				}
			} else {
				if tc.closeClient {
					h.waitHeld(t, 1)
					cl.Close()
				}
				fctx, fcancel := context.WithTimeout(context.Background(), testTimeout)
				err := cl.Flush(fctx)
				fcancel()
				flushed := time.Since(start)
				if err != nil {
					t.Fatalf("Flush while the broker hangs: %v, want nil once every record failed", err)
				}
				if flushed > tc.maxWait {
					t.Fatalf("Flush returned after %v, want at most %v", flushed, tc.maxWait)
				}
				checkFailed(t, pr1, want1, tc.wantErr, start, tc.minWait, tc.maxWait)
				// Every buffer is back while the broker still holds
				// the requests that carried them.
				checkPending(t, "after every promise ran, the broker still hung", 0)
				t.Logf("%d of %d promises got %v after %v..%v (bounds %v..%v), %d produce requests held, Flush returned after %v",
					len(pr1.failed), hangRecords, tc.wantErr, pr1.first.Sub(start).Round(time.Millisecond), pr1.last.Sub(start).Round(time.Millisecond),
					tc.minWait, tc.maxWait, h.held.Load(), flushed.Round(time.Millisecond))
			}

			// The brokers answer again: first the requests they held.
			h.answer()
			pr1.wait(t)
			if tc.wantErr == nil {
				for _, err := range pr1.errs {
					if !slices.ContainsFunc(tc.lateErrs, func(want error) bool { return errors.Is(err, want) }) {
						t.Fatalf("once the broker answered: promise error %v, want nil or one of %v", err, tc.lateErrs)
					}
				}
				if len(tc.lateErrs) == 0 && pr1.ok != hangRecords {
					t.Fatalf("once the broker answered: acknowledged %d of %d", pr1.ok, hangRecords)
				}
				t.Logf("once the broker answered: acknowledged %d, failed %d %v", pr1.ok, len(pr1.errs), pr1.errs)
			}

			// Round 2, after the recovery.
			if tc.closeClient {
				cl = newClient(t, c, opts...)
			}
			pr2 := newProduced()
			want2 := produceRound(context.Background(), t, kafka.NewProducer(cl, "", nil), uint64(i)*4+2, pr2)
			fctx, fcancel := context.WithTimeout(context.Background(), testTimeout)
			err := cl.Flush(fctx)
			fcancel()
			if err != nil {
				t.Fatalf("Flush after the broker answered again: %v", err)
			}
			pr2.wait(t)
			if pr2.ok != hangRecords || len(pr2.errs) != 0 {
				t.Fatalf("after the broker answered again: acknowledged %d of %d, errors %v", pr2.ok, hangRecords, pr2.errs)
			}
			checkPending(t, "after the recovery", 0)

			acked := want2
			for _, b := range want1 {
				if _, failed := pr1.failed[string(b)]; !failed {
					acked = append(acked, b)
				}
			}
			got := consumeUntil(t, consumer(t, c, topic), "every acknowledged record", func(got []*kgo.Record) bool {
				return countIn(got, acked) == len(acked)
			})
			checkLog(t, got, acked, pr1.failed)
		})
	}
}

// produceRound produces two records of every kind, with keys derived from
// k and k+1, with promises from pr, and returns their values.
func produceRound(ctx context.Context, t *testing.T, prod *kafka.Producer, k uint64, pr *produced) [][]byte {
	t.Helper()
	var want [][]byte
	for _, k := range []uint64{k, k + 1} {
		for _, p := range payloads(k * 7919) {
			want = append(want, encode(t, p))
			if err := prod.Produce(ctx, &envelope.Record{Source: envelope.IngressSource(), Payload: p}, pr.promise()); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(want) != hangRecords {
		t.Fatalf("produced %d records, want %d", len(want), hangRecords)
	}
	return want
}

// checkFailed checks that every promise of pr has run, every one with an
// error that is wantErr, for the record it was given (one of want), between
// minWait and maxWait after start.
func checkFailed(t *testing.T, pr *produced, want [][]byte, wantErr error, start time.Time, minWait, maxWait time.Duration) {
	t.Helper()
	pr.wait(t)
	if pr.ok != 0 || len(pr.errs) != len(want) || len(pr.failed) != len(want) {
		t.Fatalf("acknowledged %d, failed %d (%d distinct records), want %d failed", pr.ok, len(pr.errs), len(pr.failed), len(want))
	}
	for _, b := range want {
		err, ok := pr.failed[string(b)]
		if !ok {
			t.Fatal("a record's promise did not get its record")
		}
		if !errors.Is(err, wantErr) {
			t.Fatalf("promise error %v, want %v", err, wantErr)
		}
	}
	if first, last := pr.first.Sub(start), pr.last.Sub(start); first < minWait || last > maxWait {
		t.Fatalf("promises ran from %v to %v after producing, want within %v..%v", first, last, minWait, maxWait)
	}
}

// checkBlocked checks that Produce, with the client's buffer full of records
// a hung broker holds, blocks until its context ends, and that the record's
// promise then gets the context's error and its buffer is released. The
// record is never buffered, so never written: checkLog would count it as a
// stranger.
func checkBlocked(t *testing.T, prod *kafka.Producer) {
	t.Helper()
	pr := newProduced()
	ctx, cancel := context.WithTimeout(context.Background(), hangContextTimeout)
	defer cancel()
	start := time.Now()
	if err := prod.Produce(ctx, &envelope.Record{Source: envelope.IngressSource(), Payload: payloads(1 << 40)[0]}, pr.promise()); err != nil {
		t.Fatal(err)
	}
	returned := time.Since(start)
	pr.wait(t)
	if returned < hangContextTimeout || returned > hangContextTimeout+hangMargin {
		t.Fatalf("Produce with a full buffer returned after %v, want within %v..%v", returned, hangContextTimeout, hangContextTimeout+hangMargin)
	}
	if pr.ok != 0 || len(pr.errs) != 1 || !errors.Is(pr.errs[0], context.DeadlineExceeded) {
		t.Fatalf("Produce with a full buffer: acknowledged %d, errors %v, want one %v", pr.ok, pr.errs, context.DeadlineExceeded)
	}
	checkPending(t, "after a blocked Produce gave up", hangRecords)
	t.Logf("with %d records buffered, Produce returned after %v, its promise got %v", hangRecords, returned.Round(time.Millisecond), pr.errs[0])
}

// countIn returns how many of the distinct values want are among got.
func countIn(got []*kgo.Record, want [][]byte) int {
	seen := make(map[string]bool, len(got))
	for _, r := range got {
		seen[string(r.Value)] = true
	}
	n := 0
	for _, b := range want {
		if seen[string(b)] {
			n++
		}
	}
	return n
}

// checkLog checks what was consumed: every acknowledged record exactly once,
// every failed record at most once (a broker that was only stalled may have
// written it after the client gave up), nothing else.
func checkLog(t *testing.T, got []*kgo.Record, acked [][]byte, failed map[string]error) {
	t.Helper()
	seen := multiset{}
	for _, r := range got {
		seen[string(r.Value)]++
	}
	var lost, dup, lateWritten, strangers int
	for _, b := range acked {
		switch n := seen[string(b)]; {
		case n == 0:
			lost++
		case n > 1:
			dup += n - 1
		}
		delete(seen, string(b))
	}
	for v, n := range seen {
		if _, ok := failed[v]; !ok || n > 1 {
			strangers += n
			continue
		}
		lateWritten++
	}
	t.Logf("consumed %d: acknowledged %d (lost %d, duplicated %d), failed %d of which written late %d, others %d",
		len(got), len(acked), lost, dup, len(failed), lateWritten, strangers)
	if lost != 0 || dup != 0 || strangers != 0 {
		t.Fatalf("acknowledged records lost %d, duplicated %d; records neither acknowledged nor failed once, or failed but written twice: %d", lost, dup, strangers)
	}
}

// checkPending checks, in the debug build, how many records the producers
// have in flight (whose pooled buffer is not yet released).
func checkPending(t *testing.T, when string, want int64) {
	t.Helper()
	if n, ok := kafka.Pending(); ok && n != want {
		t.Fatalf("%s: %d records in flight (buffers not released), want %d", when, n, want)
	}
}

// hungBroker makes every broker of a cluster take produce requests and never
// answer them: the connection stays open, nothing is sent back, nothing is
// closed. Each request is held (kfake's SleepControl) until answer is called;
// a held request is then handled as usual, late, so that a batch the client
// gave up on may still be written, as a broker that was only stalled would.
// Other requests (metadata, producer IDs, fetches) are answered as usual.
type hungBroker struct {
	release chan struct{}
	once    sync.Once
	held    atomic.Int64 // produce requests held so far
}

func hangProduce(t *testing.T, c *kfake.Cluster) *hungBroker {
	h := &hungBroker{release: make(chan struct{})}
	c.ControlKey(int16(kmsg.Produce), func(kmsg.Request) (kmsg.Response, error, bool) {
		select {
		case <-h.release:
			c.DropControl()
			return nil, nil, false
		default:
		}
		h.held.Add(1)
		c.SleepControl(func() { <-h.release })
		return nil, nil, false // not handled here: the cluster writes and answers it now
	})
	t.Cleanup(h.answer) // a held request would otherwise outlive the test
	return h
}

// answer lets the brokers answer again, the held requests first.
func (h *hungBroker) answer() { h.once.Do(func() { close(h.release) }) }

// waitHeld waits until at least n produce requests are held.
func (h *hungBroker) waitHeld(t *testing.T, n int64) {
	t.Helper()
	deadline := time.Now().Add(testTimeout)
	for h.held.Load() < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d produce requests held, want %d", h.held.Load(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
