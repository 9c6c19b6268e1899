// A resident whose only connection to the chain is the smoldot light client casts a ballot (free:
// the resident holds no tokens) and reads back the receipt through the GongzhiApi runtime API,
// then checks the stored ballot under the receipt's storage key: smoldot answers
// state_getStorage only with a value it verified against the block's state root (a Merkle read
// proof from the full node). The office and the providers set the project up through an ordinary
// WebSocket connection to the node.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { startNode, nodeKey, rawChainSpec, finalizedNumber, rpc, waitFor } from '../lib/node.js';
import { startSmoldot, lightClientApi } from '../lib/light-client.js';
import { eventsOf } from '../lib/chain.js';
import { gongzhiRpc, rpcJson } from '../lib/gongzhi-rpc.js';
import { cycleContext, openProjects, submitBids, send, BIDS, u32, freeBalance, wasFeeless } from '../lib/cycle.js';

let node;
let api;
let ctx;
let spec;
let smoldot;
let light;
let project;
let cast;

before(async () => {
  const { key, peerId } = nodeKey(0x12);
  node = await startNode({ name: 'dev-for-light-ballot', nodeKey: key });
  [, spec] = rawChainSpec('dev', [node.multiaddr(peerId)]);
  api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), rpc: gongzhiRpc, noInitWarn: true });
  ctx = await cycleContext(api);
});

after(async () => {
  await light?.disconnect().catch(() => {});
  await smoldot?.terminate().catch(() => {});
  await api?.disconnect();
  await node?.stop();
});

test('set-up over WebSocket: the office opens a project, Eve and Ferdie bid', async () => {
  // A long voting window: the light client needs some time to sync before it votes.
  const projects = await openProjects(ctx, { keys: ['open'], lead: 2, bidding: 2, voting: 50 });
  await submitBids(ctx, projects, { open: BIDS.open });
  project = projects.open;
  assert.equal(project.outcome.failed, null);
  assert.equal(project.bids.eve.outcome.failed, null);
  assert.equal(project.bids.ferdie.outcome.failed, null);
});

test('a resident connected only through smoldot votes, for free', async (t) => {
  if (!project) return t.skip('no project');
  await waitFor('the node to finalize block 2', async () => (await finalizedNumber(node.rpcPort)) >= 2, { timeoutMs: 90_000 });
  smoldot = startSmoldot();
  light = await lightClientApi(smoldot, JSON.stringify(spec));
  assert.equal(light.genesisHash.toHex(), await rpc(node.rpcPort, 'chain_getBlockHash', [0]), 'smoldot follows the same chain');
  // Voting must be open in the light client's view of the chain too.
  const start = project.rules.voting.start;
  await waitFor(`smoldot to see block ${start}`, async () => (await light.rpc.chain.getHeader()).number.toNumber() >= start, { timeoutMs: 180_000, everyMs: 1000 });

  const resident = ctx.who.residents.dave;
  const bid = project.bids.ferdie.bid;
  assert.equal(await freeBalance(api, resident.address), 0n, 'Dave//stash holds no tokens');
  const outcome = await send(light, light.tx.procurement.vote(project.project, bid), resident);
  assert.equal(outcome.failed, null);
  assert.equal(wasFeeless(outcome), true, 'the ballot was free (FeeSkipped)');
  assert.equal(outcome.fee, 0n);
  const [ballotCast] = eventsOf(outcome.events, 'procurement', 'BallotCast');
  assert.ok(ballotCast, 'BallotCast event, as smoldot reports it');
  assert.equal(ballotCast.data.project.toNumber(), project.project);
  assert.equal(ballotCast.data.resident.toNumber(), ctx.residentId.dave);
  assert.equal(ballotCast.data.bid.toNumber(), bid);
  // The full node has the block and the same balance: nothing was paid.
  assert.ok(await rpc(node.rpcPort, 'chain_getHeader', [outcome.blockHash.toHex()]), 'the node knows the block smoldot reported');
  assert.equal(await freeBalance(api, resident.address, outcome.blockHash), 0n);
  cast = { resident, bid, outcome };
});

test('the resident reads the receipt through the runtime API via smoldot and checks it against a storage proof', async (t) => {
  if (!cast) return t.skip('no ballot');
  const { resident, bid, outcome } = cast;
  const at = outcome.blockHash;

  // The runtime API, executed by smoldot on state it fetched with proofs.
  const receiptCodec = await (await light.at(at)).call.gongzhiApi.ballotReceipt(project.project, resident.address);
  assert.ok(receiptCodec.isSome, 'a receipt exists');
  const receipt = receiptCodec.unwrap();
  assert.equal(receipt.project.toNumber(), project.project);
  assert.equal(receipt.resident.toNumber(), ctx.residentId.dave);
  assert.ok(receipt.choice.isBid, 'an open ballot');
  assert.equal(receipt.choice.asBid.toNumber(), bid, 'the receipt names the chosen bid (Ferdie\'s)');
  assert.equal(receipt.changes.toNumber(), 0);
  assert.equal(receipt.nextSequence.toNumber(), 1);
  assert.equal(receipt.counted.isTrue, true);

  // The full node's JSON-RPC says the same.
  const viaNode = rpcJson(await api.rpc.gongzhi.ballotReceipt(project.project, resident.address, at.toHex()));
  assert.deepEqual(viaNode.choice, { bid });
  assert.equal(viaNode.storageKey, receipt.storageKey.toHex());

  // The stored ballot under the receipt's key: smoldot only returns what it verified with a
  // read proof against the block's state root. SCALE of Ballot { choice: Bid(bid), changes: 0 }.
  const expected = u8aToHex(u8aConcat([0], u32(bid), u32(0)));
  const proven = await light.rpc.state.getStorage(receipt.storageKey.toHex(), at);
  assert.equal(proven.toHex(), expected);
  assert.equal(await rpc(node.rpcPort, 'state_getStorage', [receipt.storageKey.toHex(), at.toHex()]), expected, 'the full node holds the same bytes');
  // And the decoded storage item, also through smoldot.
  const ballot = (await (await light.at(at)).query.procurement.ballots(project.project, ctx.residentId.dave)).unwrap();
  assert.equal(ballot.choice.asBid.toNumber(), bid);
  assert.equal(ballot.changes.toNumber(), 0);
  // The key is the map's: Procurement::Ballots(project, resident).
  assert.equal(light.query.procurement.ballots.key(project.project, ctx.residentId.dave), receipt.storageKey.toHex());
});
