package v1compat

import (
	"iter"
	"slices"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
)

// The decoders of the command payloads, rendered as FORMAT.md §8 says: one method per message, reading the JSON object's
// members into the records type. Each zeroes its target first (so a key
// given twice is read afresh: the last wins), returns false for null or on
// error, and checks the required fields of its own message once it is
// whole. A oneof member whose value is a message reads null as {}.

//go:generate go run ../internal/cmd/genrecordset -v1compat -records ../records

// scratch holds what a dry run decodes into (see decoder.dry): one value of
// each payload type, and the record. It is pooled, so that a dry run
// allocates nothing.
type scratch struct {
	rec Record
	payloads
	arena []byte
}

// slot returns where to decode a payload of type T: a new value, or in a
// dry run the scratch's.
func slot[T any](d *decoder, f func(*scratch) *T) *T {
	if d.dry {
		return f(d.scratch)
	}
	return new(T)
}

// The payload switch (decoder.payload, dispatch_gen.go) is written by go
// generate from records' table of the record set; a kind's payload is read
// by the method named after its Go type below, except for the kinds whose
// v1 payload is not their Go type, read by these command methods.

// commandTruncateOutbox reads TruncateOutbox's v1 payload: the outbox index.
func (d *decoder) commandTruncateOutbox(c *Command) { c.Index = d.uint64() }

// commandProxyThrough reads ProxyThrough's v1 payload: a ServiceInvocation.
func (d *decoder) commandProxyThrough(c *Command) {
	p := slot(d, func(s *scratch) *records.ServiceInvocation { return &s.serviceInvocation })
	c.Payload = p
	d.serviceInvocation(p)
}

// vqSchedulerDecisions reads the opaque bytes of VQSchedulerDecisions.
func (d *decoder) vqSchedulerDecisions(v *records.VQSchedulerDecisions) { v.Data = d.bytes() }

// mark sets bit f of seen when ok, and clears it otherwise (a later null
// undoes an earlier value: the last wins).
func mark(seen uint32, f int, ok bool) uint32 {
	if ok {
		return seen | 1<<f
	}
	return seen &^ (1 << f)
}

// required reports the first field of names whose bit is in req but not in
// seen as missing from the object at start.
func (d *decoder) required(start int, seen, req uint32, names []string) {
	if d.err != nil {
		return
	}
	for f := range names {
		if req&(1<<f) != 0 && seen&(1<<f) == 0 {
			d.missing(start, names[f])
			return
		}
	}
}

func (d *decoder) optUint32(p *envelope.Optional[uint32]) {
	*p = envelope.Optional[uint32]{}
	if !d.null() {
		if v := d.uint32(); d.err == nil {
			*p = envelope.Some(v)
		}
	}
}

func (d *decoder) optUint64(p *envelope.Optional[uint64]) {
	*p = envelope.Optional[uint64]{}
	if !d.null() {
		if v := d.uint64(); d.err == nil {
			*p = envelope.Some(v)
		}
	}
}

// elements iterates over the elements of an array (null reads as empty),
// yielding each one's index; the loop body reads the element. It stops at
// the end of the array or on an error, and puts the index of the element
// that failed into the error's path. Like fields, it is inlined: no
// allocation.
func (d *decoder) elements() iter.Seq[int] {
	return func(yield func(int) bool) {
		if !d.openArray() {
			return
		}
		for n := 0; d.elem(&n); {
			if !yield(n - 1) {
				return
			}
			if d.err != nil {
				d.err.AddIndex(n - 1)
				return
			}
		}
	}
}

// keep appends an element v just read to *out, unless the read failed or
// this is a dry run, which checks elements without keeping them. Once *out
// holds arrayGrowAfter elements, it is sized from a count of those left.
func keep[T any](d *decoder, out *[]T, v T) {
	if d.err != nil || d.dry {
		return
	}
	if *out == nil {
		*out = make([]T, 0, 4)
	}
	*out = append(*out, v)
	if len(*out) == arrayGrowAfter {
		*out = slices.Grow(*out, d.countRest())
	}
}

// uint32s, headers and stateEntries read arrays (null reads as empty).
func (d *decoder) uint32s() (out []uint32) {
	for range d.elements() {
		keep(d, &out, d.uint32())
	}
	return out
}

// Shared types.

var invocationIDFields = []string{"partition_key", "uuid"}

func (d *decoder) invocationID(v *records.InvocationID) bool {
	*v = records.InvocationID{}
	start := d.pos()
	if !d.openObject() {
		return false
	}
	uuidOff := start
	for f := range d.fields(invocationIDFields) {
		switch f {
		case 0:
			v.PartitionKey = d.uint64()
		case 1:
			uuidOff = d.pos()
			v.UUID = d.bytes()
		}
	}
	d.checkUUID(v, start, uuidOff)
	return d.err == nil
}

// memberInvocationID reads an InvocationId that is a oneof member: null
// reads as {}, whose uuid is missing.
func (d *decoder) memberInvocationID(v *records.InvocationID) {
	start := d.pos()
	if !d.invocationID(v) {
		d.checkUUID(v, start, start)
	}
}

func (d *decoder) checkUUID(v *records.InvocationID, start, uuidOff int) {
	switch n := len(v.UUID); {
	case d.err != nil, n == 16:
	case n == 0:
		d.missing(start, "uuid")
	default:
		if e := d.failWith(envelope.ErrInvalidValue, uuidOff); e != nil {
			e.AddDetail("a uuid of ").AddDetailInt(int64(n)).AddDetail(" bytes, not 16")
			e.AddName("uuid")
		}
	}
}

var serviceIDFields = []string{"service_name", "key", "partition_key"}

func (d *decoder) serviceID(v *records.ServiceID) bool {
	*v = records.ServiceID{}
	if !d.openObject() {
		return false
	}
	for f := range d.fields(serviceIDFields) {
		switch f {
		case 0:
			v.ServiceName = d.string()
		case 1:
			v.Key = d.string()
		case 2:
			v.PartitionKey = d.uint64()
		}
	}
	return d.err == nil
}

var invocationTargetFields = []string{"service_name", "key", "handler", "type"}
var targetTypeNames = []string{"Service", "VirtualObject", "Workflow"}

func (d *decoder) invocationTarget(v *records.InvocationTarget) bool {
	*v = records.InvocationTarget{}
	start := d.pos()
	if !d.openObject() {
		return false
	}
	for f := range d.fields(invocationTargetFields) {
		switch f {
		case 0:
			v.ServiceName = d.string()
		case 1:
			d.optString(&v.Key)
		case 2:
			v.Handler = d.string()
		case 3:
			v.Type = records.TargetType(d.enum(targetTypeNames))
		}
	}
	if d.err == nil && v.Type == records.TargetTypeUnspecified {
		d.missing(start, "type")
	}
	return d.err == nil
}

var responseSinkVariants = []string{"PartitionProcessor", "Ingress"}
var partitionProcessorFields = []string{"caller", "entry_index"}

// responseSink reads a ResponseSink, which may be absent (null).
func (d *decoder) responseSink(v *records.ResponseSink) {
	*v = records.ResponseSink{}
	var t tagged
	if !d.openTagged(&t) {
		return
	}
	for d.variant(&t, responseSinkVariants) {
		*v = records.ResponseSink{Kind: records.ResponseSinkKind(t.idx + 1)}
		switch t.idx {
		case 0:
			start := d.pos()
			var seen uint32
			if d.openObject() {
				for f := range d.fields(partitionProcessorFields) {
					switch f {
					case 0:
						seen = mark(seen, f, d.invocationID(&v.Caller))
					case 1:
						v.EntryIndex = d.uint32()
					}
				}
			}
			d.required(start, seen, 1, partitionProcessorFields)
		case 1:
			v.RequestID = d.requestID()
		}
		if d.err != nil {
			d.within(responseSinkVariants[t.idx])
			return
		}
	}
}

var requestIDFields = []string{"request_id"}

// requestID reads {"request_id": string}.
func (d *decoder) requestID() string {
	var id string
	if d.openObject() {
		for range d.fields(requestIDFields) {
			id = d.string()
		}
	}
	return id
}

var invocationSourceVariants = []string{"Ingress", "Service", "Internal"}
var callerFields = []string{"caller"}

// invocationSource reads an InvocationSource: false for null.
func (d *decoder) invocationSource(v *records.InvocationSource) bool {
	*v = records.InvocationSource{}
	var t tagged
	if !d.openTagged(&t) {
		return false
	}
	for d.variant(&t, invocationSourceVariants) {
		*v = records.InvocationSource{Kind: records.InvocationSourceKind(t.idx + 1)}
		switch t.idx {
		case 0:
			v.RequestID = d.requestID()
		case 1:
			start := d.pos()
			var seen uint32
			if d.openObject() {
				for f := range d.fields(callerFields) {
					seen = mark(seen, f, d.invocationID(&v.Caller))
				}
			}
			d.required(start, seen, 1, callerFields)
		case 2:
			d.empty()
		}
		if d.err != nil {
			d.within(invocationSourceVariants[t.idx])
			return false
		}
	}
	return d.err == nil
}

var headerEntryFields = []string{"name", "value"}

func (d *decoder) headers() (out []records.HeaderEntry) {
	for range d.elements() {
		keep(d, &out, d.headerEntry())
	}
	return out
}

func (d *decoder) headerEntry() (h records.HeaderEntry) {
	if d.openObject() {
		for f := range d.fields(headerEntryFields) {
			if f == 0 {
				h.Name = d.string()
			} else {
				h.Value = d.string()
			}
		}
	}
	return h
}

var keyRangeFields = []string{"start", "end"}

// keyRange reads a KeyRange: false for null. A start above the end is an
// invalid value.
func (d *decoder) keyRange(v *records.KeyRange) bool {
	*v = records.KeyRange{}
	start := d.pos()
	ok := d.openObject()
	if ok {
		v.Start, v.End = d.pair(keyRangeFields)
	}
	if d.err == nil && v.Start > v.End {
		d.fail(envelope.ErrInvalidValue, start, "a range whose start is above its end")
	}
	return ok && d.err == nil
}

// pair reads the rest of an object of two uint64 fields.
func (d *decoder) pair(names []string) (a, b uint64) {
	for f := range d.fields(names) {
		if f == 0 {
			a = d.uint64()
		} else {
			b = d.uint64()
		}
	}
	if d.err != nil {
		return 0, 0
	}
	return a, b
}

var keysVariants = []string{"Single", "Pair", "RangeInclusive"}
var pairFields = []string{"a", "b"}

// keys reads Keys, which may be absent (null): none.
func (d *decoder) keys(k *envelope.Keys) {
	*k = envelope.Keys{}
	var t tagged
	if !d.openTagged(&t) {
		return
	}
	for d.variant(&t, keysVariants) {
		switch t.idx {
		case 0:
			*k = envelope.SingleKey(d.uint64())
		case 1:
			var a, b uint64
			if d.openObject() {
				a, b = d.pair(pairFields)
			}
			*k = envelope.PairKeys(a, b)
		case 2:
			var r records.KeyRange
			d.keyRange(&r)
			*k = envelope.RangeKeys(r.Start, r.End)
		}
		if d.err != nil {
			d.within(keysVariants[t.idx])
			return
		}
	}
}

var failureFields = []string{"code", "message"}

func (d *decoder) failure(v *records.Failure) {
	*v = records.Failure{}
	if !d.openObject() {
		return
	}
	for f := range d.fields(failureFields) {
		if f == 0 {
			v.Code = d.uint32()
		} else {
			v.Message = d.string()
		}
	}
}

// The payloads.

var announceLeaderFields = []string{"node_id", "leader_epoch", "partition_key_range", "epoch_version", "current_config", "next_config"}
var nodeIDFields = []string{"id", "generation"}
var currentConfigFields = []string{"version", "replica_set", "modified_at_ms", "replication"}
var nextConfigFields = []string{"version", "replica_set"}

func (d *decoder) announceLeader(v *records.AnnounceLeader) {
	*v = records.AnnounceLeader{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(announceLeaderFields) {
		switch f {
		case 0:
			v.NodeID = records.GenerationalNodeID{}
			present := d.openObject()
			if present {
				for g := range d.fields(nodeIDFields) {
					if g == 0 {
						v.NodeID.ID = d.uint32()
					} else {
						v.NodeID.Generation = d.uint32()
					}
				}
			}
			seen = mark(seen, f, present)
		case 1:
			v.LeaderEpoch = d.uint64()
		case 2:
			seen = mark(seen, f, d.keyRange(&v.PartitionKeyRange))
		case 3:
			d.optUint32(&v.EpochVersion)
		case 4:
			v.CurrentConfig = envelope.Optional[records.CurrentConfig]{}
			if d.openObject() {
				c := &v.CurrentConfig.Value
				for g := range d.fields(currentConfigFields) {
					switch g {
					case 0:
						c.Version = d.uint32()
					case 1:
						c.ReplicaSet = d.uint32s()
					case 2:
						c.ModifiedAtMs = d.uint64()
					case 3:
						c.Replication = d.string()
					}
				}
				v.CurrentConfig.Set = d.err == nil
			}
		case 5:
			v.NextConfig = envelope.Optional[records.NextConfig]{}
			if d.openObject() {
				c := &v.NextConfig.Value
				for g := range d.fields(nextConfigFields) {
					if g == 0 {
						c.Version = d.uint32()
					} else {
						c.ReplicaSet = d.uint32s()
					}
				}
				v.NextConfig.Set = d.err == nil
			}
		}
	}
	d.required(start, seen, 1<<0|1<<2, announceLeaderFields)
}

var versionBarrierFields = []string{"version", "human_reason", "partition_key_range"}

func (d *decoder) versionBarrier(v *records.VersionBarrier) {
	*v = records.VersionBarrier{}
	start, versionOff := d.pos(), 0
	if !d.openObject() {
		return
	}
	for f := range d.fields(versionBarrierFields) {
		switch f {
		case 0:
			versionOff = d.pos()
			d.keepText = true // checked below, in a dry run too
			v.Version = d.string()
			d.keepText = false
		case 1:
			d.optString(&v.HumanReason)
		case 2:
			d.keys(&v.PartitionKeyRange)
		}
	}
	if d.err == nil && v.Version == "" {
		d.missing(start, "version")
	}
	// Checked here, with its offset, rather than by the payload's Validate
	// after the decode (an error that would cost more allocations).
	if d.err == nil && !records.ValidSemVer(v.Version) {
		d.invalid(versionOff, "version", "not a SemVer 2.0.0 version")
	}
}

var partitionDurabilityFields = []string{"partition_id", "durable_point", "modification_time_ms", "partition_key_range"}

func (d *decoder) partitionDurability(v *records.PartitionDurability) {
	*v = records.PartitionDurability{}
	if !d.openObject() {
		return
	}
	for f := range d.fields(partitionDurabilityFields) {
		switch f {
		case 0:
			v.PartitionID = d.uint32()
		case 1:
			v.DurablePoint = d.uint64()
		case 2:
			v.ModificationTimeMs = d.uint64()
		case 3:
			d.keys(&v.PartitionKeyRange)
		}
	}
}

var externalStateMutationFields = []string{"service_id", "version", "state"}
var stateEntryFields = []string{"key", "value"}

func (d *decoder) externalStateMutation(v *records.ExternalStateMutation) {
	*v = records.ExternalStateMutation{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(externalStateMutationFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.serviceID(&v.ServiceID))
		case 1:
			d.optString(&v.Version)
		case 2:
			v.State = d.stateEntries()
		}
	}
	d.required(start, seen, 1, externalStateMutationFields)
}

func (d *decoder) stateEntries() (out []records.StateEntry) {
	for range d.elements() {
		keep(d, &out, d.stateEntry())
	}
	return out
}

func (d *decoder) stateEntry() (e records.StateEntry) {
	if d.openObject() {
		for f := range d.fields(stateEntryFields) {
			if f == 0 {
				e.Key = d.bytes()
			} else {
				e.Value = d.bytes()
			}
		}
	}
	return e
}

var invocationTerminationFields = []string{"invocation_id", "flavor", "response_sink"}
var flavorNames = []string{"Kill", "Cancel"}

func (d *decoder) invocationTermination(v *records.InvocationTermination) {
	*v = records.InvocationTermination{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(invocationTerminationFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.invocationID(&v.InvocationID))
		case 1:
			v.Flavor = records.TerminationFlavor(d.enum(flavorNames))
			seen = mark(seen, f, v.Flavor != records.TerminationFlavorUnspecified)
		case 2:
			d.responseSink(&v.ResponseSink)
		}
	}
	d.required(start, seen, 1<<0|1<<1, invocationTerminationFields)
}

var purgeInvocationRequestFields = []string{"invocation_id", "response_sink"}

func (d *decoder) purgeInvocationRequest(v *records.PurgeInvocationRequest) {
	*v = records.PurgeInvocationRequest{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(purgeInvocationRequestFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.invocationID(&v.InvocationID))
		case 1:
			d.responseSink(&v.ResponseSink)
		}
	}
	d.required(start, seen, 1, purgeInvocationRequestFields)
}

var serviceInvocationFields = []string{
	"invocation_id", "invocation_target", "argument", "source", "span_context", "headers",
	"execution_time_ms", "completion_retention_ms", "journal_retention_ms", "idempotency_key",
	"response_sink", "submit_notification_sink", "restate_version",
}

// serviceInvocation reads a ServiceInvocation: false for null.
func (d *decoder) serviceInvocation(v *records.ServiceInvocation) bool {
	*v = records.ServiceInvocation{}
	start := d.pos()
	if !d.openObject() {
		return false
	}
	var seen uint32
	for f := range d.fields(serviceInvocationFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.invocationID(&v.InvocationID))
		case 1:
			seen = mark(seen, f, d.invocationTarget(&v.InvocationTarget))
		case 2:
			v.Argument = d.bytes()
		case 3:
			seen = mark(seen, f, d.invocationSource(&v.Source))
		case 4:
			v.SpanContext = d.bytes()
		case 5:
			v.Headers = d.headers()
		case 6:
			d.optUint64(&v.ExecutionTimeMs)
		case 7:
			v.CompletionRetentionMs = d.uint64()
		case 8:
			v.JournalRetentionMs = d.uint64()
		case 9:
			d.optString(&v.IdempotencyKey)
		case 10:
			d.responseSink(&v.ResponseSink)
		case 11:
			d.responseSink(&v.SubmitNotificationSink)
		case 12:
			v.RestateVersion = d.string()
		}
	}
	d.required(start, seen, 1<<0|1<<1|1<<3, serviceInvocationFields)
	return d.err == nil
}

var attachInvocationRequestFields = []string{"query", "block_on_inflight", "response_sink"}
var invocationQueryVariants = []string{"InvocationId", "Workflow", "Idempotency"}
var idempotencyFields = []string{"service_name", "service_key", "handler", "idempotency_key", "partition_key"}

func (d *decoder) attachInvocationRequest(v *records.AttachInvocationRequest) {
	*v = records.AttachInvocationRequest{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(attachInvocationRequestFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.invocationQuery(&v.Query))
		case 1:
			v.BlockOnInflight = d.bool()
		case 2:
			d.responseSink(&v.ResponseSink)
		}
	}
	d.required(start, seen, 1, attachInvocationRequestFields)
}

// invocationQuery reads an InvocationQuery: false for null.
func (d *decoder) invocationQuery(v *records.InvocationQuery) bool {
	*v = records.InvocationQuery{}
	var t tagged
	if !d.openTagged(&t) {
		return false
	}
	for d.variant(&t, invocationQueryVariants) {
		*v = records.InvocationQuery{Kind: records.InvocationQueryKind(t.idx + 1)}
		switch t.idx {
		case 0:
			d.memberInvocationID(&v.InvocationID)
		case 1:
			d.serviceID(&v.Workflow)
		case 2:
			q := &v.Idempotency
			if d.openObject() {
				for f := range d.fields(idempotencyFields) {
					switch f {
					case 0:
						q.ServiceName = d.string()
					case 1:
						d.optString(&q.ServiceKey)
					case 2:
						q.Handler = d.string()
					case 3:
						q.IdempotencyKey = d.string()
					case 4:
						q.PartitionKey = d.uint64()
					}
				}
			}
		}
		if d.err != nil {
			d.within(invocationQueryVariants[t.idx])
			return false
		}
	}
	return d.err == nil
}

var resumeInvocationRequestFields = []string{"invocation_id", "update_pinned_deployment_id", "response_sink"}

func (d *decoder) resumeInvocationRequest(v *records.ResumeInvocationRequest) {
	*v = records.ResumeInvocationRequest{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(resumeInvocationRequestFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.invocationID(&v.InvocationID))
		case 1:
			d.optString(&v.UpdatePinnedDeploymentID)
		case 2:
			d.responseSink(&v.ResponseSink)
		}
	}
	d.required(start, seen, 1, resumeInvocationRequestFields)
}

var restartAsNewInvocationRequestFields = []string{"invocation_id", "new_invocation_id", "copy_prefix_up_to_index_included", "patch_deployment_id", "response_sink"}

func (d *decoder) restartAsNewInvocationRequest(v *records.RestartAsNewInvocationRequest) {
	*v = records.RestartAsNewInvocationRequest{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(restartAsNewInvocationRequestFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.invocationID(&v.InvocationID))
		case 1:
			seen = mark(seen, f, d.invocationID(&v.NewInvocationID))
		case 2:
			v.CopyPrefixUpToIndexIncluded = d.uint32()
		case 3:
			d.optString(&v.PatchDeploymentID)
		case 4:
			d.responseSink(&v.ResponseSink)
		}
	}
	d.required(start, seen, 1<<0|1<<1, restartAsNewInvocationRequestFields)
}

var effectFields = []string{"invocation_id", "kind"}
var effectVariants = []string{"PinnedDeployment", "JournalEntry", "Suspended", "End", "Failed"}
var pinnedDeploymentFields = []string{"deployment_id", "protocol_version"}
var journalEntryFields = []string{"entry_index", "entry"}
var suspendedFields = []string{"waiting_for"}

func (d *decoder) effect(v *records.Effect) {
	*v = records.Effect{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(effectFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.invocationID(&v.InvocationID))
		case 1:
			seen = mark(seen, f, d.effectKind(v))
		}
	}
	d.required(start, seen, 1<<0|1<<1, effectFields)
}

// effectKind reads Effect.kind into v: false for null.
func (d *decoder) effectKind(v *records.Effect) bool {
	*v = records.Effect{InvocationID: v.InvocationID}
	var t tagged
	if !d.openTagged(&t) {
		return false
	}
	for d.variant(&t, effectVariants) {
		*v = records.Effect{InvocationID: v.InvocationID, EffectKind: records.EffectKind(t.idx + 2)}
		switch t.idx {
		case 0:
			if d.openObject() {
				for f := range d.fields(pinnedDeploymentFields) {
					if f == 0 {
						v.DeploymentID = d.string()
					} else {
						v.ProtocolVersion = d.uint32()
					}
				}
			}
		case 1:
			if d.openObject() {
				for f := range d.fields(journalEntryFields) {
					if f == 0 {
						v.EntryIndex = d.uint32()
					} else {
						v.Entry = d.bytes()
					}
				}
			}
		case 2:
			if d.openObject() {
				for range d.fields(suspendedFields) {
					v.WaitingFor = d.uint32s()
				}
			}
		case 3:
			d.empty()
		case 4:
			d.failure(&v.Failure)
		}
		if d.err != nil {
			d.within(effectVariants[t.idx])
			return false
		}
	}
	return d.err == nil
}

var timerKeyValueFields = []string{"fire_at_ms", "value"}
var timerValueVariants = []string{"Invoke", "CompleteJournalEntry", "CleanInvocationStatus", "NeoInvoke"}
var completeJournalEntryFields = []string{"invocation_id", "journal_index"}

func (d *decoder) timerKeyValue(v *records.TimerKeyValue) {
	*v = records.TimerKeyValue{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(timerKeyValueFields) {
		switch f {
		case 0:
			v.FireAtMs = d.uint64()
		case 1:
			fire := v.FireAtMs
			seen = mark(seen, f, d.timerValue(v))
			v.FireAtMs = fire
		}
	}
	d.required(start, seen, 1<<1, timerKeyValueFields)
}

// timerValue reads TimerKeyValue.value into v: false for null.
func (d *decoder) timerValue(v *records.TimerKeyValue) bool {
	*v = records.TimerKeyValue{}
	var t tagged
	if !d.openTagged(&t) {
		return false
	}
	for d.variant(&t, timerValueVariants) {
		*v = records.TimerKeyValue{ValueKind: records.TimerValueKind(t.idx + 2)}
		switch t.idx {
		case 0:
			start := d.pos()
			if !d.serviceInvocation(&v.Invoke) {
				d.missing(start, "invocation_id")
			}
		case 1:
			start := d.pos()
			var seen uint32
			if d.openObject() {
				for f := range d.fields(completeJournalEntryFields) {
					if f == 0 {
						seen = mark(seen, f, d.invocationID(&v.InvocationID))
					} else {
						v.JournalIndex = d.uint32()
					}
				}
			}
			d.required(start, seen, 1, completeJournalEntryFields)
		case 2, 3:
			d.memberInvocationID(&v.InvocationID)
		}
		if d.err != nil {
			d.within(timerValueVariants[t.idx])
			return false
		}
	}
	return d.err == nil
}

var journalCompletionTargetFields = []string{"invocation_id", "entry_index"}

// target reads a JournalCompletionTarget: false for null.
func (d *decoder) target(v *records.JournalCompletionTarget) bool {
	*v = records.JournalCompletionTarget{}
	start := d.pos()
	if !d.openObject() {
		return false
	}
	var seen uint32
	for f := range d.fields(journalCompletionTargetFields) {
		if f == 0 {
			seen = mark(seen, f, d.invocationID(&v.InvocationID))
		} else {
			v.EntryIndex = d.uint32()
		}
	}
	d.required(start, seen, 1, journalCompletionTargetFields)
	return d.err == nil
}

// result reads a result oneof whose variants are names, mapped to the
// result kinds kinds: false for null.
func (d *decoder) result(names []string, kinds []records.ResultKind, kind *records.ResultKind, success *[]byte, failure *records.Failure) bool {
	*kind, *success, *failure = records.ResultNone, nil, records.Failure{}
	var t tagged
	if !d.openTagged(&t) {
		return false
	}
	for d.variant(&t, names) {
		*kind, *success, *failure = kinds[t.idx], nil, records.Failure{}
		switch kinds[t.idx] {
		case records.ResultSuccess:
			*success = d.bytes()
		case records.ResultFailure:
			d.failure(failure)
		default:
			d.empty()
		}
		if d.err != nil {
			d.within(names[t.idx])
			return false
		}
	}
	return d.err == nil
}

var invocationResponseFields = []string{"target", "result"}
var invocationResponseVariants = []string{"Success", "Failure"}
var invocationResponseKinds = []records.ResultKind{records.ResultSuccess, records.ResultFailure}

func (d *decoder) invocationResponse(v *records.InvocationResponse) {
	*v = records.InvocationResponse{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(invocationResponseFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.target(&v.Target))
		case 1:
			seen = mark(seen, f, d.result(invocationResponseVariants, invocationResponseKinds, &v.Result, &v.Success, &v.Failure))
		}
	}
	d.required(start, seen, 1<<0|1<<1, invocationResponseFields)
}

var getInvocationOutputResponseVariants = []string{"NotFound", "NotReady", "Success", "Failure"}
var getInvocationOutputResponseKinds = []records.ResultKind{records.ResultNotFound, records.ResultNotReady, records.ResultSuccess, records.ResultFailure}

func (d *decoder) getInvocationOutputResponse(v *records.GetInvocationOutputResponse) {
	*v = records.GetInvocationOutputResponse{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(invocationResponseFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.target(&v.Target))
		case 1:
			seen = mark(seen, f, d.result(getInvocationOutputResponseVariants, getInvocationOutputResponseKinds, &v.Result, &v.Success, &v.Failure))
		}
	}
	d.required(start, seen, 1<<0|1<<1, invocationResponseFields)
}

var notifySignalRequestFields = []string{"invocation_id", "signal"}
var signalFields = []string{"id", "result"}
var signalIDVariants = []string{"Index", "Name"}
var signalResultVariants = []string{"Void", "Success", "Failure"}
var signalResultKinds = []records.ResultKind{records.ResultVoid, records.ResultSuccess, records.ResultFailure}

func (d *decoder) notifySignalRequest(v *records.NotifySignalRequest) {
	*v = records.NotifySignalRequest{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(notifySignalRequestFields) {
		switch f {
		case 0:
			seen = mark(seen, f, d.invocationID(&v.InvocationID))
		case 1:
			seen = mark(seen, f, d.signal(&v.Signal))
		}
	}
	d.required(start, seen, 1<<0|1<<1, notifySignalRequestFields)
}

// signal reads a Signal: false for null.
func (d *decoder) signal(v *records.Signal) bool {
	*v = records.Signal{}
	start := d.pos()
	if !d.openObject() {
		return false
	}
	var seen uint32
	for f := range d.fields(signalFields) {
		switch f {
		case 0:
			v.ID, v.Index, v.Name = records.SignalIDNone, 0, ""
			var t tagged
			if d.openTagged(&t) {
				for d.variant(&t, signalIDVariants) {
					v.ID, v.Index, v.Name = records.SignalIDKind(t.idx+1), 0, ""
					if t.idx == 0 {
						v.Index = d.uint32()
					} else {
						v.Name = d.string()
					}
					if d.err != nil {
						d.within(signalIDVariants[t.idx])
						break
					}
				}
			}
			seen = mark(seen, f, v.ID != records.SignalIDNone)
		case 1:
			seen = mark(seen, f, d.result(signalResultVariants, signalResultKinds, &v.Result, &v.Success, &v.Failure))
		}
	}
	d.required(start, seen, 1<<0|1<<1, signalFields)
	return d.err == nil
}

var upsertSchemaFields = []string{"partition_key_range", "schema"}

func (d *decoder) upsertSchema(v *records.UpsertSchema) {
	*v = records.UpsertSchema{}
	if !d.openObject() {
		return
	}
	for f := range d.fields(upsertSchemaFields) {
		if f == 0 {
			d.keys(&v.PartitionKeyRange)
		} else {
			v.Schema = d.bytes()
		}
	}
}

var upsertRuleBookFields = []string{"partition_key_range", "rule_book"}

func (d *decoder) upsertRuleBook(v *records.UpsertRuleBook) {
	*v = records.UpsertRuleBook{}
	start := d.pos()
	if !d.openObject() {
		return
	}
	var seen uint32
	for f := range d.fields(upsertRuleBookFields) {
		if f == 0 {
			seen = mark(seen, f, d.keyRange(&v.PartitionKeyRange))
		} else {
			v.RuleBook = d.bytes()
		}
	}
	d.required(start, seen, 1, upsertRuleBookFields)
}
