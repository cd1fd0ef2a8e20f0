package records_test

import (
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/records"
)

type benchPayload struct {
	name string
	p    func() records.Payload
}

var benchPayloads = []benchPayload{
	{"small", func() records.Payload { return samples.Small() }},
	{"medium", func() records.Payload { return samples.Medium() }},
	{"large", func() records.Payload { return samples.Large() }},
}

func benchRecord(p records.Payload) *envelope.Record {
	return &envelope.Record{Source: envelope.ProcessorSource(12), Dedup: envelope.SelfProposal(12, 3456), Payload: p}
}

// BenchmarkEncode writes a record: into a pooled buffer of exactly its size
// (Marshal then pool.Put), or appended to a reused slice (AppendBinary). The
// physical floor, impl=copy, copies the encoded record into a reused slice.
func BenchmarkEncode(b *testing.B) {
	for _, bp := range benchPayloads {
		rec := benchRecord(bp.p())
		b.Run("impl=pooled/payload="+bp.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(rec.Size()))
			for b.Loop() {
				buf, err := rec.Marshal()
				if err != nil {
					b.Fatal(err)
				}
				pool.Put(buf)
			}
		})
		b.Run("impl=copy/payload="+bp.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(rec.Size()))
			enc, err := rec.MarshalBinary()
			if err != nil {
				b.Fatal(err)
			}
			out := make([]byte, len(enc))
			for b.Loop() {
				copy(out, enc)
			}
		})
		b.Run("impl=unpooled/payload="+bp.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(rec.Size()))
			out := make([]byte, 0, rec.Size())
			for b.Loop() {
				var err error
				if out, err = rec.AppendBinary(out[:0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseHeader decodes a record's header only: flat in the payload's
// size.
func BenchmarkParseHeader(b *testing.B) {
	for _, c := range []struct {
		name string
		p    records.Payload
	}{{"31B", samples.Small()}, {"64KiB", samples.Large()}} {
		rec, err := benchRecord(c.p).MarshalBinary()
		if err != nil {
			b.Fatal(err)
		}
		b.Run("payload="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				raw, err := envelope.Parse(rec)
				if err != nil || raw.Header.Kind == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecode parses a record and decodes its payload into a reused
// value, aliasing the record (zero-copy) or copying out of it.
func BenchmarkDecode(b *testing.B) {
	for _, mode := range []string{"zerocopy", "copy"} {
		for _, bp := range benchPayloads {
			p := bp.p()
			rec, err := benchRecord(p).MarshalBinary()
			if err != nil {
				b.Fatal(err)
			}
			v, _ := records.New(p.Kind())
			b.Run("mode="+mode+"/payload="+bp.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(rec)))
				for b.Loop() {
					raw, err := envelope.Parse(rec)
					if err != nil {
						b.Fatal(err)
					}
					if mode == "zerocopy" {
						err = raw.DecodeZeroCopy(v)
					} else {
						err = raw.Decode(v)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
