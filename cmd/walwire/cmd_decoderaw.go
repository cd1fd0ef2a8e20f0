package main

import (
	"io"
)

// runDecodeRaw implements "walwire decode-raw": one message from stdin,
// printed as protoc --decode_raw prints it (see decoderaw.go).
func runDecodeRaw(e *env, args []string) int {
	fs := newFlags("decode-raw", "< MESSAGE")
	if _, err := parseFlags(fs, args, 0, 0, e); err != nil {
		return flagExit(err)
	}
	b, err := io.ReadAll(e.stdin)
	if err != nil {
		return fail(e, "decode-raw", exitInvalid, "reading stdin: %v", err)
	}
	if err := decodeRaw(e.stdout, b); err != nil {
		if err == errRawParse {
			io.WriteString(e.stderr, protocParseFailure)
			return exitInvalid
		}
		return fail(e, "decode-raw", exitInvalid, "%v", err)
	}
	return exitOK
}
