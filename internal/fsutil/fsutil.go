// Package fsutil holds the file-system steps that walwire's durable writes
// share.
package fsutil

import "os"

// SyncDir opens the directory dir, fsyncs it and closes it, so that the
// entries last created, renamed or linked in it survive a crash: syncing a
// file makes its contents durable, not its name. It returns the first
// error of the three steps.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}
