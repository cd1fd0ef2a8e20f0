// Package samples builds representative, valid records of every kind of the
// WAL record set, deterministically: for tests, examples and benchmarks
// (including the separate benchmark module).
//
// Every call returns fresh values that the caller may modify. Empty byte
// slices and repeated fields are nil, as a decoder returns them, so a decoded
// copy of a sample is reflect.DeepEqual to it.
package samples

import (
	"bytes"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
)

// UUID returns a deterministic 16-byte invocation uuid derived from n.
func UUID(n byte) []byte {
	u := make([]byte, 16)
	for i := range u {
		u[i] = n*16 + byte(i)
	}
	return u
}

// ID returns an invocation id with partition key pk and the uuid UUID(n).
func ID(pk uint64, n byte) records.InvocationID {
	return records.InvocationID{PartitionKey: pk, UUID: UUID(n)}
}

// Small returns an AnnounceLeader whose payload is 31 bytes.
func Small() *records.AnnounceLeader {
	return &records.AnnounceLeader{
		NodeID:            records.GenerationalNodeID{ID: 1, Generation: 5},
		LeaderEpoch:       300,
		PartitionKeyRange: records.KeyRange{Start: 1 << 62, End: 1<<63 - 1},
	}
}

// Medium returns an Invoke with a 256-byte argument, four headers, an
// ingress source and response sink, and a restate version: a payload of
// about 520 bytes.
func Medium() *records.ServiceInvocation { return invoke(256) }

// Large returns the invocation of Medium with a 64 KiB argument.
func Large() *records.ServiceInvocation { return invoke(64 << 10) }

// Argument returns n deterministic bytes.
func Argument(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + 3)
	}
	return b
}

func invoke(argLen int) *records.ServiceInvocation {
	return &records.ServiceInvocation{
		InvocationID: ID(0x1234_5678_9abc, 1),
		InvocationTarget: records.InvocationTarget{
			ServiceName: "greeter.v1.Greeter",
			Key:         records.Some("user-42"),
			Handler:     "SayHello",
			Type:        records.TargetTypeVirtualObject,
		},
		Argument: Argument(argLen),
		Source:   records.InvocationSource{Kind: records.InvocationSourceIngress, RequestID: "req-01HZX3K9Q2"},
		Headers: []records.HeaderEntry{
			{Name: "content-type", Value: "application/json"},
			{Name: "x-request-id", Value: "req-01HZX3K9Q2"},
			{Name: "x-tenant", Value: "acme-corp-eu-west"},
			{Name: "x-retry", Value: "0"},
		},
		ExecutionTimeMs:       records.Some(uint64(1_700_000_000_000)),
		CompletionRetentionMs: 86_400_000,
		JournalRetentionMs:    3_600_000,
		IdempotencyKey:        records.Some("order-7f3a9c"),
		ResponseSink:          records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "req-01HZX3K9Q2"},
		RestateVersion:        "1.3.2",
	}
}

// fullInvoke returns an invocation with every field set.
func fullInvoke(pk uint64, n byte) records.ServiceInvocation {
	return records.ServiceInvocation{
		InvocationID: ID(pk, n),
		InvocationTarget: records.InvocationTarget{
			ServiceName: "checkout.Cart",
			Key:         records.Some("cart-9"),
			Handler:     "addItem",
			Type:        records.TargetTypeWorkflow,
		},
		Argument:    []byte(`{"sku":"A-1","qty":2}`),
		Source:      records.InvocationSource{Kind: records.InvocationSourceService, Caller: ID(pk+1, n+1)},
		SpanContext: []byte("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
		Headers: []records.HeaderEntry{
			{Name: "content-type", Value: "application/json"},
			{Name: "x-empty", Value: ""},
			{Name: "x-naïve", Value: "ünïcödé ✓"},
		},
		ExecutionTimeMs:        records.Some(uint64(1_700_000_123_456)),
		CompletionRetentionMs:  86_400_000,
		JournalRetentionMs:     604_800_000,
		IdempotencyKey:         records.Some("idem-1"),
		ResponseSink:           records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: ID(pk+2, n+2), EntryIndex: 17},
		SubmitNotificationSink: records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "req-submit"},
		RestateVersion:         "1.4.0",
	}
}

// All returns full, valid values: first one of each of the 22 kinds, in kind
// order (All()[k-1] is of kind k), every field set; then extra values so
// that every oneof member and every enum value appears somewhere.
func All() []records.Payload { return append(Full(), Variants()...) }

// Full returns one full, valid value of each of the 22 kinds, in kind order,
// with every field set.
func Full() []records.Payload {
	inv := fullInvoke(0x1000_0000_0000_0001, 10)
	return []records.Payload{
		&records.AnnounceLeader{
			NodeID:            records.GenerationalNodeID{ID: 4, Generation: 12},
			LeaderEpoch:       77,
			PartitionKeyRange: records.KeyRange{Start: 0x1000, End: 0xffff_ffff_ffff_ffff},
			EpochVersion:      records.Some(uint32(3)),
			CurrentConfig: records.Some(records.CurrentConfig{
				Version:      2,
				ReplicaSet:   []uint32{1, 2, 300},
				ModifiedAtMs: 1_700_000_000_000,
				Replication:  "{node: 3}",
			}),
			NextConfig: records.Some(records.NextConfig{Version: 3, ReplicaSet: []uint32{2, 300, 70000}}),
		},
		&records.VersionBarrier{
			Version:           "1.4.0-rc.1+build.7",
			HumanReason:       records.Some("journal table v2"),
			PartitionKeyRange: envelope.RangeKeys(0, 1<<63),
		},
		&records.PartitionDurability{
			PartitionID:        9,
			DurablePoint:       123_456_789,
			ModificationTimeMs: 1_700_000_000_500,
			PartitionKeyRange:  envelope.RangeKeys(1<<62, 1<<63-1),
		},
		&records.ExternalStateMutation{
			ServiceID: records.ServiceID{ServiceName: "counter.Counter", Key: "c-1", PartitionKey: 0xabcdef},
			Version:   records.Some("v7"),
			State: []records.StateEntry{
				{Key: []byte("count"), Value: []byte{0x2a}},
				{Key: []byte("empty"), Value: nil},
				{Key: []byte("count"), Value: []byte{0x2b}},
			},
		},
		&records.InvocationTermination{
			InvocationID: ID(55, 2),
			Flavor:       records.TerminationFlavorKill,
			ResponseSink: records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: ID(56, 3), EntryIndex: 4},
		},
		&records.PurgeInvocationRequest{
			InvocationID: ID(66, 4),
			ResponseSink: records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "purge-1"},
		},
		&records.PurgeJournal{PurgeInvocationRequest: records.PurgeInvocationRequest{
			InvocationID: ID(67, 5),
			ResponseSink: records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: ID(68, 6)},
		}},
		&inv,
		&records.TruncateOutbox{Index: 99_999, PartitionKeyRange: envelope.SingleKey(0)},
		&records.ProxyThrough{
			Invocation:     fullInvoke(0x2000, 20),
			ProxyPartition: envelope.PairKeys(0x2000, 0x3000),
		},
		&records.AttachInvocationRequest{
			Query: records.InvocationQuery{Kind: records.InvocationQueryIdempotency, Idempotency: records.IdempotencyQuery{
				ServiceName:    "payments.Charge",
				ServiceKey:     records.Some("acct-3"),
				Handler:        "charge",
				IdempotencyKey: "idem-42",
				PartitionKey:   0x4242,
			}},
			BlockOnInflight: true,
			ResponseSink:    records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "attach-1"},
		},
		&records.ResumeInvocationRequest{
			InvocationID:             ID(88, 7),
			UpdatePinnedDeploymentID: records.Some("dp_abc"),
			ResponseSink:             records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: ID(89, 8), EntryIndex: 1},
		},
		&records.RestartAsNewInvocationRequest{
			InvocationID:                ID(90, 9),
			NewInvocationID:             ID(91, 10),
			CopyPrefixUpToIndexIncluded: 12,
			PatchDeploymentID:           records.Some("dp_new"),
			ResponseSink:                records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: "restart-1"},
		},
		&records.Effect{
			InvocationID: ID(100, 11),
			EffectKind:   records.EffectJournalEntry,
			EntryIndex:   5,
			Entry:        []byte("journal entry bytes"),
		},
		&records.TimerKeyValue{FireAtMs: 1_700_000_999_000, ValueKind: records.TimerValueInvoke, Invoke: fullInvoke(0x3000, 30)},
		&records.ScheduleTimer{TimerKeyValue: records.TimerKeyValue{
			FireAtMs:     1_700_001_000_000,
			ValueKind:    records.TimerValueCompleteJournalEntry,
			InvocationID: ID(110, 12),
			JournalIndex: 3,
		}},
		&records.InvocationResponse{
			Target:  records.JournalCompletionTarget{InvocationID: ID(120, 13), EntryIndex: 8},
			Result:  records.ResultSuccess,
			Success: []byte("result"),
		},
		&records.GetInvocationOutputResponse{
			Target:  records.JournalCompletionTarget{InvocationID: ID(130, 14), EntryIndex: 2},
			Result:  records.ResultFailure,
			Failure: records.Failure{Code: 500, Message: "internal error"},
		},
		&records.NotifySignalRequest{
			InvocationID: ID(140, 15),
			Signal:       records.Signal{ID: records.SignalIDName, Name: "approved", Result: records.ResultSuccess, Success: []byte("yes")},
		},
		&records.UpsertSchema{PartitionKeyRange: envelope.RangeKeys(0, ^uint64(0)), Schema: []byte("schema v12")},
		&records.VQSchedulerDecisions{Data: []byte{0x01, 0x02, 0x03, 0xff}},
		&records.UpsertRuleBook{PartitionKeyRange: records.KeyRange{Start: 5, End: 5}, RuleBook: []byte("rules")},
	}
}

// Variants returns valid values for the oneof members, enum values and
// field states that Full does not show.
func Variants() []records.Payload {
	internal := *Minimal()[records.KindInvoke-1].(*records.ServiceInvocation)
	internal.ExecutionTimeMs = records.Some(uint64(0)) // optional zero: written
	internal.IdempotencyKey = records.Some("")         // optional empty: written
	return []records.Payload{
		Small(),
		Medium(),
		&internal,
		&records.VersionBarrier{Version: "0.0.0", HumanReason: records.Some(""), PartitionKeyRange: envelope.PairKeys(1, 2)},
		&records.AnnounceLeader{
			NodeID:            records.GenerationalNodeID{ID: 1},
			PartitionKeyRange: records.KeyRange{Start: 7, End: 7},
			EpochVersion:      records.Some(uint32(0)),
			CurrentConfig:     records.Some(records.CurrentConfig{}),
			NextConfig:        records.Some(records.NextConfig{}),
		},
		&records.InvocationTermination{InvocationID: ID(1, 1), Flavor: records.TerminationFlavorCancel},
		&records.ServiceInvocation{
			InvocationID:     ID(2, 2),
			InvocationTarget: records.InvocationTarget{ServiceName: "svc", Handler: "run", Type: records.TargetTypeService},
			Source:           records.InvocationSource{Kind: records.InvocationSourceIngress},
			ResponseSink:     records.ResponseSink{Kind: records.ResponseSinkIngress},
			SubmitNotificationSink: records.ResponseSink{
				Kind: records.ResponseSinkPartitionProcessor, Caller: ID(3, 3),
			},
		},
		&records.AttachInvocationRequest{Query: records.InvocationQuery{Kind: records.InvocationQueryInvocationID, InvocationID: ID(4, 4)}},
		&records.AttachInvocationRequest{
			Query:        records.InvocationQuery{Kind: records.InvocationQueryWorkflow, Workflow: records.ServiceID{ServiceName: "wf.Signup", Key: "user-1", PartitionKey: 0x5555}},
			ResponseSink: records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: ID(5, 5), EntryIndex: 9},
		},
		&records.Effect{InvocationID: ID(6, 6), EffectKind: records.EffectPinnedDeployment, DeploymentID: "dp_123", ProtocolVersion: 5},
		&records.Effect{InvocationID: ID(7, 7), EffectKind: records.EffectSuspended, WaitingFor: []uint32{1, 4, 1000}},
		&records.Effect{InvocationID: ID(8, 8), EffectKind: records.EffectEnd},
		&records.Effect{InvocationID: ID(9, 9), EffectKind: records.EffectFailed, Failure: records.Failure{Code: 409, Message: "conflict"}},
		&records.Effect{InvocationID: ID(10, 10), EffectKind: records.EffectJournalEntry},
		&records.TimerKeyValue{FireAtMs: 1, ValueKind: records.TimerValueCompleteJournalEntry, InvocationID: ID(11, 11), JournalIndex: 0},
		&records.TimerKeyValue{ValueKind: records.TimerValueCleanInvocationStatus, InvocationID: ID(12, 12)},
		&records.TimerKeyValue{FireAtMs: 2, ValueKind: records.TimerValueNeoInvoke, InvocationID: ID(13, 13)},
		&records.ScheduleTimer{TimerKeyValue: records.TimerKeyValue{FireAtMs: 3, ValueKind: records.TimerValueInvoke, Invoke: *Medium()}},
		&records.InvocationResponse{
			Target:  records.JournalCompletionTarget{InvocationID: ID(14, 14)},
			Result:  records.ResultFailure,
			Failure: records.Failure{Code: 404, Message: "not found"},
		},
		&records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: ID(15, 15), EntryIndex: 1}, Result: records.ResultSuccess},
		&records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: ID(16, 16)}, Result: records.ResultNotFound},
		&records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: ID(17, 17)}, Result: records.ResultNotReady},
		&records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: ID(18, 18)}, Result: records.ResultSuccess, Success: []byte("output")},
		&records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: ID(19, 19)}, Result: records.ResultFailure},
		&records.NotifySignalRequest{InvocationID: ID(20, 20), Signal: records.Signal{ID: records.SignalIDIndex, Index: 0, Result: records.ResultVoid}},
		&records.NotifySignalRequest{InvocationID: ID(21, 21), Signal: records.Signal{ID: records.SignalIDIndex, Index: 7, Result: records.ResultFailure, Failure: records.Failure{Code: 1, Message: "rejected"}}},
		&records.NotifySignalRequest{InvocationID: ID(22, 22), Signal: records.Signal{ID: records.SignalIDName, Result: records.ResultSuccess}},
		&records.PartitionDurability{PartitionKeyRange: envelope.SingleKey(0)},
		&records.VQSchedulerDecisions{Data: bytes.Repeat([]byte{0xab}, 100)},
	}
}

// Minimal returns the smallest valid value of each of the 22 kinds, in kind
// order: only the required fields, with the zero value wherever it is valid.
func Minimal() []records.Payload {
	invoke := func() records.ServiceInvocation {
		return records.ServiceInvocation{
			InvocationID:     ID(0, 0),
			InvocationTarget: records.InvocationTarget{Type: records.TargetTypeService},
			Source:           records.InvocationSource{Kind: records.InvocationSourceInternal},
		}
	}
	inv := invoke()
	target := func() records.JournalCompletionTarget {
		return records.JournalCompletionTarget{InvocationID: ID(0, 0)}
	}
	return []records.Payload{
		&records.AnnounceLeader{},
		&records.VersionBarrier{Version: "0.0.0"},
		&records.PartitionDurability{},
		&records.ExternalStateMutation{},
		&records.InvocationTermination{InvocationID: ID(0, 0), Flavor: records.TerminationFlavorKill},
		&records.PurgeInvocationRequest{InvocationID: ID(0, 0)},
		&records.PurgeJournal{PurgeInvocationRequest: records.PurgeInvocationRequest{InvocationID: ID(0, 0)}},
		&inv,
		&records.TruncateOutbox{},
		&records.ProxyThrough{Invocation: invoke()},
		&records.AttachInvocationRequest{Query: records.InvocationQuery{Kind: records.InvocationQueryWorkflow}},
		&records.ResumeInvocationRequest{InvocationID: ID(0, 0)},
		&records.RestartAsNewInvocationRequest{InvocationID: ID(0, 0), NewInvocationID: ID(0, 1)},
		&records.Effect{InvocationID: ID(0, 0), EffectKind: records.EffectEnd},
		&records.TimerKeyValue{ValueKind: records.TimerValueNeoInvoke, InvocationID: ID(0, 0)},
		&records.ScheduleTimer{TimerKeyValue: records.TimerKeyValue{ValueKind: records.TimerValueCleanInvocationStatus, InvocationID: ID(0, 0)}},
		&records.InvocationResponse{Target: target(), Result: records.ResultSuccess},
		&records.GetInvocationOutputResponse{Target: target(), Result: records.ResultNotFound},
		&records.NotifySignalRequest{InvocationID: ID(0, 0), Signal: records.Signal{ID: records.SignalIDIndex, Result: records.ResultVoid}},
		&records.UpsertSchema{},
		&records.VQSchedulerDecisions{},
		&records.UpsertRuleBook{},
	}
}
