package envelope

import (
	"log/slog"
	"strconv"

	"github.com/walwire/walwire/wire"
)

// KeysKind says which member of Keys is set.
type KeysKind uint8

// The members of Keys.
const (
	KeysNone   KeysKind = iota // no keys: matches every filter
	KeysSingle                 // one key
	KeysPair                   // two keys
	KeysRange                  // an inclusive range of keys
)

// Keys are the partition keys a payload touches, so a log layer can index and
// filter records without decoding payloads. The zero Keys is none.
//
// On the wire Keys is the protobuf message
//
//	oneof { uint64 single = 1; Pair pair = 2; RangeInclusive range_inclusive = 3; }
//	Pair { uint64 a = 1; uint64 b = 2; }  RangeInclusive { uint64 start = 1; uint64 end = 2; }
//
// and a field of type Keys is left out when the keys are none.
type Keys struct {
	kind KeysKind
	a, b uint64
}

// NoKeys returns none.
func NoKeys() Keys { return Keys{} }

// SingleKey returns the one key k (0 included: single(0) is a real key).
func SingleKey(k uint64) Keys { return Keys{kind: KeysSingle, a: k} }

// PairKeys returns the two keys a and b.
func PairKeys(a, b uint64) Keys { return Keys{kind: KeysPair, a: a, b: b} }

// RangeKeys returns the keys start to end inclusive. A range whose start is
// above its end is invalid: Validate reports it and writers refuse it.
func RangeKeys(start, end uint64) Keys { return Keys{kind: KeysRange, a: start, b: end} }

// Kind returns which member is set.
func (k Keys) Kind() KeysKind { return k.kind }

// IsNone reports whether k is none.
func (k Keys) IsNone() bool { return k.kind == KeysNone }

// Single returns the key of a single.
func (k Keys) Single() uint64 { return k.a }

// Pair returns the keys of a pair.
func (k Keys) Pair() (a, b uint64) { return k.a, k.b }

// Range returns the bounds of a range.
func (k Keys) Range() (start, end uint64) { return k.a, k.b }

// First returns the first key: a single's key, a pair's a, a range's start;
// 0 for none.
func (k Keys) First() uint64 { return k.a }

// Validate reports a range whose start is above its end.
func (k Keys) Validate() error {
	if k.kind == KeysRange && k.a > k.b {
		return InvalidValue("range_inclusive")
	}
	return nil
}

// Size returns the size of the Keys message (without a tag or length
// prefix); 0 for none.
func (k Keys) Size() int {
	switch k.kind {
	case KeysSingle:
		return 1 + wire.SizeVarint(k.a)
	case KeysPair, KeysRange:
		return 2 + k.pairSize() // at most 22 bytes: a one-byte length
	}
	return 0
}

func (k Keys) pairSize() int {
	n := 0
	if k.a != 0 {
		n += 1 + wire.SizeVarint(k.a)
	}
	if k.b != 0 {
		n += 1 + wire.SizeVarint(k.b)
	}
	return n
}

// AppendTo appends the Keys message (without a tag or length prefix).
func (k Keys) AppendTo(b []byte) []byte { return k.appendSized(b, k.Size()) }

// appendSized appends the Keys message, whose size k.Size() is size: a
// pair's message is then its tag, its one-byte length (at most 22) and its
// pairSize() = size-2 bytes, so nothing is sized twice.
func (k Keys) appendSized(b []byte, size int) []byte {
	switch k.kind {
	case KeysSingle:
		return wire.AppendVarint(append(b, wire.TagByte(1, wire.VarintType)), k.a)
	case KeysPair, KeysRange:
		b = append(b, wire.TagByte(wire.Number(k.kind), wire.BytesType), byte(size-2))
		if k.a != 0 {
			b = wire.AppendVarint(append(b, wire.TagByte(1, wire.VarintType)), k.a)
		}
		if k.b != 0 {
			b = wire.AppendVarint(append(b, wire.TagByte(2, wire.VarintType)), k.b)
		}
	}
	return b
}

// SizeField returns the size of field num holding k, 0 for none.
func (k Keys) SizeField(num wire.Number) int {
	if k.kind == KeysNone {
		return 0
	}
	return wire.SizeTag(num) + wire.SizeBytes(k.Size())
}

// AppendField appends field num holding k, nothing for none.
func (k Keys) AppendField(b []byte, num wire.Number) []byte {
	if k.kind == KeysNone {
		return b
	}
	size := k.Size() // at most 24: a one-byte length
	return k.appendSized(append(wire.AppendTag(b, num, wire.BytesType), byte(size)), size)
}

// MergeFrom reads a Keys message from r into k, as protobuf merges a repeated
// occurrence: a member seen again is merged, another member replaces it. A
// range whose start is above its end is ErrInvalidValue (checked by the
// caller, once the message is whole: see Validate).
func (k *Keys) MergeFrom(r *wire.Reader) error {
	for r.Next() {
		if r.Number() == 1 && r.Type() == wire.VarintType {
			*k = Keys{kind: KeysSingle, a: r.Value()}
			continue
		}
		kind, ok := wire.Member(r, KeysPair, KeysRange)
		if !ok {
			continue
		}
		if k.kind != kind {
			*k = Keys{kind: kind}
		}
		var sub wire.Reader
		if !r.MessageInto(&sub) {
			continue
		}
		for sub.Next() {
			switch sub.Number() {
			case 1:
				sub.Uint64(&k.a)
			case 2:
				sub.Uint64(&k.b)
			}
		}
		if err := sub.Err(); err != nil {
			return err
		}
	}
	return r.Err()
}

// String returns "none", "single(k)", "pair(a, b)" or "range(s..e)".
func (k Keys) String() string { return string(k.appendText(nil)) }

func (k Keys) appendText(b []byte) []byte {
	switch k.kind {
	case KeysSingle:
		b = append(b, "single("...)
		b = strconv.AppendUint(b, k.a, 10)
	case KeysPair:
		b = append(b, "pair("...)
		b = strconv.AppendUint(b, k.a, 10)
		b = append(b, ", "...)
		b = strconv.AppendUint(b, k.b, 10)
	case KeysRange:
		b = append(b, "range("...)
		b = strconv.AppendUint(b, k.a, 10)
		b = append(b, ".."...)
		b = strconv.AppendUint(b, k.b, 10)
	default:
		return append(b, "none"...)
	}
	return append(b, ')')
}

// LogValue logs the keys as their String.
func (k Keys) LogValue() slog.Value { return slog.StringValue(k.String()) }

// KeyFilter selects records by their keys: any record, the records touching a
// key, or the records touching a key within a range. The zero KeyFilter is
// AnyKey.
type KeyFilter struct {
	kind   uint8 // 0 any, 1 include, 2 within
	lo, hi uint64
}

// AnyKey returns the filter that matches every record.
func AnyKey() KeyFilter { return KeyFilter{} }

// IncludeKey returns the filter that matches the records touching key k.
func IncludeKey(k uint64) KeyFilter { return KeyFilter{kind: 1, lo: k, hi: k} }

// WithinKeys returns the filter that matches the records touching a key from
// lo to hi inclusive. With lo above hi it matches no record at all.
func WithinKeys(lo, hi uint64) KeyFilter { return KeyFilter{kind: 2, lo: lo, hi: hi} }

// Matches reports whether records with keys k pass filter f. An empty
// WithinKeys range matches nothing; AnyKey and keys none match everything;
// otherwise a record matches when any of its keys falls in the filter's
// range (IncludeKey(k) being the range k..k).
func (k Keys) Matches(f KeyFilter) bool {
	if f.lo > f.hi {
		return false
	}
	if f.kind == 0 {
		return true
	}
	in := func(x uint64) bool { return f.lo <= x && x <= f.hi }
	switch k.kind {
	case KeysSingle:
		return in(k.a)
	case KeysPair:
		return in(k.a) || in(k.b)
	case KeysRange:
		return k.a <= f.hi && f.lo <= k.b
	}
	return true
}
