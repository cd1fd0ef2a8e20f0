package frame_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/frame"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// Write records to a log file with one Sync for the batch (group commit),
// then read them back. This is the README's example.
func Example_logFile() {
	dir, _ := os.MkdirTemp("", "wal")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "wal.log")

	var batch []envelope.Record
	for i := range uint64(3) {
		batch = append(batch, envelope.Record{
			Source:  envelope.IngressSource(),
			Dedup:   envelope.ForeignPartition(3, i),
			Payload: &records.TruncateOutbox{Index: i, PartitionKeyRange: envelope.SingleKey(1234)},
		})
	}

	// Write: many records, one Sync (group commit). Once Sync returns,
	// a crash loses none of them.
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		panic(err)
	}
	w := frame.NewWriter(f, frame.Options{Sync: f.Sync})
	for _, rec := range batch {
		if err := w.WriteRecord(&rec); err != nil {
			panic(err) // an invalid record: nothing was written
		}
	}
	if err := w.Sync(); err != nil {
		panic(err)
	}
	f.Close()

	// Read: every good record (a slice valid until the next one), then
	// the clean end or the damage, in r.Err.
	f, err = os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	r := frame.NewReader(f, frame.Options{})
	for off, rec := range r.All() {
		raw, err := envelope.Parse(rec)
		if err != nil {
			panic(err)
		}
		fmt.Println(off, raw.Header.Kind, raw.Header.Dedup.Seq)
	}
	if err := r.Err(); err != nil {
		panic(err) // errors.Is(err, frame.ErrTornTail): see frame.Repair
	}
	// Output:
	// 0 TruncateOutbox 0
	// 31 TruncateOutbox 1
	// 66 TruncateOutbox 2
}

// After a crash in the middle of an append, the log ends in a torn tail:
// Scan finds it, Repair cuts it off (keeping a copy beside the log), and the
// log can be appended to again.
func Example_repair() {
	dir, _ := os.MkdirTemp("", "wal")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "wal.log")

	f, _ := os.Create(path)
	w := frame.NewWriter(f, frame.Options{Sync: f.Sync})
	w.Write([]byte("\x07\x00first"))
	w.Write([]byte("\x07\x00second"))
	w.Sync()
	f.Write([]byte{0x0b, 0x07, 0x00, 't', 'h'}) // a third frame, cut short
	f.Close()

	f, _ = os.Open(path)
	res, err := frame.Scan(f, frame.Options{})
	f.Close()
	fmt.Println(res.Records, res.End, res.Size, err)
	fmt.Println(res.Damage, errors.Is(res.Damage, frame.ErrTornTail))

	res, err = frame.Repair(path, frame.Options{}, false)
	fmt.Println(err)
	fi, _ := os.Stat(path)
	broken, _ := os.ReadFile(path + ".broken")
	fmt.Printf("log: %d bytes; %s: %q\n", fi.Size(), filepath.Base(path)+".broken", broken)
	// Output:
	// 2 25 30 <nil>
	// walwire: torn tail at offset 25: the stream ends inside a frame true
	// <nil>
	// log: 25 bytes; wal.log.broken: "\v\a\x00th"
}

// A damaged frame in the middle of a stream is corruption: the reader
// returns the records before it, then the error with its offset, and Repair
// refuses to cut the log there unless forced.
func ExampleError() {
	dir, _ := os.MkdirTemp("", "wal")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "wal.log")

	f, _ := os.Create(path)
	w := frame.NewWriter(f, frame.Options{})
	for _, s := range []string{"one", "two", "three"} {
		w.Write([]byte(s))
	}
	w.Flush()
	f.WriteAt([]byte{'T'}, 9) // "two" becomes "Two" on disk
	f.Close()

	f, _ = os.Open(path)
	r := frame.NewReader(f, frame.Options{})
	for off, rec := range r.All() {
		fmt.Println(off, string(rec))
	}
	var fe *wire.Error
	if errors.As(r.Err(), &fe) {
		fmt.Println(fe.Offset, errors.Is(fe, frame.ErrCorrupt), fe.Detail)
	}
	f.Close()

	_, err := frame.Repair(path, frame.Options{}, false)
	fmt.Println(errors.Is(err, frame.ErrCorrupt))
	// Output:
	// 0 one
	// 8 true checksum mismatch
	// true
}
