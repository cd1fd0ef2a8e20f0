package v1compat

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
)

// benchRecords returns the v1 records of the benchmarks: small, an
// AnnounceLeader (payload of 31 bytes in v2), and medium, an Invoke with a
// 256-byte argument and four headers (about 520 bytes in v2), as the v1
// writer writes them.
func benchRecords(tb testing.TB) []struct {
	name string
	v1   []byte
} {
	recs := []struct {
		name string
		rec  envelope.Record
	}{
		{"small", envelope.Record{Source: envelope.ProcessorSource(3), Dedup: envelope.SelfProposal(3, 17), Payload: samples.Small()}},
		{"medium", envelope.Record{Source: envelope.IngressSource(), Dedup: envelope.ForeignPartition(3, 42), Payload: samples.Medium()}},
	}
	var out []struct {
		name string
		v1   []byte
	}
	for _, r := range recs {
		v2, err := r.rec.MarshalBinary()
		if err != nil {
			tb.Fatal(err)
		}
		raw, err := envelope.Parse(v2)
		if err != nil {
			tb.Fatal(err)
		}
		v1, err := FromV2(&raw)
		if err != nil {
			tb.Fatal(err)
		}
		b, err := v1.MarshalBinary()
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, struct {
			name string
			v1   []byte
		}{r.name, b})
	}
	return out
}

// The v1 JSON as plain Go structs, for encoding/json: the "equivalent
// plain structs" of the small and medium records.
type (
	jsonRecord struct {
		Header struct {
			Source struct {
				Processor *struct {
					PartitionID  *uint32 `json:"partition_id"`
					PartitionKey *uint64 `json:"partition_key"`
					LeaderEpoch  uint64  `json:"leader_epoch"`
				} `json:"Processor"`
				Ingress      *struct{} `json:"Ingress"`
				ControlPlane *struct{} `json:"ControlPlane"`
			} `json:"source"`
			Dest struct {
				Processor *struct {
					PartitionKey uint64 `json:"partition_key"`
					Dedup        *struct {
						ProducerID struct {
							Partition *uint32 `json:"Partition"`
							Other     *string `json:"Other"`
							Producer  *struct {
								H uint64 `json:"h"`
								L uint64 `json:"l"`
							} `json:"Producer"`
						} `json:"producer_id"`
						SequenceNumber struct {
							Sn  *uint64 `json:"Sn"`
							Esn *struct {
								LeaderEpoch    uint64 `json:"leader_epoch"`
								SequenceNumber uint64 `json:"sequence_number"`
							} `json:"Esn"`
						} `json:"sequence_number"`
					} `json:"dedup"`
				} `json:"Processor"`
			} `json:"dest"`
		} `json:"header"`
		Command struct {
			AnnounceLeader *jsonAnnounceLeader `json:"AnnounceLeader"`
			Invoke         *jsonInvoke         `json:"Invoke"`
		} `json:"command"`
	}
	jsonAnnounceLeader struct {
		NodeID struct {
			ID         uint32 `json:"id"`
			Generation uint32 `json:"generation"`
		} `json:"node_id"`
		LeaderEpoch       uint64 `json:"leader_epoch"`
		PartitionKeyRange struct {
			Start uint64 `json:"start"`
			End   uint64 `json:"end"`
		} `json:"partition_key_range"`
		EpochVersion  *uint32 `json:"epoch_version"`
		CurrentConfig *struct {
			Version      uint32   `json:"version"`
			ReplicaSet   []uint32 `json:"replica_set"`
			ModifiedAtMs uint64   `json:"modified_at_ms"`
			Replication  string   `json:"replication"`
		} `json:"current_config"`
		NextConfig *struct {
			Version    uint32   `json:"version"`
			ReplicaSet []uint32 `json:"replica_set"`
		} `json:"next_config"`
	}
	jsonInvocationID struct {
		PartitionKey uint64 `json:"partition_key"`
		UUID         []byte `json:"uuid"`
	}
	jsonSink struct {
		PartitionProcessor *struct {
			Caller     jsonInvocationID `json:"caller"`
			EntryIndex uint32           `json:"entry_index"`
		} `json:"PartitionProcessor"`
		Ingress *struct {
			RequestID string `json:"request_id"`
		} `json:"Ingress"`
	}
	jsonInvoke struct {
		InvocationID     jsonInvocationID `json:"invocation_id"`
		InvocationTarget struct {
			ServiceName string  `json:"service_name"`
			Key         *string `json:"key"`
			Handler     string  `json:"handler"`
			Type        string  `json:"type"`
		} `json:"invocation_target"`
		Argument []byte `json:"argument"`
		Source   struct {
			Ingress *struct {
				RequestID string `json:"request_id"`
			} `json:"Ingress"`
			Service *struct {
				Caller jsonInvocationID `json:"caller"`
			} `json:"Service"`
			Internal *struct{} `json:"Internal"`
		} `json:"source"`
		SpanContext []byte `json:"span_context"`
		Headers     []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"headers"`
		ExecutionTimeMs        *uint64   `json:"execution_time_ms"`
		CompletionRetentionMs  uint64    `json:"completion_retention_ms"`
		JournalRetentionMs     uint64    `json:"journal_retention_ms"`
		IdempotencyKey         *string   `json:"idempotency_key"`
		ResponseSink           *jsonSink `json:"response_sink"`
		SubmitNotificationSink *jsonSink `json:"submit_notification_sink"`
		RestateVersion         string    `json:"restate_version"`
	}
)

// BenchmarkUpgrade compares an upgrade of a v1 record to v2 bytes (JSON
// decode, bridge, v2 encode) with encoding/json's decode of the same JSON
// alone, into a map[string]any and into plain structs.
func BenchmarkUpgrade(b *testing.B) {
	for _, r := range benchRecords(b) {
		b.Run("impl=walwire/payload="+r.name, func(b *testing.B) {
			dst := make([]byte, 0, 4096)
			b.SetBytes(int64(len(r.v1)))
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if dst, err = Upgrade(dst[:0], r.v1); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("impl=encoding-json/payload="+r.name, func(b *testing.B) {
			b.SetBytes(int64(len(r.v1)))
			b.ReportAllocs()
			for b.Loop() {
				var m map[string]any
				if err := json.Unmarshal(r.v1[1:], &m); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("impl=encoding-json-struct/payload="+r.name, func(b *testing.B) {
			b.SetBytes(int64(len(r.v1)))
			b.ReportAllocs()
			for b.Loop() {
				var v jsonRecord
				if err := json.Unmarshal(r.v1[1:], &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecode measures Decode (copying) and the v1 writer.
func BenchmarkDecode(b *testing.B) {
	for _, r := range benchRecords(b) {
		b.Run("impl=walwire/payload="+r.name, func(b *testing.B) {
			b.SetBytes(int64(len(r.v1)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode(r.v1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAppendBinary measures the v1 writer.
func BenchmarkAppendBinary(b *testing.B) {
	for _, r := range benchRecords(b) {
		rec, err := Decode(r.v1)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("impl=walwire/payload="+r.name, func(b *testing.B) {
			dst := make([]byte, 0, 4096)
			b.SetBytes(int64(len(r.v1)))
			b.ReportAllocs()
			for b.Loop() {
				if dst, err = rec.AppendBinary(dst[:0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestBenchRecordsDecode checks that the benchmarks' records are what they
// claim, and that encoding/json reads them into the plain structs.
func TestBenchRecordsDecode(t *testing.T) {
	for _, r := range benchRecords(t) {
		var v jsonRecord
		dec := json.NewDecoder(bytes.NewReader(r.v1[1:]))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		if (r.name == "small") != (v.Command.AnnounceLeader != nil) {
			t.Errorf("%s: %s", r.name, r.v1)
		}
		if r.name == "medium" && len(v.Command.Invoke.Argument) != 256 {
			t.Errorf("medium: argument of %d bytes", len(v.Command.Invoke.Argument))
		}
	}
}
