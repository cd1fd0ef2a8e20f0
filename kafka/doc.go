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
// # Consuming
//
// Match decides from the Kafka header alone whether a record passes an
// envelope.KeyFilter (falling back to the value's own header for a record
// produced without it), Matching iterates over the matching records of a
// fetch, and Parse gives a zero-copy envelope.Raw over the value, to be decoded
// lazily into a typed payload. Values from kgo are never reused by the client,
// so zero-copy decoded payloads may be kept as long as the record.
package kafka
