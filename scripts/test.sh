#!/usr/bin/env bash
# Runs every test: the workspace's cargo tests (pallets with their benchmark tests, primitives,
# runtime wiring), the release node build the e2e tests need, and the e2e tests against real
# nodes with @polkadot/api and smoldot. Exits non-zero on any failure.
#
#   scripts/test.sh            # everything
#   scripts/test.sh cargo      # only the cargo tests
#   scripts/test.sh e2e        # only the e2e tests (builds the node if needed)
source "$(dirname "$0")/lib.sh"

what=${1:-all}
start=$(date +%s)
ensure_system_packages with-node
ensure_rust

if [ "$what" = all ] || [ "$what" = e2e ]; then
	build_node
fi

if [ "$what" = all ] || [ "$what" = cargo ]; then
	# --release shares the dependency build with the node above instead of compiling it twice;
	# runtime-benchmarks also runs every pallet's benchmarks as tests in its mock runtime. No test
	# needs the wasm runtime, so its second (benchmarking) build is skipped.
	log "cargo tests (release, with the benchmark tests)"
	(cd "$ROOT" && SKIP_WASM_BUILD=1 cargo test --locked --release --workspace --exclude gongzhi-node \
		--features runtime-benchmarks)
fi

if [ "$what" = all ] || [ "$what" = e2e ]; then
	log "e2e tests against $NODE_BIN"
	cd "$ROOT/e2e"
	if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		npm ci --no-audit --no-fund
	fi
	GONGZHI_NODE=$NODE_BIN npm test
fi

log "scripts/test.sh $what: all passed in $(($(date +%s) - start)) s"
