# walwire: make test runs what CI runs; see README.md.

GO        ?= go
BIN       := $(CURDIR)/.bin
# Pinned tool versions, so results are reproducible.
STATICCHECK_VERSION := v0.8.2
BENCHSTAT_VERSION   := v0.0.0-20260908200009-22c9c6c9d4da
BENCHSTAT := $(BIN)/benchstat

# Every Go module in the repository (the library and bench/).
MODULES := $(patsubst %/,%,$(dir $(shell git ls-files '*go.mod' 2>/dev/null || find . -name go.mod)))

.PHONY: all test test-debug vet lint fmt proto proto-check generate generate-check tools cover fuzz bench bench-smoke bench-compare

all: lint test

## test: go vet and the generated-code checks, then the race-enabled tests of every module, then the pool's debug build.
test: vet proto-check generate-check
	@set -e; for m in $(MODULES); do echo "== go test -race ($$m)"; (cd $$m && $(GO) test -race ./...); done
	@$(MAKE) --no-print-directory test-debug

## test-debug: the walwiredebug checks: the pool's poisoning, the envelope's payload Size check,
## and the kafka producer, whose buffers go back to the pool when Kafka acknowledges them.
test-debug:
	$(GO) test -race -tags walwiredebug ./pool/ ./envelope/
	cd kafka && $(GO) test -tags walwiredebug ./...

vet:
	@set -e; for m in $(MODULES); do echo "== go vet ($$m)"; (cd $$m && $(GO) vet ./...); done

## lint: gofmt, go vet and staticcheck (pinned, run through go run).
lint: vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@set -e; for m in $(MODULES); do echo "== staticcheck ($$m)"; (cd $$m && $(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...); done

fmt:
	gofmt -w $$(git ls-files '*.go')

## fuzz: every fuzz target (./fuzz/ and the fast-path targets beside their code) in turn, FUZZTIME each (default 3m); fails on any crasher.
FUZZTIME ?= 3m
fuzz:
	FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

## bench: the side-by-side benchmarks of bench/ (COUNT rounds, default 10), then BENCHMARKS.md rewritten.
bench:
	scripts/bench.sh

## bench-smoke: every benchmark once (-benchtime=1x), so that none rots.
bench-smoke:
	cd bench && $(GO) test -run='^$$' -bench=. -benchtime=1x ./... > /dev/null
	cd kafka && $(GO) test -run='^$$' -bench=. -benchtime=1x ./... > /dev/null
	$(GO) test -run='^$$' -bench=. -benchtime=1x ./... > /dev/null

## bench-compare: benchstat old new for the core envelope benchmarks, BASE=<rev> against the working tree.
bench-compare:
	BASE=$(BASE) scripts/bench-compare.sh

## proto: regenerate internal/testpb, bench/internal/pb (with vtprotobuf) and kafka/internal/pb from proto/ (needs protoc: apt-get install protobuf-compiler).
proto:
	scripts/genproto.sh

## generate: rewrite the generated Go files (go generate: records' payload methods from its recordSet table).
generate:
	$(GO) generate ./...

## generate-check: the generated Go files are what go generate writes from the current sources.
generate-check: generate
	@git diff --exit-code --stat -- $$(git ls-files '*_gen.go') || { echo "generate-check: generated files are stale: run make generate and commit them"; exit 1; }

## proto-check: the three generated copies of proto/ agree but for their package line (no protoc needed).
proto-check:
	@scripts/checkproto.sh

## cover: test coverage of the library, per function.
cover:
	$(GO) test -coverprofile=$(BIN)/cover.out ./... && $(GO) tool cover -func=$(BIN)/cover.out | tail -1

## tools: install benchstat at the pinned version into .bin/.
tools: $(BENCHSTAT)
$(BENCHSTAT):
	GOBIN=$(BIN) $(GO) install golang.org/x/perf/cmd/benchstat@$(BENCHSTAT_VERSION)
