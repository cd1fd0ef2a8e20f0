#!/usr/bin/env bash
# Checks that the protobuf-go code generated from proto/walwire/v2 is the same
# in internal/testpb, bench/internal/pb and kafka/internal/pb but for the
# package line (scripts/genproto.sh writes all three; run it after editing a
# .proto file). Needs only bash and diff, so CI runs it without protoc.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ref=internal/testpb
status=0
norm() { sed -E '0,/^package [a-z]+$/s//package _/' "$1"; }
for copy in bench/internal/pb kafka/internal/pb; do
	# Same set of protoc-gen-go files (vtprotobuf's *_vtproto.pb.go are extra).
	a=$(cd "$ref" && ls *.pb.go | grep -v _vtproto)
	b=$(cd "$copy" && ls *.pb.go | grep -v _vtproto)
	if [ "$a" != "$b" ]; then
		echo "proto-check: $copy has files {$(echo $b)}, $ref has {$(echo $a)}" >&2
		status=1
		continue
	fi
	for f in $a; do
		if ! diff -u <(norm "$ref/$f") <(norm "$copy/$f") >/dev/null; then
			echo "proto-check: $copy/$f differs from $ref/$f beyond the package line (run scripts/genproto.sh):" >&2
			diff -u <(norm "$ref/$f") <(norm "$copy/$f") | head -20 >&2 || true
			status=1
		fi
	done
done
[ $status -eq 0 ] && echo "proto-check: internal/testpb, bench/internal/pb and kafka/internal/pb agree"
exit $status
