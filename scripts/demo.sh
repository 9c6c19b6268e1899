#!/usr/bin/env bash
# Runs one whole Gongzhi service cycle against a running dev node and narrates it: a needs
# survey, open and secret procurement ballots (direct and relayed), the award, a voucher
# programme with online and offline (QR) redemptions, ratings with a follow-up case, settlement,
# and the statistics and scorecards anyone can read. It runs the same steps (e2e/lib/cycle.js)
# that the e2e lifecycle test asserts. Takes about three minutes (6-second blocks).
#
#   scripts/dev-node.sh                        # in one terminal
#   scripts/demo.sh                            # in another; ws://127.0.0.1:9944
#   scripts/demo.sh ws://host:port             # or GONGZHI_WS=ws://host:port scripts/demo.sh
#
# It may be run again on the same chain: each run uses the new ids the chain hands out.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT/e2e"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	echo "Node.js (>= 20) and npm are needed: apt-get install nodejs npm" >&2
	exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	printf '\033[1m==> %s\033[0m\n' "installing the e2e dependencies (npm ci)" >&2
	npm ci --no-audit --no-fund >&2
fi

exec node demo.js "${1:-${GONGZHI_WS:-ws://127.0.0.1:9944}}"
