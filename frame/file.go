package frame

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/walwire/walwire/internal/fsutil"
	"github.com/walwire/walwire/wire"
)

// ScanResult is what a walk over a whole stream found.
type ScanResult struct {
	// Records is the number of whole, good frames before any damage.
	Records int64
	// End is the offset just after the last good frame: where a log with a
	// torn tail is truncated.
	End int64
	// Size is the number of bytes in the stream.
	Size int64
	// Damage is nil, or the *wire.Error found (ErrTornTail or ErrCorrupt) at End.
	Damage error
}

// Scan reads the stream r to its end and reports its good frames and the
// damage found. Its error is for a failure of r only; damage is in the
// result.
func Scan(r io.Reader, o Options) (ScanResult, error) {
	fr := NewReader(r, o)
	var res ScanResult
	for {
		_, _, err := fr.Next()
		if err == nil {
			res.Records++
			continue
		}
		res.End = fr.off
		if err == io.EOF {
			res.Size = fr.consumed()
			return res, nil
		}
		var fe *wire.Error
		if !errors.As(err, &fe) {
			return res, err
		}
		res.Damage = err
		// The Reader may stop before the end (at corruption): count the rest.
		rest, err := io.Copy(io.Discard, r)
		res.Size = fr.consumed() + rest
		return res, err
	}
}

// BrokenSuffix is appended to a file's name to name the copy of the tail
// that Repair cuts off.
const BrokenSuffix = ".broken"

// Repair scans the file at path and, if it ends in a torn tail, repairs it:
// it copies the bytes [End, Size) to path+".broken" (written to a temporary
// file, synced, then linked into place, so that it is whole or absent; an
// existing path+".broken" is never replaced), truncates the file to End and
// syncs it. Mid-stream corruption is refused with an error wrapping
// ErrCorrupt (and nothing changed) unless force is set: then it is cut off
// the same way, which moves every record after the damage into the .broken
// file. A file without damage is left unchanged. The result is the scan's.
func Repair(path string, o Options, force bool) (ScanResult, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return ScanResult{}, err
	}
	defer f.Close()
	res, err := Scan(f, o)
	if err != nil || res.Damage == nil {
		return res, err
	}
	if errors.Is(res.Damage, ErrCorrupt) && !force {
		return res, fmt.Errorf("frame: repair of %s refused: %w", path, res.Damage)
	}
	if err := saveTail(f, path+BrokenSuffix, res.End, res.Size); err != nil {
		return res, err
	}
	if err := f.Truncate(res.End); err != nil {
		return res, err
	}
	if err := f.Sync(); err != nil {
		return res, err
	}
	return res, f.Close()
}

// saveTail copies the bytes [from, to) of f to a new file named dst,
// durably: it fails if dst exists, and leaves no partial dst behind.
func saveTail(f *os.File, dst string, from, to int64) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
		}
		os.Remove(tmp.Name())
	}()
	n, err := io.Copy(tmp, io.NewSectionReader(f, from, to-from))
	if err != nil {
		return err
	}
	if n != to-from {
		return fmt.Errorf("frame: copying the tail of %s: %w", f.Name(), io.ErrUnexpectedEOF)
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Link(tmp.Name(), dst); err != nil {
		return err
	}
	return fsutil.SyncDir(filepath.Dir(dst))
}
