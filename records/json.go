package records

import (
	"encoding/base64"
	"log/slog"

	"github.com/walwire/walwire/internal/pbjson"
	"github.com/walwire/walwire/wire"
)

// The JSON form of the payloads: protojson's, the canonical JSON mapping of
// the messages of proto/walwire/v2 (lowerCamelCase names, 64-bit integers as
// strings, bytes in base64, enums by name, zero scalars and absent messages
// left out), written from the payload's own encoding through the schemas
// below. envelope.Raw's MarshalJSON uses it for a record's payload.

type (
	schema = pbjson.Schema
	field  = pbjson.Field
)

func u32(n int, name string) field {
	return field{Num: wire.Number(n), Name: name, Kind: pbjson.Uint32}
}
func u64(n int, name string) field {
	return field{Num: wire.Number(n), Name: name, Kind: pbjson.Uint64}
}
func str(n int, name string) field {
	return field{Num: wire.Number(n), Name: name, Kind: pbjson.String}
}
func byt(n int, name string) field { return field{Num: wire.Number(n), Name: name, Kind: pbjson.Bytes} }
func boo(n int, name string) field { return field{Num: wire.Number(n), Name: name, Kind: pbjson.Bool} }
func msg(n int, name string, s *schema) field {
	return field{Num: wire.Number(n), Name: name, Kind: pbjson.Message, Msg: s}
}
func enum(n int, name string, values ...string) field {
	return field{Num: wire.Number(n), Name: name, Kind: pbjson.Enum, Enum: values}
}
func rep(f field) field          { f.Repeated = true; return f }
func fields(fs ...field) *schema { return &schema{Fields: fs} }

var (
	emptyJSON        = fields()
	keysJSON         = pbjson.Keys
	invocationIDJSON = fields(u64(1, "partitionKey"), byt(2, "uuid"))
	serviceIDJSON    = fields(str(1, "serviceName"), str(2, "key"), u64(3, "partitionKey"))
	targetJSON       = fields(str(1, "serviceName"), str(2, "key"), str(3, "handler"),
		enum(4, "type", "TARGET_TYPE_UNSPECIFIED", "TARGET_TYPE_SERVICE", "TARGET_TYPE_VIRTUAL_OBJECT", "TARGET_TYPE_WORKFLOW"))
	responseSinkJSON = fields(
		msg(1, "partitionProcessor", fields(msg(1, "caller", invocationIDJSON), u32(2, "entryIndex"))),
		msg(2, "ingress", fields(str(1, "requestId"))))
	invocationSourceJSON = fields(
		msg(1, "ingress", fields(str(1, "requestId"))),
		msg(2, "service", fields(msg(1, "caller", invocationIDJSON))),
		msg(3, "internal", emptyJSON))
	keyRangeJSON = fields(u64(1, "start"), u64(2, "end"))
	failureJSON  = fields(u32(1, "code"), str(2, "message"))
	jctJSON      = fields(msg(1, "invocationId", invocationIDJSON), u32(2, "entryIndex"))

	announceLeaderJSON = fields(
		msg(1, "nodeId", fields(u32(1, "id"), u32(2, "generation"))),
		u64(2, "leaderEpoch"),
		msg(3, "partitionKeyRange", keyRangeJSON),
		u32(4, "epochVersion"),
		msg(5, "currentConfig", fields(u32(1, "version"), rep(u32(2, "replicaSet")), u64(3, "modifiedAtMs"), str(4, "replication"))),
		msg(6, "nextConfig", fields(u32(1, "version"), rep(u32(2, "replicaSet")))))
	versionBarrierJSON        = fields(str(1, "version"), str(2, "humanReason"), msg(3, "partitionKeyRange", keysJSON))
	partitionDurabilityJSON   = fields(u32(1, "partitionId"), u64(2, "durablePoint"), u64(3, "modificationTimeMs"), msg(4, "partitionKeyRange", keysJSON))
	externalStateMutationJSON = fields(msg(1, "serviceId", serviceIDJSON), str(2, "version"), rep(msg(3, "state", fields(byt(1, "key"), byt(2, "value")))))
	invocationTerminationJSON = fields(msg(1, "invocationId", invocationIDJSON),
		enum(2, "flavor", "TERMINATION_FLAVOR_UNSPECIFIED", "TERMINATION_FLAVOR_KILL", "TERMINATION_FLAVOR_CANCEL"),
		msg(3, "responseSink", responseSinkJSON))
	purgeInvocationRequestJSON = fields(msg(1, "invocationId", invocationIDJSON), msg(2, "responseSink", responseSinkJSON))
	serviceInvocationJSON      = fields(
		msg(1, "invocationId", invocationIDJSON), msg(2, "invocationTarget", targetJSON), byt(3, "argument"),
		msg(4, "source", invocationSourceJSON), byt(5, "spanContext"), rep(msg(6, "headers", fields(str(1, "name"), str(2, "value")))),
		u64(7, "executionTimeMs"), u64(8, "completionRetentionMs"), u64(9, "journalRetentionMs"), str(10, "idempotencyKey"),
		msg(11, "responseSink", responseSinkJSON), msg(12, "submitNotificationSink", responseSinkJSON), str(13, "restateVersion"))
	truncateOutboxJSON          = fields(u64(1, "index"), msg(2, "partitionKeyRange", keysJSON))
	proxyThroughJSON            = fields(msg(1, "invocation", serviceInvocationJSON), msg(2, "proxyPartition", keysJSON))
	attachInvocationRequestJSON = fields(
		msg(1, "query", fields(msg(1, "invocationId", invocationIDJSON), msg(2, "workflow", serviceIDJSON),
			msg(3, "idempotency", fields(str(1, "serviceName"), str(2, "serviceKey"), str(3, "handler"), str(4, "idempotencyKey"), u64(5, "partitionKey"))))),
		boo(2, "blockOnInflight"), msg(3, "responseSink", responseSinkJSON))
	resumeInvocationRequestJSON       = fields(msg(1, "invocationId", invocationIDJSON), str(2, "updatePinnedDeploymentId"), msg(3, "responseSink", responseSinkJSON))
	restartAsNewInvocationRequestJSON = fields(msg(1, "invocationId", invocationIDJSON), msg(2, "newInvocationId", invocationIDJSON),
		u32(3, "copyPrefixUpToIndexIncluded"), str(4, "patchDeploymentId"), msg(5, "responseSink", responseSinkJSON))
	effectJSON = fields(msg(1, "invocationId", invocationIDJSON),
		msg(2, "pinnedDeployment", fields(str(1, "deploymentId"), u32(2, "protocolVersion"))),
		msg(3, "journalEntry", fields(u32(1, "entryIndex"), byt(2, "entry"))),
		msg(4, "suspended", fields(rep(u32(1, "waitingFor")))),
		msg(5, "end", emptyJSON), msg(6, "failed", failureJSON))
	timerKeyValueJSON = fields(u64(1, "fireAtMs"), msg(2, "invoke", serviceInvocationJSON),
		msg(3, "completeJournalEntry", fields(msg(1, "invocationId", invocationIDJSON), u32(2, "journalIndex"))),
		msg(4, "cleanInvocationStatus", invocationIDJSON), msg(5, "neoInvoke", invocationIDJSON))
	invocationResponseJSON          = fields(msg(1, "target", jctJSON), byt(2, "success"), msg(3, "failure", failureJSON))
	getInvocationOutputResponseJSON = fields(msg(1, "target", jctJSON), msg(2, "notFound", emptyJSON), msg(3, "notReady", emptyJSON),
		byt(4, "success"), msg(5, "failure", failureJSON))
	notifySignalRequestJSON = fields(msg(1, "invocationId", invocationIDJSON), msg(2, "signal", fields(
		u32(1, "index"), str(2, "name"), msg(3, "void", emptyJSON), byt(4, "success"), msg(5, "failure", failureJSON))))
	upsertSchemaJSON   = fields(msg(1, "partitionKeyRange", keysJSON), byt(2, "schema"))
	upsertRuleBookJSON = fields(msg(1, "partitionKeyRange", keyRangeJSON), byt(2, "ruleBook"))
)

// marshalJSON writes x (valid or not) in protojson form through its schema:
// the MarshalJSON method of each payload type with a protobuf codec
// (payload_methods_gen.go) calls it with the schema named after the type.
func marshalJSON(x codec, s *schema) ([]byte, error) {
	return pbjson.Append(nil, x.appendTo(make([]byte, 0, x.size())), s)
}

// MarshalJSON writes the opaque bytes as one base64 string (kind 21 has no
// message; this is protojson's form of a bytes value).
func (x *VQSchedulerDecisions) MarshalJSON() ([]byte, error) {
	b := append(make([]byte, 0, 2+base64.StdEncoding.EncodedLen(len(x.Data))), '"')
	b = base64.StdEncoding.AppendEncode(b, x.Data)
	return append(b, '"'), nil
}

// The payloads' String and LogValue: their JSON form, on one line, so that a
// payload prints and logs readably (fmt.Println(p), slog.Any("p", p)).

// text returns x's JSON form as a string, or the error's text.
func text(x interface{ MarshalJSON() ([]byte, error) }) string {
	b, err := x.MarshalJSON()
	if err != nil {
		return "!" + err.Error()
	}
	return string(b)
}

// String returns the payload's JSON form (see MarshalJSON).
func (x *AnnounceLeader) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *AnnounceLeader) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *VersionBarrier) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *VersionBarrier) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *PurgeInvocationRequest) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *PurgeInvocationRequest) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *TruncateOutbox) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *TruncateOutbox) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *ProxyThrough) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *ProxyThrough) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *AttachInvocationRequest) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *AttachInvocationRequest) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *ResumeInvocationRequest) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *ResumeInvocationRequest) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *Effect) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *Effect) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *TimerKeyValue) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *TimerKeyValue) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *UpsertSchema) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *UpsertSchema) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *UpsertRuleBook) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *UpsertRuleBook) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *PartitionDurability) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *PartitionDurability) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *ExternalStateMutation) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *ExternalStateMutation) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *InvocationTermination) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *InvocationTermination) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *ServiceInvocation) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *ServiceInvocation) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *RestartAsNewInvocationRequest) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *RestartAsNewInvocationRequest) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *InvocationResponse) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *InvocationResponse) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *GetInvocationOutputResponse) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *GetInvocationOutputResponse) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *NotifySignalRequest) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *NotifySignalRequest) LogValue() slog.Value { return slog.StringValue(text(x)) }

// String returns the payload's JSON form (see MarshalJSON).
func (x *VQSchedulerDecisions) String() string { return text(x) }

// LogValue logs the payload as its JSON form.
func (x *VQSchedulerDecisions) LogValue() slog.Value { return slog.StringValue(text(x)) }
