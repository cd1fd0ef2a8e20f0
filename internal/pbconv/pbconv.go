// Package pbconv converts between walwire's types (envelope headers and the
// records payloads) and the protobuf-go types of internal/testpb, in both
// directions, for the conformance, golden and fuzz tests that compare the
// hand-written codecs with google.golang.org/protobuf. It is test plumbing:
// library packages must not import it (internal/depcheck checks that).
//
// The conversions implement the equivalences of FORMAT.md §7, so that a
// value converted from a protobuf-go message is the value a conforming decoder
// of ours must produce for the same bytes:
//
//   - U128 of zero, Keys none, Dedup none, Source unspecified and ResponseSink
//     none are written as an absent (nil) message; an absent message, and a
//     present one that is empty or has no oneof member set, read as those zero
//     values;
//   - Optional fields map to proto3 `optional` fields (pointers);
//   - bytes and repeated fields: nil and empty are one value, normalized to nil;
//   - a required message field is always present in the message built from a
//     value (present-but-empty counts as present); an absent one reads as the
//     zero value, which the codec under test reports as missing.
//
// Kind 21 (VQSchedulerDecisions) has no message: its payload is the bytes.
package pbconv

import (
	"fmt"
	"reflect"

	"google.golang.org/protobuf/proto"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/testpb"
	"github.com/walwire/walwire/records"
)

// nilIfEmpty normalizes bytes: nil and empty are the same value.
func nilIfEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

func optStringToPB(o records.Optional[string]) *string {
	if !o.Set {
		return nil
	}
	return proto.String(o.Value)
}

func optStringFromPB(p *string) records.Optional[string] {
	if p == nil {
		return records.Optional[string]{}
	}
	return records.Some(*p)
}

func optUint32ToPB(o records.Optional[uint32]) *uint32 {
	if !o.Set {
		return nil
	}
	return proto.Uint32(o.Value)
}

func optUint32FromPB(p *uint32) records.Optional[uint32] {
	if p == nil {
		return records.Optional[uint32]{}
	}
	return records.Some(*p)
}

func optUint64ToPB(o records.Optional[uint64]) *uint64 {
	if !o.Set {
		return nil
	}
	return proto.Uint64(o.Value)
}

func optUint64FromPB(p *uint64) records.Optional[uint64] {
	if p == nil {
		return records.Optional[uint64]{}
	}
	return records.Some(*p)
}

// Header types.

func u128ToPB(u envelope.U128) *testpb.U128 {
	if u.IsZero() {
		return nil
	}
	return &testpb.U128{Hi: u.Hi, Lo: u.Lo}
}

func u128FromPB(m *testpb.U128) envelope.U128 {
	return envelope.U128{Hi: m.GetHi(), Lo: m.GetLo()}
}

// KeysToPB converts keys to protobuf-go's Keys (nil for none).
func KeysToPB(k envelope.Keys) *testpb.Keys {
	switch k.Kind() {
	case envelope.KeysSingle:
		return &testpb.Keys{Member: &testpb.Keys_Single{Single: k.Single()}}
	case envelope.KeysPair:
		a, b := k.Pair()
		return &testpb.Keys{Member: &testpb.Keys_Pair_{Pair: &testpb.Keys_Pair{A: a, B: b}}}
	case envelope.KeysRange:
		s, e := k.Range()
		return &testpb.Keys{Member: &testpb.Keys_RangeInclusive_{RangeInclusive: &testpb.Keys_RangeInclusive{Start: s, End: e}}}
	case envelope.KeysNone:
		return nil
	}
	panic(fmt.Sprintf("KeysToPB: unknown keys kind %d", k.Kind()))
}

// KeysFromPB converts protobuf-go's Keys to keys (none for nil or no member).
func KeysFromPB(m *testpb.Keys) envelope.Keys {
	switch v := m.GetMember().(type) {
	case *testpb.Keys_Single:
		return envelope.SingleKey(v.Single)
	case *testpb.Keys_Pair_:
		return envelope.PairKeys(v.Pair.GetA(), v.Pair.GetB())
	case *testpb.Keys_RangeInclusive_:
		return envelope.RangeKeys(v.RangeInclusive.GetStart(), v.RangeInclusive.GetEnd())
	}
	return envelope.NoKeys()
}

func sourceToPB(s envelope.Source) *testpb.Source {
	switch s.Kind {
	case envelope.SourceIngress:
		return &testpb.Source{Member: &testpb.Source_Ingress{Ingress: &testpb.Empty{}}}
	case envelope.SourceControlPlane:
		return &testpb.Source{Member: &testpb.Source_ControlPlane{ControlPlane: &testpb.Empty{}}}
	case envelope.SourceProcessor:
		return &testpb.Source{Member: &testpb.Source_Processor{Processor: &testpb.Processor{LeaderEpoch: s.LeaderEpoch}}}
	case envelope.SourceUnspecified:
		return nil
	}
	panic(fmt.Sprintf("sourceToPB: unknown source kind %d", s.Kind))
}

func sourceFromPB(m *testpb.Source) envelope.Source {
	switch v := m.GetMember().(type) {
	case *testpb.Source_Ingress:
		return envelope.IngressSource()
	case *testpb.Source_ControlPlane:
		return envelope.ControlPlaneSource()
	case *testpb.Source_Processor:
		return envelope.ProcessorSource(v.Processor.GetLeaderEpoch())
	}
	return envelope.Source{}
}

func dedupToPB(d envelope.Dedup) *testpb.Dedup {
	switch d.Kind {
	case envelope.DedupSelfProposal:
		return &testpb.Dedup{Member: &testpb.Dedup_SelfProposal_{SelfProposal: &testpb.Dedup_SelfProposal{
			LeaderEpoch: d.LeaderEpoch, Seq: d.Seq,
		}}}
	case envelope.DedupForeignPartition:
		return &testpb.Dedup{Member: &testpb.Dedup_ForeignPartition_{ForeignPartition: &testpb.Dedup_ForeignPartition{
			Partition: d.Partition, Seq: d.Seq,
		}}}
	case envelope.DedupArbitrary:
		return &testpb.Dedup{Member: &testpb.Dedup_Arbitrary_{Arbitrary: &testpb.Dedup_Arbitrary{
			Prefix: optStringToPB(d.Prefix), ProducerId: u128ToPB(d.ProducerID), Seq: d.Seq,
		}}}
	case envelope.DedupNone:
		return nil
	}
	panic(fmt.Sprintf("dedupToPB: unknown dedup kind %d", d.Kind))
}

func dedupFromPB(m *testpb.Dedup) envelope.Dedup {
	switch v := m.GetMember().(type) {
	case *testpb.Dedup_SelfProposal_:
		return envelope.SelfProposal(v.SelfProposal.GetLeaderEpoch(), v.SelfProposal.GetSeq())
	case *testpb.Dedup_ForeignPartition_:
		return envelope.ForeignPartition(v.ForeignPartition.GetPartition(), v.ForeignPartition.GetSeq())
	case *testpb.Dedup_Arbitrary_:
		a := v.Arbitrary
		return envelope.Arbitrary(optStringFromPB(a.Prefix), u128FromPB(a.GetProducerId()), a.GetSeq())
	}
	return envelope.Dedup{}
}

// HeaderToPB converts a header to protobuf-go's Header.
func HeaderToPB(h envelope.Header) *testpb.Header {
	return &testpb.Header{
		Source: sourceToPB(h.Source),
		Dedup:  dedupToPB(h.Dedup),
		Kind:   testpb.RecordKind(h.Kind),
		Codec:  testpb.Codec(h.Codec),
		Keys:   KeysToPB(h.Keys),
	}
}

// HeaderFromPB converts protobuf-go's Header to a header.
func HeaderFromPB(m *testpb.Header) envelope.Header {
	return envelope.Header{
		Source: sourceFromPB(m.GetSource()),
		Dedup:  dedupFromPB(m.GetDedup()),
		Kind:   envelope.Kind(m.GetKind()),
		Codec:  envelope.Codec(m.GetCodec()),
		Keys:   KeysFromPB(m.GetKeys()),
	}
}

// Shared types.

func invocationIDToPB(id records.InvocationID) *testpb.InvocationId {
	return &testpb.InvocationId{PartitionKey: id.PartitionKey, Uuid: nilIfEmpty(id.UUID)}
}

func invocationIDFromPB(m *testpb.InvocationId) records.InvocationID {
	return records.InvocationID{PartitionKey: m.GetPartitionKey(), UUID: nilIfEmpty(m.GetUuid())}
}

func serviceIDToPB(s records.ServiceID) *testpb.ServiceId {
	return &testpb.ServiceId{ServiceName: s.ServiceName, Key: s.Key, PartitionKey: s.PartitionKey}
}

func serviceIDFromPB(m *testpb.ServiceId) records.ServiceID {
	return records.ServiceID{ServiceName: m.GetServiceName(), Key: m.GetKey(), PartitionKey: m.GetPartitionKey()}
}

func invocationTargetToPB(t records.InvocationTarget) *testpb.InvocationTarget {
	return &testpb.InvocationTarget{
		ServiceName: t.ServiceName,
		Key:         optStringToPB(t.Key),
		Handler:     t.Handler,
		Type:        testpb.TargetType(t.Type),
	}
}

func invocationTargetFromPB(m *testpb.InvocationTarget) records.InvocationTarget {
	return records.InvocationTarget{
		ServiceName: m.GetServiceName(),
		Key:         optStringFromPB(m.Key),
		Handler:     m.GetHandler(),
		Type:        records.TargetType(m.GetType()),
	}
}

func responseSinkToPB(s records.ResponseSink) *testpb.ResponseSink {
	switch s.Kind {
	case records.ResponseSinkPartitionProcessor:
		return &testpb.ResponseSink{Member: &testpb.ResponseSink_PartitionProcessor_{
			PartitionProcessor: &testpb.ResponseSink_PartitionProcessor{Caller: invocationIDToPB(s.Caller), EntryIndex: s.EntryIndex},
		}}
	case records.ResponseSinkIngress:
		return &testpb.ResponseSink{Member: &testpb.ResponseSink_Ingress_{
			Ingress: &testpb.ResponseSink_Ingress{RequestId: s.RequestID},
		}}
	case records.ResponseSinkNone:
		return nil
	}
	panic(fmt.Sprintf("responseSinkToPB: unknown sink kind %d", s.Kind))
}

func responseSinkFromPB(m *testpb.ResponseSink) records.ResponseSink {
	switch v := m.GetMember().(type) {
	case *testpb.ResponseSink_PartitionProcessor_:
		return records.ResponseSink{
			Kind:       records.ResponseSinkPartitionProcessor,
			Caller:     invocationIDFromPB(v.PartitionProcessor.GetCaller()),
			EntryIndex: v.PartitionProcessor.GetEntryIndex(),
		}
	case *testpb.ResponseSink_Ingress_:
		return records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: v.Ingress.GetRequestId()}
	}
	return records.ResponseSink{}
}

func invocationSourceToPB(s records.InvocationSource) *testpb.InvocationSource {
	switch s.Kind {
	case records.InvocationSourceIngress:
		return &testpb.InvocationSource{Member: &testpb.InvocationSource_Ingress_{
			Ingress: &testpb.InvocationSource_Ingress{RequestId: s.RequestID},
		}}
	case records.InvocationSourceService:
		return &testpb.InvocationSource{Member: &testpb.InvocationSource_Service_{
			Service: &testpb.InvocationSource_Service{Caller: invocationIDToPB(s.Caller)},
		}}
	case records.InvocationSourceInternal:
		return &testpb.InvocationSource{Member: &testpb.InvocationSource_Internal{Internal: &testpb.Empty{}}}
	case records.InvocationSourceNone:
		return nil
	}
	panic(fmt.Sprintf("invocationSourceToPB: unknown source kind %d", s.Kind))
}

func invocationSourceFromPB(m *testpb.InvocationSource) records.InvocationSource {
	switch v := m.GetMember().(type) {
	case *testpb.InvocationSource_Ingress_:
		return records.InvocationSource{Kind: records.InvocationSourceIngress, RequestID: v.Ingress.GetRequestId()}
	case *testpb.InvocationSource_Service_:
		return records.InvocationSource{Kind: records.InvocationSourceService, Caller: invocationIDFromPB(v.Service.GetCaller())}
	case *testpb.InvocationSource_Internal:
		return records.InvocationSource{Kind: records.InvocationSourceInternal}
	}
	return records.InvocationSource{}
}

func headersToPB(hs []records.HeaderEntry) []*testpb.HeaderEntry {
	if len(hs) == 0 {
		return nil
	}
	out := make([]*testpb.HeaderEntry, len(hs))
	for i, h := range hs {
		out[i] = &testpb.HeaderEntry{Name: h.Name, Value: h.Value}
	}
	return out
}

func headersFromPB(ms []*testpb.HeaderEntry) []records.HeaderEntry {
	if len(ms) == 0 {
		return nil
	}
	out := make([]records.HeaderEntry, len(ms))
	for i, m := range ms {
		out[i] = records.HeaderEntry{Name: m.GetName(), Value: m.GetValue()}
	}
	return out
}

func keyRangeToPB(r records.KeyRange) *testpb.KeyRange {
	return &testpb.KeyRange{Start: r.Start, End: r.End}
}

func keyRangeFromPB(m *testpb.KeyRange) records.KeyRange {
	return records.KeyRange{Start: m.GetStart(), End: m.GetEnd()}
}

func failureToPB(f records.Failure) *testpb.Failure {
	return &testpb.Failure{Code: f.Code, Message: f.Message}
}

func failureFromPB(m *testpb.Failure) records.Failure {
	return records.Failure{Code: m.GetCode(), Message: m.GetMessage()}
}

func uint32sFromPB(vs []uint32) []uint32 {
	if len(vs) == 0 {
		return nil
	}
	return vs
}

func journalCompletionTargetToPB(t records.JournalCompletionTarget) *testpb.JournalCompletionTarget {
	return &testpb.JournalCompletionTarget{InvocationId: invocationIDToPB(t.InvocationID), EntryIndex: t.EntryIndex}
}

func journalCompletionTargetFromPB(m *testpb.JournalCompletionTarget) records.JournalCompletionTarget {
	return records.JournalCompletionTarget{InvocationID: invocationIDFromPB(m.GetInvocationId()), EntryIndex: m.GetEntryIndex()}
}

// Payloads.

func announceLeaderToPB(v *records.AnnounceLeader) *testpb.AnnounceLeader {
	m := &testpb.AnnounceLeader{
		NodeId:            &testpb.GenerationalNodeId{Id: v.NodeID.ID, Generation: v.NodeID.Generation},
		LeaderEpoch:       v.LeaderEpoch,
		PartitionKeyRange: keyRangeToPB(v.PartitionKeyRange),
		EpochVersion:      optUint32ToPB(v.EpochVersion),
	}
	if c, ok := v.CurrentConfig.Get(); ok {
		m.CurrentConfig = &testpb.CurrentConfig{
			Version:      c.Version,
			ReplicaSet:   uint32sFromPB(c.ReplicaSet),
			ModifiedAtMs: c.ModifiedAtMs,
			Replication:  c.Replication,
		}
	}
	if c, ok := v.NextConfig.Get(); ok {
		m.NextConfig = &testpb.NextConfig{Version: c.Version, ReplicaSet: uint32sFromPB(c.ReplicaSet)}
	}
	return m
}

func announceLeaderFromPB(m *testpb.AnnounceLeader) *records.AnnounceLeader {
	v := &records.AnnounceLeader{
		NodeID:            records.GenerationalNodeID{ID: m.GetNodeId().GetId(), Generation: m.GetNodeId().GetGeneration()},
		LeaderEpoch:       m.GetLeaderEpoch(),
		PartitionKeyRange: keyRangeFromPB(m.GetPartitionKeyRange()),
		EpochVersion:      optUint32FromPB(m.EpochVersion),
	}
	if c := m.GetCurrentConfig(); c != nil {
		v.CurrentConfig = records.Some(records.CurrentConfig{
			Version:      c.GetVersion(),
			ReplicaSet:   uint32sFromPB(c.GetReplicaSet()),
			ModifiedAtMs: c.GetModifiedAtMs(),
			Replication:  c.GetReplication(),
		})
	}
	if c := m.GetNextConfig(); c != nil {
		v.NextConfig = records.Some(records.NextConfig{Version: c.GetVersion(), ReplicaSet: uint32sFromPB(c.GetReplicaSet())})
	}
	return v
}

func versionBarrierToPB(v *records.VersionBarrier) *testpb.VersionBarrier {
	return &testpb.VersionBarrier{
		Version:           v.Version,
		HumanReason:       optStringToPB(v.HumanReason),
		PartitionKeyRange: KeysToPB(v.PartitionKeyRange),
	}
}

func versionBarrierFromPB(m *testpb.VersionBarrier) *records.VersionBarrier {
	return &records.VersionBarrier{
		Version:           m.GetVersion(),
		HumanReason:       optStringFromPB(m.HumanReason),
		PartitionKeyRange: KeysFromPB(m.GetPartitionKeyRange()),
	}
}

func partitionDurabilityToPB(v *records.PartitionDurability) *testpb.PartitionDurability {
	return &testpb.PartitionDurability{
		PartitionId:        v.PartitionID,
		DurablePoint:       v.DurablePoint,
		ModificationTimeMs: v.ModificationTimeMs,
		PartitionKeyRange:  KeysToPB(v.PartitionKeyRange),
	}
}

func partitionDurabilityFromPB(m *testpb.PartitionDurability) *records.PartitionDurability {
	return &records.PartitionDurability{
		PartitionID:        m.GetPartitionId(),
		DurablePoint:       m.GetDurablePoint(),
		ModificationTimeMs: m.GetModificationTimeMs(),
		PartitionKeyRange:  KeysFromPB(m.GetPartitionKeyRange()),
	}
}

func externalStateMutationToPB(v *records.ExternalStateMutation) *testpb.ExternalStateMutation {
	m := &testpb.ExternalStateMutation{
		ServiceId: serviceIDToPB(v.ServiceID),
		Version:   optStringToPB(v.Version),
	}
	for _, e := range v.State {
		m.State = append(m.State, &testpb.StateEntry{Key: nilIfEmpty(e.Key), Value: nilIfEmpty(e.Value)})
	}
	return m
}

func externalStateMutationFromPB(m *testpb.ExternalStateMutation) *records.ExternalStateMutation {
	v := &records.ExternalStateMutation{
		ServiceID: serviceIDFromPB(m.GetServiceId()),
		Version:   optStringFromPB(m.Version),
	}
	for _, e := range m.GetState() {
		v.State = append(v.State, records.StateEntry{Key: nilIfEmpty(e.GetKey()), Value: nilIfEmpty(e.GetValue())})
	}
	return v
}

func invocationTerminationToPB(v *records.InvocationTermination) *testpb.InvocationTermination {
	return &testpb.InvocationTermination{
		InvocationId: invocationIDToPB(v.InvocationID),
		Flavor:       testpb.TerminationFlavor(v.Flavor),
		ResponseSink: responseSinkToPB(v.ResponseSink),
	}
}

func invocationTerminationFromPB(m *testpb.InvocationTermination) *records.InvocationTermination {
	return &records.InvocationTermination{
		InvocationID: invocationIDFromPB(m.GetInvocationId()),
		Flavor:       records.TerminationFlavor(m.GetFlavor()),
		ResponseSink: responseSinkFromPB(m.GetResponseSink()),
	}
}

func purgeInvocationRequestToPB(v *records.PurgeInvocationRequest) *testpb.PurgeInvocationRequest {
	return &testpb.PurgeInvocationRequest{
		InvocationId: invocationIDToPB(v.InvocationID),
		ResponseSink: responseSinkToPB(v.ResponseSink),
	}
}

func purgeInvocationRequestFromPB(m *testpb.PurgeInvocationRequest) records.PurgeInvocationRequest {
	return records.PurgeInvocationRequest{
		InvocationID: invocationIDFromPB(m.GetInvocationId()),
		ResponseSink: responseSinkFromPB(m.GetResponseSink()),
	}
}

func serviceInvocationToPB(v *records.ServiceInvocation) *testpb.ServiceInvocation {
	return &testpb.ServiceInvocation{
		InvocationId:           invocationIDToPB(v.InvocationID),
		InvocationTarget:       invocationTargetToPB(v.InvocationTarget),
		Argument:               nilIfEmpty(v.Argument),
		Source:                 invocationSourceToPB(v.Source),
		SpanContext:            nilIfEmpty(v.SpanContext),
		Headers:                headersToPB(v.Headers),
		ExecutionTimeMs:        optUint64ToPB(v.ExecutionTimeMs),
		CompletionRetentionMs:  v.CompletionRetentionMs,
		JournalRetentionMs:     v.JournalRetentionMs,
		IdempotencyKey:         optStringToPB(v.IdempotencyKey),
		ResponseSink:           responseSinkToPB(v.ResponseSink),
		SubmitNotificationSink: responseSinkToPB(v.SubmitNotificationSink),
		RestateVersion:         v.RestateVersion,
	}
}

func serviceInvocationFromPB(m *testpb.ServiceInvocation) records.ServiceInvocation {
	return records.ServiceInvocation{
		InvocationID:           invocationIDFromPB(m.GetInvocationId()),
		InvocationTarget:       invocationTargetFromPB(m.GetInvocationTarget()),
		Argument:               nilIfEmpty(m.GetArgument()),
		Source:                 invocationSourceFromPB(m.GetSource()),
		SpanContext:            nilIfEmpty(m.GetSpanContext()),
		Headers:                headersFromPB(m.GetHeaders()),
		ExecutionTimeMs:        optUint64FromPB(m.ExecutionTimeMs),
		CompletionRetentionMs:  m.GetCompletionRetentionMs(),
		JournalRetentionMs:     m.GetJournalRetentionMs(),
		IdempotencyKey:         optStringFromPB(m.IdempotencyKey),
		ResponseSink:           responseSinkFromPB(m.GetResponseSink()),
		SubmitNotificationSink: responseSinkFromPB(m.GetSubmitNotificationSink()),
		RestateVersion:         m.GetRestateVersion(),
	}
}

func truncateOutboxToPB(v *records.TruncateOutbox) *testpb.TruncateOutbox {
	return &testpb.TruncateOutbox{Index: v.Index, PartitionKeyRange: KeysToPB(v.PartitionKeyRange)}
}

func truncateOutboxFromPB(m *testpb.TruncateOutbox) *records.TruncateOutbox {
	return &records.TruncateOutbox{Index: m.GetIndex(), PartitionKeyRange: KeysFromPB(m.GetPartitionKeyRange())}
}

func proxyThroughToPB(v *records.ProxyThrough) *testpb.ProxyThrough {
	return &testpb.ProxyThrough{
		Invocation:     serviceInvocationToPB(&v.Invocation),
		ProxyPartition: KeysToPB(v.ProxyPartition),
	}
}

func proxyThroughFromPB(m *testpb.ProxyThrough) *records.ProxyThrough {
	return &records.ProxyThrough{
		Invocation:     serviceInvocationFromPB(m.GetInvocation()),
		ProxyPartition: KeysFromPB(m.GetProxyPartition()),
	}
}

func invocationQueryToPB(q records.InvocationQuery) *testpb.InvocationQuery {
	switch q.Kind {
	case records.InvocationQueryInvocationID:
		return &testpb.InvocationQuery{Member: &testpb.InvocationQuery_InvocationId{InvocationId: invocationIDToPB(q.InvocationID)}}
	case records.InvocationQueryWorkflow:
		return &testpb.InvocationQuery{Member: &testpb.InvocationQuery_Workflow{Workflow: serviceIDToPB(q.Workflow)}}
	case records.InvocationQueryIdempotency:
		i := q.Idempotency
		return &testpb.InvocationQuery{Member: &testpb.InvocationQuery_Idempotency_{Idempotency: &testpb.InvocationQuery_Idempotency{
			ServiceName:    i.ServiceName,
			ServiceKey:     optStringToPB(i.ServiceKey),
			Handler:        i.Handler,
			IdempotencyKey: i.IdempotencyKey,
			PartitionKey:   i.PartitionKey,
		}}}
	case records.InvocationQueryNone:
		// Required, and a message that is only a oneof: present but
		// member-less is as invalid as absent.
		return nil
	}
	panic(fmt.Sprintf("invocationQueryToPB: unknown query kind %d", q.Kind))
}

func invocationQueryFromPB(m *testpb.InvocationQuery) records.InvocationQuery {
	switch v := m.GetMember().(type) {
	case *testpb.InvocationQuery_InvocationId:
		return records.InvocationQuery{Kind: records.InvocationQueryInvocationID, InvocationID: invocationIDFromPB(v.InvocationId)}
	case *testpb.InvocationQuery_Workflow:
		return records.InvocationQuery{Kind: records.InvocationQueryWorkflow, Workflow: serviceIDFromPB(v.Workflow)}
	case *testpb.InvocationQuery_Idempotency_:
		i := v.Idempotency
		return records.InvocationQuery{Kind: records.InvocationQueryIdempotency, Idempotency: records.IdempotencyQuery{
			ServiceName:    i.GetServiceName(),
			ServiceKey:     optStringFromPB(i.ServiceKey),
			Handler:        i.GetHandler(),
			IdempotencyKey: i.GetIdempotencyKey(),
			PartitionKey:   i.GetPartitionKey(),
		}}
	}
	return records.InvocationQuery{}
}

func attachInvocationRequestToPB(v *records.AttachInvocationRequest) *testpb.AttachInvocationRequest {
	return &testpb.AttachInvocationRequest{
		Query:           invocationQueryToPB(v.Query),
		BlockOnInflight: v.BlockOnInflight,
		ResponseSink:    responseSinkToPB(v.ResponseSink),
	}
}

func attachInvocationRequestFromPB(m *testpb.AttachInvocationRequest) *records.AttachInvocationRequest {
	return &records.AttachInvocationRequest{
		Query:           invocationQueryFromPB(m.GetQuery()),
		BlockOnInflight: m.GetBlockOnInflight(),
		ResponseSink:    responseSinkFromPB(m.GetResponseSink()),
	}
}

func resumeInvocationRequestToPB(v *records.ResumeInvocationRequest) *testpb.ResumeInvocationRequest {
	return &testpb.ResumeInvocationRequest{
		InvocationId:             invocationIDToPB(v.InvocationID),
		UpdatePinnedDeploymentId: optStringToPB(v.UpdatePinnedDeploymentID),
		ResponseSink:             responseSinkToPB(v.ResponseSink),
	}
}

func resumeInvocationRequestFromPB(m *testpb.ResumeInvocationRequest) *records.ResumeInvocationRequest {
	return &records.ResumeInvocationRequest{
		InvocationID:             invocationIDFromPB(m.GetInvocationId()),
		UpdatePinnedDeploymentID: optStringFromPB(m.UpdatePinnedDeploymentId),
		ResponseSink:             responseSinkFromPB(m.GetResponseSink()),
	}
}

func restartAsNewInvocationRequestToPB(v *records.RestartAsNewInvocationRequest) *testpb.RestartAsNewInvocationRequest {
	return &testpb.RestartAsNewInvocationRequest{
		InvocationId:                invocationIDToPB(v.InvocationID),
		NewInvocationId:             invocationIDToPB(v.NewInvocationID),
		CopyPrefixUpToIndexIncluded: v.CopyPrefixUpToIndexIncluded,
		PatchDeploymentId:           optStringToPB(v.PatchDeploymentID),
		ResponseSink:                responseSinkToPB(v.ResponseSink),
	}
}

func restartAsNewInvocationRequestFromPB(m *testpb.RestartAsNewInvocationRequest) *records.RestartAsNewInvocationRequest {
	return &records.RestartAsNewInvocationRequest{
		InvocationID:                invocationIDFromPB(m.GetInvocationId()),
		NewInvocationID:             invocationIDFromPB(m.GetNewInvocationId()),
		CopyPrefixUpToIndexIncluded: m.GetCopyPrefixUpToIndexIncluded(),
		PatchDeploymentID:           optStringFromPB(m.PatchDeploymentId),
		ResponseSink:                responseSinkFromPB(m.GetResponseSink()),
	}
}

func effectToPB(v *records.Effect) *testpb.Effect {
	m := &testpb.Effect{InvocationId: invocationIDToPB(v.InvocationID)}
	switch v.EffectKind {
	case records.EffectPinnedDeployment:
		m.Kind = &testpb.Effect_PinnedDeployment_{PinnedDeployment: &testpb.Effect_PinnedDeployment{
			DeploymentId: v.DeploymentID, ProtocolVersion: v.ProtocolVersion,
		}}
	case records.EffectJournalEntry:
		m.Kind = &testpb.Effect_JournalEntry_{JournalEntry: &testpb.Effect_JournalEntry{
			EntryIndex: v.EntryIndex, Entry: nilIfEmpty(v.Entry),
		}}
	case records.EffectSuspended:
		m.Kind = &testpb.Effect_Suspended_{Suspended: &testpb.Effect_Suspended{WaitingFor: uint32sFromPB(v.WaitingFor)}}
	case records.EffectEnd:
		m.Kind = &testpb.Effect_End{End: &testpb.Empty{}}
	case records.EffectFailed:
		m.Kind = &testpb.Effect_Failed{Failed: failureToPB(v.Failure)}
	case records.EffectNone:
	default:
		panic(fmt.Sprintf("effectToPB: unknown effect kind %d", v.EffectKind))
	}
	return m
}

func effectFromPB(m *testpb.Effect) *records.Effect {
	v := &records.Effect{InvocationID: invocationIDFromPB(m.GetInvocationId())}
	switch k := m.GetKind().(type) {
	case *testpb.Effect_PinnedDeployment_:
		v.EffectKind = records.EffectPinnedDeployment
		v.DeploymentID = k.PinnedDeployment.GetDeploymentId()
		v.ProtocolVersion = k.PinnedDeployment.GetProtocolVersion()
	case *testpb.Effect_JournalEntry_:
		v.EffectKind = records.EffectJournalEntry
		v.EntryIndex = k.JournalEntry.GetEntryIndex()
		v.Entry = nilIfEmpty(k.JournalEntry.GetEntry())
	case *testpb.Effect_Suspended_:
		v.EffectKind = records.EffectSuspended
		v.WaitingFor = uint32sFromPB(k.Suspended.GetWaitingFor())
	case *testpb.Effect_End:
		v.EffectKind = records.EffectEnd
	case *testpb.Effect_Failed:
		v.EffectKind = records.EffectFailed
		v.Failure = failureFromPB(k.Failed)
	}
	return v
}

func timerKeyValueToPB(v *records.TimerKeyValue) *testpb.TimerKeyValue {
	m := &testpb.TimerKeyValue{FireAtMs: v.FireAtMs}
	switch v.ValueKind {
	case records.TimerValueInvoke:
		m.Value = &testpb.TimerKeyValue_Invoke{Invoke: serviceInvocationToPB(&v.Invoke)}
	case records.TimerValueCompleteJournalEntry:
		m.Value = &testpb.TimerKeyValue_CompleteJournalEntry_{CompleteJournalEntry: &testpb.TimerKeyValue_CompleteJournalEntry{
			InvocationId: invocationIDToPB(v.InvocationID), JournalIndex: v.JournalIndex,
		}}
	case records.TimerValueCleanInvocationStatus:
		m.Value = &testpb.TimerKeyValue_CleanInvocationStatus{CleanInvocationStatus: invocationIDToPB(v.InvocationID)}
	case records.TimerValueNeoInvoke:
		m.Value = &testpb.TimerKeyValue_NeoInvoke{NeoInvoke: invocationIDToPB(v.InvocationID)}
	case records.TimerValueNone:
	default:
		panic(fmt.Sprintf("timerKeyValueToPB: unknown timer value kind %d", v.ValueKind))
	}
	return m
}

func timerKeyValueFromPB(m *testpb.TimerKeyValue) records.TimerKeyValue {
	v := records.TimerKeyValue{FireAtMs: m.GetFireAtMs()}
	switch k := m.GetValue().(type) {
	case *testpb.TimerKeyValue_Invoke:
		v.ValueKind = records.TimerValueInvoke
		v.Invoke = serviceInvocationFromPB(k.Invoke)
	case *testpb.TimerKeyValue_CompleteJournalEntry_:
		v.ValueKind = records.TimerValueCompleteJournalEntry
		v.InvocationID = invocationIDFromPB(k.CompleteJournalEntry.GetInvocationId())
		v.JournalIndex = k.CompleteJournalEntry.GetJournalIndex()
	case *testpb.TimerKeyValue_CleanInvocationStatus:
		v.ValueKind = records.TimerValueCleanInvocationStatus
		v.InvocationID = invocationIDFromPB(k.CleanInvocationStatus)
	case *testpb.TimerKeyValue_NeoInvoke:
		v.ValueKind = records.TimerValueNeoInvoke
		v.InvocationID = invocationIDFromPB(k.NeoInvoke)
	}
	return v
}

func invocationResponseToPB(v *records.InvocationResponse) *testpb.InvocationResponse {
	m := &testpb.InvocationResponse{Target: journalCompletionTargetToPB(v.Target)}
	switch v.Result {
	case records.ResultSuccess:
		m.Result = &testpb.InvocationResponse_Success{Success: nilIfEmpty(v.Success)}
	case records.ResultFailure:
		m.Result = &testpb.InvocationResponse_Failure{Failure: failureToPB(v.Failure)}
	case records.ResultNone:
	default:
		panic(fmt.Sprintf("invocationResponseToPB: result %d not allowed", v.Result))
	}
	return m
}

func invocationResponseFromPB(m *testpb.InvocationResponse) *records.InvocationResponse {
	v := &records.InvocationResponse{Target: journalCompletionTargetFromPB(m.GetTarget())}
	switch r := m.GetResult().(type) {
	case *testpb.InvocationResponse_Success:
		v.Result = records.ResultSuccess
		v.Success = nilIfEmpty(r.Success)
	case *testpb.InvocationResponse_Failure:
		v.Result = records.ResultFailure
		v.Failure = failureFromPB(r.Failure)
	}
	return v
}

func getInvocationOutputResponseToPB(v *records.GetInvocationOutputResponse) *testpb.GetInvocationOutputResponse {
	m := &testpb.GetInvocationOutputResponse{Target: journalCompletionTargetToPB(v.Target)}
	switch v.Result {
	case records.ResultNotFound:
		m.Result = &testpb.GetInvocationOutputResponse_NotFound{NotFound: &testpb.Empty{}}
	case records.ResultNotReady:
		m.Result = &testpb.GetInvocationOutputResponse_NotReady{NotReady: &testpb.Empty{}}
	case records.ResultSuccess:
		m.Result = &testpb.GetInvocationOutputResponse_Success{Success: nilIfEmpty(v.Success)}
	case records.ResultFailure:
		m.Result = &testpb.GetInvocationOutputResponse_Failure{Failure: failureToPB(v.Failure)}
	case records.ResultNone:
	default:
		panic(fmt.Sprintf("getInvocationOutputResponseToPB: result %d not allowed", v.Result))
	}
	return m
}

func getInvocationOutputResponseFromPB(m *testpb.GetInvocationOutputResponse) *records.GetInvocationOutputResponse {
	v := &records.GetInvocationOutputResponse{Target: journalCompletionTargetFromPB(m.GetTarget())}
	switch r := m.GetResult().(type) {
	case *testpb.GetInvocationOutputResponse_NotFound:
		v.Result = records.ResultNotFound
	case *testpb.GetInvocationOutputResponse_NotReady:
		v.Result = records.ResultNotReady
	case *testpb.GetInvocationOutputResponse_Success:
		v.Result = records.ResultSuccess
		v.Success = nilIfEmpty(r.Success)
	case *testpb.GetInvocationOutputResponse_Failure:
		v.Result = records.ResultFailure
		v.Failure = failureFromPB(r.Failure)
	}
	return v
}

func signalToPB(s records.Signal) *testpb.Signal {
	m := &testpb.Signal{}
	switch s.ID {
	case records.SignalIDIndex:
		m.Id = &testpb.Signal_Index{Index: s.Index}
	case records.SignalIDName:
		m.Id = &testpb.Signal_Name{Name: s.Name}
	case records.SignalIDNone:
	default:
		panic(fmt.Sprintf("signalToPB: unknown id kind %d", s.ID))
	}
	switch s.Result {
	case records.ResultVoid:
		m.Result = &testpb.Signal_Void{Void: &testpb.Empty{}}
	case records.ResultSuccess:
		m.Result = &testpb.Signal_Success{Success: nilIfEmpty(s.Success)}
	case records.ResultFailure:
		m.Result = &testpb.Signal_Failure{Failure: failureToPB(s.Failure)}
	case records.ResultNone:
	default:
		panic(fmt.Sprintf("signalToPB: result %d not allowed", s.Result))
	}
	return m
}

func signalFromPB(m *testpb.Signal) records.Signal {
	var s records.Signal
	switch id := m.GetId().(type) {
	case *testpb.Signal_Index:
		s.ID = records.SignalIDIndex
		s.Index = id.Index
	case *testpb.Signal_Name:
		s.ID = records.SignalIDName
		s.Name = id.Name
	}
	switch r := m.GetResult().(type) {
	case *testpb.Signal_Void:
		s.Result = records.ResultVoid
	case *testpb.Signal_Success:
		s.Result = records.ResultSuccess
		s.Success = nilIfEmpty(r.Success)
	case *testpb.Signal_Failure:
		s.Result = records.ResultFailure
		s.Failure = failureFromPB(r.Failure)
	}
	return s
}

func notifySignalRequestToPB(v *records.NotifySignalRequest) *testpb.NotifySignalRequest {
	return &testpb.NotifySignalRequest{InvocationId: invocationIDToPB(v.InvocationID), Signal: signalToPB(v.Signal)}
}

func notifySignalRequestFromPB(m *testpb.NotifySignalRequest) *records.NotifySignalRequest {
	return &records.NotifySignalRequest{InvocationID: invocationIDFromPB(m.GetInvocationId()), Signal: signalFromPB(m.GetSignal())}
}

func upsertSchemaToPB(v *records.UpsertSchema) *testpb.UpsertSchema {
	return &testpb.UpsertSchema{PartitionKeyRange: KeysToPB(v.PartitionKeyRange), Schema: nilIfEmpty(v.Schema)}
}

func upsertSchemaFromPB(m *testpb.UpsertSchema) *records.UpsertSchema {
	return &records.UpsertSchema{PartitionKeyRange: KeysFromPB(m.GetPartitionKeyRange()), Schema: nilIfEmpty(m.GetSchema())}
}

func upsertRuleBookToPB(v *records.UpsertRuleBook) *testpb.UpsertRuleBook {
	return &testpb.UpsertRuleBook{PartitionKeyRange: keyRangeToPB(v.PartitionKeyRange), RuleBook: nilIfEmpty(v.RuleBook)}
}

func upsertRuleBookFromPB(m *testpb.UpsertRuleBook) *records.UpsertRuleBook {
	return &records.UpsertRuleBook{PartitionKeyRange: keyRangeFromPB(m.GetPartitionKeyRange()), RuleBook: nilIfEmpty(m.GetRuleBook())}
}

// NewPB returns an empty protobuf-go message of the kind's payload, or nil
// for kind 21, whose payload is not a message.
func NewPB(kind envelope.Kind) proto.Message {
	switch kind {
	case records.KindAnnounceLeader:
		return &testpb.AnnounceLeader{}
	case records.KindVersionBarrier:
		return &testpb.VersionBarrier{}
	case records.KindUpdatePartitionDurability:
		return &testpb.PartitionDurability{}
	case records.KindPatchState:
		return &testpb.ExternalStateMutation{}
	case records.KindTerminateInvocation:
		return &testpb.InvocationTermination{}
	case records.KindPurgeInvocation, records.KindPurgeJournal:
		return &testpb.PurgeInvocationRequest{}
	case records.KindInvoke:
		return &testpb.ServiceInvocation{}
	case records.KindTruncateOutbox:
		return &testpb.TruncateOutbox{}
	case records.KindProxyThrough:
		return &testpb.ProxyThrough{}
	case records.KindAttachInvocation:
		return &testpb.AttachInvocationRequest{}
	case records.KindResumeInvocation:
		return &testpb.ResumeInvocationRequest{}
	case records.KindRestartAsNewInvocation:
		return &testpb.RestartAsNewInvocationRequest{}
	case records.KindInvokerEffect:
		return &testpb.Effect{}
	case records.KindTimer, records.KindScheduleTimer:
		return &testpb.TimerKeyValue{}
	case records.KindInvocationResponse:
		return &testpb.InvocationResponse{}
	case records.KindNotifyGetInvocationOutputResponse:
		return &testpb.GetInvocationOutputResponse{}
	case records.KindNotifySignal:
		return &testpb.NotifySignalRequest{}
	case records.KindUpsertSchema:
		return &testpb.UpsertSchema{}
	case records.KindVQSchedulerDecisions:
		return nil
	case records.KindUpsertRuleBook:
		return &testpb.UpsertRuleBook{}
	}
	panic(fmt.Sprintf("NewPB: unknown kind %v", kind))
}

// PayloadToPB converts a payload to its protobuf-go message. Kind 21 has no
// message: it returns nil (see PayloadBytes).
func PayloadToPB(p envelope.Payload) proto.Message {
	switch v := p.(type) {
	case *records.AnnounceLeader:
		return announceLeaderToPB(v)
	case *records.VersionBarrier:
		return versionBarrierToPB(v)
	case *records.PartitionDurability:
		return partitionDurabilityToPB(v)
	case *records.ExternalStateMutation:
		return externalStateMutationToPB(v)
	case *records.InvocationTermination:
		return invocationTerminationToPB(v)
	case *records.PurgeInvocationRequest:
		return purgeInvocationRequestToPB(v)
	case *records.PurgeJournal:
		return purgeInvocationRequestToPB(&v.PurgeInvocationRequest)
	case *records.ServiceInvocation:
		return serviceInvocationToPB(v)
	case *records.TruncateOutbox:
		return truncateOutboxToPB(v)
	case *records.ProxyThrough:
		return proxyThroughToPB(v)
	case *records.AttachInvocationRequest:
		return attachInvocationRequestToPB(v)
	case *records.ResumeInvocationRequest:
		return resumeInvocationRequestToPB(v)
	case *records.RestartAsNewInvocationRequest:
		return restartAsNewInvocationRequestToPB(v)
	case *records.Effect:
		return effectToPB(v)
	case *records.TimerKeyValue:
		return timerKeyValueToPB(v)
	case *records.ScheduleTimer:
		return timerKeyValueToPB(&v.TimerKeyValue)
	case *records.InvocationResponse:
		return invocationResponseToPB(v)
	case *records.GetInvocationOutputResponse:
		return getInvocationOutputResponseToPB(v)
	case *records.NotifySignalRequest:
		return notifySignalRequestToPB(v)
	case *records.UpsertSchema:
		return upsertSchemaToPB(v)
	case *records.VQSchedulerDecisions:
		return nil
	case *records.UpsertRuleBook:
		return upsertRuleBookToPB(v)
	}
	panic(fmt.Sprintf("PayloadToPB: unknown payload type %T", p))
}

// PayloadFromPB converts a protobuf-go message to the payload of the given
// kind. For kind 21, m is ignored and data is the payload; for every other
// kind data is ignored.
func PayloadFromPB(kind envelope.Kind, m proto.Message, data []byte) envelope.Payload {
	switch kind {
	case records.KindAnnounceLeader:
		return announceLeaderFromPB(m.(*testpb.AnnounceLeader))
	case records.KindVersionBarrier:
		return versionBarrierFromPB(m.(*testpb.VersionBarrier))
	case records.KindUpdatePartitionDurability:
		return partitionDurabilityFromPB(m.(*testpb.PartitionDurability))
	case records.KindPatchState:
		return externalStateMutationFromPB(m.(*testpb.ExternalStateMutation))
	case records.KindTerminateInvocation:
		return invocationTerminationFromPB(m.(*testpb.InvocationTermination))
	case records.KindPurgeInvocation:
		v := purgeInvocationRequestFromPB(m.(*testpb.PurgeInvocationRequest))
		return &v
	case records.KindPurgeJournal:
		return &records.PurgeJournal{PurgeInvocationRequest: purgeInvocationRequestFromPB(m.(*testpb.PurgeInvocationRequest))}
	case records.KindInvoke:
		v := serviceInvocationFromPB(m.(*testpb.ServiceInvocation))
		return &v
	case records.KindTruncateOutbox:
		return truncateOutboxFromPB(m.(*testpb.TruncateOutbox))
	case records.KindProxyThrough:
		return proxyThroughFromPB(m.(*testpb.ProxyThrough))
	case records.KindAttachInvocation:
		return attachInvocationRequestFromPB(m.(*testpb.AttachInvocationRequest))
	case records.KindResumeInvocation:
		return resumeInvocationRequestFromPB(m.(*testpb.ResumeInvocationRequest))
	case records.KindRestartAsNewInvocation:
		return restartAsNewInvocationRequestFromPB(m.(*testpb.RestartAsNewInvocationRequest))
	case records.KindInvokerEffect:
		return effectFromPB(m.(*testpb.Effect))
	case records.KindTimer:
		v := timerKeyValueFromPB(m.(*testpb.TimerKeyValue))
		return &v
	case records.KindScheduleTimer:
		return &records.ScheduleTimer{TimerKeyValue: timerKeyValueFromPB(m.(*testpb.TimerKeyValue))}
	case records.KindInvocationResponse:
		return invocationResponseFromPB(m.(*testpb.InvocationResponse))
	case records.KindNotifyGetInvocationOutputResponse:
		return getInvocationOutputResponseFromPB(m.(*testpb.GetInvocationOutputResponse))
	case records.KindNotifySignal:
		return notifySignalRequestFromPB(m.(*testpb.NotifySignalRequest))
	case records.KindUpsertSchema:
		return upsertSchemaFromPB(m.(*testpb.UpsertSchema))
	case records.KindVQSchedulerDecisions:
		return &records.VQSchedulerDecisions{Data: nilIfEmpty(data)}
	case records.KindUpsertRuleBook:
		return upsertRuleBookFromPB(m.(*testpb.UpsertRuleBook))
	}
	panic(fmt.Sprintf("PayloadFromPB: unknown kind %v", kind))
}

// PayloadBytes returns the kind-21 payload's bytes, or nil for other kinds.
func PayloadBytes(p envelope.Payload) []byte {
	if v, ok := p.(*records.VQSchedulerDecisions); ok {
		return nilIfEmpty(v.Data)
	}
	return nil
}

// normalized returns a deep copy of v in which every empty slice (bytes and
// repeated fields) is nil: the one value FORMAT.md §7 makes of nil and empty.
func normalized[T any](v T) T {
	return normCopy(reflect.ValueOf(&v).Elem()).Interface().(T)
}

func normCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		n := reflect.New(v.Type().Elem())
		n.Elem().Set(normCopy(v.Elem()))
		return n
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		n := reflect.New(v.Type()).Elem()
		n.Set(normCopy(v.Elem()))
		return n
	case reflect.Struct:
		n := reflect.New(v.Type()).Elem()
		n.Set(v) // unexported fields (envelope.Keys) hold no slices
		for i := 0; i < v.NumField(); i++ {
			if n.Field(i).CanSet() {
				n.Field(i).Set(normCopy(v.Field(i)))
			}
		}
		return n
	case reflect.Slice:
		if v.Len() == 0 {
			return reflect.Zero(v.Type())
		}
		n := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			n.Index(i).Set(normCopy(v.Index(i)))
		}
		return n
	}
	return v
}

// SamePayload reports whether a and b are one value under FORMAT.md §7 (after
// normalizing nil and empty slices).
func SamePayload(a, b envelope.Payload) bool {
	return reflect.DeepEqual(normalized(a), normalized(b))
}
