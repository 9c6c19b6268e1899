// Light client: smoldot, given only the raw dev chain spec with the node as bootnode, warp-syncs
// to the node's finalized head and submits a transfer that the chain includes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, nodeKey, rawChainSpec, finalizedNumber, rpc, waitFor } from '../lib/node.js';
import { startSmoldot, lightClientApi } from '../lib/light-client.js';
import { devKeyring, submit } from '../lib/chain.js';

let node;
let smoldot;
let api;

before(async () => {
  const { key, peerId } = nodeKey(0x11);
  node = await startNode({ name: 'dev-for-light', nodeKey: key });
  const [, spec] = rawChainSpec('dev', [node.multiaddr(peerId)]);
  // No custom top-level fields: smoldot must read the spec as the node exports it.
  for (const field of Object.keys(spec)) {
    assert.ok(['name', 'id', 'chainType', 'bootNodes', 'telemetryEndpoints', 'protocolId', 'properties', 'codeSubstitutes', 'genesis', 'forkId'].includes(field), `unexpected chain spec field ${field}`);
  }
  // Let the node finalize a few blocks first, so there is a head to reach.
  await waitFor('the node to finalize block 2', async () => (await finalizedNumber(node.rpcPort)) >= 2, { timeoutMs: 90_000 });
  smoldot = startSmoldot();
  api = await lightClientApi(smoldot, JSON.stringify(spec));
});

after(async () => {
  await api?.disconnect().catch(() => {});
  await smoldot?.terminate().catch(() => {});
  await node?.stop();
});

test('smoldot reaches the node\'s finalized head', async () => {
  const target = await finalizedNumber(node.rpcPort);
  await waitFor(`smoldot to finalize #${target}`, async () => {
    const head = await api.rpc.chain.getFinalizedHead();
    const number = (await api.rpc.chain.getHeader(head)).number.toNumber();
    return number >= target;
  }, { timeoutMs: 120_000, everyMs: 1000 });
  const genesis = await rpc(node.rpcPort, 'chain_getBlockHash', [0]);
  assert.equal(api.genesisHash.toHex(), genesis, 'same chain');
});

test('a transfer submitted through smoldot is included', async () => {
  const { key } = await devKeyring();
  const bob = key('Bob');
  const dest = key('//Gongzhi//e2e//light').address;
  const amount = 3n * 10n ** 12n;
  const { blockHash, failed } = await submit(api, api.tx.balances.transferKeepAlive(dest, amount), bob);
  assert.equal(failed, null);
  // The full node agrees: the block is in its chain and the money arrived.
  const header = await rpc(node.rpcPort, 'chain_getHeader', [blockHash.toHex()]);
  assert.ok(header, 'the node knows the block smoldot reported');
  await waitFor('the node to see the balance', async () => {
    const free = (await api.query.system.account(dest)).data.free.toBigInt();
    return free === amount;
  }, { timeoutMs: 60_000 });
});
