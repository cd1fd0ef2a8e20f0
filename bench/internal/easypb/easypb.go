// Package easypb is a hand-written codec, on github.com/VictoriaMetrics/easyproto,
// for the messages of the benchmark records: the v2 Header (with Source, Dedup
// and Keys), AnnounceLeader and ServiceInvocation with their nested types,
// into plain Go structs.
//
// It is written the way easyproto's documentation suggests: marshalling builds
// the message with a pooled easyproto.Marshaler and appends it to a caller's
// buffer; unmarshalling walks fields with easyproto.FieldContext and keeps
// strings and bytes aliasing the input (easyproto has no copying mode). Like
// most hand-written codecs it checks neither UTF-8 nor required fields: the
// benchmarks measure it as such, and BENCHMARKS.md says so.
package easypb

import (
	"errors"
	"fmt"

	"github.com/VictoriaMetrics/easyproto"
)

var mp easyproto.MarshalerPool

var errWireType = errors.New("easypb: unexpected wire type")

// Header is the v2 record header. The Kind fields of the oneofs use the field
// numbers of their members (0 = none).
type Header struct {
	Source Source
	Dedup  Dedup
	Kind   uint32
	Codec  uint32
	Keys   Keys
}

// Source is the Source oneof: 1 ingress, 2 control_plane, 3 processor.
type Source struct {
	Kind        uint32
	LeaderEpoch uint64
}

// Dedup is the Dedup oneof: 1 self_proposal, 2 foreign_partition, 3 arbitrary.
type Dedup struct {
	Kind        uint32
	LeaderEpoch uint64
	Partition   uint32
	HasPrefix   bool
	Prefix      string
	ProducerHi  uint64
	ProducerLo  uint64
	Seq         uint64
}

// Keys is the Keys oneof: 1 single (A), 2 pair (A, B), 3 range_inclusive (A, B).
type Keys struct {
	Kind uint32
	A, B uint64
}

// MarshalHeader appends the Header message to dst.
func MarshalHeader(dst []byte, h *Header) []byte {
	m := mp.Get()
	mm := m.MessageMarshaler()
	if h.Source.Kind != 0 {
		src := mm.AppendMessage(1)
		mem := src.AppendMessage(h.Source.Kind)
		if h.Source.Kind == 3 && h.Source.LeaderEpoch != 0 {
			mem.AppendUint64(1, h.Source.LeaderEpoch)
		}
	}
	if d := &h.Dedup; d.Kind != 0 {
		mem := mm.AppendMessage(2).AppendMessage(d.Kind)
		switch d.Kind {
		case 1:
			appendUint64(mem, 1, d.LeaderEpoch)
			appendUint64(mem, 2, d.Seq)
		case 2:
			appendUint64(mem, 1, uint64(d.Partition))
			appendUint64(mem, 2, d.Seq)
		case 3:
			if d.HasPrefix {
				mem.AppendString(1, d.Prefix)
			}
			if d.ProducerHi != 0 || d.ProducerLo != 0 {
				u := mem.AppendMessage(2)
				appendUint64(u, 1, d.ProducerHi)
				appendUint64(u, 2, d.ProducerLo)
			}
			appendUint64(mem, 3, d.Seq)
		}
	}
	appendUint64(mm, 3, uint64(h.Kind))
	appendUint64(mm, 4, uint64(h.Codec))
	appendKeys(mm, 5, &h.Keys)
	dst = m.Marshal(dst)
	mp.Put(m)
	return dst
}

func appendUint64(mm *easyproto.MessageMarshaler, num uint32, v uint64) {
	if v != 0 {
		mm.AppendUint64(num, v)
	}
}

func appendKeys(mm *easyproto.MessageMarshaler, num uint32, k *Keys) {
	switch k.Kind {
	case 1:
		mm.AppendMessage(num).AppendUint64(1, k.A)
	case 2, 3:
		mem := mm.AppendMessage(num).AppendMessage(k.Kind)
		appendUint64(mem, 1, k.A)
		appendUint64(mem, 2, k.B)
	}
}

// UnmarshalHeader decodes a Header message into h, replacing its contents.
// Strings alias src.
func UnmarshalHeader(src []byte, h *Header) (err error) {
	*h = Header{}
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		switch fc.FieldNum {
		case 1:
			data, ok := fc.MessageData()
			if !ok {
				return errWireType
			}
			if err := unmarshalSource(data, &h.Source); err != nil {
				return fmt.Errorf("source: %w", err)
			}
		case 2:
			data, ok := fc.MessageData()
			if !ok {
				return errWireType
			}
			if err := unmarshalDedup(data, &h.Dedup); err != nil {
				return fmt.Errorf("dedup: %w", err)
			}
		case 3:
			v, ok := fc.Uint32()
			if !ok {
				return errWireType
			}
			h.Kind = v
		case 4:
			v, ok := fc.Uint32()
			if !ok {
				return errWireType
			}
			h.Codec = v
		case 5:
			data, ok := fc.MessageData()
			if !ok {
				return errWireType
			}
			if err := unmarshalKeys(data, &h.Keys); err != nil {
				return fmt.Errorf("keys: %w", err)
			}
		}
	}
	return nil
}

func unmarshalSource(src []byte, s *Source) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		if fc.FieldNum < 1 || fc.FieldNum > 3 {
			continue
		}
		data, ok := fc.MessageData()
		if !ok {
			return errWireType
		}
		*s = Source{Kind: fc.FieldNum}
		if fc.FieldNum == 3 {
			v, _, err := easyproto.GetUint64(data, 1)
			if err != nil {
				return err
			}
			s.LeaderEpoch = v
		}
	}
	return nil
}

func unmarshalDedup(src []byte, d *Dedup) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		if fc.FieldNum < 1 || fc.FieldNum > 3 {
			continue
		}
		data, ok := fc.MessageData()
		if !ok {
			return errWireType
		}
		*d = Dedup{Kind: fc.FieldNum}
		if err := unmarshalDedupMember(data, d); err != nil {
			return err
		}
	}
	return nil
}

func unmarshalDedupMember(src []byte, d *Dedup) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		ok := true
		switch n := fc.FieldNum; {
		case d.Kind == 1 && n == 1:
			d.LeaderEpoch, ok = fc.Uint64()
		case d.Kind == 2 && n == 1:
			d.Partition, ok = fc.Uint32()
		case d.Kind == 3 && n == 1:
			d.Prefix, ok = fc.String()
			d.HasPrefix = ok
		case d.Kind == 3 && n == 2:
			var data []byte
			if data, ok = fc.MessageData(); ok {
				if err := unmarshalU128(data, &d.ProducerHi, &d.ProducerLo); err != nil {
					return err
				}
			}
		case d.Kind == 3 && n == 3, d.Kind != 3 && n == 2:
			d.Seq, ok = fc.Uint64()
		}
		if !ok {
			return errWireType
		}
	}
	return nil
}

func unmarshalU128(src []byte, hi, lo *uint64) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		ok := true
		switch fc.FieldNum {
		case 1:
			*hi, ok = fc.Uint64()
		case 2:
			*lo, ok = fc.Uint64()
		}
		if !ok {
			return errWireType
		}
	}
	return nil
}

func unmarshalKeys(src []byte, k *Keys) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		switch fc.FieldNum {
		case 1:
			v, ok := fc.Uint64()
			if !ok {
				return errWireType
			}
			*k = Keys{Kind: 1, A: v}
		case 2, 3:
			data, ok := fc.MessageData()
			if !ok {
				return errWireType
			}
			*k = Keys{Kind: fc.FieldNum}
			if err := unmarshalU128(data, &k.A, &k.B); err != nil {
				return err
			}
		}
	}
	return nil
}

// AnnounceLeader is the AnnounceLeader payload. Has* fields mark presence.
type AnnounceLeader struct {
	HasNodeID            bool
	NodeID               uint32
	NodeGeneration       uint32
	LeaderEpoch          uint64
	HasPartitionKeyRange bool
	RangeStart           uint64
	RangeEnd             uint64
	HasEpochVersion      bool
	EpochVersion         uint32
	HasCurrentConfig     bool
	CurrentConfig        CurrentConfig
	HasNextConfig        bool
	NextConfig           NextConfig
}

// CurrentConfig is AnnounceLeader's current_config.
type CurrentConfig struct {
	Version      uint32
	ReplicaSet   []uint32
	ModifiedAtMs uint64
	Replication  string
}

// NextConfig is AnnounceLeader's next_config.
type NextConfig struct {
	Version    uint32
	ReplicaSet []uint32
}

// MarshalAnnounceLeader appends the AnnounceLeader message to dst.
func MarshalAnnounceLeader(dst []byte, a *AnnounceLeader) []byte {
	m := mp.Get()
	mm := m.MessageMarshaler()
	if a.HasNodeID {
		n := mm.AppendMessage(1)
		appendUint64(n, 1, uint64(a.NodeID))
		appendUint64(n, 2, uint64(a.NodeGeneration))
	}
	appendUint64(mm, 2, a.LeaderEpoch)
	if a.HasPartitionKeyRange {
		r := mm.AppendMessage(3)
		appendUint64(r, 1, a.RangeStart)
		appendUint64(r, 2, a.RangeEnd)
	}
	if a.HasEpochVersion {
		mm.AppendUint32(4, a.EpochVersion)
	}
	if a.HasCurrentConfig {
		c := mm.AppendMessage(5)
		appendUint64(c, 1, uint64(a.CurrentConfig.Version))
		if len(a.CurrentConfig.ReplicaSet) > 0 {
			c.AppendUint32s(2, a.CurrentConfig.ReplicaSet)
		}
		appendUint64(c, 3, a.CurrentConfig.ModifiedAtMs)
		if a.CurrentConfig.Replication != "" {
			c.AppendString(4, a.CurrentConfig.Replication)
		}
	}
	if a.HasNextConfig {
		c := mm.AppendMessage(6)
		appendUint64(c, 1, uint64(a.NextConfig.Version))
		if len(a.NextConfig.ReplicaSet) > 0 {
			c.AppendUint32s(2, a.NextConfig.ReplicaSet)
		}
	}
	dst = m.Marshal(dst)
	mp.Put(m)
	return dst
}

// UnmarshalAnnounceLeader decodes an AnnounceLeader message into a, replacing
// its contents and reusing its slices. Strings alias src.
func UnmarshalAnnounceLeader(src []byte, a *AnnounceLeader) (err error) {
	*a = AnnounceLeader{
		CurrentConfig: CurrentConfig{ReplicaSet: a.CurrentConfig.ReplicaSet[:0]},
		NextConfig:    NextConfig{ReplicaSet: a.NextConfig.ReplicaSet[:0]},
	}
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		ok := true
		switch fc.FieldNum {
		case 1:
			var data []byte
			if data, ok = fc.MessageData(); ok {
				a.HasNodeID = true
				if err := unmarshalUint32Pair(data, &a.NodeID, &a.NodeGeneration); err != nil {
					return fmt.Errorf("node_id: %w", err)
				}
			}
		case 2:
			a.LeaderEpoch, ok = fc.Uint64()
		case 3:
			var data []byte
			if data, ok = fc.MessageData(); ok {
				a.HasPartitionKeyRange = true
				if err := unmarshalU128(data, &a.RangeStart, &a.RangeEnd); err != nil {
					return fmt.Errorf("partition_key_range: %w", err)
				}
			}
		case 4:
			a.EpochVersion, ok = fc.Uint32()
			a.HasEpochVersion = ok
		case 5:
			var data []byte
			if data, ok = fc.MessageData(); ok {
				a.HasCurrentConfig = true
				if err := unmarshalCurrentConfig(data, &a.CurrentConfig); err != nil {
					return fmt.Errorf("current_config: %w", err)
				}
			}
		case 6:
			var data []byte
			if data, ok = fc.MessageData(); ok {
				a.HasNextConfig = true
				if err := unmarshalNextConfig(data, &a.NextConfig); err != nil {
					return fmt.Errorf("next_config: %w", err)
				}
			}
		}
		if !ok {
			return errWireType
		}
	}
	return nil
}

func unmarshalUint32Pair(src []byte, a, b *uint32) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		ok := true
		switch fc.FieldNum {
		case 1:
			*a, ok = fc.Uint32()
		case 2:
			*b, ok = fc.Uint32()
		}
		if !ok {
			return errWireType
		}
	}
	return nil
}

func unmarshalCurrentConfig(src []byte, c *CurrentConfig) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		ok := true
		switch fc.FieldNum {
		case 1:
			c.Version, ok = fc.Uint32()
		case 2:
			c.ReplicaSet, ok = fc.UnpackUint32s(c.ReplicaSet)
		case 3:
			c.ModifiedAtMs, ok = fc.Uint64()
		case 4:
			c.Replication, ok = fc.String()
		}
		if !ok {
			return errWireType
		}
	}
	return nil
}

func unmarshalNextConfig(src []byte, c *NextConfig) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		ok := true
		switch fc.FieldNum {
		case 1:
			c.Version, ok = fc.Uint32()
		case 2:
			c.ReplicaSet, ok = fc.UnpackUint32s(c.ReplicaSet)
		}
		if !ok {
			return errWireType
		}
	}
	return nil
}

// InvocationID is an InvocationId message.
type InvocationID struct {
	PartitionKey uint64
	UUID         []byte
}

// InvocationTarget is an InvocationTarget message.
type InvocationTarget struct {
	ServiceName string
	HasKey      bool
	Key         string
	Handler     string
	Type        int32
}

// InvocationSource is the InvocationSource oneof: 1 ingress (RequestID),
// 2 service (Caller), 3 internal.
type InvocationSource struct {
	Kind      uint32
	RequestID string
	HasCaller bool
	Caller    InvocationID
}

// ResponseSink is the ResponseSink oneof: 1 partition_processor (Caller,
// EntryIndex), 2 ingress (RequestID).
type ResponseSink struct {
	Kind       uint32
	HasCaller  bool
	Caller     InvocationID
	EntryIndex uint32
	RequestID  string
}

// HeaderEntry is a HeaderEntry message.
type HeaderEntry struct {
	Name  string
	Value string
}

// ServiceInvocation is the ServiceInvocation payload. Has* fields mark
// presence.
type ServiceInvocation struct {
	HasInvocationID        bool
	InvocationID           InvocationID
	HasInvocationTarget    bool
	InvocationTarget       InvocationTarget
	Argument               []byte
	HasSource              bool
	Source                 InvocationSource
	SpanContext            []byte
	Headers                []HeaderEntry
	HasExecutionTimeMs     bool
	ExecutionTimeMs        uint64
	CompletionRetentionMs  uint64
	JournalRetentionMs     uint64
	HasIdempotencyKey      bool
	IdempotencyKey         string
	ResponseSink           ResponseSink
	SubmitNotificationSink ResponseSink
	RestateVersion         string
}

func appendInvocationID(mm *easyproto.MessageMarshaler, num uint32, id *InvocationID) {
	m := mm.AppendMessage(num)
	appendUint64(m, 1, id.PartitionKey)
	if len(id.UUID) > 0 {
		m.AppendBytes(2, id.UUID)
	}
}

func appendString(mm *easyproto.MessageMarshaler, num uint32, s string) {
	if s != "" {
		mm.AppendString(num, s)
	}
}

func appendResponseSink(mm *easyproto.MessageMarshaler, num uint32, s *ResponseSink) {
	switch s.Kind {
	case 1:
		m := mm.AppendMessage(num).AppendMessage(1)
		if s.HasCaller {
			appendInvocationID(m, 1, &s.Caller)
		}
		appendUint64(m, 2, uint64(s.EntryIndex))
	case 2:
		appendString(mm.AppendMessage(num).AppendMessage(2), 1, s.RequestID)
	}
}

// MarshalServiceInvocation appends the ServiceInvocation message to dst.
func MarshalServiceInvocation(dst []byte, s *ServiceInvocation) []byte {
	m := mp.Get()
	mm := m.MessageMarshaler()
	if s.HasInvocationID {
		appendInvocationID(mm, 1, &s.InvocationID)
	}
	if s.HasInvocationTarget {
		t := mm.AppendMessage(2)
		appendString(t, 1, s.InvocationTarget.ServiceName)
		if s.InvocationTarget.HasKey {
			t.AppendString(2, s.InvocationTarget.Key)
		}
		appendString(t, 3, s.InvocationTarget.Handler)
		if s.InvocationTarget.Type != 0 {
			t.AppendInt32(4, s.InvocationTarget.Type)
		}
	}
	if len(s.Argument) > 0 {
		mm.AppendBytes(3, s.Argument)
	}
	if s.HasSource {
		src := mm.AppendMessage(4)
		switch s.Source.Kind {
		case 1:
			appendString(src.AppendMessage(1), 1, s.Source.RequestID)
		case 2:
			svc := src.AppendMessage(2)
			if s.Source.HasCaller {
				appendInvocationID(svc, 1, &s.Source.Caller)
			}
		case 3:
			src.AppendMessage(3)
		}
	}
	if len(s.SpanContext) > 0 {
		mm.AppendBytes(5, s.SpanContext)
	}
	for i := range s.Headers {
		h := mm.AppendMessage(6)
		appendString(h, 1, s.Headers[i].Name)
		appendString(h, 2, s.Headers[i].Value)
	}
	if s.HasExecutionTimeMs {
		mm.AppendUint64(7, s.ExecutionTimeMs)
	}
	appendUint64(mm, 8, s.CompletionRetentionMs)
	appendUint64(mm, 9, s.JournalRetentionMs)
	if s.HasIdempotencyKey {
		mm.AppendString(10, s.IdempotencyKey)
	}
	appendResponseSink(mm, 11, &s.ResponseSink)
	appendResponseSink(mm, 12, &s.SubmitNotificationSink)
	appendString(mm, 13, s.RestateVersion)
	dst = m.Marshal(dst)
	mp.Put(m)
	return dst
}

// UnmarshalServiceInvocation decodes a ServiceInvocation message into s,
// replacing its contents and reusing its Headers slice. Strings and bytes
// alias src.
func UnmarshalServiceInvocation(src []byte, s *ServiceInvocation) (err error) {
	*s = ServiceInvocation{Headers: s.Headers[:0]}
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		ok := true
		var data []byte
		switch fc.FieldNum {
		case 1:
			if data, ok = fc.MessageData(); ok {
				s.HasInvocationID = true
				if err := unmarshalInvocationID(data, &s.InvocationID); err != nil {
					return fmt.Errorf("invocation_id: %w", err)
				}
			}
		case 2:
			if data, ok = fc.MessageData(); ok {
				s.HasInvocationTarget = true
				if err := unmarshalInvocationTarget(data, &s.InvocationTarget); err != nil {
					return fmt.Errorf("invocation_target: %w", err)
				}
			}
		case 3:
			s.Argument, ok = fc.Bytes()
		case 4:
			if data, ok = fc.MessageData(); ok {
				s.HasSource = true
				if err := unmarshalInvocationSource(data, &s.Source); err != nil {
					return fmt.Errorf("source: %w", err)
				}
			}
		case 5:
			s.SpanContext, ok = fc.Bytes()
		case 6:
			if data, ok = fc.MessageData(); ok {
				s.Headers = append(s.Headers, HeaderEntry{})
				if err := unmarshalHeaderEntry(data, &s.Headers[len(s.Headers)-1]); err != nil {
					return fmt.Errorf("headers: %w", err)
				}
			}
		case 7:
			s.ExecutionTimeMs, ok = fc.Uint64()
			s.HasExecutionTimeMs = ok
		case 8:
			s.CompletionRetentionMs, ok = fc.Uint64()
		case 9:
			s.JournalRetentionMs, ok = fc.Uint64()
		case 10:
			s.IdempotencyKey, ok = fc.String()
			s.HasIdempotencyKey = ok
		case 11:
			if data, ok = fc.MessageData(); ok {
				if err := unmarshalResponseSink(data, &s.ResponseSink); err != nil {
					return fmt.Errorf("response_sink: %w", err)
				}
			}
		case 12:
			if data, ok = fc.MessageData(); ok {
				if err := unmarshalResponseSink(data, &s.SubmitNotificationSink); err != nil {
					return fmt.Errorf("submit_notification_sink: %w", err)
				}
			}
		case 13:
			s.RestateVersion, ok = fc.String()
		}
		if !ok {
			return errWireType
		}
	}
	return nil
}

func unmarshalInvocationID(src []byte, id *InvocationID) (err error) {
	*id = InvocationID{}
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		ok := true
		switch fc.FieldNum {
		case 1:
			id.PartitionKey, ok = fc.Uint64()
		case 2:
			id.UUID, ok = fc.Bytes()
		}
		if !ok {
			return errWireType
		}
	}
	return nil
}

func unmarshalInvocationTarget(src []byte, t *InvocationTarget) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		ok := true
		switch fc.FieldNum {
		case 1:
			t.ServiceName, ok = fc.String()
		case 2:
			t.Key, ok = fc.String()
			t.HasKey = ok
		case 3:
			t.Handler, ok = fc.String()
		case 4:
			t.Type, ok = fc.Int32()
		}
		if !ok {
			return errWireType
		}
	}
	return nil
}

func unmarshalInvocationSource(src []byte, s *InvocationSource) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		if fc.FieldNum < 1 || fc.FieldNum > 3 {
			continue
		}
		data, ok := fc.MessageData()
		if !ok {
			return errWireType
		}
		*s = InvocationSource{Kind: fc.FieldNum}
		switch fc.FieldNum {
		case 1:
			v, _, err := easyproto.GetString(data, 1)
			if err != nil {
				return err
			}
			s.RequestID = v
		case 2:
			v, ok, err := easyproto.GetMessageData(data, 1)
			if err != nil {
				return err
			}
			if ok {
				s.HasCaller = true
				if err := unmarshalInvocationID(v, &s.Caller); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func unmarshalResponseSink(src []byte, s *ResponseSink) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		if fc.FieldNum < 1 || fc.FieldNum > 2 {
			continue
		}
		data, ok := fc.MessageData()
		if !ok {
			return errWireType
		}
		*s = ResponseSink{Kind: fc.FieldNum}
		if fc.FieldNum == 2 {
			v, _, err := easyproto.GetString(data, 1)
			if err != nil {
				return err
			}
			s.RequestID = v
			continue
		}
		var sub easyproto.FieldContext
		for len(data) > 0 {
			if data, err = sub.NextField(data); err != nil {
				return err
			}
			ok := true
			switch sub.FieldNum {
			case 1:
				var c []byte
				if c, ok = sub.MessageData(); ok {
					s.HasCaller = true
					if err := unmarshalInvocationID(c, &s.Caller); err != nil {
						return err
					}
				}
			case 2:
				s.EntryIndex, ok = sub.Uint32()
			}
			if !ok {
				return errWireType
			}
		}
	}
	return nil
}

func unmarshalHeaderEntry(src []byte, h *HeaderEntry) (err error) {
	var fc easyproto.FieldContext
	for len(src) > 0 {
		if src, err = fc.NextField(src); err != nil {
			return err
		}
		ok := true
		switch fc.FieldNum {
		case 1:
			h.Name, ok = fc.String()
		case 2:
			h.Value, ok = fc.String()
		}
		if !ok {
			return errWireType
		}
	}
	return nil
}
