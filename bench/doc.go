// Package bench compares walwire, side by side and in one run, with the codecs
// Go users would pick instead: protobuf-go on generated types, the
// "mirror type" design (walwire's Go types converted to generated types and
// back), vtprotobuf (generated with its pool feature, decoding into pooled
// messages), hyperpb (decode only), easyproto, encoding/json of the v1
// format, a plain copy() of the encoded bytes as the physical floor of an
// encode, and floor, a straight-line header decoder, as that of a header
// decode. The replay loop reads a stream of a million mixed records the way
// a partition processor replays its log.
//
// It is its own module (github.com/walwire/walwire/bench), so the main module
// does not depend on the peers. Run it with scripts/bench.sh (make bench), which
// regenerates BENCHMARKS.md; fairness_test.go checks, on every go test, that
// every implementation writes and reads the same records.
//
// Sub-benchmarks are named impl=<implementation>/payload=<size>, so that
// benchstat -col /impl prints the implementations side by side.
package bench
