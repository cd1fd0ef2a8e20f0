package bench

import (
	"fmt"

	"google.golang.org/protobuf/proto"

	"github.com/walwire/walwire/bench/internal/easypb"
	"github.com/walwire/walwire/bench/internal/mirror"
	"github.com/walwire/walwire/bench/internal/pb"
	"github.com/walwire/walwire/bench/internal/v1json"
	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/v1compat"
)

// Fixture is one benchmark record, in the form each implementation starts
// from. All forms hold the same values; fairness_test.go checks it.
type Fixture struct {
	// Name is the payload size label used in benchmark names (payload=<Name>).
	Name string

	// walwire: the record to write, and exactly one of the typed payloads.
	Record   envelope.Record
	Announce *records.AnnounceLeader
	Invoke   *records.ServiceInvocation

	// Encoded is the stored v2 record as walwire writes it: codec byte,
	// header length, header, payload. Every protobuf encoder must produce
	// these bytes, and every decoder reads them.
	Encoded []byte
	// PayloadLen is the payload's size in bytes.
	PayloadLen int

	// Generated protobuf-go (and vtprotobuf) messages.
	PBHeader  *pb.Header
	PBPayload vtMessage

	// easyproto's plain structs.
	EasyHeader   easypb.Header
	EasyAnnounce *easypb.AnnounceLeader
	EasyInvoke   *easypb.ServiceInvocation

	// The v1 record (encoding/json structs) and its bytes; the same record
	// as walwire's v1compat holds it.
	V1        v1json.Record
	V1Encoded []byte
	V1Compat  *v1compat.Record
}

// vtMessage is a generated message with vtprotobuf's methods.
type vtMessage interface {
	proto.Message
	SizeVT() int
	MarshalVT() ([]byte, error)
	MarshalToSizedBufferVT([]byte) (int, error)
	UnmarshalVT([]byte) error
	UnmarshalVTUnsafe([]byte) error
	Reset()
	// ResetVT and ReturnToVTPool come with vtprotobuf's pool feature:
	// ResetVT empties the message but keeps its nested messages (returned to
	// their pools) and the capacity of its slices for the next decode.
	ResetVT()
	ReturnToVTPool()
}

// Header values shared by the benchmark records: a record a partition
// leader proposed itself (dedup self_proposal, FORMAT.md §4), the usual
// case in a replicated log.
const (
	benchLeaderEpoch = 300
	benchSeq         = 1_000_042
)

// Fixtures returns the benchmark records: AnnounceLeader (31-byte payload),
// Invoke with a 256-byte argument and 4 headers (about 520 bytes), and the
// same Invoke with a 64 KiB argument.
func Fixtures() []*Fixture {
	return []*Fixture{
		newFixture("31B", samples.Small()),
		newFixture("520B", samples.Medium()),
		newFixture("64KiB", samples.Large()),
	}
}

func newFixture(name string, p records.Payload) *Fixture {
	fx := &Fixture{
		Name: name,
		Record: envelope.Record{
			Source:  envelope.ProcessorSource(benchLeaderEpoch),
			Dedup:   envelope.SelfProposal(benchLeaderEpoch, benchSeq),
			Payload: p,
		},
	}
	enc, err := fx.Record.MarshalBinary()
	if err != nil {
		panic(fmt.Sprintf("bench: fixture %s: %v", name, err))
	}
	fx.Encoded = enc
	fx.PayloadLen = p.Size()
	h := fx.Record.Header()
	fx.PBHeader = mirror.Header(&h)
	fx.EasyHeader = easyHeader(&h)
	switch v := p.(type) {
	case *records.AnnounceLeader:
		fx.Announce = v
		fx.PBPayload = mirror.AnnounceLeader(v)
		fx.EasyAnnounce = easyAnnounceLeader(v)
		fx.V1.Command.AnnounceLeader = v1AnnounceLeader(v)
	case *records.ServiceInvocation:
		fx.Invoke = v
		fx.PBPayload = mirror.ServiceInvocation(v)
		fx.EasyInvoke = easyServiceInvocation(v)
		fx.V1.Command.Invoke = v1ServiceInvocation(v)
	default:
		panic(fmt.Sprintf("bench: fixture %s: payload %T", name, p))
	}
	fx.V1.Header = v1Header(&h)
	fx.V1Encoded, err = v1json.AppendRecord(nil, &fx.V1)
	if err != nil {
		panic(fmt.Sprintf("bench: fixture %s: v1: %v", name, err))
	}
	raw, err := envelope.Parse(fx.Encoded)
	if err != nil {
		panic(fmt.Sprintf("bench: fixture %s: %v", name, err))
	}
	if fx.V1Compat, err = v1compat.FromV2(&raw); err != nil {
		panic(fmt.Sprintf("bench: fixture %s: v1compat: %v", name, err))
	}
	return fx
}

func easyHeader(h *envelope.Header) easypb.Header {
	e := easypb.Header{
		Source: easypb.Source{Kind: uint32(h.Source.Kind), LeaderEpoch: h.Source.LeaderEpoch},
		Dedup: easypb.Dedup{
			Kind:        uint32(h.Dedup.Kind),
			LeaderEpoch: h.Dedup.LeaderEpoch,
			Partition:   h.Dedup.Partition,
			HasPrefix:   h.Dedup.Prefix.Set,
			Prefix:      h.Dedup.Prefix.Value,
			ProducerHi:  h.Dedup.ProducerID.Hi,
			ProducerLo:  h.Dedup.ProducerID.Lo,
			Seq:         h.Dedup.Seq,
		},
		Kind:  uint32(h.Kind),
		Codec: uint32(h.Codec),
	}
	switch h.Keys.Kind() {
	case envelope.KeysSingle:
		e.Keys = easypb.Keys{Kind: 1, A: h.Keys.Single()}
	case envelope.KeysPair:
		a, b := h.Keys.Pair()
		e.Keys = easypb.Keys{Kind: 2, A: a, B: b}
	case envelope.KeysRange:
		a, b := h.Keys.Range()
		e.Keys = easypb.Keys{Kind: 3, A: a, B: b}
	}
	return e
}

func easyAnnounceLeader(a *records.AnnounceLeader) *easypb.AnnounceLeader {
	return &easypb.AnnounceLeader{
		HasNodeID:            true,
		NodeID:               a.NodeID.ID,
		NodeGeneration:       a.NodeID.Generation,
		LeaderEpoch:          a.LeaderEpoch,
		HasPartitionKeyRange: true,
		RangeStart:           a.PartitionKeyRange.Start,
		RangeEnd:             a.PartitionKeyRange.End,
		HasEpochVersion:      a.EpochVersion.Set,
		EpochVersion:         a.EpochVersion.Value,
		HasCurrentConfig:     a.CurrentConfig.Set,
		CurrentConfig: easypb.CurrentConfig{
			Version:      a.CurrentConfig.Value.Version,
			ReplicaSet:   a.CurrentConfig.Value.ReplicaSet,
			ModifiedAtMs: a.CurrentConfig.Value.ModifiedAtMs,
			Replication:  a.CurrentConfig.Value.Replication,
		},
		HasNextConfig: a.NextConfig.Set,
		NextConfig:    easypb.NextConfig{Version: a.NextConfig.Value.Version, ReplicaSet: a.NextConfig.Value.ReplicaSet},
	}
}

func easyID(id records.InvocationID) easypb.InvocationID {
	return easypb.InvocationID{PartitionKey: id.PartitionKey, UUID: id.UUID}
}

func easySink(s records.ResponseSink) easypb.ResponseSink {
	e := easypb.ResponseSink{Kind: uint32(s.Kind)}
	switch s.Kind {
	case records.ResponseSinkPartitionProcessor:
		e.HasCaller, e.Caller, e.EntryIndex = true, easyID(s.Caller), s.EntryIndex
	case records.ResponseSinkIngress:
		e.RequestID = s.RequestID
	}
	return e
}

func easyServiceInvocation(s *records.ServiceInvocation) *easypb.ServiceInvocation {
	e := &easypb.ServiceInvocation{
		HasInvocationID:     true,
		InvocationID:        easyID(s.InvocationID),
		HasInvocationTarget: true,
		InvocationTarget: easypb.InvocationTarget{
			ServiceName: s.InvocationTarget.ServiceName,
			HasKey:      s.InvocationTarget.Key.Set,
			Key:         s.InvocationTarget.Key.Value,
			Handler:     s.InvocationTarget.Handler,
			Type:        int32(s.InvocationTarget.Type),
		},
		Argument:               s.Argument,
		HasSource:              true,
		Source:                 easypb.InvocationSource{Kind: uint32(s.Source.Kind), RequestID: s.Source.RequestID},
		SpanContext:            s.SpanContext,
		HasExecutionTimeMs:     s.ExecutionTimeMs.Set,
		ExecutionTimeMs:        s.ExecutionTimeMs.Value,
		CompletionRetentionMs:  s.CompletionRetentionMs,
		JournalRetentionMs:     s.JournalRetentionMs,
		HasIdempotencyKey:      s.IdempotencyKey.Set,
		IdempotencyKey:         s.IdempotencyKey.Value,
		ResponseSink:           easySink(s.ResponseSink),
		SubmitNotificationSink: easySink(s.SubmitNotificationSink),
		RestateVersion:         s.RestateVersion,
	}
	if s.Source.Kind == records.InvocationSourceService {
		e.Source.HasCaller, e.Source.Caller = true, easyID(s.Source.Caller)
	}
	for _, h := range s.Headers {
		e.Headers = append(e.Headers, easypb.HeaderEntry{Name: h.Name, Value: h.Value})
	}
	return e
}

// v1Header renders a v2 header as v1 does (FORMAT.md §8, v2 to v1): the
// source without partition id or key, the dest partition key from the
// payload's keys, and the dedup mapped to its v1 (producer, sequence) pair.
func v1Header(h *envelope.Header) v1json.Header {
	var v v1json.Header
	switch h.Source.Kind {
	case envelope.SourceProcessor:
		v.Source.Processor = &v1json.ProcessorSource{LeaderEpoch: h.Source.LeaderEpoch}
	case envelope.SourceIngress:
		v.Source.Ingress = &v1json.Empty{}
	default:
		v.Source.ControlPlane = &v1json.Empty{}
	}
	dest := &v1json.ProcessorDest{PartitionKey: h.Keys.First()}
	switch d := h.Dedup; d.Kind {
	case envelope.DedupForeignPartition:
		p, s := d.Partition, d.Seq
		dest.Dedup = &v1json.Dedup{ProducerID: v1json.Producer{Partition: &p}, SequenceNumber: v1json.Sequence{Sn: &s}}
	case envelope.DedupSelfProposal:
		self := "SELF"
		dest.Dedup = &v1json.Dedup{
			ProducerID:     v1json.Producer{Other: &self},
			SequenceNumber: v1json.Sequence{Esn: &v1json.Esn{LeaderEpoch: d.LeaderEpoch, SequenceNumber: d.Seq}},
		}
	case envelope.DedupArbitrary:
		s := d.Seq
		dest.Dedup = &v1json.Dedup{SequenceNumber: v1json.Sequence{Sn: &s}}
		if d.Prefix.Set {
			p := d.Prefix.Value
			dest.Dedup.ProducerID.Other = &p
		} else {
			dest.Dedup.ProducerID.Producer = &v1json.U128{H: d.ProducerID.Hi, L: d.ProducerID.Lo}
		}
	}
	v.Dest.Processor = dest
	return v
}

func v1AnnounceLeader(a *records.AnnounceLeader) *v1json.AnnounceLeader {
	v := &v1json.AnnounceLeader{
		NodeID:            v1json.GenerationalNodeID{ID: a.NodeID.ID, Generation: a.NodeID.Generation},
		LeaderEpoch:       a.LeaderEpoch,
		PartitionKeyRange: v1json.KeyRange{Start: a.PartitionKeyRange.Start, End: a.PartitionKeyRange.End},
	}
	if a.EpochVersion.Set {
		ev := a.EpochVersion.Value
		v.EpochVersion = &ev
	}
	if a.CurrentConfig.Set {
		c := a.CurrentConfig.Value
		v.CurrentConfig = &v1json.CurrentConfig{Version: c.Version, ReplicaSet: c.ReplicaSet, ModifiedAtMs: c.ModifiedAtMs, Replication: c.Replication}
	}
	if a.NextConfig.Set {
		c := a.NextConfig.Value
		v.NextConfig = &v1json.NextConfig{Version: c.Version, ReplicaSet: c.ReplicaSet}
	}
	return v
}

var v1TargetTypes = [...]string{"", "Service", "VirtualObject", "Workflow"}

func v1ID(id records.InvocationID) v1json.InvocationID {
	return v1json.InvocationID{PartitionKey: id.PartitionKey, UUID: id.UUID}
}

func v1Sink(s records.ResponseSink) *v1json.ResponseSink {
	switch s.Kind {
	case records.ResponseSinkPartitionProcessor:
		return &v1json.ResponseSink{PartitionProcessor: &v1json.PartitionProcessorSink{Caller: v1ID(s.Caller), EntryIndex: s.EntryIndex}}
	case records.ResponseSinkIngress:
		return &v1json.ResponseSink{Ingress: &v1json.RequestID{RequestID: s.RequestID}}
	}
	return nil
}

func v1ServiceInvocation(s *records.ServiceInvocation) *v1json.ServiceInvocation {
	v := &v1json.ServiceInvocation{
		InvocationID: v1ID(s.InvocationID),
		InvocationTarget: v1json.InvocationTarget{
			ServiceName: s.InvocationTarget.ServiceName,
			Handler:     s.InvocationTarget.Handler,
			Type:        v1TargetTypes[s.InvocationTarget.Type],
		},
		Argument:               s.Argument,
		SpanContext:            s.SpanContext,
		CompletionRetentionMs:  s.CompletionRetentionMs,
		JournalRetentionMs:     s.JournalRetentionMs,
		ResponseSink:           v1Sink(s.ResponseSink),
		SubmitNotificationSink: v1Sink(s.SubmitNotificationSink),
		RestateVersion:         s.RestateVersion,
	}
	if s.InvocationTarget.Key.Set {
		k := s.InvocationTarget.Key.Value
		v.InvocationTarget.Key = &k
	}
	switch s.Source.Kind {
	case records.InvocationSourceIngress:
		v.Source.Ingress = &v1json.RequestID{RequestID: s.Source.RequestID}
	case records.InvocationSourceService:
		v.Source.Service = &v1json.Caller{Caller: v1ID(s.Source.Caller)}
	case records.InvocationSourceInternal:
		v.Source.Internal = &v1json.Empty{}
	}
	for _, h := range s.Headers {
		v.Headers = append(v.Headers, v1json.HeaderEntry{Name: h.Name, Value: h.Value})
	}
	if s.ExecutionTimeMs.Set {
		t := s.ExecutionTimeMs.Value
		v.ExecutionTimeMs = &t
	}
	if s.IdempotencyKey.Set {
		k := s.IdempotencyKey.Value
		v.IdempotencyKey = &k
	}
	return v
}

// FlatFixtures returns three records with the same header (the header of
// the 31B fixture: processor source, self-proposal dedup, keys
// range_inclusive(2^62, 2^63-1)) and payloads of exactly 31 B, 520 B and
// 64 KiB: UpsertSchema payloads (the same keys, and an opaque schema of the
// size needed). They show header-only decode against the payload's size
// alone; the Fixtures records differ in their headers too (AnnounceLeader's
// keys are a range, Invoke's a single key). Only Name, Record, Encoded,
// PayloadLen, PBHeader and EasyHeader are set.
func FlatFixtures() []*Fixture {
	keys := envelope.RangeKeys(1<<62, 1<<63-1)
	var fxs []*Fixture
	for _, size := range []struct {
		name string
		n    int
	}{{"31B", 31}, {"520B", 520}, {"64KiB", 64 << 10}} {
		p := &records.UpsertSchema{PartitionKeyRange: keys}
		// The schema's length prefix grows with it: shrink the schema
		// until the payload is exactly the size wanted.
		for l := size.n; l > 0; l-- {
			p.Schema = samples.Argument(l)
			if p.Size() <= size.n {
				break
			}
		}
		if p.Size() != size.n {
			panic(fmt.Sprintf("bench: flat fixture %s: payload is %d bytes", size.name, p.Size()))
		}
		fx := &Fixture{
			Name: size.name,
			Record: envelope.Record{
				Source:  envelope.ProcessorSource(benchLeaderEpoch),
				Dedup:   envelope.SelfProposal(benchLeaderEpoch, benchSeq),
				Payload: p,
			},
			PayloadLen: size.n,
		}
		var err error
		if fx.Encoded, err = fx.Record.MarshalBinary(); err != nil {
			panic(fmt.Sprintf("bench: flat fixture %s: %v", size.name, err))
		}
		h := fx.Record.Header()
		fx.PBHeader = mirror.Header(&h)
		fx.EasyHeader = easyHeader(&h)
		fxs = append(fxs, fx)
	}
	return fxs
}
