#!/usr/bin/env bash
# Benchmarks walwire at another revision and at this working tree, and prints
# `benchstat old new` for the core envelope benchmarks (walwire's own encode,
# decode, header-only decode and error path).
#
#   BASE=main scripts/bench-compare.sh        # what `make bench-compare BASE=main` runs
#   BASE=HEAD~3 COUNT=10 scripts/bench-compare.sh
#
# Environment:
#   BASE        the revision to compare with (required): any git revision
#   COUNT       rounds, default 6; the old and new binaries alternate, round
#               by round, so that a change of machine load hits both alike
#   BENCHTIME   -benchtime per sample, default 200ms
#   BENCH       -bench regexp, default the core envelope benchmarks
#   HARNESS     current (default): run this tree's bench/ harness against
#               both revisions of the library, so the same benchmarks compare
#               the two libraries; base: run the base revision's own bench/
#               (needed when the current harness does not build against the
#               old library)
#
# The base revision is checked out in a temporary git worktree, removed on
# exit. Outputs: bench/results/compare-old.txt and compare-new.txt (raw) and
# the benchstat comparison on stdout.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

: "${BASE:?set BASE to the revision to compare with, e.g. BASE=main}"
COUNT="${COUNT:-6}"
BENCHTIME="${BENCHTIME:-200ms}"
BENCH="${BENCH:-^Benchmark(Encode|Decode|HeaderDecode|DecodeError)\$/^impl=walwire}"
HARNESS="${HARNESS:-current}"
BENCHSTAT_VERSION="v0.0.0-20260908200009-22c9c6c9d4da"

bin="$root/.bin"
benchstat="$bin/benchstat"
if [ ! -x "$benchstat" ]; then
	echo "bench-compare.sh: installing benchstat@$BENCHSTAT_VERSION into $bin" >&2
	GOBIN="$bin" go install "golang.org/x/perf/cmd/benchstat@$BENCHSTAT_VERSION"
fi

rev="$(git rev-parse --verify "$BASE^{commit}")"
tmp="$(mktemp -d)"
wt="$tmp/base"
cleanup() {
	git worktree remove --force "$wt" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
git worktree add --detach "$wt" "$rev" >/dev/null

case "$HARNESS" in
current)
	rm -rf "$wt/bench"
	mkdir -p "$wt/bench"
	# The harness of this tree, results and all generated code included
	# (the go.mod's replace ../ now points at the base revision).
	(cd bench && tar --exclude=./results -cf - .) | (cd "$wt/bench" && tar -xf -)
	;;
base)
	if [ ! -f "$wt/bench/go.mod" ]; then
		echo "bench-compare.sh: $BASE has no bench/ module; use HARNESS=current" >&2
		exit 1
	fi
	;;
*)
	echo "bench-compare.sh: HARNESS must be current or base" >&2
	exit 2
	;;
esac

echo "bench-compare.sh: building old ($BASE = ${rev:0:12}) and new (working tree)" >&2
if ! (cd "$wt/bench" && go test -c -o "$tmp/old.test" .); then
	echo "bench-compare.sh: the benchmarks do not build against $BASE (try HARNESS=base)" >&2
	exit 1
fi
(cd bench && go test -c -o "$tmp/new.test" .)

results="$root/bench/results"
mkdir -p "$results"
old="$results/compare-old.txt"
new="$results/compare-new.txt"
: >"$old"
: >"$new"
run() { # binary dir output
	(cd "$2" && "$1" -test.run='^$' -test.bench="$BENCH" -test.benchtime="$BENCHTIME" \
		-test.count=1 -test.benchmem) >>"$3"
}
for i in $(seq 1 "$COUNT"); do
	echo "bench-compare.sh: round $i/$COUNT" >&2
	run "$tmp/old.test" "$wt/bench" "$old"
	run "$tmp/new.test" "$root/bench" "$new"
done

echo "# benchstat old new: old = $BASE (${rev:0:12}), new = working tree; -bench='$BENCH' -benchtime=$BENCHTIME, $COUNT rounds"
"$benchstat" old="$old" new="$new"
