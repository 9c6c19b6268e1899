# Shared by the scripts: where builds go, and installing what a fresh Debian machine lacks.
# Source it; it sets ROOT, CARGO_TARGET_DIR, WASM_BUILD_WORKSPACE_HINT and NODE_BIN.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# One target dir for every build, test and CI run on this machine, so nothing compiles twice.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/gongzhi-target}
# With the target dir outside the workspace, the wasm builder must be told where Cargo.lock is.
export WASM_BUILD_WORKSPACE_HINT=$ROOT
# The wasm builder runs cargo outside the workspace, where rust-toolchain.toml doesn't apply:
# name the pinned toolchain (which has the wasm32v1-none target) explicitly.
WASM_BUILD_TOOLCHAIN=${WASM_BUILD_TOOLCHAIN:-$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$ROOT/rust-toolchain.toml")}
export WASM_BUILD_TOOLCHAIN
# frame-benchmarking-cli's own test runtime only serves `benchmark storage`, and its wasm build
# can't find itself in our workspace's lock file: skip it.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
# The node the README's commands build and the e2e tests drive has no benchmarking code in its
# runtime (as on a real chain: light clients can't provide the benchmarking host functions).
# scripts/bench*.sh set NODE_FEATURES=runtime-benchmarks for the `benchmark` subcommands; cargo
# keeps both builds' native artifacts apart, so switching costs the runtime's wasm build (both
# write wbuild/gongzhi-runtime/) and the binary's link: 74 s back to the normal node (2026-12-04).
NODE_FEATURES=${NODE_FEATURES-}
NODE_BIN=$CARGO_TARGET_DIR/release/gongzhi-node
# Lints: every build the scripts run compiles the workspace's own crates through clippy-driver
# with warnings denied (scripts/lint-rustc says how). GONGZHI_LINT=0 builds without it (the
# workspace's crates then compile again, once).
if [ "${GONGZHI_LINT:-1}" != 0 ]; then
	export RUSTC_WORKSPACE_WRAPPER=$ROOT/scripts/lint-rustc
fi
# The features of the workspace's cargo tests (scripts/test.sh); scripts/fuzz.sh and
# scripts/try-upgrade.sh use the same, so that they reuse that build.
WORKSPACE_TEST_FEATURES=runtime-benchmarks,try-runtime,gongzhi-runtime/next-version
# The node's crates, which the workspace's cargo tests leave out: the e2e tests test the node, and
# the tests' runtime-benchmarks would bring frame-benchmarking-cli into its build.
WORKSPACE_TEST_EXCLUDE=(--exclude gongzhi-node --exclude gongzhi-node-lib --exclude gongzhi-runtime-wasm)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Lowers the calling shell (a subshell: `( idle; … )`) and what it starts next to the lowest CPU
# priority (SCHED_IDLE: they get only the CPU that every other process leaves) and the idle I/O
# class, with util-linux's chrt and ionice; to nice 19 without them.
idle() {
	if command -v chrt >/dev/null && command -v ionice >/dev/null; then
		chrt --idle -p 0 "$BASHPID" >/dev/null && ionice -c 3 -p "$BASHPID"
	else
		renice -n 19 -p "$BASHPID" >/dev/null
	fi
}

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		echo "need root to run: $*" >&2
		return 1
	fi
}

# System packages the build needs: protoc (litep2p, sc-network), a C toolchain (zstd, ring, SQLite),
# perl and make (vendored OpenSSL); Node.js and npm for the e2e tests.
ensure_system_packages() {
	local missing=()
	command -v protoc >/dev/null || missing+=(protobuf-compiler)
	command -v cc >/dev/null && command -v c++ >/dev/null || missing+=(build-essential)
	command -v make >/dev/null || missing+=(make)
	command -v perl >/dev/null || missing+=(perl)
	command -v git >/dev/null || missing+=(git)
	command -v pkg-config >/dev/null || missing+=(pkg-config)
	# scripts/workspace-hack.py (its --check is part of scripts/test.sh's cargo tests).
	command -v python3 >/dev/null || missing+=(python3)
	# The node links the system's OpenSSL 3 (.cargo/config.toml: OPENSSL_NO_VENDOR).
	[ -e /usr/include/openssl/ssl.h ] || missing+=(libssl-dev)
	if [ "${1:-}" = with-node ]; then
		command -v node >/dev/null || missing+=(nodejs)
		command -v npm >/dev/null || missing+=(npm)
	fi
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing system packages: ${missing[*]}"
		as_root apt-get update -qq
		DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
	fi
}

# The Rust toolchain, wasm target and rust-src that rust-toolchain.toml pins.
ensure_rust() {
	command -v rustup >/dev/null || {
		echo "rustup is required: https://rustup.rs" >&2
		exit 1
	}
	(cd "$ROOT" && rustup toolchain install >/dev/null 2>&1 || rustup show >/dev/null)
}

# The Rust prover of anonymous ballots (`gongzhi-loadgen prove`) for e2e 15; like the indexer, the
# workspace's cargo tests build it (its integration test runs it).
LOADGEN_BIN=$CARGO_TARGET_DIR/release/gongzhi-loadgen
build_loadgen() {
	log "building gongzhi-loadgen (release) into $CARGO_TARGET_DIR"
	(cd "$ROOT" && cargo build --locked --release -p gongzhi-loadgen)
}
# The `next-version` runtime (runtime/wasm-next/), for e2e 06 and 09; like the indexer, the
# workspace's cargo tests build it.
build_next_runtime() {
	log "building the next-version runtime (gongzhi-runtime-next-wasm) into $CARGO_TARGET_DIR"
	(cd "$ROOT" && cargo build --locked --release -p gongzhi-runtime-next-wasm)
}
# The indexer (indexer/), release, beside the node.
INDEXER_BIN=$CARGO_TARGET_DIR/release/gongzhi-indexer
build_indexer() {
	log "building gongzhi-indexer (release) into $CARGO_TARGET_DIR"
	(cd "$ROOT" && cargo build --locked --release -p gongzhi-indexer)
}

# Debian's PostgreSQL server binaries (for the indexer's PostgreSQL tests).
ensure_postgres() {
	if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v psql >/dev/null; then
		log "installing system packages: postgresql"
		as_root apt-get update -qq
		DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql
	fi
}

# Starts a private PostgreSQL server in a temp dir on a free loopback port, exports its URL as
# GONGZHI_TEST_PG_URL (user `gongzhi`, who may create databases); stop_postgres stops it and
# removes the directory. Run as root, the server runs as Debian's `postgres` user.
start_postgres() {
	ensure_postgres
	local bin port run=()
	bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
	port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
	PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gongzhi-pg.XXXXXX")
	if [ "$(id -u)" = 0 ]; then
		chown postgres "$PG_DIR"
		run=(runuser -u postgres --)
	fi
	PG_RUN=("${run[@]}")
	PG_BIN=$bin
	"${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U gongzhi -A trust -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 || {
		cat "$PG_DIR/initdb.log" >&2
		return 1
	}
	"${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
		-o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
	export GONGZHI_TEST_PG_URL="postgres://gongzhi@127.0.0.1:$port/postgres"
	# The tests that use it fail, rather than skip, if it goes missing.
	export GONGZHI_REQUIRE_PG=1
	log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (in $PG_DIR)"
}

stop_postgres() {
	[ -n "${PG_DIR:-}" ] || return 0
	"${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$PG_DIR"
	PG_DIR=
}

build_node() {
	log "building gongzhi-node (release, features: $NODE_FEATURES) into $CARGO_TARGET_DIR"
	# GONGZHI_TIMINGS=1: cargo writes its per-crate build timeline (target/cargo-timings/).
	(cd "$ROOT" && cargo build --locked --release -p gongzhi-node --features "$NODE_FEATURES" \
		${GONGZHI_TIMINGS:+--timings})
}

# The machine's speed, for the scripts that measure weights (bench-weights.sh converts every
# execution time to one speed with it; bench-storage.sh, whose database timings it can't convert,
# checks that the machine runs at that speed):
# `Balances::transfer_keep_alive`'s execution time in picoseconds, as `benchmark pallet` writes it
# into a weights file (the "reference": the SDK's code, the same for every commit; 2 steps × 20
# repeats, about 30 s). Needs the node built with runtime-benchmarks; $1 is a scratch directory.
# TOLERANCE (percent) is how far the reference may move before the speed counts as changed. It
# must sit above one sample's own noise, or no run passes: nine back-to-back samples on the idle
# machine (2026-12-04) read 51.5–65.8 µs, ±12% around their median. What it has to catch is
# drift, which was ×1.2 to ×2.1 between days and ×1.6 within 20 minutes (bench/REPORT.md §5,
# finding 3).
REFERENCE=$ROOT/runtime/src/weights/reference.txt
TOLERANCE=${TOLERANCE:-20}
reference_time() {
	local ps
	"$NODE_BIN" benchmark pallet --chain dev --pallet pallet_balances --extrinsic transfer_keep_alive \
		--wasm-execution compiled --steps 2 --repeat 20 --heap-pages 4096 \
		--output "$1/reference.rs" >"$1/reference.log" 2>&1 || {
		cat "$1/reference.log" >&2
		return 1
	}
	ps=$(sed -n 's/.*Weight::from_parts(\([0-9_]*\), 0).*/\1/p' "$1/reference.rs" | head -n 1 | tr -d _)
	[ -n "$ps" ] || { log "no weight in the reference's output ($1/reference.rs)" && return 1; }
	echo "$ps"
}
# Whether $1 is within TOLERANCE percent of $2.
speed_within() { (($1 * 100 <= $2 * (100 + TOLERANCE) && $1 * 100 >= $2 * (100 - TOLERANCE))); }
# The reference recorded by the last full bench-weights.sh run, in ps (empty if none).
recorded_reference() { sed -n 's/^transfer_keep_alive_ps=//p' "$REFERENCE" 2>/dev/null || true; }
ps_as_us() { awk -v ps="$1" 'BEGIN { printf "%.1f µs", ps / 1e6 }'; }
# Stops the script unless the reference just measured ($1) is within TOLERANCE of the one
# recorded by the last full bench-weights.sh run (the speed the committed weights are converted
# to). WEIGHTS_ANY_SPEED=1 lets it go on.
speed_as_recorded() {
	local recorded
	recorded=$(recorded_reference)
	[ -z "${WEIGHTS_ANY_SPEED:-}" ] || return 0
	if [ -z "$recorded" ]; then
		log "no reference recorded in ${REFERENCE#"$ROOT"/}: the committed weights were not converted to one"
		log "known speed; regenerate them all (bench-weights.sh, no arguments), or set WEIGHTS_ANY_SPEED=1"
		exit 1
	fi
	if ! speed_within "$1" "$recorded"; then
		log "the machine runs the reference in $(ps_as_us "$1"); the committed weights are converted to where it"
		log "took $(ps_as_us "$recorded") (${REFERENCE#"$ROOT"/}), so figures measured now would not match theirs:"
		log "wait for the machine's usual speed, regenerate every weight, or set WEIGHTS_ANY_SPEED=1"
		exit 1
	fi
}

# Headless Chromium and a CJK font for the resident app's browser tests (Debian packages; no
# browser download: playwright-core drives /usr/bin/chromium).
ensure_browser() {
	local missing=()
	command -v chromium >/dev/null || missing+=(chromium)
	fc-list 2>/dev/null | grep -qi -e "WenQuanYi" -e "Noto Sans CJK" || missing+=(fonts-wqy-microhei)
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing system packages: ${missing[*]}"
		as_root apt-get update -qq
		DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
	fi
}

# npm modules of a package folder, installed when missing or older than its lock file.
ensure_npm() {
	local dir=$1
	if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		# npm 11 leaves some platform-only optional dependencies (vite 8's Windows helper) out of
		# the lock file, and `npm ci` then refuses it: install from the lock file as far as it goes.
		(cd "$dir" && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; })
	fi
}

# The resident app (app/): its modules, the typed descriptors generated from the committed
# metadata, and the static build in app/dist.
build_app() {
	log "building the resident app (app/dist)"
	ensure_npm "$ROOT/app"
	(cd "$ROOT/app" && npm run --silent build)
}

# A raw chain spec of `chain` whose only boot node is `multiaddr`, written to `out` (what a light
# client in a page starts from).
chain_spec_with_bootnode() {
	local chain=$1 multiaddr=$2 out=$3
	"$NODE_BIN" export-chain-spec --chain "$chain" --raw 2>/dev/null |
		node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);j.bootNodes=[process.argv[1]];process.stdout.write(JSON.stringify(j))})' "$multiaddr" >"$out"
}
