package kafka

import (
	"iter"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/wire"
)

// Header returns the walwire header of r. It reads the walwire Kafka header
// (HeaderKey) when r has one, without looking at the value; a record without
// it, such as one produced by other tools, has its header parsed from the
// value (the payload is not looked at either way). It does not allocate
// unless the bytes are malformed: the errors are the envelope's and wire's
// (errors.Is tells them apart), with offsets counted from the start of the
// Kafka header's value, or of the record value when it was parsed; r's Topic,
// Partition and Offset say where the record is.
func Header(r *kgo.Record) (envelope.Header, error) {
	for i := range r.Headers {
		if r.Headers[i].Key == HeaderKey {
			return parseHeader(r.Headers[i].Value)
		}
	}
	raw, err := envelope.Parse(r.Value)
	return raw.Header, err
}

// parseHeader decodes the Header message b, zero-copy.
func parseHeader(b []byte) (envelope.Header, error) {
	var h envelope.Header
	rd := wire.NewReader(b, wire.ZeroCopy)
	if err := h.MergeFrom(&rd); err != nil {
		return envelope.Header{}, wire.Within(err, "kafka header "+HeaderKey)
	}
	if err := h.Validate(); err != nil {
		return envelope.Header{}, wire.Within(err, "kafka header "+HeaderKey)
	}
	return h, nil
}

// Match reports whether r passes the key filter f, deciding from r's walwire
// Kafka header alone when it has one (see Header). A record whose header
// cannot be read matches, so that it is never skipped unseen: the caller's
// Parse then reports what is wrong with it.
func Match(r *kgo.Record, f envelope.KeyFilter) bool {
	h, err := Header(r)
	return err != nil || h.Keys.Matches(f)
}

// Parse returns r's value as a walwire record with its header decoded and its
// payload not (envelope.Parse): a zero-copy view that aliases r.Value, to be
// decoded when needed with Raw.DecodeZeroCopy, Raw.Decode, or records.Decode.
func Parse(r *kgo.Record) (envelope.Raw, error) {
	return envelope.Parse(r.Value)
}

// Matching returns the records of fs, in fetch order, that pass the key
// filter f (see Match), without touching their values.
func Matching(fs kgo.Fetches, f envelope.KeyFilter) iter.Seq[*kgo.Record] {
	return func(yield func(*kgo.Record) bool) {
		for r := range fs.RecordsAll() {
			if Match(r, f) && !yield(r) {
				return
			}
		}
	}
}
