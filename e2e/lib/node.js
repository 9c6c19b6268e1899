// Starts and stops real gongzhi-node processes for the end-to-end tests: free loopback ports,
// a temporary base path each, logs kept in that folder, and every process stopped when the test
// (or the whole runner) ends — even when a test fails.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGET_DIR } from './tools.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The node binary under test: $GONGZHI_NODE, or the release build in the shared target dir. */
export const NODE_BIN = process.env.GONGZHI_NODE ?? resolve(TARGET_DIR, 'release', 'gongzhi-node');

const running = new Set();
function killAll () {
  for (const n of running) {
    try { process.kill(n.child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => { killAll(); process.exit(130); });
}

// Scratch folders (chain specs, indexer databases and logs) live as long as the test file's
// process: removed when it exits, after its processes are killed, unless GONGZHI_E2E_KEEP is set.
const scratch = [];
process.on('exit', () => {
  if (process.env.GONGZHI_E2E_KEEP) return;
  for (const dir of scratch) { try { rmSync(dir, { recursive: true, force: true }); } catch { /* gone */ } }
});

/** A new folder in the temp dir, named `<prefix>XXXXXX`, removed when this process exits. */
export function scratchDir (prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** A TCP port on 127.0.0.1 that nothing listens on now. */
export function freePort () {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One JSON-RPC call over HTTP to a node's RPC port. */
export async function rpc (port, method, params = []) {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

/** A fixed libp2p node key (hex) and its peer id, so that a chain spec can name a bootnode. */
export function nodeKey (seedByte) {
  const key = seedByte.toString(16).padStart(2, '0').repeat(32);
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-key-'));
  const file = join(dir, 'node-key');
  writeFileSync(file, key);
  try {
    const peerId = execFileSync(NODE_BIN, ['key', 'inspect-node-key', '--file', file]).toString().trim();
    return { key, peerId };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts a node. Options: `chain` ('dev' | 'local' | a spec path), `validator` (a dev name such
 * as 'alice', which also inserts that dev key), `nodeKey`, `bootnodes`, `extraArgs`, `ws` (listen
 * for p2p over WebSocket instead of TCP, for browsers).
 * Resolves once its RPC answers. Returns { rpcPort, p2pPort, wsUrl, multiaddr, stop(), log() }.
 */
export async function startNode ({ chain = 'dev', validator, nodeKey: key, bootnodes = [], extraArgs = [], name = 'node', ws = false, authoring = true, basePath: reuse, rpcPort: wantRpc, p2pPort: wantP2p } = {}) {
  if (!existsSync(NODE_BIN)) throw new Error(`node binary not found at ${NODE_BIN}: build it first (scripts/test.sh does)`);
  // `basePath`, `rpcPort`, `p2pPort`: restart a node on its database and ports (after `kill9`).
  const basePath = reuse ?? mkdtempSync(join(tmpdir(), `gongzhi-e2e-${name}-`));
  const rpcPort = wantRpc ?? await freePort();
  const p2pPort = wantP2p ?? await freePort();
  const args = [
    '--base-path', basePath,
    '--rpc-port', String(rpcPort),
    // `ws`: p2p over WebSocket, the transport a browser's light client speaks.
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}${ws ? '/ws' : ''}`,
    '--no-prometheus', '--no-telemetry', '--no-mdns',
    '--rpc-cors', 'all',
    '--name', name
  ];
  // `authoring: false` on the dev chain: the same chain (and database), served by a node that
  // authors nothing, so the chain stands still (e.g. to compare two indexes of it).
  if (chain === 'dev') args.push(...(authoring ? ['--dev'] : ['--chain', 'dev']));
  else args.push('--chain', chain);
  if (validator) args.push(`--${validator}`, '--validator');
  if (key) args.push('--node-key', key);
  if (bootnodes.length) args.push('--bootnodes', ...bootnodes);
  args.push(...extraArgs);
  // GONGZHI_NODE_ARGS: extra flags for every node a test starts (e.g. log targets when debugging).
  if (process.env.GONGZHI_NODE_ARGS) args.push(...process.env.GONGZHI_NODE_ARGS.split(' ').filter(Boolean));

  const logPath = join(basePath, 'node.log');
  const out = openSync(logPath, 'a');
  const child = spawn(NODE_BIN, args, { stdio: ['ignore', out, out], detached: true });
  const handle = {
    child,
    basePath,
    rpcPort,
    p2pPort,
    wsUrl: `ws://127.0.0.1:${rpcPort}`,
    multiaddr: (peerId) => `/ip4/127.0.0.1/tcp/${p2pPort}${ws ? '/ws' : ''}/p2p/${peerId}`,
    log: () => readFileSync(logPath, 'utf8'),
    exited: new Promise((r) => child.on('exit', (code, signal) => r({ code, signal }))),
    /** Kills the node with SIGKILL (no shutdown at all) and keeps its database, to restart it. */
    async kill9 () {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      await handle.exited;
      running.delete(handle);
    },
    async stop ({ keepFiles = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        try { process.kill(-child.pid, 'SIGINT'); } catch { /* gone */ }
        const done = await Promise.race([handle.exited, sleep(10_000).then(() => null)]);
        if (!done) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } await handle.exited; }
      }
      running.delete(handle);
      if (!keepFiles && !process.env.GONGZHI_E2E_KEEP) rmSync(basePath, { recursive: true, force: true });
    }
  };
  running.add(handle);

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with ${child.exitCode} before its RPC was up:\n${handle.log().slice(-4000)}`);
    }
    try { await rpc(rpcPort, 'system_health'); break; } catch { /* not up yet */ }
    if (Date.now() > deadline) { await handle.stop({ keepFiles: true }); throw new Error(`${name}: RPC not up after 120 s; log in ${logPath}`); }
    await sleep(250);
  }
  return handle;
}

/** Waits until `cond()` resolves truthy, polling; fails with `what` after `timeoutMs`. */
export async function waitFor (what, cond, { timeoutMs = 60_000, everyMs = 500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The finalized block number a node reports. */
export async function finalizedNumber (rpcPort) {
  const hash = await rpc(rpcPort, 'chain_getFinalizedHead');
  const header = await rpc(rpcPort, 'chain_getHeader', [hash]);
  return parseInt(header.number, 16);
}

/** The raw chain spec of `chain`, with `bootnodes`, written to a temp file; returns [path, json]. */
export function rawChainSpec (chain, bootnodes = []) {
  const json = JSON.parse(execFileSync(NODE_BIN, ['export-chain-spec', '--chain', chain, '--raw'], { maxBuffer: 64 << 20 }).toString());
  json.bootNodes = bootnodes;
  const dir = scratchDir('gongzhi-spec-');
  const path = join(dir, `${chain}-raw.json`);
  writeFileSync(path, JSON.stringify(json));
  return [path, json];
}

export { here };
