#!/usr/bin/env bash
# Runs the side-by-side benchmarks of bench/ (see BENCHMARKS.md) and regenerates the
# measured part of BENCHMARKS.md.
#
#   scripts/bench.sh                      # what `make bench` runs
#   COUNT=10 BENCHTIME=500ms scripts/bench.sh
#   BENCH='Encode|Decode' scripts/bench.sh   # a subset (BENCHMARKS.md is then
#                                            # regenerated from that subset)
#
# Environment:
#   COUNT       rounds (samples per benchmark), default 10
#   BENCHTIME   -benchtime of each sample, default 100ms (with COUNT=10, about
#               13 minutes on 2 shared cores)
#   BENCH       -bench regexp, default .
#   PROFILE     1 (default) to record CPU profiles of walwire's encode and
#               decode and summarise them with go tool pprof -top; 0 to skip
#   NOMD        1 to leave BENCHMARKS.md alone (results files only)
#
# The benchmarks run in COUNT rounds: each round runs every benchmark once
# (the same as go test -count=1), so that every implementation is sampled
# across the whole run rather than in one burst; within a round the
# implementations of one payload size run back to back. On a shared machine
# only ratios within one run mean anything: compare implementations, not
# absolute times across runs.
#
# Outputs (checked in, so a reader sees what BENCHMARKS.md was made from):
#   bench/results/latest.txt      raw go test output, all rounds
#   bench/results/benchstat.txt   benchstat -col /impl of it, one set per benchmark
#   bench/results/profile-*.txt   go tool pprof -top of walwire's profiles
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

COUNT="${COUNT:-10}"
BENCHTIME="${BENCHTIME:-100ms}"
BENCH="${BENCH:-.}"
PROFILE="${PROFILE:-1}"
NOMD="${NOMD:-0}"
BENCHSTAT_VERSION="v0.0.0-20260908200009-22c9c6c9d4da"

bin="$root/.bin"
benchstat="$bin/benchstat"
if [ ! -x "$benchstat" ]; then
	echo "bench.sh: installing benchstat@$BENCHSTAT_VERSION into $bin" >&2
	GOBIN="$bin" go install "golang.org/x/perf/cmd/benchstat@$BENCHSTAT_VERSION"
fi

results="$root/bench/results"
mkdir -p "$results"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "bench.sh: building the benchmark binary" >&2
(cd bench && go test -c -o "$tmp/bench.test" .)

# Fairness first: numbers of implementations that do not do the same work
# mean nothing.
(cd bench && "$tmp/bench.test" -test.run='Fixtures|Agree|V1|DecodeErrors' >/dev/null) || {
	echo "bench.sh: fairness tests failed; not benchmarking" >&2
	exit 1
}

raw="$tmp/latest.txt"
: >"$raw"
start=$(date +%s)
for i in $(seq 1 "$COUNT"); do
	echo "bench.sh: round $i/$COUNT (-bench='$BENCH' -benchtime=$BENCHTIME)" >&2
	(cd bench && "$tmp/bench.test" -test.run='^$' -test.bench="$BENCH" \
		-test.benchtime="$BENCHTIME" -test.count=1 -test.benchmem) >>"$raw"
done
elapsed=$(($(date +%s) - start))
cp "$raw" "$results/latest.txt"
# One benchstat table set per benchmark, implementations side by side.
: >"$results/benchstat.txt"
for name in $(sed -n 's|^Benchmark\([A-Za-z]*\)/.*|\1|p' "$results/latest.txt" | awk '!seen[$0]++'); do
	echo "== Benchmark$name: benchstat -col /impl -filter .name:$name" >>"$results/benchstat.txt"
	"$benchstat" -col /impl -filter ".name:$name" "$results/latest.txt" >>"$results/benchstat.txt"
	echo >>"$results/benchstat.txt"
done
echo "bench.sh: $COUNT rounds in ${elapsed}s; raw output in bench/results/latest.txt, benchstat -col /impl in bench/results/benchstat.txt" >&2

profiles=()
if [ "$PROFILE" = 1 ]; then
	# CPU profiles of walwire alone, one per operation and payload size, so
	# that the profile says where walwire's own time goes.
	for spec in \
		"encode-31B:^BenchmarkEncode\$/^impl=walwire-pooled\$/^payload=31B\$" \
		"encode-520B:^BenchmarkEncode\$/^impl=walwire-pooled\$/^payload=520B\$" \
		"encode-64KiB:^BenchmarkEncode\$/^impl=walwire-pooled\$/^payload=64KiB\$" \
		"decode-31B:^BenchmarkDecode\$/^impl=walwire-zerocopy\$/^payload=31B\$" \
		"decode-520B:^BenchmarkDecode\$/^impl=walwire-zerocopy\$/^payload=520B\$" \
		"decode-copy-520B:^BenchmarkDecode\$/^impl=walwire-copy\$/^payload=520B\$" \
		"decode-copy-64KiB:^BenchmarkDecode\$/^impl=walwire-copy\$/^payload=64KiB\$" \
		"header-520B:^BenchmarkHeaderDecode\$/^impl=walwire\$/^payload=520B\$" \
		"replay:^BenchmarkReplay\$/^impl=walwire-zerocopy\$/^payload=mixed\$"; do
		name="${spec%%:*}"
		re="${spec#*:}"
		(cd bench && "$tmp/bench.test" -test.run='^$' -test.bench="$re" -test.benchtime=2s \
			-test.cpuprofile="$tmp/$name.prof" >/dev/null)
		go tool pprof -top -nodecount=25 "$tmp/bench.test" "$tmp/$name.prof" 2>/dev/null \
			| sed -e "s|$root/||g" >"$results/profile-$name.txt"
		profiles+=("-profile" "$name=$results/profile-$name.txt")
	done
	echo "bench.sh: CPU profiles summarised in bench/results/profile-*.txt" >&2
fi

if [ "$NOMD" != 1 ]; then
	model="$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
	cores="$(nproc 2>/dev/null || echo '?')"
	(cd bench && go run ./cmd/benchmd \
		-raw "$results/latest.txt" \
		-md "$root/BENCHMARKS.md" \
		-machine "${model:-unknown CPU}, $cores cores" \
		-go "$(go version)" \
		-date "$(date -u +%Y-%m-%dT%H:%MZ)" \
		-rev "$(git describe --always --dirty 2>/dev/null || echo unknown)" \
		-command "COUNT=$COUNT BENCHTIME=$BENCHTIME BENCH='$BENCH' scripts/bench.sh  (${elapsed}s; per round: bench.test -test.run='^\$' -test.bench='$BENCH' -test.benchtime=$BENCHTIME -test.count=1 -test.benchmem, in bench/)" \
		-benchstat "benchstat@$BENCHSTAT_VERSION -col /impl bench/results/latest.txt" \
		"${profiles[@]}")
	echo "bench.sh: BENCHMARKS.md regenerated" >&2
fi
