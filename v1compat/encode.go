package v1compat

import (
	"encoding/base64"
	"strconv"
	"unicode/utf8"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/jsontext"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// The v1 writer writes what the previous release wrote with encoding/json:
// compact JSON, fields in the order of the .proto files, every non-optional field (zero
// values included; empty bytes and repeated fields as null, as encoding/json
// wrote nil slices), no absent optional field, strings escaped as
// encoding/json escapes them (\u003c for <), no trailing newline.

// Validate reports what the v1 writer refuses, because a v1 reader would
// reject it or read it back differently: a source or dedup variant that is
// not set, an invalid dedup combination (ErrInvalidDedup), a dedup Other
// string that is not valid UTF-8, a command kind outside the record set, a
// missing payload or one of the wrong type, and whatever the payload's own
// Validate reports.
func (r *Record) Validate() error {
	switch r.Header.Source.Kind {
	case envelope.SourceIngress, envelope.SourceControlPlane, envelope.SourceProcessor:
	default:
		return pathError(envelope.ErrMissingField, "source variant not set", "header", "source")
	}
	if dd, ok := r.Header.Dest.Dedup.Get(); ok {
		if dd.Producer.Kind < ProducerPartition || dd.Producer.Kind > ProducerID {
			return pathError(envelope.ErrMissingField, "producer variant not set", "header", "dest", "Processor", "dedup", "producer_id")
		}
		if dd.Sequence.Kind < SequenceSn || dd.Sequence.Kind > SequenceEsn {
			return pathError(envelope.ErrMissingField, "sequence variant not set", "header", "dest", "Processor", "dedup", "sequence_number")
		}
		if !dd.valid() {
			return pathError(ErrInvalidDedup, "("+producerVariants[dd.Producer.Kind-1]+", Esn)", "header", "dest", "Processor", "dedup")
		}
		if dd.Producer.Kind == ProducerOther && !utf8.ValidString(dd.Producer.Other) {
			return pathError(wire.ErrUTF8, "", "header", "dest", "Processor", "dedup", "producer_id", "Other")
		}
	}
	if err := checkCommand(&r.Command); err != nil {
		return err
	}
	return validateCommand(&r.Command)
}

// checkCommand reports a command whose kind is not a variant, or whose
// payload is missing or not of the variant's type.
func checkCommand(c *Command) error {
	name := commandName(c.Kind)
	switch {
	case name == "":
		return pathError(ErrUnknownVariant, "record kind "+c.Kind.String(), "command")
	case c.Kind == records.KindTruncateOutbox:
	case c.Payload == nil:
		return pathError(envelope.ErrMissingField, "", "command", name)
	case !payloadFits(c):
		return pathError(envelope.ErrInvalidValue, "payload of type "+typeName(c.Payload)+" for "+name, "command", name)
	}
	return nil
}

// payloadFits reports whether c.Payload is of the type c.Kind carries.
func payloadFits(c *Command) bool {
	if c.Kind == records.KindProxyThrough {
		_, ok := c.Payload.(*records.ServiceInvocation)
		return ok
	}
	return c.Payload.Kind() == c.Kind
}

func typeName(p envelope.Payload) string { return p.Kind().String() }

// pathError returns an error of class err with the path names, outermost
// first.
func pathError(err error, detail string, names ...string) error {
	e := newError(err, -1, detail)
	for i := len(names) - 1; i >= 0; i-- {
		e.AddName(names[i])
	}
	return e
}

// AppendBinary appends the v1 record to b: the codec byte 0x05 and the JSON
// object, as the previous release wrote it. If r is not valid (see Validate)
// it returns b unchanged and the error.
func (r *Record) AppendBinary(b []byte) ([]byte, error) {
	if err := r.Validate(); err != nil {
		return b, err
	}
	return r.appendTo(b), nil
}

// MarshalBinary returns the v1 record: the codec byte 0x05 and the JSON
// object.
func (r *Record) MarshalBinary() ([]byte, error) { return r.AppendBinary(nil) }

// appendTo appends the record, unchecked.
func (r *Record) appendTo(b []byte) []byte {
	b = append(b, envelope.V1CodecByte)
	b = append(b, `{"header":{"source":`...)
	s := &r.Header.Source
	switch s.Kind {
	case envelope.SourceProcessor:
		b = append(b, `{"Processor":{`...)
		if v, ok := s.PartitionID.Get(); ok {
			b = append(b, `"partition_id":`...)
			b = strconv.AppendUint(b, uint64(v), 10)
			b = append(b, ',')
		}
		if v, ok := s.PartitionKey.Get(); ok {
			b = append(b, `"partition_key":`...)
			b = strconv.AppendUint(b, v, 10)
			b = append(b, ',')
		}
		b = append(b, `"leader_epoch":`...)
		b = strconv.AppendUint(b, s.LeaderEpoch, 10)
		b = append(b, "}}"...)
	case envelope.SourceIngress:
		b = append(b, `{"Ingress":{}}`...)
	default:
		b = append(b, `{"ControlPlane":{}}`...)
	}
	b = append(b, `,"dest":{"Processor":{"partition_key":`...)
	b = strconv.AppendUint(b, r.Header.Dest.PartitionKey, 10)
	if dd, ok := r.Header.Dest.Dedup.Get(); ok {
		b = append(b, `,"dedup":{"producer_id":{`...)
		switch dd.Producer.Kind {
		case ProducerPartition:
			b = append(b, `"Partition":`...)
			b = strconv.AppendUint(b, uint64(dd.Producer.Partition), 10)
		case ProducerOther:
			b = append(b, `"Other":`...)
			b = jsontext.AppendString(b, dd.Producer.Other)
		default:
			b = append(b, `"Producer":{"h":`...)
			b = strconv.AppendUint(b, dd.Producer.ID.Hi, 10)
			b = append(b, `,"l":`...)
			b = strconv.AppendUint(b, dd.Producer.ID.Lo, 10)
			b = append(b, '}')
		}
		b = append(b, `},"sequence_number":{`...)
		if dd.Sequence.Kind == SequenceEsn {
			b = append(b, `"Esn":{"leader_epoch":`...)
			b = strconv.AppendUint(b, dd.Sequence.LeaderEpoch, 10)
			b = append(b, `,"sequence_number":`...)
			b = strconv.AppendUint(b, dd.Sequence.Number, 10)
			b = append(b, '}')
		} else {
			b = append(b, `"Sn":`...)
			b = strconv.AppendUint(b, dd.Sequence.Number, 10)
		}
		b = append(b, "}}"...)
	}
	b = append(b, `}}},"command":{"`...)
	b = append(b, commandName(r.Command.Kind)...)
	b = append(b, `":`...)
	b = appendPayload(b, &r.Command)
	return append(b, "}}"...)
}

// JSON pieces.

// appendBytes appends v in base64, or null when empty (encoding/json wrote
// a nil slice as null).
func appendBytes(b []byte, v []byte) []byte {
	if len(v) == 0 {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = base64.StdEncoding.AppendEncode(b, v)
	return append(b, '"')
}

// object writes a JSON object field by field.
type object struct {
	b []byte
	n int
}

func (o *object) key(k string) {
	if o.n == 0 {
		o.b = append(o.b, '{', '"')
	} else {
		o.b = append(o.b, ',', '"')
	}
	o.n++
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

func (o *object) end() []byte {
	if o.n == 0 {
		return append(o.b, "{}"...)
	}
	return append(o.b, '}')
}

func (o *object) uint(k string, v uint64) {
	o.key(k)
	o.b = strconv.AppendUint(o.b, v, 10)
}

func (o *object) str(k, v string) {
	o.key(k)
	o.b = jsontext.AppendString(o.b, v)
}

func (o *object) bytes(k string, v []byte) {
	o.key(k)
	o.b = appendBytes(o.b, v)
}

func (o *object) optStr(k string, v envelope.Optional[string]) {
	if v.Set {
		o.str(k, v.Value)
	}
}

func (o *object) uints(k string, vs []uint32) {
	o.key(k)
	if len(vs) == 0 {
		o.b = append(o.b, "null"...)
		return
	}
	for i, v := range vs {
		if i == 0 {
			o.b = append(o.b, '[')
		} else {
			o.b = append(o.b, ',')
		}
		o.b = strconv.AppendUint(o.b, uint64(v), 10)
	}
	o.b = append(o.b, ']')
}

// variant writes the start of a tagged object, {"Name": ; the caller writes
// the value and the closing brace.
func variant(b []byte, name string) []byte {
	b = append(b, '{', '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

func appendInvocationID(b []byte, v *records.InvocationID) []byte {
	o := object{b: b}
	o.uint("partition_key", v.PartitionKey)
	o.bytes("uuid", v.UUID)
	return o.end()
}

func appendServiceID(b []byte, v *records.ServiceID) []byte {
	o := object{b: b}
	o.str("service_name", v.ServiceName)
	o.str("key", v.Key)
	o.uint("partition_key", v.PartitionKey)
	return o.end()
}

func appendKeyRange(b []byte, start, end uint64) []byte {
	o := object{b: b}
	o.uint("start", start)
	o.uint("end", end)
	return o.end()
}

func appendFailure(b []byte, v *records.Failure) []byte {
	o := object{b: b}
	o.uint("code", uint64(v.Code))
	o.str("message", v.Message)
	return o.end()
}

func appendRequestID(b []byte, id string) []byte {
	o := object{b: b}
	o.str("request_id", id)
	return o.end()
}

// keys writes a Keys field, left out when none.
func (o *object) keys(k string, v envelope.Keys) {
	switch v.Kind() {
	case envelope.KeysSingle:
		o.key(k)
		o.b = variant(o.b, "Single")
		o.b = strconv.AppendUint(o.b, v.Single(), 10)
	case envelope.KeysPair:
		o.key(k)
		o.b = variant(o.b, "Pair")
		a, b := v.Pair()
		p := object{b: o.b}
		p.uint("a", a)
		p.uint("b", b)
		o.b = p.end()
	case envelope.KeysRange:
		o.key(k)
		o.b = variant(o.b, "RangeInclusive")
		s, e := v.Range()
		o.b = appendKeyRange(o.b, s, e)
	default:
		return
	}
	o.b = append(o.b, '}')
}

// responseSink writes a ResponseSink field, left out when absent.
func (o *object) responseSink(k string, v *records.ResponseSink) {
	switch v.Kind {
	case records.ResponseSinkPartitionProcessor:
		o.key(k)
		o.b = variant(o.b, "PartitionProcessor")
		p := object{b: o.b}
		p.key("caller")
		p.b = appendInvocationID(p.b, &v.Caller)
		p.uint("entry_index", uint64(v.EntryIndex))
		o.b = p.end()
	case records.ResponseSinkIngress:
		o.key(k)
		o.b = variant(o.b, "Ingress")
		o.b = appendRequestID(o.b, v.RequestID)
	default:
		return
	}
	o.b = append(o.b, '}')
}

func appendServiceInvocation(b []byte, v *records.ServiceInvocation) []byte {
	o := object{b: b}
	o.key("invocation_id")
	o.b = appendInvocationID(o.b, &v.InvocationID)
	o.key("invocation_target")
	t := object{b: o.b}
	t.str("service_name", v.InvocationTarget.ServiceName)
	t.optStr("key", v.InvocationTarget.Key)
	t.str("handler", v.InvocationTarget.Handler)
	t.key("type")
	t.b = jsontext.AppendString(t.b, enumName(targetTypeNames, int(v.InvocationTarget.Type)))
	o.b = t.end()
	o.bytes("argument", v.Argument)
	o.key("source")
	switch v.Source.Kind {
	case records.InvocationSourceIngress:
		o.b = variant(o.b, "Ingress")
		o.b = appendRequestID(o.b, v.Source.RequestID)
	case records.InvocationSourceService:
		o.b = variant(o.b, "Service")
		c := object{b: o.b}
		c.key("caller")
		c.b = appendInvocationID(c.b, &v.Source.Caller)
		o.b = c.end()
	default:
		o.b = variant(o.b, "Internal")
		o.b = append(o.b, "{}"...)
	}
	o.b = append(o.b, '}')
	o.bytes("span_context", v.SpanContext)
	o.key("headers")
	if len(v.Headers) == 0 {
		o.b = append(o.b, "null"...)
	} else {
		for i := range v.Headers {
			if i == 0 {
				o.b = append(o.b, '[')
			} else {
				o.b = append(o.b, ',')
			}
			h := object{b: o.b}
			h.str("name", v.Headers[i].Name)
			h.str("value", v.Headers[i].Value)
			o.b = h.end()
		}
		o.b = append(o.b, ']')
	}
	if x, ok := v.ExecutionTimeMs.Get(); ok {
		o.uint("execution_time_ms", x)
	}
	o.uint("completion_retention_ms", v.CompletionRetentionMs)
	o.uint("journal_retention_ms", v.JournalRetentionMs)
	o.optStr("idempotency_key", v.IdempotencyKey)
	o.responseSink("response_sink", &v.ResponseSink)
	o.responseSink("submit_notification_sink", &v.SubmitNotificationSink)
	o.str("restate_version", v.RestateVersion)
	return o.end()
}

// enumName returns the name of enum value v, 1-based in names.
func enumName(names []string, v int) string {
	if v >= 1 && v <= len(names) {
		return names[v-1]
	}
	return ""
}

// result writes a result oneof's value under key k.
func (o *object) result(k string, kind records.ResultKind, success []byte, failure *records.Failure) {
	o.key(k)
	switch kind {
	case records.ResultSuccess:
		o.b = variant(o.b, "Success")
		o.b = appendBytes(o.b, success)
	case records.ResultFailure:
		o.b = variant(o.b, "Failure")
		o.b = appendFailure(o.b, failure)
	case records.ResultNotFound:
		o.b = variant(o.b, "NotFound")
		o.b = append(o.b, "{}"...)
	case records.ResultNotReady:
		o.b = variant(o.b, "NotReady")
		o.b = append(o.b, "{}"...)
	default:
		o.b = variant(o.b, "Void")
		o.b = append(o.b, "{}"...)
	}
	o.b = append(o.b, '}')
}

func (o *object) target(v *records.JournalCompletionTarget) {
	o.key("target")
	t := object{b: o.b}
	t.key("invocation_id")
	t.b = appendInvocationID(t.b, &v.InvocationID)
	t.uint("entry_index", uint64(v.EntryIndex))
	o.b = t.end()
}

// appendPayload writes the command's payload (valid: see Validate).
func appendPayload(b []byte, c *Command) []byte {
	o := object{b: b}
	switch p := c.Payload.(type) {
	case nil:
		return strconv.AppendUint(b, c.Index, 10)
	case *records.AnnounceLeader:
		o.key("node_id")
		n := object{b: o.b}
		n.uint("id", uint64(p.NodeID.ID))
		n.uint("generation", uint64(p.NodeID.Generation))
		o.b = n.end()
		o.uint("leader_epoch", p.LeaderEpoch)
		o.key("partition_key_range")
		o.b = appendKeyRange(o.b, p.PartitionKeyRange.Start, p.PartitionKeyRange.End)
		if v, ok := p.EpochVersion.Get(); ok {
			o.uint("epoch_version", uint64(v))
		}
		if v, ok := p.CurrentConfig.Get(); ok {
			o.key("current_config")
			n := object{b: o.b}
			n.uint("version", uint64(v.Version))
			n.uints("replica_set", v.ReplicaSet)
			n.uint("modified_at_ms", v.ModifiedAtMs)
			n.str("replication", v.Replication)
			o.b = n.end()
		}
		if v, ok := p.NextConfig.Get(); ok {
			o.key("next_config")
			n := object{b: o.b}
			n.uint("version", uint64(v.Version))
			n.uints("replica_set", v.ReplicaSet)
			o.b = n.end()
		}
	case *records.VersionBarrier:
		o.str("version", p.Version)
		o.optStr("human_reason", p.HumanReason)
		o.keys("partition_key_range", p.PartitionKeyRange)
	case *records.PartitionDurability:
		o.uint("partition_id", uint64(p.PartitionID))
		o.uint("durable_point", p.DurablePoint)
		o.uint("modification_time_ms", p.ModificationTimeMs)
		o.keys("partition_key_range", p.PartitionKeyRange)
	case *records.ExternalStateMutation:
		o.key("service_id")
		o.b = appendServiceID(o.b, &p.ServiceID)
		o.optStr("version", p.Version)
		o.key("state")
		if len(p.State) == 0 {
			o.b = append(o.b, "null"...)
		} else {
			for i := range p.State {
				if i == 0 {
					o.b = append(o.b, '[')
				} else {
					o.b = append(o.b, ',')
				}
				e := object{b: o.b}
				e.bytes("key", p.State[i].Key)
				e.bytes("value", p.State[i].Value)
				o.b = e.end()
			}
			o.b = append(o.b, ']')
		}
	case *records.InvocationTermination:
		o.key("invocation_id")
		o.b = appendInvocationID(o.b, &p.InvocationID)
		o.str("flavor", enumName(flavorNames, int(p.Flavor)))
		o.responseSink("response_sink", &p.ResponseSink)
	case *records.PurgeInvocationRequest:
		return appendPurge(b, p)
	case *records.PurgeJournal:
		return appendPurge(b, &p.PurgeInvocationRequest)
	case *records.ServiceInvocation:
		return appendServiceInvocation(b, p)
	case *records.AttachInvocationRequest:
		o.key("query")
		switch p.Query.Kind {
		case records.InvocationQueryInvocationID:
			o.b = variant(o.b, "InvocationId")
			o.b = appendInvocationID(o.b, &p.Query.InvocationID)
		case records.InvocationQueryWorkflow:
			o.b = variant(o.b, "Workflow")
			o.b = appendServiceID(o.b, &p.Query.Workflow)
		default:
			q := &p.Query.Idempotency
			o.b = variant(o.b, "Idempotency")
			n := object{b: o.b}
			n.str("service_name", q.ServiceName)
			n.optStr("service_key", q.ServiceKey)
			n.str("handler", q.Handler)
			n.str("idempotency_key", q.IdempotencyKey)
			n.uint("partition_key", q.PartitionKey)
			o.b = n.end()
		}
		o.b = append(o.b, '}')
		o.key("block_on_inflight")
		o.b = strconv.AppendBool(o.b, p.BlockOnInflight)
		o.responseSink("response_sink", &p.ResponseSink)
	case *records.ResumeInvocationRequest:
		o.key("invocation_id")
		o.b = appendInvocationID(o.b, &p.InvocationID)
		o.optStr("update_pinned_deployment_id", p.UpdatePinnedDeploymentID)
		o.responseSink("response_sink", &p.ResponseSink)
	case *records.RestartAsNewInvocationRequest:
		o.key("invocation_id")
		o.b = appendInvocationID(o.b, &p.InvocationID)
		o.key("new_invocation_id")
		o.b = appendInvocationID(o.b, &p.NewInvocationID)
		o.uint("copy_prefix_up_to_index_included", uint64(p.CopyPrefixUpToIndexIncluded))
		o.optStr("patch_deployment_id", p.PatchDeploymentID)
		o.responseSink("response_sink", &p.ResponseSink)
	case *records.Effect:
		o.key("invocation_id")
		o.b = appendInvocationID(o.b, &p.InvocationID)
		o.key("kind")
		n := object{}
		switch p.EffectKind {
		case records.EffectPinnedDeployment:
			n.b = variant(o.b, "PinnedDeployment")
			n.str("deployment_id", p.DeploymentID)
			n.uint("protocol_version", uint64(p.ProtocolVersion))
		case records.EffectJournalEntry:
			n.b = variant(o.b, "JournalEntry")
			n.uint("entry_index", uint64(p.EntryIndex))
			n.bytes("entry", p.Entry)
		case records.EffectSuspended:
			n.b = variant(o.b, "Suspended")
			n.uints("waiting_for", p.WaitingFor)
		case records.EffectEnd:
			n.b = variant(o.b, "End")
		default:
			n.b = variant(o.b, "Failed")
			n.uint("code", uint64(p.Failure.Code))
			n.str("message", p.Failure.Message)
		}
		o.b = append(n.end(), '}')
	case *records.TimerKeyValue:
		return appendTimer(b, p)
	case *records.ScheduleTimer:
		return appendTimer(b, &p.TimerKeyValue)
	case *records.InvocationResponse:
		o.target(&p.Target)
		o.result("result", p.Result, p.Success, &p.Failure)
	case *records.GetInvocationOutputResponse:
		o.target(&p.Target)
		o.result("result", p.Result, p.Success, &p.Failure)
	case *records.NotifySignalRequest:
		o.key("invocation_id")
		o.b = appendInvocationID(o.b, &p.InvocationID)
		o.key("signal")
		s := object{b: o.b}
		s.key("id")
		if p.Signal.ID == records.SignalIDIndex {
			s.b = variant(s.b, "Index")
			s.b = strconv.AppendUint(s.b, uint64(p.Signal.Index), 10)
		} else {
			s.b = variant(s.b, "Name")
			s.b = jsontext.AppendString(s.b, p.Signal.Name)
		}
		s.b = append(s.b, '}')
		s.result("result", p.Signal.Result, p.Signal.Success, &p.Signal.Failure)
		o.b = s.end()
	case *records.UpsertSchema:
		o.keys("partition_key_range", p.PartitionKeyRange)
		o.bytes("schema", p.Schema)
	case *records.VQSchedulerDecisions:
		return appendBytesValue(b, p.Data)
	case *records.UpsertRuleBook:
		o.key("partition_key_range")
		o.b = appendKeyRange(o.b, p.PartitionKeyRange.Start, p.PartitionKeyRange.End)
		o.bytes("rule_book", p.RuleBook)
	}
	return o.end()
}

// appendBytesValue writes a bare bytes value, "" when empty (the payload of
// VQSchedulerDecisions cannot be null: a null payload is missing).
func appendBytesValue(b []byte, v []byte) []byte {
	b = append(b, '"')
	b = base64.StdEncoding.AppendEncode(b, v)
	return append(b, '"')
}

func appendPurge(b []byte, p *records.PurgeInvocationRequest) []byte {
	o := object{b: b}
	o.key("invocation_id")
	o.b = appendInvocationID(o.b, &p.InvocationID)
	o.responseSink("response_sink", &p.ResponseSink)
	return o.end()
}

func appendTimer(b []byte, p *records.TimerKeyValue) []byte {
	o := object{b: b}
	o.uint("fire_at_ms", p.FireAtMs)
	o.key("value")
	switch p.ValueKind {
	case records.TimerValueInvoke:
		o.b = variant(o.b, "Invoke")
		o.b = appendServiceInvocation(o.b, &p.Invoke)
	case records.TimerValueCompleteJournalEntry:
		o.b = variant(o.b, "CompleteJournalEntry")
		n := object{b: o.b}
		n.key("invocation_id")
		n.b = appendInvocationID(n.b, &p.InvocationID)
		n.uint("journal_index", uint64(p.JournalIndex))
		o.b = n.end()
	case records.TimerValueCleanInvocationStatus:
		o.b = variant(o.b, "CleanInvocationStatus")
		o.b = appendInvocationID(o.b, &p.InvocationID)
	default:
		o.b = variant(o.b, "NeoInvoke")
		o.b = appendInvocationID(o.b, &p.InvocationID)
	}
	o.b = append(o.b, '}')
	return o.end()
}
