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
# Weights are timings, and this machine's speed is not constant: it is a virtual machine that
# moves between hosts (the committed files' headers name an Intel Xeon on 2026-11-26 and an AMD
# EPYC on 12-02), and the same benchmark of `Balances::transfer_keep_alive` took 35.4 µs on
# 12-03, 72–127 µs on 12-04 morning and drifted from 79 to 50 µs within 20 minutes that
# afternoon, the machine idle each time. Weights measured at different speeds don't add up (a
# call's weight is only fair beside the others'), and this machine holds no speed for the hour a
# full run takes. So the script measures the machine's speed with that benchmark (the
# "reference": the SDK's code, the same for every commit; lib.sh) just before and just after
# each target, and converts each target's execution times to one speed
# (scripts/calibrate-weights.py: × the run's speed / the mean of the two references), as
# `benchmark machine` scores a machine against reference hardware:
#   - a full run converts every file to the median of its references, and records that speed
#     in runtime/src/weights/reference.txt;
#   - a run of only some targets converts them to the recorded speed, so they match the files
#     it doesn't regenerate (it needs a recorded reference: make one with a full run);
#   - the speed may move during a target too (±25% within minutes on 2026-12-04, faster than a
#     pallet's benchmarks take), which no conversion can undo: the mean of the two references is
#     the best estimate there is, and each file's header and reference.txt record how far the
#     reference moved, so a reader knows how far to trust the figures. Outputs go to a scratch
#     directory and are copied into place only when every target has run.
# Proof sizes and storage reads and writes are counts, not timings: they are not converted.
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

[ -n "$full" ] || [ -n "$(recorded_reference)" ] || {
	log "no speed recorded in ${REFERENCE#"$ROOT"/}: a run of only some targets converts them to the"
	log "speed of the last full run, so run every target first (scripts/bench-weights.sh)"
	exit 1
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
	files+=("$out")
}

# Benchmarks one target into $OUT; the files it wrote (relative to the root) end up in `files`.
files=()
run_target() {
	local target=$1 dir
	files=()
	case " ${GONGZHI[*]} " in
	*" $target "*)
		dir=${target#pallet_}
		mkdir -p "$OUT/pallets/${dir//_/-}/src"
		bench_pallet "$target" "pallets/${dir//_/-}/src/weights.rs" "$ROOT/scripts/templates/pallet-weights.hbs"
		;;
	*)
		if [ "$target" = pallet_grandpa ]; then
			# Its benchmarks don't match its WeightInfo trait: the template maps them onto it.
			bench_pallet "$target" "runtime/src/weights/$target.rs" "$ROOT/scripts/templates/grandpa-weights.hbs"
		elif [ "$target" = overhead ]; then
			log "benchmark overhead → runtime/src/weights/{block,extrinsic}_weights.rs"
			(cd "$OUT" && "$NODE_BIN" benchmark overhead --chain dev --wasm-execution compiled \
				--header "$ROOT/scripts/templates/header.txt" --weight-path runtime/src/weights)
			files+=(runtime/src/weights/block_weights.rs runtime/src/weights/extrinsic_weights.rs)
		else
			bench_pallet "$target" "runtime/src/weights/$target.rs"
		fi
		;;
	esac
}

# Each target between two references; "before after file" per written file in $CALIBRATION.
CALIBRATION=$WORK/calibration.txt
: >"$CALIBRATION"
before=$(reference_time "$WORK")
samples=("$before")
log "reference (Balances::transfer_keep_alive) at the start: $(ps_as_us "$before")"
moved=0 # the largest move of the reference across one target, in percent
for target in "${targets[@]}"; do
	run_target "$target"
	after=$(reference_time "$WORK")
	samples+=("$after")
	change=$(((after > before ? after - before : before - after) * 100 / before))
	((change <= moved)) || moved=$change
	log "reference after $target: $(ps_as_us "$after") (before it: $(ps_as_us "$before"); moved $change%)"
	for file in "${files[@]}"; do echo "$before $after $file" >>"$CALIBRATION"; done
	written+=("${files[@]}")
	before=$after
done

# The speed every file is converted to: the run's median reference (a full run), or the one
# recorded by the last full run.
sorted=($(printf '%s\n' "${samples[@]}" | sort -n))
lowest=${sorted[0]} highest=${sorted[$((${#sorted[@]} - 1))]}
if [ -n "$full" ]; then
	speed=${sorted[$((${#sorted[@]} / 2))]}
else
	speed=$(recorded_reference)
fi
log "converting ${#written[@]} files to the speed where the reference takes $(ps_as_us "$speed")"
while read -r b a file; do
	python3 "$ROOT/scripts/calibrate-weights.py" "$OUT/$file" "$speed" "$b" "$a" >&2
done <"$CALIBRATION"

for file in "${written[@]}"; do cp "$OUT/$file" "$ROOT/$file"; done
if [ -n "$full" ]; then
	cat >"$REFERENCE" <<-EOF
		# The machine speed every weights file is converted to (scripts/bench-weights.sh,
		# scripts/calibrate-weights.py): Balances::transfer_keep_alive's execution time in
		# picoseconds, 2 steps × 20 repeats, the median of the references of the last full run.
		# A later run of only some targets converts its files to this speed.
		transfer_keep_alive_ps=$speed
		run_lowest_ps=$lowest
		run_highest_ps=$highest
		run_references=${#sorted[@]}
		largest_move_across_one_target_percent=$moved
		date=$(date -u +%Y-%m-%d)
		commit=$(git -C "$ROOT" rev-parse --short HEAD)
	EOF
	written+=("${REFERENCE#"$ROOT"/}")
fi
log "weights regenerated: ${targets[*]} (converted to $(ps_as_us "$speed"); references $(ps_as_us "$lowest") to $(ps_as_us "$highest"), at most $moved% across one target)"
printf '  %s\n' "${written[@]}" >&2
