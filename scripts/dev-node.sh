#!/usr/bin/env bash
# Builds the node and the resident app, then starts a development chain with the demo district
# (one street office, two communities, officers, residents and providers from the dev keyring)
# and serves the resident app, whose light client reaches the node over WebSocket p2p. The chain
# lives in a temporary directory and starts fresh each time. Extra arguments go to the node.
# The indexer (gongzhi-indexer) follows it into SQLite and serves the history over HTTP.
#
#   scripts/dev-node.sh      # then open the printed app URL on a phone or a browser,
#                            # or Polkadot.js apps on ws://127.0.0.1:9944
source "$(dirname "$0")/lib.sh"

RPC_PORT=${RPC_PORT:-9944}
P2P_PORT=${P2P_PORT:-30333}
APP_PORT=${APP_PORT:-8080}
INDEXER_PORT=${INDEXER_PORT:-8090}
# APP_HOST=0.0.0.0 (and P2P_HOST=<this machine's address>) to open the app from a phone on the LAN.
APP_HOST=${APP_HOST:-127.0.0.1}
P2P_HOST=${P2P_HOST:-127.0.0.1}

ensure_system_packages with-node
ensure_rust
build_node
build_indexer
build_app
ensure_npm "$ROOT/e2e"

work=$(mktemp -d)
# A fixed node key, so the chain spec given to the page can name this node as its boot node.
printf '%064x' 1 >"$work/node-key"
peer=$("$NODE_BIN" key inspect-node-key --file "$work/node-key")
bootnode="/ip4/$P2P_HOST/tcp/$P2P_PORT/ws/p2p/$peer"
chain_spec_with_bootnode dev "$bootnode" "$work/chain-spec.json"

# The static server also passes /indexer/ through to the indexer (the office console's history).
node "$ROOT/app/scripts/serve.mjs" --spec "$work/chain-spec.json" --port "$APP_PORT" --host "$APP_HOST" \
	--indexer "http://127.0.0.1:$INDEXER_PORT" >"$work/app.log" 2>&1 &
server=$!
# Once the node answers, open a survey, an open and a secret ballot and a voucher programme
# (windows of about 4 hours), so that a resident finds something to do in the app right away.
(
	for _ in $(seq 1 120); do
		(exec 3<>"/dev/tcp/127.0.0.1/$RPC_PORT") 2>/dev/null && break
		sleep 1
	done
	if node "$ROOT/e2e/demo.js" --stage "ws://127.0.0.1:$RPC_PORT" >"$work/stage.log" 2>&1; then
		printf '\n  %s\n  Open %s and vote (e.g. as Dave//stash).\n\n' "$(tail -n 1 "$work/stage.log")" "http://$APP_HOST:$APP_PORT/" >&2
	else
		printf '\n  Could not open the demo items:\n%s\n\n' "$(tail -n 20 "$work/stage.log")" >&2
	fi
) &
stager=$!
# The indexer: every finalized block's events into SQLite, read-only HTTP (JSON, CSV, OpenAPI).
# It retries until the node answers. For PostgreSQL: --database postgres://user@host/db.
"$INDEXER_BIN" --node "ws://127.0.0.1:$RPC_PORT" --database "sqlite://$work/index.sqlite?mode=rwc" \
	--http "127.0.0.1:$INDEXER_PORT" >"$work/indexer.log" 2>&1 &
indexer=$!
trap 'kill $server $stager $indexer 2>/dev/null; rm -rf "$work"' EXIT

cat >&2 <<MSG

  Gongzhi dev node starting.
  Resident app (light client in the page):  http://$APP_HOST:$APP_PORT/
      choose a test resident (e.g. Dave//stash) on the account screen, set a password, vote.
  Office console (办事处工作台):              http://$APP_HOST:$APP_PORT/console.html
      act as Bob (office admin), Charlie (officer of 向阳社区) or Eve (provider); import residents from a CSV.
  Light-client boot node (WebSocket p2p):   $bootnode
  JSON-RPC / WebSocket:                     ws://127.0.0.1:$RPC_PORT
  Indexer (history, JSON and CSV, OpenAPI): http://127.0.0.1:$INDEXER_PORT/  (log: $work/indexer.log)
  Polkadot.js apps:  https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$RPC_PORT#/explorer
  Demo items (a survey, two ballots, vouchers) open in about a minute; the whole cycle,
  narrated:          scripts/demo.sh   (in another terminal)

MSG
"$NODE_BIN" --dev --base-path "$work/chain" --rpc-port "$RPC_PORT" --rpc-cors all \
	--node-key-file "$work/node-key" --listen-addr "/ip4/$P2P_HOST/tcp/$P2P_PORT/ws" \
	--state-pruning archive-canonical "$@"
