package records

import (
	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/utf8fast"
	"github.com/walwire/walwire/wire"
)

// The codecs of the payloads (FORMAT.md §5), in kind order. Each payload has size,
// appendTo, mergeFrom, validate, reset and keys; the exported methods that
// forward to them are generated from recordSet (payload_methods_gen.go).

// AnnounceLeader (kind 1).

func (x *AnnounceLeader) size() int {
	n := sizeLen(x.NodeID.size()) + sizeVarint(x.LeaderEpoch) + sizeLen(x.PartitionKeyRange.size()) +
		sizeOptVarint(x.EpochVersion.Set, uint64(x.EpochVersion.Value))
	if x.CurrentConfig.Set {
		n += sizeLen(x.CurrentConfig.Value.size())
	}
	if x.NextConfig.Set {
		n += sizeLen(x.NextConfig.Value.size())
	}
	return n
}

func (x *AnnounceLeader) appendTo(b []byte) []byte {
	b = endLen(x.NodeID.appendTo(beginLen(b, lenTag(1))), len(b))
	b = appendVarint(b, varTag(2), x.LeaderEpoch)
	b = endLen(x.PartitionKeyRange.appendTo(beginLen(b, lenTag(3))), len(b))
	b = appendOptVarint(b, varTag(4), x.EpochVersion.Set, uint64(x.EpochVersion.Value))
	if x.CurrentConfig.Set {
		b = endLen(x.CurrentConfig.Value.appendTo(beginLen(b, lenTag(5))), len(b))
	}
	if x.NextConfig.Set {
		b = endLen(x.NextConfig.Value.appendTo(beginLen(b, lenTag(6))), len(b))
	}
	return b
}

// mergeFrom reads a whole AnnounceLeader and reports its absent required
// fields (a payload is read in one piece).
func (x *AnnounceLeader) mergeFrom(r *wire.Reader) error {
	var sub wire.Reader
	var hasNode, hasRange bool
	for r.Next() {
		switch r.Number() {
		case 1:
			if r.MessageInto(&sub) {
				hasNode = true
				if err := x.NodeID.mergeFrom(&sub); err != nil {
					return wire.Within(err, "node_id")
				}
			}
		case 2:
			r.Uint64(&x.LeaderEpoch)
		case 3:
			if r.MessageInto(&sub) {
				hasRange = true
				if err := x.PartitionKeyRange.mergeFrom(&sub); err != nil {
					return wire.Within(err, "partition_key_range")
				}
			}
		case 4:
			if r.Uint32(&x.EpochVersion.Value) {
				x.EpochVersion.Set = true
			}
		case 5:
			if r.MessageInto(&sub) {
				x.CurrentConfig.Set = true
				if err := x.CurrentConfig.Value.mergeFrom(&sub); err != nil {
					return wire.Within(err, "current_config")
				}
			}
		case 6:
			if r.MessageInto(&sub) {
				x.NextConfig.Set = true
				if err := x.NextConfig.Value.mergeFrom(&sub); err != nil {
					return wire.Within(err, "next_config")
				}
			}
		}
	}
	switch {
	case r.Err() != nil:
		return r.Err()
	case !hasNode:
		return envelope.MissingField("node_id")
	case !hasRange:
		return envelope.MissingField("partition_key_range")
	}
	return nil
}

func (x *AnnounceLeader) validate(enc check) error {
	if enc == beforeEncode {
		_, err := x.sizeChecked()
		return err
	}
	return validateRange(&x.PartitionKeyRange, "partition_key_range")
}

// sizeChecked returns size(), or the error validate(beforeEncode) returns.
func (x *AnnounceLeader) sizeChecked() (int, error) {
	if err := validateRange(&x.PartitionKeyRange, "partition_key_range"); err != nil {
		return 0, err
	}
	if x.CurrentConfig.Set && !utf8fast.ValidString(x.CurrentConfig.Value.Replication) {
		return 0, wire.Within(badUTF8(4, "replication"), "current_config")
	}
	return x.size(), nil
}

func (x *AnnounceLeader) reset() {
	cur, next := x.CurrentConfig.Value.ReplicaSet[:0], x.NextConfig.Value.ReplicaSet[:0]
	*x = AnnounceLeader{}
	x.CurrentConfig.Value.ReplicaSet = cur
	x.NextConfig.Value.ReplicaSet = next
}

func (x *AnnounceLeader) keys() envelope.Keys {
	return envelope.RangeKeys(x.PartitionKeyRange.Start, x.PartitionKeyRange.End)
}

// VersionBarrier (kind 2).

func (x *VersionBarrier) size() int {
	return sizeString(x.Version) + sizeOptString(x.HumanReason) + x.PartitionKeyRange.SizeField(3)
}

func (x *VersionBarrier) appendTo(b []byte) []byte {
	b = appendString(b, lenTag(1), x.Version)
	b = appendOptString(b, lenTag(2), x.HumanReason)
	return x.PartitionKeyRange.AppendField(b, 3)
}

func (x *VersionBarrier) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			readString(r, &x.Version, "version")
		case 2:
			readOptString(r, &x.HumanReason, "human_reason")
		case 3:
			if err := mergeKeys(r, &x.PartitionKeyRange, "partition_key_range"); err != nil {
				return err
			}
		}
	}
	return r.Err()
}

func (x *VersionBarrier) validate(enc check) error {
	switch {
	case x.Version == "":
		return envelope.MissingField("version")
	case !ValidSemVer(x.Version): // SemVer is ASCII: no UTF-8 check needed
		return envelope.InvalidValue("version")
	}
	if enc == beforeEncode {
		if err := checkUTF8(x.HumanReason.Value, 2, "human_reason"); err != nil {
			return err
		}
	}
	return validateKeys(x.PartitionKeyRange, "partition_key_range")
}

func (x *VersionBarrier) reset() { *x = VersionBarrier{} }

func (x *VersionBarrier) keys() envelope.Keys { return x.PartitionKeyRange }

// PartitionDurability (kind 3).

func (x *PartitionDurability) size() int {
	return sizeVarint(uint64(x.PartitionID)) + sizeVarint(x.DurablePoint) + sizeVarint(x.ModificationTimeMs) +
		x.PartitionKeyRange.SizeField(4)
}

func (x *PartitionDurability) appendTo(b []byte) []byte {
	b = appendVarint(b, varTag(1), uint64(x.PartitionID))
	b = appendVarint(b, varTag(2), x.DurablePoint)
	b = appendVarint(b, varTag(3), x.ModificationTimeMs)
	return x.PartitionKeyRange.AppendField(b, 4)
}

func (x *PartitionDurability) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint32(&x.PartitionID)
		case 2:
			r.Uint64(&x.DurablePoint)
		case 3:
			r.Uint64(&x.ModificationTimeMs)
		case 4:
			if err := mergeKeys(r, &x.PartitionKeyRange, "partition_key_range"); err != nil {
				return err
			}
		}
	}
	return r.Err()
}

func (x *PartitionDurability) validate(check) error {
	return validateKeys(x.PartitionKeyRange, "partition_key_range")
}

func (x *PartitionDurability) reset() { *x = PartitionDurability{} }

func (x *PartitionDurability) keys() envelope.Keys { return x.PartitionKeyRange }

// ExternalStateMutation (kind 4, PatchState).

func (x *ExternalStateMutation) size() int {
	n := sizeLen(x.ServiceID.size()) + sizeOptString(x.Version)
	for i := range x.State {
		n += sizeLen(x.State[i].size())
	}
	return n
}

func (x *ExternalStateMutation) appendTo(b []byte) []byte {
	b = endLen(x.ServiceID.appendTo(beginLen(b, lenTag(1))), len(b))
	b = appendOptString(b, lenTag(2), x.Version)
	for i := range x.State {
		e := &x.State[i]
		b = endLen(e.appendTo(beginLen(b, lenTag(3))), len(b))
	}
	return b
}

// mergeFrom reads a whole ExternalStateMutation and reports an absent
// service_id (a payload is read in one piece).
func (x *ExternalStateMutation) mergeFrom(r *wire.Reader) error {
	var sub wire.Reader
	hasService := false
	for r.Next() {
		switch r.Number() {
		case 1:
			if r.MessageInto(&sub) {
				hasService = true
				if err := x.ServiceID.mergeFrom(&sub); err != nil {
					return wire.Within(err, "service_id")
				}
			}
		case 2:
			readOptString(r, &x.Version, "version")
		case 3:
			if r.MessageInto(&sub) {
				x.State = appendElem(x.State, r, 3)
				if err := x.State[len(x.State)-1].mergeFrom(&sub); err != nil {
					return wire.Within(err, "state")
				}
			}
		}
	}
	if err := r.Err(); err != nil {
		return err
	}
	if !hasService {
		return envelope.MissingField("service_id")
	}
	return nil
}

func (x *ExternalStateMutation) validate(enc check) error {
	if enc == afterDecode {
		return nil
	}
	if err := x.ServiceID.validate(enc); err != nil {
		return wire.Within(err, "service_id")
	}
	return checkUTF8(x.Version.Value, 2, "version")
}

func (x *ExternalStateMutation) reset() {
	*x = ExternalStateMutation{State: x.State[:0]}
}

func (x *ExternalStateMutation) keys() envelope.Keys {
	return envelope.SingleKey(x.ServiceID.PartitionKey)
}

// InvocationTermination (kind 5, TerminateInvocation).

func (x *InvocationTermination) size() int {
	return sizeIDField(&x.InvocationID) + sizeEnum(int32(x.Flavor)) + x.ResponseSink.sizeField()
}

func (x *InvocationTermination) appendTo(b []byte) []byte {
	b = appendIDField(b, lenTag(1), &x.InvocationID)
	b = appendEnum(b, varTag(2), int32(x.Flavor))
	return x.ResponseSink.appendField(b, lenTag(3))
}

func (x *InvocationTermination) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		var err error
		switch r.Number() {
		case 1:
			err = mergeID(r, &x.InvocationID, "invocation_id")
		case 2:
			r.Int32((*int32)(&x.Flavor))
		case 3:
			err = mergeSink(r, &x.ResponseSink, "response_sink")
		}
		if err != nil {
			return err
		}
	}
	return r.Err()
}

func (x *InvocationTermination) validate(enc check) error {
	if err := validateID(&x.InvocationID, "invocation_id"); err != nil {
		return err
	}
	switch {
	case x.Flavor == TerminationFlavorUnspecified:
		return envelope.MissingField("flavor")
	case x.Flavor < 0 || x.Flavor > TerminationFlavorCancel:
		return envelope.InvalidValue("flavor")
	}
	return validateSink(&x.ResponseSink, enc, "response_sink")
}

func (x *InvocationTermination) reset() { *x = InvocationTermination{} }

func (x *InvocationTermination) keys() envelope.Keys {
	return envelope.SingleKey(x.InvocationID.PartitionKey)
}

// PurgeInvocationRequest (kind 6 PurgeInvocation; kind 7 PurgeJournal).

func (x *PurgeInvocationRequest) size() int {
	return sizeIDField(&x.InvocationID) + x.ResponseSink.sizeField()
}

func (x *PurgeInvocationRequest) appendTo(b []byte) []byte {
	b = appendIDField(b, lenTag(1), &x.InvocationID)
	return x.ResponseSink.appendField(b, lenTag(2))
}

func (x *PurgeInvocationRequest) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		var err error
		switch r.Number() {
		case 1:
			err = mergeID(r, &x.InvocationID, "invocation_id")
		case 2:
			err = mergeSink(r, &x.ResponseSink, "response_sink")
		}
		if err != nil {
			return err
		}
	}
	return r.Err()
}

func (x *PurgeInvocationRequest) validate(enc check) error {
	if err := validateID(&x.InvocationID, "invocation_id"); err != nil {
		return err
	}
	return validateSink(&x.ResponseSink, enc, "response_sink")
}

func (x *PurgeInvocationRequest) reset() { *x = PurgeInvocationRequest{} }

func (x *PurgeInvocationRequest) keys() envelope.Keys {
	return envelope.SingleKey(x.InvocationID.PartitionKey)
}

// ServiceInvocation (kind 8, Invoke; also inside ProxyThrough and Timer).

func (x *ServiceInvocation) isZero() bool {
	return x.InvocationID.isZero() && x.InvocationTarget == (InvocationTarget{}) && len(x.Argument) == 0 &&
		x.Source.Kind == InvocationSourceNone && x.Source.RequestID == "" && x.Source.Caller.isZero() &&
		len(x.SpanContext) == 0 && len(x.Headers) == 0 && x.ExecutionTimeMs == (Optional[uint64]{}) &&
		x.CompletionRetentionMs == 0 && x.JournalRetentionMs == 0 && x.IdempotencyKey == (Optional[string]{}) &&
		x.ResponseSink.Kind == ResponseSinkNone && x.SubmitNotificationSink.Kind == ResponseSinkNone &&
		x.RestateVersion == ""
}

func (x *ServiceInvocation) size() int {
	n := x.sizeUnchecked() + sizeLen(x.InvocationTarget.size()) +
		sizeOptString(x.IdempotencyKey) + sizeString(x.RestateVersion)
	for i := range x.Headers {
		n += sizeLen(x.Headers[i].size())
	}
	return n
}

// sizeUnchecked returns the size of the fields that encoding checks no
// more of than validate(afterDecode) does (no strings): all but the target,
// the headers, the idempotency key and the version.
func (x *ServiceInvocation) sizeUnchecked() int {
	return sizeIDField(&x.InvocationID) + sizeBytes(x.Argument) + sizeLen(x.Source.size()) +
		sizeBytes(x.SpanContext) + sizeOptVarint(x.ExecutionTimeMs.Set, x.ExecutionTimeMs.Value) +
		sizeVarint(x.CompletionRetentionMs) + sizeVarint(x.JournalRetentionMs) +
		x.ResponseSink.sizeField() + x.SubmitNotificationSink.sizeField()
}

func (x *ServiceInvocation) appendTo(b []byte) []byte {
	b = appendIDField(b, lenTag(1), &x.InvocationID)
	b = endLen(x.InvocationTarget.appendTo(beginLen(b, lenTag(2))), len(b))
	b = appendBytes(b, lenTag(3), x.Argument)
	b = endLen(x.Source.appendTo(beginLen(b, lenTag(4))), len(b))
	b = appendBytes(b, lenTag(5), x.SpanContext)
	for i := range x.Headers {
		h := &x.Headers[i]
		b = endLen(h.appendTo(beginLen(b, lenTag(6))), len(b))
	}
	b = appendOptVarint(b, varTag(7), x.ExecutionTimeMs.Set, x.ExecutionTimeMs.Value)
	b = appendVarint(b, varTag(8), x.CompletionRetentionMs)
	b = appendVarint(b, varTag(9), x.JournalRetentionMs)
	b = appendOptString(b, lenTag(10), x.IdempotencyKey)
	b = x.ResponseSink.appendField(b, lenTag(11))
	b = x.SubmitNotificationSink.appendField(b, lenTag(12))
	return appendString(b, lenTag(13), x.RestateVersion)
}

func (x *ServiceInvocation) mergeFrom(r *wire.Reader) error {
	var sub wire.Reader
	for r.Next() {
		var err error
		switch r.Number() {
		case 1:
			if r.MessageInto(&sub) {
				err = within(x.InvocationID.mergeFrom(&sub), "invocation_id")
			}
		case 2:
			if r.MessageInto(&sub) {
				err = within(x.InvocationTarget.mergeFrom(&sub), "invocation_target")
			}
		case 3:
			r.Bytes(&x.Argument)
		case 4:
			if r.MessageInto(&sub) {
				err = within(x.Source.mergeFrom(&sub), "source")
			}
		case 5:
			r.Bytes(&x.SpanContext)
		case 6:
			if r.MessageInto(&sub) {
				x.Headers = appendElem(x.Headers, r, 6)
				err = within(x.Headers[len(x.Headers)-1].mergeFrom(&sub), "headers")
			}
		case 7:
			if r.Uint64(&x.ExecutionTimeMs.Value) {
				x.ExecutionTimeMs.Set = true
			}
		case 8:
			r.Uint64(&x.CompletionRetentionMs)
		case 9:
			r.Uint64(&x.JournalRetentionMs)
		case 10:
			readOptString(r, &x.IdempotencyKey, "idempotency_key")
		case 11:
			if r.MessageInto(&sub) {
				err = within(x.ResponseSink.mergeFrom(&sub), "response_sink")
			}
		case 12:
			if r.MessageInto(&sub) {
				err = within(x.SubmitNotificationSink.mergeFrom(&sub), "submit_notification_sink")
			}
		case 13:
			readString(r, &x.RestateVersion, "restate_version")
		}
		if err != nil {
			return err
		}
	}
	return r.Err()
}

func (x *ServiceInvocation) validate(enc check) error {
	if enc == beforeEncode {
		_, err := x.sizeChecked()
		return err
	}
	_, err := x.checkFirst(afterDecode)
	return err
}

// checkFirst makes the checks of validate(enc) up to the sinks included (all
// of them for afterDecode), and returns the target's size when enc is
// beforeEncode (its strings checked as it is sized).
func (x *ServiceInvocation) checkFirst(enc check) (targetSize int, err error) {
	if err := validateID(&x.InvocationID, "invocation_id"); err != nil {
		return 0, err
	}
	if x.InvocationTarget == (InvocationTarget{}) {
		return 0, envelope.MissingField("invocation_target")
	}
	if enc == beforeEncode {
		targetSize, err = x.InvocationTarget.sizeChecked()
	} else {
		err = x.InvocationTarget.validate(afterDecode)
	}
	if err != nil {
		return 0, wire.Within(err, "invocation_target")
	}
	if x.Source.Kind == InvocationSourceNone {
		return 0, envelope.MissingField("source")
	}
	if x.Source.Kind != InvocationSourceInternal {
		if err := x.Source.validate(enc); err != nil {
			return 0, wire.Within(err, "source")
		}
	}
	if err := validateSink(&x.ResponseSink, enc, "response_sink"); err != nil {
		return 0, err
	}
	if err := validateSink(&x.SubmitNotificationSink, enc, "submit_notification_sink"); err != nil {
		return 0, err
	}
	return targetSize, nil
}

// sizeChecked returns size(), or the error validate(beforeEncode) returns,
// in one walk: each string is checked where it is sized.
func (x *ServiceInvocation) sizeChecked() (int, error) {
	targetSize, err := x.checkFirst(beforeEncode)
	if err != nil {
		return 0, err
	}
	n := x.sizeUnchecked() + sizeLen(targetSize)
	for i := range x.Headers {
		hn, err := x.Headers[i].sizeChecked()
		if err != nil {
			return 0, wire.Within(err, "headers")
		}
		n += sizeLen(hn)
	}
	if !utf8fast.ValidString(x.IdempotencyKey.Value) {
		return 0, badUTF8(10, "idempotency_key")
	}
	if !utf8fast.ValidString(x.RestateVersion) {
		return 0, badUTF8(13, "restate_version")
	}
	return n + sizeOptString(x.IdempotencyKey) + sizeString(x.RestateVersion), nil
}

// reset clears x, keeping the capacity of Headers.
func (x *ServiceInvocation) reset() { *x = ServiceInvocation{Headers: x.Headers[:0]} }

func (x *ServiceInvocation) spare() *[]byte { return &x.Argument }

func (x *ServiceInvocation) keys() envelope.Keys {
	return envelope.SingleKey(x.InvocationID.PartitionKey)
}

// TruncateOutbox (kind 9).

func (x *TruncateOutbox) size() int {
	return sizeVarint(x.Index) + x.PartitionKeyRange.SizeField(2)
}

func (x *TruncateOutbox) appendTo(b []byte) []byte {
	b = appendVarint(b, varTag(1), x.Index)
	return x.PartitionKeyRange.AppendField(b, 2)
}

func (x *TruncateOutbox) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			r.Uint64(&x.Index)
		case 2:
			if err := mergeKeys(r, &x.PartitionKeyRange, "partition_key_range"); err != nil {
				return err
			}
		}
	}
	return r.Err()
}

func (x *TruncateOutbox) validate(check) error {
	return validateKeys(x.PartitionKeyRange, "partition_key_range")
}

func (x *TruncateOutbox) reset() { *x = TruncateOutbox{} }

func (x *TruncateOutbox) keys() envelope.Keys { return x.PartitionKeyRange }

// ProxyThrough (kind 10).

func (x *ProxyThrough) size() int {
	return sizeLen(x.Invocation.size()) + x.ProxyPartition.SizeField(2)
}

func (x *ProxyThrough) appendTo(b []byte) []byte {
	b = endLen(x.Invocation.appendTo(beginLen(b, lenTag(1))), len(b))
	return x.ProxyPartition.AppendField(b, 2)
}

func (x *ProxyThrough) mergeFrom(r *wire.Reader) error {
	var sub wire.Reader
	for r.Next() {
		switch r.Number() {
		case 1:
			if r.MessageInto(&sub) {
				if err := x.Invocation.mergeFrom(&sub); err != nil {
					return wire.Within(err, "invocation")
				}
			}
		case 2:
			if err := mergeKeys(r, &x.ProxyPartition, "proxy_partition"); err != nil {
				return err
			}
		}
	}
	return r.Err()
}

func (x *ProxyThrough) validate(enc check) error {
	if x.Invocation.isZero() {
		return envelope.MissingField("invocation")
	}
	if err := x.Invocation.validate(enc); err != nil {
		return wire.Within(err, "invocation")
	}
	return validateKeys(x.ProxyPartition, "proxy_partition")
}

func (x *ProxyThrough) reset() {
	x.Invocation.reset()
	x.ProxyPartition = envelope.Keys{}
}

func (x *ProxyThrough) keys() envelope.Keys { return x.ProxyPartition }

// AttachInvocationRequest (kind 11, AttachInvocation).

func (x *AttachInvocationRequest) size() int {
	n := sizeLen(x.Query.size()) + x.ResponseSink.sizeField()
	if x.BlockOnInflight {
		n += 2
	}
	return n
}

func (x *AttachInvocationRequest) appendTo(b []byte) []byte {
	b = endLen(x.Query.appendTo(beginLen(b, lenTag(1))), len(b))
	if x.BlockOnInflight {
		b = append(b, varTag(2), 1)
	}
	return x.ResponseSink.appendField(b, lenTag(3))
}

func (x *AttachInvocationRequest) mergeFrom(r *wire.Reader) error {
	var sub wire.Reader
	for r.Next() {
		var err error
		switch r.Number() {
		case 1:
			if r.MessageInto(&sub) {
				err = within(x.Query.mergeFrom(&sub), "query")
			}
		case 2:
			r.Bool(&x.BlockOnInflight)
		case 3:
			err = mergeSink(r, &x.ResponseSink, "response_sink")
		}
		if err != nil {
			return err
		}
	}
	return r.Err()
}

func (x *AttachInvocationRequest) validate(enc check) error {
	if x.Query.Kind == InvocationQueryNone {
		return envelope.MissingField("query")
	}
	if err := x.Query.validate(enc); err != nil {
		return wire.Within(err, "query")
	}
	return validateSink(&x.ResponseSink, enc, "response_sink")
}

func (x *AttachInvocationRequest) reset() { *x = AttachInvocationRequest{} }

func (x *AttachInvocationRequest) keys() envelope.Keys {
	if k, ok := x.Query.partitionKey(); ok {
		return envelope.SingleKey(k)
	}
	return envelope.NoKeys()
}

// ResumeInvocationRequest (kind 12, ResumeInvocation).

func (x *ResumeInvocationRequest) size() int {
	return sizeIDField(&x.InvocationID) + sizeOptString(x.UpdatePinnedDeploymentID) + x.ResponseSink.sizeField()
}

func (x *ResumeInvocationRequest) appendTo(b []byte) []byte {
	b = appendIDField(b, lenTag(1), &x.InvocationID)
	b = appendOptString(b, lenTag(2), x.UpdatePinnedDeploymentID)
	return x.ResponseSink.appendField(b, lenTag(3))
}

func (x *ResumeInvocationRequest) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		var err error
		switch r.Number() {
		case 1:
			err = mergeID(r, &x.InvocationID, "invocation_id")
		case 2:
			readOptString(r, &x.UpdatePinnedDeploymentID, "update_pinned_deployment_id")
		case 3:
			err = mergeSink(r, &x.ResponseSink, "response_sink")
		}
		if err != nil {
			return err
		}
	}
	return r.Err()
}

func (x *ResumeInvocationRequest) validate(enc check) error {
	if err := validateID(&x.InvocationID, "invocation_id"); err != nil {
		return err
	}
	if enc == beforeEncode {
		if err := checkUTF8(x.UpdatePinnedDeploymentID.Value, 2, "update_pinned_deployment_id"); err != nil {
			return err
		}
	}
	return validateSink(&x.ResponseSink, enc, "response_sink")
}

func (x *ResumeInvocationRequest) reset() { *x = ResumeInvocationRequest{} }

func (x *ResumeInvocationRequest) keys() envelope.Keys {
	return envelope.SingleKey(x.InvocationID.PartitionKey)
}

// RestartAsNewInvocationRequest (kind 13, RestartAsNewInvocation).

func (x *RestartAsNewInvocationRequest) size() int {
	return sizeIDField(&x.InvocationID) + sizeIDField(&x.NewInvocationID) +
		sizeVarint(uint64(x.CopyPrefixUpToIndexIncluded)) + sizeOptString(x.PatchDeploymentID) +
		x.ResponseSink.sizeField()
}

func (x *RestartAsNewInvocationRequest) appendTo(b []byte) []byte {
	b = appendIDField(b, lenTag(1), &x.InvocationID)
	b = appendIDField(b, lenTag(2), &x.NewInvocationID)
	b = appendVarint(b, varTag(3), uint64(x.CopyPrefixUpToIndexIncluded))
	b = appendOptString(b, lenTag(4), x.PatchDeploymentID)
	return x.ResponseSink.appendField(b, lenTag(5))
}

func (x *RestartAsNewInvocationRequest) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		var err error
		switch r.Number() {
		case 1:
			err = mergeID(r, &x.InvocationID, "invocation_id")
		case 2:
			err = mergeID(r, &x.NewInvocationID, "new_invocation_id")
		case 3:
			r.Uint32(&x.CopyPrefixUpToIndexIncluded)
		case 4:
			readOptString(r, &x.PatchDeploymentID, "patch_deployment_id")
		case 5:
			err = mergeSink(r, &x.ResponseSink, "response_sink")
		}
		if err != nil {
			return err
		}
	}
	return r.Err()
}

func (x *RestartAsNewInvocationRequest) validate(enc check) error {
	if err := validateID(&x.InvocationID, "invocation_id"); err != nil {
		return err
	}
	if err := validateID(&x.NewInvocationID, "new_invocation_id"); err != nil {
		return err
	}
	if enc == beforeEncode {
		if err := checkUTF8(x.PatchDeploymentID.Value, 4, "patch_deployment_id"); err != nil {
			return err
		}
	}
	return validateSink(&x.ResponseSink, enc, "response_sink")
}

func (x *RestartAsNewInvocationRequest) reset() { *x = RestartAsNewInvocationRequest{} }

func (x *RestartAsNewInvocationRequest) keys() envelope.Keys {
	return envelope.SingleKey(x.InvocationID.PartitionKey)
}

// Effect (kind 14, InvokerEffect).

var effectNames = [...]string{2: "pinned_deployment", 3: "journal_entry", 4: "suspended", 5: "end", 6: "failed"}

// kindSize returns the size of the member's message.
func (x *Effect) kindSize() int {
	switch x.EffectKind {
	case EffectPinnedDeployment:
		return sizeString(x.DeploymentID) + sizeVarint(uint64(x.ProtocolVersion))
	case EffectJournalEntry:
		return sizeVarint(uint64(x.EntryIndex)) + sizeBytes(x.Entry)
	case EffectSuspended:
		return sizePacked(x.WaitingFor)
	case EffectFailed:
		return x.Failure.size()
	}
	return 0 // end (Empty)
}

func (x *Effect) size() int {
	n := sizeIDField(&x.InvocationID)
	if x.EffectKind >= EffectPinnedDeployment && x.EffectKind <= EffectFailed {
		n += sizeLen(x.kindSize())
	}
	return n
}

func (x *Effect) appendTo(b []byte) []byte {
	b = appendIDField(b, lenTag(1), &x.InvocationID)
	if x.EffectKind < EffectPinnedDeployment || x.EffectKind > EffectFailed {
		return b
	}
	b = appendLen(b, lenTag(wire.Number(x.EffectKind)), x.kindSize())
	switch x.EffectKind {
	case EffectPinnedDeployment:
		b = appendString(b, lenTag(1), x.DeploymentID)
		b = appendVarint(b, varTag(2), uint64(x.ProtocolVersion))
	case EffectJournalEntry:
		b = appendVarint(b, varTag(1), uint64(x.EntryIndex))
		b = appendBytes(b, lenTag(2), x.Entry)
	case EffectSuspended:
		b = appendPacked(b, lenTag(1), x.WaitingFor)
	case EffectFailed:
		b = x.Failure.appendTo(b)
	}
	return b
}

// setKind switches the kind oneof to k, clearing the other members' fields
// (keeping the capacity of WaitingFor).
func (x *Effect) setKind(k EffectKind) {
	if x.EffectKind == k {
		return
	}
	x.EffectKind, x.DeploymentID, x.ProtocolVersion, x.EntryIndex, x.Entry = k, "", 0, 0, nil
	x.WaitingFor, x.Failure = x.WaitingFor[:0], Failure{}
}

func (x *Effect) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		if r.Number() == 1 {
			if err := mergeID(r, &x.InvocationID, "invocation_id"); err != nil {
				return err
			}
			continue
		}
		kind, ok := wire.Member(r, EffectPinnedDeployment, EffectFailed)
		if !ok {
			continue
		}
		x.setKind(kind)
		var sub wire.Reader
		if !r.MessageInto(&sub) {
			continue
		}
		if x.EffectKind == EffectFailed {
			if err := x.Failure.mergeFrom(&sub); err != nil {
				return wire.Within(err, "failed")
			}
			continue
		}
		for sub.Next() {
			switch x.EffectKind {
			case EffectPinnedDeployment:
				switch sub.Number() {
				case 1:
					readString(&sub, &x.DeploymentID, "deployment_id")
				case 2:
					sub.Uint32(&x.ProtocolVersion)
				}
			case EffectJournalEntry:
				switch sub.Number() {
				case 1:
					sub.Uint32(&x.EntryIndex)
				case 2:
					sub.Bytes(&x.Entry)
				}
			case EffectSuspended:
				if sub.Number() == 1 {
					wire.UnpackVarints(&sub, &x.WaitingFor)
				}
			}
		}
		if err := sub.Err(); err != nil {
			return wire.Within(err, effectNames[x.EffectKind])
		}
	}
	return r.Err()
}

func (x *Effect) validate(enc check) error {
	if err := validateID(&x.InvocationID, "invocation_id"); err != nil {
		return err
	}
	switch x.EffectKind {
	case EffectNone:
		return envelope.MissingField("kind")
	case EffectPinnedDeployment:
		if enc == beforeEncode {
			return within(checkUTF8(x.DeploymentID, 1, "deployment_id"), "pinned_deployment")
		}
	case EffectJournalEntry, EffectSuspended, EffectEnd:
	case EffectFailed:
		return validateFailure(&x.Failure, enc, "failed")
	default:
		return envelope.InvalidValue("kind")
	}
	return nil
}

// reset clears x, keeping the capacity of WaitingFor.
func (x *Effect) reset() { *x = Effect{WaitingFor: x.WaitingFor[:0]} }

func (x *Effect) keys() envelope.Keys { return envelope.SingleKey(x.InvocationID.PartitionKey) }

// TimerKeyValue (kind 15 Timer; kind 16 ScheduleTimer).

var timerNames = [...]string{2: "invoke", 3: "complete_journal_entry", 4: "clean_invocation_status", 5: "neo_invoke"}

// valueSize returns the size of the member's message.
func (x *TimerKeyValue) valueSize() int {
	switch x.ValueKind {
	case TimerValueInvoke:
		return x.Invoke.size()
	case TimerValueCompleteJournalEntry:
		return sizeIDField(&x.InvocationID) + sizeVarint(uint64(x.JournalIndex))
	}
	return x.InvocationID.size() // clean_invocation_status, neo_invoke
}

func (x *TimerKeyValue) size() int {
	n := sizeVarint(x.FireAtMs)
	if x.ValueKind >= TimerValueInvoke && x.ValueKind <= TimerValueNeoInvoke {
		n += sizeLen(x.valueSize())
	}
	return n
}

func (x *TimerKeyValue) appendTo(b []byte) []byte {
	b = appendVarint(b, varTag(1), x.FireAtMs)
	if x.ValueKind < TimerValueInvoke || x.ValueKind > TimerValueNeoInvoke {
		return b
	}
	b = appendLen(b, lenTag(wire.Number(x.ValueKind)), x.valueSize())
	switch x.ValueKind {
	case TimerValueInvoke:
		return x.Invoke.appendTo(b)
	case TimerValueCompleteJournalEntry:
		b = appendIDField(b, lenTag(1), &x.InvocationID)
		return appendVarint(b, varTag(2), uint64(x.JournalIndex))
	}
	return x.InvocationID.appendTo(b)
}

// setKind switches the value oneof to k, clearing the other members' fields
// (keeping the capacity of Invoke.Headers).
func (x *TimerKeyValue) setKind(k TimerValueKind) {
	if x.ValueKind == k {
		return
	}
	x.ValueKind, x.InvocationID, x.JournalIndex = k, InvocationID{}, 0
	x.Invoke.reset()
}

func (x *TimerKeyValue) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		if r.Number() == 1 {
			r.Uint64(&x.FireAtMs)
			continue
		}
		kind, ok := wire.Member(r, TimerValueInvoke, TimerValueNeoInvoke)
		if !ok {
			continue
		}
		x.setKind(kind)
		var sub wire.Reader
		if !r.MessageInto(&sub) {
			continue
		}
		var err error
		switch x.ValueKind {
		case TimerValueInvoke:
			err = x.Invoke.mergeFrom(&sub)
		case TimerValueCompleteJournalEntry:
			for sub.Next() {
				switch sub.Number() {
				case 1:
					err = mergeID(&sub, &x.InvocationID, "invocation_id")
				case 2:
					sub.Uint32(&x.JournalIndex)
				}
				if err != nil {
					break
				}
			}
			if err == nil {
				err = sub.Err()
			}
		default:
			err = x.InvocationID.mergeFrom(&sub)
		}
		if err != nil {
			return wire.Within(err, timerNames[x.ValueKind])
		}
	}
	return r.Err()
}

func (x *TimerKeyValue) validate(enc check) error {
	switch x.ValueKind {
	case TimerValueNone:
		return envelope.MissingField("value")
	case TimerValueInvoke:
		return within(x.Invoke.validate(enc), "invoke")
	case TimerValueCompleteJournalEntry:
		return within(validateID(&x.InvocationID, "invocation_id"), "complete_journal_entry")
	case TimerValueCleanInvocationStatus, TimerValueNeoInvoke:
		return within(x.InvocationID.validate(), timerNames[x.ValueKind])
	}
	return envelope.InvalidValue("value")
}

// reset clears x, keeping the capacity of Invoke.Headers.
func (x *TimerKeyValue) reset() {
	x.Invoke.reset()
	x.FireAtMs, x.ValueKind, x.InvocationID, x.JournalIndex = 0, TimerValueNone, InvocationID{}, 0
}

func (x *TimerKeyValue) keys() envelope.Keys {
	switch x.ValueKind {
	case TimerValueNone:
		return envelope.NoKeys()
	case TimerValueInvoke:
		return envelope.SingleKey(x.Invoke.InvocationID.PartitionKey)
	}
	return envelope.SingleKey(x.InvocationID.PartitionKey)
}

// InvocationResponse (kind 17): target = 1; oneof result { bytes success = 2; Failure failure = 3; }

func (x *InvocationResponse) size() int {
	return sizeLen(x.Target.size()) + invocationResponseResult.size(x.Result, x.Success, &x.Failure)
}

func (x *InvocationResponse) appendTo(b []byte) []byte {
	b = endLen(x.Target.appendTo(beginLen(b, lenTag(1))), len(b))
	return invocationResponseResult.appendTo(b, x.Result, x.Success, &x.Failure)
}

func (x *InvocationResponse) mergeFrom(r *wire.Reader) error {
	return mergeResponse(r, &x.Target, &invocationResponseResult, &x.Result, &x.Success, &x.Failure)
}

func (x *InvocationResponse) validate(enc check) error {
	if err := validateTarget(&x.Target, "target"); err != nil {
		return err
	}
	return invocationResponseResult.validate(x.Result, &x.Failure, enc)
}

func (x *InvocationResponse) reset() { *x = InvocationResponse{} }

func (x *InvocationResponse) keys() envelope.Keys {
	return envelope.SingleKey(x.Target.InvocationID.PartitionKey)
}

// GetInvocationOutputResponse (kind 18): target = 1; oneof result { Empty
// not_found = 2; Empty not_ready = 3; bytes success = 4; Failure failure = 5; }

func (x *GetInvocationOutputResponse) size() int {
	return sizeLen(x.Target.size()) + outputResult.size(x.Result, x.Success, &x.Failure)
}

func (x *GetInvocationOutputResponse) appendTo(b []byte) []byte {
	b = endLen(x.Target.appendTo(beginLen(b, lenTag(1))), len(b))
	return outputResult.appendTo(b, x.Result, x.Success, &x.Failure)
}

func (x *GetInvocationOutputResponse) mergeFrom(r *wire.Reader) error {
	return mergeResponse(r, &x.Target, &outputResult, &x.Result, &x.Success, &x.Failure)
}

func (x *GetInvocationOutputResponse) validate(enc check) error {
	if err := validateTarget(&x.Target, "target"); err != nil {
		return err
	}
	return outputResult.validate(x.Result, &x.Failure, enc)
}

func (x *GetInvocationOutputResponse) reset() { *x = GetInvocationOutputResponse{} }

func (x *GetInvocationOutputResponse) keys() envelope.Keys {
	return envelope.SingleKey(x.Target.InvocationID.PartitionKey)
}

// NotifySignalRequest (kind 19, NotifySignal).

func (x *NotifySignalRequest) size() int {
	return sizeIDField(&x.InvocationID) + sizeLen(x.Signal.size())
}

func (x *NotifySignalRequest) appendTo(b []byte) []byte {
	b = appendIDField(b, lenTag(1), &x.InvocationID)
	return endLen(x.Signal.appendTo(beginLen(b, lenTag(2))), len(b))
}

func (x *NotifySignalRequest) mergeFrom(r *wire.Reader) error {
	var sub wire.Reader
	for r.Next() {
		var err error
		switch r.Number() {
		case 1:
			err = mergeID(r, &x.InvocationID, "invocation_id")
		case 2:
			if r.MessageInto(&sub) {
				err = within(x.Signal.mergeFrom(&sub), "signal")
			}
		}
		if err != nil {
			return err
		}
	}
	return r.Err()
}

func (x *NotifySignalRequest) validate(enc check) error {
	if err := validateID(&x.InvocationID, "invocation_id"); err != nil {
		return err
	}
	if x.Signal.isZero() {
		return envelope.MissingField("signal")
	}
	return within(x.Signal.validate(enc), "signal")
}

func (x *NotifySignalRequest) reset() { *x = NotifySignalRequest{} }

func (x *NotifySignalRequest) keys() envelope.Keys {
	return envelope.SingleKey(x.InvocationID.PartitionKey)
}

// UpsertSchema (kind 20).

func (x *UpsertSchema) size() int { return x.PartitionKeyRange.SizeField(1) + sizeBytes(x.Schema) }

func (x *UpsertSchema) appendTo(b []byte) []byte {
	b = x.PartitionKeyRange.AppendField(b, 1)
	return appendBytes(b, lenTag(2), x.Schema)
}

func (x *UpsertSchema) mergeFrom(r *wire.Reader) error {
	for r.Next() {
		switch r.Number() {
		case 1:
			if err := mergeKeys(r, &x.PartitionKeyRange, "partition_key_range"); err != nil {
				return err
			}
		case 2:
			r.Bytes(&x.Schema)
		}
	}
	return r.Err()
}

func (x *UpsertSchema) validate(check) error {
	return validateKeys(x.PartitionKeyRange, "partition_key_range")
}

func (x *UpsertSchema) reset() { *x = UpsertSchema{} }

func (x *UpsertSchema) spare() *[]byte { return &x.Schema }

func (x *UpsertSchema) keys() envelope.Keys { return x.PartitionKeyRange }

// VQSchedulerDecisions (kind 21) has no codec of its own: see payload.go.

// UpsertRuleBook (kind 22).

func (x *UpsertRuleBook) size() int {
	return sizeLen(x.PartitionKeyRange.size()) + sizeBytes(x.RuleBook)
}

func (x *UpsertRuleBook) appendTo(b []byte) []byte {
	b = endLen(x.PartitionKeyRange.appendTo(beginLen(b, lenTag(1))), len(b))
	return appendBytes(b, lenTag(2), x.RuleBook)
}

// mergeFrom reads a whole UpsertRuleBook and reports an absent
// partition_key_range (a payload is read in one piece).
func (x *UpsertRuleBook) mergeFrom(r *wire.Reader) error {
	var sub wire.Reader
	hasRange := false
	for r.Next() {
		switch r.Number() {
		case 1:
			if r.MessageInto(&sub) {
				hasRange = true
				if err := x.PartitionKeyRange.mergeFrom(&sub); err != nil {
					return wire.Within(err, "partition_key_range")
				}
			}
		case 2:
			r.Bytes(&x.RuleBook)
		}
	}
	if err := r.Err(); err != nil {
		return err
	}
	if !hasRange {
		return envelope.MissingField("partition_key_range")
	}
	return nil
}

func (x *UpsertRuleBook) validate(check) error {
	return validateRange(&x.PartitionKeyRange, "partition_key_range")
}

func (x *UpsertRuleBook) reset() { *x = UpsertRuleBook{} }

func (x *UpsertRuleBook) spare() *[]byte { return &x.RuleBook }

func (x *UpsertRuleBook) keys() envelope.Keys {
	return envelope.RangeKeys(x.PartitionKeyRange.Start, x.PartitionKeyRange.End)
}

// rebase re-points every string and byte slice of x (see rebaser).
func (x *ServiceInvocation) rebase(m remap) {
	m.bytes(&x.InvocationID.UUID)
	m.str(&x.InvocationTarget.ServiceName)
	m.str(&x.InvocationTarget.Key.Value)
	m.str(&x.InvocationTarget.Handler)
	m.bytes(&x.Argument)
	m.str(&x.Source.RequestID)
	m.bytes(&x.Source.Caller.UUID)
	m.bytes(&x.SpanContext)
	for i := range x.Headers {
		m.str(&x.Headers[i].Name)
		m.str(&x.Headers[i].Value)
	}
	m.str(&x.IdempotencyKey.Value)
	x.ResponseSink.rebase(&m)
	x.SubmitNotificationSink.rebase(&m)
	m.str(&x.RestateVersion)
}

// rebase re-points every string and byte slice of x (see rebaser).
func (x *ResponseSink) rebase(m *remap) {
	m.bytes(&x.Caller.UUID)
	m.str(&x.RequestID)
}
