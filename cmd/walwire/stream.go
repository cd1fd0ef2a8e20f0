package main

import (
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
		if base > in.size {
			return fmt.Errorf("--from %d is past the end of the stream (%d bytes)", base, in.size)
		}
		src = io.NewSectionReader(in.ra, base, in.size-base)
	} else {
		if _, err := io.CopyN(io.Discard, in.r, base); err != nil {
			if err == io.EOF {
				return fmt.Errorf("--from %d is past the end of the stream", base)
			}
			return err
		}
		src = in.r // the frame reader buffers
	}
	for {
		r := frame.NewReader(src, w.opts)
		for {
			b, off, err := r.Next()
			if err != nil {
				if err == io.EOF {
					return nil
				}
				next, ok, werr := w.damaged(in, base, err, dmg)
				if werr != nil || !ok {
					return werr
				}
				base = next
				src = io.NewSectionReader(in.ra, base, in.size-base)
				break
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

// damaged reports the damage err met by a reader started at base and, when
// the walk goes on, returns the offset of the next good frame (ok false: the
// walk ends). An error that is not damage is returned as it is.
func (w *walker) damaged(in *input, base int64, err error, dmg func(d damage)) (next int64, ok bool, _ error) {
	var fe *wire.Error
	if !errors.As(err, &fe) {
		return 0, false, err
	}
	d := damage{start: base + fe.Offset, end: -1, err: err}
	if !w.cont || in.ra == nil {
		dmg(d)
		return 0, false, nil
	}
	next, ok, err = w.resync(in, d.start+1)
	if err != nil {
		return 0, false, err
	}
	d.end, d.toEnd = next, !ok
	if !ok {
		d.end = in.size
	}
	dmg(d)
	return next, ok, nil
}

// resync returns the first offset at or after from where a good frame
// starts whose record looks like a record: a known codec byte, then for v2 a
// header that parses, for v1 the opening brace of its JSON object. The
// cheap checks come first, so that garbage is skipped without reading the
// frames it seems to announce.
func (w *walker) resync(in *input, from int64) (int64, bool, error) {
	var head [binaryMaxVarint + 1 + binaryMaxVarint]byte
	var hdr []byte
	probe := w.opts
	probe.BufferSize = 4 << 10
	for o := from; o < in.size; o++ {
		n, err := in.ra.ReadAt(head[:], o)
		if err != nil && err != io.EOF {
			return 0, false, err
		}
		l, vn, verr := wire.ConsumeVarint(head[:n])
		if verr != nil || l == 0 || vn >= n || l > uint64(in.size-o-int64(vn)) {
			continue
		}
		rec := head[vn:n] // the record's first bytes
		switch rec[0] {
		case envelope.V1CodecByte:
			if len(rec) < 2 || rec[1] != '{' {
				continue
			}
		case envelope.V2CodecByte:
			h, hn, herr := wire.ConsumeVarint(rec[1:])
			if herr != nil || h > maxProbeHeader || uint64(1+hn)+h > l {
				continue
			}
			need := 1 + hn + int(h)
			if cap(hdr) < need {
				hdr = make([]byte, need, maxProbeHeader+1+binaryMaxVarint)
			}
			hdr = hdr[:need]
			if _, err := in.ra.ReadAt(hdr, o+int64(vn)); err != nil {
				continue
			}
			if _, err := envelope.Parse(hdr); err != nil {
				continue
			}
		default:
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

// maxProbeHeader is the longest header resync believes in (real headers are
// under 100 bytes).
const maxProbeHeader = 4096

// binaryMaxVarint is the longest varint.
const binaryMaxVarint = 10
