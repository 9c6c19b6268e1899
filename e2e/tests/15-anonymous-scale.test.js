// Anonymous ballots at a district's scale (匿名投票, issue 19) through a real node: 1,000 new
// residents of Sunflower register ring member keys; an anonymous project opens and the chain
// splits them, by the published rule, into two rings of 500 (the 2^12 domain holds 767); every
// resident proves membership of their ring — proofs made natively in Rust by
// `gongzhi-loadgen prove` with the runtime's own `verifiable` crate — and every ballot goes in as
// a general transaction with no signer. The tally is the count of the choices made, every alias
// is distinct, and no resident's account appears in the voting blocks. How many ballots went
// into a block, and how long it took, is printed (measured in bench/, not asserted here).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { startNode } from '../lib/node.js';
import { gongzhiRpc } from '../lib/gongzhi-rpc.js';
import { cycleContext, bestNumber, waitForBlock } from '../lib/cycle.js';
import { anonymousBallot, procurementContext, ballotMessage, proveInRust, generalTransaction, submitRaw, customErrorName, untilBlocks } from '../lib/anon.js';

const RESIDENTS = 1000;

let node;
let api;
let ctx;
/** The new residents: `{ pair, entropy, key }`, and the anonymous project once it is open. */
let residents = [];
let project = null;

before(async () => {
  node = await startNode({ name: 'dev-anonymous-scale' });
  api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl, 1000, {}, 180_000), rpc: gongzhiRpc, noInitWarn: true });
  ctx = await cycleContext(api);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

test('set-up: 1,000 residents with member keys; an anonymous project fixes two rings of 500', async () => {
  const ballot = await anonymousBallot(api, ctx, { count: RESIDENTS, label: 'anon-scale' });
  residents = ballot.residents;
  const { id, item, record, rings, rules } = ballot;
  assert.equal(record.eligible.toNumber(), RESIDENTS);
  assert.equal(record.rings.toNumber(), 2, 'ceil(1000 / 767) rings');
  for (const ring of rings) {
    assert.equal(ring.keys.length, 500, 'sizes within one of each other');
    assert.equal(ring.domain, 'Domain12', 'the smallest domain holding 500');
  }
  const all = new Set(residents.map((r) => u8aToHex(r.key)));
  const inRings = [...rings[0].keys, ...rings[1].keys].map((k) => u8aToHex(k));
  assert.equal(new Set(inRings).size, RESIDENTS);
  assert.ok(inRings.every((k) => all.has(k)), 'every member is one of the new residents, each in one ring');
  project = { id, item, rings, rules };
});

test('all 1,000 vote anonymously with no signer; the tally is the count of their choices', async (t) => {
  if (!project) return t.skip('the set-up failed');
  const { id, rings, rules } = project;
  await waitForBlock(api, rules.voting.start);
  const genesisHash = api.genesisHash.toU8a();
  const context = procurementContext(genesisHash, id);
  // Each resident's choice: a fixed, uneven split (4 in 7 for Eve's bid 0).
  const choice = (i) => (i % 7 < 4 ? 0 : 1);
  const byKey = new Map(residents.map((r, i) => [u8aToHex(r.key), i]));

  const started = Date.now();
  const firstBlock = await bestNumber(api);
  const submitted = [];
  const aliases = new Set();
  for (const [r, ring] of rings.entries()) {
    const voters = ring.keys.map((k) => byKey.get(u8aToHex(k)));
    const ballots = voters.map((i) => ({ entropy: residents[i].entropy, message: ballotMessage(id, r, choice(i), 0) }));
    await proveInRust({ ring, context, ballots }, ({ index, alias, proof }) => {
      aliases.add(alias);
      const call = api.tx.procurement.castAnonymousBallot(id, r, choice(voters[index]), 0, alias, proof).method;
      submitted.push(submitRaw(api, generalTransaction(call)).then(() => null, (e) => customErrorName(api, e.message) ?? e.message));
    });
  }
  const proved = Date.now();
  const refusals = (await Promise.all(submitted)).filter((e) => e !== null);
  assert.deepEqual(refusals, [], 'the pool takes every ballot');
  assert.equal(aliases.size, RESIDENTS, 'one alias per resident');

  const stored = await untilBlocks(api, async () => {
    const p = (await api.query.procurement.projects(id)).unwrap();
    return p.ballots.toNumber() === RESIDENTS && p;
  }, 120, 'all ballots in blocks');
  const lastBlock = await bestNumber(api);
  const expected = [0, 0];
  for (let i = 0; i < RESIDENTS; i++) expected[choice(i)] += 1;
  assert.deepEqual(stored.bids.map((slot) => slot.votes.toNumber()), expected, 'the tally is the count of the choices');

  // Stored under the aliases the proofs gave, one ballot each, for the bid chosen.
  const entries = await api.query.procurement.anonymousBallots.entries(id);
  assert.equal(entries.length, RESIDENTS);
  assert.deepEqual(new Set(entries.map(([k]) => k.args[1].toHex())), aliases);
  const perBid = [0, 0];
  for (const [, v] of entries) perBid[v.unwrap().bid.toNumber()] += 1;
  assert.deepEqual(perBid, expected);

  // In the voting blocks: the ballots' events, no signed extrinsic by any of the residents, no fee.
  const accounts = new Set(residents.map((r) => r.pair.address));
  let cast = 0;
  let most = 0;
  for (let n = firstBlock; n <= lastBlock; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const [block, events] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.events.at(hash)]);
    for (const ext of block.block.extrinsics) {
      if (ext.isSigned) assert.ok(!accounts.has(ext.signer.toString()), `block ${n}: no resident signs anything while voting`);
    }
    const here = events.filter(({ event }) => event.section === 'procurement' && event.method === 'AnonymousBallotCast').length;
    cast += here;
    most = Math.max(most, here);
    for (const { event } of events) assert.notEqual(event.method, 'TransactionFeePaid', `block ${n}: no fee paid`);
  }
  assert.equal(cast, RESIDENTS);
  console.log(`# 1,000 anonymous ballots (2 rings of 500, 2^12): proved in Rust in ${((proved - started) / 1000).toFixed(0)} s, ` +
    `all in blocks #${firstBlock}–#${lastBlock} (${((Date.now() - started) / 1000).toFixed(0)} s); at most ${most} in one block`);

  // A second proof under an alias already used, for the same sequence, is refused by name.
  const i = byKey.get(u8aToHex(rings[0].keys[0]));
  let again = null;
  await proveInRust({ ring: rings[0], context, ballots: [{ entropy: residents[i].entropy, message: ballotMessage(id, 0, 1 - choice(i), 0) }] }, (p) => { again = p; });
  const call = api.tx.procurement.castAnonymousBallot(id, 0, 1 - choice(i), 0, again.alias, again.proof).method;
  await assert.rejects(submitRaw(api, generalTransaction(call)), (e) => customErrorName(api, e.message) === 'procurement.StaleSequence');
});
