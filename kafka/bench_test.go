package kafka_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/kafka"
	"github.com/walwire/walwire/kafka/internal/pb"
	"github.com/walwire/walwire/records"
)

// benchRecord is one record of the benchmark, for both sides.
type benchRecord struct {
	rec      *envelope.Record // walwire
	header   *pb.Header       // protobuf-go: the same header
	payload  proto.Message    // protobuf-go: the same payload (nil for kind 21, whose payload is bytes)
	rawBytes []byte           // kind 21's payload
}

// pbPayloads gives, for each kind, a new protobuf-go message of its payload
// type (nil for kind 21, whose payload is opaque bytes).
var pbPayloads = [...]func() proto.Message{
	1:  func() proto.Message { return new(pb.AnnounceLeader) },
	2:  func() proto.Message { return new(pb.VersionBarrier) },
	3:  func() proto.Message { return new(pb.PartitionDurability) },
	4:  func() proto.Message { return new(pb.ExternalStateMutation) },
	5:  func() proto.Message { return new(pb.InvocationTermination) },
	6:  func() proto.Message { return new(pb.PurgeInvocationRequest) },
	7:  func() proto.Message { return new(pb.PurgeInvocationRequest) },
	8:  func() proto.Message { return new(pb.ServiceInvocation) },
	9:  func() proto.Message { return new(pb.TruncateOutbox) },
	10: func() proto.Message { return new(pb.ProxyThrough) },
	11: func() proto.Message { return new(pb.AttachInvocationRequest) },
	12: func() proto.Message { return new(pb.ResumeInvocationRequest) },
	13: func() proto.Message { return new(pb.RestartAsNewInvocationRequest) },
	14: func() proto.Message { return new(pb.Effect) },
	15: func() proto.Message { return new(pb.TimerKeyValue) },
	16: func() proto.Message { return new(pb.TimerKeyValue) },
	17: func() proto.Message { return new(pb.InvocationResponse) },
	18: func() proto.Message { return new(pb.GetInvocationOutputResponse) },
	19: func() proto.Message { return new(pb.NotifySignalRequest) },
	20: func() proto.Message { return new(pb.UpsertSchema) },
	21: nil,
	22: func() proto.Message { return new(pb.UpsertRuleBook) },
}

// benchCorpus returns records of every kind with varied keys, each as a
// walwire record and as protobuf-go messages read from the walwire bytes. It
// checks that protobuf-go writes them back to the same bytes, so that both
// sides produce and consume identical Kafka records.
func benchCorpus(b *testing.B) []benchRecord {
	var out []benchRecord
	for k := range uint64(8) {
		for _, p := range payloads(k * 7919) {
			rec := &envelope.Record{Source: envelope.ProcessorSource(k), Dedup: envelope.SelfProposal(k, 100+k), Payload: p}
			stored, err := rec.MarshalBinary()
			if err != nil {
				b.Fatal(err)
			}
			raw, err := envelope.Parse(stored)
			if err != nil {
				b.Fatal(err)
			}
			br := benchRecord{rec: rec, header: new(pb.Header)}
			if err := proto.Unmarshal(headerOf(stored, raw.Payload), br.header); err != nil {
				b.Fatal(err)
			}
			if f := pbPayloads[p.Kind()]; f != nil {
				br.payload = f()
				if err := proto.Unmarshal(raw.Payload, br.payload); err != nil {
					b.Fatal(err)
				}
			} else {
				br.rawBytes = raw.Payload
			}
			if v, _, _ := protobufRecord(&br); !bytes.Equal(v, stored) {
				b.Fatalf("kind %v: protobuf-go writes\n%x\nwalwire\n%x", p.Kind(), v, stored)
			}
			out = append(out, br)
		}
	}
	return out
}

// headerOf returns the Header message of the stored record b.
func headerOf(b, payload []byte) []byte {
	_, n := protowire.ConsumeVarint(b[1:])
	return b[1+n : len(b)-len(payload)]
}

var marshalOpts = proto.MarshalOptions{UseCachedSize: true}

// protobufRecord is the protobuf-go side of producing: the stored record
// (codec byte, header length, header, payload) in one slice of its exact size,
// the header's bytes within it, and the key (the first key, as FirstKey).
func protobufRecord(br *benchRecord) (value, header, key []byte) {
	hs := proto.Size(br.header)
	ps := len(br.rawBytes)
	if br.payload != nil {
		ps = proto.Size(br.payload)
	}
	value = make([]byte, 0, 1+protowire.SizeVarint(uint64(hs))+hs+ps)
	value = append(value, envelope.V2CodecByte)
	value = protowire.AppendVarint(value, uint64(hs))
	start := len(value)
	value, _ = marshalOpts.MarshalAppend(value, br.header)
	header = value[start:]
	if br.payload != nil {
		value, _ = marshalOpts.MarshalAppend(value, br.payload)
	} else {
		value = append(value, br.rawBytes...)
	}
	if k := br.header.GetKeys(); k != nil {
		var first uint64
		switch {
		case k.GetPair() != nil:
			first = k.GetPair().GetA()
		case k.GetRangeInclusive() != nil:
			first = k.GetRangeInclusive().GetStart()
		default:
			first = k.GetSingle()
		}
		key = binary.BigEndian.AppendUint64(make([]byte, 0, 8), first)
	}
	return value, header, key
}

// BenchmarkProduceConsume produces b.N records through an in-process Kafka
// cluster (kfake, loopback) and consumes them back, decoding every payload:
// walwire (Producer.Produce; Matching, Parse and DecodeZeroCopy) against
// protobuf-go (proto.Marshal of header and payload into a new slice; on
// consume proto.Unmarshal of the Kafka header and of the payload into reused
// messages). Both sides produce the same bytes, with the same key and header.
// The broker runs in the same process, so its work is in the figures too.
func BenchmarkProduceConsume(b *testing.B) {
	corpus := benchCorpus(b)
	b.Run("impl=walwire", func(b *testing.B) {
		decoders := make([]records.Payload, len(pbPayloads))
		for k := range decoders[1:] {
			p, err := records.New(envelope.Kind(k + 1))
			if err != nil {
				b.Fatal(err)
			}
			decoders[k+1] = p
		}
		runProduceConsume(b, func(ctx context.Context, cl *kgo.Client) func(int, func(*kgo.Record, error)) {
			prod := kafka.NewProducer(cl, "", nil)
			return func(i int, promise func(*kgo.Record, error)) {
				if err := prod.Produce(ctx, corpus[i%len(corpus)].rec, promise); err != nil {
					b.Fatal(err)
				}
			}
		}, func(fs kgo.Fetches) {
			for r := range kafka.Matching(fs, envelope.AnyKey()) {
				raw, err := kafka.Parse(r)
				if err != nil {
					b.Fatal(err)
				}
				if err := raw.DecodeZeroCopy(decoders[raw.Header.Kind]); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	b.Run("impl=protobuf-go", func(b *testing.B) {
		msgs := make([]proto.Message, len(pbPayloads))
		for k, f := range pbPayloads {
			if f != nil {
				msgs[k] = f()
			}
		}
		var h pb.Header
		runProduceConsume(b, func(ctx context.Context, cl *kgo.Client) func(int, func(*kgo.Record, error)) {
			return func(i int, promise func(*kgo.Record, error)) {
				value, header, key := protobufRecord(&corpus[i%len(corpus)])
				cl.Produce(ctx, &kgo.Record{Key: key, Value: value, Headers: []kgo.RecordHeader{{Key: kafka.HeaderKey, Value: header}}}, promise)
			}
		}, func(fs kgo.Fetches) {
			for r := range fs.RecordsAll() {
				if len(r.Headers) != 1 || proto.Unmarshal(r.Headers[0].Value, &h) != nil {
					b.Fatal("no header")
				}
				_, n := protowire.ConsumeVarint(r.Value[1:])
				payload := r.Value[1+n+len(r.Headers[0].Value):]
				if m := msgs[h.GetKind()]; m != nil {
					if err := proto.Unmarshal(payload, m); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	})
}

// runProduceConsume times producing b.N records with the function newProduce
// returns, waiting for every acknowledgement, then consuming them with consume.
func runProduceConsume(b *testing.B, newProduce func(context.Context, *kgo.Client) func(int, func(*kgo.Record, error)), consume func(kgo.Fetches)) {
	const topic = "bench"
	c := newCluster(b, topic)
	ctx := context.Background()
	pcl := newClient(b, c, kgo.DefaultProduceTopic(topic))
	ccl := consumer(b, c, topic)
	produce := newProduce(ctx, pcl)
	b.ReportAllocs()
	b.ResetTimer()
	var promises kgo.FirstErrPromise
	for i := range b.N {
		produce(i, promises.Promise())
	}
	if err := promises.Err(); err != nil {
		b.Fatal(err)
	}
	for n := 0; n < b.N; {
		fs := ccl.PollFetches(ctx)
		if err := fs.Err(); err != nil {
			b.Fatal(err)
		}
		n += fs.NumRecords()
		consume(fs)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
