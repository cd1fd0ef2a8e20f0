package main

import (
	"io"

	"github.com/walwire/walwire/internal/rawproto"
)

// runDecodeRaw implements "walwire decode-raw": one message from stdin,
// printed as protoc --decode_raw prints it (see package rawproto).
func runDecodeRaw(e *env, args []string) int {
	fs := newFlags("decode-raw", "< MESSAGE")
	if _, err := parseFlags(fs, args, 0, 0, e); err != nil {
		return flagExit(err)
	}
	b, err := io.ReadAll(e.stdin)
	if err != nil {
		return fail(e, "decode-raw", exitInvalid, "reading stdin: %v", err)
	}
	if err := rawproto.Print(e.stdout, b); err != nil {
		if err == rawproto.ErrNotMessage {
			// protoc's words, so that scripts see no difference.
			io.WriteString(e.stderr, rawproto.ProtocParseFailure)
			return exitInvalid
		}
		return fail(e, "decode-raw", exitInvalid, "%v", err)
	}
	return exitOK
}
