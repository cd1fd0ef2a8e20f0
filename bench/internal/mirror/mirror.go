// Package mirror is the "mirror type" design, a peer of the benchmarks:
// walwire's Go domain types (envelope.Header, records.AnnounceLeader,
// records.ServiceInvocation) converted to the protobuf-go generated types
// of bench/internal/pb, so that proto.Marshal can write them, and converted
// back after proto.Unmarshal.
//
// This is how a project that keeps its own Go types and uses protobuf-go as
// the codec usually does it: one generated ProtoT per domain type T and a pair
// of conversion functions. To-proto builds a fresh tree of generated messages
// (strings and byte slices are shared, not copied). From-proto fills a domain
// value the caller reuses (slices keep their capacity), sharing the strings
// and bytes proto.Unmarshal has already copied; that is the cheapest honest
// form, so what the benchmarks show is a lower bound of the conversion's cost.
package mirror

import (
	"github.com/walwire/walwire/bench/internal/pb"
	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
)

// Header returns h as a generated Header.
func Header(h *envelope.Header) *pb.Header {
	p := &pb.Header{
		Kind:  pb.RecordKind(h.Kind),
		Codec: pb.Codec(h.Codec),
		Keys:  Keys(h.Keys),
	}
	switch h.Source.Kind {
	case envelope.SourceIngress:
		p.Source = &pb.Source{Member: &pb.Source_Ingress{Ingress: &pb.Empty{}}}
	case envelope.SourceControlPlane:
		p.Source = &pb.Source{Member: &pb.Source_ControlPlane{ControlPlane: &pb.Empty{}}}
	case envelope.SourceProcessor:
		p.Source = &pb.Source{Member: &pb.Source_Processor{Processor: &pb.Processor{LeaderEpoch: h.Source.LeaderEpoch}}}
	}
	switch d := &h.Dedup; d.Kind {
	case envelope.DedupSelfProposal:
		p.Dedup = &pb.Dedup{Member: &pb.Dedup_SelfProposal_{SelfProposal: &pb.Dedup_SelfProposal{LeaderEpoch: d.LeaderEpoch, Seq: d.Seq}}}
	case envelope.DedupForeignPartition:
		p.Dedup = &pb.Dedup{Member: &pb.Dedup_ForeignPartition_{ForeignPartition: &pb.Dedup_ForeignPartition{Partition: d.Partition, Seq: d.Seq}}}
	case envelope.DedupArbitrary:
		a := &pb.Dedup_Arbitrary{Seq: d.Seq}
		if d.Prefix.Set {
			a.Prefix = &d.Prefix.Value
		}
		if !d.ProducerID.IsZero() {
			a.ProducerId = &pb.U128{Hi: d.ProducerID.Hi, Lo: d.ProducerID.Lo}
		}
		p.Dedup = &pb.Dedup{Member: &pb.Dedup_Arbitrary_{Arbitrary: a}}
	}
	return p
}

// Keys returns k as a generated Keys, nil for none.
func Keys(k envelope.Keys) *pb.Keys {
	switch k.Kind() {
	case envelope.KeysSingle:
		return &pb.Keys{Member: &pb.Keys_Single{Single: k.Single()}}
	case envelope.KeysPair:
		a, b := k.Pair()
		return &pb.Keys{Member: &pb.Keys_Pair_{Pair: &pb.Keys_Pair{A: a, B: b}}}
	case envelope.KeysRange:
		s, e := k.Range()
		return &pb.Keys{Member: &pb.Keys_RangeInclusive_{RangeInclusive: &pb.Keys_RangeInclusive{Start: s, End: e}}}
	}
	return nil
}

// HeaderFrom sets h from a generated Header.
func HeaderFrom(h *envelope.Header, p *pb.Header) {
	*h = envelope.Header{Kind: envelope.Kind(p.Kind), Codec: envelope.Codec(p.Codec), Keys: KeysFrom(p.Keys)}
	switch m := p.GetSource().GetMember().(type) {
	case *pb.Source_Ingress:
		h.Source = envelope.IngressSource()
	case *pb.Source_ControlPlane:
		h.Source = envelope.ControlPlaneSource()
	case *pb.Source_Processor:
		h.Source = envelope.ProcessorSource(m.Processor.GetLeaderEpoch())
	}
	switch m := p.GetDedup().GetMember().(type) {
	case *pb.Dedup_SelfProposal_:
		h.Dedup = envelope.SelfProposal(m.SelfProposal.GetLeaderEpoch(), m.SelfProposal.GetSeq())
	case *pb.Dedup_ForeignPartition_:
		h.Dedup = envelope.ForeignPartition(m.ForeignPartition.GetPartition(), m.ForeignPartition.GetSeq())
	case *pb.Dedup_Arbitrary_:
		a := m.Arbitrary
		var prefix envelope.Optional[string]
		if a.Prefix != nil {
			prefix = envelope.Some(*a.Prefix)
		}
		u := envelope.U128{Hi: a.GetProducerId().GetHi(), Lo: a.GetProducerId().GetLo()}
		h.Dedup = envelope.Arbitrary(prefix, u, a.GetSeq())
	}
}

// KeysFrom returns the keys of a generated Keys (none for nil).
func KeysFrom(p *pb.Keys) envelope.Keys {
	switch m := p.GetMember().(type) {
	case *pb.Keys_Single:
		return envelope.SingleKey(m.Single)
	case *pb.Keys_Pair_:
		return envelope.PairKeys(m.Pair.GetA(), m.Pair.GetB())
	case *pb.Keys_RangeInclusive_:
		return envelope.RangeKeys(m.RangeInclusive.GetStart(), m.RangeInclusive.GetEnd())
	}
	return envelope.NoKeys()
}

// AnnounceLeader returns a as a generated AnnounceLeader.
func AnnounceLeader(a *records.AnnounceLeader) *pb.AnnounceLeader {
	p := &pb.AnnounceLeader{
		NodeId:            &pb.GenerationalNodeId{Id: a.NodeID.ID, Generation: a.NodeID.Generation},
		LeaderEpoch:       a.LeaderEpoch,
		PartitionKeyRange: &pb.KeyRange{Start: a.PartitionKeyRange.Start, End: a.PartitionKeyRange.End},
	}
	if a.EpochVersion.Set {
		v := a.EpochVersion.Value
		p.EpochVersion = &v
	}
	if a.CurrentConfig.Set {
		c := &a.CurrentConfig.Value
		p.CurrentConfig = &pb.CurrentConfig{Version: c.Version, ReplicaSet: c.ReplicaSet, ModifiedAtMs: c.ModifiedAtMs, Replication: c.Replication}
	}
	if a.NextConfig.Set {
		c := &a.NextConfig.Value
		p.NextConfig = &pb.NextConfig{Version: c.Version, ReplicaSet: c.ReplicaSet}
	}
	return p
}

// AnnounceLeaderFrom sets a from a generated AnnounceLeader.
func AnnounceLeaderFrom(a *records.AnnounceLeader, p *pb.AnnounceLeader) {
	*a = records.AnnounceLeader{
		NodeID:            records.GenerationalNodeID{ID: p.GetNodeId().GetId(), Generation: p.GetNodeId().GetGeneration()},
		LeaderEpoch:       p.LeaderEpoch,
		PartitionKeyRange: records.KeyRange{Start: p.GetPartitionKeyRange().GetStart(), End: p.GetPartitionKeyRange().GetEnd()},
	}
	if p.EpochVersion != nil {
		a.EpochVersion = records.Some(*p.EpochVersion)
	}
	if c := p.CurrentConfig; c != nil {
		a.CurrentConfig = records.Some(records.CurrentConfig{Version: c.Version, ReplicaSet: c.ReplicaSet, ModifiedAtMs: c.ModifiedAtMs, Replication: c.Replication})
	}
	if c := p.NextConfig; c != nil {
		a.NextConfig = records.Some(records.NextConfig{Version: c.Version, ReplicaSet: c.ReplicaSet})
	}
}

func invocationID(id *records.InvocationID) *pb.InvocationId {
	return &pb.InvocationId{PartitionKey: id.PartitionKey, Uuid: id.UUID}
}

func invocationIDFrom(p *pb.InvocationId) records.InvocationID {
	return records.InvocationID{PartitionKey: p.GetPartitionKey(), UUID: p.GetUuid()}
}

func responseSink(s *records.ResponseSink) *pb.ResponseSink {
	switch s.Kind {
	case records.ResponseSinkPartitionProcessor:
		return &pb.ResponseSink{Member: &pb.ResponseSink_PartitionProcessor_{PartitionProcessor: &pb.ResponseSink_PartitionProcessor{
			Caller: invocationID(&s.Caller), EntryIndex: s.EntryIndex,
		}}}
	case records.ResponseSinkIngress:
		return &pb.ResponseSink{Member: &pb.ResponseSink_Ingress_{Ingress: &pb.ResponseSink_Ingress{RequestId: s.RequestID}}}
	}
	return nil
}

func responseSinkFrom(p *pb.ResponseSink) records.ResponseSink {
	switch m := p.GetMember().(type) {
	case *pb.ResponseSink_PartitionProcessor_:
		return records.ResponseSink{
			Kind:       records.ResponseSinkPartitionProcessor,
			Caller:     invocationIDFrom(m.PartitionProcessor.GetCaller()),
			EntryIndex: m.PartitionProcessor.GetEntryIndex(),
		}
	case *pb.ResponseSink_Ingress_:
		return records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: m.Ingress.GetRequestId()}
	}
	return records.ResponseSink{}
}

// ServiceInvocation returns s as a generated ServiceInvocation.
func ServiceInvocation(s *records.ServiceInvocation) *pb.ServiceInvocation {
	p := &pb.ServiceInvocation{
		InvocationId: invocationID(&s.InvocationID),
		InvocationTarget: &pb.InvocationTarget{
			ServiceName: s.InvocationTarget.ServiceName,
			Handler:     s.InvocationTarget.Handler,
			Type:        pb.TargetType(s.InvocationTarget.Type),
		},
		Argument:               s.Argument,
		SpanContext:            s.SpanContext,
		CompletionRetentionMs:  s.CompletionRetentionMs,
		JournalRetentionMs:     s.JournalRetentionMs,
		ResponseSink:           responseSink(&s.ResponseSink),
		SubmitNotificationSink: responseSink(&s.SubmitNotificationSink),
		RestateVersion:         s.RestateVersion,
	}
	if s.InvocationTarget.Key.Set {
		p.InvocationTarget.Key = &s.InvocationTarget.Key.Value
	}
	switch s.Source.Kind {
	case records.InvocationSourceIngress:
		p.Source = &pb.InvocationSource{Member: &pb.InvocationSource_Ingress_{Ingress: &pb.InvocationSource_Ingress{RequestId: s.Source.RequestID}}}
	case records.InvocationSourceService:
		p.Source = &pb.InvocationSource{Member: &pb.InvocationSource_Service_{Service: &pb.InvocationSource_Service{Caller: invocationID(&s.Source.Caller)}}}
	case records.InvocationSourceInternal:
		p.Source = &pb.InvocationSource{Member: &pb.InvocationSource_Internal{Internal: &pb.Empty{}}}
	}
	if len(s.Headers) > 0 {
		p.Headers = make([]*pb.HeaderEntry, len(s.Headers))
		for i := range s.Headers {
			p.Headers[i] = &pb.HeaderEntry{Name: s.Headers[i].Name, Value: s.Headers[i].Value}
		}
	}
	if s.ExecutionTimeMs.Set {
		v := s.ExecutionTimeMs.Value
		p.ExecutionTimeMs = &v
	}
	if s.IdempotencyKey.Set {
		p.IdempotencyKey = &s.IdempotencyKey.Value
	}
	return p
}

// ServiceInvocationFrom sets s from a generated ServiceInvocation, reusing
// s.Headers.
func ServiceInvocationFrom(s *records.ServiceInvocation, p *pb.ServiceInvocation) {
	t := p.GetInvocationTarget()
	*s = records.ServiceInvocation{
		InvocationID: invocationIDFrom(p.InvocationId),
		InvocationTarget: records.InvocationTarget{
			ServiceName: t.GetServiceName(),
			Handler:     t.GetHandler(),
			Type:        records.TargetType(t.GetType()),
		},
		Argument:               p.Argument,
		SpanContext:            p.SpanContext,
		Headers:                s.Headers[:0],
		CompletionRetentionMs:  p.CompletionRetentionMs,
		JournalRetentionMs:     p.JournalRetentionMs,
		ResponseSink:           responseSinkFrom(p.ResponseSink),
		SubmitNotificationSink: responseSinkFrom(p.SubmitNotificationSink),
		RestateVersion:         p.RestateVersion,
	}
	if t != nil && t.Key != nil {
		s.InvocationTarget.Key = records.Some(*t.Key)
	}
	switch m := p.GetSource().GetMember().(type) {
	case *pb.InvocationSource_Ingress_:
		s.Source = records.InvocationSource{Kind: records.InvocationSourceIngress, RequestID: m.Ingress.GetRequestId()}
	case *pb.InvocationSource_Service_:
		s.Source = records.InvocationSource{Kind: records.InvocationSourceService, Caller: invocationIDFrom(m.Service.GetCaller())}
	case *pb.InvocationSource_Internal:
		s.Source = records.InvocationSource{Kind: records.InvocationSourceInternal}
	}
	for _, h := range p.Headers {
		s.Headers = append(s.Headers, records.HeaderEntry{Name: h.GetName(), Value: h.GetValue()})
	}
	if p.ExecutionTimeMs != nil {
		s.ExecutionTimeMs = records.Some(*p.ExecutionTimeMs)
	}
	if p.IdempotencyKey != nil {
		s.IdempotencyKey = records.Some(*p.IdempotencyKey)
	}
}
