// Faults on a real network (issue 17): the local_testnet chain's four validators (Alice, Bob,
// Charlie, Dave) on loopback, each with only the others as (reserved) peers.
// 1. Dave's node is killed with SIGKILL in the middle of a ballot and restarted on its database:
//    every ballot in a finalized block is there, on every node, and the chain goes on.
// 2. The network splits 2|2 (Alice+Bob | Charlie+Dave): both halves go on authoring, neither can
//    finalize (GRANDPA needs 3 of 4); healed, finality resumes and every node has the same
//    finalized chain — nothing conflicting was finalized.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { startNode, nodeKey, rawChainSpec, finalizedNumber, waitFor, rpc, freePort, sleep } from '../lib/node.js';
import { gongzhiRpc } from '../lib/gongzhi-rpc.js';
import { cycleContext, openProjects, submitBids, sendAll, waitForBlock } from '../lib/cycle.js';

const NAMES = ['alice', 'bob', 'charlie', 'dave'];
const keys = NAMES.map((_, i) => nodeKey(0x51 + i));
let specPath;
let ports;
const nodes = {};
let api;

const addr = (i) => `/ip4/127.0.0.1/tcp/${ports[i]}/p2p/${keys[i].peerId}`;
const others = (i) => NAMES.map((_, j) => j).filter((j) => j !== i);

/** Starts validator `i` (again, on its database, after a kill or a stop) with `peers` (by default
 * the other three) as its only peers. */
async function start (i, previous, peers = others(i)) {
  nodes[NAMES[i]] = await startNode({
    chain: specPath, validator: NAMES[i], nodeKey: keys[i].key, name: `fault-${NAMES[i]}`,
    p2pPort: ports[i], rpcPort: previous?.rpcPort, basePath: previous?.basePath,
    extraArgs: ['--reserved-only', ...peers.flatMap((j) => ['--reserved-nodes', addr(j)])],
  });
}

const finalized = () => Promise.all(NAMES.map((n) => finalizedNumber(nodes[n].rpcPort)));

/** Every node has the same finalized block at every height up to the lowest finalized head. */
async function sameFinalizedChain () {
  const heads = await finalized();
  const upTo = Math.min(...heads);
  for (let h = 1; h <= upTo; h++) {
    const hashes = await Promise.all(NAMES.map((n) => rpc(nodes[n].rpcPort, 'chain_getBlockHash', [h])));
    assert.equal(new Set(hashes).size, 1, `block #${h}: ${hashes.join(' ')}`);
  }
  return upTo;
}

before(async () => {
  [specPath] = rawChainSpec('local');
  ports = await Promise.all(NAMES.map(() => freePort()));
  for (let i = 0; i < NAMES.length; i++) await start(i);
  await waitFor('all four validators to finalize block 2', async () => (await finalized()).every((f) => f >= 2), { timeoutMs: 180_000, everyMs: 2000 });
  api = await ApiPromise.create({ provider: new WsProvider(nodes.alice.wsUrl), rpc: gongzhiRpc, noInitWarn: true });
});

after(async () => {
  await api?.disconnect();
  await Promise.all(Object.values(nodes).map((n) => n.stop()));
});

test('a validator killed with SIGKILL in the middle of a ballot and restarted: every finalized ballot is there and the chain goes on', async () => {
  const ctx = await cycleContext(api);
  const projects = await openProjects(ctx, { keys: ['open'], lead: 3, bidding: 3, voting: 12 });
  await submitBids(ctx, projects);
  const open = projects.open;
  await waitForBlock(api, open.rules.voting.start, { what: 'voting to open' });
  const bids = [open.bids.eve.bid, open.bids.ferdie.bid];
  const names = Object.keys(ctx.who.residents);
  const ballot = (name, i) => ({ tx: api.tx.procurement.vote(open.project, bids[i % 2]), signer: ctx.who.residents[name] });
  // Half the residents vote; while their ballots are on the way, Dave's node is killed.
  const firstHalf = sendAll(ctx, names.slice(0, 3).map(ballot));
  await sleep(1500);
  const dave = nodes.dave;
  await dave.kill9();
  const first = await firstHalf;
  // The other half vote with three validators up; then Dave's node restarts on its database.
  const second = await sendAll(ctx, names.slice(3).map((name, i) => ballot(name, i + 3)));
  for (const outcome of [...first, ...second]) assert.equal(outcome.failed, null, JSON.stringify(outcome.failed));
  await start(3, dave);
  const last = Math.max(...[...first, ...second].map((o) => o.blockNumber));
  await waitFor('every node, Dave\u2019s too, to finalize past the last ballot', async () => (await finalized()).every((f) => f >= last + 2), { timeoutMs: 240_000, everyMs: 2000 });
  // On every node, at its finalized head: six ballots counted, each resident's receipt there.
  for (const name of NAMES) {
    const port = nodes[name].rpcPort;
    const head = await rpc(port, 'chain_getFinalizedHead');
    const tally = await rpc(port, 'gongzhi_projectTally', [open.project, head]);
    const total = tally.counts ? tally.counts.reduce((s, c) => s + Number(c), 0) : null;
    assert.ok(tally, `${name}: a tally`);
    assert.equal(tally.counted ?? total, 6, `${name}: ${JSON.stringify(tally)}`);
    for (const resident of names) {
      const receipt = await rpc(port, 'gongzhi_ballotReceipt', [open.project, ctx.who.residents[resident].address, head]);
      assert.ok(receipt, `${name}: ${resident}'s ballot is in the finalized state`);
    }
  }
  const agreed = await sameFinalizedChain();
  assert.ok(agreed >= last + 2);
});

test('a 2|2 split stalls finality without finalizing anything conflicting; healed, finality resumes on one chain', async () => {
  const peers = async (name) => (await rpc(nodes[name].rpcPort, 'system_health')).peers;
  await waitFor('a full mesh again', async () => (await Promise.all(NAMES.map(peers))).every((p) => p === 3), { timeoutMs: 120_000, everyMs: 1000 });
  // The split: every node restarts on its database with only its partner as a peer.
  const halves = [[0, 1], [2, 3]];
  const partner = (i) => halves.find((h) => h.includes(i)).filter((j) => j !== i);
  const previous = NAMES.map((n) => nodes[n]);
  await Promise.all(previous.map((n) => n.stop({ keepFiles: true })));
  for (let i = 0; i < NAMES.length; i++) await start(i, previous[i], partner(i));
  await waitFor('each half to be a pair', async () => (await Promise.all(NAMES.map(peers))).every((p) => p === 1), { timeoutMs: 60_000, everyMs: 1000 });
  const atSplit = await finalized();
  const bestAtSplit = await Promise.all(NAMES.map(async (n) => parseInt((await rpc(nodes[n].rpcPort, 'chain_getHeader')).number, 16)));
  // Five slots' worth of time: both halves author (each holds two of the four Aura slots).
  await sleep(36_000);
  const during = await finalized();
  const bestDuring = await Promise.all(NAMES.map(async (n) => parseInt((await rpc(nodes[n].rpcPort, 'chain_getHeader')).number, 16)));
  // A GRANDPA round under way at the cut may still conclude: at most one more block.
  during.forEach((f, i) => assert.ok(f <= Math.max(...atSplit) + 1, `${NAMES[i]} finalized ${atSplit[i]} -> ${f} while split`));
  bestDuring.forEach((b, i) => assert.ok(b > bestAtSplit[i], `${NAMES[i]} went on authoring: best ${bestAtSplit[i]} -> ${b}`));
  // The two halves built different chains.
  const forkHeight = Math.min(...bestDuring);
  const forked = await Promise.all(NAMES.map((n) => rpc(nodes[n].rpcPort, 'chain_getBlockHash', [forkHeight])));
  assert.notEqual(forked[0], forked[2], `alice and charlie have different blocks at #${forkHeight}`);
  // Nothing conflicting was finalized: every node's finalized chain is the same.
  await sameFinalizedChain();

  // Healed: each node is given the other half's addresses as reserved peers.
  for (const [mine, theirs] of [halves, [...halves].reverse()]) {
    for (const i of mine) for (const j of theirs) await rpc(nodes[NAMES[i]].rpcPort, 'system_addReservedPeer', [addr(j)]);
  }
  await waitFor('a full mesh again', async () => (await Promise.all(NAMES.map(peers))).every((p) => p === 3), { timeoutMs: 120_000, everyMs: 1000 });
  const stalled = Math.max(...during);
  await waitFor('finality to resume on every node', async () => (await finalized()).every((f) => f >= stalled + 3), { timeoutMs: 240_000, everyMs: 2000 });
  const agreed = await sameFinalizedChain();
  assert.ok(agreed >= stalled + 3, `finalized up to #${agreed} on all four after healing`);
});
