// Command benchmd regenerates the measured part of BENCHMARKS.md from the
// raw output of the benchmarks (go test -bench, several samples of each):
// the machine and commands, one table per operation and payload size with
// every implementation's median ns/op, its time relative to walwire, MB/s,
// B/op and allocs/op, the performance targets evaluated on those medians, and
// the top of walwire's CPU profiles.
//
// It rewrites only what lies between the markers
//
//	<!-- benchmd:begin -->
//	<!-- benchmd:end -->
//
// so the hand-written analysis around them stays. scripts/bench.sh runs it;
// by hand:
//
//	go run ./cmd/benchmd -raw results/latest.txt -md ../BENCHMARKS.md
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

const (
	beginMarker = "<!-- benchmd:begin -->"
	endMarker   = "<!-- benchmd:end -->"
)

// key identifies one benchmark: the group (top-level benchmark plus any
// sub-benchmark level other than impl and payload, e.g. "Varint/op=append"),
// the payload label and the implementation.
type key struct{ group, payload, impl string }

// results holds every sample of every metric, with orders of appearance.
type results struct {
	samples  map[key]map[string][]float64
	groups   []string
	payloads map[string][]string // group -> payload labels in order
	impls    map[string][]string // group -> impls in order
	cpu      string
	// timeUnit is the time metric the tables and targets use: cpu-ns/op
	// (the benchmark thread's CPU time per op) when the benchmarks report
	// it, wall-clock ns/op otherwise.
	timeUnit string
}

var procSuffix = regexp.MustCompile(`-\d+$`)

func parse(data []byte) (*results, error) {
	r := &results{
		samples:  map[key]map[string][]float64{},
		payloads: map[string][]string{},
		impls:    map[string][]string{},
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "cpu: ") && r.cpu == "" {
			r.cpu = strings.TrimPrefix(line, "cpu: ")
		}
		if !strings.HasPrefix(line, "Benchmark") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || len(f)%2 != 0 {
			continue
		}
		name := procSuffix.ReplaceAllString(f[0], "")
		parts := strings.Split(strings.TrimPrefix(name, "Benchmark"), "/")
		k := key{}
		group := []string{parts[0]}
		for _, p := range parts[1:] {
			switch {
			case strings.HasPrefix(p, "impl="):
				k.impl = strings.TrimPrefix(p, "impl=")
			case strings.HasPrefix(p, "payload="):
				k.payload = strings.TrimPrefix(p, "payload=")
			default:
				group = append(group, p)
			}
		}
		k.group = strings.Join(group, "/")
		if k.impl == "" {
			continue
		}
		m := r.samples[k]
		if m == nil {
			m = map[string][]float64{}
			r.samples[k] = m
			if !slices.Contains(r.groups, k.group) {
				r.groups = append(r.groups, k.group)
			}
			if !slices.Contains(r.payloads[k.group], k.payload) {
				r.payloads[k.group] = append(r.payloads[k.group], k.payload)
			}
			if !slices.Contains(r.impls[k.group], k.impl) {
				r.impls[k.group] = append(r.impls[k.group], k.impl)
			}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", line, err)
			}
			m[f[i+1]] = append(m[f[i+1]], v)
		}
	}
	r.timeUnit = "ns/op"
	for _, m := range r.samples {
		if len(m["cpu-ns/op"]) > 0 {
			r.timeUnit = "cpu-ns/op"
			break
		}
	}
	return r, sc.Err()
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// spread is half the range of the samples, relative to the median.
func spread(v []float64) float64 {
	if len(v) < 2 {
		return 0
	}
	m := median(v)
	if m == 0 {
		return 0
	}
	return (slices.Max(v) - slices.Min(v)) / 2 / m
}

// get returns the median of a metric, and whether it was measured.
func (r *results) get(group, payload, impl, unit string) (float64, bool) {
	m := r.samples[key{group, payload, impl}]
	if m == nil || len(m[unit]) == 0 {
		return 0, false
	}
	return median(m[unit]), true
}

// best returns the smallest sample of a metric: on a shared machine, the
// closest to what an idle machine measures.
func (r *results) best(group, payload, impl, unit string) (float64, bool) {
	m := r.samples[key{group, payload, impl}]
	if m == nil || len(m[unit]) == 0 {
		return 0, false
	}
	return slices.Min(m[unit]), true
}

func fmtNs(v float64) string {
	switch {
	case v < 10:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case v < 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return fmtInt(v)
}

func fmtInt(v float64) string {
	s := strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func fmtRatio(v float64) string {
	switch {
	case v < 10:
		return strconv.FormatFloat(v, 'f', 2, 64) + "×"
	case v < 100:
		return strconv.FormatFloat(v, 'f', 1, 64) + "×"
	}
	return fmtInt(v) + "×"
}

// groupInfo describes a benchmark group: its title, what each row means, and
// the walwire implementation the ratios divide by.
type groupInfo struct {
	title, ref, about string
}

var groupInfos = map[string]groupInfo{
	"Encode": {"Encode a record", "walwire-pooled",
		"Write the whole stored record (codec byte, header length, header, payload) from values in memory."},
	"Decode": {"Decode a record fully", "walwire-zerocopy",
		"Read the header and the payload into values, from the stored record (json-v1 and v1compat read the v1 record of the same values)."},
	"HeaderDecode": {"Header-only decode", "walwire",
		"Read the header and leave the payload undecoded. MB/s counts the whole record: how much log a filter skims per second."},
	"HeaderFlat": {"Header-only decode, same header, growing payload", "walwire",
		"The three records have byte-identical headers (those of the 31B record) and UpsertSchema payloads of exactly 31 B, 520 B and 64 KiB: the cost against the payload's size alone."},
	"DecodeError": {"Error path: decode of a damaged record", "walwire-zerocopy",
		"Full decode of the record with its last byte cut off (the payload's last field runs past the end)."},
	"Upgrade": {"v1 → v2 upgrade", "walwire",
		"walwire: v1compat.Upgrade (decode the v1 JSON, bridge, write the v2 record into a reused buffer); encoding-json: json.Unmarshal of the same record into the v1 structs, nothing more; v1compat-decode: walwire's v1 decode alone."},
	"Convert": {"Mirror-type conversions alone", "",
		"to-proto: build the generated messages (header and payload) from walwire's Go types; from-proto: fill walwire's Go types from generated messages. MB/s counts the record's encoded size."},
	"Varint/op=append": {"Varint append, per value", "walwire",
		"One varint appended per op, from a cycle of 1024 values whose encoding is payload bytes long."},
	"Varint/op=consume": {"Varint consume, per value", "walwire",
		"One varint consumed per op from a stream of 1024 values whose encoding is payload bytes long."},
	"Steps/op=encode": {"walwire's encode, step by step", "marshal",
		"validate: Record.Validate; size: Record.Size; append: Record.AppendUnchecked into a reused buffer; marshal: Record.Marshal + pool.Put, everything (= walwire-pooled). The ratio column is each step's share of marshal."},
	"Steps/op=decode": {"walwire's decode, step by step", "parse+decode",
		"parse: envelope.Parse (header); payload-zerocopy / payload-copy: Raw.DecodeZeroCopy / Raw.Decode of a parsed record; parse+decode: both (= walwire-zerocopy). The ratio column is each step's share of parse+decode."},
	"Replay": {"Replay loop", "walwire-zerocopy",
		"One op is one record of a stream of 1,000,000 mixed records of every kind: header-only decode, key filter, and a typed decode of the records that pass (every tenth). The time is per record, and so are allocs/op; records/s is computed from the time column (the wall-clock records/s the benchmark reports is in bench/results/latest.txt)."},
	"Frame/op=write": {"Frame write, one record per op", "walwire",
		"Append the encoded record as one frame of a stream written to io.Discard. walwire: frame.Writer.Write, checksummed; walwire-record: frame.Writer.WriteRecord, the record encoded from its values into the buffer (encode included); floor: bufio + varint + crc32.Update (Castagnoli) over the same bytes, written for the benchmark alone; walwire-plain / bufio-plain: the same without the checksum; protodelim: protobuf-go's protodelim.MarshalTo of a BytesValue holding the record, into bufio."},
	"Frame/op=read": {"Frame read, one record per op", "walwire",
		"Read one frame of an in-memory stream of 64 frames (read again from its start at its end). walwire: frame.Reader.Next (a slice of its buffer, checksum verified); floor: bufio + binary.ReadUvarint + io.ReadFull into a reused buffer + crc32.Update; walwire-plain / bufio-plain: without the checksum; protodelim: protodelim.UnmarshalFrom into a reused BytesValue."},
	"Pool": {"Pool Get+Put", "walwire",
		"One Get of a buffer with room for the record and one Put, one goroutine, after a warm-up longer than bytebufferpool's calibration."},
}

var groupOrder = []string{"Encode", "Decode", "HeaderDecode", "HeaderFlat", "Replay", "DecodeError", "Upgrade", "Convert", "Varint/op=append", "Varint/op=consume", "Pool", "Frame/op=write", "Frame/op=read", "Steps/op=encode", "Steps/op=decode"}

func writeTables(b *strings.Builder, r *results) {
	groups := slices.Clone(groupOrder)
	for _, g := range r.groups {
		if !slices.Contains(groups, g) {
			groups = append(groups, g)
		}
	}
	for _, g := range groups {
		if len(r.impls[g]) == 0 {
			continue
		}
		info, ok := groupInfos[g]
		if !ok {
			info = groupInfo{title: g}
		}
		fmt.Fprintf(b, "### %s (`Benchmark%s`)\n\n", info.title, g)
		if info.about != "" {
			fmt.Fprintf(b, "%s\n\n", info.about)
		}
		tu := r.timeUnit
		wall := tu != "ns/op"
		for _, p := range r.payloads[g] {
			refNs, haveRef := r.get(g, p, info.ref, tu)
			ratio := info.ref != "" && haveRef
			if ratio {
				fmt.Fprintf(b, "payload=%s · time relative to %s (2.00× = twice as long)\n\n", p, info.ref)
			} else {
				fmt.Fprintf(b, "payload=%s\n\n", p)
			}
			head := []string{"impl", tu, "±", "best"}
			if ratio {
				head = append(head, "vs "+info.ref)
			}
			if wall {
				head = append(head, "wall ns/op")
			}
			perRecord := g == "Replay"
			if perRecord {
				head = append(head, "records/s")
			}
			head = append(head, "MB/s", "B/op", "allocs/op")
			fmt.Fprintf(b, "| %s |\n|%s\n", strings.Join(head, " | "), " --- |"+strings.Repeat(" ---: |", len(head)-1))
			for _, impl := range r.impls[g] {
				m := r.samples[key{g, p, impl}]
				if m == nil {
					continue
				}
				ns := median(m[tu])
				cells := []string{"`" + impl + "`", fmtNs(ns), fmt.Sprintf("%.0f%%", 100*spread(m[tu])), fmtNs(slices.Min(m[tu]))}
				if ratio {
					cells = append(cells, fmtRatio(ns/refNs))
				}
				if wall {
					cells = append(cells, fmtNs(median(m["ns/op"])))
				}
				if perRecord {
					cells = append(cells, fmtInt(1e9/ns))
				}
				// MB/s from the table's time metric: the bytes per op are
				// what go test's MB/s and ns/op imply.
				if mbs := median(m["MB/s"]); len(m["MB/s"]) > 0 && ns > 0 {
					bytesPerOp := mbs * median(m["ns/op"]) / 1e3
					cells = append(cells, fmtInt(bytesPerOp/ns*1e3))
				} else {
					cells = append(cells, "")
				}
				for _, u := range []string{"B/op", "allocs/op"} {
					if len(m[u]) == 0 {
						cells = append(cells, "")
					} else {
						cells = append(cells, fmtInt(median(m[u])))
					}
				}
				if impl == info.ref {
					cells[0] = "**" + cells[0] + "**"
				}
				fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | "))
			}
			b.WriteString("\n")
		}
	}
}

// target is one performance target, evaluated.
type target struct {
	op, want, measured string
	met                bool
	measuredOK         bool
}

// evalTargets evaluates the targets on the medians (best = false) or on the
// best samples (best = true).
func evalTargets(r *results, best bool) []target {
	var ts []target
	ns := func(g, p, impl string) (float64, bool) {
		if best {
			return r.best(g, p, impl, r.timeUnit)
		}
		return r.get(g, p, impl, r.timeUnit)
	}
	allocs := func(g, p, impl string) (float64, bool) { return r.get(g, p, impl, "allocs/op") }
	add := func(op, want string, ok bool, met bool, measured string) {
		if !ok {
			ts = append(ts, target{op: op, want: want, measured: "not measured"})
			return
		}
		ts = append(ts, target{op: op, want: want, measured: measured, met: met, measuredOK: true})
	}

	for _, t := range []struct {
		p     string
		limit float64
	}{{"31B", 0.8}, {"520B", 0.9}, {"64KiB", 1.0}} {
		p := t.p
		a, okA := allocs("Encode", p, "walwire-pooled")
		w, okW := ns("Encode", p, "walwire-pooled")
		vs, okS := ns("Encode", p, "vtprotobuf-sized")
		vm, okM := ns("Encode", p, "vtprotobuf-marshal")
		best, bestName := vs, "vtprotobuf-sized"
		if okM && (!okS || vm < vs) {
			best, bestName = vm, "vtprotobuf-marshal"
		}
		ratio := w / best
		add("encode into a pooled buffer, payload="+p, fmt.Sprintf("0 allocs; ≤ %.2f× vtprotobuf's best encode", t.limit),
			okA && okW && (okS || okM), a == 0 && ratio <= t.limit,
			fmt.Sprintf("%s allocs; %s ns = %s × %s (%s ns)", fmtInt(a), fmtNs(w), strings.TrimSuffix(fmtRatio(ratio), "×"), bestName, fmtNs(best)))
	}
	{
		var parts []string
		ok, met := true, true
		for _, p := range r.payloads["HeaderDecode"] {
			w, okW := ns("HeaderDecode", p, "walwire")
			f, okF := ns("HeaderDecode", p, "floor")
			a, okA := allocs("HeaderDecode", p, "walwire")
			if !okW || !okA || !okF {
				ok = false
				continue
			}
			met = met && a == 0 && w/f <= 1.3
			parts = append(parts, fmt.Sprintf("%s: %s ns = %s × floor (%s ns), %s allocs", p, fmtNs(w), strings.TrimSuffix(fmtRatio(w/f), "×"), fmtNs(f), fmtInt(a)))
		}
		add("header-only decode", "0 allocs; ≤ 1.30× floor", ok && len(parts) > 0, met, strings.Join(parts, "; "))
		group, what := "HeaderFlat", " (BenchmarkHeaderFlat: identical headers)"
		if _, ok := ns(group, "31B", "walwire"); !ok {
			group, what = "HeaderDecode", ""
		}
		s, okS := ns(group, "31B", "walwire")
		l, okL := ns(group, "64KiB", "walwire")
		add("header-only decode, flat"+what, "64KiB payload ≤ 1.10× 31B payload", okS && okL, l/s <= 1.1,
			fmt.Sprintf("%s ns / %s ns = %s", fmtNs(l), fmtNs(s), strings.TrimSuffix(fmtRatio(l/s), "×")))
	}
	for _, p := range r.payloads["Decode"] {
		a, okA := allocs("Decode", p, "walwire-zerocopy")
		w, okW := ns("Decode", p, "walwire-zerocopy")
		u, okU := ns("Decode", p, "vtprotobuf-unsafe-pool")
		e, okE := ns("Decode", p, "easyproto")
		add("full decode, zero-copy, payload="+p, "0 allocs; ≤ 0.60× vtprotobuf UnmarshalVTUnsafe with pool; ≤ 1.30× easyproto",
			okA && okW && okU && okE, a == 0 && w/u <= 0.6 && w/e <= 1.3,
			fmt.Sprintf("%s allocs; %s ns = %s × vtprotobuf-unsafe-pool (%s ns), %s × easyproto (%s ns)",
				fmtInt(a), fmtNs(w), strings.TrimSuffix(fmtRatio(w/u), "×"), fmtNs(u), strings.TrimSuffix(fmtRatio(w/e), "×"), fmtNs(e)))
	}
	for _, p := range r.payloads["Decode"] {
		w, okW := ns("Decode", p, "walwire-copy")
		v, okV := ns("Decode", p, "vtprotobuf-pool")
		a, okA := allocs("Decode", p, "walwire-copy")
		add("full decode, copying, payload="+p, "≤ 1.00× vtprotobuf UnmarshalVT with pool; ≤ 2 allocs", okW && okV && okA, w/v <= 1 && a <= 2,
			fmt.Sprintf("%s ns = %s × vtprotobuf-pool (%s ns); %s allocs", fmtNs(w), strings.TrimSuffix(fmtRatio(w/v), "×"), fmtNs(v), fmtInt(a)))
	}
	{
		p := "mixed"
		w, okW := ns("Replay", p, "walwire-zerocopy")
		v, okV := ns("Replay", p, "vtprotobuf-unsafe-pool")
		a, okA := allocs("Replay", p, "walwire-zerocopy")
		add("replay loop (header + key filter on each record, 10% decoded), walwire-zerocopy", "0 allocs per record; ≥ 2.50× the records/s of vtprotobuf-unsafe-pool",
			okW && okV && okA, a == 0 && v/w >= 2.5,
			fmt.Sprintf("%s allocs/record; %s ns/record: %s × the records/s of vtprotobuf-unsafe-pool (%s ns/record)", fmtInt(a), fmtNs(w), strings.TrimSuffix(fmtRatio(v/w), "×"), fmtNs(v)))
	}
	for _, op := range []string{"append", "consume"} {
		w, ok := ns("Varint/op="+op, "1B", "walwire")
		add("varint "+op+", 1-byte values", "≤ 1 ns per value", ok, w <= 1, fmtNs(w)+" ns")
	}
	for _, p := range r.payloads["Pool"] {
		w, okW := ns("Pool", p, "walwire")
		s, okS := ns("Pool", p, "sync.Pool")
		add("pool Get+Put, payload="+p, "≤ 1.50× plain sync.Pool", okW && okS, w/s <= 1.5,
			fmt.Sprintf("%s ns = %s × sync.Pool (%s ns)", fmtNs(w), strings.TrimSuffix(fmtRatio(w/s), "×"), fmtNs(s)))
	}
	for _, op := range []string{"write", "read"} {
		g := "Frame/op=" + op
		for _, p := range r.payloads[g] {
			a, okA := allocs(g, p, "walwire")
			w, okW := ns(g, p, "walwire")
			f, okF := ns(g, p, "floor")
			add("frame "+op+", payload="+p, "0 allocs; ≤ 1.20× bufio + crc32.Update floor", okA && okW && okF, a == 0 && w/f <= 1.2,
				fmt.Sprintf("%s allocs; %s ns = %s × floor (%s ns)", fmtInt(a), fmtNs(w), strings.TrimSuffix(fmtRatio(w/f), "×"), fmtNs(f)))
		}
	}
	{
		var parts []string
		ok, met := false, true
		for _, p := range r.payloads["DecodeError"] {
			if a, okA := allocs("DecodeError", p, "walwire-zerocopy"); okA {
				ok = true
				met = met && a <= 1
				parts = append(parts, fmt.Sprintf("%s: %s", p, fmtInt(a)))
			}
		}
		add("allocation on the error path (zero-copy decode of a damaged record)", "≤ 1 alloc", ok, met, strings.Join(parts, "; ")+" allocs")
	}
	return ts
}

func writeTargets(b *strings.Builder, r *results) {
	fmt.Fprintf(b, "| operation | target | measured: medians (%s) | verdict | measured: best samples | verdict |\n| --- | --- | --- | --- | --- | --- |\n", r.timeUnit)
	verdict := func(t target) string {
		switch {
		case !t.measuredOK:
			return "—"
		case t.met:
			return "met"
		}
		return "**not met**"
	}
	med, best := evalTargets(r, false), evalTargets(r, true)
	for i, t := range med {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", t.op, t.want, t.measured, verdict(t), best[i].measured, verdict(best[i]))
	}
	b.WriteString("\n")
}

type profileFlag []string

func (p *profileFlag) String() string     { return strings.Join(*p, ",") }
func (p *profileFlag) Set(s string) error { *p = append(*p, s); return nil }

func writeProfiles(b *strings.Builder, profiles []string, lines int) error {
	if len(profiles) == 0 {
		return nil
	}
	b.WriteString("### CPU profiles of walwire (top of `go tool pprof -top`)\n\n")
	b.WriteString("Each profile runs one walwire benchmark alone for 2 s (`-cpuprofile`); flat time per function. Full listings: `bench/results/profile-*.txt`.\n\n")
	for _, spec := range profiles {
		name, path, ok := strings.Cut(spec, "=")
		if !ok {
			return fmt.Errorf("-profile %q: want name=path", spec)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var keep []string
		table := false
		for _, l := range strings.Split(string(data), "\n") {
			switch {
			case strings.HasPrefix(strings.TrimSpace(l), "flat  flat%"):
				table = true
				keep = append(keep, l)
			case strings.HasPrefix(l, "Showing nodes"):
				keep = append(keep, l)
			case table && strings.TrimSpace(l) != "" && len(keep) < lines+2:
				keep = append(keep, l)
			}
		}
		fmt.Fprintf(b, "<details><summary>%s</summary>\n\n```\n%s\n```\n\n</details>\n\n", name, strings.Join(keep, "\n"))
	}
	return nil
}

func main() {
	rawPath := flag.String("raw", "results/latest.txt", "raw go test -bench output")
	mdPath := flag.String("md", "../BENCHMARKS.md", "markdown file to update between the markers")
	machine := flag.String("machine", "", "machine description (CPU model, cores)")
	goVersion := flag.String("go", "", "go version output")
	date := flag.String("date", "", "date of the run")
	rev := flag.String("rev", "", "revision of walwire benchmarked (git describe)")
	command := flag.String("command", "", "command that produced the raw output")
	benchstat := flag.String("benchstat", "", "benchstat command whose output is in bench/results/benchstat.txt")
	var profiles profileFlag
	flag.Var(&profiles, "profile", "name=path of a go tool pprof -top listing (repeatable)")
	flag.Parse()

	data, err := os.ReadFile(*rawPath)
	if err != nil {
		fatal(err)
	}
	r, err := parse(data)
	if err != nil {
		fatal(err)
	}
	if len(r.samples) == 0 {
		fatal(fmt.Errorf("%s: no benchmark results", *rawPath))
	}
	run := runInfo{machine: *machine, goVersion: *goVersion, date: *date, rev: *rev, command: *command, benchstat: *benchstat}
	section, err := render(r, run, profiles)
	if err != nil {
		fatal(err)
	}

	md, err := os.ReadFile(*mdPath)
	if err != nil && !os.IsNotExist(err) {
		fatal(err)
	}
	out := replaceBetween(string(md), section)
	if err := os.WriteFile(*mdPath, []byte(out), 0o644); err != nil {
		fatal(err)
	}
}

// runInfo describes the run whose results are rendered: each field that is
// not empty becomes a line of the Run section.
type runInfo struct {
	machine, goVersion, date, rev, command, benchstat string
}

// render returns the generated section of BENCHMARKS.md, markers included:
// the run, the targets evaluated on r, the tables and the profiles (each
// "name=path" of a go tool pprof -top listing).
func render(r *results, run runInfo, profiles []string) (string, error) {
	n := 0
	for _, m := range r.samples {
		n = max(n, len(m["ns/op"]))
	}

	var b strings.Builder
	b.WriteString(beginMarker + "\n")
	b.WriteString("<!-- Generated by bench/cmd/benchmd from bench/results/latest.txt (scripts/bench.sh). Do not edit by hand. -->\n\n")
	b.WriteString("## Run\n\n")
	if run.machine != "" {
		fmt.Fprintf(&b, "- Machine: %s", run.machine)
		if r.cpu != "" && !strings.Contains(run.machine, r.cpu) {
			fmt.Fprintf(&b, " (go test: %s)", r.cpu)
		}
		b.WriteString("\n")
	} else if r.cpu != "" {
		fmt.Fprintf(&b, "- CPU: %s\n", r.cpu)
	}
	if run.goVersion != "" {
		fmt.Fprintf(&b, "- Go: `%s`\n", run.goVersion)
	}
	if run.date != "" {
		fmt.Fprintf(&b, "- Date: %s\n", run.date)
	}
	if run.rev != "" {
		fmt.Fprintf(&b, "- walwire revision: `%s`\n", run.rev)
	}
	if run.command != "" {
		fmt.Fprintf(&b, "- Command: `%s`\n", run.command)
	}
	if run.benchstat != "" {
		fmt.Fprintf(&b, "- Comparison: `%s` (confidence intervals and significance: bench/results/benchstat.txt)\n", run.benchstat)
	}
	fmt.Fprintf(&b, "- Samples: %d per benchmark. Tables show medians; ± is half the range of the samples, relative to the median; best is the smallest sample.\n", n)
	if r.timeUnit == "cpu-ns/op" {
		b.WriteString("- Time: **cpu-ns/op**, the CPU time of the benchmark's thread per op (CLOCK_THREAD_CPUTIME_ID), which leaves out the time spent waiting for a CPU held by other processes; the targets below are evaluated on it, and MB/s is computed from it. go test's wall-clock ns/op is shown beside it.\n")
	}
	b.WriteString("\n")
	b.WriteString("## Targets\n\n")
	writeTargets(&b, r)
	b.WriteString("## Tables\n\n")
	writeTables(&b, r)
	if err := writeProfiles(&b, profiles, 14); err != nil {
		return "", err
	}
	b.WriteString(endMarker + "\n")
	return b.String(), nil
}

// replaceBetween replaces the marked section of md (markers included) with
// section, or appends section when md has no markers.
func replaceBetween(md, section string) string {
	i := strings.Index(md, beginMarker)
	j := strings.Index(md, endMarker)
	if i < 0 || j < i {
		if md != "" && !strings.HasSuffix(md, "\n") {
			md += "\n"
		}
		if md == "" {
			md = "# Benchmarks\n\n"
		}
		return md + "\n" + section
	}
	rest := md[j+len(endMarker):]
	rest = strings.TrimPrefix(rest, "\n")
	return md[:i] + section + rest
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "benchmd:", err)
	os.Exit(1)
}
