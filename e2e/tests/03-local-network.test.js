// The local_testnet chain: four validators (Alice, Bob, Charlie, Dave) on loopback finalize;
// with one of them stopped, the other three (more than 2/3) keep finalizing.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, nodeKey, rawChainSpec, finalizedNumber, waitFor } from '../lib/node.js';

const nodes = [];

after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
});

test('four validators finalize, and three keep finalizing when one stops', async () => {
  const names = ['alice', 'bob', 'charlie', 'dave'];
  const keys = names.map((_, i) => nodeKey(0x21 + i));
  // A raw spec shared by all four, so they agree on genesis byte for byte.
  const [specPath] = rawChainSpec('local');
  const first = await startNode({ chain: specPath, validator: names[0], nodeKey: keys[0].key, name: names[0] });
  nodes.push(first);
  const boot = first.multiaddr(keys[0].peerId);
  for (let i = 1; i < names.length; i++) {
    nodes.push(await startNode({ chain: specPath, validator: names[i], nodeKey: keys[i].key, bootnodes: [boot], name: names[i] }));
  }

  await waitFor('all four nodes to finalize block 3', async () => {
    const f = await Promise.all(nodes.map((n) => finalizedNumber(n.rpcPort)));
    return f.every((x) => x >= 3);
  }, { timeoutMs: 180_000, everyMs: 2000 });

  const dave = nodes.pop();
  await dave.stop();
  const before = await finalizedNumber(nodes[0].rpcPort);
  await waitFor('three validators to finalize 3 more blocks', async () => {
    const f = await Promise.all(nodes.map((n) => finalizedNumber(n.rpcPort)));
    return f.every((x) => x >= before + 3);
  }, { timeoutMs: 180_000, everyMs: 2000 });
  const after = await finalizedNumber(nodes[0].rpcPort);
  assert.ok(after >= before + 3, `finalized ${before} -> ${after} without Dave`);
});
