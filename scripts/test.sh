#!/usr/bin/env bash
# Runs every test: the workspace's cargo tests (pallets with their benchmark tests, primitives,
# runtime wiring), the release node build the e2e tests need, and the e2e tests against real
# nodes with @polkadot/api and smoldot, the resident app in headless Chromium, and the indexer on
# SQLite and on PostgreSQL (a private server started on a free port, stopped at the end). Exits
# non-zero on any failure.
#
#   scripts/test.sh            # everything
#   scripts/test.sh cargo      # only the cargo tests (and the formatting and scripts' checks)
#   scripts/test.sh app        # only the resident app's checks: types, unit tests, descriptors, build
#   scripts/test.sh e2e        # only the e2e tests (builds the node and the app if needed)
source "$(dirname "$0")/lib.sh"

what=${1:-all}
start=$(date +%s)
ensure_system_packages with-node
ensure_rust

if [ "$what" = all ] || [ "$what" = e2e ]; then
	build_node
fi
# `all`: the cargo tests build the indexer's and the load generator's binaries too (for their
# integration tests, into the same target/release), with the workspace's features, and the
# `next-version` runtime; building the binaries alone would compile their dependencies a second
# time with other features.
[ "$what" = e2e ] && build_indexer && build_loadgen && build_next_runtime
CARGO_BUILD_PID=
cleanup() {
	# `all`: a cargo build still running beside failed e2e tests stops with them.
	[ -z "$CARGO_BUILD_PID" ] || kill -- -"$CARGO_BUILD_PID" 2>/dev/null || true
	stop_postgres
}
trap cleanup EXIT
if [ "$what" = all ] || [ "$what" = cargo ] || [ "$what" = e2e ]; then
	# The indexer's tests run on SQLite and, with this server, on PostgreSQL too.
	start_postgres
fi

# The workspace's cargo tests. --release shares the dependency build with the node above instead
# of compiling it twice (workspace-hack/ makes both builds resolve the same features for the
# crates they share, except the benchmarking and try-runtime code); runtime-benchmarks also runs
# every pallet's benchmarks as tests in its mock runtime. No cargo test needs the node's wasm
# runtime: the crate that builds it is left out (WORKSPACE_TEST_EXCLUDE). The one wasm this build
# makes is the `next-version` runtime (gongzhi-runtime-next-wasm), for the e2e tests that upgrade
# a chain to it: moved here from the node's build, where it ran last, on one core, for 76 s.
# The runtime is tested as its `next-version` build (the upgrade test's second runtime: the same
# code with spec_version one ahead and its migrations, here needs-survey's 1 → 2) and with
# try-runtime: the fuzz budget checks every pallet's try_state after every block, and
# runtime/tests/runtime/try_upgrade.rs runs try-runtime's upgrade check on snapshots. One build
# for all of it: a second build of the runtime for the migration's tests alone would compile its
# dependencies again. Arguments are cargo test's (`--no-run`: only build).
cargo_tests() {
	(cd "$ROOT" && cargo test --locked --release --workspace "${WORKSPACE_TEST_EXCLUDE[@]}" \
		--features "$WORKSPACE_TEST_FEATURES" ${GONGZHI_TIMINGS:+--timings} "$@")
}

if [ "$what" = all ] || [ "$what" = cargo ]; then
	log "formatting (cargo fmt --check, rustfmt.toml)"
	(cd "$ROOT" && cargo fmt --all -- --check)
	log "the features the node's build and the cargo tests' build share (workspace-hack/)"
	(cd "$ROOT" && python3 scripts/workspace-hack.py --check)
	log "the weights converter's tests (scripts/calibrate-weights-test.py)"
	(cd "$ROOT" && python3 scripts/calibrate-weights-test.py)
fi
if [ "$what" = cargo ]; then
	log "cargo tests (release, with the benchmark tests)"
	cargo_tests
fi
# `all`: the cargo tests compile beside the app's checks and the e2e tests, at the lowest CPU and
# I/O priority (SCHED_IDLE, the idle I/O class): the e2e tests mostly wait for blocks, and the
# compiler gets only the CPU they leave, so their nodes and browsers run as if it were not there.
# The e2e files that run the indexer's or the load generator's binary or set the `next-version`
# runtime (all built by this build) run last in their lanes, once it has ended (GONGZHI_TOOLS_READY,
# e2e/run.mjs and e2e/lib/tools.js). The tests themselves run after the e2e tests, at normal
# priority: the fuzz budget times every call against its weight. The build's output goes to a
# log, printed at the end if it fails.
if [ "$what" = all ]; then
	CARGO_LOG=$(mktemp "${TMPDIR:-/tmp}/gongzhi-cargo-tests.XXXXXX")
	TOOLS_READY=$CARGO_LOG.built
	log "cargo tests: building at idle priority beside the e2e tests (output in $CARGO_LOG)"
	set -m # its own process group, so that cleanup stops cargo and its compilers with it
	(
		set +e
		idle
		build_started=$(date +%s)
		cargo_tests --no-run >"$CARGO_LOG" 2>&1
		rc=$?
		if [ $rc = 0 ]; then
			echo ok
		else
			echo "cargo test --no-run exited with $rc (its output: at the end of scripts/test.sh's)"
		fi >"$TOOLS_READY.tmp"
		mv "$TOOLS_READY.tmp" "$TOOLS_READY"
		log "cargo tests: built (exit $rc) in $(($(date +%s) - build_started)) s"
		exit $rc
	) &
	CARGO_BUILD_PID=$!
	set +m
fi
if [ "$what" = all ] || [ "$what" = app ] || [ "$what" = e2e ]; then
	[ "$what" = app ] && build_node
	ensure_npm "$ROOT/app"
	log "resident app: type check, unit tests, descriptors up to date with the built runtime"
	(cd "$ROOT/app" && npm run --silent typecheck && npm test --silent && npm run --silent descriptors:check)
	build_app
fi

if [ "$what" = all ] || [ "$what" = e2e ]; then
	ensure_browser
	log "e2e tests against $NODE_BIN (resident app in $(chromium --version 2>/dev/null || echo chromium))"
	ensure_npm "$ROOT/e2e"
	cd "$ROOT/e2e"
	e2e_rc=0
	GONGZHI_NODE=$NODE_BIN GONGZHI_INDEXER=$INDEXER_BIN GONGZHI_LOADGEN=$LOADGEN_BIN \
		GONGZHI_TOOLS_READY=${TOOLS_READY:-} npm test || e2e_rc=$?
	cd "$ROOT"
fi

if [ "$what" = all ]; then
	cargo_rc=0
	wait "$CARGO_BUILD_PID" || cargo_rc=$?
	CARGO_BUILD_PID=
	if [ $cargo_rc = 0 ]; then
		log "cargo tests (release, with the benchmark tests): built beside the e2e tests; running them"
		cargo_tests --quiet || cargo_rc=$?
	else
		log "cargo tests: the build FAILED; the end of its output ($CARGO_LOG):"
		tail -n 200 "$CARGO_LOG"
	fi
	[ $e2e_rc = 0 ] || log "e2e tests: FAILED (their failures are listed above, after the lanes)"
	[ $e2e_rc = 0 ] && [ $cargo_rc = 0 ] || exit 1
elif [ "$what" = e2e ] && [ $e2e_rc != 0 ]; then
	exit "$e2e_rc"
fi

log "scripts/test.sh $what: all passed in $(($(date +%s) - start)) s"
