#!/usr/bin/env bash
# Regenerates the peer code of the benchmarks, bench/internal/pb, from
# proto/walwire/v2/*.proto: protobuf-go types (protoc-gen-go) and vtprotobuf
# fast paths on the same types (protoc-gen-go-vtproto, features marshal,
# unmarshal, size, unmarshal_unsafe and pool, with every message pooled: the
# pool feature adds ResetVT, ReturnToVTPool and <Message>FromVTPool, and makes
# the decoders take nested messages from the pools and reuse the capacity
# of what ResetVT kept, vtprotobuf's best decode path).
#
# The generated code is checked in; run this script after editing a .proto
# file and commit the result. Running it twice gives identical output.
#
# The go_package of the .proto files names internal/testpb of the main module;
# M options map each file to bench/internal/pb instead, so the .proto files stay
# untouched. The protobuf registry paths (walwire/v2/*.proto) are the same as
# internal/testpb's: the bench module must never link both packages into one
# binary (protobuf-go panics on a registration conflict).
#
# Requirements:
#   - protoc (Debian/Ubuntu: apt-get install -y protobuf-compiler; tested with 3.21.12)
#   - protoc-gen-go and protoc-gen-go-vtproto, installed by this script into
#     .bin/ at the versions pinned below. PROTOC_GEN_GO_VERSION must match
#     google.golang.org/protobuf in bench/go.mod (and in the root go.mod);
#     VTPROTO_VERSION must match github.com/planetscale/vtprotobuf in
#     bench/go.mod (the generated code calls its protohelpers package).
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
	echo "bench/gen.sh: protoc not found on PATH." >&2
	echo "bench/gen.sh: install it, e.g. on Debian/Ubuntu: apt-get install -y protobuf-compiler" >&2
	exit 1
fi

mkdir -p "$bin"
have=""
if [ -x "$gen_go" ]; then
	have="$("$gen_go" --version 2>/dev/null | awk '{print $2}')"
fi
if [ "$have" != "$PROTOC_GEN_GO_VERSION" ]; then
	echo "bench/gen.sh: installing protoc-gen-go@$PROTOC_GEN_GO_VERSION into $bin" >&2
	GOBIN="$bin" go install "google.golang.org/protobuf/cmd/protoc-gen-go@$PROTOC_GEN_GO_VERSION"
fi
# protoc-gen-go-vtproto has no --version flag: a stamp file records what was
# installed.
if [ ! -x "$gen_vt" ] || [ "$(cat "$stamp_vt" 2>/dev/null)" != "$VTPROTO_VERSION" ]; then
	echo "bench/gen.sh: installing protoc-gen-go-vtproto@$VTPROTO_VERSION into $bin" >&2
	GOBIN="$bin" go install "github.com/planetscale/vtprotobuf/cmd/protoc-gen-go-vtproto@$VTPROTO_VERSION"
	echo "$VTPROTO_VERSION" >"$stamp_vt"
fi

out="bench/internal/pb"
pkg="github.com/walwire/walwire/bench/internal/pb"
mkdir -p "$out"
find "$out" -maxdepth 1 -name '*.pb.go' -delete

mapfile -t protos < <(cd proto && find walwire/v2 -name '*.proto' | LC_ALL=C sort)

maps=()
for p in "${protos[@]}"; do
	maps+=("M$p=$pkg;pb")
done
go_opts="module=github.com/walwire/walwire/bench$(printf ',%s' "${maps[@]}")"

protoc \
	--plugin=protoc-gen-go="$gen_go" \
	--plugin=protoc-gen-go-vtproto="$gen_vt" \
	--proto_path=proto \
	--go_out=bench \
	--go_opt="$go_opts" \
	--go-vtproto_out=bench \
	--go-vtproto_opt="$go_opts,features=$VTPROTO_FEATURES" \
	--go-vtproto_opt="pool=$pkg.*" \
	"${protos[@]}"

gofmt -l "$out"/*.pb.go | { if read -r f; then echo "bench/gen.sh: $f is not gofmt-clean" >&2; exit 1; fi; }

echo "bench/gen.sh: protoc $(protoc --version | awk '{print $2}'), protoc-gen-go $("$gen_go" --version | awk '{print $2}'), protoc-gen-go-vtproto $VTPROTO_VERSION ($VTPROTO_FEATURES) -> $out" >&2
