#!/usr/bin/env bash
# try-runtime's upgrade check on the 50,000-resident district (issue 17): the next runtime
# version's migrations (runtime/src/lib.rs `Migrations`) run through
# `Executive::try_runtime_upgrade` with every check (pre/post-upgrade hooks, storage versions,
# every storage item decoding, every pallet's try_state, the weight within a block, a second run
# changing nothing) on a snapshot of a real chain's state. See runtime/tests/runtime/try_upgrade.rs.
#
#   scripts/try-upgrade.sh                   # a district of 50,000 residents
#   scripts/try-upgrade.sh 5000              # a smaller one
#   scripts/try-upgrade.sh --snapshot FILE   # a snapshot you have (`gongzhi-node export-state`)
#
# Without --snapshot it makes one: `gongzhi-loadgen district` starts a dev node whose genesis
# holds the residents, every resident answers a survey and votes in a ballot (both still open),
# the node stops and its state at the finalized head is exported. The snapshot is kept in the
# printed scratch directory. scripts/test.sh runs the same check on a small district (CI).
source "$(dirname "$0")/lib.sh"

residents=50000 snapshot=
while [ $# -gt 0 ]; do
	case $1 in
		--snapshot) snapshot=$(realpath "$2"); shift 2 ;;
		*) residents=$1; shift ;;
	esac
done
ensure_system_packages
ensure_rust

if [ -z "$snapshot" ]; then
	build_node
	log "building gongzhi-loadgen"
	(cd "$ROOT" && cargo build --locked --release -p gongzhi-loadgen)
	work=$(mktemp -d "${TMPDIR:-/tmp}/gongzhi-try-upgrade.XXXXXX")
	snapshot=$work/district-$residents.json
	log "a district of $residents residents, a survey and a ballot, exported to $snapshot"
	"$CARGO_TARGET_DIR/release/gongzhi-loadgen" district --node "$NODE_BIN" --work "$work" \
		--residents "$residents" --out "$snapshot"
fi
log "try-runtime's upgrade check on $snapshot ($(du -h "$snapshot" | cut -f1))"
(cd "$ROOT" && GONGZHI_SNAPSHOT=$snapshot cargo test --locked --release --workspace \
	"${WORKSPACE_TEST_EXCLUDE[@]}" --features "$WORKSPACE_TEST_FEATURES" --test runtime -- \
	--ignored --exact try_upgrade::the_upgrade_passes_every_check_on_the_given_snapshot --nocapture)
