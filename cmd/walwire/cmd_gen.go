package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/frame"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/v1compat"
)

// runGen implements "walwire gen": a deterministic sample stream of n
// records, cycling through the 22 kinds in order (record i is of kind
// i%22+1), each payload picked among the samples of its kind and each header
// (source, dedup) drawn from the seed.
func runGen(e *env, args []string) int {
	fs := newFlags("gen", "-n N [--seed S] [--v1] [--plain] > FILE")
	n := fs.Int64("n", 1000, "number of records")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same bytes")
	v1 := fs.Bool("v1", false, "write legacy v1 (JSON) records")
	plain := fs.Bool("plain", false, "write plain frames (protobuf delimited, no checksum)")
	if _, err := parseFlags(fs, args, 0, 0, e); err != nil {
		return flagExit(err)
	}
	if *n < 0 {
		return fail(e, "gen", exitUsage, "-n must not be negative")
	}
	bw := bufio.NewWriterSize(e.stdout, 1<<16)
	w := frame.NewWriter(bw, frame.Options{Plain: *plain})
	g := newGenerator(*seed)
	var v1buf []byte
	for i := int64(0); i < *n; i++ {
		rec := g.next(i)
		var err error
		if *v1 {
			v1buf, err = g.v1(v1buf[:0], &rec)
			if err == nil {
				err = w.Write(v1buf)
			}
		} else {
			err = w.WriteRecord(&rec)
		}
		if err != nil {
			return fail(e, "gen", exitInvalid, "record %d: %v", i, err)
		}
	}
	if err := w.Flush(); err != nil {
		return fail(e, "gen", exitInvalid, "%v", err)
	}
	if err := bw.Flush(); err != nil {
		return fail(e, "gen", exitInvalid, "%v", err)
	}
	return exitOK
}

// generator draws sample records from a seed.
type generator struct {
	r      *rand.Rand
	byKind [][]records.Payload // index kind-1: the samples of that kind
}

func newGenerator(seed uint64) *generator {
	g := &generator{r: rand.New(rand.NewPCG(seed, 0x77616c77697265)), byKind: make([][]records.Payload, len(records.Kinds()))}
	all := append(samples.All(), samples.Minimal()...)
	for _, p := range all {
		k := p.Kind()
		g.byKind[k-1] = append(g.byKind[k-1], p)
	}
	return g
}

// next returns record i of the stream. Its payload is shared with other
// records: it is written before the next call.
func (g *generator) next(i int64) envelope.Record {
	kinds := g.byKind[i%int64(len(g.byKind))]
	rec := envelope.Record{Payload: kinds[g.r.IntN(len(kinds))]}
	switch g.r.IntN(4) {
	case 0:
		rec.Source = envelope.IngressSource()
	case 1:
		rec.Source = envelope.ControlPlaneSource()
	case 2:
		rec.Source = envelope.ProcessorSource(g.r.Uint64N(100))
	}
	seq := uint64(i) + 1
	switch g.r.IntN(5) {
	case 0:
		rec.Dedup = envelope.SelfProposal(g.r.Uint64N(100), seq)
	case 1:
		rec.Dedup = envelope.ForeignPartition(g.r.Uint32N(64), seq)
	case 2:
		rec.Dedup = envelope.Arbitrary(envelope.Some(fmt.Sprintf("producer-%d", g.r.IntN(8))), envelope.U128{}, seq)
	case 3:
		rec.Dedup = envelope.Arbitrary(envelope.Optional[string]{}, envelope.U128{Hi: g.r.Uint64(), Lo: g.r.Uint64()}, seq)
	}
	return rec
}

// v1 appends rec as a v1 record (through the v2 → v1 bridge).
func (g *generator) v1(dst []byte, rec *envelope.Record) ([]byte, error) {
	b, err := rec.MarshalBinary()
	if err != nil {
		return dst, err
	}
	raw, err := envelope.Parse(b)
	if err != nil {
		return dst, err
	}
	r, err := v1compat.FromV2(&raw)
	if err != nil {
		return dst, err
	}
	return r.AppendBinary(dst)
}
