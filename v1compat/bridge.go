package v1compat

import (
	"unsafe"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
)

// SelfProducer is the Other producer name a v2 self_proposal dedup is
// written with in v1 (FromV2).
const SelfProducer = "SELF"

// ToV2 returns the v2 record a v1 record replays as (FORMAT.md §8):
//
//   - kind: the command's variant; payload codec protobuf, bytes for
//     VQSchedulerDecisions (the payload type says so);
//   - source: Processor keeps only its leader_epoch; Ingress and ControlPlane
//     map to their v2 members;
//   - dedup: absent → none; (Partition(id), Sn(s)) → foreign_partition{id, s};
//     (Other(_), Esn(e)) → self_proposal{e.leader_epoch, e.sequence_number};
//     (Other(p), Sn(s)) → arbitrary{prefix: p, producer_id: 0, seq: s};
//     (Producer(id), Sn(s)) → arbitrary{no prefix, id, s}; (Partition, Esn)
//     and (Producer, Esn) are ErrInvalidDedup;
//   - payload: TruncateOutbox(i) → TruncateOutbox{index: i,
//     partition_key_range: single(dest.partition_key)}; ProxyThrough(inv) →
//     ProxyThrough{invocation: inv, proxy_partition:
//     single(dest.partition_key)}; every other payload as it is: the v2
//     record shares r's payload value.
//
// ToV2 checks what the bridge needs (the source, the dedup, the command's
// kind and payload type); the payload itself is validated when the v2
// record is written (envelope.Record.AppendBinary and friends).
func ToV2(r *Record) (envelope.Record, error) {
	var rec envelope.Record
	switch r.Header.Source.Kind {
	case envelope.SourceIngress, envelope.SourceControlPlane, envelope.SourceProcessor:
	default:
		return rec, pathError(envelope.ErrMissingField, "source variant not set", "header", "source")
	}
	if err := checkCommand(&r.Command); err != nil {
		return rec, err
	}
	return toV2(r)
}

// toV2 converts r, whose command is known to be well formed.
func toV2(r *Record) (envelope.Record, error) {
	rec := envelope.Record{Source: envelope.Source{Kind: r.Header.Source.Kind}}
	if rec.Source.Kind == envelope.SourceProcessor {
		rec.Source.LeaderEpoch = r.Header.Source.LeaderEpoch
	}
	if dd, ok := r.Header.Dest.Dedup.Get(); ok {
		switch p, s := dd.Producer, dd.Sequence; {
		case p.Kind == ProducerPartition && s.Kind == SequenceSn:
			rec.Dedup = envelope.ForeignPartition(p.Partition, s.Number)
		case p.Kind == ProducerOther && s.Kind == SequenceEsn:
			rec.Dedup = envelope.SelfProposal(s.LeaderEpoch, s.Number)
		case p.Kind == ProducerOther && s.Kind == SequenceSn:
			rec.Dedup = envelope.Arbitrary(envelope.Some(p.Other), envelope.U128{}, s.Number)
		case p.Kind == ProducerID && s.Kind == SequenceSn:
			rec.Dedup = envelope.Arbitrary(envelope.Optional[string]{}, p.ID, s.Number)
		default:
			detail := "producer or sequence variant not set"
			if dd.Producer.Kind >= ProducerPartition && dd.Producer.Kind <= ProducerID && s.Kind == SequenceEsn {
				detail = "(" + producerVariants[dd.Producer.Kind-1] + ", Esn)"
			}
			return envelope.Record{}, pathError(ErrInvalidDedup, detail, "header", "dest", "Processor", "dedup")
		}
	}
	switch c := &r.Command; c.Kind {
	case records.KindTruncateOutbox:
		rec.Payload = &records.TruncateOutbox{Index: c.Index, PartitionKeyRange: envelope.SingleKey(r.Header.Dest.PartitionKey)}
	case records.KindProxyThrough:
		rec.Payload = &records.ProxyThrough{
			Invocation:     *c.Payload.(*records.ServiceInvocation),
			ProxyPartition: envelope.SingleKey(r.Header.Dest.PartitionKey),
		}
	default:
		rec.Payload = c.Payload
	}
	return rec, nil
}

// FromV2 returns the v1 record a v2 record is written as, for nodes that
// keep writing v1 while older nodes still run (FORMAT.md §8):
//
//   - source: processor → Processor{leader_epoch} (no partition_id or
//     partition_key); ingress → Ingress; control_plane and unspecified →
//     ControlPlane;
//   - dedup: none → absent; foreign_partition → (Partition, Sn);
//     self_proposal → (Other("SELF"), Esn); arbitrary with a prefix p →
//     (Other(p), Sn), its producer_id dropped; arbitrary without a prefix →
//     (Producer(producer_id), Sn);
//   - dest.partition_key: the payload's first key: single(k) → k, pair(a, b)
//     → a, range(s, e) → s, none → 0;
//   - TruncateOutbox and ProxyThrough lose their key fields.
//
// The payload is decoded (copying: the result does not alias raw). What v1
// cannot express is an error, never a guess: a kind outside the record set
// is ErrUnknownVariant, a payload codec that is not the kind's is
// envelope.ErrUnsupportedCodec, a payload that does not decode fails with its
// decode error.
func FromV2(raw *envelope.Raw) (*Record, error) {
	h := &raw.Header
	if commandName(h.Kind) == "" {
		return nil, pathError(ErrUnknownVariant, "record kind "+h.Kind.String(), "command")
	}
	p, err := records.Decode(raw)
	if err != nil {
		return nil, err
	}
	r := &Record{}
	switch h.Source.Kind {
	case envelope.SourceProcessor:
		r.Header.Source = Source{Kind: envelope.SourceProcessor, LeaderEpoch: h.Source.LeaderEpoch}
	case envelope.SourceIngress:
		r.Header.Source = Source{Kind: envelope.SourceIngress}
	default:
		r.Header.Source = Source{Kind: envelope.SourceControlPlane}
	}
	switch dd := h.Dedup; dd.Kind {
	case envelope.DedupForeignPartition:
		r.Header.Dest.Dedup = envelope.Some(Dedup{
			Producer: Producer{Kind: ProducerPartition, Partition: dd.Partition},
			Sequence: Sequence{Kind: SequenceSn, Number: dd.Seq},
		})
	case envelope.DedupSelfProposal:
		r.Header.Dest.Dedup = envelope.Some(Dedup{
			Producer: Producer{Kind: ProducerOther, Other: SelfProducer},
			Sequence: Sequence{Kind: SequenceEsn, LeaderEpoch: dd.LeaderEpoch, Number: dd.Seq},
		})
	case envelope.DedupArbitrary:
		v := Dedup{Sequence: Sequence{Kind: SequenceSn, Number: dd.Seq}}
		if prefix, ok := dd.Prefix.Get(); ok {
			// Copied: raw's strings alias its record.
			v.Producer = Producer{Kind: ProducerOther, Other: string(append([]byte(nil), prefix...))}
		} else {
			v.Producer = Producer{Kind: ProducerID, ID: dd.ProducerID}
		}
		r.Header.Dest.Dedup = envelope.Some(v)
	}
	r.Header.Dest.PartitionKey = p.Keys().First()
	r.Command.Kind = h.Kind
	switch v := p.(type) {
	case *records.TruncateOutbox:
		r.Command.Index = v.Index
	case *records.ProxyThrough:
		r.Command.Payload = &v.Invocation
	default:
		r.Command.Payload = p
	}
	return r, nil
}

// ReadRecord reads a stored record of either version, by its codec byte,
// and returns its v2 view: a v2 record (0x07) is parsed as envelope.Parse
// does (the Raw aliases b); a v1 record (0x05) is upgraded to v2 bytes first
// (the Raw aliases those, not b). Any other codec byte is
// envelope.ErrUnknownCodec, naming the byte.
func ReadRecord(b []byte) (envelope.Raw, error) {
	if len(b) > 0 && b[0] == envelope.V1CodecByte {
		v2, err := Upgrade(nil, b)
		if err != nil {
			return envelope.Raw{}, err
		}
		return envelope.Parse(v2)
	}
	return envelope.Parse(b)
}

// Upgrade appends to dst the v2 record the v1 record b replays as (see
// ToV2), growing dst at most once, and returns the extended slice. A v2
// record (codec byte 0x07) is appended as it is, once its header parses, so
// that upgrading a log written partly in v2 is safe. On error dst is
// returned unchanged, and nothing was written to its spare capacity.
//
// Upgrade decodes b without copying its strings; if dst's spare capacity
// overlaps b (an upgrade in place) it copies them first, so the result is
// right in either case.
func Upgrade(dst, b []byte) ([]byte, error) {
	if len(b) > 0 && b[0] == envelope.V2CodecByte {
		if _, err := envelope.Parse(b); err != nil {
			return dst, err
		}
		return append(dst, b...), nil
	}
	var r Record
	if err := decodeRecord(b, !overlaps(dst, b), &r); err != nil {
		return dst, err
	}
	rec, err := toV2(&r)
	if err != nil {
		return dst, err
	}
	// The payload was validated as it was decoded; the header is checked
	// here, so that nothing is written that a reader would reject.
	if h := rec.Header(); h.Validate() != nil {
		return dst, h.Validate()
	}
	n := rec.Size()
	if cap(dst)-len(dst) < n {
		nb := make([]byte, len(dst), len(dst)+n)
		copy(nb, dst)
		dst = nb
	}
	return rec.AppendUnchecked(dst), nil
}

// overlaps reports whether dst's spare capacity and b share memory.
func overlaps(dst, b []byte) bool {
	free := dst[len(dst):cap(dst)]
	if len(free) == 0 || len(b) == 0 {
		return false
	}
	fs := uintptr(unsafe.Pointer(unsafe.SliceData(free)))
	bs := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return fs < bs+uintptr(len(b)) && bs < fs+uintptr(len(free))
}
