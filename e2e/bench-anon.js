#!/usr/bin/env node
// Benchmark of anonymous ballots (匿名投票, issue 19) through a real node; scripts/bench-anon.sh
// runs it and writes its JSON to bench/raw/anon.json for bench/REPORT.md (§5d).
//
// On a dev node (6-second blocks): BENCH_ANON_RESIDENTS (1,000) new residents of Sunflower with
// member keys, an anonymous project whose rings the chain builds (e2e 15's set-up,
// `anonymousBallot`); every ballot is proved ahead in Rust (`gongzhi-loadgen prove`, both cores),
// so that what is measured is the chain, not the prover: then all are submitted at once as general
// transactions with no signer, and the script records, block by block, how many went in, the
// block's normal-class weight and whether it was a session change, and when each block was seen
// as best and as finalized. Figures on stdout as JSON; progress on stderr.
// GONGZHI_NODE / GONGZHI_LOADGEN: the binaries.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { startNode } from './lib/node.js';
import { gongzhiRpc } from './lib/gongzhi-rpc.js';
import { cycleContext, waitForBlock } from './lib/cycle.js';
import { anonymousBallot, procurementContext, ballotMessage, proveInRust, generalTransaction, submitRaw, customErrorName, untilBlocks } from './lib/anon.js';

const RESIDENTS = Number(process.env.BENCH_ANON_RESIDENTS ?? 1000);
const say = (m) => console.error(`[bench-anon] ${m}`);
const seconds = (ms) => Math.round(ms) / 1000;

const node = await startNode({ name: 'bench-anon' });
const api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl, 1000, {}, 180_000), rpc: gongzhiRpc, noInitWarn: true });
try {
  const ctx = await cycleContext(api);
  say(`setting up ${RESIDENTS} residents with member keys and an anonymous project`);
  const { residents, id, record, rings, rules } = await anonymousBallot(api, ctx, { count: RESIDENTS, label: 'bench-anon', votingBlocks: 600 });
  say(`rings: ${rings.map((r) => `${r.keys.length} (${r.domain})`).join(', ')}`);

  // Every ballot proved ahead: a fixed split, 4 in 7 for Eve's bid 0.
  const choice = (i) => (i % 7 < 4 ? 0 : 1);
  const context = procurementContext(api.genesisHash.toU8a(), id);
  const byKey = new Map(residents.map((r, i) => [r.key.toString(), i]));
  const ballots = [];
  const proving = Date.now();
  for (const [r, ring] of rings.entries()) {
    const voters = ring.keys.map((k) => byKey.get(k.toString()));
    await proveInRust({ ring, context, ballots: voters.map((i) => ({ entropy: residents[i].entropy, message: ballotMessage(id, r, choice(i), 0) })) }, ({ index, alias, proof }) => {
      ballots.push(generalTransaction(api.tx.procurement.castAnonymousBallot(id, r, choice(voters[index]), 0, alias, proof).method));
    });
  }
  const proveMs = Date.now() - proving;
  say(`${ballots.length} proofs in ${seconds(proveMs)} s`);

  // Block times as the client sees them: best (imported) and finalized.
  const seenBest = new Map();
  const seenFinal = new Map();
  const unsubBest = await api.rpc.chain.subscribeNewHeads((h) => { if (!seenBest.has(h.number.toNumber())) seenBest.set(h.number.toNumber(), Date.now()); });
  const unsubFinal = await api.rpc.chain.subscribeFinalizedHeads((h) => { if (!seenFinal.has(h.number.toNumber())) seenFinal.set(h.number.toNumber(), Date.now()); });

  await waitForBlock(api, rules.voting.start);
  const firstBlock = (await api.rpc.chain.getHeader()).number.toNumber() + 1;
  say(`submitting ${ballots.length} ballots at block #${firstBlock - 1}`);
  const submitted = Date.now();
  const refusals = (await Promise.all(ballots.map((xt) => submitRaw(api, xt).then(() => null, (e) => customErrorName(api, e.message) ?? e.message)))).filter((e) => e !== null);
  const acceptedMs = Date.now() - submitted;
  if (refusals.length) throw new Error(`the pool refused ${refusals.length} ballots, e.g. ${refusals[0]}`);

  await untilBlocks(api, async () => (await api.query.procurement.projects(id)).unwrap().ballots.toNumber() === RESIDENTS, 200, 'all ballots in blocks');
  const lastBlock = (await api.rpc.chain.getHeader()).number.toNumber();
  await untilBlocks(api, async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() >= lastBlock, 20, 'finality');
  unsubBest();
  unsubFinal();

  // Block by block: ballots, normal-class weight, session changes.
  const blocks = [];
  for (let n = firstBlock; n <= lastBlock; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const at = await api.at(hash);
    const [events, weight] = await Promise.all([at.query.system.events(), at.query.system.blockWeight()]);
    const ballotsIn = events.filter(({ event }) => event.section === 'procurement' && event.method === 'AnonymousBallotCast').length;
    const sessionChange = events.some(({ event }) => event.section === 'session' && event.method === 'NewSession');
    blocks.push({ number: n, ballots: ballotsIn, sessionChange, normalRefTimePs: weight.normal.refTime.toBigInt().toString() });
  }
  const withBallots = blocks.filter((b) => b.ballots > 0);
  const lastWithBallots = withBallots.at(-1).number;
  const cast = blocks.reduce((s, b) => s + b.ballots, 0);
  if (cast !== RESIDENTS) throw new Error(`${cast} ballots counted in blocks #${firstBlock}–#${lastBlock}, ${RESIDENTS} expected`);
  const tallies = (await api.query.procurement.projects(id)).unwrap().bids.map((slot) => slot.votes.toNumber());
  const expected = [0, 0];
  for (let i = 0; i < RESIDENTS; i++) expected[choice(i)] += 1;
  if (tallies.join() !== expected.join()) throw new Error(`tally ${tallies} ≠ ${expected}`);

  const inBlocksMs = seenBest.get(lastWithBallots) - submitted;
  const finalizedMs = seenFinal.get(lastWithBallots) - submitted;
  // Full blocks: every block with ballots but the last, which takes what is left.
  const full = withBallots.slice(0, -1);
  const fullMean = full.length ? full.reduce((s, b) => s + b.ballots, 0) / full.length : withBallots[0].ballots;
  const figures = {
    how: `dev node (--dev, 6-second blocks, 2 s of block ref_time, 75% for normal extrinsics); ${RESIDENTS} residents of one community in ${rings.length} rings; all ballots proved ahead by gongzhi-loadgen prove, then submitted at once over one WebSocket as general transactions with no signer; times from submission to the block holding the last ballot as the client saw it best and finalized`,
    residents: RESIDENTS,
    rings: rings.map((r) => ({ members: r.keys.length, domain: r.domain })),
    eligible: record.eligible.toNumber(),
    proveSeconds: seconds(proveMs),
    proofsPerSecond: Math.round((RESIDENTS / (proveMs / 1000)) * 10) / 10,
    poolAcceptSeconds: seconds(acceptedMs),
    firstBlock,
    lastBlock: lastWithBallots,
    blocksWithBallots: withBallots.length,
    sessionChangesWithoutBallots: blocks.filter((b) => b.number <= lastWithBallots && b.sessionChange && b.ballots === 0).length,
    mostInBlock: Math.max(...blocks.map((b) => b.ballots)),
    meanInFullBlock: Math.round(fullMean * 10) / 10,
    inBlocksSeconds: seconds(inBlocksMs),
    finalizedSeconds: seconds(finalizedMs),
    ballotsPerSecondInBlocks: Math.round((RESIDENTS / (inBlocksMs / 1000)) * 100) / 100,
    ballotsPerSecondFinalized: Math.round((RESIDENTS / (finalizedMs / 1000)) * 100) / 100,
    tallies,
    blocks: blocks.filter((b) => b.number <= lastWithBallots)
  };
  say(`${RESIDENTS} ballots: at most ${figures.mostInBlock} a block (${figures.meanInFullBlock} in a full one), ${figures.ballotsPerSecondInBlocks}/s in blocks, ${figures.ballotsPerSecondFinalized}/s finalized`);
  console.log(JSON.stringify(figures, null, 2));
} finally {
  await api.disconnect();
  await node.stop();
}
