package main

import (
	"bufio"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/records"
)

// runInspect implements "walwire inspect": one line (or JSON object) per
// record that passes the filters.
func runInspect(e *env, args []string) int {
	fs := newFlags("inspect", "[flags] FILE|-")
	payload := fs.Bool("payload", false, "decode each payload, check it, and print it as JSON (protojson conventions); a payload that does not decode is reported as invalid")
	asJSON := fs.Bool("json", false, "write JSON lines (protojson conventions) instead of text")
	var kinds kindFlag
	fs.Var(&kinds, "kind", "only records of these `KINDS`: names or numbers, comma-separated (Invoke,9)")
	key := fs.String("key", "", "only records whose keys include `K`")
	within := fs.String("within", "", "only records with a key in `LO:HI` (inclusive)")
	from := fs.Int64("from", 0, "start at this stream `OFFSET` (a frame boundary)")
	limit := fs.Int64("limit", -1, "print at most `N` records")
	cont := fs.Bool("continue", false, "go on past damage at the next good frame: report each damaged range on stderr, exit 1 at the end (reads standard input into memory)")
	plain := fs.Bool("plain", false, "read plain frames (protobuf delimited, no checksum)")
	pos, err := parseFlags(fs, args, 1, 1, e)
	if err != nil {
		return flagExit(err)
	}
	filter, err := keyFilter(*key, *within)
	if err != nil {
		return usageError(e, fs, err)
	}
	if *from < 0 {
		return usageError(e, fs, fmt.Errorf("--from must not be negative"))
	}

	in, err := openStream(e, pos[0], *cont)
	if err != nil {
		return fail(e, "inspect", exitInvalid, "%v", err)
	}
	defer in.close()

	out := bufio.NewWriterSize(e.stdout, 1<<16)
	defer out.Flush()
	w := walker{opts: frameOptions(*plain), cont: *cont, from: *from}
	var (
		printed int64
		bad     bool
		line    []byte
		dec     = decoders{}
	)
	// badRecord reports a record whose frame is good but whose bytes are
	// not a valid record; without --continue the walk stops there.
	badRecord := func(off int64, err error) error {
		bad = true
		fmt.Fprintf(e.stderr, "walwire inspect: %s: invalid record at offset %d: %v\n", in.name, off, err)
		if !*cont {
			return errStop
		}
		return nil
	}
	werr := w.walk(in, func(off int64, b []byte) error {
		if *limit >= 0 && printed >= *limit {
			return errStop
		}
		r, err := parseRecord(off, b)
		if err != nil {
			return badRecord(off, err)
		}
		if !kinds.matches(r.raw.Header.Kind) || !r.raw.Header.Keys.Matches(filter) {
			return nil
		}
		var p records.Payload
		if *payload {
			if p, err = dec.check(&r); err != nil {
				return badRecord(off, err)
			}
		}
		line = line[:0]
		if *asJSON {
			if line, err = appendJSON(line, &r, p); err != nil {
				return badRecord(off, err)
			}
		} else {
			line = appendText(line, &r)
			if *payload {
				pj, err := payloadJSON(p)
				if err != nil {
					return badRecord(off, err)
				}
				line = append(append(line, ' '), pj...)
			}
		}
		line = append(line, '\n')
		if _, err := out.Write(line); err != nil {
			return err
		}
		printed++
		return nil
	}, func(d damage) {
		bad = true
		fmt.Fprintf(e.stderr, "walwire inspect: %s: %v\n", in.name, d)
	})
	if err := out.Flush(); err != nil && werr == nil {
		werr = err
	}
	if werr != nil {
		return fail(e, "inspect", exitInvalid, "%s: %v", in.name, werr)
	}
	if bad {
		return exitInvalid
	}
	return exitOK
}

// kindFlag is the --kind filter: a set of kinds by name or number.
type kindFlag struct{ kinds []envelope.Kind }

var _ flag.Value = (*kindFlag)(nil)

func (f *kindFlag) String() string {
	s := make([]string, len(f.kinds))
	for i, k := range f.kinds {
		s[i] = k.String()
	}
	return strings.Join(s, ",")
}

func (f *kindFlag) Set(v string) error {
	for _, name := range strings.Split(v, ",") {
		name = strings.TrimSpace(name)
		if k, ok := records.KindByName(name); ok {
			f.kinds = append(f.kinds, k)
			continue
		}
		n, err := strconv.ParseUint(name, 10, 32)
		if err != nil {
			return fmt.Errorf("unknown kind %q (a name such as Invoke, or a number)", name)
		}
		f.kinds = append(f.kinds, envelope.Kind(n))
	}
	return nil
}

// matches reports whether k passes the filter (an empty filter passes all).
func (f *kindFlag) matches(k envelope.Kind) bool {
	if len(f.kinds) == 0 {
		return true
	}
	for _, x := range f.kinds {
		if x == k {
			return true
		}
	}
	return false
}

// keyFilter builds the key filter of --key and --within (at most one).
func keyFilter(key, within string) (envelope.KeyFilter, error) {
	switch {
	case key != "" && within != "":
		return envelope.AnyKey(), fmt.Errorf("--key and --within exclude each other")
	case key != "":
		k, err := strconv.ParseUint(key, 10, 64)
		if err != nil {
			return envelope.AnyKey(), fmt.Errorf("--key %q: want an unsigned integer", key)
		}
		return envelope.IncludeKey(k), nil
	case within != "":
		lo, hi, ok := strings.Cut(within, ":")
		l, err1 := strconv.ParseUint(lo, 10, 64)
		h, err2 := strconv.ParseUint(hi, 10, 64)
		if !ok || err1 != nil || err2 != nil {
			return envelope.AnyKey(), fmt.Errorf("--within %q: want LO:HI, two unsigned integers", within)
		}
		return envelope.WithinKeys(l, h), nil
	}
	return envelope.AnyKey(), nil
}
