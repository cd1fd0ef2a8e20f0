package main

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/walwire/walwire/envelope"
)

// runVerify implements "walwire verify": every frame and every payload is
// checked (typed decode and validation); a summary goes to stdout, each
// problem to stderr with its offset. It goes on past damage, so that the
// summary lists all of it. Standard input is read into memory first (to
// look past damage); a file is read in place.
func runVerify(e *env, args []string) int {
	fs := newFlags("verify", "[--plain] FILE|-")
	plain := fs.Bool("plain", false, "read plain frames (protobuf delimited, no checksum)")
	pos, err := parseFlags(fs, args, 1, 1, e)
	if err != nil {
		return flagExit(err)
	}
	in, err := openStream(e, pos[0], true)
	if err != nil {
		return fail(e, "verify", exitInvalid, "%v", err)
	}
	defer in.close()

	var (
		s     summary
		dec   = decoders{}
		start = time.Now()
		w     = walker{opts: frameOptions(*plain), cont: true}
	)
	werr := w.walk(in, func(off int64, b []byte) error {
		r, err := parseRecord(off, b)
		if err == nil {
			_, err = dec.check(&r)
		}
		if err != nil {
			s.invalid = append(s.invalid, fmt.Sprintf("invalid record at offset %d: %v", off, err))
			fmt.Fprintf(e.stderr, "walwire verify: %s: invalid record at offset %d: %v\n", in.name, off, err)
			return nil
		}
		s.add(&r)
		return nil
	}, func(d damage) {
		s.damage = append(s.damage, d.String())
		fmt.Fprintf(e.stderr, "walwire verify: %s: %v\n", in.name, d)
	})
	s.elapsed = time.Since(start)
	if werr != nil {
		return fail(e, "verify", exitInvalid, "%s: %v", in.name, werr)
	}
	out := bufio.NewWriter(e.stdout)
	s.print(out, in.name)
	if err := out.Flush(); err != nil {
		return fail(e, "verify", exitInvalid, "%v", err)
	}
	if len(s.damage) > 0 || len(s.invalid) > 0 {
		return exitInvalid
	}
	return exitOK
}

// summary counts the good records of a stream by kind, and lists its
// problems.
type summary struct {
	records, bytes int64
	v1             int64
	byKind         map[envelope.Kind]*kindCount
	damage         []string
	invalid        []string
	elapsed        time.Duration
}

type kindCount struct{ records, bytes int64 }

func (s *summary) add(r *record) {
	if s.byKind == nil {
		s.byKind = map[envelope.Kind]*kindCount{}
	}
	c := s.byKind[r.raw.Header.Kind]
	if c == nil {
		c = &kindCount{}
		s.byKind[r.raw.Header.Kind] = c
	}
	c.records++
	c.bytes += int64(r.size)
	s.records++
	s.bytes += int64(r.size)
	if r.version == "v1" {
		s.v1++
	}
}

func (s *summary) print(w io.Writer, name string) {
	secs := s.elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(s.records) / secs
	}
	fmt.Fprintf(w, "%s: %d good records (%d v1, %d v2), %d record bytes, in %s: %.0f records/s\n",
		name, s.records, s.v1, s.records-s.v1, s.bytes, s.elapsed.Round(time.Millisecond), rate)
	kinds := make([]envelope.Kind, 0, len(s.byKind))
	for k := range s.byKind {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i] < kinds[j] })
	if len(kinds) > 0 {
		fmt.Fprintf(w, "  %-4s %-36s %10s %12s\n", "kind", "name", "records", "bytes")
	}
	for _, k := range kinds {
		c := s.byKind[k]
		fmt.Fprintf(w, "  %-4d %-36s %10d %12d\n", uint32(k), k.String(), c.records, c.bytes)
	}
	switch {
	case len(s.damage) == 0 && len(s.invalid) == 0:
		fmt.Fprintln(w, "ok: no damage, every payload valid")
	default:
		fmt.Fprintf(w, "FAILED: %d damaged ranges, %d invalid records\n", len(s.damage), len(s.invalid))
		for _, d := range s.damage {
			fmt.Fprintf(w, "  %s\n", d)
		}
		for _, d := range s.invalid {
			fmt.Fprintf(w, "  %s\n", d)
		}
	}
}
