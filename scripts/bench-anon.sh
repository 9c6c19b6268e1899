#!/usr/bin/env bash
# Benchmark of anonymous ballots (issue 19), written to bench/raw/anon.json for bench/REPORT.md
# (§5d; scripts/bench.sh runs this, then writes the report): on a dev node, BENCH_ANON_RESIDENTS
# (1,000) residents with member keys in one community, an anonymous project (two rings of 500 in
# the 2^12 domain), every ballot proved ahead by `gongzhi-loadgen prove` and then submitted at
# once as a general transaction with no signer; ballots per block and per second, in blocks and
# finalized (e2e/bench-anon.js). About 8 minutes on 2 cores once built.
# Knobs: BENCH_ANON_RESIDENTS=1000; BENCH_SKIP_BUILD=1 uses what is built.
source "$(dirname "$0")/lib.sh"

RAW=$ROOT/bench/raw
mkdir -p "$RAW"
ensure_system_packages with-node
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
	ensure_rust
	build_node
	build_loadgen
fi
ensure_npm "$ROOT/e2e"

log "anonymous ballots: ${BENCH_ANON_RESIDENTS:-1000} residents, proved ahead, then submitted at once"
out=$(mktemp "${TMPDIR:-/tmp}/gongzhi-bench-anon.XXXXXX")
trap 'rm -f "$out"' EXIT
(cd "$ROOT/e2e" && GONGZHI_NODE=$NODE_BIN GONGZHI_LOADGEN=$LOADGEN_BIN node bench-anon.js) >"$out"
mv "$out" "$RAW/anon.json"
log "anonymous ballot figures in $RAW/anon.json"
