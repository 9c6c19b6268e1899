#!/usr/bin/env bash
# The runtime's database weights (`DbWeight`: one storage read, one storage write) measured on the
# state of a real district, instead of frame-support's `ParityDbWeight` constant (issue 18):
#
#   1. `gongzhi-loadgen district` starts a dev node (ParityDB) whose genesis holds RESIDENTS bench
#      residents; every resident answers a survey and votes in a ballot (all finalized); the
#      node stops, and its database is kept;
#   2. `gongzhi-node benchmark storage` reads every key of that state at the best block one by
#      one (the read weight: the average time of a read), then overwrites every key in random
#      order, in batches of BENCH_STORAGE_BATCH keys (default 5,000, about the writes of a block
#      full of ballots: 1,838 ballots, each writing its ballot, the project and the voter's
#      nonce), each batch with its storage root computed and committed to ParityDB as a block
#      import does (the write weight: the average time per key of a batch), without the trie
#      cache; it writes runtime/src/weights/paritydb_weights.rs (template
#      scripts/templates/db-weights.hbs), which the runtime uses as its `DbWeight`.
#
#   scripts/bench-storage.sh            # a district of 50,000 residents
#   scripts/bench-storage.sh 5000       # a smaller one
#   BENCH_STORAGE_WORK=DIR scripts/bench-storage.sh   # keep the district in DIR; a DIR that
#                                       # already holds one (district-db/) is measured again as is
#
# The summary and the machine go to bench/raw/storage/. Run it on an otherwise idle machine:
# weights are timings. After it, the weights that include database costs (every weights.rs)
# charge the new figures: no other file changes. Like scripts/bench-weights.sh, it measures the
# machine's speed (lib.sh's `reference_time`) before the district is built and before and after
# the benchmark, and writes no weights unless the last two agree and all match the reference
# recorded with the committed weights (WEIGHTS_ANY_SPEED=1 skips that comparison).
NODE_FEATURES=${NODE_FEATURES:-runtime-benchmarks}
source "$(dirname "$0")/lib.sh"

residents=${1:-50000}
BATCH=${BENCH_STORAGE_BATCH:-5000}
LOADGEN=$CARGO_TARGET_DIR/release/gongzhi-loadgen
RAW=$ROOT/bench/raw/storage
ensure_system_packages
ensure_rust
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
	build_node
	log "building gongzhi-loadgen"
	(cd "$ROOT" && cargo build --locked --release -p gongzhi-loadgen)
fi

work=${BENCH_STORAGE_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/gongzhi-bench-storage.XXXXXX")}
mkdir -p "$work" "$RAW"
work=$(realpath "$work")
spec=$work/district-spec.json
db=$work/district-db
started=$(date +%s)
{
	date -u '+%Y-%m-%d %H:%M UTC'
	echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews figures)"
	uname -srm
	grep -m1 'model name' /proc/cpuinfo | sed 's/^model name\s*: /cpu: /'
	echo "cores: $(nproc)"
	free -m | awk '/^Mem:/ {print "memory: " $2 " MiB"}'
	df -h --output=source,fstype "$work" | tail -n 1 | awk '{print "database on: " $1 " (" $2 ")"}'
	echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
} >"$RAW/machine.txt"

# Before the district is built: a machine that is not at the committed weights' speed stops here.
reference_start=$(reference_time "$work")
speed_as_recorded "$reference_start"

if [ -d "$db" ] && [ -f "$spec" ]; then
	log "measuring the district already in $db"
else
	log "a district of $residents residents (responses and ballots), its database in $db"
	"$LOADGEN" district --node "$NODE_BIN" --work "$work" --residents "$residents" \
		--out "$work/district-snapshot.json"
	# The snapshot (`export-state`) is what try-upgrade.sh checks; here only the database counts.
	rm -f "$work/district-snapshot.json"
fi
reference_before=$(reference_time "$work")
log "reference (Balances::transfer_keep_alive) before benchmark storage: $(ps_as_us "$reference_before")"
speed_as_recorded "$reference_before"
echo "district: $residents residents, each answered a survey and voted (gongzhi-loadgen district); database $(du -sh "$db" | cut -f1)" >>"$RAW/machine.txt"

log "benchmark storage on $db (ParityDB, state version 1, writes in batches of $BATCH)"
"$NODE_BIN" benchmark storage \
	--chain "$spec" \
	--base-path "$db" \
	--database paritydb \
	--state-version 1 \
	--batch-size "$BATCH" \
	--header "$ROOT/scripts/templates/header.txt" \
	--template-path "$ROOT/scripts/templates/db-weights.hbs" \
	--weight-path "$work/" 2>&1 | tee "$RAW/benchmark-storage.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RAW/machine.txt"
reference_after=$(reference_time "$work")
echo "reference (Balances::transfer_keep_alive, 2 × 20): $(ps_as_us "$reference_before") before, $(ps_as_us "$reference_after") after" >>"$RAW/machine.txt"
if ! speed_within "$reference_after" "$reference_before"; then
	log "the reference took $(ps_as_us "$reference_after") after, $(ps_as_us "$reference_before") before: the machine's"
	log "speed changed by more than $TOLERANCE% during the run, so paritydb_weights.rs is not written"
	exit 1
fi
cp "$work/paritydb_weights.rs" "$ROOT/runtime/src/weights/paritydb_weights.rs"
log "runtime/src/weights/paritydb_weights.rs written in $(($(date +%s) - started)) s; the district stays in $work"
