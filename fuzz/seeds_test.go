package fuzz

import (
	"strings"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
)

// corpusSeeds returns the v2 records of the golden corpus
// (testdata/golden/v2/*.bin) and every
// sample (samples.All) written as a v2 record, for the targets that read
// wire bytes and records.
func corpusSeeds() [][]byte {
	var out [][]byte
	files := goldenFiles("v2")
	for _, k := range sortedKeys(files) {
		if strings.HasSuffix(k, ".bin") {
			out = append(out, files[k])
		}
	}
	for i, p := range samples.All() {
		rec := envelope.Record{Payload: p}
		switch i % 3 {
		case 1:
			rec.Source, rec.Dedup = envelope.ProcessorSource(uint64(i)), envelope.SelfProposal(uint64(i), 7)
		case 2:
			rec.Source, rec.Dedup = envelope.IngressSource(), envelope.Arbitrary(envelope.Some("pre"), envelope.U128{Hi: 1}, 3)
		}
		b, err := rec.MarshalBinary()
		if err != nil {
			panic(err)
		}
		out = append(out, b)
	}
	return out
}
