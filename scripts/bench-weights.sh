#!/usr/bin/env bash
# Regenerates every Gongzhi pallet's weights.rs by running its benchmarks in the real runtime
# (wasm, as on chain) on this machine: `gongzhi-node benchmark pallet`. Also writes the raw JSON
# results to bench/raw/weights/ for scripts/bench.sh's report.
#
#   scripts/bench-weights.sh                    # all five pallets
#   scripts/bench-weights.sh pallet_vouchers    # one
#   STEPS=50 REPEAT=20 scripts/bench-weights.sh # more samples (default 20 × 10 on 2 cores)
source "$(dirname "$0")/lib.sh"

STEPS=${STEPS:-20}
REPEAT=${REPEAT:-10}
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_community pallet_needs_survey pallet_procurement pallet_vouchers pallet_satisfaction)

ensure_system_packages
ensure_rust
build_node

raw="$ROOT/bench/raw/weights"
mkdir -p "$raw"
for pallet in "${pallets[@]}"; do
	dir=${pallet#pallet_}
	dir=${dir//_/-}
	out="$ROOT/pallets/$dir/src/weights.rs"
	log "benchmarking $pallet ($STEPS steps × $REPEAT repeats) → $out"
	"$NODE_BIN" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--wasm-execution compiled \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--heap-pages 4096 \
		--template "$ROOT/scripts/templates/pallet-weights.hbs" \
		--header "$ROOT/scripts/templates/header.txt" \
		--json-file "$raw/$pallet.json" \
		--output "$out"
done
log "weights regenerated: ${pallets[*]}"
