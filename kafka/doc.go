// Package kafka carries walwire records through Kafka, on the franz-go client
// (github.com/twmb/franz-go/pkg/kgo). It is a module of its own, so that the
// walwire library does not depend on franz-go.
//
// # Producing
//
// A Producer turns a walwire record (an envelope.Record, an encoded record, or
// an envelope.Raw) into a Kafka record:
//
//   - value: the stored record bytes (codec byte, header, payload), written
//     once into a pooled buffer that goes back to the pool when the record's
//     promise has run;
//   - key: derived from the record's keys by a KeyFunc, FirstKey by default
//     (the first key, 8 bytes big-endian), so that the client's partitioner
//     sends the records of a key to one partition;
//   - headers: one header, HeaderKey, whose value is the record's envelope
//     Header message (kind, codec, keys, source and dedup), so a consumer can
//     filter without reading the value.
//
// Apart from what kgo allocates for a record it is given, producing allocates
// nothing: the kgo.Record, its header and its key live in a pooled holder.
//
// # When a broker does not answer
//
// Every record's promise runs exactly once, whatever the outcome, and its
// buffer goes back to the pool right after; until then the client holds the
// buffer. How long that takes when a broker accepts produce requests and
// never answers is kgo's choice, set by its options:
//
//   - The client notices only when its read deadline passes,
//     kgo.ProduceRequestTimeout plus kgo.RequestTimeoutOverhead (10 s each
//     by default); it then closes the connection and sends the request
//     again.
//   - With the idempotent producer (kgo's default), a record sent in a
//     request that got no answer, and every record queued behind it in its
//     partition, waits for as long as the broker stays silent: neither
//     kgo.RecordDeliveryTimeout nor the context given to Produce fails it.
//     Its promise does not run; Flush, and whatever waits for promises
//     (kgo.FirstErrPromise.Err), waits too; once the client holds
//     kgo.MaxBufferedRecords records, Produce blocks until its context ends
//     (that record's promise then gets the context's error). When the
//     broker answers again, the records are acknowledged, none lost and none
//     duplicated; only the queued records that were never sent fail, if
//     their context has ended or they are older than
//     kgo.RecordDeliveryTimeout (kgo.ErrRecordTimeout).
//   - kgo.AllowIdempotentProduceCancellation bounds the wait: the promises
//     get kgo.ErrRecordTimeout at most one read deadline after
//     kgo.RecordDeliveryTimeout has passed, or the context's error as soon
//     as the context given to Produce ends. The broker may still write such
//     a record later: a failed record is one whose fate is unknown, and
//     producing it again may store it twice.
//   - Closing the client fails every record it holds with
//     kgo.ErrClientClosed.
//
// TestProduceHungBroker checks each of these against kfake, with every
// buffer accounted for.
//
// # Consuming
//
// Match decides from the Kafka header alone whether a record passes an
// envelope.KeyFilter (falling back to the value's own header for a record
// produced without it), Matching iterates over the matching records of a
// fetch, and Parse gives a zero-copy envelope.Raw over the value, to be decoded
// lazily into a typed payload. Values from kgo are never reused by the client,
// so zero-copy decoded payloads may be kept as long as the record.
package kafka
