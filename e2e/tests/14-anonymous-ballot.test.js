// Anonymous ballots (匿名投票, issue 19) through a real node. Sunflower's residents register ring
// member keys made with npm `verifiablejs` (as the resident app will); the office opens an
// anonymous project; the chain fixes its ring in the blocks' spare weight; a resident proves
// membership in JavaScript and the ballot goes in as a general transaction with no signer — no
// account, nonce or fee — and is counted under the resident's alias for this project. A change
// of ballot replaces the first under the same alias; replaying the first proof, and a proof by a
// key outside the ring, are refused by the pool with the pallet's error, by name.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import * as vrf from 'verifiablejs/nodejs';
import { startNode } from '../lib/node.js';
import { gongzhiRpc } from '../lib/gongzhi-rpc.js';
import { cycleContext, sendOne, sendAll, eventFields, bestNumber, waitForBlock, DISTRICT } from '../lib/cycle.js';
import { memberKey, ringOf, proveBallot, generalTransaction, submitRaw, customErrorName, procurementContext, encodeKeys, untilBlocks, projectTallies } from '../lib/anon.js';

let node;
let api;
let ctx;

before(async () => {
  node = await startNode({ name: 'dev-anonymous-ballot' });
  api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), rpc: gongzhiRpc, noInitWarn: true });
  ctx = await cycleContext(api);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

/** Submits `call` as a general transaction; resolves to { ok: true } or { refused: 'pallet.Error' }. */
async function sendAnonymous (call, envelope = {}) {
  try {
    await submitRaw(api, generalTransaction(call, envelope));
    return { ok: true };
  } catch (e) {
    return { refused: customErrorName(api, e.message) ?? e.message };
  }
}

test('a resident votes anonymously with no signer, changes the ballot under the same alias; a replay and an outsider are refused by name', async () => {
  const { alice, bob, charlie } = ctx.who.residents;
  // Sunflower's three residents set member keys (free: they hold no tokens).
  const keys = {};
  const registrations = [];
  for (const [name, pair] of Object.entries({ alice, bob, charlie })) {
    keys[name] = memberKey(pair.address);
    registrations.push({ tx: api.tx.community.setMemberKey(keys[name].key, keys[name].proof), signer: pair });
  }
  for (const outcome of await sendAll(ctx, registrations)) assert.equal(outcome.failed, null);

  // The office opens an anonymous project for Sunflower: its ring is fixed from this block.
  const base = await bestNumber(api);
  const rules = {
    scope: { Community: DISTRICT.sunflower },
    bidding: { start: base + 3, end: base + 5 },
    voting: { start: base + 5, end: base + 60 },
    method: 'Anonymous',
    quorumPercent: 0
  };
  const created = await sendOne(ctx, api.tx.procurement.createProject('匿名投票 Anonymous ballot', '向阳社区 Sunflower', u8aToHex(new Uint8Array(32)), 100_000, null, rules), ctx.who.office);
  assert.equal(created.failed, null);
  const project = eventFields(created, 'procurement', 'ProjectCreated').project;
  const item = { kind: 'Procurement', id: project };
  const opened = eventFields(created, 'rings', 'RingsOpened');
  assert.deepEqual(opened.item, item);

  // The chain builds the ring in the blocks' spare weight.
  await untilBlocks(api, async () => (await api.query.rings.items(item)).unwrap().stage.isReady, 10, 'the ring');
  const ring = await ringOf(api, project, 0);
  assert.equal(ring.rings, 1);
  assert.equal(ring.domain, 'Domain11');
  assert.deepEqual(ring.keys.map((k) => u8aToHex(k)).sort(), Object.values(keys).map((k) => u8aToHex(k.key)).sort());
  assert.equal(u8aToHex(vrf.members_root(9, encodeKeys(ring.keys))), u8aToHex(ring.root), 'the app recomputes the root from the keys');

  // Bids, then voting.
  await waitForBlock(api, rules.bidding.start);
  for (const outcome of await sendAll(ctx, [
    { tx: api.tx.procurement.submitBid(project, 90_000, 'Eve', u8aToHex(new Uint8Array(32))), signer: ctx.who.providers.eve },
    { tx: api.tx.procurement.submitBid(project, 95_000, 'Ferdie', u8aToHex(new Uint8Array(32))), signer: ctx.who.providers.ferdie }
  ])) assert.equal(outcome.failed, null);
  await waitForBlock(api, rules.voting.start);

  const genesisHash = api.genesisHash.toU8a();
  const ballot = (who, bid, seq) => {
    const { proof, alias } = proveBallot({ genesisHash, project, ring: 0, keys: ring.keys, domain: ring.domain, entropy: keys[who].entropy, bid, seq });
    return { alias, call: api.tx.procurement.castAnonymousBallot(project, 0, bid, seq, alias, u8aToHex(proof)).method };
  };
  // Alice's alias is the one her secret has in this project's context — and not her key.
  const first = ballot('alice', 0, 0);
  assert.equal(u8aToHex(first.alias), u8aToHex(vrf.alias_in_context(keys.alice.entropy, procurementContext(genesisHash, project))));
  assert.deepEqual(await sendAnonymous(first.call), { ok: true });
  await untilBlocks(api, async () => (await api.query.procurement.anonymousBallots(project, first.alias)).isSome, 5, 'the first ballot');
  assert.deepEqual(await projectTallies(api, project), [1, 0]);

  // She changes her ballot: same alias, the first is replaced.
  const second = ballot('alice', 1, 1);
  assert.equal(u8aToHex(second.alias), u8aToHex(first.alias));
  assert.deepEqual(await sendAnonymous(second.call), { ok: true });
  await untilBlocks(api, async () => (await api.query.procurement.anonymousBallots(project, first.alias)).unwrap().seq.toNumber() === 1, 5, 'the change');
  assert.deepEqual(await projectTallies(api, project), [0, 1]);

  // Anyone replaying her first (public) ballot to switch the vote back is refused: the same
  // bytes as already imported (or, once the pool has forgotten them, as stale), the same call
  // in other bytes by name.
  const same = (await sendAnonymous(first.call)).refused;
  assert.ok(/^1013: Transaction Already Imported/.test(same) || same === 'procurement.StaleSequence', same);
  assert.deepEqual(await sendAnonymous(first.call, { nonce: 7 }), { refused: 'procurement.StaleSequence' });
  // Bob votes under an alias of his own.
  const bobs = ballot('bob', 0, 0);
  assert.notEqual(u8aToHex(bobs.alias), u8aToHex(first.alias));
  assert.deepEqual(await sendAnonymous(bobs.call), { ok: true });
  await untilBlocks(api, async () => (await api.query.procurement.anonymousBallots(project, bobs.alias)).isSome, 5, "Bob's ballot");
  assert.deepEqual(await projectTallies(api, project), [1, 1]);
  assert.equal((await api.query.procurement.projects(project)).unwrap().ballots.toNumber(), 2);

  // A key outside the ring (never registered, or registered too late) can't prove: it forges a
  // ring with itself in it, and the chain's root refuses the proof.
  const outsider = randomAsU8a(32);
  const forged = [...ring.keys, vrf.member_from_entropy(outsider)];
  const { proof, alias } = proveBallot({ genesisHash, project, ring: 0, keys: forged, domain: ring.domain, entropy: outsider, bid: 0, seq: 0 });
  assert.deepEqual(await sendAnonymous(api.tx.procurement.castAnonymousBallot(project, 0, 0, 0, alias, u8aToHex(proof)).method), { refused: 'procurement.BadProof' });

  // The ballots' events (since voting opened) name aliases, never an account, and no fee was
  // paid in their blocks by anyone but the providers and the office, earlier.
  const cast = [];
  for (let n = rules.voting.start; n <= await bestNumber(api); n++) {
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    for (const { event } of await at.query.system.events()) {
      if (event.section === 'procurement' && event.method === 'AnonymousBallotCast') cast.push(event);
      assert.notEqual(event.method, 'TransactionFeePaid', `no fee is paid while residents vote (block ${n})`);
    }
  }
  assert.equal(cast.length, 3, 'Alice, her change, Bob');
  for (const event of cast) {
    assert.deepEqual([...event.data.names].sort(), ['alias', 'bid', 'previous', 'project', 'ring']);
  }
});
