#!/usr/bin/env bash
# A long fuzz campaign on the real runtime (runtime/tests/runtime/fuzz.rs): random signed calls of every
# Gongzhi pallet from random actors, in whole blocks, with every pallet's try_state and the
# domain's invariants checked after each block. Prints calls, blocks, failures and, per call, how
# often it was generated, got into a block and succeeded.
#
#   scripts/fuzz.sh                      # 1,000,000 calls, seed 2609
#   scripts/fuzz.sh 200000 42            # 200,000 calls, seed 42
#
# Environment: GONGZHI_FUZZ_CASE_CALLS (calls per fresh chain, default 600). The runtime is built
# as the workspace's cargo tests build it (scripts/lib.sh's WORKSPACE_TEST_FEATURES, with
# try-runtime: every pallet's try_state after every block), so after scripts/test.sh nothing is
# compiled again. A failure prints `replay(<case seed>, <calls>)`: make it a regression test at
# the end of runtime/tests/runtime/fuzz.rs.
source "$(dirname "$0")/lib.sh"

calls=${1:-1000000}
seed=${2:-${GONGZHI_FUZZ_SEED:-2609}}
ensure_system_packages
ensure_rust

log "fuzzing: $calls calls, seed $seed, features $WORKSPACE_TEST_FEATURES"
start=$(date +%s)
status=0
(cd "$ROOT" && GONGZHI_FUZZ_CALLS=$calls GONGZHI_FUZZ_SEED=$seed GONGZHI_FUZZ_REPORT=1 \
	cargo test --locked --release --workspace "${WORKSPACE_TEST_EXCLUDE[@]}" --features "$WORKSPACE_TEST_FEATURES" --test runtime -- \
	--exact fuzz::fuzz_real_runtime --nocapture) || status=$?
if [ $status = 0 ]; then
	log "scripts/fuzz.sh: $calls calls, no failure, in $(($(date +%s) - start)) s"
else
	log "scripts/fuzz.sh: FAILED (see the failure and its replay line above) after $(($(date +%s) - start)) s"
fi
exit $status
