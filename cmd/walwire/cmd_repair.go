package main

import (
	"errors"
	"fmt"

	"github.com/walwire/walwire/frame"
)

// runRepair implements "walwire repair FILE": frame.Repair with a report. A
// torn tail is cut off (and kept in FILE.broken); corruption in the middle
// of the log is refused (exit 1) unless --force.
func runRepair(e *env, args []string) int {
	fs := newFlags("repair", "[--force] [--plain] FILE")
	force := fs.Bool("force", false, "also cut at mid-stream corruption (every record after it moves to FILE.broken)")
	plain := fs.Bool("plain", false, "the file holds plain frames (protobuf delimited, no checksum)")
	pos, err := parseFlags(fs, args, 1, 1, e)
	if err != nil {
		return flagExit(err)
	}
	path := pos[0]
	res, err := frame.Repair(path, frameOptions(*plain), *force)
	if err != nil {
		if errors.Is(err, frame.ErrCorrupt) {
			return fail(e, "repair", exitInvalid, "%s: %d good records up to offset %d, then %v; nothing changed (--force cuts there, moving %d bytes to %s%s)",
				path, res.Records, res.End, res.Damage, res.Size-res.End, path, frame.BrokenSuffix)
		}
		return fail(e, "repair", exitInvalid, "%s: %v", path, err)
	}
	if res.Damage == nil {
		fmt.Fprintf(e.stdout, "%s: %d records, %d bytes, no damage: nothing to repair\n", path, res.Records, res.Size)
		return exitOK
	}
	fmt.Fprintf(e.stdout, "%s: %d good records; %v\n", path, res.Records, res.Damage)
	fmt.Fprintf(e.stdout, "%s: truncated from %d to %d bytes; the %d bytes cut off are in %s%s\n",
		path, res.Size, res.End, res.Size-res.End, path, frame.BrokenSuffix)
	return exitOK
}
