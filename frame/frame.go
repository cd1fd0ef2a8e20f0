package frame

import (
	"errors"
	"hash/crc32"
	"math"

	"github.com/walwire/walwire/wire"
)

// Defaults of Options.
const (
	// DefaultMaxRecordSize is the largest record a Reader accepts, and a
	// Writer writes, when Options.MaxRecordSize is 0: 64 MiB.
	DefaultMaxRecordSize = 64 << 20
	// DefaultBufferSize is the buffer of a Writer or a Reader when
	// Options.BufferSize is 0: 64 KiB.
	DefaultBufferSize = 64 << 10
)

// ChecksumSize is the size of a frame's trailing checksum in the
// checksummed form: a CRC-32C, 4 bytes little-endian.
const ChecksumSize = 4

// minBufferSize is the smallest buffer used: room for the longest varint
// and a checksum.
const minBufferSize = 16

// maxMaxRecordSize bounds Options.MaxRecordSize, so that a frame's size
// (length varint + record + checksum) never overflows an int.
const maxMaxRecordSize = math.MaxInt - 64

// castagnoli is the CRC-32C table, built once.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Options configure a Writer, a Reader, Scan and Repair. The zero value is
// the checksummed form with the default sizes. A writer and the readers of
// its stream must agree on Plain, and the readers' MaxRecordSize must be at
// least the writer's.
type Options struct {
	// Plain selects protobuf's delimited-stream form, varint(len) | record,
	// without a checksum.
	Plain bool
	// MaxRecordSize is the largest record a Reader accepts and a Writer
	// writes; 0 means DefaultMaxRecordSize.
	MaxRecordSize int
	// BufferSize is the size of the Writer's or Reader's buffer; 0 means
	// DefaultBufferSize. A Reader grows its buffer beyond it only to hold a
	// larger record, as its bytes arrive.
	BufferSize int
	// Sync, if set, is called by Writer.Sync after Flush: for a file,
	// (*os.File).Sync.
	Sync func() error
}

func (o *Options) maxRecordSize() int {
	switch {
	case o.MaxRecordSize <= 0:
		return DefaultMaxRecordSize
	case o.MaxRecordSize > maxMaxRecordSize:
		return maxMaxRecordSize
	}
	return o.MaxRecordSize
}

func (o *Options) bufferSize() int {
	switch {
	case o.BufferSize <= 0:
		return DefaultBufferSize
	case o.BufferSize < minBufferSize:
		return minBufferSize
	}
	return o.BufferSize
}

func (o *Options) checksumSize() int {
	if o.Plain {
		return 0
	}
	return ChecksumSize
}

// The classes of errors of this package. Test with errors.Is; the damage
// classes come in a *wire.Error whose Offset says where, in the stream.
var (
	// ErrTornTail: the stream ends inside a frame, or ends in a run of zero
	// bytes (which may start inside the last frame, its end never written),
	// and no whole, valid frame follows the damage: what a crash
	// during an append leaves. The Error's Offset is the end of the last
	// whole frame, where the stream can be truncated.
	ErrTornTail = errors.New("torn tail")
	// ErrCorrupt: damage in the middle of the stream: a checksum mismatch, a
	// length over the maximum (or over 64 bits, or not in its shortest
	// form), a length of 0 followed by non-zero bytes, or a frame cut short
	// with a valid frame after its first byte. The Error's
	// Offset is the start of the damaged frame.
	ErrCorrupt = errors.New("corrupt frame")
	// ErrTooLarge: a Writer was given a record over Options.MaxRecordSize;
	// nothing was written.
	ErrTooLarge = errors.New("record over the maximum size")
	// ErrInvalidRecord: a Writer was given an empty record, or a record
	// whose encoding is not of the size it reported; nothing was written.
	ErrInvalidRecord = errors.New("record cannot be framed")
)

// newError returns the damage found in a stream, or a record a Writer
// refused, as the module's one error type: class, stream offset and detail.
// Offset is the stream offset of the damage: for ErrTornTail, the end of the
// last whole frame; for ErrCorrupt, the start of the damaged frame; for a
// Writer's refusal, the offset the frame would have started at.
func newError(class error, off int64, detail string) *wire.Error {
	e := wire.NewError(class, off, 0)
	e.Detail = detail
	return e
}

// consumeLen decodes a frame's length varint at the start of b. It returns
// the value and its size; n == 0 if b ends inside the varint; n < 0 if the
// varint is not a valid length: longer than 10 bytes or over 64 bits
// (badLenOverflow), or not in its shortest form (badLenLong), which no
// writer emits and which would not re-write to the same bytes.
func consumeLen(b []byte) (v uint64, n int) {
	for i := 0; i < len(b) && i < 10; i++ {
		c := b[i]
		if i == 9 && c > 1 {
			return 0, badLenOverflow
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			if c == 0 && i > 0 {
				return 0, badLenLong
			}
			return v, i + 1
		}
	}
	if len(b) >= 10 {
		return 0, badLenOverflow
	}
	return 0, 0
}

// The invalid lengths consumeLen reports.
const (
	badLenOverflow = -1
	badLenLong     = -2
)
