package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/frame"
	"github.com/walwire/walwire/internal/testpb"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/v1compat"
)

// The end-to-end tests build the command once and run the binary, checking
// stdout, stderr and the exit code.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "walwire-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "walwire")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building walwire: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// walwire runs the binary with stdin (may be nil).
func walwire(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// must runs the binary and fails the test unless it exits 0.
func must(t *testing.T, stdin []byte, args ...string) string {
	t.Helper()
	r := walwire(t, stdin, args...)
	if r.code != 0 {
		t.Fatalf("walwire %v: exit %d\nstderr: %s", args, r.code, r.stderr)
	}
	return r.stdout
}

func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// genFile writes "walwire gen" output to a file and returns its path and bytes.
func genFile(t *testing.T, args ...string) (string, []byte) {
	t.Helper()
	b := []byte(must(t, nil, append([]string{"gen"}, args...)...))
	path := filepath.Join(t.TempDir(), "sample.wal")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, b
}

// frames reads a stream in Go: every record and its offset.
func frames(t *testing.T, b []byte, o frame.Options) (recs [][]byte, offs []int64) {
	t.Helper()
	r := frame.NewReader(bytes.NewReader(b), o)
	for {
		rec, off, err := r.Next()
		if err == io.EOF {
			return recs, offs
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, append([]byte(nil), rec...))
		offs = append(offs, off)
	}
}

func TestGenInspectCounts(t *testing.T) {
	for _, n := range []int{0, 1, 22, 1000} {
		for _, form := range [][]string{nil, {"--plain"}, {"--v1"}} {
			args := append([]string{"-n", strconv.Itoa(n)}, form...)
			path, b := genFile(t, args...)
			inspectArgs := append([]string{"inspect"}, form...)
			if len(form) > 0 && form[0] == "--v1" {
				inspectArgs = inspectArgs[:1]
			}
			got := lines(must(t, nil, append(inspectArgs, path)...))
			if len(got) != n {
				t.Errorf("gen %v | inspect: %d lines, want %d", args, len(got), n)
			}
			// From standard input too.
			if got := lines(must(t, b, append(inspectArgs, "-")...)); len(got) != n {
				t.Errorf("gen %v | inspect -: %d lines, want %d", args, len(got), n)
			}
			version := "v2"
			if len(form) > 0 && form[0] == "--v1" {
				version = "v1"
			}
			for i, l := range got {
				f := strings.Fields(l)
				if f[1] != version || f[2] != envelope.Kind(i%22+1).String() {
					t.Fatalf("line %d: %q, want version %s kind %v", i, l, version, envelope.Kind(i%22+1))
				}
			}
		}
	}
}

func TestGenDeterministic(t *testing.T) {
	a := must(t, nil, "gen", "-n", "500", "--seed", "7")
	b := must(t, nil, "gen", "-n", "500", "--seed", "7")
	c := must(t, nil, "gen", "-n", "500", "--seed", "8")
	if a != b {
		t.Error("the same seed gave different streams")
	}
	if a == c {
		t.Error("different seeds gave the same stream")
	}
	// Every record is valid, of every kind.
	recs, _ := frames(t, []byte(a), frame.Options{})
	seen := map[envelope.Kind]bool{}
	for _, rec := range recs {
		raw, err := envelope.Parse(rec)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := records.Decode(&raw); err != nil {
			t.Fatal(err)
		}
		seen[raw.Header.Kind] = true
	}
	if len(seen) != 22 {
		t.Errorf("%d kinds in the stream, want 22", len(seen))
	}
}

// TestInspectJSON: every --json line parses, carries the kind and keys of
// its record, and its header and payload objects are protojson of the
// record's header and payload (protojson.Unmarshal into the generated types
// gives the messages proto.Unmarshal reads from the bytes).
func TestInspectJSON(t *testing.T) {
	path, b := genFile(t, "-n", "220", "--seed", "3")
	recs, offs := frames(t, b, frame.Options{})
	got := lines(must(t, nil, "inspect", "--json", "--payload", path))
	if len(got) != len(recs) {
		t.Fatalf("%d lines, want %d", len(got), len(recs))
	}
	for i, l := range got {
		var line struct {
			Offset      string          `json:"offset"`
			Version     string          `json:"version"`
			Size        int             `json:"size"`
			PayloadSize int             `json:"payloadSize"`
			Header      json.RawMessage `json:"header"`
			Payload     json.RawMessage `json:"payload"`
		}
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatalf("line %d does not parse: %v\n%s", i, err, l)
		}
		raw, err := envelope.Parse(recs[i])
		if err != nil {
			t.Fatal(err)
		}
		if line.Offset != strconv.FormatInt(offs[i], 10) || line.Version != "v2" || line.Size != len(recs[i]) || line.PayloadSize != len(raw.Payload) {
			t.Errorf("line %d: offset %s version %s size %d payloadSize %d; want %d v2 %d %d", i, line.Offset, line.Version, line.Size, line.PayloadSize, offs[i], len(recs[i]), len(raw.Payload))
		}
		var fromJSON, fromBytes testpb.Header
		if err := protojson.Unmarshal(line.Header, &fromJSON); err != nil {
			t.Fatalf("line %d: header is not protojson: %v", i, err)
		}
		if err := proto.Unmarshal(raw.Header.AppendTo(nil), &fromBytes); err != nil {
			t.Fatal(err)
		}
		if !proto.Equal(&fromJSON, &fromBytes) {
			t.Errorf("line %d: header %s, want %v", i, line.Header, &fromBytes)
		}
		if want := testpb.RecordKind(i%22 + 1); fromJSON.GetKind() != want {
			t.Errorf("line %d: kind %v, want %v", i, fromJSON.GetKind(), want)
		}
		if !strings.Contains(string(line.Header), `"kind":"`+testpb.RecordKind(i%22+1).String()+`"`) {
			t.Errorf("line %d: kind not written by name: %s", i, line.Header)
		}
		if k := raw.Header.Keys; !k.IsNone() && fromJSON.GetKeys() == nil {
			t.Errorf("line %d: keys %v missing from %s", i, k, line.Header)
		}
		if raw.Header.Kind == records.KindVQSchedulerDecisions {
			var data []byte
			if err := json.Unmarshal(line.Payload, &data); err != nil || !bytes.Equal(data, raw.Payload) {
				t.Errorf("line %d: bytes payload %s, err %v", i, line.Payload, err)
			}
			continue
		}
		mt := messageTypeOf(t, raw.Header.Kind)
		pj, pb := mt.New().Interface(), mt.New().Interface()
		if err := protojson.Unmarshal(line.Payload, pj); err != nil {
			t.Fatalf("line %d: payload is not protojson: %v\n%s", i, err, line.Payload)
		}
		if err := proto.Unmarshal(raw.Payload, pb); err != nil {
			t.Fatal(err)
		}
		if !proto.Equal(pj, pb) {
			t.Errorf("line %d: payload %s, want %v", i, line.Payload, pb)
		}
	}
	// Without --payload there is no payload member.
	for _, l := range lines(must(t, nil, "inspect", "--json", "--limit", "3", path)) {
		if strings.Contains(l, `"payload":`) {
			t.Errorf("payload without --payload: %s", l)
		}
	}
}

// TestInspectFilters compares each filter with the same filter applied in Go.
func TestInspectFilters(t *testing.T) {
	path, b := genFile(t, "-n", "1000", "--seed", "5")
	recs, offs := frames(t, b, frame.Options{})
	var heads []envelope.Header
	for _, rec := range recs {
		raw, err := envelope.Parse(rec)
		if err != nil {
			t.Fatal(err)
		}
		heads = append(heads, raw.Header)
	}
	count := func(keep func(h *envelope.Header) bool) int {
		n := 0
		for i := range heads {
			if keep(&heads[i]) {
				n++
			}
		}
		return n
	}
	cases := []struct {
		args []string
		keep func(h *envelope.Header) bool
	}{
		{[]string{"--kind", "Invoke"}, func(h *envelope.Header) bool { return h.Kind == records.KindInvoke }},
		{[]string{"--kind", "9"}, func(h *envelope.Header) bool { return h.Kind == records.KindTruncateOutbox }},
		{[]string{"--kind", "Timer,ScheduleTimer"}, func(h *envelope.Header) bool { return h.Kind == 15 || h.Kind == 16 }},
		{[]string{"--key", "55"}, func(h *envelope.Header) bool { return h.Keys.Matches(envelope.IncludeKey(55)) }},
		{[]string{"--within", "0:100"}, func(h *envelope.Header) bool { return h.Keys.Matches(envelope.WithinKeys(0, 100)) }},
		{[]string{"--within", "100:0"}, func(h *envelope.Header) bool { return false }},
		{[]string{"--kind", "PatchState", "--key", "0"}, func(h *envelope.Header) bool {
			return h.Kind == records.KindPatchState && h.Keys.Matches(envelope.IncludeKey(0))
		}},
	}
	for _, c := range cases {
		got := lines(must(t, nil, append(append([]string{"inspect"}, c.args...), path)...))
		want := count(c.keep)
		if len(got) != want {
			t.Errorf("inspect %v: %d lines, want %d", c.args, len(got), want)
		}
		if want == 0 && len(c.args) == 2 && c.args[0] != "--within" {
			t.Errorf("inspect %v: the case selects nothing", c.args)
		}
	}
	// --from: the records from the frame of record 100 on.
	got := lines(must(t, nil, "inspect", "--from", strconv.FormatInt(offs[100], 10), path))
	if len(got) != len(recs)-100 || !strings.HasPrefix(got[0], strconv.FormatInt(offs[100], 10)+" ") {
		t.Errorf("--from %d: %d lines starting %q", offs[100], len(got), got[0])
	}
	// --limit, also after a filter.
	if got := lines(must(t, nil, "inspect", "--limit", "5", path)); len(got) != 5 {
		t.Errorf("--limit 5: %d lines", len(got))
	}
	got = lines(must(t, nil, "inspect", "--kind", "Invoke", "--limit", "3", path))
	if len(got) != 3 || !strings.Contains(got[2], " Invoke ") {
		t.Errorf("--kind Invoke --limit 3: %q", got)
	}
}

// frameAt returns the index of the frame holding byte offset o.
func frameAt(offs []int64, o int64) int {
	i := 0
	for i+1 < len(offs) && offs[i+1] <= o {
		i++
	}
	return i
}

var offsetRE = regexp.MustCompile(`damage at offset (\d+)`)

func TestBitFlip(t *testing.T) {
	_, b := genFile(t, "-n", "2000", "--seed", "9")
	recs, offs := frames(t, b, frame.Options{})
	flipAt := int64(len(b) / 2)
	bad := frameAt(offs, flipAt)
	// Flip a bit inside the record's payload, past its length varint.
	flipAt = offs[bad] + 5
	b[flipAt] ^= 0x04
	path := filepath.Join(t.TempDir(), "flipped.wal")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	want := strconv.FormatInt(offs[bad], 10)

	r := walwire(t, nil, "verify", path)
	if r.code != 1 {
		t.Fatalf("verify: exit %d, want 1\n%s", r.code, r.stderr)
	}
	if m := offsetRE.FindStringSubmatch(r.stderr); m == nil || m[1] != want {
		t.Errorf("verify stderr %q does not name offset %s", r.stderr, want)
	}
	if !strings.Contains(r.stdout, "FAILED: 1 damaged ranges") || !strings.Contains(r.stdout, fmt.Sprintf("%d good records", len(recs)-1)) {
		t.Errorf("verify summary:\n%s", r.stdout)
	}

	// inspect stops at the damage: every record before it, exit 1.
	r = walwire(t, nil, "inspect", path)
	if r.code != 1 || len(lines(r.stdout)) != bad || !strings.Contains(r.stderr, "damage at offset "+want) {
		t.Errorf("inspect: exit %d, %d lines (want 1, %d), stderr %q", r.code, len(lines(r.stdout)), bad, r.stderr)
	}
	// inspect --continue lists the damage and the records after it.
	r = walwire(t, nil, "inspect", "--continue", path)
	got := lines(r.stdout)
	if r.code != 1 || len(got) != len(recs)-1 {
		t.Fatalf("inspect --continue: exit %d, %d lines, want 1 and %d\n%s", r.code, len(got), len(recs)-1, r.stderr)
	}
	if !strings.Contains(r.stderr, "damage at offset "+want+",") || !strings.Contains(r.stderr, fmt.Sprintf("next good frame at offset %d", offs[bad+1])) {
		t.Errorf("inspect --continue stderr: %q", r.stderr)
	}
	if !strings.HasPrefix(got[bad], strconv.FormatInt(offs[bad+1], 10)+" ") {
		t.Errorf("first record after the damage: %q, want offset %d", got[bad], offs[bad+1])
	}
	// The same from standard input.
	if r2 := walwire(t, b, "inspect", "--continue", "-"); r2.code != 1 || r2.stdout != r.stdout {
		t.Errorf("inspect --continue -: exit %d, output differs", r2.code)
	}
	// repair refuses mid-stream corruption and changes nothing.
	r = walwire(t, nil, "repair", path)
	after, _ := os.ReadFile(path)
	if r.code != 1 || !bytes.Equal(after, b) || !strings.Contains(r.stderr, "offset "+want) {
		t.Errorf("repair of corruption: exit %d, changed %v, stderr %q", r.code, !bytes.Equal(after, b), r.stderr)
	}
}

// TestGarbageResync: random bytes inserted inside a frame; verify and
// inspect --continue skip them, resuming at the next good frame.
func TestGarbageResync(t *testing.T) {
	_, b := genFile(t, "-n", "3000", "--seed", "11")
	recs, offs := frames(t, b, frame.Options{})
	at := offs[1500] + 7 // inside frame 1500
	garbage := make([]byte, 100_000)
	rnd := uint64(12345)
	for i := range garbage {
		rnd = rnd*6364136223846793005 + 1442695040888963407
		garbage[i] = byte(rnd >> 56)
	}
	damaged := append(append(append([]byte(nil), b[:at]...), garbage...), b[at:]...)
	next := offs[1501] + int64(len(garbage))
	r := walwire(t, damaged, "verify", "-")
	want := fmt.Sprintf("damage at offset %d, %d bytes skipped, next good frame at offset %d", offs[1500], next-offs[1500], next)
	if r.code != 1 || !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, fmt.Sprintf("%d good records", len(recs)-1)) {
		t.Errorf("verify: exit %d, want %q in\n%s", r.code, want, r.stdout)
	}
	r = walwire(t, damaged, "inspect", "--continue", "-")
	if got := lines(r.stdout); r.code != 1 || len(got) != len(recs)-1 || !strings.HasPrefix(got[1500], strconv.FormatInt(next, 10)+" ") {
		t.Errorf("inspect --continue: exit %d, %d lines", r.code, len(got))
	}
}

func TestInvalidRecordInGoodFrame(t *testing.T) {
	_, b := genFile(t, "-n", "10")
	recs, offs := frames(t, b, frame.Options{})
	var buf bytes.Buffer
	w := frame.NewWriter(&buf, frame.Options{})
	for i, rec := range recs {
		if i == 4 {
			rec = []byte{0x09, 1, 2} // unknown codec byte
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	r := walwire(t, buf.Bytes(), "verify", "-")
	if r.code != 1 || !strings.Contains(r.stderr, fmt.Sprintf("invalid record at offset %d", offs[4])) || !strings.Contains(r.stdout, "9 good records") {
		t.Errorf("verify: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	r = walwire(t, buf.Bytes(), "inspect", "--continue", "-")
	if r.code != 1 || len(lines(r.stdout)) != 9 {
		t.Errorf("inspect --continue: exit %d, %d lines", r.code, len(lines(r.stdout)))
	}
}

func TestTornRepairVerify(t *testing.T) {
	path, b := genFile(t, "-n", "1000")
	_, offs := frames(t, b, frame.Options{})
	cut := offs[700] + 3
	if err := os.WriteFile(path, b[:cut], 0o644); err != nil {
		t.Fatal(err)
	}
	r := walwire(t, nil, "verify", path)
	if r.code != 1 || !strings.Contains(r.stderr, fmt.Sprintf("damage at offset %d", offs[700])) {
		t.Errorf("verify torn: exit %d, stderr %q", r.code, r.stderr)
	}
	out := must(t, nil, "repair", path)
	if !strings.Contains(out, "700 good records") || !strings.Contains(out, fmt.Sprintf("truncated from %d to %d bytes", cut, offs[700])) {
		t.Errorf("repair report: %q", out)
	}
	broken, err := os.ReadFile(path + ".broken")
	if err != nil || !bytes.Equal(broken, b[offs[700]:cut]) {
		t.Errorf("%s.broken: %x, err %v; want %x", path, broken, err, b[offs[700]:cut])
	}
	out = must(t, nil, "verify", path)
	if !strings.Contains(out, "700 good records") || !strings.Contains(out, "ok: no damage") {
		t.Errorf("verify after repair: %s", out)
	}
	if out := must(t, nil, "repair", path); !strings.Contains(out, "nothing to repair") {
		t.Errorf("second repair: %q", out)
	}
}

func TestUpgrade(t *testing.T) {
	for _, plain := range []bool{false, true} {
		args := []string{"-n", "500", "--v1"}
		if plain {
			args = append(args, "--plain")
		}
		in, b := genFile(t, args...)
		out := filepath.Join(t.TempDir(), "v2.wal")
		up := []string{"upgrade", in, out}
		if plain {
			up = []string{"upgrade", "--plain", in, out}
		}
		r := walwire(t, nil, up...)
		if r.code != 0 || !strings.Contains(r.stdout, "500 records (500 upgraded from v1") {
			t.Errorf("upgrade: exit %d, summary %q", r.code, r.stdout)
		}
		if r.stderr != "" {
			t.Errorf("stderr is not a terminal, yet upgrade wrote to it (a progress bar?): %q", r.stderr)
		}
		if st, err := os.Stat(out); err != nil {
			t.Error(err)
		} else if st.Mode().Perm() != 0o644 {
			t.Errorf("OUT has mode %v, want 0644", st.Mode())
		}
		verify := []string{"verify", out}
		if plain {
			verify = []string{"verify", "--plain", out}
		}
		if v := must(t, nil, verify...); !strings.Contains(v, "500 good records (0 v1, 500 v2)") {
			t.Errorf("verify of the upgrade: %s", v)
		}
		// From standard input too, to the same bytes.
		out2 := filepath.Join(t.TempDir(), "v2-stdin.wal")
		up2 := append(append([]string(nil), up[:len(up)-2]...), "-", out2)
		must(t, b, up2...)
		if x, y := mustRead(t, out), mustRead(t, out2); !bytes.Equal(x, y) {
			t.Errorf("upgrade from stdin: %d bytes, from the file: %d", len(y), len(x))
		}
		// Record by record, OUT is what v1compat.Upgrade makes of IN.
		o := frame.Options{Plain: plain}
		v1recs, _ := frames(t, b, o)
		ob, _ := os.ReadFile(out)
		v2recs, _ := frames(t, ob, o)
		if len(v2recs) != len(v1recs) {
			t.Fatalf("%d records out, %d in", len(v2recs), len(v1recs))
		}
		for i := range v1recs {
			want, err := v1compat.Upgrade(nil, v1recs[i])
			if err != nil || !bytes.Equal(v2recs[i], want) {
				t.Fatalf("record %d: %x, want %x (err %v)", i, v2recs[i], want, err)
			}
		}
	}
}

// TestUpgradeStopsAtBadRecord: a bad record stops the upgrade with its
// offset; OUT does not appear (or keeps its old content), and no temporary
// file is left behind.
func TestUpgradeStopsAtBadRecord(t *testing.T) {
	_, b := genFile(t, "-n", "100", "--v1")
	recs, _ := frames(t, b, frame.Options{})
	var buf bytes.Buffer
	w := frame.NewWriter(&buf, frame.Options{})
	var badOff int64
	for i, rec := range recs {
		if i == 60 {
			badOff = w.Offset()
			rec = []byte("\x05{\"header\":") // a v1 record cut short
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.wal")
	os.WriteFile(in, buf.Bytes(), 0o644)
	out := filepath.Join(dir, "out.wal")

	r := walwire(t, nil, "upgrade", in, out)
	if r.code != 1 || !strings.Contains(r.stderr, fmt.Sprintf("offset %d", badOff)) {
		t.Errorf("upgrade: exit %d, stderr %q (want offset %d)", r.code, r.stderr, badOff)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("OUT exists after a failed upgrade (err %v)", err)
	}
	// An existing OUT is left as it was; so it is after damage in a frame.
	os.WriteFile(out, []byte("old"), 0o644)
	torn := filepath.Join(dir, "torn.wal")
	os.WriteFile(torn, b[:len(b)-2], 0o644)
	for _, src := range []string{in, torn} {
		r = walwire(t, nil, "upgrade", src, out)
		if got, _ := os.ReadFile(out); r.code != 1 || string(got) != "old" {
			t.Errorf("upgrade %s: exit %d, OUT %q", src, r.code, got)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left in the directory: %v", names)
	}
}

func TestUsageErrors(t *testing.T) {
	path, _ := genFile(t, "-n", "3")
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"inspect"},
		{"inspect", path, path},
		{"inspect", "--bogus", path},
		{"inspect", "--key", "x", path},
		{"inspect", "--within", "5", path},
		{"inspect", "--key", "1", "--within", "1:2", path},
		{"inspect", "--kind", "NoSuchKind", path},
		{"inspect", "--from", "-1", path},
		{"verify"},
		{"upgrade", path},
		{"upgrade", path, "-"},
		{"repair"},
		{"gen", "-n", "-1"},
		{"gen", "extra"},
		{"decode-raw", "file"},
	} {
		r := walwire(t, nil, args...)
		if r.code != 2 || r.stderr == "" {
			t.Errorf("walwire %v: exit %d (want 2), stderr %q", args, r.code, r.stderr)
		}
	}
	// -h is not an error.
	if r := walwire(t, nil, "inspect", "-h"); r.code != 0 || !strings.Contains(r.stderr, "usage: walwire inspect") {
		t.Errorf("inspect -h: exit %d, stderr %q", r.code, r.stderr)
	}
	// A missing file is bad input, not a usage error.
	if r := walwire(t, nil, "verify", filepath.Join(t.TempDir(), "none")); r.code != 1 {
		t.Errorf("verify of a missing file: exit %d, want 1", r.code)
	}
}

func TestDecodeRawBinary(t *testing.T) {
	in, _ := os.ReadFile(filepath.Join(goldenDir, "nested.bin"))
	want, _ := os.ReadFile(filepath.Join(goldenDir, "nested.stdout"))
	if got := must(t, in, "decode-raw"); got != string(want) {
		t.Errorf("decode-raw: %q, want %q", got, want)
	}
	r := walwire(t, []byte{0x0f, 0x01}, "decode-raw")
	if r.code != 1 || r.stdout != "" || r.stderr != "Failed to parse input.\n" {
		t.Errorf("decode-raw of a non-message: %+v", r)
	}
}

// payloadType returns the payload message type of kind k in the reference
// (protobuf-go) types, independently of the command: from the
// (walwire.v2.payload) option of its RecordKind value in proto/; nil for an
// opaque bytes payload. The codec must be the kind's.
func payloadType(k envelope.Kind, c envelope.Codec) (protoreflect.MessageType, error) {
	v := testpb.RecordKind(0).Descriptor().Values().ByNumber(protoreflect.EnumNumber(k))
	if v == nil {
		return nil, fmt.Errorf("kind %v: %w", k, envelope.ErrUnknownKind)
	}
	opt, _ := proto.GetExtension(v.Options(), testpb.E_Payload).(*testpb.KindPayload)
	if opt == nil || envelope.Codec(opt.GetCodec()) != c {
		return nil, fmt.Errorf("kind %v with payload codec %v: %w", k, c, envelope.ErrUnsupportedCodec)
	}
	if opt.GetMessage() == "" {
		return nil, nil
	}
	return protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(opt.GetMessage()))
}

// messageTypeOf is the payload message type of kind k (protobuf codec).
func messageTypeOf(t *testing.T, k envelope.Kind) protoreflect.MessageType {
	t.Helper()
	mt, err := payloadType(k, envelope.CodecProtobuf)
	if err != nil || mt == nil {
		t.Fatalf("kind %v: %v", k, err)
	}
	return mt
}

// TestUpgradeProgressOnTerminal runs upgrade under script(1), which gives
// it a terminal: the progress bar appears there (and never when stderr is
// not a terminal: see TestUpgrade).
func TestUpgradeProgressOnTerminal(t *testing.T) {
	scriptCmd, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) not installed")
	}
	in, _ := genFile(t, "-n", "20000", "--v1")
	out := filepath.Join(t.TempDir(), "v2.wal")
	cmd := exec.Command(scriptCmd, "-qec", binary+" upgrade "+in+" "+out, "/dev/null")
	tty, err := cmd.CombinedOutput()
	if err != nil {
		t.Skipf("script(1) could not run the command: %v\n%s", err, tty)
	}
	if !bytes.Contains(tty, []byte("upgrading")) || !bytes.Contains(tty, []byte("20000 records (20000 upgraded from v1")) {
		t.Errorf("no progress bar or summary on the terminal:\n%q", tty)
	}
	if v := must(t, nil, "verify", out); !strings.Contains(v, "20000 good records (0 v1, 20000 v2)") {
		t.Errorf("verify: %s", v)
	}
}
