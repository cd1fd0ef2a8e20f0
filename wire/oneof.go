package wire

// Member reports whether the current field of r is one of the message
// members of a oneof whose members are fields lo to hi, and which one: the
// field is length-delimited and its number lies in [lo, hi]. The number is
// compared as a Number, before it is narrowed to K, so that a field whose
// number does not fit K (257 for a byte-sized K) is never taken for a member
// (257 would read as 1). Decoders skip a field that is not a member.
func Member[K ~uint8 | ~uint16 | ~uint32](r *Reader, lo, hi K) (K, bool) {
	if r.typ != BytesType || r.num < Number(lo) || r.num > Number(hi) {
		return 0, false
	}
	return K(r.num), true
}
