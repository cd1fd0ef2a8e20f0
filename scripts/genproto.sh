#!/usr/bin/env bash
# Regenerates every Go copy of proto/walwire/v2/*.proto:
#
#   internal/testpb     protobuf-go types for the tests (the reference)
#   bench/internal/pb   the same types plus vtprotobuf fast paths (features
#                       marshal, unmarshal, size, unmarshal_unsafe and pool,
#                       every message pooled: vtprotobuf's best decode path)
#   kafka/internal/pb   the same types for the kafka module's benchmark
#
# Three copies because a module cannot import another module's internal
# packages, and because bench/ and kafka/ must never link two packages that
# register the same .proto paths into one binary (protobuf-go panics on a
# registration conflict). The protoc-gen-go output of the three is identical
# but for the package line: scripts/checkproto.sh (make proto-check, part of
# make test) checks that without protoc.
#
# The generated code is checked in; run this script after editing a .proto
# file and commit the result. Running it twice gives identical output. The
# .proto files name a public go_package; M options map them here.
#
# Requirements:
#   - protoc (Debian/Ubuntu: apt-get install -y protobuf-compiler; tested with 3.21.12)
#   - protoc-gen-go and protoc-gen-go-vtproto, installed by this script into
#     .bin/ at the versions pinned below. PROTOC_GEN_GO_VERSION must match
#     google.golang.org/protobuf in every go.mod; VTPROTO_VERSION must match
#     github.com/planetscale/vtprotobuf in bench/go.mod (the generated code
#     calls its protohelpers package).
set -euo pipefail

PROTOC_GEN_GO_VERSION="v1.36.12"
VTPROTO_VERSION="v0.6.0"
VTPROTO_FEATURES="marshal+unmarshal+size+unmarshal_unsafe+pool"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bin="$root/.bin"
gen_go="$bin/protoc-gen-go"
gen_vt="$bin/protoc-gen-go-vtproto"
stamp_vt="$bin/protoc-gen-go-vtproto.version"

if ! command -v protoc >/dev/null 2>&1; then
	echo "genproto: protoc not found on PATH." >&2
	echo "genproto: install it, e.g. on Debian/Ubuntu: apt-get install -y protobuf-compiler" >&2
	echo "genproto: or download a release from https://github.com/protocolbuffers/protobuf/releases" >&2
	exit 1
fi

mkdir -p "$bin"
if [ ! -x "$gen_go" ] || [ "$("$gen_go" --version 2>/dev/null | awk '{print $2}')" != "$PROTOC_GEN_GO_VERSION" ]; then
	echo "genproto: installing protoc-gen-go@$PROTOC_GEN_GO_VERSION into $bin" >&2
	GOBIN="$bin" go install "google.golang.org/protobuf/cmd/protoc-gen-go@$PROTOC_GEN_GO_VERSION"
fi
# protoc-gen-go-vtproto has no --version flag: a stamp file records what was
# installed.
if [ ! -x "$gen_vt" ] || [ "$(cat "$stamp_vt" 2>/dev/null)" != "$VTPROTO_VERSION" ]; then
	echo "genproto: installing protoc-gen-go-vtproto@$VTPROTO_VERSION into $bin" >&2
	GOBIN="$bin" go install "github.com/planetscale/vtprotobuf/cmd/protoc-gen-go-vtproto@$VTPROTO_VERSION"
	echo "$VTPROTO_VERSION" >"$stamp_vt"
fi

# Sorted file list, so the invocation (and the output) never depends on
# directory order.
mapfile -t protos < <(cd proto && find walwire/v2 -name '*.proto' | LC_ALL=C sort)

# gen MODULE_DIR MODULE_PATH PKG_DIR PKG_NAME [vtproto]: generate PKG_DIR (relative
# to the repository root) of the module at MODULE_DIR.
gen() {
	local moddir="$1" modpath="$2" dir="$3" name="$4" vt="${5:-}"
	local pkg="$modpath/${dir#"$moddir"/}"
	[ "$moddir" = "." ] && pkg="$modpath/$dir"
	mkdir -p "$dir"
	# Remove previously generated files so a deleted .proto leaves nothing behind.
	find "$dir" -maxdepth 1 -name '*.pb.go' -delete
	local opts="module=$modpath"
	local p
	for p in "${protos[@]}"; do opts+=",M$p=$pkg;$name"; done
	local args=(--plugin=protoc-gen-go="$gen_go" --proto_path=proto --go_out="$moddir" --go_opt="$opts")
	if [ -n "$vt" ]; then
		args+=(--plugin=protoc-gen-go-vtproto="$gen_vt" --go-vtproto_out="$moddir"
			--go-vtproto_opt="$opts,features=$VTPROTO_FEATURES" --go-vtproto_opt="pool=$pkg.*")
	fi
	protoc "${args[@]}" "${protos[@]}"
	gofmt -l "$dir"/*.pb.go | { if read -r f; then echo "genproto: $f is not gofmt-clean" >&2; exit 1; fi; }
	echo "genproto: -> $dir" >&2
}

gen . github.com/walwire/walwire internal/testpb testpb
gen bench github.com/walwire/walwire/bench bench/internal/pb pb vtproto
gen kafka github.com/walwire/walwire/kafka kafka/internal/pb pb

echo "genproto: protoc $(protoc --version | awk '{print $2}'), protoc-gen-go $("$gen_go" --version | awk '{print $2}'), protoc-gen-go-vtproto $VTPROTO_VERSION ($VTPROTO_FEATURES)" >&2
scripts/checkproto.sh
