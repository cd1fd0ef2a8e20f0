// Package tagcheck holds a test: every constant field number that the
// module writes in the one-byte tag form (wire.TagByte, and records' lenTag
// and varTag built on it) is between 1 and 15, the numbers whose tag is one
// byte. It has no code of its own.
package tagcheck
