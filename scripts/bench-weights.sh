#!/usr/bin/env bash
# Regenerates every weight the runtime charges, by running the benchmarks in the real runtime
# (wasm, as on chain) on this machine:
#   - each Gongzhi pallet's `pallets/<name>/src/weights.rs` (with scripts/templates/pallet-weights.hbs);
#   - the FRAME pallets' and transaction extensions' weights in `runtime/src/weights/` (GRANDPA's
#     through scripts/templates/grandpa-weights.hbs);
#   - the block and extrinsic base weights (`benchmark overhead`) in `runtime/src/weights/`.
#
#   scripts/bench-weights.sh                          # everything (about 25 minutes on 2 cores)
#   scripts/bench-weights.sh pallet_vouchers          # only what is named (a pallet, or "overhead")
#   STEPS=50 REPEAT=20 scripts/bench-weights.sh       # more samples (default 20 × 10)
#
# Run it on an otherwise idle machine: weights are timings.
NODE_FEATURES=${NODE_FEATURES:-runtime-benchmarks}
source "$(dirname "$0")/lib.sh"

STEPS=${STEPS:-20}
REPEAT=${REPEAT:-10}
GONGZHI=(pallet_community pallet_needs_survey pallet_procurement pallet_vouchers pallet_satisfaction pallet_rings
	pallet_validator_set pallet_root_dispatch)
FRAME=(frame_system frame_system_extensions pallet_balances pallet_timestamp pallet_transaction_payment
	pallet_sudo pallet_utility pallet_multisig pallet_proxy pallet_grandpa)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${GONGZHI[@]}" "${FRAME[@]}" overhead)

ensure_system_packages
ensure_rust
build_node

bench_pallet() { # pallet output [template]
	local pallet=$1 out=$2 template=${3:-}
	log "benchmarking $pallet ($STEPS steps × $REPEAT repeats) → ${out#"$ROOT"/}"
	"$NODE_BIN" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--wasm-execution compiled \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--heap-pages 4096 \
		${template:+--template "$template"} \
		--header "$ROOT/scripts/templates/header.txt" \
		--output "$out"
}

for target in "${targets[@]}"; do
	case " ${GONGZHI[*]} " in
	*" $target "*)
		dir=${target#pallet_}
		bench_pallet "$target" "$ROOT/pallets/${dir//_/-}/src/weights.rs" "$ROOT/scripts/templates/pallet-weights.hbs"
		continue
		;;
	esac
	if [ "$target" = pallet_grandpa ]; then
		# Its benchmarks don't match its WeightInfo trait: the template maps them onto it.
		bench_pallet "$target" "$ROOT/runtime/src/weights/$target.rs" "$ROOT/scripts/templates/grandpa-weights.hbs"
	elif [ "$target" = overhead ]; then
		log "benchmark overhead → runtime/src/weights/{block,extrinsic}_weights.rs"
		"$NODE_BIN" benchmark overhead --chain dev --wasm-execution compiled \
			--header "$ROOT/scripts/templates/header.txt" --weight-path "$ROOT/runtime/src/weights"
	else
		bench_pallet "$target" "$ROOT/runtime/src/weights/$target.rs"
	fi
done
log "weights regenerated: ${targets[*]}"
