#!/usr/bin/env bash
# Benchmark of the indexer (issue 16) on the district run, written to bench/raw/indexer.json for
# bench/REPORT.md (§5c; scripts/bench.sh runs this, then writes the report): a district of
# BENCH_RESIDENTS (50,000) residents voting in one ballot (`gongzhi-loadgen scale`, its node
# keeping old state), with gongzhi-indexer following the node live (SQLite); then fresh indexes
# built from genesis on SQLite and PostgreSQL (a private server on a free port), timed.
# Knobs: BENCH_RESIDENTS=50000, BENCH_EXPECTED_RATE=300; BENCH_SKIP_BUILD=1 uses what is built.
source "$(dirname "$0")/lib.sh"

RAW=$ROOT/bench/raw
LOADGEN=$CARGO_TARGET_DIR/release/gongzhi-loadgen
mkdir -p "$RAW"
work=$(mktemp -d "${TMPDIR:-/tmp}/gongzhi-bench-indexer.XXXXXX")
trap 'stop_postgres; rm -rf "$work"' EXIT

ensure_system_packages with-node
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
	ensure_rust
	build_node
	build_indexer
	(cd "$ROOT" && cargo build --locked --release -p gongzhi-loadgen)
fi
ensure_npm "$ROOT/e2e"
start_postgres

log "indexer benchmark: ${BENCH_RESIDENTS:-50000} residents vote, the indexer follows"
"$LOADGEN" scale --node "$NODE_BIN" --work "$work" --node-arg=--state-pruning=archive-canonical \
	--residents "${BENCH_RESIDENTS:-50000}" --expected-rate "${BENCH_EXPECTED_RATE:-300}" \
	--out "$work/scale.json" --bench-spec "$work/bench-state.json" >"$work/scale.log" 2>&1 &
loadgen=$!
(cd "$ROOT/e2e" && GONGZHI_NODE=$NODE_BIN GONGZHI_INDEXER=$INDEXER_BIN node bench-indexer.js live --work "$work") >"$work/live.json"
wait "$loadgen" || {
	tail -20 "$work/scale.log" >&2
	exit 1
}
log "indexer benchmark: backfill from genesis on SQLite and PostgreSQL"
(cd "$ROOT/e2e" && GONGZHI_NODE=$NODE_BIN GONGZHI_INDEXER=$INDEXER_BIN node bench-indexer.js backfill --work "$work" --live "$work/live.json") >"$RAW/indexer.json"
log "indexer benchmark figures in $RAW/indexer.json"
