package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/frame"
	"github.com/walwire/walwire/wire"
)

// errStop ends a walk early without an error (--limit reached).
var errStop = errors.New("stop")

// damage is a damaged range of a stream, [start, end): end is where the next
// good frame starts, the end of the stream if none does, or -1 if the walk
// stopped at the damage without looking further.
type damage struct {
	start, end int64
	toEnd      bool // no good frame follows: the damage runs to the end
	err        error
}

func (d damage) String() string {
	switch {
	case d.end < 0:
		return fmt.Sprintf("damage at offset %d: %v", d.start, d.err)
	case d.toEnd:
		return fmt.Sprintf("damage at offset %d, no good frame after it (%d bytes to the end): %v", d.start, d.end-d.start, d.err)
	default:
		return fmt.Sprintf("damage at offset %d, %d bytes skipped, next good frame at offset %d: %v", d.start, d.end-d.start, d.end, d.err)
	}
}

// input is an opened FILE or standard input.
type input struct {
	name string
	r    io.Reader
	// ra and size give random access, needed to look for the next good frame
	// after damage; for standard input they are set once it has been read
	// into memory.
	ra    io.ReaderAt
	size  int64
	close func()
}

// openStream opens FILE or "-" for walking. With random access it reads
// standard input into memory (a file is read in place).
func openStream(e *env, name string, random bool) (*input, error) {
	if name == "-" {
		in := &input{name: "stdin", r: e.stdin, close: func() {}}
		if random {
			b, err := io.ReadAll(e.stdin)
			if err != nil {
				return nil, err
			}
			br := bytes.NewReader(b)
			in.r, in.ra, in.size = br, br, int64(len(b))
		}
		return in, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &input{name: name, r: f, ra: f, size: st.Size(), close: func() { f.Close() }}, nil
}

// walker walks the frames of a stream, from an offset, reporting each record
// and each damaged range; with cont it goes on after damage at the next
// good frame, otherwise it stops there.
type walker struct {
	opts frame.Options
	cont bool
	from int64
}

// walk calls rec for each record (its stream offset and bytes, valid until
// rec returns) and dmg for each damaged range. It returns the first error of
// rec other than errStop, or an I/O error; damage is not an error.
func (w *walker) walk(in *input, rec func(off int64, b []byte) error, dmg func(d damage)) error {
	base := w.from
	var src io.Reader
	if in.ra != nil {
		src = io.NewSectionReader(in.ra, base, max(in.size-base, 0))
	} else {
		if _, err := io.CopyN(io.Discard, in.r, base); err != nil {
			if err == io.EOF {
				return fmt.Errorf("--from %d is past the end of the stream", base)
			}
			return err
		}
		src = bufio.NewReaderSize(in.r, 1<<16)
	}
	for {
		r := frame.NewReader(src, w.opts)
		for {
			b, off, err := r.Next()
			if err == io.EOF {
				return nil
			}
			var fe *frame.Error
			if errors.As(err, &fe) {
				d := damage{start: base + fe.Offset, end: -1, err: err}
				if !w.cont || in.ra == nil {
					dmg(d)
					return nil
				}
				d.end = in.size
				next, ok, ierr := w.resync(in, d.start+1)
				if ierr != nil {
					return ierr
				}
				if ok {
					d.end = next
				} else {
					d.toEnd = true
				}
				dmg(d)
				if !ok {
					return nil
				}
				base = next
				src = io.NewSectionReader(in.ra, base, in.size-base)
				break
			}
			if err != nil {
				return err
			}
			if err := rec(base+off, b); err != nil {
				if err == errStop {
					return nil
				}
				return err
			}
		}
	}
}

// resync returns the first offset at or after from where a good frame
// holding a record that starts with a known codec byte begins.
func (w *walker) resync(in *input, from int64) (int64, bool, error) {
	var head [binaryMaxVarint + 1]byte
	probe := w.opts
	probe.BufferSize = 4 << 10
	for o := from; o < in.size; o++ {
		n, err := in.ra.ReadAt(head[:], o)
		if err != nil && err != io.EOF {
			return 0, false, err
		}
		l, vn, verr := wire.ConsumeVarint(head[:n])
		if verr != nil || l == 0 || vn >= n || int64(l) > in.size-o-int64(vn) {
			continue
		}
		if c := head[vn]; c != envelope.V1CodecByte && c != envelope.V2CodecByte {
			continue
		}
		r := frame.NewReader(io.NewSectionReader(in.ra, o, in.size-o), probe)
		b, _, err := r.Next()
		if err != nil {
			continue
		}
		if b[0] == envelope.V2CodecByte {
			if _, err := envelope.Parse(b); err != nil {
				continue
			}
		}
		return o, true, nil
	}
	return 0, false, nil
}

// binaryMaxVarint is the longest varint.
const binaryMaxVarint = 10
