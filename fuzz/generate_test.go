package fuzz

// FuzzNeverWriteUnreadable: the encoder never writes what the decoder cannot
// read back (FORMAT.md §6–§7), on structured values built from the fuzz bytes.

import (
	"bytes"
	"encoding/binary"
	"math"
	"reflect"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/v1compat"
	"github.com/walwire/walwire/wire"
)

// gen builds values from fuzz bytes: each choice takes bytes from the front
// of b; an exhausted b reads as zeros, so every input builds a value.
type gen struct {
	b []byte
	// odd is set when the value holds a oneof discriminant or enum outside
	// the declared ones: such a value cannot be written faithfully, so the
	// converse check (invalid values also fail to decode) does not apply.
	odd bool
}

func (g *gen) byte() byte {
	if len(g.b) == 0 {
		return 0
	}
	c := g.b[0]
	g.b = g.b[1:]
	return c
}

func (g *gen) take(n int) []byte {
	n = min(n, len(g.b))
	v := g.b[:n:n]
	g.b = g.b[n:]
	return v
}

func (g *gen) bool() bool { return g.byte()&1 == 1 }

func (g *gen) u64() uint64 {
	switch g.byte() % 5 {
	case 0:
		return 0
	case 1, 2:
		return uint64(g.byte() % 8) // small: ranges are often inverted
	case 3:
		var x [8]byte
		copy(x[:], g.take(8))
		return binary.LittleEndian.Uint64(x[:])
	}
	return math.MaxUint64 >> (g.byte() % 64)
}

func (g *gen) u32() uint32 {
	switch g.byte() % 4 {
	case 0:
		return 0
	case 1, 2:
		return uint32(g.byte())
	}
	return math.MaxUint32 >> (g.byte() % 32)
}

var validStrings = []string{"a", "greet", "Greeter", "héllo", "日本語", "x-tenant", "\x00", "SELF", "req-1"}

// str returns "", a valid string, or raw fuzz bytes (maybe not UTF-8).
func (g *gen) str() string {
	switch g.byte() % 4 {
	case 0:
		return ""
	case 1:
		return validStrings[int(g.byte())%len(validStrings)]
	}
	return string(g.take(int(g.byte() % 12)))
}

// bytes returns nil, empty, or raw fuzz bytes.
func (g *gen) bytes() []byte {
	switch g.byte() % 4 {
	case 0:
		return nil
	case 1:
		return []byte{}
	}
	return bytes.Clone(g.take(int(g.byte() % 16)))
}

func (g *gen) optStr() records.Optional[string] {
	if g.bool() {
		return records.Some(g.str())
	}
	return records.Optional[string]{}
}

func (g *gen) optU32() records.Optional[uint32] {
	if g.bool() {
		return records.Some(g.u32())
	}
	return records.Optional[uint32]{}
}

func (g *gen) optU64() records.Optional[uint64] {
	if g.bool() {
		return records.Some(g.u64())
	}
	return records.Optional[uint64]{}
}

func (g *gen) u32s() []uint32 {
	n := int(g.byte() % 5)
	if n == 4 {
		return []uint32{}
	}
	var vs []uint32
	for range n {
		vs = append(vs, g.u32())
	}
	return vs
}

// uuid returns mostly 16 bytes, sometimes none or another length.
func (g *gen) uuid() []byte {
	switch c := g.byte(); c % 8 {
	case 0:
		return nil
	case 1:
		return make([]byte, int(g.byte()%20))
	default:
		u := make([]byte, 16)
		copy(u, g.take(16))
		return u
	}
}

func (g *gen) id() records.InvocationID {
	return records.InvocationID{PartitionKey: g.u64(), UUID: g.uuid()}
}

func (g *gen) serviceID() records.ServiceID {
	return records.ServiceID{ServiceName: g.str(), Key: g.str(), PartitionKey: g.u64()}
}

func (g *gen) keyRange() records.KeyRange { return records.KeyRange{Start: g.u64(), End: g.u64()} }

func (g *gen) keys() envelope.Keys {
	switch g.byte() % 4 {
	case 1:
		return envelope.SingleKey(g.u64())
	case 2:
		return envelope.PairKeys(g.u64(), g.u64())
	case 3:
		return envelope.RangeKeys(g.u64(), g.u64())
	}
	return envelope.NoKeys()
}

func (g *gen) failure() records.Failure {
	return records.Failure{Code: g.u32(), Message: g.str()}
}

// oddKind returns an undeclared discriminant above hi, and marks the value.
func (g *gen) oddKind(hi int) int {
	g.odd = true
	return hi + 1 + int(g.byte()%8)
}

func (g *gen) sink() records.ResponseSink {
	switch c := g.byte() % 8; c {
	case 1, 2:
		return records.ResponseSink{Kind: records.ResponseSinkPartitionProcessor, Caller: g.id(), EntryIndex: g.u32()}
	case 3, 4:
		return records.ResponseSink{Kind: records.ResponseSinkIngress, RequestID: g.str()}
	case 5:
		return records.ResponseSink{Kind: records.ResponseSinkKind(g.oddKind(2))}
	}
	return records.ResponseSink{}
}

func (g *gen) source() records.InvocationSource {
	switch g.byte() % 8 {
	case 0:
		return records.InvocationSource{}
	case 1, 2:
		return records.InvocationSource{Kind: records.InvocationSourceIngress, RequestID: g.str()}
	case 3, 4:
		return records.InvocationSource{Kind: records.InvocationSourceService, Caller: g.id()}
	case 5:
		return records.InvocationSource{Kind: records.InvocationSourceKind(g.oddKind(3))}
	}
	return records.InvocationSource{Kind: records.InvocationSourceInternal}
}

func (g *gen) targetType() records.TargetType {
	switch c := g.byte() % 8; c {
	case 0, 1, 2, 3:
		return records.TargetType(c)
	case 4:
		g.odd = true
		return -1
	case 5:
		return records.TargetType(g.oddKind(3))
	}
	return records.TargetTypeService
}

func (g *gen) target() records.InvocationTarget {
	return records.InvocationTarget{ServiceName: g.str(), Key: g.optStr(), Handler: g.str(), Type: g.targetType()}
}

func (g *gen) headers() []records.HeaderEntry {
	n := int(g.byte() % 4)
	if n == 3 {
		return []records.HeaderEntry{}
	}
	var hs []records.HeaderEntry
	for range n {
		hs = append(hs, records.HeaderEntry{Name: g.str(), Value: g.str()})
	}
	return hs
}

func (g *gen) invocation() records.ServiceInvocation {
	return records.ServiceInvocation{
		InvocationID:           g.id(),
		InvocationTarget:       g.target(),
		Argument:               g.bytes(),
		Source:                 g.source(),
		SpanContext:            g.bytes(),
		Headers:                g.headers(),
		ExecutionTimeMs:        g.optU64(),
		CompletionRetentionMs:  g.u64(),
		JournalRetentionMs:     g.u64(),
		IdempotencyKey:         g.optStr(),
		ResponseSink:           g.sink(),
		SubmitNotificationSink: g.sink(),
		RestateVersion:         g.str(),
	}
}

var versions = []string{
	"1.2.3", "0.0.0", "1.6.2", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7",
	"1.0.0-x.7.z.92", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0-x-y-z.--",
	"", "v1.2.3", "01.2.3", "1.02.3", "1.2", "1.2.3-", "1.2.3+", "1.2.3-01", "1.2.3-alpha..1",
	"1.2.3 ", " 1.2.3", "1.2.3.4", "99999999999999999999.0.0", "1.2.3-ä",
}

func (g *gen) version() string {
	if g.byte()%4 == 0 {
		return g.str()
	}
	return versions[int(g.byte())%len(versions)]
}

func (g *gen) effect() records.Effect {
	e := records.Effect{InvocationID: g.id()}
	switch c := g.byte() % 8; c {
	case 0:
	case 1:
		e.EffectKind = records.EffectKind(g.oddKind(6))
	case 2:
		e.EffectKind = records.EffectPinnedDeployment
		e.DeploymentID, e.ProtocolVersion = g.str(), g.u32()
	case 3:
		e.EffectKind = records.EffectJournalEntry
		e.EntryIndex, e.Entry = g.u32(), g.bytes()
	case 4:
		e.EffectKind = records.EffectSuspended
		e.WaitingFor = g.u32s()
	case 5:
		e.EffectKind = records.EffectEnd
	default:
		e.EffectKind = records.EffectFailed
		e.Failure = g.failure()
	}
	return e
}

func (g *gen) timer() records.TimerKeyValue {
	v := records.TimerKeyValue{FireAtMs: g.u64()}
	switch c := g.byte() % 7; c {
	case 0:
	case 1:
		v.ValueKind = records.TimerValueKind(g.oddKind(5))
	case 2:
		v.ValueKind = records.TimerValueInvoke
		v.Invoke = g.invocation()
	case 3:
		v.ValueKind = records.TimerValueCompleteJournalEntry
		v.InvocationID, v.JournalIndex = g.id(), g.u32()
	default:
		v.ValueKind = records.TimerValueKind(c)
		v.InvocationID = g.id()
	}
	return v
}

// result returns a result kind, any of them (including kinds the message
// does not allow), with its member's value.
func (g *gen) result() (records.ResultKind, []byte, records.Failure) {
	switch k := records.ResultKind(g.byte() % 8); k {
	case records.ResultSuccess:
		return k, g.bytes(), records.Failure{}
	case records.ResultFailure:
		return k, nil, g.failure()
	case records.ResultNone, records.ResultNotFound, records.ResultNotReady, records.ResultVoid:
		return k, nil, records.Failure{}
	default:
		return records.ResultKind(g.oddKind(int(records.ResultVoid))), nil, records.Failure{}
	}
}

func (g *gen) signal() records.Signal {
	var s records.Signal
	switch g.byte() % 5 {
	case 1:
		s.ID, s.Index = records.SignalIDIndex, g.u32()
	case 2, 3:
		s.ID, s.Name = records.SignalIDName, g.str()
	case 4:
		s.ID = records.SignalIDKind(g.oddKind(2))
	}
	s.Result, s.Success, s.Failure = g.result()
	return s
}

func (g *gen) query() records.InvocationQuery {
	switch g.byte() % 5 {
	case 1:
		return records.InvocationQuery{Kind: records.InvocationQueryInvocationID, InvocationID: g.id()}
	case 2:
		return records.InvocationQuery{Kind: records.InvocationQueryWorkflow, Workflow: g.serviceID()}
	case 3:
		return records.InvocationQuery{Kind: records.InvocationQueryIdempotency, Idempotency: records.IdempotencyQuery{
			ServiceName: g.str(), ServiceKey: g.optStr(), Handler: g.str(), IdempotencyKey: g.str(), PartitionKey: g.u64(),
		}}
	case 4:
		return records.InvocationQuery{Kind: records.InvocationQueryKind(g.oddKind(3))}
	}
	return records.InvocationQuery{}
}

func (g *gen) flavor() records.TerminationFlavor {
	switch c := g.byte() % 6; c {
	case 0, 1, 2:
		return records.TerminationFlavor(c)
	case 3:
		g.odd = true
		return -1
	case 4:
		return records.TerminationFlavor(g.oddKind(2))
	}
	return records.TerminationFlavorCancel
}

// payload builds a payload of kind k.
func (g *gen) payload(k envelope.Kind) records.Payload {
	switch k {
	case records.KindAnnounceLeader:
		p := &records.AnnounceLeader{
			NodeID:            records.GenerationalNodeID{ID: g.u32(), Generation: g.u32()},
			LeaderEpoch:       g.u64(),
			PartitionKeyRange: g.keyRange(),
			EpochVersion:      g.optU32(),
		}
		if g.bool() {
			p.CurrentConfig = records.Some(records.CurrentConfig{Version: g.u32(), ReplicaSet: g.u32s(), ModifiedAtMs: g.u64(), Replication: g.str()})
		}
		if g.bool() {
			p.NextConfig = records.Some(records.NextConfig{Version: g.u32(), ReplicaSet: g.u32s()})
		}
		return p
	case records.KindVersionBarrier:
		return &records.VersionBarrier{Version: g.version(), HumanReason: g.optStr(), PartitionKeyRange: g.keys()}
	case records.KindUpdatePartitionDurability:
		return &records.PartitionDurability{PartitionID: g.u32(), DurablePoint: g.u64(), ModificationTimeMs: g.u64(), PartitionKeyRange: g.keys()}
	case records.KindPatchState:
		p := &records.ExternalStateMutation{ServiceID: g.serviceID(), Version: g.optStr()}
		for range g.byte() % 4 {
			p.State = append(p.State, records.StateEntry{Key: g.bytes(), Value: g.bytes()})
		}
		return p
	case records.KindTerminateInvocation:
		return &records.InvocationTermination{InvocationID: g.id(), Flavor: g.flavor(), ResponseSink: g.sink()}
	case records.KindPurgeInvocation:
		return &records.PurgeInvocationRequest{InvocationID: g.id(), ResponseSink: g.sink()}
	case records.KindPurgeJournal:
		return &records.PurgeJournal{PurgeInvocationRequest: records.PurgeInvocationRequest{InvocationID: g.id(), ResponseSink: g.sink()}}
	case records.KindInvoke:
		p := g.invocation()
		return &p
	case records.KindTruncateOutbox:
		return &records.TruncateOutbox{Index: g.u64(), PartitionKeyRange: g.keys()}
	case records.KindProxyThrough:
		return &records.ProxyThrough{Invocation: g.invocation(), ProxyPartition: g.keys()}
	case records.KindAttachInvocation:
		return &records.AttachInvocationRequest{Query: g.query(), BlockOnInflight: g.bool(), ResponseSink: g.sink()}
	case records.KindResumeInvocation:
		return &records.ResumeInvocationRequest{InvocationID: g.id(), UpdatePinnedDeploymentID: g.optStr(), ResponseSink: g.sink()}
	case records.KindRestartAsNewInvocation:
		return &records.RestartAsNewInvocationRequest{InvocationID: g.id(), NewInvocationID: g.id(), CopyPrefixUpToIndexIncluded: g.u32(), PatchDeploymentID: g.optStr(), ResponseSink: g.sink()}
	case records.KindInvokerEffect:
		p := g.effect()
		return &p
	case records.KindTimer:
		p := g.timer()
		return &p
	case records.KindScheduleTimer:
		return &records.ScheduleTimer{TimerKeyValue: g.timer()}
	case records.KindInvocationResponse:
		p := &records.InvocationResponse{Target: records.JournalCompletionTarget{InvocationID: g.id(), EntryIndex: g.u32()}}
		p.Result, p.Success, p.Failure = g.result()
		return p
	case records.KindNotifyGetInvocationOutputResponse:
		p := &records.GetInvocationOutputResponse{Target: records.JournalCompletionTarget{InvocationID: g.id(), EntryIndex: g.u32()}}
		p.Result, p.Success, p.Failure = g.result()
		return p
	case records.KindNotifySignal:
		return &records.NotifySignalRequest{InvocationID: g.id(), Signal: g.signal()}
	case records.KindUpsertSchema:
		return &records.UpsertSchema{PartitionKeyRange: g.keys(), Schema: g.bytes()}
	case records.KindVQSchedulerDecisions:
		return &records.VQSchedulerDecisions{Data: g.bytes()}
	case records.KindUpsertRuleBook:
		return &records.UpsertRuleBook{PartitionKeyRange: g.keyRange(), RuleBook: g.bytes()}
	}
	panic("gen: unknown kind " + k.String())
}

func (g *gen) headerSource() envelope.Source {
	switch g.byte() % 6 {
	case 1:
		return envelope.IngressSource()
	case 2:
		return envelope.ControlPlaneSource()
	case 3, 4:
		return envelope.ProcessorSource(g.u64())
	case 5:
		return envelope.Source{Kind: envelope.SourceKind(g.oddKind(int(envelope.SourceProcessor)))}
	}
	return envelope.Source{}
}

func (g *gen) dedup() envelope.Dedup {
	switch g.byte() % 6 {
	case 1:
		return envelope.SelfProposal(g.u64(), g.u64())
	case 2:
		return envelope.ForeignPartition(g.u32(), g.u64())
	case 3, 4:
		var prefix envelope.Optional[string]
		if g.bool() {
			prefix = envelope.Some(g.str())
		}
		return envelope.Arbitrary(prefix, envelope.U128{Hi: g.u64(), Lo: g.u64()}, g.u64())
	case 5:
		return envelope.Dedup{Kind: envelope.DedupKind(g.oddKind(int(envelope.DedupArbitrary)))}
	}
	return envelope.Dedup{}
}

// writeClasses are the documented classes of a refused write.
var writeClasses = []error{envelope.ErrMissingField, envelope.ErrInvalidValue, wire.ErrUTF8}

// FuzzNeverWriteUnreadable builds a record from the fuzz bytes — the first
// byte picks the kind, the rest choose every field: strings that may be
// invalid UTF-8, uuids of any length, enums and oneof discriminants out of
// range, oneof members, Optional set or not, ranges possibly inverted,
// header sources and dedups of every member — and checks:
//   - Validate accepts it → the record (envelope.Record.MarshalBinary, of
//     exactly Size bytes) parses and decodes (records.Decode) to an equal
//     value, up to nil/empty slices; its header holds the record's source,
//     dedup, kind, codec and keys; the payload's own MarshalBinary writes
//     the record's payload bytes; and the record goes through the v1 bridge
//     and back (v2 → FromV2 → v1 writer → Decode / Upgrade / ReadRecord →
//     v2) with only the documented losses (see bridgeRoundTrip);
//   - SizeChecked (what the writers call) returns Validate's error, or
//     none and Size;
//   - Validate rejects it (with a documented class) → MarshalBinary,
//     AppendBinary and Marshal of the record and of the payload refuse it
//     too, AppendBinary returning its buffer unchanged (length, contents,
//     spare capacity); and, when every enum and discriminant is a declared
//     one, the unchecked encoding (AppendTo) does not decode either: the
//     encoder refuses exactly what the decoder rejects.
func FuzzNeverWriteUnreadable(f *testing.F) {
	for i := range records.Kinds() {
		f.Add([]byte{byte(i)})
		f.Add(append([]byte{byte(i)}, bytes.Repeat([]byte{2}, 64)...))
		f.Add(append([]byte{byte(i)}, bytes.Repeat([]byte{0xff, 3, 1, 6}, 24)...))
		f.Add(append([]byte{byte(i)}, []byte("\x02\x07\x03\x10\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x06\x03\x01\x02")...))
	}
	f.Fuzz(neverWriteUnreadable)
}

func neverWriteUnreadable(t *testing.T, in []byte) {
	g := &gen{b: in}
	k := kindOf(g.byte())
	p := g.payload(k)
	rec := envelope.Record{Source: g.headerSource(), Dedup: g.dedup(), Payload: p}

	errV := rec.Validate()
	errP := p.Validate()
	// The writers' check folded into the size pass agrees with Validate and
	// Size: the same error, or none and the same size.
	if n, errS := p.SizeChecked(); (errS == nil) != (errP == nil) ||
		(errP != nil && (n != 0 || errS.Error() != errP.Error())) || (errP == nil && n != p.Size()) {
		t.Fatalf("%v %+v: SizeChecked = %d, %v; Validate = %v, Size = %d", k, p, n, errS, errP, p.Size())
	}
	if errP != nil && errV == nil {
		t.Fatalf("%v %+v: the payload does not validate (%v), the record does", k, p, errP)
	}
	if errV != nil {
		refused(t, &rec, p, errV, errP, g.odd)
		return
	}

	b, err := rec.MarshalBinary()
	if err != nil {
		t.Fatalf("%v %+v: validates, but MarshalBinary: %v", k, p, err)
	}
	if len(b) != rec.Size() {
		t.Fatalf("%v %+v: MarshalBinary wrote %d bytes, Size says %d", k, p, len(b), rec.Size())
	}
	raw, err := envelope.Parse(b)
	if err != nil {
		t.Fatalf("%v %+v: wrote %x, which does not parse: %v", k, p, b, err)
	}
	want := rec.Header()
	if !reflect.DeepEqual(normalize(raw.Header), normalize(want)) {
		t.Fatalf("%v %+v: wrote header %v, read %v", k, p, &want, &raw.Header)
	}
	got, err := records.Decode(&raw)
	if err != nil {
		t.Fatalf("%v %+v: wrote %x, which does not decode: %v", k, p, b, err)
	}
	if !reflect.DeepEqual(normalize(got), normalize(p)) {
		t.Fatalf("%v: wrote %+v as %x, read %+v", k, p, b, got)
	}
	pb, err := p.MarshalBinary()
	if err != nil || !bytes.Equal(pb, raw.Payload) {
		t.Fatalf("%v %+v: payload MarshalBinary %x (%v), record payload %x", k, p, pb, err, raw.Payload)
	}
	bridgeRoundTrip(t, &rec, &raw, b)
}

// bridgeRoundTrip checks v2 → v1 → v2 (FORMAT.md §8) on a valid record
// rec, written as b and parsed as raw: FromV2 converts it, the v1 writer
// writes it, v1compat.Decode reads back what was written, and Upgrade (and
// ReadRecord) of the v1 bytes give back rec, but for what the round trip
// cannot keep, as documented: an unspecified source comes back as
// control_plane, an arbitrary dedup with a prefix loses its producer_id, and
// a TruncateOutbox or ProxyThrough key field comes back as single(its first
// key) (none: single(0)).
func bridgeRoundTrip(t *testing.T, rec *envelope.Record, raw *envelope.Raw, b []byte) {
	t.Helper()
	k := rec.Payload.Kind()
	r, err := v1compat.FromV2(raw)
	if err != nil {
		t.Fatalf("%v: FromV2 of the valid record %x: %v", k, b, err)
	}
	v1b, err := r.MarshalBinary()
	if err != nil {
		t.Fatalf("%v: FromV2 of %x = %+v, which the v1 writer refuses: %v", k, b, r, err)
	}
	r2, err := v1compat.Decode(v1b)
	if err != nil || !reflect.DeepEqual(normalize(r2), normalize(r)) {
		t.Fatalf("%v: v1 record %+v written as %q reads %+v (%v)", k, r, v1b, r2, err)
	}
	up, err := v1compat.Upgrade(nil, v1b)
	if err != nil {
		t.Fatalf("%v: v2 %x → v1 %q does not upgrade: %v", k, b, v1b, err)
	}
	back, err := envelope.Parse(up)
	if err != nil {
		t.Fatalf("%v: v2 %x → v1 %q → v2 %x, which does not parse: %v", k, b, v1b, up, err)
	}
	p, err := records.Decode(&back)
	if err != nil {
		t.Fatalf("%v: v2 %x → v1 %q → v2 %x, which does not decode: %v", k, b, v1b, up, err)
	}

	// What the round trip gives back: rec, less what it cannot keep.
	want := *rec
	if want.Source.Kind == envelope.SourceUnspecified {
		want.Source = envelope.ControlPlaneSource()
	}
	if want.Dedup.Kind == envelope.DedupArbitrary && want.Dedup.Prefix.Set {
		want.Dedup.ProducerID = envelope.U128{}
	}
	wantP := normalize(rec.Payload)
	switch v := wantP.(type) {
	case *records.TruncateOutbox:
		v.PartitionKeyRange = envelope.SingleKey(v.PartitionKeyRange.First())
	case *records.ProxyThrough:
		v.ProxyPartition = envelope.SingleKey(v.ProxyPartition.First())
	}
	if h := want.Header(); !reflect.DeepEqual(normalize(back.Header), normalize(h)) && !keysOnly(k) {
		t.Fatalf("%v: v2 %x → v1 %q → v2 %x: header %v, want %v", k, b, v1b, up, &back.Header, &h)
	}
	if !reflect.DeepEqual(normalize(p), wantP) {
		t.Fatalf("%v: v2 %x → v1 %q → v2: %+v, want %+v", k, b, v1b, p, wantP)
	}
	if got := p.Keys(); back.Header.Keys != got || back.Header.Source != want.Source || !reflect.DeepEqual(normalize(back.Header.Dedup), normalize(want.Dedup)) {
		t.Fatalf("%v: v2 %x → v1 %q → v2 %x: header %v", k, b, v1b, up, &back.Header)
	}
	rr, err := v1compat.ReadRecord(v1b)
	if err != nil || !reflect.DeepEqual(rr.Header, back.Header) || !bytes.Equal(rr.Payload, back.Payload) {
		t.Fatalf("%v: ReadRecord(%q) = %v %x (%v), Upgrade gives %v %x", k, v1b, &rr.Header, rr.Payload, err, &back.Header, back.Payload)
	}
}

// keysOnly reports whether kind k's header keys may change in a v2 → v1 →
// v2 round trip (its payload's key field is rebuilt from one key); the
// header is then checked against the payload read back.
func keysOnly(k envelope.Kind) bool {
	return k == records.KindTruncateOutbox || k == records.KindProxyThrough
}

// refused checks that every writer refuses an invalid record, leaving its
// buffer alone.
func refused(t *testing.T, rec *envelope.Record, p records.Payload, errV, errP error, odd bool) {
	t.Helper()
	k := p.Kind()
	if !isOneOf(errV, writeClasses...) {
		t.Fatalf("%v %+v: Validate: undocumented class: %v", k, p, errV)
	}
	_ = errV.Error()
	if b, err := rec.MarshalBinary(); err == nil || b != nil {
		t.Fatalf("%v %+v: Validate says %v, MarshalBinary wrote %x (%v)", k, p, errV, b, err)
	}
	if buf, err := rec.Marshal(); err == nil || buf != nil {
		t.Fatalf("%v %+v: Validate says %v, Marshal: %v", k, p, errV, err)
	}
	const spare = 0xa5
	buf := make([]byte, 6, 64)
	for i := range buf[:cap(buf)] {
		buf[:cap(buf)][i] = spare
	}
	copy(buf, "prefix")
	out, err := rec.AppendBinary(buf)
	unchanged := func(out []byte) bool {
		if len(out) != len(buf) || &out[0] != &buf[0] || string(out) != "prefix" {
			return false
		}
		for _, c := range buf[len(buf):cap(buf)] {
			if c != spare {
				return false
			}
		}
		return true
	}
	if err == nil || !unchanged(out) {
		t.Fatalf("%v %+v: Validate says %v; AppendBinary returned %x (%v) or wrote past its buffer", k, p, errV, out, err)
	}
	if errP != nil {
		if b, err := p.MarshalBinary(); err == nil || b != nil {
			t.Fatalf("%v %+v: Validate says %v, payload MarshalBinary wrote %x (%v)", k, p, errP, b, err)
		}
		if out, err := p.AppendBinary(buf); err == nil || !unchanged(out) {
			t.Fatalf("%v %+v: Validate says %v; payload AppendBinary returned %x (%v) or wrote past its buffer", k, p, errP, out, err)
		}
		// The converse: what the encoder refuses, the decoder rejects too
		// (for values whose enums and discriminants can be written).
		if !odd {
			q := mustNew(t, k)
			if err := q.UnmarshalPayload(p.AppendTo(nil), wire.Copy); err == nil {
				t.Fatalf("%v %+v: Validate refuses it (%v), yet its unchecked encoding %x decodes to %+v", k, p, errP, p.AppendTo(nil), q)
			}
		}
	}
}
