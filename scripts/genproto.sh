#!/usr/bin/env bash
# Regenerates internal/testpb from proto/walwire/v2/*.proto.
#
# The generated code is checked in; CI does not run this script. Run it after
# editing a .proto file and commit the result. Running it twice gives identical
# output.
#
# Requirements:
#   - protoc (Debian/Ubuntu: apt-get install -y protobuf-compiler; tested with 3.21.12)
#   - protoc-gen-go, installed by this script into .bin/ at the version pinned
#     below, which must match google.golang.org/protobuf in go.mod.
set -euo pipefail

PROTOC_GEN_GO_VERSION="v1.36.12"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bin="$root/.bin"
gen="$bin/protoc-gen-go"

if ! command -v protoc >/dev/null 2>&1; then
	echo "genproto: protoc not found on PATH." >&2
	echo "genproto: install it, e.g. on Debian/Ubuntu: apt-get install -y protobuf-compiler" >&2
	echo "genproto: or download a release from https://github.com/protocolbuffers/protobuf/releases" >&2
	exit 1
fi

# Install protoc-gen-go into .bin/ if missing or at a different version.
have=""
if [ -x "$gen" ]; then
	have="$("$gen" --version 2>/dev/null | awk '{print $2}')"
fi
if [ "$have" != "$PROTOC_GEN_GO_VERSION" ]; then
	echo "genproto: installing protoc-gen-go@$PROTOC_GEN_GO_VERSION into $bin" >&2
	mkdir -p "$bin"
	GOBIN="$bin" go install "google.golang.org/protobuf/cmd/protoc-gen-go@$PROTOC_GEN_GO_VERSION"
fi

out="internal/testpb"
mkdir -p "$out"
# Remove previously generated files so a deleted .proto leaves nothing behind.
find "$out" -maxdepth 1 -name '*.pb.go' -delete

# Sorted file list, so the invocation (and the output) never depends on
# directory order.
mapfile -t protos < <(cd proto && find walwire/v2 -name '*.proto' | LC_ALL=C sort)

# The .proto files name a public go_package (for users who generate code from
# them); the test types are generated into internal/testpb instead.
maps=()
for p in "${protos[@]}"; do
	maps+=("--go_opt=M$p=github.com/walwire/walwire/internal/testpb;testpb")
done

protoc \
	--plugin=protoc-gen-go="$gen" \
	--proto_path=proto \
	--go_out=. \
	--go_opt=module=github.com/walwire/walwire \
	"${maps[@]}" \
	"${protos[@]}"

gofmt -l "$out"/*.pb.go | { if read -r f; then echo "genproto: $f is not gofmt-clean" >&2; exit 1; fi; }

echo "genproto: protoc $(protoc --version | awk '{print $2}'), protoc-gen-go $("$gen" --version | awk '{print $2}') -> $out" >&2
