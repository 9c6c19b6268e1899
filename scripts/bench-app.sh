#!/usr/bin/env bash
# Benchmarks of the resident app (issue 14), in headless Chromium against real dev nodes, written
# to bench/raw/app-load.json and bench/raw/app-vote.json for bench/REPORT.md (scripts/bench.sh
# runs this, then writes the report):
#   load   page load → light client synced and the first screen drawn, on a dev chain of at least
#          BENCH_APP_BLOCKS (1000) finalized blocks; cold (new browser profile) and warm (reload).
#          The chain comes from a node built with the runtime's `fast-blocks` feature (half-second
#          blocks), so that a thousand blocks take minutes; the page does the same work either way.
#   vote   tap "vote" → in a block → shown finalized, on a node with the real 6-second blocks.
# Knobs: BENCH_APP_RUNS=5, BENCH_APP_BLOCKS=1000; BENCH_SKIP_BUILD=1 with BENCH_APP_FAST_NODE=<a
# gongzhi-node built with --features fast-blocks> uses the binaries already built.
source "$(dirname "$0")/lib.sh"

RAW=$ROOT/bench/raw
mkdir -p "$RAW"
work=$(mktemp -d "${TMPDIR:-/tmp}/gongzhi-bench-app.XXXXXX")
trap 'rm -rf "$work"' EXIT

ensure_system_packages with-node
ensure_browser
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
	ensure_rust
	NODE_FEATURES=fast-blocks build_node
	cp "$NODE_BIN" "$work/gongzhi-node-fast-blocks"
	NODE_FEATURES= build_node
else
	cp "${BENCH_APP_FAST_NODE:?BENCH_SKIP_BUILD needs BENCH_APP_FAST_NODE}" "$work/gongzhi-node-fast-blocks"
fi
build_app
ensure_npm "$ROOT/e2e"

cd "$ROOT/e2e"
log "app benchmark: page load on a chain of ${BENCH_APP_BLOCKS:-1000} blocks (fast-blocks node)"
GONGZHI_NODE=$work/gongzhi-node-fast-blocks node bench-app.js load >"$RAW/app-load.json"
log "app benchmark: tap vote → finalized (6-second blocks)"
GONGZHI_NODE=$NODE_BIN node bench-app.js vote >"$RAW/app-vote.json"
log "app benchmark figures in $RAW/app-load.json and $RAW/app-vote.json"
