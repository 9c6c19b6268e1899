// The whole service cycle on a fresh --dev node, driven by @polkadot/api exactly as scripts/demo.sh
// drives it (lib/cycle.js): needs survey → open and secret procurement ballots (direct, relayed,
// commit/reveal) → award → voucher programme → claims → online and offline redemptions →
// confirmations → ratings, one bad → follow-up case → rectified → settlement → statistics and
// scorecards. Each step asserts the events and the state it leaves, read through the runtime API
// and the gongzhi_* JSON-RPC; residents hold no tokens throughout and never pay.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { startNode, nodeKey, rawChainSpec, waitFor } from '../lib/node.js';
import { startSmoldot, lightClientApi } from '../lib/light-client.js';
import { gongzhiRpc, rpcJson } from '../lib/gongzhi-rpc.js';
import {
  STEPS, cycleContext, freeBalance, bestNumber, utf8, relayedBallotMessage,
  DISTRICT, SURVEY, PROJECTS, BIDS, PROGRAMME, RATINGS
} from '../lib/cycle.js';

let node;
let api;
let ctx;
let spec;
/** Every step's result, by the step's name (as in lib/cycle.js STEPS). */
const r = {};
const ran = [];

/** Runs the cycle's step `name` (the next one in STEPS order) and keeps its result. */
async function step (name) {
  const index = ran.length;
  assert.equal(STEPS[index]?.[0], name, `the test runs the cycle's steps in STEPS order (step ${index} is ${STEPS[index]?.[0]})`);
  ran.push(name);
  r[name] = await STEPS[index][2](ctx, r);
  return r[name];
}

/** Skips the rest of the file's tests once a step has failed (they depend on it). */
function needs (t, ...names) {
  const missing = names.filter((n) => !(n in r));
  if (missing.length) { t.skip(`an earlier step failed (${missing.join(', ')})`); return false; }
  return true;
}

/**
 * The runtime API's JSON (as Polkadot.js decodes it) and the JSON-RPC's (serde) differ only in the
 * spelling of fieldless enum variants ("Closed" / "closed"): normalize that. Text is a string and
 * byte keys are 0x-hex in both.
 */
function norm (value) {
  if (Array.isArray(value)) return value.map((v) => norm(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, norm(v)]));
  if (typeof value === 'string' && /^[A-Z][A-Za-z]*$/.test(value)) return value[0].toLowerCase() + value.slice(1);
  return value;
}

const ZERO = 0n;
const RESIDENT_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

before(async () => {
  const { key, peerId } = nodeKey(0x10);
  node = await startNode({ name: 'lifecycle', nodeKey: key });
  [, spec] = rawChainSpec('dev', [node.multiaddr(peerId)]);
  api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), rpc: gongzhiRpc, noInitWarn: true });
  const verbose = !!process.env.GONGZHI_E2E_VERBOSE;
  ctx = await cycleContext(api, { say: verbose ? (who, text) => console.log(`  [${who}] ${text}`) : () => {} });
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

test('the dev chain holds the demo district; residents hold no tokens', async () => {
  const office = (await api.rpc.gongzhi.office(DISTRICT.office)).toJSON();
  assert.equal(office.admin, ctx.who.office.address);
  assert.equal(office.communities, 2);
  assert.equal(office.residents, 6);
  const sunflower = (await api.rpc.gongzhi.community(DISTRICT.sunflower)).toJSON();
  assert.deepEqual(sunflower.officers, [ctx.who.officers.sunflower.address]);
  assert.equal(sunflower.residents, 3);
  const riverside = (await api.rpc.gongzhi.community(DISTRICT.riverside)).toJSON();
  assert.deepEqual(riverside.officers, [ctx.who.officers.riverside.address]);
  assert.equal(riverside.residents, 3);
  assert.deepEqual(RESIDENT_NAMES.map((n) => ctx.residentId[n]), [0, 1, 2, 3, 4, 5]);
  for (const name of RESIDENT_NAMES) {
    assert.equal(await freeBalance(api, ctx.who.residents[name].address), ZERO, `${name}//stash holds nothing`);
  }
  assert.equal(rpcJson(await api.rpc.gongzhi.residentStatus(ctx.who.outsider.address)), null, 'Alice is not a resident');
});

test('the office opens a needs survey', async () => {
  const s = await step('survey');
  assert.equal(s.outcome.failed, null);
  assert.ok(s.outcome.fee > ZERO, 'the office pays for its call');
  assert.deepEqual(s.created, {
    survey: s.survey, scope: { office: DISTRICT.office }, creator: ctx.who.office.address, opensAt: s.opensAt, closesAt: s.closesAt
  });
  assert.equal(s.results.phase, 'upcoming');
  assert.equal(s.results.responses, 0);
  assert.equal(s.results.eligible, 6);
  assert.deepEqual(s.results.questions, [
    { singleChoice: { counts: [0, 0, 0] } },
    { multipleChoice: { counts: [0, 0, 0, 0], maxChoices: 2 } },
    { rating: { count: 0, sum: 0, histogram: [0, 0, 0, 0, 0] } }
  ]);
  const stored = (await api.query.needsSurvey.surveyTexts(s.survey)).unwrap();
  assert.equal(utf8(stored.title.toU8a(true)), SURVEY.title);
});

test('residents answer the survey and pay nothing; their status changes', async (t) => {
  if (!needs(t, 'survey')) return;
  const res = await step('responses');
  const survey = r.survey.survey;
  assert.deepEqual(res.responses.map((x) => x.name), Object.keys(SURVEY.answers));
  for (const { name, outcome, event, feeless } of res.responses) {
    assert.equal(outcome.failed, null, `${name} responded`);
    assert.equal(feeless, true, `${name}'s response was free (FeeSkipped)`);
    assert.equal(outcome.fee, ZERO, `${name} paid no fee`);
    assert.deepEqual(event, { survey, resident: ctx.residentId[name] });
  }
  for (const name of RESIDENT_NAMES) {
    assert.equal(res.before[name].free, ZERO);
    assert.equal(res.after[name].free, ZERO, `${name} still holds nothing`);
  }
  // What they may still do: Alice may answer before, not after; Ferdie (who didn't) still may.
  assert.ok(res.before.alice.status.surveysToAnswer.includes(survey));
  assert.ok(!res.after.alice.status.surveysToAnswer.includes(survey));
  assert.ok(res.before.ferdie.status.surveysToAnswer.includes(survey));
  assert.ok(res.after.ferdie.status.surveysToAnswer.includes(survey));
  assert.equal(res.results.phase, 'open');
  assert.equal(res.results.responses, 4);
});

test('the closed survey\'s results: the same numbers through the runtime API and JSON-RPC', async (t) => {
  if (!needs(t, 'responses')) return;
  const c = await step('surveyClosed');
  const survey = r.survey.survey;
  assert.equal(c.outcome.failed, null);
  assert.ok(c.outcome.blockNumber >= r.survey.closesAt);
  assert.deepEqual(c.closed, { survey, responses: 4, eligible: 6, turnout: 666_666 });
  assert.deepEqual(c.viaRpc, {
    survey,
    title: SURVEY.title,
    // The questions' text as the office wrote it, so that a reader of the results needs nothing else.
    texts: SURVEY.questions.map(({ prompt, kind }) => ({ prompt, options: (kind.SingleChoice ?? kind.MultipleChoice)?.options ?? [] })),
    scope: { office: DISTRICT.office },
    opensAt: r.survey.opensAt,
    closesAt: r.survey.closesAt,
    phase: 'closed',
    finalisedAt: c.outcome.blockNumber,
    responses: 4,
    eligible: 6,
    turnoutPermill: 666_666,
    questions: [
      { singleChoice: { counts: [3, 1, 0] } },
      { multipleChoice: { counts: [3, 2, 1, 0], maxChoices: 2 } },
      { rating: { count: 4, sum: 12, histogram: [0, 1, 2, 1, 0] } }
    ]
  });
  assert.deepEqual(norm(c.viaApi), c.viaRpc, 'runtime API and JSON-RPC agree');
});

test('the office opens an open-ballot and a secret-ballot project', async (t) => {
  if (!needs(t, 'surveyClosed')) return;
  const p = await step('projects');
  const { open, secret } = p;
  assert.equal(open.outcome.failed, null);
  assert.equal(secret.outcome.failed, null);
  assert.equal(secret.project, open.project + 1);
  assert.deepEqual(open.created, { project: open.project, office: DISTRICT.office, scope: { office: DISTRICT.office }, budget: PROJECTS.open.budget, eligible: 6 });
  assert.deepEqual(secret.created, { project: secret.project, office: DISTRICT.office, scope: { community: DISTRICT.riverside }, budget: PROJECTS.secret.budget, eligible: 3 });
  assert.equal(open.info.phase, 'scheduled');
  assert.equal(open.info.method, 'open');
  assert.deepEqual(secret.info.method, { secret: { revealEnd: secret.revealEnd } });
  assert.equal(open.info.survey, r.survey.survey, 'the project cites the survey');
  assert.equal(open.info.quorumPercent, 50);
  assert.deepEqual(open.info.bidding, open.rules.bidding);
  assert.deepEqual(open.info.voting, open.rules.voting);
  assert.equal(utf8(open.info.title), PROJECTS.open.title);
});

test('providers Eve and Ferdie bid in both projects', async (t) => {
  if (!needs(t, 'projects')) return;
  const p = await step('bids');
  for (const key of ['open', 'secret']) {
    const bids = p[key].bids;
    assert.deepEqual([bids.eve.bid, bids.ferdie.bid].sort(), [0, 1], `${key}: two bids, #0 and #1`);
    for (const provider of ['eve', 'ferdie']) {
      assert.equal(bids[provider].outcome.failed, null);
      assert.deepEqual(bids[provider].event, { project: p[key].project, bid: bids[provider].bid, provider: ctx.who.providers[provider].address, price: BIDS[key][provider].price });
    }
  }
  const tally = (await api.rpc.gongzhi.projectTally(p.open.project)).toJSON();
  assert.equal(tally.bids.length, 2);
  assert.ok(tally.bids.every((b) => b.state === 'active' && b.votes === 0));
});

test('residents vote for free (direct, relayed, secret commitments); the chain refuses what is invalid', async (t) => {
  if (!needs(t, 'bids')) return;
  const b = await step('ballots');
  const { open, secret } = r.projects;
  const eveBid = open.bids.eve.bid;
  const ferdieBid = open.bids.ferdie.bid;

  // A zero-balance resident's invalid free call never gets into a block: the pool refuses it.
  assert.match(b.invalid.rejected ?? '', /1010/, 'rejected with code 1010');
  assert.match(b.invalid.rejected ?? '', /Inability to pay some fees/);
  assert.equal(b.invalid.ferdieNonceAfter, b.invalid.ferdieNonce, 'nothing of Ferdie//stash was included');
  assert.equal(b.invalid.receipt, null);

  // Direct ballots: free, counted, no token moved.
  for (const [name, ballot] of Object.entries(b.ballots)) {
    assert.equal(ballot.outcome.failed, null, `${name} voted`);
    assert.equal(ballot.feeless, true, `${name}'s vote was free`);
    assert.equal(ballot.outcome.fee, ZERO);
    assert.deepEqual(ballot.event, { project: open.project, resident: ctx.residentId[name], bid: ballot.bid, previous: null, relayer: null });
  }
  for (const name of ['alice', 'charlie', 'ferdie']) assert.equal(b.after[name].free, ZERO, `${name} holds nothing`);
  assert.equal(await freeBalance(api, ctx.who.residents.dave.address, b.at), ZERO);

  // The relayed ballot: signed by //Charlie//stash, submitted and paid for by officer Charlie.
  assert.equal(b.relayed.outcome.failed, null);
  assert.equal(b.relayed.feeless, false);
  assert.ok(b.relayed.outcome.fee > ZERO, 'the officer paid the relayed ballot');
  assert.equal(b.relayed.sequence, 0);
  assert.equal(b.relayed.message, u8aToHex(relayedBallotMessage(api.genesisHash, open.project, eveBid, 0, b.relayed.deadline)));
  assert.equal(b.relayed.message.length, 2 + 2 * 65, 'an open relayed ballot signs 65 bytes');
  assert.deepEqual(b.relayed.event, { project: open.project, resident: ctx.residentId.charlie, bid: eveBid, previous: null, relayer: ctx.who.officers.sunflower.address });
  assert.deepEqual(b.receipts.charlie, {
    project: open.project,
    resident: ctx.residentId.charlie,
    choice: { bid: eveBid },
    changes: 0,
    nextSequence: 1,
    counted: true,
    storageKey: b.receipts.charlie.storageKey
  });
  assert.match(b.receipts.charlie.storageKey, /^0x[0-9a-f]+$/, 'the receipt names its storage key in hex');
  const stored = await api.rpc.state.getStorage(b.receipts.charlie.storageKey, b.at);
  assert.equal(stored.toHex(), u8aToHex(Uint8Array.from([0, eveBid, 0, 0, 0, 0, 0, 0, 0])), 'the receipt\'s key holds Ballot { Bid(eve), changes: 0 }');

  // A non-resident's ballot is included, pays, and fails with the pallet's named error.
  assert.equal(b.outsider.outcome.failed, 'procurement.NotResident');
  assert.equal(b.outsider.feeless, false);
  assert.ok(b.outsider.outcome.fee > ZERO, 'the outsider paid for the failed call');

  // Secret commitments: free, and nothing but the commitment is on chain.
  for (const [name, c] of Object.entries(b.commits)) {
    assert.equal(c.outcome.failed, null, `${name} committed`);
    assert.equal(c.feeless, true);
    assert.equal(c.outcome.fee, ZERO);
    assert.deepEqual(c.event, { project: secret.project, resident: ctx.residentId[name], commitment: c.commitment, relayer: null });
  }

  // Tallies: the open one counts at once; the secret one shows turnout only.
  assert.equal(b.openTally.ballots, 5);
  assert.equal(b.openTally.counted, 5);
  assert.equal(b.openTally.bids[eveBid].votes, 3);
  assert.equal(b.openTally.bids[ferdieBid].votes, 2);
  assert.deepEqual(b.secretTally, {
    project: secret.project,
    phase: 'voting',
    secret: true,
    eligible: 3,
    quorumPercent: 50,
    ballots: 3,
    counted: null,
    bids: ['eve', 'ferdie']
      .map((p) => ({ bid: secret.bids[p].bid, price: BIDS.secret[p].price, state: 'active', votes: null }))
      .sort((x, y) => x.bid - y.bid)
  }, 'secret counts are hidden during voting');

  // What they may do: vote in the projects of their scope, before and (changes left) after.
  assert.deepEqual(b.before.alice.status.ballotsToCast, [open.project]);
  assert.deepEqual(b.before.ferdie.status.ballotsToCast, [open.project, secret.project]);
  assert.deepEqual(b.after.charlie.status.ballotsToCast, [open.project], 'Charlie//stash may still change the ballot');
});

test('the open project closes: the award through projectOutcome', async (t) => {
  if (!needs(t, 'ballots')) return;
  const c = await step('openClosed');
  const { open } = r.projects;
  const eveBid = open.bids.eve.bid;
  assert.equal(c.outcome.failed, null, 'anyone (here Alice) may close');
  assert.ok(c.outcome.blockNumber >= open.rules.voting.end);
  assert.deepEqual(c.awarded, { project: open.project, bid: eveBid, provider: ctx.who.providers.eve.address, price: BIDS.open.eve.price, votes: 3, counted: 5 });
  assert.deepEqual(c.viaRpc, { awarded: { bid: eveBid, provider: ctx.who.providers.eve.address, price: BIDS.open.eve.price, votes: 3, closedAt: c.outcome.blockNumber } });
  assert.deepEqual(norm(c.viaApi), c.viaRpc, 'runtime API and JSON-RPC agree');
  assert.equal(c.tally.phase, 'awarded');
});

test('the secret ballot: hidden until revealing ends, then only revealed ballots count', async (t) => {
  if (!needs(t, 'openClosed')) return;
  const v = await step('reveal');
  const { secret } = r.projects;
  const eveBid = secret.bids.eve.bid;
  const ferdieBid = secret.bids.ferdie.bid;
  for (const tally of [v.tallyBeforeReveal, v.tallyDuringReveal]) {
    assert.equal(tally.phase, 'revealing');
    assert.equal(tally.ballots, 3);
    assert.equal(tally.counted, null, 'no count while revealing');
    assert.ok(tally.bids.every((x) => x.votes === null));
  }
  assert.deepEqual(Object.keys(v.reveals).sort(), ['dave', 'eve']);
  for (const [name, reveal] of Object.entries(v.reveals)) {
    assert.equal(reveal.outcome.failed, null, `${name} revealed`);
    assert.equal(reveal.feeless, true);
    assert.equal(reveal.outcome.fee, ZERO);
    assert.deepEqual(reveal.event, { project: secret.project, resident: ctx.residentId[name], bid: ferdieBid });
  }
  // Dave//stash has nothing left to do there; Ferdie//stash could still reveal.
  assert.ok(!v.status.dave.ballotsToCast.includes(secret.project));
  assert.ok(v.status.ferdie.ballotsToCast.includes(secret.project));
  assert.equal(v.tallyAfterReveal.phase, 'awaitingClose');
  assert.equal(v.tallyAfterReveal.counted, 2, 'the unrevealed commitment does not count');
  assert.equal(v.tallyAfterReveal.bids[ferdieBid].votes, 2);
  assert.equal(v.tallyAfterReveal.bids[eveBid].votes, 0);

  const c = await step('secretClosed');
  assert.equal(c.outcome.failed, null);
  assert.deepEqual(c.awarded, { project: secret.project, bid: ferdieBid, provider: ctx.who.providers.ferdie.address, price: BIDS.secret.ferdie.price, votes: 2, counted: 2 });
  assert.deepEqual(c.viaRpc, { awarded: { bid: ferdieBid, provider: ctx.who.providers.ferdie.address, price: BIDS.secret.ferdie.price, votes: 2, closedAt: c.outcome.blockNumber } });
});

test('the office creates a voucher programme for the awarded project', async (t) => {
  if (!needs(t, 'secretClosed')) return;
  const p = await step('programme');
  assert.equal(p.outcome.failed, null);
  assert.equal(p.supply, 12);
  assert.deepEqual(p.created, {
    programme: p.programme,
    office: DISTRICT.office,
    scope: { office: DISTRICT.office },
    project: r.projects.open.project,
    unitValue: PROGRAMME.unitValue,
    limit: { perResident: 2 },
    allocation: 'Entitlement',
    supply: 12
  });
  assert.deepEqual(p.viaRpc.providers, [ctx.who.providers.eve.address], 'the award\'s provider is the one accepted');
  assert.equal(utf8(p.viaRpc.serviceName), PROGRAMME.serviceName);
  assert.deepEqual(p.viaRpc.stats, { issued: 0, claimed: 0, redeemed: 0, confirmed: 0, settled: 0, settledAmount: 0, expired: 0, cancelled: 0 });
});

test('residents claim vouchers for free', async (t) => {
  if (!needs(t, 'programme')) return;
  const c = await step('claims');
  const programme = r.programme.programme;
  assert.ok(c.before.alice.status.programmesToClaim.includes(programme));
  for (const [name, list] of Object.entries(c.vouchers)) {
    assert.equal(list.length, PROGRAMME.claims[name]);
    for (const v of list) {
      assert.equal(v.outcome.failed, null, `${name} claimed`);
      assert.equal(v.feeless, true);
      assert.equal(v.outcome.fee, ZERO);
      assert.deepEqual(v.event, { voucher: v.voucher, programme, resident: ctx.residentId[name] });
    }
  }
  const all = Object.values(c.vouchers).flat().map((v) => v.voucher);
  assert.equal(new Set(all).size, 4, 'four distinct vouchers');
  // Alice//stash reached the limit: nothing left to claim, two vouchers in hand.
  assert.ok(!c.after.alice.status.programmesToClaim.includes(programme));
  assert.deepEqual(c.after.alice.status.vouchers, c.vouchers.alice.map((v) => [v.voucher, 'issued']));
  assert.equal(c.after.alice.free, ZERO);
});

test('redemptions: online (free) and offline by QR code, confirmed by the provider', async (t) => {
  if (!needs(t, 'claims')) return;
  const d = await step('redemptions');
  const eve = ctx.who.providers.eve.address;
  const { alice, dave, bob } = d.redemptions;
  for (const [name, x] of Object.entries({ alice, dave })) {
    assert.equal(x.redeem.outcome.failed, null, `${name} redeemed`);
    assert.equal(x.redeem.feeless, true);
    assert.equal(x.redeem.outcome.fee, ZERO);
    assert.deepEqual(x.redeem.event, { voucher: x.voucher, redemption: x.redemption, resident: ctx.residentId[name], provider: eve, offline: false });
    assert.equal(x.confirm.outcome.failed, null);
    assert.equal(x.confirm.event.redemption, x.redemption);
    assert.equal(x.confirm.event.provider, eve);
  }
  assert.equal(bob.redeem.outcome.failed, null, 'the QR redemption went through');
  assert.equal(bob.redeem.feeless, false);
  assert.ok(bob.redeem.outcome.fee > ZERO, 'the provider paid');
  assert.deepEqual(bob.redeem.event, { voucher: bob.voucher, redemption: bob.redemption, resident: ctx.residentId.bob, provider: eve, offline: true });
  assert.equal(bob.redeem.confirmed.redemption, bob.redemption, 'redeemed and confirmed in one step');
  assert.equal(d.qr.message.length, 2 + 2 * 93, 'the QR payload signs 93 bytes');
  assert.equal(new Set([alice.redemption, dave.redemption, bob.redemption]).size, 3);

  // Alice//stash: redeemed and waiting, then confirmed (out of hand) and waiting for a rating.
  const [first, second] = r.claims.vouchers.alice.map((v) => v.voucher);
  const redeemedState = d.statusRedeemed.vouchers.find(([id]) => id === first)[1];
  assert.equal(redeemedState.redeemed.redemption, alice.redemption);
  assert.equal(redeemedState.redeemed.provider, eve);
  assert.deepEqual(d.statusConfirmed.vouchers, [[second, 'issued']]);
  assert.deepEqual(d.statusConfirmed.redemptionsToRate, [alice.redemption]);
});

test('the served residents rate; a bad rating opens a follow-up case', async (t) => {
  if (!needs(t, 'redemptions')) return;
  const g = await step('ratings');
  const eve = ctx.who.providers.eve.address;
  const programme = r.programme.programme;
  for (const [name, x] of Object.entries(g.ratings)) {
    const redemption = r.redemptions.redemptions[name].redemption;
    assert.equal(x.outcome.failed, null, `${name} rated`);
    assert.equal(x.feeless, true);
    assert.equal(x.outcome.fee, ZERO);
    assert.equal(x.event.redemption, redemption);
    assert.equal(x.event.resident, ctx.residentId[name]);
    assert.equal(x.event.provider, eve);
    assert.equal(x.event.programme, programme);
    assert.equal(x.event.score, RATINGS[name]);
    assert.equal(x.caseOpened === null, RATINGS[name] > 2, `${name}: a case exactly for a rating ≤ 2`);
  }
  assert.equal(g.case.by, 'bob');
  assert.equal(g.case.case, r.redemptions.redemptions.bob.redemption, 'the case is numbered by the redemption');
  assert.equal(g.case.provider, eve);
  assert.equal(g.case.deadline, g.case.openedAt + 7 * 14_400, 'seven days to answer');
  assert.deepEqual(g.statusRated.redemptionsToRate, [], 'Alice//stash has nothing left to rate');
  for (const name of RESIDENT_NAMES) assert.equal(await freeBalance(api, ctx.who.residents[name].address, g.at), ZERO);
});

test('the provider answers, the office closes the case as rectified and settles', async (t) => {
  if (!needs(t, 'ratings')) return;
  const f = await step('followUp');
  const eve = ctx.who.providers.eve.address;
  const kase = r.ratings.case.case;
  assert.equal(f.response.outcome.failed, null);
  assert.deepEqual(f.response.event, { case: kase, provider: eve, response: f.response.event.response, late: false });
  assert.equal(f.close.outcome.failed, null);
  assert.deepEqual(f.close.event, { case: kase, office: DISTRICT.office, outcome: 'Rectified', late: false });
  assert.equal(f.settle.outcome.failed, null);
  assert.deepEqual(f.settle.event, {
    settlement: f.settle.event.settlement,
    office: DISTRICT.office,
    programme: r.programme.programme,
    provider: eve,
    count: 3,
    amount: 3 * PROGRAMME.unitValue,
    paymentReference: f.settle.paymentReference
  });
});

test('statistics, the provider report and scorecards via JSON-RPC, with exact numbers', async (t) => {
  if (!needs(t, 'followUp')) return;
  const s = await step('reports');
  assert.equal(ran.length, STEPS.length, 'the test ran every step of the cycle');
  const rectify = r.followUp.close.outcome.blockNumber - r.ratings.case.openedAt;
  assert.ok(rectify >= 1);
  assert.deepEqual(s.programme.stats, { issued: 0, claimed: 4, redeemed: 3, confirmed: 3, settled: 3, settledAmount: 9_000, expired: 0, cancelled: 0 });
  const card = {
    count: 3,
    sum: 11,
    averageX100: 366,
    histogram: [0, 1, 0, 1, 1],
    badRatings: 1,
    casesOpen: 0,
    casesResponded: 0,
    casesOverdue: 0,
    casesRectified: 1,
    casesDismissed: 0,
    casesLate: 0,
    rectifyBlocksTotal: rectify,
    averageRectifyBlocks: rectify,
    appealsUpheld: 0
  };
  assert.deepEqual(s.programmeScorecard, { ...card, inGoodStanding: null });
  assert.deepEqual(s.providers.eve, {
    vouchers: { redemptions: 3, confirmations: 3, cancelled: 0, settled: 3, settledAmount: 9_000 },
    scorecard: { ...card, inGoodStanding: true }
  });
  assert.deepEqual(s.providers.ferdie.vouchers, { redemptions: 0, confirmations: 0, cancelled: 0, settled: 0, settledAmount: 0 });
  assert.equal(s.providers.ferdie.scorecard.count, 0);
  assert.equal(s.providers.ferdie.scorecard.inGoodStanding, true);
  // The runtime API says the same.
  assert.deepEqual(norm(s.viaApi.programme), norm(s.programme));
  assert.deepEqual(norm(s.viaApi.programmeScorecard), s.programmeScorecard);
  assert.deepEqual(norm(s.viaApi.eve), s.providers.eve);
  // And after the whole cycle, no resident ever held or paid a token.
  for (const name of RESIDENT_NAMES) assert.equal(await freeBalance(api, ctx.who.residents[name].address), ZERO, `${name}//stash`);
  assert.ok((await bestNumber(api)) > 0);
});

// A light client checks every answer against a proof from the node: it replays the runtime call
// on the proof and refuses (and bans the node for a while) if the proof lacks anything the call
// read. After the whole cycle every resident's status reads ratings, cases, vouchers and ballots
// that exist, so this is where an incomplete proof would show (stop 14: `contains_key` put only a
// value's hash in the proof and smoldot stalled the resident app).
test('after the cycle a light client gets every resident\'s status and the reports, the same as the node', async (t) => {
  if (!needs(t, 'reports')) return;
  const smoldot = startSmoldot();
  const light = await lightClientApi(smoldot, JSON.stringify(spec));
  try {
    // A block both know, at or after the end of the cycle: the light client's finalized head,
    // once it has synced that far.
    const end = (await api.rpc.chain.getHeader(r.followUp.at)).number.toNumber();
    let at;
    await waitFor('the light client to finalize the end of the cycle', async () => {
      at = await light.rpc.chain.getFinalizedHead();
      return (await light.rpc.chain.getHeader(at)).number.toNumber() >= end;
    }, { timeoutMs: 120_000, everyMs: 1_000 });
    const full = await api.at(at);
    const lightAt = await light.at(at);
    const calls = [
      ...RESIDENT_NAMES.map((name) => [`residentStatus(${name})`, (x) => x.call.gongzhiApi.residentStatus(ctx.who.residents[name].address)]),
      ['providerReport(eve)', (x) => x.call.gongzhiApi.providerReport(ctx.who.providers.eve.address)],
      ['programme', (x) => x.call.gongzhiApi.programme(r.programme.programme)],
      ['programmeScorecard', (x) => x.call.gongzhiApi.programmeScorecard(r.programme.programme)],
      ['projectOutcome(open)', (x) => x.call.gongzhiApi.projectOutcome(r.projects.open.project)]
    ];
    for (const [what, call] of calls) {
      const expected = (await call(full)).toJSON();
      const got = (await call(lightAt)).toJSON();
      assert.notEqual(got, null, `${what}: an answer through the light client`);
      assert.deepEqual(got, expected, what);
    }
  } finally {
    await light.disconnect().catch(() => {});
    await smoldot.terminate().catch(() => {});
  }
});
