package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/frame"
	"github.com/walwire/walwire/internal/fsutil"
	"github.com/walwire/walwire/v1compat"
	"github.com/walwire/walwire/wire"
)

// runUpgrade implements "walwire upgrade IN OUT": a stream whose frames hold
// v1 records (v2 records may be mixed in; they are copied as they are)
// becomes a stream of v2 records. OUT is written as a temporary file in its
// directory, synced and renamed into place, so it is either the whole result
// or untouched; any damage or invalid record stops the upgrade, naming its
// offset.
func runUpgrade(e *env, args []string) int {
	fs := newFlags("upgrade", "[--plain] IN|- OUT")
	plain := fs.Bool("plain", false, "read and write plain frames (protobuf delimited, no checksum)")
	pos, err := parseFlags(fs, args, 2, 2, e)
	if err != nil {
		return flagExit(err)
	}
	if pos[1] == "-" {
		return usageError(e, fs, errors.New("OUT must be a file (it is written to a temporary file and renamed)"))
	}
	in, err := openStream(e, pos[0], false)
	if err != nil {
		return fail(e, "upgrade", exitInvalid, "%v", err)
	}
	defer in.close()

	start := time.Now()
	res, err := upgradeTo(pos[1], in, frameOptions(*plain), progress(e, in.size))
	if errors.Is(err, errDirSync) {
		return fail(e, "upgrade", exitInvalid, "%s is complete and in place, but %v", pos[1], err)
	}
	if err != nil {
		return fail(e, "upgrade", exitInvalid, "%s: %v; %s left untouched", in.name, err, pos[1])
	}
	fmt.Fprintf(e.stdout, "%s -> %s: %d records (%d upgraded from v1, %d already v2), %d bytes read, %d bytes written, in %s\n",
		in.name, pos[1], res.records, res.v1, res.records-res.v1, res.in, res.out, time.Since(start).Round(time.Millisecond))
	return exitOK
}

type upgradeResult struct {
	records, v1 int64
	in, out     int64
}

// upgradeTo writes the upgraded stream of in to a temporary file beside
// path, then syncs it, renames it to path and syncs the directory. On any
// error the temporary file is removed and path is not touched.
func upgradeTo(path string, in *input, o frame.Options, bar *progressbar.ProgressBar) (res upgradeResult, err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return res, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	wo := o
	wo.Sync = tmp.Sync
	w := frame.NewWriter(tmp, wo)
	var (
		buf     []byte
		damaged error
		wk      = walker{opts: o}
	)
	err = wk.walk(in, func(off int64, b []byte) error {
		if b[0] == envelope.V1CodecByte {
			res.v1++
		}
		var uerr error
		if buf, uerr = v1compat.Upgrade(buf[:0], b); uerr != nil {
			return fmt.Errorf("invalid record at offset %d: %w", off, uerr)
		}
		if werr := w.Write(buf); werr != nil {
			return fmt.Errorf("writing %s: %w", tmp.Name(), werr)
		}
		res.records++
		res.in = off + frameSize(o, len(b))
		if bar != nil {
			bar.Set64(res.in)
		}
		return nil
	}, func(d damage) {
		damaged = errors.New(d.String())
	})
	if err == nil {
		err = damaged
	}
	if err != nil {
		return res, err
	}
	if err = w.Sync(); err != nil {
		return res, err
	}
	res.out = w.Offset()
	// The mode of the file replaced, or the usual one of a new file (a
	// temporary file is created private).
	mode := os.FileMode(0o644)
	if st, serr := os.Stat(path); serr == nil {
		mode = st.Mode().Perm()
	}
	if err = tmp.Chmod(mode); err != nil {
		return res, err
	}
	if err = tmp.Close(); err != nil {
		return res, err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return res, err
	}
	if bar != nil {
		bar.Finish()
	}
	if derr := fsutil.SyncDir(dir); derr != nil {
		return res, fmt.Errorf("%w (%s): %v", errDirSync, dir, derr)
	}
	return res, nil
}

// errDirSync marks a failure after OUT was renamed into place: OUT is
// whole, but the rename may not survive a crash.
var errDirSync = errors.New("syncing the directory failed")

// frameSize is the size of the frame of an n-byte record.
func frameSize(o frame.Options, n int) int64 {
	s := int64(wire.SizeVarint(uint64(n)) + n)
	if !o.Plain {
		s += frame.ChecksumSize
	}
	return s
}

// progress returns a progress bar over size input bytes on stderr when
// stderr is a terminal, or nil.
func progress(e *env, size int64) *progressbar.ProgressBar {
	if e.stderrFile == nil || !term.IsTerminal(int(e.stderrFile.Fd())) {
		return nil
	}
	if size <= 0 {
		size = -1 // unknown (standard input): a spinner
	}
	return progressbar.NewOptions64(size,
		progressbar.OptionSetWriter(e.stderrFile),
		progressbar.OptionSetDescription("upgrading"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}
