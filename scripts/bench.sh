#!/usr/bin/env bash
# Benchmarks (issue 9): how many ballots per second one node sustains, measured against a balance
# transfer in the same run on the same machine. Writes bench/REPORT.md, with the raw figures
# beside it in bench/raw/. Not part of scripts/test.sh; takes about an hour on 2 cores once the
# node is built (the run of 2026-12-04: 4,511 s, its node builds included).
#
#   scripts/bench.sh
#
# What it runs, in order (every node it starts listens on 127.0.0.1 only and is stopped):
#   1. gongzhi-node benchmark pallet   weights of the resident calls and of transfer_keep_alive
#   2. gongzhi-node benchmark overhead extrinsic base weight and empty-block weight
#   3. gongzhi-loadgen load            N ballots, then N transfers, on a dev node (per node
#                                      configuration: both transaction pools, …)
#   4. gongzhi-loadgen scale           a district of 50,000 residents voting in one ballot; its
#                                      state is exported with the ballot open for step 5
#   5. gongzhi-node benchmark extrinsic  votes, responses, transfers, remarks per block
#   6. perf                            where the node's CPU goes under ballots and transfers
#   7. scripts/bench-app.sh            the resident app: page load → synced on a 1,000-block chain,
#                                      tap "vote" → finalized (headless Chromium; BENCH_APP=0 skips);
#      scripts/bench-indexer.sh        the indexer on the district run: live lag, backfill from
#                                      genesis on SQLite and PostgreSQL (BENCH_INDEXER=0 skips)
#      scripts/bench-anon.sh           anonymous ballots: 1,000 residents in 2 rings, proved
#                                      ahead, per block and per second (BENCH_ANON=0 skips)
#   8. gongzhi-loadgen report          bench/REPORT.md
#
# Knobs (environment):
#   BENCH_N=10000                 ballots (and transfers) per load run
#   BENCH_RESIDENTS=50000         residents in the scale run
#   BENCH_CONFIGS="label:pool:node-arg …"  node configurations the load runs compare (default:
#                                 both transaction pools, and wasmtime's pooling strategy
#                                 without copy-on-write)
#   BENCH_STEPS=10 BENCH_REPEAT=20          benchmark pallet sampling (2 cores)
#   BENCH_CONNECTIONS=4 BENCH_INFLIGHT=256  WebSocket connections, requests in flight on each
#   BENCH_PROFILE_N=5000          ballots in the profiled run (0 skips profiling)
#   BENCH_SKIP_BUILD=1            use the binaries already in $CARGO_TARGET_DIR
# The `benchmark` subcommands need the runtime built with its benchmarks.
NODE_FEATURES=${NODE_FEATURES:-runtime-benchmarks}
source "$(dirname "$0")/lib.sh"

N=${BENCH_N:-10000}
RESIDENTS=${BENCH_RESIDENTS:-50000}
CONFIGS=${BENCH_CONFIGS:-fork-aware:fork-aware: single-state:single-state: no-cow:fork-aware:--wasmtime-instantiation-strategy=pooling}
STEPS=${BENCH_STEPS:-10}
REPEAT=${BENCH_REPEAT:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-4}
INFLIGHT=${BENCH_INFLIGHT:-256}
PROFILE_N=${BENCH_PROFILE_N:-5000}

RAW=$ROOT/bench/raw
LOADGEN=$CARGO_TARGET_DIR/release/gongzhi-loadgen
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gongzhi-bench.XXXXXX")
started=$(date +%s)
perf_maps_before=" $(ls /tmp/perf-*.map 2>/dev/null | tr '\n' ' ' || true) "

# Stops whatever this script started that is still running (on an interrupted run), and removes
# the scratch directory and the perf maps the profiled node wrote.
cleanup() {
	local pid
	for pid in $(jobs -p); do kill "$pid" 2>/dev/null || true; done
	for f in "$WORK"/*.pid; do
		[ -f "$f" ] || continue
		pid=$(cat "$f")
		if grep -q gongzhi-node "/proc/$pid/cmdline" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
	done
	for f in $(ls /tmp/perf-*.map 2>/dev/null || true); do
		case "$perf_maps_before" in *" $f "*) ;; *) rm -f "$f" ;; esac
	done
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { log "[$1] $2 ($(($(date +%s) - started)) s elapsed)"; }

step 0 "build (node with runtime-benchmarks, load generator)"
ensure_system_packages
ensure_rust
# perf for step 6 (Debian's linux-perf); without it the profile is skipped.
if ! command -v perf >/dev/null && command -v apt-get >/dev/null; then
	log "installing linux-perf for the profile (step 6)"
	{ as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq linux-perf; } \
		>/dev/null 2>&1 || log "could not install linux-perf: the profile will be skipped"
fi
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
	build_node
	log "building gongzhi-loadgen"
	(cd "$ROOT" && cargo build --locked --release -p gongzhi-loadgen)
fi
[ -x "$NODE_BIN" ] && [ -x "$LOADGEN" ] || {
	echo "missing $NODE_BIN or $LOADGEN" >&2
	exit 1
}

# Every figure in the report comes from this run: clear the previous run's raw files.
mkdir -p "$RAW"
rm -rf "$RAW/pallet" "$RAW/overhead" "$RAW"/load-*.json "$RAW"/scale.json "$RAW"/extrinsic-*.* \
	"$RAW"/profile-*.txt "$RAW"/*.log "$RAW"/app-*.json
mkdir -p "$RAW/pallet" "$RAW/overhead"
{
	date -u '+%Y-%m-%d %H:%M UTC'
	echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews figures)"
	uname -srm
	grep -m1 'model name' /proc/cpuinfo | sed 's/^model name\s*: /cpu: /'
	echo "cores: $(nproc)"
	free -m | awk '/^Mem:/ {print "memory: " $2 " MiB"}'
	rustc --version
} >"$RAW/machine.txt"
{
	git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "(not a git checkout)"
	echo "uncommitted changes: $(git -C "$ROOT" status --porcelain -- . ':!bench/raw' 2>/dev/null | wc -l) files"
} >"$RAW/commit.txt"
# The database weights the runtime under test charges (scripts/bench-storage.sh measures them):
# the report prices the benchmarks' reads and writes with them.
cp "$ROOT/runtime/src/weights/paritydb_weights.rs" "$RAW/" 2>/dev/null || rm -f "$RAW/paritydb_weights.rs"

# The machine's speed (lib.sh's reference), at the start here and at the end of the run, beside
# the speed the committed weights were measured at: the figures of runs on different days compare
# only as far as these do.
reference_start=$(reference_time "$WORK")
recorded=$(recorded_reference)

step 1 "benchmark pallet: resident calls and transfer_keep_alive ($STEPS steps × $REPEAT repeats)"
PALLETS=pallet_balances,pallet_community,pallet_needs_survey,pallet_procurement,pallet_vouchers,pallet_satisfaction
CALLS=transfer_keep_alive,check_in,respond,vote,claim,redeem,rate,close,reap_ballots
# The checks that make a resident call free, which the runtime charges with it.
CALLS+=,feeless_respond,feeless_vote
# The transaction extensions' own benchmarks, once the runtime has them (see bench/REPORT.md).
available=$("$NODE_BIN" benchmark pallet --list=pallets --chain dev 2>/dev/null || true)
if grep -qx frame_system_extensions <<<"$available"; then
	PALLETS+=,frame_system_extensions
	CALLS+=,check_genesis,check_mortality_mortal_transaction,check_non_zero_sender,check_nonce
	CALLS+=,check_spec_version,check_tx_version,check_weight,weight_reclaim
fi
if grep -qx pallet_transaction_payment <<<"$available"; then
	PALLETS+=,pallet_transaction_payment
	CALLS+=,charge_transaction_payment
fi
echo "--steps $STEPS --repeat $REPEAT (each benchmark repeated for at least 10 s), wasm, chain dev" >"$RAW/pallet-args.txt"
"$NODE_BIN" benchmark pallet \
	--chain dev \
	--pallet "$PALLETS" \
	--extrinsic "$CALLS" \
	--steps "$STEPS" \
	--repeat "$REPEAT" \
	--heap-pages 4096 \
	--json-file "$WORK/pallet.json" \
	--output "$RAW/pallet" \
	>"$RAW/pallet/benchmark.log" 2>&1 || {
	tail -20 "$RAW/pallet/benchmark.log" >&2
	exit 1
}

# The full JSON runs to tens of megabytes (every repetition of the 10-second minimum); keep 50
# samples per benchmark and component values beside the report.
"$LOADGEN" slim-pallet-json --in "$WORK/pallet.json" --out "$RAW/pallet/pallet.json" --keep 50

step 2 "benchmark overhead: extrinsic base weight and empty block"
"$NODE_BIN" benchmark overhead \
	--chain dev \
	--weight-path "$RAW/overhead" \
	--warmup 5 \
	--repeat 50 \
	>"$RAW/overhead/benchmark.log" 2>&1 || {
	tail -20 "$RAW/overhead/benchmark.log" >&2
	exit 1
}

common=(--node "$NODE_BIN" --work "$WORK" --connections "$CONNECTIONS" --inflight "$INFLIGHT")
for config in $CONFIGS; do
	IFS=: read -r label pool extra <<<"$config"
	extra_args=()
	[ -z "$extra" ] || extra_args=("--node-arg=$extra")
	step 3 "load run [$label]: $N ballots then $N transfers, $pool pool ${extra}"
	"$LOADGEN" load "${common[@]}" --pool-type "$pool" "${extra_args[@]}" --n "$N" \
		--label "$label" --out "$RAW/load-$label.json"
	cp "$WORK/$label-node.log" "$RAW/load-$label-node.log" 2>/dev/null || true
done
read -r best_label best_pool best_rate best_span < <("$LOADGEN" pick --raw "$RAW")
log "fastest load run: $best_label ($best_rate ballots/s end to end, $best_span/s while blocks filled); the scale and profile runs use the $best_pool pool"

step 4 "scale run: $RESIDENTS residents, one ballot"
"$LOADGEN" scale "${common[@]}" --pool-type "$best_pool" --residents "$RESIDENTS" \
	--expected-rate "$best_span" --out "$RAW/scale.json" --bench-spec "$WORK/bench-state.json"
cp "$WORK/scale-node.log" "$RAW/scale-node.log" 2>/dev/null || true

step 5 "benchmark extrinsic: how many of each fit in a block (on the exported district)"
for pe in "system remark" "balances transfer_keep_alive" "procurement vote" "needs_survey respond"; do
	set -- $pe
	log "  $1::$2"
	GONGZHI_BENCH_PROJECT=0 GONGZHI_BENCH_BID=0 GONGZHI_BENCH_SURVEY=0 \
		"$NODE_BIN" benchmark extrinsic \
		--chain "$WORK/bench-state.json" \
		--base-path "$WORK/extrinsic-db" \
		--pallet "$1" --extrinsic "$2" \
		--warmup 3 --repeat 20 \
		>"$RAW/extrinsic-$1-$2.txt" 2>&1 || tail -5 "$RAW/extrinsic-$1-$2.txt" >&2
	rm -rf "$WORK/extrinsic-db"
done

if [ "$PROFILE_N" -gt 0 ] && command -v perf >/dev/null &&
	perf record -e cpu-clock -o /dev/null true >/dev/null 2>&1; then
	step 6 "profile: perf on the node under $PROFILE_N ballots, then transfers"
	"$LOADGEN" load "${common[@]}" --pool-type "$best_pool" --n "$PROFILE_N" --label profile \
		--out "$RAW/load-profile.json" --perf "$WORK/perf"
	for phase in vote transfer; do
		[ -f "$WORK/perf.$phase.data" ] || continue
		perf report -i "$WORK/perf.$phase.data" --stdio --sort dso \
			>"$RAW/profile-$phase-dso.txt" 2>/dev/null || true
		perf report -i "$WORK/perf.$phase.data" --stdio --sort dso,sym \
			>"$RAW/profile-$phase-symbols.txt" 2>/dev/null || true
	done
else
	step 6 "profile skipped (BENCH_PROFILE_N=0, or perf can't record here)"
fi

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RAW/machine.txt"
reference_end=$(reference_time "$WORK")
committed_speed="not recorded"
[ -z "$recorded" ] || committed_speed=$(ps_as_us "$recorded")
echo "machine speed (Balances::transfer_keep_alive, scripts/lib.sh's reference): $(ps_as_us "$reference_start") at the start, $(ps_as_us "$reference_end") at the end; the committed weights: $committed_speed (runtime/src/weights/reference.txt)" >>"$RAW/machine.txt"
if [ "${BENCH_APP:-1}" != 0 ]; then
	step 7 "the resident app"
	"$ROOT/scripts/bench-app.sh"
fi
if [ "${BENCH_INDEXER:-1}" != 0 ]; then
	step 7 "the indexer on the district run"
	"$ROOT/scripts/bench-indexer.sh"
fi
if [ "${BENCH_ANON:-1}" != 0 ]; then
	step 7 "anonymous ballots"
	BENCH_SKIP_BUILD=1 "$ROOT/scripts/bench-anon.sh"
fi
step 8 "report"
"$LOADGEN" report --raw "$RAW" --root "$ROOT" --out "$ROOT/bench/REPORT.md"
log "bench/REPORT.md written in $(($(date +%s) - started)) s; raw figures in bench/raw/"
