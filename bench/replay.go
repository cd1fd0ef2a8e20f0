package bench

import (
	"fmt"
	"slices"

	"google.golang.org/protobuf/proto"

	"github.com/walwire/walwire/bench/internal/pb"
	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
)

// The replay loop: a stream of stored records of every kind, each
// read with a header-only decode and a key filter; the records that pass
// the filter (10%) are decoded into typed values. It is what a partition
// processor does when it replays its log after a restart.

// ReplayRecords is the length of the replay stream.
const ReplayRecords = 1_000_000

// replayFilter selects the records touching a key from 100 to 199.
var replayFilter = envelope.WithinKeys(100, 199)

// ReplayStream is the replay loop's input: stored v2 records, one after
// another in one buffer.
type ReplayStream struct {
	Records [][]byte // each aliases the stream's buffer
	Matched int      // how many pass replayFilter
}

// NewReplayStream returns n records built from samples.All (every kind, and
// every oneof member), with a processor source and a self-proposal dedup
// whose sequence number counts up. Every tenth record is one whose keys pass
// replayFilter, the others are ones whose keys do not, so that exactly
// (n+9)/10 records are decoded.
func NewReplayStream(n int) *ReplayStream {
	var match, skip []records.Payload
	for _, p := range samples.All() {
		if p.Keys().Matches(replayFilter) {
			match = append(match, p)
		} else {
			skip = append(skip, p)
		}
	}
	s := &ReplayStream{Records: make([][]byte, n)}
	var buf []byte
	offs := make([]int, n+1)
	for i := 0; i < n; i++ {
		var p records.Payload
		if i%10 == 0 {
			p = match[(i/10)%len(match)]
			s.Matched++
		} else {
			p = skip[(i-i/10)%len(skip)]
		}
		rec := envelope.Record{
			Source:  envelope.ProcessorSource(benchLeaderEpoch),
			Dedup:   envelope.SelfProposal(benchLeaderEpoch, benchSeq+uint64(i)),
			Payload: p,
		}
		var err error
		// AppendBinary grows buf to the exact size: grow it here, by
		// doubling, so that building the stream stays linear.
		buf = slices.Grow(buf, rec.Size())
		if buf, err = rec.AppendBinary(buf); err != nil {
			panic(fmt.Sprintf("bench: replay record %d: %v", i, err))
		}
		offs[i+1] = len(buf)
	}
	for i := range s.Records {
		s.Records[i] = buf[offs[i]:offs[i+1]:offs[i+1]]
	}
	return s
}

// Replayer reads one record of the stream: header, filter, and a typed
// decode of the records that pass. It reports whether the record passed.
type Replayer func(b []byte) (bool, error)

// ReplayImpl is an implementation of the replay loop.
type ReplayImpl struct {
	Name string
	New  func() Replayer
}

// ReplayImpls are the replay loop's implementations, in the order the tables
// list them.
var ReplayImpls = []ReplayImpl{
	{"walwire-zerocopy", func() Replayer { return newWalwireReplayer(true) }},
	{"walwire-copy", func() Replayer { return newWalwireReplayer(false) }},
	{"protobuf-go", newProtobufGoReplayer},
	{"vtprotobuf-unsafe-pool", newVTReplayer},
}

// walwire: envelope.ParseInto (into a reused Raw), Keys.Matches, then Raw.DecodeZeroCopy or
// Raw.Decode into a value of the record's kind, one per kind, reused.
func newWalwireReplayer(zeroCopy bool) Replayer {
	var dst [32]envelope.Decodable
	for _, k := range records.Kinds() {
		v, err := records.New(k)
		if err != nil {
			panic(err)
		}
		dst[k] = v
	}
	var raw envelope.Raw
	return func(b []byte) (bool, error) {
		if err := envelope.ParseInto(&raw, b); err != nil {
			return false, err
		}
		if !raw.Header.Keys.Matches(replayFilter) {
			return false, nil
		}
		if uint32(raw.Header.Kind) >= uint32(len(dst)) || dst[raw.Header.Kind] == nil {
			return true, fmt.Errorf("bench: kind %d", raw.Header.Kind)
		}
		if zeroCopy {
			return true, raw.DecodeZeroCopy(dst[raw.Header.Kind])
		}
		return true, raw.Decode(dst[raw.Header.Kind])
	}
}

// pbKeysMatch is envelope.Keys.Matches on the generated Keys message.
func pbKeysMatch(k *pb.Keys, f envelope.KeyFilter) bool {
	switch m := k.GetMember().(type) {
	case *pb.Keys_Single:
		return envelope.SingleKey(m.Single).Matches(f)
	case *pb.Keys_Pair_:
		return envelope.PairKeys(m.Pair.GetA(), m.Pair.GetB()).Matches(f)
	case *pb.Keys_RangeInclusive_:
		return envelope.RangeKeys(m.RangeInclusive.GetStart(), m.RangeInclusive.GetEnd()).Matches(f)
	}
	return envelope.NoKeys().Matches(f)
}

// pbPayloads returns a generated message per protobuf kind, taken from
// vtprotobuf's pools; kinds whose payload is not a protobuf message
// (VQSchedulerDecisions: codec bytes) have none.
func pbPayloads() [32]vtMessage {
	var m [32]vtMessage
	m[records.KindAnnounceLeader] = pb.AnnounceLeaderFromVTPool()
	m[records.KindVersionBarrier] = pb.VersionBarrierFromVTPool()
	m[records.KindUpdatePartitionDurability] = pb.PartitionDurabilityFromVTPool()
	m[records.KindPatchState] = pb.ExternalStateMutationFromVTPool()
	m[records.KindTerminateInvocation] = pb.InvocationTerminationFromVTPool()
	m[records.KindPurgeInvocation] = pb.PurgeInvocationRequestFromVTPool()
	m[records.KindPurgeJournal] = pb.PurgeInvocationRequestFromVTPool()
	m[records.KindInvoke] = pb.ServiceInvocationFromVTPool()
	m[records.KindTruncateOutbox] = pb.TruncateOutboxFromVTPool()
	m[records.KindProxyThrough] = pb.ProxyThroughFromVTPool()
	m[records.KindAttachInvocation] = pb.AttachInvocationRequestFromVTPool()
	m[records.KindResumeInvocation] = pb.ResumeInvocationRequestFromVTPool()
	m[records.KindRestartAsNewInvocation] = pb.RestartAsNewInvocationRequestFromVTPool()
	m[records.KindInvokerEffect] = pb.EffectFromVTPool()
	m[records.KindTimer] = pb.TimerKeyValueFromVTPool()
	m[records.KindScheduleTimer] = pb.TimerKeyValueFromVTPool()
	m[records.KindInvocationResponse] = pb.InvocationResponseFromVTPool()
	m[records.KindNotifyGetInvocationOutputResponse] = pb.GetInvocationOutputResponseFromVTPool()
	m[records.KindNotifySignal] = pb.NotifySignalRequestFromVTPool()
	m[records.KindUpsertSchema] = pb.UpsertSchemaFromVTPool()
	m[records.KindUpsertRuleBook] = pb.UpsertRuleBookFromVTPool()
	return m
}

// protobuf-go: proto.Unmarshal of the header (unknown fields discarded),
// the filter on its keys, then proto.Unmarshal of the payload into a reused
// message of the record's kind. A payload of codec bytes is copied into a
// reused buffer.
func newProtobufGoReplayer() Replayer {
	h := new(pb.Header)
	ps := pbPayloads()
	var bytesPayload []byte
	return func(b []byte) (bool, error) {
		hb, payload, err := splitEnvelope(b)
		if err != nil {
			return false, err
		}
		if err := discardUnknown.Unmarshal(hb, h); err != nil {
			return false, err
		}
		if !pbKeysMatch(h.Keys, replayFilter) {
			return false, nil
		}
		k := h.GetKind()
		if int(k) < 0 || int(k) >= len(ps) {
			return true, fmt.Errorf("bench: kind %d", k)
		}
		if p := ps[k]; p != nil {
			return true, proto.Unmarshal(payload, p)
		}
		bytesPayload = append(bytesPayload[:0], payload...)
		return true, nil
	}
}

// vtprotobuf-unsafe-pool: UnmarshalVTUnsafe of the header and, for the
// records that pass, of the payload, into pooled messages emptied with
// ResetVT. A payload of codec bytes is taken as it is (aliased).
func newVTReplayer() Replayer {
	h := pb.HeaderFromVTPool()
	ps := pbPayloads()
	var aliased []byte
	return func(b []byte) (bool, error) {
		hb, payload, err := splitEnvelope(b)
		if err != nil {
			return false, err
		}
		h.ResetVT()
		if err := h.UnmarshalVTUnsafe(hb); err != nil {
			return false, err
		}
		if !pbKeysMatch(h.Keys, replayFilter) {
			return false, nil
		}
		k := h.GetKind()
		if int(k) < 0 || int(k) >= len(ps) {
			return true, fmt.Errorf("bench: kind %d", k)
		}
		if p := ps[k]; p != nil {
			p.ResetVT()
			return true, p.UnmarshalVTUnsafe(payload)
		}
		_ = aliased
		aliased = payload
		return true, nil
	}
}
