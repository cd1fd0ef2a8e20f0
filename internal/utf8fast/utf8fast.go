// Package utf8fast checks UTF-8 as unicode/utf8 does, with a fast path for
// the common case of ASCII text: the bytes are OR-ed together eight at a
// time (the last eight overlapping the ones before; a string of up to 32
// bytes in at most four loads, without a loop), and only text with a byte
// of 0x80 or above is handed to unicode/utf8.
package utf8fast

import (
	"encoding/binary"
	"unicode/utf8"
	"unsafe"
)

const highBits = 0x8080808080808080

// ValidString reports whether s is valid UTF-8 (utf8.ValidString).
func ValidString(s string) bool {
	n := len(s)
	var acc uint64
	switch {
	case n > 32:
		for i := 0; i+16 <= n; i += 16 {
			acc |= load64(s[i:i+8]) | load64(s[i+8:i+16])
		}
		acc |= load64(s[n-16:n-8]) | load64(s[n-8:])
	case n > 16:
		// Up to 32 bytes: four loads, the last two overlapping the first.
		acc = load64(s[:8]) | load64(s[8:16]) | load64(s[n-16:n-8]) | load64(s[n-8:])
	case n >= 8:
		acc = load64(s[:8]) | load64(s[n-8:])
	case n >= 4:
		acc = load32(s[:4]) | load32(s[n-4:])
	case n > 0:
		// 1 to 3 bytes: the first, the middle and the last cover them all.
		acc = uint64(s[0]) | uint64(s[n/2]) | uint64(s[n-1])
	}
	return acc&highBits == 0 || utf8.ValidString(s)
}

// ShortASCII reports whether b is ASCII and at most 16 bytes long, with at
// most two loads: the common case of a name or a key, in a check small
// enough for the compiler to inline (keep it so: its inline cost is at the
// limit), so that a caller writes ShortASCII(b) || Valid(b) and calls out
// only for longer or non-ASCII text (a zero-copy decode of 520 B is 5%
// slower calling Valid alone). False says nothing about the UTF-8 of b.
// (ValidString's short cases load the same bytes; written there on a string
// they measure faster than through this function.)
func ShortASCII(b []byte) bool {
	n := len(b)
	var acc uint64
	switch {
	case n > 16:
		return false
	case n >= 8: // the first eight bytes and the last eight, overlapping
		acc = binary.LittleEndian.Uint64(b) | binary.LittleEndian.Uint64(b[n-8:])
	case n >= 4:
		acc = uint64(binary.LittleEndian.Uint32(b) | binary.LittleEndian.Uint32(b[n-4:]))
	case n > 0: // 1 to 3 bytes: the first, middle and last are all of them
		acc = uint64(b[0] | b[n/2] | b[n-1])
	}
	return acc&highBits == 0
}

// Valid reports whether b is valid UTF-8 (utf8.Valid).
func Valid(b []byte) bool { return ValidString(unsafe.String(unsafe.SliceData(b), len(b))) }

func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func load32(s string) uint64 {
	_ = s[3]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}
