package bench

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"buf.build/go/hyperpb"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoregistry"

	"github.com/walwire/walwire/bench/internal/easypb"
	"github.com/walwire/walwire/bench/internal/mirror"
	"github.com/walwire/walwire/bench/internal/pb"
	"github.com/walwire/walwire/bench/internal/v1json"
	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/v1compat"
)

// The fairness tests check that every implementation in the benchmarks does
// the same work: every encoder writes the same record (the bytes walwire
// writes, which protobuf-go reads back as the reference values), and every
// decoder reads the same values from it.

// referencePB decodes a stored v2 record with protobuf-go.
func referencePB(t *testing.T, fx *Fixture, b []byte) (*pb.Header, proto.Message) {
	t.Helper()
	hb, pbytes, err := splitEnvelope(b)
	if err != nil {
		t.Fatalf("split envelope: %v", err)
	}
	h := new(pb.Header)
	if err := proto.Unmarshal(hb, h); err != nil {
		t.Fatalf("protobuf-go header: %v", err)
	}
	p := newPBPayload(fx)
	if err := proto.Unmarshal(pbytes, p); err != nil {
		t.Fatalf("protobuf-go payload: %v", err)
	}
	return h, p
}

func TestFixtures(t *testing.T) {
	want := map[string][2]int{"31B": {31, 31}, "520B": {500, 560}, "64KiB": {64 << 10, 64<<10 + 512}}
	for _, fx := range Fixtures() {
		r := want[fx.Name]
		if fx.PayloadLen < r[0] || fx.PayloadLen > r[1] {
			t.Errorf("payload=%s: payload is %d bytes, want %d to %d", fx.Name, fx.PayloadLen, r[0], r[1])
		}
		t.Logf("payload=%s: %T, payload %d B, record %d B, v1 record %d B", fx.Name, fx.Record.Payload, fx.PayloadLen, len(fx.Encoded), len(fx.V1Encoded))
		// The reference values (the generated messages every peer writes)
		// are what protobuf-go reads from walwire's bytes.
		h, p := referencePB(t, fx, fx.Encoded)
		if !proto.Equal(h, fx.PBHeader) {
			t.Errorf("payload=%s: header: protobuf-go reads %v, reference is %v", fx.Name, h, fx.PBHeader)
		}
		if !proto.Equal(p, fx.PBPayload) {
			t.Errorf("payload=%s: payload: protobuf-go reads %v, reference is %v", fx.Name, p, fx.PBPayload)
		}
		if fx.PBHeader.GetSource().GetProcessor() == nil || fx.PBHeader.GetDedup().GetSelfProposal() == nil || fx.PBHeader.GetKeys() == nil || fx.PBHeader.Kind == 0 || fx.PBHeader.Codec == 0 {
			t.Errorf("payload=%s: header %v lacks a source, dedup, kind, codec or keys", fx.Name, fx.PBHeader)
		}
	}
}

// TestEncodersAgree: every protobuf encoder writes walwire's bytes exactly,
// and protobuf-go reads them as the reference values. Each encoder runs
// twice, so that reused buffers are exercised.
func TestEncodersAgree(t *testing.T) {
	for _, fx := range Fixtures() {
		for _, impl := range EncodeImpls {
			t.Run(fmt.Sprintf("impl=%s/payload=%s", impl.Name, fx.Name), func(t *testing.T) {
				enc := impl.New(fx)
				for i := 0; i < 2; i++ {
					out, err := enc()
					if err != nil {
						t.Fatal(err)
					}
					if !impl.Protobuf {
						if !bytes.Equal(out, fx.V1Encoded) {
							t.Fatalf("call %d: v1 record differs:\n got %.200q\nwant %.200q", i, out, fx.V1Encoded)
						}
						continue
					}
					h, p := referencePB(t, fx, out)
					if !proto.Equal(h, fx.PBHeader) || !proto.Equal(p, fx.PBPayload) {
						t.Fatalf("call %d: protobuf-go reads %v / %v, want %v / %v", i, h, p, fx.PBHeader, fx.PBPayload)
					}
					if !bytes.Equal(out, fx.Encoded) {
						t.Fatalf("call %d: bytes differ from walwire's (%d vs %d bytes)", i, len(out), len(fx.Encoded))
					}
				}
			})
		}
	}
}

// TestDecodersAgree: every decoder reads the reference values. Each decoder
// runs twice into its reused value.
func TestDecodersAgree(t *testing.T) {
	for _, fx := range Fixtures() {
		for _, impl := range DecodeImpls {
			t.Run(fmt.Sprintf("impl=%s/payload=%s", impl.Name, fx.Name), func(t *testing.T) {
				d := impl.New(fx)
				for i := 0; i < 2; i++ {
					if err := d.Decode(d.Input); err != nil {
						t.Fatalf("call %d: %v", i, err)
					}
				}
				h, p := d.Result()
				if r, ok := h.(*v1compat.Record); ok {
					rec, err := v1compat.ToV2(r)
					if err != nil {
						t.Fatal(err)
					}
					if rec.Header() != fx.Record.Header() || !reflect.DeepEqual(rec.Payload, fx.Record.Payload) {
						t.Fatalf("v1compat reads %+v, want %+v", rec, fx.Record)
					}
					return
				}
				if r, ok := h.(*v1json.Header); ok {
					if !reflect.DeepEqual(*r, fx.V1.Header) || !reflect.DeepEqual(*p.(*v1json.Command), fx.V1.Command) {
						t.Fatalf("v1 record differs: %+v", p)
					}
					return
				}
				ph, pp := toPB(t, h, p)
				wantH := fx.PBHeader
				if impl.Name == "hyperpb" {
					wantH = hyperpbDefect(fx.PBHeader)
				}
				if !proto.Equal(ph, wantH) {
					t.Errorf("header: %v, want %v", ph, wantH)
				}
				if !proto.Equal(pp, fx.PBPayload) {
					t.Errorf("payload: %v, want %v", pp, fx.PBPayload)
				}
				// Decoders into walwire's Go types give back the very
				// values written.
				if wh, ok := h.(*envelope.Header); ok {
					if want := fx.Record.Header(); *wh != want {
						t.Errorf("header: %+v, want %+v", *wh, want)
					}
					if !reflect.DeepEqual(p, fx.Record.Payload) {
						t.Errorf("payload: %+v, want %+v", p, fx.Record.Payload)
					}
				}
			})
		}
	}
}

// TestV1 checks that the v1 records of the benchmarks (encoding/json of the
// v1 structs) are what walwire's v1compat reads, writes and upgrades: the
// upgrade of the v1 record is, byte for byte, the v2 record.
func TestV1(t *testing.T) {
	for _, fx := range Fixtures() {
		got, err := v1compat.Upgrade(nil, fx.V1Encoded)
		if err != nil {
			t.Fatalf("payload=%s: upgrade: %v", fx.Name, err)
		}
		if !bytes.Equal(got, fx.Encoded) {
			t.Errorf("payload=%s: upgrade of the v1 record differs from the v2 record", fx.Name)
		}
		var v v1json.Record
		if err := v1json.DecodeRecord(fx.V1Encoded, &v); err != nil || !reflect.DeepEqual(v, fx.V1) {
			t.Errorf("payload=%s: encoding/json round trip: %v", fx.Name, err)
		}
	}
}

// TestHeaderDecodersAgree: every header-only decoder reads the reference
// header.
func TestHeaderDecodersAgree(t *testing.T) {
	flat := FlatFixtures()
	for i, fx := range flat {
		if i > 0 && !bytes.Equal(fx.Encoded[:len(fx.Encoded)-fx.PayloadLen], flat[0].Encoded[:len(flat[0].Encoded)-flat[0].PayloadLen]) {
			t.Errorf("flat payload=%s: the header bytes differ from payload=%s's", fx.Name, flat[0].Name)
		}
	}
	for _, fx := range append(Fixtures(), flat...) {
		var raw envelope.Raw
		err := headerWalwire(fx.Encoded, &raw)
		if err != nil {
			t.Fatal(err)
		}
		if raw.Header != fx.Record.Header() || !bytes.Equal(raw.Payload, fx.Encoded[len(fx.Encoded)-fx.PayloadLen:]) {
			t.Errorf("payload=%s: walwire: %+v", fx.Name, raw)
		}
		for name, f := range map[string]func([]byte, *pb.Header) error{
			"protobuf-go": headerProtobufGo, "vtprotobuf-pool": headerVT, "vtprotobuf-unsafe-pool": headerVTUnsafe,
		} {
			h := pb.HeaderFromVTPool()
			for i := 0; i < 2; i++ {
				if err := f(fx.Encoded, h); err != nil {
					t.Fatalf("payload=%s: %s: %v", fx.Name, name, err)
				}
			}
			if !proto.Equal(h, fx.PBHeader) {
				t.Errorf("payload=%s: %s: %v, want %v", fx.Name, name, h, fx.PBHeader)
			}
		}
		var fh FloorHeader
		for i := 0; i < 2; i++ {
			if err := headerFloor(fx.Encoded, &fh); err != nil {
				t.Fatalf("payload=%s: floor: %v", fx.Name, err)
			}
		}
		if got := floorHeaderPB(&fh); !proto.Equal(got, fx.PBHeader) {
			t.Errorf("payload=%s: floor: %v, want %v", fx.Name, got, fx.PBHeader)
		}
		shared := newHyperpbShared(hyperpbHeaderType)
		for i := 0; i < 2; i++ {
			hh, err := headerHyperpb(fx.Encoded, shared)
			if err != nil {
				t.Fatalf("payload=%s: hyperpb: %v", fx.Name, err)
			}
			if want := hyperpbDefect(fx.PBHeader); i == 1 && !proto.Equal(hyperpbToPB(t, hh), want) {
				t.Errorf("payload=%s: hyperpb: %v, want %v", fx.Name, hh, want)
			}
		}
		var eh easypb.Header
		if err := headerEasyproto(fx.Encoded, &eh); err != nil {
			t.Fatal(err)
		}
		if !proto.Equal(easyHeaderPB(&eh), fx.PBHeader) {
			t.Errorf("payload=%s: easyproto: %+v", fx.Name, eh)
		}
	}
}

// toPB converts a decoder's result to generated messages.
func toPB(t *testing.T, h, p any) (*pb.Header, proto.Message) {
	t.Helper()
	var ph *pb.Header
	switch h := h.(type) {
	case *pb.Header:
		ph = h
	case *envelope.Header:
		ph = mirror.Header(h)
	case *easypb.Header:
		ph = easyHeaderPB(h)
	case *hyperpb.Message:
		ph = hyperpbToPB(t, h).(*pb.Header)
	default:
		t.Fatalf("header of type %T", h)
	}
	switch p := p.(type) {
	case *hyperpb.Message:
		return ph, hyperpbToPB(t, p)
	case proto.Message:
		return ph, p
	case *records.AnnounceLeader:
		return ph, mirror.AnnounceLeader(p)
	case *records.ServiceInvocation:
		return ph, mirror.ServiceInvocation(p)
	case *easypb.AnnounceLeader:
		return ph, easyAnnouncePB(p)
	case *easypb.ServiceInvocation:
		return ph, easyInvokePB(p)
	}
	t.Fatalf("payload of type %T", p)
	return nil, nil
}

// hyperpbToPB copies a message hyperpb parsed into a new generated message
// of the same type: hyperpb's messages are read-only views, compared here
// after a round trip through protobuf-go.
func hyperpbToPB(t *testing.T, m *hyperpb.Message) proto.Message {
	t.Helper()
	mt, err := protoregistry.GlobalTypes.FindMessageByName(m.Descriptor().FullName())
	if err != nil {
		t.Fatal(err)
	}
	out := mt.New().Interface()
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := proto.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// hyperpbDefect returns the header hyperpb v0.1.3 reads for h: everything
// right but a single key (a uint64 oneof member) of 2^32 and above, of which
// it keeps the low 32 bits. (Seen with the 520B and 64KiB records, whose
// key is 0x123456789abc: hyperpb reads 0x56789abc. protobuf-go,
// vtprotobuf, easyproto, floor and walwire read the whole value.) The
// benchmark keeps hyperpb as a report-only peer; this test fails once
// hyperpb reads the key right, so the exception goes away with the defect.
func hyperpbDefect(h *pb.Header) *pb.Header {
	h = proto.Clone(h).(*pb.Header)
	if s, ok := h.GetKeys().GetMember().(*pb.Keys_Single); ok {
		s.Single = uint64(uint32(s.Single))
	}
	return h
}

// floorHeaderPB converts what the floor decoder read to a generated header.
func floorHeaderPB(f *FloorHeader) *pb.Header {
	h := &envelope.Header{Kind: envelope.Kind(f.Kind), Codec: envelope.Codec(f.Codec)}
	h.Source = envelope.Source{Kind: envelope.SourceKind(f.SourceKind), LeaderEpoch: f.LeaderEpoch}
	h.Dedup = envelope.Dedup{Kind: envelope.DedupKind(f.DedupKind), LeaderEpoch: f.DedupEpoch, Partition: f.Partition,
		Prefix: envelope.Optional[string]{Value: string(f.Prefix), Set: f.PrefixSet}, ProducerID: envelope.U128{Hi: f.ProducerHi, Lo: f.ProducerLo}, Seq: f.Seq}
	switch f.KeysKind {
	case 1:
		h.Keys = envelope.SingleKey(f.KeyA)
	case 2:
		h.Keys = envelope.PairKeys(f.KeyA, f.KeyB)
	case 3:
		h.Keys = envelope.RangeKeys(f.KeyA, f.KeyB)
	}
	return mirror.Header(h)
}

func easyHeaderPB(e *easypb.Header) *pb.Header {
	h := &envelope.Header{Kind: envelope.Kind(e.Kind), Codec: envelope.Codec(e.Codec)}
	h.Source = envelope.Source{Kind: envelope.SourceKind(e.Source.Kind), LeaderEpoch: e.Source.LeaderEpoch}
	d := e.Dedup
	h.Dedup = envelope.Dedup{Kind: envelope.DedupKind(d.Kind), LeaderEpoch: d.LeaderEpoch, Partition: d.Partition, ProducerID: envelope.U128{Hi: d.ProducerHi, Lo: d.ProducerLo}, Seq: d.Seq}
	if d.HasPrefix {
		h.Dedup.Prefix = envelope.Some(d.Prefix)
	}
	switch e.Keys.Kind {
	case 1:
		h.Keys = envelope.SingleKey(e.Keys.A)
	case 2:
		h.Keys = envelope.PairKeys(e.Keys.A, e.Keys.B)
	case 3:
		h.Keys = envelope.RangeKeys(e.Keys.A, e.Keys.B)
	}
	return mirror.Header(h)
}

func easyAnnouncePB(e *easypb.AnnounceLeader) *pb.AnnounceLeader {
	p := &pb.AnnounceLeader{LeaderEpoch: e.LeaderEpoch}
	if e.HasNodeID {
		p.NodeId = &pb.GenerationalNodeId{Id: e.NodeID, Generation: e.NodeGeneration}
	}
	if e.HasPartitionKeyRange {
		p.PartitionKeyRange = &pb.KeyRange{Start: e.RangeStart, End: e.RangeEnd}
	}
	if e.HasEpochVersion {
		p.EpochVersion = proto.Uint32(e.EpochVersion)
	}
	if e.HasCurrentConfig {
		c := e.CurrentConfig
		p.CurrentConfig = &pb.CurrentConfig{Version: c.Version, ReplicaSet: c.ReplicaSet, ModifiedAtMs: c.ModifiedAtMs, Replication: c.Replication}
	}
	if e.HasNextConfig {
		p.NextConfig = &pb.NextConfig{Version: e.NextConfig.Version, ReplicaSet: e.NextConfig.ReplicaSet}
	}
	return p
}

func easyIDPB(id easypb.InvocationID) *pb.InvocationId {
	return &pb.InvocationId{PartitionKey: id.PartitionKey, Uuid: id.UUID}
}

func easySinkPB(s easypb.ResponseSink) *pb.ResponseSink {
	switch s.Kind {
	case 1:
		pp := &pb.ResponseSink_PartitionProcessor{EntryIndex: s.EntryIndex}
		if s.HasCaller {
			pp.Caller = easyIDPB(s.Caller)
		}
		return &pb.ResponseSink{Member: &pb.ResponseSink_PartitionProcessor_{PartitionProcessor: pp}}
	case 2:
		return &pb.ResponseSink{Member: &pb.ResponseSink_Ingress_{Ingress: &pb.ResponseSink_Ingress{RequestId: s.RequestID}}}
	}
	return nil
}

func easyInvokePB(e *easypb.ServiceInvocation) *pb.ServiceInvocation {
	p := &pb.ServiceInvocation{
		Argument:               e.Argument,
		SpanContext:            e.SpanContext,
		CompletionRetentionMs:  e.CompletionRetentionMs,
		JournalRetentionMs:     e.JournalRetentionMs,
		ResponseSink:           easySinkPB(e.ResponseSink),
		SubmitNotificationSink: easySinkPB(e.SubmitNotificationSink),
		RestateVersion:         e.RestateVersion,
	}
	if e.HasInvocationID {
		p.InvocationId = easyIDPB(e.InvocationID)
	}
	if e.HasInvocationTarget {
		t := e.InvocationTarget
		p.InvocationTarget = &pb.InvocationTarget{ServiceName: t.ServiceName, Handler: t.Handler, Type: pb.TargetType(t.Type)}
		if t.HasKey {
			p.InvocationTarget.Key = proto.String(t.Key)
		}
	}
	if e.HasSource {
		switch e.Source.Kind {
		case 1:
			p.Source = &pb.InvocationSource{Member: &pb.InvocationSource_Ingress_{Ingress: &pb.InvocationSource_Ingress{RequestId: e.Source.RequestID}}}
		case 2:
			svc := &pb.InvocationSource_Service{}
			if e.Source.HasCaller {
				svc.Caller = easyIDPB(e.Source.Caller)
			}
			p.Source = &pb.InvocationSource{Member: &pb.InvocationSource_Service_{Service: svc}}
		case 3:
			p.Source = &pb.InvocationSource{Member: &pb.InvocationSource_Internal{Internal: &pb.Empty{}}}
		default:
			p.Source = &pb.InvocationSource{}
		}
	}
	for _, h := range e.Headers {
		p.Headers = append(p.Headers, &pb.HeaderEntry{Name: h.Name, Value: h.Value})
	}
	if e.HasExecutionTimeMs {
		p.ExecutionTimeMs = proto.Uint64(e.ExecutionTimeMs)
	}
	if e.HasIdempotencyKey {
		p.IdempotencyKey = proto.String(e.IdempotencyKey)
	}
	return p
}

// TestWalwireAllocs guards the 0-allocation paths the tables report for
// walwire, as the performance targets require: pooled encode, zero-copy
// decode and header-only decode.
func TestWalwireAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts: skipped under the race detector")
	}
	for _, fx := range Fixtures() {
		enc := newWalwirePooled(fx)
		if n := testing.AllocsPerRun(100, func() { _, _ = enc() }); n != 0 {
			t.Errorf("payload=%s: walwire-pooled encode: %v allocs/op", fx.Name, n)
		}
		dec := newWalwireDecoder(fx, true)
		if n := testing.AllocsPerRun(100, func() { _ = dec.Decode(dec.Input) }); n != 0 {
			t.Errorf("payload=%s: walwire-zerocopy decode: %v allocs/op", fx.Name, n)
		}
		var raw envelope.Raw
		if n := testing.AllocsPerRun(100, func() { _ = headerWalwire(fx.Encoded, &raw) }); n != 0 {
			t.Errorf("payload=%s: walwire header-only decode: %v allocs/op", fx.Name, n)
		}
	}
	// The replay loop, zero-copy: 0 allocations per record once every
	// kind's value is warm.
	s := NewReplayStream(1000)
	next := newWalwireReplayer(true)
	for _, r := range s.Records {
		if _, err := next(r); err != nil {
			t.Fatal(err)
		}
	}
	if n := testing.AllocsPerRun(3, func() {
		for _, r := range s.Records {
			_, _ = next(r)
		}
	}); n != 0 {
		t.Errorf("walwire-zerocopy replay: %v allocs per %d records", n, len(s.Records))
	}
}

// TestDecodeErrors: every decoder of BenchmarkDecodeError reports the
// damaged record.
func TestDecodeErrors(t *testing.T) {
	for _, fx := range Fixtures() {
		for _, impl := range DecodeImpls {
			if !slices.Contains(errorImpls, impl.Name) {
				continue
			}
			if err := impl.New(fx).Decode(truncated(fx)); err == nil {
				t.Errorf("impl=%s/payload=%s: no error for a truncated record", impl.Name, fx.Name)
			}
		}
	}
}

// TestReplayersAgree: over a replay stream, every implementation of the
// replay loop passes the same records through the filter (a tenth of them),
// and decodes them without error; the stream holds every kind.
func TestReplayersAgree(t *testing.T) {
	s := NewReplayStream(2000)
	kinds := map[envelope.Kind]bool{}
	for _, r := range s.Records {
		raw, err := envelope.Parse(r)
		if err != nil {
			t.Fatal(err)
		}
		kinds[raw.Header.Kind] = true
	}
	if len(kinds) != len(records.Kinds()) {
		t.Errorf("the stream holds %d kinds, want %d", len(kinds), len(records.Kinds()))
	}
	if s.Matched != 200 {
		t.Errorf("Matched = %d, want 200", s.Matched)
	}
	want := make([]bool, len(s.Records))
	for i, r := range s.Records {
		raw, _ := envelope.Parse(r)
		want[i] = raw.Header.Keys.Matches(replayFilter)
	}
	for _, impl := range ReplayImpls {
		next := impl.New()
		n := 0
		for i, r := range s.Records {
			ok, err := next(r)
			if err != nil {
				t.Fatalf("%s: record %d: %v", impl.Name, i, err)
			}
			if ok != want[i] {
				t.Fatalf("%s: record %d: passed = %v, want %v", impl.Name, i, ok, want[i])
			}
			if ok {
				n++
			}
		}
		if n != s.Matched {
			t.Errorf("%s: %d records passed, want %d", impl.Name, n, s.Matched)
		}
	}
}
