package wire

// TagByte returns the one-byte form of the tag of field num with wire type
// typ: num<<3 | typ, the whole tag of every field numbered 1 to 15. Given
// constants, the compiler folds it into a constant byte. A field numbered 16
// or more needs a longer tag (see AppendTag): TagByte is for small constant
// field numbers only, and internal/tagcheck checks that every constant
// number given to it in this module is below 16.
func TagByte(num Number, typ Type) byte { return byte(num)<<3 | byte(typ) }
