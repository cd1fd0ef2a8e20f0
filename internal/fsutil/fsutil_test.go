package fsutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestSyncDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "a"), filepath.Join(dir, "b")); err != nil {
		t.Fatal(err)
	}
	if err := SyncDir(dir); err != nil {
		t.Fatalf("SyncDir(%q) = %v, want nil", dir, err)
	}
}

func TestSyncDirMissing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	err := SyncDir(dir)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("SyncDir(%q) = %v, want an error that is fs.ErrNotExist", dir, err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != dir {
		t.Fatalf("SyncDir(%q) = %v, want a *fs.PathError naming the directory", dir, err)
	}
}
