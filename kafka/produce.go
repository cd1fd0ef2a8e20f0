package kafka

import (
	"context"
	"encoding/binary"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/wire"
)

// HeaderKey is the key of the Kafka record header that carries a walwire
// record's header: its value is the envelope Header message (source, dedup,
// kind, codec and keys), the very bytes that sit between the length and the
// payload in the record value.
const HeaderKey = "walwire"

// A KeyFunc appends the Kafka key of a record with header h to dst and
// returns the result; returning nil (or an empty slice) leaves the record
// without a key, so the client's partitioner picks its partition freely. dst
// has room for 16 bytes; a longer key allocates.
type KeyFunc func(dst []byte, h *envelope.Header) []byte

// FirstKey is the default KeyFunc: the first of the record's keys
// (envelope.Keys.First) as 8 big-endian bytes, and no key for a record whose
// keys are none. With kgo's default partitioner, which hashes the key, all
// the records whose keys start with the same key go to the same partition,
// in the order they were produced.
func FirstKey(dst []byte, h *envelope.Header) []byte {
	if h.Keys.IsNone() {
		return nil
	}
	return binary.BigEndian.AppendUint64(dst, h.Keys.First())
}

// Producer produces walwire records through a kgo.Client. Each record value
// is written once into a pooled buffer, which goes back to the pool when the
// record's promise has run: the *kgo.Record a promise receives, and its Value,
// Key and Headers, are valid only until the promise returns.
//
// A Producer is safe for concurrent use, as the client is.
type Producer struct {
	client *kgo.Client
	topic  string
	key    KeyFunc
}

// NewProducer returns a Producer that produces to topic ("" means the
// client's DefaultProduceTopic) with Kafka keys from key (nil means
// FirstKey).
func NewProducer(client *kgo.Client, topic string, key KeyFunc) *Producer {
	if key == nil {
		key = FirstKey
	}
	return &Producer{client: client, topic: topic, key: key}
}

// Produce writes r into a pooled buffer and hands it to the client, which
// calls promise (if not nil) once Kafka has acknowledged the record or it
// failed; a broker that never answers may delay that indefinitely (see "When
// a broker does not answer" in the package documentation). Produce blocks
// while the client's buffer is full, at most until ctx ends. An invalid record
// is refused with the envelope's error, before anything is buffered or
// produced, and promise is not called.
func (p *Producer) Produce(ctx context.Context, r *envelope.Record, promise func(*kgo.Record, error)) error {
	buf, err := r.Marshal()
	if err != nil {
		return err
	}
	return p.send(ctx, buf, promise)
}

// ProduceBytes produces rec, an encoded v2 record (as read from a frame
// stream), copied into a pooled buffer: rec may be reused as soon as
// ProduceBytes returns. Its header must parse (envelope.Parse), or rec is
// refused with that error; the payload is passed on as it is.
func (p *Producer) ProduceBytes(ctx context.Context, rec []byte, promise func(*kgo.Record, error)) error {
	buf := pool.Get(len(rec))
	buf.B = append(buf.B, rec...)
	return p.send(ctx, buf, promise) // parses the copy once, refusing it (buffer back in the pool) if need be
}

// ProduceRaw produces the stored record raw (its header re-encoded, with
// the header fields this build does not know kept; its payload as it is),
// copied into a pooled buffer. A header that a reader would reject is
// refused with the envelope's error.
func (p *Producer) ProduceRaw(ctx context.Context, raw *envelope.Raw, promise func(*kgo.Record, error)) error {
	buf := pool.Get(raw.Size())
	b, err := raw.AppendBinary(buf.B)
	if err != nil {
		pool.Put(buf)
		return err
	}
	buf.B = b
	return p.send(ctx, buf, promise)
}

// send produces the record in buf, which it owns from now on. A record
// whose header does not parse (only ProduceBytes can pass one: the other
// callers wrote b with a checked writer) is refused and buf goes back to the
// pool.
func (p *Producer) send(ctx context.Context, buf *pool.Buffer, promise func(*kgo.Record, error)) error {
	b := buf.B
	raw, err := envelope.Parse(b)
	if err != nil {
		pool.Put(buf)
		return err
	}
	m := getMessage()
	m.buf = buf
	m.promise = promise
	m.hdr[0] = kgo.RecordHeader{Key: HeaderKey, Value: headerBytes(b, raw.Payload)}
	m.rec.Topic = p.topic
	m.h = raw.Header // the KeyFunc gets a pointer into the message: raw stays on the stack
	m.rec.Key = p.key(m.key[:0], &m.h)
	m.rec.Value = b
	m.rec.Headers = m.hdr[:]
	debugSent()
	p.client.Produce(ctx, &m.rec, m.done)
	return nil
}

// headerBytes returns the Header message of the record b whose payload is
// the tail payload of b.
func headerBytes(b, payload []byte) []byte {
	_, n, _ := wire.ConsumeVarint(b[1:])
	return b[1+n : len(b)-len(payload)]
}

// message is one record on its way to Kafka, with everything the client
// needs kept together so that producing it allocates nothing of its own.
// Messages are pooled.
type message struct {
	rec     kgo.Record
	hdr     [1]kgo.RecordHeader
	h       envelope.Header
	key     [16]byte
	buf     *pool.Buffer
	promise func(*kgo.Record, error)
	done    func(*kgo.Record, error) // m.finish, bound once per message
}

var messages sync.Pool

func getMessage() *message {
	if m, ok := messages.Get().(*message); ok {
		return m
	}
	m := new(message)
	m.done = m.finish
	return m
}

// finish runs the user's promise, then returns the buffer and the message to
// their pools.
func (m *message) finish(r *kgo.Record, err error) {
	if m.promise != nil {
		m.promise(r, err)
	}
	pool.Put(m.buf)
	done := m.done
	*m = message{done: done}
	messages.Put(m)
	debugFinished()
}
