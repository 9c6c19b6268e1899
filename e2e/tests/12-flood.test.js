// A flood on a real --dev node: 5,000 spam transactions submitted together with 200 honest
// ballots from distinct residents. Every honest ballot is finalized, and no spam is included for
// free: free duplicates and future nonces never get into a block, and every paid transaction that
// does get in paid its fee (length included).
//
// The spam, all signed offline before voting opens and submitted at once over three WebSocket
// connections (`author_submitExtrinsic`, many in flight on each):
//   - 2,000 free duplicates: each new resident's ballot again (the same bytes; re-signed with
//     nonce 0, for the same or the other bid; nonce 1, 2 and 3 for the same bid) — sent right
//     after the honest ballots, so the pool already holds the ballot they duplicate (those that
//     arrive once it is in a block are stale, or no longer free and so unpaid). Nonce 2 and 3
//     leave a gap (nonce 1 never gets in), so the pool may queue them as future transactions,
//     where no tag conflict is checked; they can never become ready and are never included;
//   - 1,000 future nonces: the residents' ballots with nonces 5…20, beyond the 4 free
//     transactions an account may have waiting;
//   - 1,500 cheap paid calls: a few-byte `system.remark` from Alice, Bob and Charlie;
//   - 500 large paid calls: a 200 KiB `system.remark` from Dave, Eve and Ferdie, which fill
//     blocks by length (about 18 fit in the normal class's 3.75 MiB) long before by weight.
// The node runs with a generous pool (--pool-limit / --pool-kbytes) so that the pool's size is not
// what keeps spam out. The run reports how many blocks the honest ballots took.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { startNode, sleep } from '../lib/node.js';
import { devKeyring, eventsOf } from '../lib/chain.js';
import { gongzhiRpc, gongzhi } from '../lib/gongzhi-rpc.js';
import { cycleContext, openProjects, submitBids, sendAll, bestNumber, waitForBlock, freeBalance, gzt, BIDS, DISTRICT } from '../lib/cycle.js';
import { offlineSigner, packed, submitter, submitAll, readBlock, countBy, listCounts, FEE_PER_BYTE } from '../lib/flood.js';

const RESIDENTS = 200;
const REGISTER_CHUNK = 50;
/** Per resident: [kind, nonce, which bid ('same' as the honest ballot, or 'other'), era]. 10 each. */
const DUPLICATES = [
  ['dup n0 resubmitted', 0, 'same', 'resubmit'],
  ['dup n0 same bid', 0, 'same', 'immortal'],
  ['dup n0 other bid', 0, 'other', 'immortal'],
  ['dup n0 other bid', 0, 'other', 'mortal'],
  ['dup n1 same bid', 1, 'same', 'immortal'],
  ['dup n1 same bid', 1, 'same', 'immortal'],
  ['dup n1 same bid', 1, 'same', 'mortal'],
  ['dup n2-3 same bid', 2, 'same', 'immortal'],
  ['dup n2-3 same bid', 3, 'same', 'immortal'],
  ['dup n2-3 same bid', 3, 'same', 'mortal']
];
/** Per resident: ballots (for the other bid, which stays free to change to) with these nonces. */
const FUTURE_NONCES = [5, 8, 11, 15, 20];
const SMALL = { count: 1500, senders: ['Alice', 'Bob', 'Charlie'] };
const LARGE = { count: 500, bytes: 200 * 1024, senders: ['Dave', 'Eve', 'Ferdie'] };
/** The normal class's share of a block: 3.75 MiB, 1.5 s of ref_time (runtime/src/configs/mod.rs). */
const NORMAL_LENGTH = 3.75 * 1024 * 1024;
const NORMAL_WEIGHT = 1_500_000_000_000n;
/** How long the flood may take to settle: blocks after it starts, and wall time. */
const MAX_BLOCKS = 40;
const MAX_WAIT_MS = 300_000;
/** Blocks read after the one with the last honest ballot (lingering duplicates had their chance). */
const DRAIN_BLOCKS = 3;
/** The honest ballots must all be in blocks within this many blocks of the flood's start. */
const BLOCK_BOUND = 5;

let node;
let api;
let ctx;
let residents = [];
let project = null;
let bidOf = null;
let flood = null;

before(async () => {
  node = await startNode({
    name: 'flood',
    extraArgs: [
      '--pool-limit', '50000',
      '--pool-kbytes', '1000000',
      '--rpc-message-buffer-capacity-per-connection', '4096'
    ]
  });
  api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl, 1000, {}, 180_000), rpc: gongzhiRpc, noInitWarn: true });
  ctx = await cycleContext(api);
});

after(async () => {
  for (const p of flood?.providers ?? []) await p.disconnect().catch(() => {});
  await api?.disconnect();
  await node?.stop();
});

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const personHash = (i) => blake2AsHex(`gongzhi-e2e/flood/person/${i}`, 256);
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(2);
const pct = (a, b) => `${((Number(a) / Number(b)) * 100).toFixed(0)}%`;

test('set-up: 200 new residents in community 0, then a project with two bids', async () => {
  const { key } = await devKeyring();
  residents = Array.from({ length: RESIDENTS }, (_, i) => key(`//flood/${i}`));

  // registerResident's arguments by name, from the metadata (the community pallet is changing).
  const argNames = api.tx.community.registerResident.meta.args.map((a) => camel(a.name.toString()));
  const register = (pair, i) => {
    const values = { community: DISTRICT.sunflower, who: pair.address, personHash: personHash(i), household: null };
    return api.tx.community.registerResident(...argNames.map((name) => {
      if (!(name in values)) throw new Error(`community.registerResident has an argument "${name}" this test doesn't know (arguments: ${argNames.join(', ')})`);
      return values[name];
    }));
  };
  const items = [];
  for (let i = 0; i < RESIDENTS; i += REGISTER_CHUNK) {
    const calls = residents.slice(i, i + REGISTER_CHUNK).map((pair, j) => register(pair, i + j));
    items.push({ tx: api.tx.utility.batchAll(calls), signer: ctx.who.officers.sunflower });
  }
  const outcomes = await sendAll(ctx, items);
  for (const o of outcomes) assert.equal(o.failed, null, 'officer Charlie registers a chunk of residents');
  const registered = outcomes.flatMap((o) => eventsOf(o.events, 'community', 'ResidentRegistered'));
  assert.equal(registered.length, RESIDENTS, 'one ResidentRegistered per new resident');
  const community = await gongzhi(api, 'community', DISTRICT.sunflower);
  assert.equal(community.residents, 3 + RESIDENTS);
  for (const pair of residents.slice(0, 3)) assert.equal(await freeBalance(api, pair.address), 0n, 'a new resident holds nothing');

  // Registered strictly before the project opens: eligible to vote in it.
  const projects = await openProjects(ctx, { keys: ['open'], lead: 2, bidding: 2, voting: 80 });
  project = projects.open;
  assert.equal(project.outcome.failed, null);
  assert.equal(project.created.eligible, 6 + RESIDENTS);
  await submitBids(ctx, projects, { open: BIDS.open });
  assert.equal(project.bids.eve.outcome.failed, null);
  assert.equal(project.bids.ferdie.outcome.failed, null);
  bidOf = { eve: project.bids.eve.bid, ferdie: project.bids.ferdie.bid };
});

test('flood: 5,000 spam transactions with 200 honest ballots; every ballot finalized, no spam in for free', async (t) => {
  if (!project || !bidOf) return t.skip('the set-up failed');
  const { key } = await devKeyring();
  const projectId = project.project;

  // ---- sign everything offline, before voting opens ----
  const signStart = Date.now();
  const header = await api.rpc.chain.getHeader();
  const sign = offlineSigner(api, { hash: header.hash, number: header.number.toNumber() });
  const vote = (bid) => api.tx.procurement.vote(projectId, bid);
  const honest = [];
  const duplicates = [];
  const future = [];
  residents.forEach((pair, i) => {
    const same = i % 2 === 0 ? bidOf.eve : bidOf.ferdie;
    const other = same === bidOf.eve ? bidOf.ferdie : bidOf.eve;
    const ballot = packed(sign.immortal(vote(same), pair, 0), { kind: 'honest', resident: i, bid: same });
    honest.push(ballot);
    for (const [kind, nonce, which, era] of DUPLICATES) {
      if (era === 'resubmit') { duplicates.push({ ...ballot, kind }); continue; }
      const tx = vote(which === 'same' ? same : other);
      duplicates.push(packed(era === 'mortal' ? sign.mortal(tx, pair, nonce) : sign.immortal(tx, pair, nonce), { kind, resident: i }));
    }
    for (const nonce of FUTURE_NONCES) future.push(packed(sign.immortal(vote(other), pair, nonce), { kind: 'future nonce', resident: i }));
  });
  const small = [];
  const large = [];
  const paidSenders = new Map();
  for (const [spec, out, make] of [
    [SMALL, small, (n) => api.tx.system.remark(`flood ${n}`)],
    [LARGE, large, (n) => api.tx.system.remark(u8aToHex(new Uint8Array(LARGE.bytes).fill(n & 0xff)))]
  ]) {
    const senders = [];
    for (const name of spec.senders) {
      const pair = key(name);
      senders.push({ name, pair, nonce: (await api.rpc.system.accountNextIndex(pair.address)).toNumber() });
      paidSenders.set(pair.address, name);
    }
    for (let n = 0; n < spec.count; n++) {
      const s = senders[n % senders.length];
      out.push(packed(sign.immortal(make(n), s.pair, s.nonce++), { kind: spec === SMALL ? 'paid small' : 'paid large', sender: s.name }));
    }
  }
  const signMs = Date.now() - signStart;
  const spam = [...duplicates, ...future, ...small, ...large];
  assert.equal(spam.length, 5000);
  const byHash = new Map([...spam, ...honest].map((x) => [x.hash, x]));
  for (const h of honest) byHash.set(h.hash, h); // the resubmitted duplicates share the honest hash
  const residentIndex = new Map(residents.map((pair, i) => [pair.address, i]));

  // Future nonces and small remarks share a connection, interleaved.
  const mixed = [];
  for (let i = 0; i < Math.max(future.length, small.length); i++) {
    if (i < future.length) mixed.push(future[i]);
    if (i < small.length) mixed.push(small[i]);
  }
  const providers = [await submitter(node.wsUrl), await submitter(node.wsUrl), await submitter(node.wsUrl)];
  flood = { providers };

  // ---- voting opens: everything at once ----
  await waitForBlock(api, project.rules.voting.start, { what: 'voting to open' });
  const b0 = await bestNumber(api);
  const t0 = Date.now();
  let honestAckedMs = null;
  let submissionsDone = false;
  const lanes = Promise.all([
    // The honest ballots, then (once the pool holds them) their duplicates.
    (async () => {
      await submitAll(providers[0], honest, { inflight: 64, t0 });
      honestAckedMs = Date.now() - t0;
      await submitAll(providers[0], duplicates, { inflight: 64, t0 });
    })(),
    submitAll(providers[1], mixed, { inflight: 64, t0 }),
    submitAll(providers[2], large, { inflight: 8, t0 })
  ]).then(() => { submissionsDone = Date.now() - t0; });

  // ---- follow the finalized chain from the flood's start ----
  const blocks = [];
  const honestAt = new Map(); // honest hash -> block number
  let scanned = b0;
  let lastHonestBlock = null;
  let finalizedAllMs = null;
  for (;;) {
    const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    while (scanned < Math.min(finalized, b0 + MAX_BLOCKS)) {
      const block = await readBlock(api, ++scanned);
      blocks.push(block);
      for (const x of block.extrinsics) {
        if (byHash.get(x.hash)?.kind === 'honest') {
          honestAt.set(x.hash, block.number);
          lastHonestBlock = block.number;
        }
      }
      if (honestAt.size === RESIDENTS && finalizedAllMs === null) finalizedAllMs = Date.now() - t0;
    }
    const settled = honestAt.size === RESIDENTS && scanned >= lastHonestBlock + DRAIN_BLOCKS && submissionsDone;
    if (settled || scanned >= b0 + MAX_BLOCKS || Date.now() - t0 > MAX_WAIT_MS) break;
    await sleep(1000);
  }
  await Promise.race([lanes, sleep(30_000)]);
  const lastBlock = blocks[blocks.length - 1];
  assert.ok(lastBlock, `no block was finalized after the flood began (best block ${b0})`);

  // ---- what happened ----
  const included = blocks.flatMap((b) => b.extrinsics.filter((x) => x.signed).map((x) => ({ ...x, block: b.number, item: byHash.get(x.hash) })));
  const honestIncluded = included.filter((x) => x.item?.kind === 'honest');
  const fromResidents = included.filter((x) => residentIndex.has(x.signer));
  const others = included.filter((x) => x.item?.kind !== 'honest');
  const spamIncluded = others.filter((x) => x.item);
  const accepted = spam.filter((x) => x.accepted === true);
  const refused = spam.filter((x) => x.accepted === false);
  const categories = ['dup n0 resubmitted', 'dup n0 same bid', 'dup n0 other bid', 'dup n1 same bid', 'dup n2-3 same bid', 'future nonce', 'paid small', 'paid large'];
  const perCategory = categories.map((kind) => {
    const xs = spam.filter((x) => x.kind === kind);
    const ok = xs.filter((x) => x.accepted === true).length;
    const no = xs.filter((x) => x.accepted === false);
    return `${kind}: ${xs.length} sent, ${ok} accepted, ${no.length} refused${no.length ? ` (${listCounts(countBy(no, (x) => x.reason))})` : ''}${xs.length - ok - no.length ? `, ${xs.length - ok - no.length} unanswered` : ''}`;
  });
  const firstHonestBlock = honestAt.size ? Math.min(...honestAt.values()) : null;
  const blocksTaken = lastHonestBlock === null ? null : lastHonestBlock - b0;
  const spamFees = spamIncluded.reduce((s, x) => s + x.fee, 0n);
  const paidWaiting = accepted.filter((x) => x.kind.startsWith('paid')).length - spamIncluded.filter((x) => x.item.kind.startsWith('paid')).length;
  const queuedFree = accepted.filter((x) => !x.kind.startsWith('paid')).length;
  const fullest = blocks.reduce((a, b) => (b.length > (a?.length ?? -1) ? b : a), null);
  const summary = `flood: ${honestAt.size}/${RESIDENTS} honest ballots finalized in ${blocksTaken} block${blocksTaken === 1 ? '' : 's'} ` +
    `(flood began at best block ${b0}; first at block ${firstHonestBlock}, last at block ${lastHonestBlock}; ` +
    `honest acked by the pool in ${(honestAckedMs / 1000).toFixed(1)} s, all finalized after ${finalizedAllMs === null ? '-' : (finalizedAllMs / 1000).toFixed(1)} s); ` +
    `spam submitted ${spam.length} in ${submissionsDone ? (submissionsDone / 1000).toFixed(1) : '>' + ((Date.now() - t0) / 1000).toFixed(0)} s ` +
    `(pool accepted ${accepted.length}, refused ${refused.length} by reason: ${listCounts(countBy(refused, (x) => x.reason))}); ` +
    `spam included in blocks ${b0 + 1}-${scanned}: ${spamIncluded.filter((x) => x.fee > 0n).length} paid ` +
    `(${listCounts(countBy(spamIncluded, (x) => x.item.kind))}; ${gzt(spamFees)} in fees), ` +
    `${spamIncluded.filter((x) => x.fee === 0n).length} free (still in the pool: ${paidWaiting} paid; ${queuedFree} free duplicates accepted into the future queue behind a nonce gap); resident extrinsics included other than the ballots: ${fromResidents.length - honestIncluded.length}; ` +
    `fullest block #${fullest?.number}: ${mib(fullest?.length ?? 0)} MiB (${pct(fullest?.length ?? 0, NORMAL_LENGTH)} of the normal length) at ${pct(fullest?.normalWeight ?? 0n, NORMAL_WEIGHT)} of the normal weight`;
  t.diagnostic(summary);
  console.log(summary);
  t.diagnostic(`signed ${spam.length + honest.length} transactions offline in ${(signMs / 1000).toFixed(1)} s`);
  for (const line of perCategory) t.diagnostic(`  ${line}`);
  for (const b of blocks) {
    const kinds = countBy(b.extrinsics.filter((x) => x.signed), (x) => byHash.get(x.hash)?.kind ?? x.call);
    t.diagnostic(`  block #${b.number}: ${mib(b.length)} MiB (${pct(b.length, NORMAL_LENGTH)} of the normal length), ${pct(b.normalWeight, NORMAL_WEIGHT)} of the normal weight; ${listCounts(kinds)}`);
  }
  const oddities = [...spam, ...honest].filter((x) => x.note);
  for (const x of oddities.slice(0, 5)) t.diagnostic(`  note (${x.kind}): ${x.note}`);

  // ---- the honest ballots ----
  assert.deepEqual(honest.filter((x) => !x.accepted).map((x) => `${x.resident}: ${x.error}`), [], 'the pool accepted every honest ballot');
  assert.equal(honestAt.size, RESIDENTS, `every honest ballot is in a finalized block (${honestAt.size} of ${RESIDENTS} by block ${scanned})`);
  for (const x of honestIncluded) {
    assert.equal(x.success, true, `resident ${x.item.resident}'s ballot succeeded`);
    assert.equal(x.feeSkipped, true, `resident ${x.item.resident}'s ballot was free (FeeSkipped)`);
    assert.equal(x.fee, 0n, `resident ${x.item.resident} paid nothing`);
  }
  assert.ok(blocksTaken <= BLOCK_BOUND, `the honest ballots were all in blocks within ${BLOCK_BOUND} blocks of the flood's start (took ${blocksTaken})`);
  const tally = await gongzhi(api, 'projectTally', projectId, lastBlock.hash);
  assert.equal(tally.ballots, RESIDENTS, 'the project counts exactly the 200 new ballots');
  const votesFor = (bid) => tally.bids.find((b) => b.bid === bid)?.votes;
  assert.equal(votesFor(bidOf.eve), RESIDENTS / 2, "half voted for Eve's bid");
  assert.equal(votesFor(bidOf.ferdie), RESIDENTS / 2, "half for Ferdie's");

  assert.ok(blocks.some((b) => b.length >= 0.9 * NORMAL_LENGTH && b.normalWeight * 2n < NORMAL_WEIGHT),
    'the large remarks filled a block by length (at least 90% of the normal class) rather than by weight (under half)');

  // ---- no spam in for free ----
  assert.deepEqual(fromResidents.filter((x) => x.item?.kind !== 'honest').map((x) => `#${x.block}/${x.index} ${x.item?.kind ?? x.call} from resident ${residentIndex.get(x.signer)} nonce ${x.nonce}`), [],
    'no resident extrinsic other than the honest ballots is included');
  assert.deepEqual(others.filter((x) => x.fee <= 0n).map((x) => `#${x.block}/${x.index} ${x.item?.kind ?? x.call} from ${paidSenders.get(x.signer) ?? x.signer}`), [],
    'every other included transaction paid a fee');
  const underpaid = spamIncluded.filter((x) => x.fee < BigInt(x.length) * FEE_PER_BYTE);
  assert.deepEqual(underpaid.map((x) => `#${x.block}/${x.index} ${x.item.kind}: ${x.length} B paid ${x.fee}`), [], 'each included remark paid at least its length fee');
  const atLast = await api.at(lastBlock.hash);
  for (const [i, pair] of residents.entries()) {
    const account = await atLast.query.system.account(pair.address);
    assert.equal(account.nonce.toNumber(), 1, `resident ${i} has exactly one extrinsic on chain`);
    assert.equal(account.data.free.toBigInt(), 0n, `resident ${i} still holds nothing`);
  }

  // ---- the pool's refusals ----
  const refusedAs = (kind) => spam.filter((x) => x.kind === kind);
  assert.deepEqual(refusedAs('future nonce').filter((x) => x.accepted !== false || x.reason !== 'future').map((x) => `${x.resident}: ${x.accepted ? 'accepted' : x.reason}`), [],
    'every ballot 5+ nonces ahead is refused as Future');
  for (const kind of ['dup n0 resubmitted', 'dup n0 same bid', 'dup n0 other bid', 'dup n1 same bid']) {
    assert.deepEqual(refusedAs(kind).filter((x) => x.accepted !== false).map((x) => `${x.resident}: ${x.accepted === true ? 'accepted' : 'no answer'}`), [],
      `every "${kind}" is refused while the ballot is in the pool (or after it is in a block)`);
  }
  for (const kind of ['paid small', 'paid large']) {
    assert.deepEqual(refusedAs(kind).filter((x) => x.accepted !== true).map((x) => `${x.sender}: ${x.reason ?? 'no answer'}`), [],
      `the pool takes every "${kind}" (they pay)`);
  }
});
