// The local_testnet chain: four validators (Alice, Bob, Charlie, Dave) on loopback finalize;
// with one of them stopped for minutes, the other three (more than 2/3) keep finalizing; started
// again on its database it catches up, votes in finality again and authors in its slots.
// GONGZHI_STOPPED_SECONDS sets how long it stays down (180 by default).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { devKeyring } from '../lib/chain.js';
import { startNode, nodeKey, rawChainSpec, finalizedNumber, waitFor, rpc, sleep } from '../lib/node.js';

const STOPPED_MS = 1000 * Number(process.env.GONGZHI_STOPPED_SECONDS ?? 180);

const nodes = [];


/** The authorities' keys (hex, no 0x) from the runtime: `AuraApi_authorities`, a SCALE Vec<[u8; 32]>. */
async function authorities (node) {
  const hex = (await rpc(node.rpcPort, 'state_call', ['AuraApi_authorities', '0x'])).slice(2);
  const count = parseInt(hex.slice(0, 2), 16) >> 2; // compact length, fewer than 64
  return Array.from({ length: count }, (_, i) => hex.slice(2 + i * 64, 2 + (i + 1) * 64));
}

const authorityIndex = async (node, key) => (await authorities(node)).indexOf(key);

/** The index of the authority whose slot sealed `header` (Aura: the slot modulo their number). */
async function authorIndex (node, header) {
  // DigestItem::PreRuntime (6), engine "aura", 8 bytes (compact 0x20): the slot, little-endian.
  const log = header.digest.logs.find((l) => l.startsWith('0x0661757261'));
  const slot = Buffer.from(log.slice(2 + 12, 2 + 12 + 16), 'hex').readBigUInt64LE();
  return Number(slot % BigInt((await authorities(node)).length));
}

after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
});

test('four validators finalize; three go on while one is stopped for minutes; restarted, it catches up and takes part again', async () => {
  const names = ['alice', 'bob', 'charlie', 'dave'];
  const keys = names.map((_, i) => nodeKey(0x31 + i));
  // A raw spec shared by all four, so they agree on genesis byte for byte.
  const [specPath] = rawChainSpec('local');
  const first = await startNode({ chain: specPath, validator: names[0], nodeKey: keys[0].key, name: names[0] });
  nodes.push(first);
  const boot = first.multiaddr(keys[0].peerId);
  for (let i = 1; i < names.length; i++) {
    nodes.push(await startNode({ chain: specPath, validator: names[i], nodeKey: keys[i].key, bootnodes: [boot], name: names[i] }));
  }
  const finalized = () => Promise.all(nodes.map((n) => finalizedNumber(n.rpcPort)));

  await waitFor('all four nodes to finalize block 3', async () => (await finalized()).every((x) => x >= 3), { timeoutMs: 180_000, everyMs: 2000 });

  // Dave stops (a clean shutdown, its database kept) and stays down for minutes.
  const dave = nodes.pop();
  await dave.stop({ keepFiles: true });
  const stoppedAt = await finalizedNumber(nodes[0].rpcPort);
  await sleep(STOPPED_MS);
  const without = await finalized();
  assert.ok(without.every((x) => x >= stoppedAt + Math.floor(STOPPED_MS / 6000 / 2)), `finalized ${stoppedAt} -> ${without} without Dave`);

  // Dave again, on its database: it syncs what it missed and finalizes with the others.
  const back = await startNode({ chain: specPath, validator: 'dave', nodeKey: keys[3].key, bootnodes: [boot], name: 'dave', basePath: dave.basePath, rpcPort: dave.rpcPort, p2pPort: dave.p2pPort });
  nodes.push(back);
  await waitFor('Dave to catch up with what was finalized without it', async () => (await finalizedNumber(back.rpcPort)) >= Math.max(...without), { timeoutMs: 180_000, everyMs: 2000 });
  const caughtUp = await finalized();
  await waitFor('all four to finalize 3 more blocks', async () => (await finalized()).every((x) => x >= Math.max(...caughtUp) + 3), { timeoutMs: 180_000, everyMs: 2000 });
  // All four on one chain: the same hash at a block finalized after Dave came back.
  const n = Math.max(...caughtUp) + 2;
  const hashes = await Promise.all(nodes.map((node) => rpc(node.rpcPort, 'chain_getBlockHash', [n])));
  assert.equal(new Set(hashes).size, 1, `one chain at block ${n}: ${hashes}`);
  // Dave authors again: a block after its return sealed in one of its Aura slots.
  const daveAura = Buffer.from((await devKeyring()).key('Dave').publicKey).toString('hex');
  const daveIndex = await authorityIndex(back, daveAura);
  assert.ok(daveIndex >= 0, 'Dave is an Aura authority');
  await waitFor('a block authored by Dave after its return', async () => {
    const head = Number((await rpc(back.rpcPort, 'chain_getHeader', [])).number);
    for (let b = Math.max(...caughtUp); b <= head; b++) {
      const header = await rpc(back.rpcPort, 'chain_getHeader', [await rpc(back.rpcPort, 'chain_getBlockHash', [b])]);
      if (await authorIndex(back, header) === daveIndex) return true;
    }
    return false;
  }, { timeoutMs: 120_000, everyMs: 3000 });
});
