#!/usr/bin/env bash
# Regenerates every weight the runtime charges, by running the benchmarks in the real runtime
# (wasm, as on chain) on this machine:
#   - each Gongzhi pallet's `pallets/<name>/src/weights.rs` (with scripts/templates/pallet-weights.hbs);
#   - the FRAME pallets' and transaction extensions' weights in `runtime/src/weights/` (GRANDPA's
#     through scripts/templates/grandpa-weights.hbs);
#   - the block and extrinsic base weights (`benchmark overhead`) in `runtime/src/weights/`.
#
#   scripts/bench-weights.sh                  # everything (about 40 minutes on 2 cores, and half
#                                             # a minute per target for the checks below)
#   scripts/bench-weights.sh pallet_vouchers  # only what is named (a pallet, or "overhead")
#   STEPS=50 REPEAT=20 scripts/bench-weights.sh   # more samples (default 20 × 10)
#
# Weights are timings, and this machine's speed is not constant: it is a virtual machine, and the
# same benchmark of `Balances::transfer_keep_alive` took 35.4 µs on 2026-12-03 and 72–127 µs on
# 2026-12-04, the machine idle both times. Weights measured at different speeds don't add up (a
# call's weight is only fair beside the others'), so the script measures the machine's speed with
# that benchmark (the "reference": the SDK's code, the same for every commit) before the first
# target and after each, and
#   - writes nothing if the reference moved by more than TOLERANCE percent (default 20, above one
#     sample's own noise: lib.sh)
#     during the run (the files go to a scratch directory and are copied into place at the end);
#   - regenerating only some targets, refuses to start unless the reference is within TOLERANCE of
#     the one recorded in runtime/src/weights/reference.txt by the last full run (the speed the
#     other files were measured at); with no recorded reference, only a full run can start.
#     WEIGHTS_ANY_SPEED=1 overrides the refusal, not the check during the run;
#   - after a full run, records the run's reference in runtime/src/weights/reference.txt.
# Run it on an otherwise idle machine.
NODE_FEATURES=${NODE_FEATURES:-runtime-benchmarks}
source "$(dirname "$0")/lib.sh"

STEPS=${STEPS:-20}
REPEAT=${REPEAT:-10}
GONGZHI=(pallet_community pallet_needs_survey pallet_procurement pallet_vouchers pallet_satisfaction pallet_rings
	pallet_validator_set pallet_root_dispatch)
FRAME=(frame_system frame_system_extensions pallet_balances pallet_timestamp pallet_transaction_payment
	pallet_sudo pallet_utility pallet_multisig pallet_proxy pallet_grandpa)
targets=("$@")
full=
[ ${#targets[@]} -gt 0 ] || { full=1; targets=("${GONGZHI[@]}" "${FRAME[@]}" overhead); }

ensure_system_packages
ensure_rust
build_node

# A fixed scratch directory: the generated files name their output path in their header.
WORK=$CARGO_TARGET_DIR/bench-weights
rm -rf "$WORK"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT

start=$(reference_time "$WORK")
log "reference (Balances::transfer_keep_alive): $(ps_as_us "$start")"
# The lowest and highest reference of the run (recorded with a full run's reference).
low=$start high=$start
[ -n "$full" ] || speed_as_recorded "$start"

# Checks that the machine still runs at the speed the run started at; stops the run if not.
check_speed() {
	local now
	now=$(reference_time "$WORK")
	if ! speed_within "$now" "$start"; then
		log "the reference took $(ps_as_us "$now") after $1, $(ps_as_us "$start") at the start: the machine's speed"
		log "changed by more than $TOLERANCE% during the run, so no weights file is written"
		exit 1
	fi
	log "reference after $1: $(ps_as_us "$now")"
	((now >= low)) || low=$now
	((now <= high)) || high=$now
}

# Outputs go to $WORK/out (the same relative paths) and are copied into place at the end.
OUT=$WORK/out
mkdir -p "$OUT/runtime/src/weights"
written=()

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
		--output "$OUT/$out"
	written+=("$out")
}

for target in "${targets[@]}"; do
	case " ${GONGZHI[*]} " in
	*" $target "*)
		dir=${target#pallet_}
		mkdir -p "$OUT/pallets/${dir//_/-}/src"
		bench_pallet "$target" "pallets/${dir//_/-}/src/weights.rs" "$ROOT/scripts/templates/pallet-weights.hbs"
		check_speed "$target"
		continue
		;;
	esac
	if [ "$target" = pallet_grandpa ]; then
		# Its benchmarks don't match its WeightInfo trait: the template maps them onto it.
		bench_pallet "$target" "runtime/src/weights/$target.rs" "$ROOT/scripts/templates/grandpa-weights.hbs"
	elif [ "$target" = overhead ]; then
		log "benchmark overhead → runtime/src/weights/{block,extrinsic}_weights.rs"
		"$NODE_BIN" benchmark overhead --chain dev --wasm-execution compiled \
			--header "$ROOT/scripts/templates/header.txt" --weight-path "$OUT/runtime/src/weights"
		written+=(runtime/src/weights/block_weights.rs runtime/src/weights/extrinsic_weights.rs)
	else
		bench_pallet "$target" "runtime/src/weights/$target.rs"
	fi
	check_speed "$target"
done

for file in "${written[@]}"; do cp "$OUT/$file" "$ROOT/$file"; done
if [ -n "$full" ]; then
	cat >"$REFERENCE" <<-EOF
		# The machine's speed when every weights file was last regenerated (scripts/bench-weights.sh,
		# all targets): Balances::transfer_keep_alive's execution time in picoseconds, 2 steps × 20
		# repeats, at the start of the run. A later run of only some targets must measure it within
		# its tolerance. The run's lowest and highest (measured after each target) beside it.
		transfer_keep_alive_ps=$start
		run_lowest_ps=$low
		run_highest_ps=$high
		tolerance_percent=$TOLERANCE
		date=$(date -u +%Y-%m-%d)
		commit=$(git -C "$ROOT" rev-parse --short HEAD)
	EOF
	written+=("${REFERENCE#"$ROOT"/}")
fi
log "weights regenerated: ${targets[*]} (reference $(ps_as_us "$start"); during the run $(ps_as_us "$low") to $(ps_as_us "$high"))"
printf '  %s\n' "${written[@]}" >&2
