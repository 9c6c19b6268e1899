#!/usr/bin/env bash
# Runs every test: the workspace's cargo tests (pallets with their benchmark tests, primitives,
# runtime wiring), the release node build the e2e tests need, and the e2e tests against real
# nodes with @polkadot/api and smoldot, the resident app in headless Chromium, and the indexer on
# SQLite and on PostgreSQL (a private server started on a free port, stopped at the end). Exits
# non-zero on any failure.
#
#   scripts/test.sh            # everything
#   scripts/test.sh cargo      # only the cargo tests (and the formatting check)
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
# `all`: the cargo tests below build the indexer's and the load generator's binaries too (for
# their integration tests, into the same target/release), with the workspace's features; building
# them alone would compile their dependencies a second time with other features.
[ "$what" = e2e ] && build_indexer && build_loadgen
if [ "$what" = all ] || [ "$what" = cargo ] || [ "$what" = e2e ]; then
	# The indexer's tests run on SQLite and, with this server, on PostgreSQL too.
	trap stop_postgres EXIT
	start_postgres
fi

if [ "$what" = all ] || [ "$what" = cargo ]; then
	log "formatting (cargo fmt --check, rustfmt.toml)"
	(cd "$ROOT" && cargo fmt --all -- --check)
	# --release shares the dependency build with the node above instead of compiling it twice;
	# runtime-benchmarks also runs every pallet's benchmarks as tests in its mock runtime. No test
	# needs the wasm runtime, so its second (benchmarking) build is skipped.
	log "cargo tests (release, with the benchmark tests)"
	# The runtime is tested as its `next-version` build (the upgrade test's second runtime: the
	# same code with spec_version one ahead and its migrations, here needs-survey's 1 → 2) and
	# with try-runtime: the fuzz budget checks every pallet's try_state after every block, and
	# runtime/tests/runtime/try_upgrade.rs runs try-runtime's upgrade check on snapshots. One build for
	# all of it: a second build of the runtime for the migration's tests alone would compile its
	# dependencies again.
	(cd "$ROOT" && SKIP_WASM_BUILD=1 cargo test --locked --release --workspace --exclude gongzhi-node \
		--features "$WORKSPACE_TEST_FEATURES" ${GONGZHI_TIMINGS:+--timings})
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
	GONGZHI_NODE=$NODE_BIN GONGZHI_INDEXER=$INDEXER_BIN GONGZHI_LOADGEN=$LOADGEN_BIN npm test
fi

log "scripts/test.sh $what: all passed in $(($(date +%s) - start)) s"
