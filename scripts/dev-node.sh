#!/usr/bin/env bash
# Builds the node and starts a development chain with the demo district (one street office, two
# communities, officers, residents and providers from the dev keyring). The chain lives in a
# temporary directory and starts fresh each time. Extra arguments go to the node.
#
#   scripts/dev-node.sh                # then open Polkadot.js apps on ws://127.0.0.1:9944
source "$(dirname "$0")/lib.sh"

ensure_system_packages
ensure_rust
build_node

cat >&2 <<MSG

  Gongzhi dev node starting.
  JSON-RPC / WebSocket:   ws://127.0.0.1:9944
  Polkadot.js apps:       https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944#/explorer
  The demo cycle:         scripts/demo.sh   (in another terminal)

MSG
exec "$NODE_BIN" --dev --rpc-cors all "$@"
