#!/usr/bin/env bash
# The deployment kit on one machine: four validators and one public RPC node on 127.0.0.1, each
# started the way deploy/systemd/gongzhi@.service starts it (bin/gongzhi-run with an environment
# file), with fresh keys (bin/gongzhi-keys) and a chain spec made from a district file
# (bin/gongzhi-spec). e2e/tests/07-deploy-kit.test.js runs a ballot through it.
#
#   deploy/loopback.sh up <dir> [district.json]   # prints one JSON line: rpc, p2p, spec, nodes
#   deploy/loopback.sh down <dir>
#
# district.json: the district file without "validators" (they are made here); without it, a
# district of one office and no admin key. A district without "council" (and without "admin")
# gets a council of three fresh keys, their secrets kept in the directory (council-N.json).
# Environment: GONGZHI_NODE (default: the build's node), LOOPBACK_RPC_RATE (the RPC node's calls per minute per connection, default 600).
set -euo pipefail
KIT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export GONGZHI_NODE=${GONGZHI_NODE:-${CARGO_TARGET_DIR:-$HOME/.cache/gongzhi-target}/release/gongzhi-node}

cmd=${1:?usage: loopback.sh <up|down> <dir> [district.json]}
dir=${2:?usage: loopback.sh <up|down> <dir> [district.json]}

# Stops every node of the network and waits until they have exited (up to 30 s, then SIGKILL), so
# that whoever removes the directory next doesn't race a node still writing its database.
down() {
	local pids=()
	for pid_file in "$dir"/*.pid; do
		[ -e "$pid_file" ] || continue
		pids+=("$(cat "$pid_file")")
		kill "${pids[-1]}" 2>/dev/null || true
		rm -f "$pid_file"
	done
	for _ in $(seq 60); do
		local alive=0
		for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
		[ "$alive" = 0 ] && return 0
		sleep 0.5
	done
	for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
if [ "$cmd" = down ]; then
	down
	exit 0
fi
[ "$cmd" = up ] || { echo "loopback.sh: up or down" >&2; exit 2; }
district_in=${3:-}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
trap 'down' ERR

# 4 validators × (p2p, rpc) + the RPC node's p2p, WebSocket p2p and rpc: free ports.
read -r -a ports < <(node -e '
const net = require("node:net");
(async () => {
  const out = [];
  for (let i = 0; i < 11; i++) out.push(await new Promise((ok) => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); }));
  console.log(out.join(" "));
})();')

validators=()
for i in 1 2 3 4; do
	env=$dir/validator-$i.env
	cat >"$env" <<-ENV
		GONGZHI_NODE=$GONGZHI_NODE
		GONGZHI_CHAIN=$dir/spec.json
		GONGZHI_BASE=$dir/validator-$i
		GONGZHI_NAME=loopback-validator-$i
		GONGZHI_P2P=127.0.0.1:${ports[$((2 * i - 2))]}
		GONGZHI_RPC_PORT=${ports[$((2 * i - 1))]}
	ENV
	validators+=("$("$KIT/bin/gongzhi-keys" new "$env")")
done
boot_peer=$(node -e 'console.log(JSON.parse(process.argv[1]).peerId)' "${validators[0]}")
boot=/ip4/127.0.0.1/tcp/${ports[0]}/p2p/$boot_peer

# The district file: the given one (or one office, its admin's secret kept in the directory)
# with the validators just made.
if [ -z "$district_in" ]; then
	(umask 077 && "$GONGZHI_NODE" key generate --output-type json >"$dir/office-admin.json")
	export OFFICE_ADMIN=$(node -e 'console.log(JSON.parse(require("node:fs").readFileSync(process.argv[1])).ss58Address)' "$dir/office-admin.json")
fi
for i in 1 2 3; do
	(umask 077 && "$GONGZHI_NODE" key generate --output-type json >"$dir/council-$i.json")
done
node -e '
const fs = require("node:fs");
const [input, out, boot, ...validators] = process.argv.slice(1);
const d = input ? JSON.parse(fs.readFileSync(input, "utf8")) : {
  offices: [[process.env.OFFICE_ADMIN, "回环测试街道办事处 (loopback)"]]
};
if (!d.council && !d.admin) {
  d.council = [1, 2, 3].map((i) => JSON.parse(fs.readFileSync(`${require("node:path").dirname(out)}/council-${i}.json`, "utf8")).ss58Address);
}
d.name = d.name ?? "Gongzhi loopback";
d.id = d.id ?? "gongzhi_loopback";
d.bootNodes = [boot];
d.validators = validators.map((v) => JSON.parse(v));
fs.writeFileSync(out, JSON.stringify(d, null, 1));
' "$district_in" "$dir/district.json" "$boot" "${validators[@]}"
allow=()
grep -q '"admin"' "$dir/district.json" && allow=(--allow-admin-key)
"$KIT/bin/gongzhi-spec" "$dir/district.json" "$dir/spec.json" "${allow[@]}" >"$dir/spec-check.txt"

for i in 1 2 3 4; do
	env=$dir/validator-$i.env
	"$KIT/bin/gongzhi-keys" insert "$env" >/dev/null
	[ "$i" = 1 ] || echo "GONGZHI_BOOTNODES=$boot" >>"$env"
	setsid "$KIT/bin/gongzhi-run" validator "$env" >"$dir/validator-$i.log" 2>&1 &
	echo $! >"$dir/validator-$i.pid"
done

rpc_env=$dir/rpc.env
cat >"$rpc_env" <<-ENV
	GONGZHI_NODE=$GONGZHI_NODE
	GONGZHI_CHAIN=$dir/spec.json
	GONGZHI_BASE=$dir/rpc
	GONGZHI_NAME=loopback-rpc
	GONGZHI_P2P=127.0.0.1:${ports[8]}
	GONGZHI_WS_P2P=127.0.0.1:${ports[9]}
	GONGZHI_RPC_PORT=${ports[10]}
	GONGZHI_RPC_RATE=${LOOPBACK_RPC_RATE:-600}
	GONGZHI_BOOTNODES=$boot
ENV
mkdir -p "$dir/rpc" && chmod 700 "$dir/rpc"
[ -e "$dir/rpc/node-key" ] || "$GONGZHI_NODE" key generate-node-key --file "$dir/rpc/node-key" 2>/dev/null
rpc_peer=$("$GONGZHI_NODE" key inspect-node-key --file "$dir/rpc/node-key")
setsid "$KIT/bin/gongzhi-run" rpc "$rpc_env" >"$dir/rpc.log" 2>&1 &
echo $! >"$dir/rpc.pid"

# Ready when the RPC node has finalized a block past genesis (all four must vote: 3 of 4 do).
node -e '
const url = `http://127.0.0.1:${process.argv[1]}`;
const call = async (method, params = []) => (await (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: 1, jsonrpc: "2.0", method, params }) })).json()).result;
(async () => {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    try {
      const head = await call("chain_getHeader", [await call("chain_getFinalizedHead")]);
      if (head && parseInt(head.number, 16) >= 2) return;
    } catch {}
    await new Promise((ok) => setTimeout(ok, 1000));
  }
  console.error("loopback.sh: the RPC node finalized nothing in 180 s (see the logs in the directory)");
  process.exit(1);
})();' "${ports[10]}"

printf '{"rpc":"ws://127.0.0.1:%s","p2pWs":"/ip4/127.0.0.1/tcp/%s/ws/p2p/%s","spec":"%s","dir":"%s","validatorRpc":["http://127.0.0.1:%s","http://127.0.0.1:%s","http://127.0.0.1:%s","http://127.0.0.1:%s"]}\n' \
	"${ports[10]}" "${ports[9]}" "$rpc_peer" "$dir/spec.json" "$dir" "${ports[1]}" "${ports[3]}" "${ports[5]}" "${ports[7]}"
