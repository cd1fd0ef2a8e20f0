package envelope

import (
	"errors"

	"github.com/walwire/walwire/pool"
	"github.com/walwire/walwire/wire"
)

// ErrNotCanonical: a record that decodes but is not in canonical form, the
// one encoding walwire's writer produces for its value. The error's offset
// is that of the first byte that differs from the canonical encoding.
var ErrNotCanonical = errors.New("not in canonical form")

// Canonical form.
//
// A value has many protobuf encodings (overlong varints, fields in any order
// or repeated, zero scalars written or not, repeated scalars packed or not,
// empty messages that mean nothing, unknown fields), and a decoder must
// accept them all. Users who hash, sign or compare records byte for byte
// need the opposite: one encoding per value. The canonical form is the one
// walwire's writer produces (Record.Marshal): minimal varints and lengths,
// fields in number order and each once, zero scalars left out, repeated
// scalars packed, no empty U128, Keys or Dedup, no unknown field, the header
// carrying the payload's kind, codec and keys. ParseCanonical and
// Raw.DecodeCanonical accept exactly that: what they accept re-encodes to
// the same bytes, and walwire's output always passes.

// ParseCanonical parses b as Parse does, and accepts it only if the codec
// byte, header length and header are exactly the bytes walwire writes for
// the header it reads (so, no unknown header field). The payload is checked
// by Raw.DecodeCanonical. It allocates nothing unless b is refused.
func ParseCanonical(b []byte) (Raw, error) {
	raw, err := Parse(b)
	if err != nil {
		return raw, err
	}
	if err := raw.checkHeader(b, &raw.Header); err != nil {
		return Raw{}, err
	}
	return raw, nil
}

// checkHeader compares the record b's codec byte, header length and header
// with the canonical encoding of h.
func (raw *Raw) checkHeader(b []byte, h *Header) error {
	hs := h.Size()
	n := 1 + wire.SizeVarint(uint64(hs)) + hs
	buf := pool.Get(n)
	defer pool.Put(buf)
	want := append(buf.B[:0], V2CodecByte)
	want = wire.AppendVarint(want, uint64(hs))
	want = h.AppendTo(want)
	headerEnd := len(b) - len(raw.Payload)
	return firstDiff(b[:headerEnd], want, 0)
}

// firstDiff returns nil if got and want are equal, else an ErrNotCanonical
// error at the offset (plus base) of the first byte where they differ.
func firstDiff(got, want []byte, base int) error {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	if i == len(got) && i == len(want) {
		return nil
	}
	return wire.NewError(ErrNotCanonical, int64(base+i), 0)
}

// DecodeCanonical decodes the payload of raw, a record ParseCanonical
// accepted, into p in the given mode, as Decode and DecodeZeroCopy do, and
// accepts it only if the rest of the record is in canonical form too: the
// header is the one a writer writes for p (its kind, codec and keys), and
// the payload is exactly the bytes p's AppendTo writes. p must be a Payload
// too, so that it can be re-encoded. It allocates nothing beyond the
// decode itself unless the record is refused.
func (raw *Raw) DecodeCanonical(p Decodable, mode wire.Mode) error {
	if err := raw.decode(p, mode); err != nil {
		return err
	}
	w, ok := p.(Payload)
	if !ok {
		return kindError(ErrUnsupportedCodec, raw.Header.Kind, 0, raw.Header.Codec)
	}
	rec := Record{Source: raw.Header.Source, Dedup: raw.Header.Dedup, Payload: w}
	h := rec.Header()
	start := recordSize(raw.Header.Size(), 0) // where the payload starts, if the header is canonical
	if err := raw.checkHeaderBytes(h); err != nil {
		return err
	}
	size := w.Size()
	buf := pool.Get(size)
	defer pool.Put(buf)
	return firstDiff(raw.Payload, w.AppendTo(buf.B[:0]), start)
}

// checkHeaderBytes compares the stored header with h's canonical encoding:
// the header Parse read must be h, and written as walwire writes it.
func (raw *Raw) checkHeaderBytes(h Header) error {
	if raw.Header != h || raw.stored != nil && sizeUnknownHeaderFields(raw.stored) != 0 {
		return wire.Within(wire.NewError(ErrNotCanonical, -1, 0), "header")
	}
	return nil
}
