#!/usr/bin/env bash
# Regenerates kafka/internal/pb, the protobuf-go types of proto/walwire/v2 that
# the benchmark of this module compares walwire with (the module cannot import
# the root module's internal/testpb nor bench/internal/pb).
#
# The generated code is checked in; run this script after editing a .proto file
# and commit the result. Running it twice gives identical output. The .proto
# files name internal/testpb as their go_package; M options map them here.
#
# Requirements: protoc (Debian/Ubuntu: apt-get install -y protobuf-compiler;
# tested with 3.21.12). protoc-gen-go is installed into .bin/ at the version
# below, which must match google.golang.org/protobuf in kafka/go.mod.
set -euo pipefail

PROTOC_GEN_GO_VERSION="v1.36.12"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bin="$root/.bin"
gen="$bin/protoc-gen-go"

command -v protoc >/dev/null 2>&1 || { echo "kafka/gen.sh: protoc not found (apt-get install -y protobuf-compiler)" >&2; exit 1; }
if [ ! -x "$gen" ] || [ "$("$gen" --version 2>/dev/null | awk '{print $2}')" != "$PROTOC_GEN_GO_VERSION" ]; then
	mkdir -p "$bin"
	GOBIN="$bin" go install "google.golang.org/protobuf/cmd/protoc-gen-go@$PROTOC_GEN_GO_VERSION"
fi

out="kafka/internal/pb"
pkg="github.com/walwire/walwire/kafka/internal/pb"
mkdir -p "$out"
find "$out" -maxdepth 1 -name '*.pb.go' -delete
mapfile -t protos < <(cd proto && find walwire/v2 -name '*.proto' | LC_ALL=C sort)
opts="module=github.com/walwire/walwire/kafka"
for p in "${protos[@]}"; do opts+=",M$p=$pkg;pb"; done

protoc --plugin=protoc-gen-go="$gen" --proto_path=proto --go_out=kafka --go_opt="$opts" "${protos[@]}"
gofmt -l "$out"/*.pb.go | { if read -r f; then echo "kafka/gen.sh: $f is not gofmt-clean" >&2; exit 1; fi; }
echo "kafka/gen.sh: protoc $(protoc --version | awk '{print $2}'), protoc-gen-go $("$gen" --version | awk '{print $2}') -> $out" >&2
