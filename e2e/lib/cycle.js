// The Gongzhi service cycle as reusable steps, shared by the lifecycle test (which asserts what
// each step returns) and the demo (which prints it): what the tests prove is what the demo shows.
//
//   needs survey ─▶ procurement ballots (open: direct + relayed; secret: commit + reveal) ─▶ award
//     ─▶ voucher programme ─▶ claims ─▶ redemptions (online + offline QR) ─▶ confirmations
//     ─▶ ratings (one bad) ─▶ follow-up case ─▶ rectified ─▶ settlement ─▶ statistics, scorecards
//
// The actors are the `development` preset's demo district: street office 0 (admin Bob),
// community 0 向阳社区 (officer Charlie; residents //Alice//stash, //Bob//stash, //Charlie//stash),
// community 1 河畔社区 (officer Dave; residents //Dave//stash, //Eve//stash, //Ferdie//stash),
// providers Eve and Ferdie approved in office 0. Residents hold no tokens. Alice is an endowed
// account that is not a resident (the outsider). Survey, project, programme, voucher and
// redemption ids are taken from the events, so the cycle runs again on the same chain.
//
// Every window is a call argument in blocks, chosen a few blocks ahead of the current block; the
// steps wait for the block a window opens or closes in (`waitForBlock`), never for a fixed time.
// A step returns what happened — the extrinsics' outcomes (events, fee, `pallet.Error`), the
// views read through the runtime API and the `gongzhi_*` JSON-RPC — and asserts nothing.

import { bnToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a, decodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import { devKeyring, submit, eventsOf } from './chain.js';
import { gongzhi } from './gongzhi-rpc.js';

// ---------------------------------------------------------------------------------------------
// Encoding helpers (exactly as the pallets' crate docs give them)
// ---------------------------------------------------------------------------------------------

/** `u32` little-endian, 4 bytes. */
export const u32 = (n) => bnToU8a(n, { bitLength: 32, isLe: true });
/** `u64` little-endian, 8 bytes. */
export const u64 = (n) => bnToU8a(n, { bitLength: 64, isLe: true });
/** A stand-in for a document hash kept off chain (proposal, service record, payment reference…). */
export const docHash = (what) => blake2AsHex(`gongzhi-demo/${what}`, 256);

/**
 * The message a resident signs for a relayed ballot (pallets/procurement/src/lib.rs):
 * `"gongzhi/ballot/v1" ++ genesis_hash ++ project u32 LE ++ choice ++ sequence u32 LE ++ deadline u32 LE`,
 * where `choice` is the bid index (u32 LE) in an open ballot, or the 32-byte commitment in a secret one.
 */
export function relayedBallotMessage (genesisHash, project, choice, sequence, deadline) {
  return u8aConcat(
    stringToU8a('gongzhi/ballot/v1'),
    genesisHash.toU8a(),
    u32(project),
    typeof choice === 'number' ? u32(choice) : choice,
    u32(sequence),
    u32(deadline)
  );
}

/** A secret ballot's commitment: `blake2_256(project u32 LE ++ bid u32 LE ++ salt[32] ++ resident_id u32 LE)`. */
export function ballotCommitment (project, bid, salt, residentId) {
  return blake2AsU8a(u8aConcat(u32(project), u32(bid), salt, u32(residentId)), 256);
}

/**
 * The message a resident signs for an offline (QR) redemption (pallets/vouchers/src/lib.rs):
 * `"gongzhi/redeem/v1" ++ genesis_hash ++ voucher u64 LE ++ provider AccountId32 ++ deadline u32 LE`.
 */
export function offlineRedemptionMessage (genesisHash, voucher, providerAddress, deadline) {
  return u8aConcat(
    stringToU8a('gongzhi/redeem/v1'),
    genesisHash.toU8a(),
    u64(voucher),
    decodeAddress(providerAddress),
    u32(deadline)
  );
}

// ---------------------------------------------------------------------------------------------
// Chain helpers
// ---------------------------------------------------------------------------------------------

/** The best block number the node reports now. */
export async function bestNumber (api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** Resolves once the best block is `n` or later (new heads, not polling); returns its number. */
export async function waitForBlock (api, n, { what = `block #${n}` } = {}) {
  const now = await bestNumber(api);
  if (now >= n) return now;
  const timeoutMs = (n - now) * 6_000 * 3 + 60_000;
  return new Promise((resolve, reject) => {
    let unsub = null;
    let done = false;
    const timer = setTimeout(() => { done = true; unsub?.(); reject(new Error(`timed out waiting for ${what}`)); }, timeoutMs);
    api.rpc.chain.subscribeNewHeads((header) => {
      const number = header.number.toNumber();
      if (!done && number >= n) {
        done = true;
        clearTimeout(timer);
        unsub?.();
        resolve(number);
      }
    }).then((u) => { unsub = u; if (done) u(); }, reject);
  });
}

/** `submit`, with a deadline so that a lost transaction fails the step instead of hanging. */
export function send (api, tx, signer, options = {}) {
  const { timeoutMs = 120_000, ...rest } = options;
  return Promise.race([
    submit(api, tx, signer, rest),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${tx.method.section}.${tx.method.method}: not in a block after ${timeoutMs / 1000} s`)), timeoutMs).unref())
  ]);
}

/**
 * Submits several transactions at once (they usually share a block). Transactions of the same
 * signer get consecutive nonces, in the order given. Resolves to their outcomes, in order, each
 * with the block number it was included in. `target` is an api, or a cycle context, which then
 * records each outcome in `ctx.outcomes` (with `expect`: the `pallet.Error` the item should fail
 * with, if any) so that a run can be checked for unexpected failures.
 */
export async function sendAll (target, items) {
  const api = target.api ?? target;
  const nonces = new Map();
  for (const { signer } of items) {
    if (!nonces.has(signer.address)) {
      nonces.set(signer.address, (await api.rpc.system.accountNextIndex(signer.address)).toNumber());
    }
  }
  const pending = items.map(({ tx, signer }) => {
    const nonce = nonces.get(signer.address);
    nonces.set(signer.address, nonce + 1);
    return send(api, tx, signer, { nonce });
  });
  const outcomes = await Promise.all((await Promise.all(pending)).map(withBlockNumber(api)));
  if (target.outcomes) {
    items.forEach(({ tx, signer, expect = null }, i) => {
      target.outcomes.push({ call: `${tx.method.section}.${tx.method.method}`, signer: signer.address, failed: outcomes[i].failed, expect });
    });
  }
  return outcomes;
}

const withBlockNumber = (api) => async (result) => ({
  ...result,
  blockNumber: (await api.rpc.chain.getHeader(result.blockHash)).number.toNumber()
});

/** Sends one transaction (see `sendAll`); its outcome with the block number. */
export async function sendOne (target, tx, signer, { expect = null } = {}) {
  const [outcome] = await sendAll(target, [{ tx, signer, expect }]);
  return outcome;
}

/** An event's fields as plain JSON, by their (camelCase) names. */
export function fields (event) {
  const names = event.data.names ?? event.data.map((_, i) => String(i));
  return Object.fromEntries(names.map((name, i) => [name, event.data[i].toJSON()]));
}

/** The fields of the first `section.method` event among an outcome's events, or `null`. */
export function eventFields (outcome, section, method) {
  const [event] = eventsOf(outcome.events, section, method);
  return event ? fields(event) : null;
}

/** Whether the transaction fee was skipped because the call was free (a resident's valid call). */
export function wasFeeless (outcome) {
  return eventsOf(outcome.events, 'skipFeelessPayment', 'FeeSkipped').length === 1;
}

/** A runtime API result (usually an Option) as plain JSON, `null` for None. */
export function view (codec) {
  if (codec?.isNone) return null;
  const inner = codec?.isSome ? codec.unwrap() : codec;
  return inner.toJSON();
}

/** The runtime API `GongzhiApi` at block `at` (or the best block). */
export async function gongzhiApiAt (api, at) {
  return at ? (await api.at(at)).call.gongzhiApi : api.call.gongzhiApi;
}

/** Free balance of `address`, as a bigint. */
export async function freeBalance (api, address, at) {
  const q = at ? (await api.at(at)).query : api.query;
  return (await q.system.account(address)).data.free.toBigInt();
}

/** UTF-8 bytes (a JSON array or hex, as views return `Vec<u8>`) as a string. */
export function utf8 (bytes) {
  if (typeof bytes === 'string' && bytes.startsWith('0x')) return Buffer.from(bytes.slice(2), 'hex').toString('utf8');
  if (Array.isArray(bytes) || bytes instanceof Uint8Array) return Buffer.from(bytes).toString('utf8');
  return String(bytes);
}

// ---------------------------------------------------------------------------------------------
// The district and its actors
// ---------------------------------------------------------------------------------------------

/** The demo district's ids (genesis of the `development` preset). */
export const DISTRICT = { office: 0, sunflower: 0, riverside: 1 };

/** The residents by short name, their dev key and community. */
export const RESIDENTS = {
  alice: { uri: '//Alice//stash', community: 0 },
  bob: { uri: '//Bob//stash', community: 0 },
  charlie: { uri: '//Charlie//stash', community: 0 },
  dave: { uri: '//Dave//stash', community: 1 },
  eve: { uri: '//Eve//stash', community: 1 },
  ferdie: { uri: '//Ferdie//stash', community: 1 }
};

/**
 * The cycle's context: the api (created with the `gongzhi` rpc definitions), the actors' keys,
 * their resident numbers, and `say(actor, text)` for a narrator (the demo prints, the test is
 * silent).
 */
export async function cycleContext (api, { say = () => {} } = {}) {
  const { key } = await devKeyring();
  const residents = Object.fromEntries(Object.entries(RESIDENTS).map(([name, { uri }]) => [name, key(uri)]));
  const who = {
    office: key('Bob'),
    officers: { sunflower: key('Charlie'), riverside: key('Dave') },
    providers: { eve: key('Eve'), ferdie: key('Ferdie') },
    outsider: key('Alice'),
    residents
  };
  const labels = new Map([
    [who.office.address, 'office Bob'],
    [who.officers.sunflower.address, 'officer Charlie'],
    [who.officers.riverside.address, 'officer Dave'],
    [who.providers.eve.address, 'provider Eve'],
    [who.providers.ferdie.address, 'provider Ferdie'],
    [who.outsider.address, 'Alice (not a resident)'],
    ...Object.entries(residents).map(([name, pair]) => [pair.address, `resident ${name[0].toUpperCase()}${name.slice(1)}//stash`])
  ]);
  const ctx = {
    api,
    say,
    who,
    label: (address) => labels.get(address?.address ?? address) ?? String(address),
    residentId: {},
    /** Every transaction the cycle sent: { call, signer, failed, expect }. */
    outcomes: []
  };
  for (const [name, pair] of Object.entries(residents)) {
    const status = await residentStatus(ctx, pair.address);
    if (!status) throw new Error(`${RESIDENTS[name].uri} is not a resident: is this a chain with the development preset?`);
    ctx.residentId[name] = status.resident.id;
  }
  return ctx;
}

/** A resident's status through the `gongzhi_residentStatus` JSON-RPC. */
export async function residentStatus (ctx, address, at) {
  return gongzhi(ctx.api, 'residentStatus', address, at);
}

/** The statuses of several residents (by short name), and their free balances, at block `at`. */
async function residentsSnapshot (ctx, names, at) {
  const out = {};
  for (const name of names) {
    const address = ctx.who.residents[name].address;
    out[name] = { status: await residentStatus(ctx, address, at), free: await freeBalance(ctx.api, address, at) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 1. Needs survey (需求调研)
// ---------------------------------------------------------------------------------------------

export const SURVEY = {
  title: '社区服务需求调查 Community service needs',
  questions: [
    {
      prompt: '您最需要哪项社区服务? Which service do you need most?',
      kind: { SingleChoice: { options: ['长者助餐 meals for the elderly', '居家照护 home care', '课后托管 after-school care'] } }
    },
    {
      prompt: '还需要哪些服务?(最多两项) What else? (up to two)',
      kind: { MultipleChoice: { options: ['助浴 bathing help', '陪诊 escort to the doctor', '家政 housekeeping', '心理疏导 counselling'], maxChoices: 2 } }
    },
    {
      prompt: '您对现有社区服务的满意度 How satisfied are you with today\'s services? (1-5)',
      kind: 'Rating'
    }
  ],
  /** Who answers what (the others don't respond). */
  answers: {
    alice: [{ Choice: 0 }, { Choices: [0, 1] }, { Rating: 3 }],
    bob: [{ Choice: 0 }, { Choices: [1] }, { Rating: 2 }],
    dave: [{ Choice: 1 }, { Choices: [0, 2] }, { Rating: 4 }],
    eve: [{ Choice: 0 }, { Choices: [0] }, { Rating: 3 }]
  }
};

/** The office opens a survey of the whole office, open from `lead` blocks ahead for `window` blocks. */
export async function openSurvey (ctx, { lead = 2, window = 4 } = {}) {
  const { api, who } = ctx;
  const base = await bestNumber(api);
  const opensAt = base + lead;
  const closesAt = opensAt + window;
  const outcome = await sendOne(ctx, api.tx.needsSurvey.createSurvey({ Office: DISTRICT.office }, SURVEY.title, SURVEY.questions, opensAt, closesAt), who.office);
  const created = eventFields(outcome, 'needsSurvey', 'SurveyCreated');
  const survey = created?.survey;
  ctx.say(ctx.label(who.office), `opened survey #${survey} "${SURVEY.title}" for every resident of the office: ${SURVEY.questions.length} questions, answers from block ${opensAt} to ${closesAt - 1}`);
  const results = survey === undefined ? null : await gongzhi(api, 'surveyResults', survey, outcome.blockHash);
  return { survey, opensAt, closesAt, outcome, created, results };
}

/** Residents answer the survey (free: they hold no tokens). */
export async function respondToSurvey (ctx, survey) {
  const { api, who } = ctx;
  await waitForBlock(api, survey.opensAt, { what: `survey #${survey.survey} to open` });
  const names = Object.keys(RESIDENTS);
  const before = await residentsSnapshot(ctx, names);
  const answering = Object.entries(SURVEY.answers);
  const outcomes = await sendAll(ctx, answering.map(([name, answers]) => ({ tx: api.tx.needsSurvey.respond(survey.survey, answers), signer: who.residents[name] })));
  const last = outcomes.reduce((a, b) => (b.blockNumber > a.blockNumber ? b : a));
  const after = await residentsSnapshot(ctx, names, last.blockHash);
  const responses = answering.map(([name], i) => {
    const outcome = outcomes[i];
    ctx.say(ctx.label(who.residents[name]), `answered survey #${survey.survey} — ${outcome.failed ?? 'ok'}, fee ${gzt(outcome.fee)} (${wasFeeless(outcome) ? 'free' : 'paid'}), balance ${after[name].free === 0n ? '0' : gzt(after[name].free)}`);
    return { name, outcome, event: eventFields(outcome, 'needsSurvey', 'ResponseSubmitted'), feeless: wasFeeless(outcome) };
  });
  const results = await gongzhi(api, 'surveyResults', survey.survey, last.blockHash);
  return { responses, before, after, results };
}

/** After the window, anyone closes the survey; results read via the runtime API and JSON-RPC. */
export async function closeSurvey (ctx, survey) {
  const { api, who } = ctx;
  await waitForBlock(api, survey.closesAt - 1, { what: `survey #${survey.survey} to close` });
  const outcome = await sendOne(ctx, api.tx.needsSurvey.close(survey.survey), who.office);
  const closed = eventFields(outcome, 'needsSurvey', 'SurveyClosed');
  ctx.say(ctx.label(who.office), `closed survey #${survey.survey}: ${closed?.responses} responses of ${closed?.eligible} residents`);
  const viaApi = view(await (await gongzhiApiAt(api, outcome.blockHash)).surveyResults(survey.survey));
  const viaRpc = await gongzhi(api, 'surveyResults', survey.survey, outcome.blockHash);
  return { outcome, closed, viaApi, viaRpc };
}

// ---------------------------------------------------------------------------------------------
// 2. Procurement ballots (购买服务投票)
// ---------------------------------------------------------------------------------------------

export const PROJECTS = {
  open: {
    title: '长者助餐服务 Meals for the elderly',
    description: '每日午餐配送, 覆盖全街道 60 岁以上居民 Daily lunch delivered to residents over 60, whole office',
    document: docHash('project/meals'),
    budget: 500_000,
    scope: { Office: DISTRICT.office },
    quorum: 50,
    secret: false
  },
  secret: {
    title: '河畔社区居家照护 Home care in Riverside',
    description: '每周两次上门照护 Home visits twice a week, secret ballot',
    document: docHash('project/home-care'),
    budget: 300_000,
    scope: { Community: DISTRICT.riverside },
    quorum: 50,
    secret: true
  }
};

export const BIDS = {
  open: {
    eve: { price: 450_000, summary: '热食配送, 每周五天 Hot meals, five days a week' },
    ferdie: { price: 480_000, summary: '中央厨房, 每周七天 Central kitchen, seven days a week' }
  },
  secret: {
    eve: { price: 290_000, summary: '持证护理员上门 Certified carers' },
    ferdie: { price: 280_000, summary: '家政兼照护 Housekeeping and care' }
  }
};

/**
 * The office opens projects (by key of `PROJECTS`), all with the same windows: bidding from
 * `lead` blocks ahead for `bidding` blocks, then voting for `voting` blocks, then (secret) a
 * reveal window of `reveal` blocks.
 */
export async function openProjects (ctx, { keys = ['open', 'secret'], survey = null, lead = 3, bidding = 2, voting = 4, reveal = 4 } = {}) {
  const { api, who } = ctx;
  const base = await bestNumber(api);
  const biddingWindow = { start: base + lead, end: base + lead + bidding };
  const votingWindow = { start: biddingWindow.end, end: biddingWindow.end + voting };
  const revealEnd = votingWindow.end + reveal;
  const specs = keys.map((key) => {
    const p = PROJECTS[key];
    const rules = {
      scope: p.scope,
      bidding: biddingWindow,
      voting: votingWindow,
      method: p.secret ? { Secret: { revealEnd } } : 'Open',
      quorumPercent: p.quorum
    };
    return { key, p, rules, tx: api.tx.procurement.createProject(p.title, p.description, p.document, p.budget, survey, rules) };
  });
  const outcomes = await sendAll(ctx, specs.map(({ tx }) => ({ tx, signer: who.office })));
  const projects = {};
  specs.forEach(({ key, p, rules }, i) => {
    const created = eventFields(outcomes[i], 'procurement', 'ProjectCreated');
    projects[key] = { key, project: created?.project, rules, revealEnd: p.secret ? revealEnd : null, budget: p.budget, outcome: outcomes[i], created };
    ctx.say(ctx.label(who.office), `opened project #${created?.project} "${p.title}" (budget ${yuan(p.budget)}, ${p.secret ? 'SECRET ballot' : 'open ballot'}, quorum ${p.quorum}% of ${created?.eligible} residents): bids in blocks ${biddingWindow.start}-${biddingWindow.end - 1}, votes in ${votingWindow.start}-${votingWindow.end - 1}${p.secret ? `, reveals in ${votingWindow.end}-${revealEnd - 1}` : ''}`);
  });
  for (const key of keys) {
    projects[key].info = await gongzhi(api, 'projectInfo', projects[key].project, outcomes[0].blockHash);
  }
  return projects;
}

/** A fee in the chain's token (12 decimals): 788885222n → "0.000789 GZT"; 0 → "nothing". */
export const gzt = (planck) => (planck === 0n ? 'nothing' : `${(Number(planck) / 1e12).toFixed(6)} GZT`);

/** Fen as yuan: 450000 → "¥4500.00". */
export const yuan = (fen) => `¥${(fen / 100).toFixed(2)}`;

/** Providers bid (`bids`: project key → provider name → {price, summary}). Returns bid indices by project and provider. */
export async function submitBids (ctx, projects, bids = BIDS) {
  const { api, who } = ctx;
  const start = Math.min(...Object.values(projects).map((p) => p.rules.bidding.start));
  await waitForBlock(api, start - 1, { what: 'bidding to open' });
  const items = [];
  for (const [key, byProvider] of Object.entries(bids)) {
    if (!projects[key]) continue;
    for (const [provider, { price, summary }] of Object.entries(byProvider)) {
      items.push({ key, provider, price, tx: api.tx.procurement.submitBid(projects[key].project, price, summary, docHash(`proposal/${key}/${provider}`)), signer: who.providers[provider] });
    }
  }
  const outcomes = await sendAll(ctx, items);
  for (const p of Object.values(projects)) p.bids = {};
  items.forEach(({ key, provider, price }, i) => {
    const ev = eventFields(outcomes[i], 'procurement', 'BidSubmitted');
    projects[key].bids[provider] = { bid: ev?.bid, price, outcome: outcomes[i], event: ev };
    ctx.say(ctx.label(who.providers[provider]), `bid ${yuan(price)} in project #${projects[key].project} — bid #${ev?.bid} "${bids[key][provider].summary}"`);
  });
  return projects;
}

/**
 * Voting: residents vote directly (free), one resident's ballot is signed on the officer's device
 * and relayed by the officer (who pays), residents commit secret ballots; and what the chain
 * refuses: a zero-balance resident's invalid (unknown bid) ballot is rejected at submission, and
 * a non-resident's ballot is included and fails with `procurement.NotResident`.
 */
export async function castBallots (ctx, projects) {
  const { api, who } = ctx;
  const open = projects.open;
  const secret = projects.secret;
  const start = (open ?? secret).rules.voting.start;
  await waitForBlock(api, start, { what: 'voting to open' });
  const statusNames = ['alice', 'charlie', 'ferdie'];
  const before = await residentsSnapshot(ctx, statusNames);

  // An invalid free call from a resident with no tokens: the pool rejects it, nothing is included.
  const bogusBid = 99;
  let rejected = null;
  const ferdieNonce = (await api.rpc.system.accountNextIndex(who.residents.ferdie.address)).toNumber();
  try {
    await send(api, api.tx.procurement.vote(open.project, bogusBid), who.residents.ferdie);
  } catch (e) {
    rejected = e.message;
  }
  ctx.say(ctx.label(who.residents.ferdie), `tried to vote for bid #${bogusBid}, which doesn't exist, with no tokens: ${rejected ? `refused by the transaction pool (${rejected})` : 'ACCEPTED (unexpected)'}`);
  const ferdieNonceAfter = (await api.rpc.system.accountNextIndex(who.residents.ferdie.address)).toNumber();

  const eveBid = open.bids.eve.bid;
  const ferdieBid = open.bids.ferdie.bid;
  const direct = { alice: eveBid, bob: ferdieBid, dave: eveBid, eve: ferdieBid };

  // //Charlie//stash has no phone: the ballot is signed on officer Charlie's device, and the
  // officer relays it (and pays the fee).
  const relayedResident = who.residents.charlie;
  const receiptBefore = await gongzhi(api, 'ballotReceipt', open.project, relayedResident.address);
  const sequence = receiptBefore ? receiptBefore.nextSequence : 0;
  const deadline = (await bestNumber(api)) + 3;
  const message = relayedBallotMessage(api.genesisHash, open.project, eveBid, sequence, deadline);
  const signature = relayedResident.sign(message);

  // Secret ballots: commitments now, choices revealed after voting.
  const secretChoices = secret ? { dave: secret.bids.ferdie.bid, eve: secret.bids.ferdie.bid, ferdie: secret.bids.eve.bid } : {};
  const salts = Object.fromEntries(Object.keys(secretChoices).map((name) => [name, randomAsU8a(32)]));
  const commitments = Object.fromEntries(Object.entries(secretChoices).map(([name, bid]) =>
    [name, ballotCommitment(secret.project, bid, salts[name], ctx.residentId[name])]));

  const items = [
    ...Object.entries(direct).map(([name, bid]) => ({ kind: 'vote', name, bid, tx: api.tx.procurement.vote(open.project, bid), signer: who.residents[name] })),
    { kind: 'relayed', name: 'charlie', bid: eveBid, tx: api.tx.procurement.voteRelayed(open.project, relayedResident.address, { Bid: eveBid }, sequence, deadline, { Sr25519: signature }), signer: who.officers.sunflower },
    { kind: 'outsider', bid: eveBid, tx: api.tx.procurement.vote(open.project, eveBid), signer: who.outsider, expect: 'procurement.NotResident' },
    ...Object.entries(commitments).map(([name, c]) => ({ kind: 'commit', name, tx: api.tx.procurement.commitVote(secret.project, c), signer: who.residents[name] }))
  ];
  const outcomes = await sendAll(ctx, items);
  const last = outcomes.reduce((a, b) => (b.blockNumber > a.blockNumber ? b : a));
  const after = await residentsSnapshot(ctx, statusNames, last.blockHash);

  const ballots = {};
  const commits = {};
  let relayed = null;
  let outsider = null;
  items.forEach((item, i) => {
    const outcome = outcomes[i];
    const feeless = wasFeeless(outcome);
    if (item.kind === 'vote') {
      ballots[item.name] = { bid: item.bid, outcome, feeless, event: eventFields(outcome, 'procurement', 'BallotCast') };
      ctx.say(ctx.label(item.signer), `voted for bid #${item.bid} in project #${open.project} — ${outcome.failed ?? 'counted'}, fee ${gzt(outcome.fee)} (${feeless ? 'free' : 'paid'})`);
    } else if (item.kind === 'relayed') {
      relayed = { bid: item.bid, sequence, deadline, message: u8aToHex(message), outcome, feeless, event: eventFields(outcome, 'procurement', 'BallotCast') };
      ctx.say(ctx.label(item.signer), `relayed the ballot //Charlie//stash signed on the officer's device (bid #${item.bid}, sequence ${sequence}, valid until block ${deadline}) — ${outcome.failed ?? 'counted'}, the officer paid ${gzt(outcome.fee)}`);
    } else if (item.kind === 'outsider') {
      outsider = { outcome, feeless };
      ctx.say(ctx.label(item.signer), `tried to vote — included, and failed with ${outcome.failed}; paid ${gzt(outcome.fee)}`);
    } else {
      commits[item.name] = { bid: secretChoices[item.name], salt: salts[item.name], commitment: u8aToHex(commitments[item.name]), outcome, feeless, event: eventFields(outcome, 'procurement', 'BallotCommitted') };
      ctx.say(ctx.label(item.signer), `committed a secret ballot in project #${secret.project} (hash ${u8aToHex(commitments[item.name]).slice(0, 18)}…) — ${outcome.failed ?? 'ok'}, fee ${gzt(outcome.fee)} (${feeless ? 'free' : 'paid'})`);
    }
  });

  const at = last.blockHash;
  const receipts = {};
  for (const name of [...Object.keys(direct), 'charlie']) {
    receipts[name] = await gongzhi(api, 'ballotReceipt', open.project, who.residents[name].address, at);
  }
  const openTally = await gongzhi(api, 'projectTally', open.project, at);
  const secretTally = secret ? await gongzhi(api, 'projectTally', secret.project, at) : null;
  const invalid = {
    rejected,
    ferdieNonce,
    ferdieNonceAfter,
    receipt: await gongzhi(api, 'ballotReceipt', open.project, who.residents.ferdie.address, at)
  };
  return { ballots, relayed, outsider, commits, invalid, receipts, openTally, secretTally, before, after, at };
}

/** After voting, anyone closes the open project; the outcome through the runtime API and JSON-RPC. */
export async function closeProject (ctx, project, { closer } = {}) {
  const { api, who } = ctx;
  const end = project.revealEnd ?? project.rules.voting.end;
  await waitForBlock(api, end - 1, { what: `project #${project.project} to end` });
  const outcome = await sendOne(ctx, api.tx.procurement.close(project.project), closer ?? who.outsider);
  const awarded = eventFields(outcome, 'procurement', 'ProjectAwarded');
  const failedEvent = eventFields(outcome, 'procurement', 'ProjectFailed');
  const at = outcome.blockHash;
  const viaApi = view(await (await gongzhiApiAt(api, at)).projectOutcome(project.project));
  const viaRpc = await gongzhi(api, 'projectOutcome', project.project, at);
  const tally = await gongzhi(api, 'projectTally', project.project, at);
  if (awarded) {
    ctx.say(ctx.label(closer ?? who.outsider), `closed project #${project.project} (anyone may): awarded to ${ctx.label(awarded.provider)}, bid #${awarded.bid} at ${yuan(awarded.price)}, ${awarded.votes} of ${awarded.counted} counted ballots`);
  } else {
    ctx.say(ctx.label(closer ?? who.outsider), `closed project #${project.project}: ${failedEvent ? `failed (${JSON.stringify(failedEvent.reason)})` : outcome.failed}`);
  }
  return { outcome, awarded, failed: failedEvent, viaApi, viaRpc, tally };
}

/** Secret ballot: residents reveal after voting (one doesn't); the tally shows only after revealing ends. */
export async function revealBallots (ctx, project, commits, { skip = ['ferdie'] } = {}) {
  const { api, who } = ctx;
  await waitForBlock(api, project.rules.voting.end, { what: `project #${project.project} to start revealing` });
  const tallyBeforeReveal = await gongzhi(api, 'projectTally', project.project);
  const revealing = Object.entries(commits).filter(([name]) => !skip.includes(name));
  const outcomes = await sendAll(ctx, revealing.map(([name, c]) => ({ tx: api.tx.procurement.revealVote(project.project, c.bid, c.salt), signer: who.residents[name] })));
  const reveals = {};
  revealing.forEach(([name, c], i) => {
    reveals[name] = { bid: c.bid, outcome: outcomes[i], feeless: wasFeeless(outcomes[i]), event: eventFields(outcomes[i], 'procurement', 'BallotRevealed') };
    ctx.say(ctx.label(who.residents[name]), `revealed the secret ballot: bid #${c.bid} — ${outcomes[i].failed ?? 'ok'}, fee ${gzt(outcomes[i].fee)} (${wasFeeless(outcomes[i]) ? 'free' : 'paid'})`);
  });
  for (const name of skip) if (commits[name]) ctx.say(ctx.label(who.residents[name]), 'did not reveal: the commitment will not count');
  const last = outcomes.reduce((a, b) => (b.blockNumber > a.blockNumber ? b : a));
  const tallyDuringReveal = await gongzhi(api, 'projectTally', project.project, last.blockHash);
  const status = {};
  for (const name of Object.keys(commits)) status[name] = await residentStatus(ctx, who.residents[name].address, last.blockHash);
  await waitForBlock(api, project.revealEnd, { what: `project #${project.project} to end revealing` });
  const tallyAfterReveal = await gongzhi(api, 'projectTally', project.project);
  ctx.say('chain', `project #${project.project} after revealing: ${tallyAfterReveal.counted} counted ballots of ${tallyAfterReveal.ballots} cast — ${tallyAfterReveal.bids.map((b) => `bid #${b.bid}: ${b.votes}`).join(', ')}`);
  return { reveals, tallyBeforeReveal, tallyDuringReveal, tallyAfterReveal, status, revealBlock: last.blockNumber };
}

// ---------------------------------------------------------------------------------------------
// 3. Service vouchers (服务凭单)
// ---------------------------------------------------------------------------------------------

export const PROGRAMME = {
  serviceName: '长者助餐券 Meal voucher',
  unitValue: 3_000,
  perResident: 2,
  claims: { alice: 2, bob: 1, dave: 1 }
};

/** The office creates a voucher programme for the awarded project; the supply covers every resident's entitlement. */
export async function createProgramme (ctx, project, { claimWindow = 40, validity = 14_400 } = {}) {
  const { api, who } = ctx;
  const office = await gongzhi(api, 'office', DISTRICT.office);
  const supply = PROGRAMME.perResident * office.residents;
  const base = await bestNumber(api);
  const claimOpens = base;
  const claimCloses = base + claimWindow;
  const expiresAt = base + validity;
  const outcome = await sendOne(ctx, api.tx.vouchers.createProgramme({
    basis: { Award: { project: project.project } },
    serviceName: PROGRAMME.serviceName,
    unitValue: PROGRAMME.unitValue,
    limit: { PerResident: PROGRAMME.perResident },
    allocation: 'Entitlement',
    supply,
    claimOpens,
    claimCloses,
    expiresAt
  }), who.office);
  const created = eventFields(outcome, 'vouchers', 'ProgrammeCreated');
  const programme = created?.programme;
  ctx.say(ctx.label(who.office), `created voucher programme #${programme} "${PROGRAMME.serviceName}" for project #${project.project}: ${yuan(PROGRAMME.unitValue)} a voucher, ${PROGRAMME.perResident} per resident, supply ${supply} (every resident's entitlement), claims until block ${claimCloses - 1}`);
  const viaRpc = programme === undefined ? null : await gongzhi(api, 'programme', programme, outcome.blockHash);
  return { programme, supply, claimOpens, claimCloses, expiresAt, outcome, created, viaRpc };
}

/** Residents claim vouchers (free). Returns the voucher ids each resident got. */
export async function claimVouchers (ctx, programme) {
  const { api, who } = ctx;
  await waitForBlock(api, programme.outcome.blockNumber, { what: 'the programme' });
  const before = await residentsSnapshot(ctx, ['alice']);
  // In rounds: the pool keeps one free transaction per resident and action (the runtime's
  // fees::FreeTxGuard tags a claim by its programme), so a resident's second claim on the same
  // programme is sent once the first is in a block, as the resident app does.
  const items = [];
  const outcomes = [];
  const rounds = Math.max(...Object.values(PROGRAMME.claims));
  for (let round = 0; round < rounds; round++) {
    const batch = Object.entries(PROGRAMME.claims).filter(([, n]) => n > round)
      .map(([name]) => ({ name, tx: api.tx.vouchers.claim(programme.programme), signer: who.residents[name] }));
    items.push(...batch);
    outcomes.push(...await sendAll(ctx, batch));
  }
  const vouchers = {};
  items.forEach(({ name }, i) => {
    const ev = eventFields(outcomes[i], 'vouchers', 'VoucherClaimed');
    (vouchers[name] ??= []).push({ voucher: ev?.voucher, outcome: outcomes[i], feeless: wasFeeless(outcomes[i]), event: ev });
  });
  for (const [name, list] of Object.entries(vouchers)) {
    ctx.say(ctx.label(who.residents[name]), `claimed ${list.length} voucher(s): ${list.map((v) => `#${v.voucher}`).join(', ')} — fee ${gzt(list.reduce((s, v) => s + v.outcome.fee, 0n))} (${list.every((v) => v.feeless) ? 'free' : 'paid'})`);
  }
  const last = outcomes.reduce((a, b) => (b.blockNumber > a.blockNumber ? b : a));
  const after = await residentsSnapshot(ctx, ['alice'], last.blockHash);
  return { vouchers, before, after, at: last.blockHash };
}

/**
 * Redemptions with the awarded provider: Alice and Dave redeem online (free) and the provider
 * confirms with the hash of its service record; Bob//stash, offline, signs a QR payload that the
 * provider submits (redeemed and confirmed in one step, the provider pays).
 */
export async function redeemVouchers (ctx, programme, vouchers, providerName = 'eve') {
  const { api, who } = ctx;
  const provider = who.providers[providerName];
  const online = { alice: vouchers.alice[0].voucher, dave: vouchers.dave[0].voucher };
  const offlineVoucher = vouchers.bob[0].voucher;
  const deadline = (await bestNumber(api)) + 10;
  const qr = offlineRedemptionMessage(api.genesisHash, offlineVoucher, provider.address, deadline);
  const qrSignature = who.residents.bob.sign(qr);
  const serviceRecord = (name) => docHash(`service-record/${programme.programme}/${name}`);

  const items = [
    ...Object.entries(online).map(([name, voucher]) => ({ kind: 'online', name, voucher, tx: api.tx.vouchers.redeem(voucher, provider.address), signer: who.residents[name] })),
    { kind: 'offline', name: 'bob', voucher: offlineVoucher, tx: api.tx.vouchers.redeemOffline(offlineVoucher, deadline, serviceRecord('bob'), { Sr25519: qrSignature }), signer: provider }
  ];
  const outcomes = await sendAll(ctx, items);
  const redemptions = {};
  items.forEach((item, i) => {
    const redeemed = eventFields(outcomes[i], 'vouchers', 'VoucherRedeemed');
    redemptions[item.name] = { voucher: item.voucher, redemption: redeemed?.redemption, offline: item.kind === 'offline', redeem: { outcome: outcomes[i], feeless: wasFeeless(outcomes[i]), event: redeemed, confirmed: eventFields(outcomes[i], 'vouchers', 'RedemptionConfirmed') } };
    if (item.kind === 'online') {
      ctx.say(ctx.label(item.signer), `redeemed voucher #${item.voucher} with ${ctx.label(provider)} — redemption #${redeemed?.redemption}, ${outcomes[i].failed ?? 'ok'}, fee ${gzt(outcomes[i].fee)} (${wasFeeless(outcomes[i]) ? 'free' : 'paid'})`);
    } else {
      ctx.say(ctx.label(provider), `scanned the QR code //Bob//stash signed offline for voucher #${item.voucher} (valid until block ${deadline}) and submitted it — redemption #${redeemed?.redemption}, redeemed and confirmed at once, ${outcomes[i].failed ?? 'ok'}; the provider paid ${gzt(outcomes[i].fee)}`);
    }
  });
  const statusRedeemed = await residentStatus(ctx, who.residents.alice.address, outcomes[0].blockHash);

  const confirming = Object.keys(online);
  const confirms = await sendAll(ctx, confirming.map((name) => ({ tx: api.tx.vouchers.confirm(redemptions[name].redemption, serviceRecord(name)), signer: provider })));
  confirming.forEach((name, i) => {
    redemptions[name].confirm = { outcome: confirms[i], event: eventFields(confirms[i], 'vouchers', 'RedemptionConfirmed') };
    ctx.say(ctx.label(provider), `confirmed it delivered redemption #${redemptions[name].redemption} (service record ${serviceRecord(name).slice(0, 18)}…) — ${confirms[i].failed ?? 'ok'}`);
  });
  const last = confirms.reduce((a, b) => (b.blockNumber > a.blockNumber ? b : a));
  const statusConfirmed = await residentStatus(ctx, who.residents.alice.address, last.blockHash);
  return { redemptions, qr: { message: u8aToHex(qr), deadline }, statusRedeemed, statusConfirmed, at: last.blockHash };
}

// ---------------------------------------------------------------------------------------------
// 4. Satisfaction (满意度评价), follow-up (差评整改), settlement (结算)
// ---------------------------------------------------------------------------------------------

export const RATINGS = { alice: 5, bob: 2, dave: 4 };

/** The served residents rate (free); a rating ≤ 2 opens a follow-up case. */
export async function rateServices (ctx, redemptions) {
  const { api, who } = ctx;
  const entries = Object.entries(RATINGS);
  const outcomes = await sendAll(ctx, entries.map(([name, score]) => ({
    tx: api.tx.satisfaction.rate(redemptions[name].redemption, score, score <= 2 ? docHash(`comment/${name}`) : null),
    signer: who.residents[name]
  })));
  const ratings = {};
  let kase = null;
  entries.forEach(([name, score], i) => {
    const opened = eventFields(outcomes[i], 'satisfaction', 'CaseOpened');
    ratings[name] = { score, outcome: outcomes[i], feeless: wasFeeless(outcomes[i]), event: eventFields(outcomes[i], 'satisfaction', 'Rated'), caseOpened: opened };
    if (opened) kase = { ...opened, openedAt: outcomes[i].blockNumber, by: name };
    ctx.say(ctx.label(who.residents[name]), `rated redemption #${redemptions[name].redemption}: ${'★'.repeat(score)}${'☆'.repeat(5 - score)} (${score}) — ${outcomes[i].failed ?? 'ok'}, fee ${gzt(outcomes[i].fee)} (${wasFeeless(outcomes[i]) ? 'free' : 'paid'})${opened ? ` → follow-up case #${opened.case} opened, ${ctx.label(opened.provider)} must answer by block ${opened.deadline}` : ''}`);
  });
  const last = outcomes.reduce((a, b) => (b.blockNumber > a.blockNumber ? b : a));
  const statusRated = await residentStatus(ctx, who.residents.alice.address, last.blockHash);
  return { ratings, case: kase, statusRated, at: last.blockHash };
}

/** The provider answers the case; the office closes it as rectified and settles with the provider. */
export async function followUpAndSettle (ctx, programme, redemptions, kase, providerName = 'eve') {
  const { api, who } = ctx;
  const provider = who.providers[providerName];
  const response = await sendOne(ctx, api.tx.satisfaction.respondCase(kase.case, docHash(`case-response/${kase.case}`)), provider);
  const responded = eventFields(response, 'satisfaction', 'CaseResponded');
  ctx.say(ctx.label(provider), `answered follow-up case #${kase.case}: visited the resident, changed the menu (response ${docHash(`case-response/${kase.case}`).slice(0, 18)}…) — ${response.failed ?? 'ok'}${responded?.late ? ' (late)' : ''}`);

  const ids = Object.values(redemptions).map((r) => r.redemption);
  const amount = ids.length * PROGRAMME.unitValue;
  const paymentReference = docHash(`payment/${programme.programme}/${ids.join(',')}`);
  const [close, settle] = await sendAll(ctx, [
    { tx: api.tx.satisfaction.closeCase(kase.case, 'Rectified'), signer: who.office },
    { tx: api.tx.vouchers.settle(provider.address, ids, amount, paymentReference), signer: who.office }
  ]);
  const closed = eventFields(close, 'satisfaction', 'CaseClosed');
  const settled = eventFields(settle, 'vouchers', 'Settled');
  ctx.say(ctx.label(who.office), `closed case #${kase.case} as ${closed?.outcome ?? close.failed} after ${close.blockNumber - kase.openedAt} blocks`);
  ctx.say(ctx.label(who.office), `settled ${settled?.count} redemptions (${ids.map((r) => `#${r}`).join(', ')}) with ${ctx.label(provider)}: paid ${yuan(settled?.amount ?? 0)}, payment reference ${paymentReference.slice(0, 18)}… — ${settle.failed ?? 'ok'}`);
  return { response: { outcome: response, event: responded }, close: { outcome: close, event: closed }, settle: { outcome: settle, event: settled, ids, amount, paymentReference }, at: settle.blockHash };
}

/** Programme statistics, provider reports and scorecards, via JSON-RPC (and the runtime API). */
export async function reports (ctx, programme, at) {
  const { api, who } = ctx;
  const call = await gongzhiApiAt(api, at);
  return {
    programme: await gongzhi(api, 'programme', programme.programme, at),
    programmeScorecard: await gongzhi(api, 'programmeScorecard', programme.programme, at),
    providers: {
      eve: await gongzhi(api, 'providerReport', who.providers.eve.address, at),
      ferdie: await gongzhi(api, 'providerReport', who.providers.ferdie.address, at)
    },
    viaApi: {
      programme: view(await call.programme(programme.programme)),
      programmeScorecard: view(await call.programmeScorecard(programme.programme)),
      eve: view(await call.providerReport(who.providers.eve.address))
    },
    office: await gongzhi(api, 'office', DISTRICT.office, at)
  };
}

// ---------------------------------------------------------------------------------------------
// The whole cycle
// ---------------------------------------------------------------------------------------------

/**
 * The cycle's steps in order: `[name, title | null, run(ctx, results)]`. A title starts a new
 * chapter. The lifecycle test calls the same functions in the same order, asserting after each.
 */
export const STEPS = [
  ['survey', '1. Needs survey (需求调研): the office asks, residents answer for free', (ctx) => openSurvey(ctx)],
  ['responses', null, (ctx, r) => respondToSurvey(ctx, r.survey)],
  ['surveyClosed', null, (ctx, r) => closeSurvey(ctx, r.survey)],
  ['projects', '2. Procurement (购买服务投票): providers bid, residents choose by e-ballot', (ctx, r) => openProjects(ctx, { survey: r.survey.survey })],
  ['bids', null, (ctx, r) => submitBids(ctx, r.projects)],
  ['ballots', null, (ctx, r) => castBallots(ctx, r.projects)],
  ['openClosed', null, (ctx, r) => closeProject(ctx, r.projects.open)],
  ['reveal', '3. Secret ballot: commitments during voting, reveals afterwards', (ctx, r) => revealBallots(ctx, r.projects.secret, r.ballots.commits)],
  ['secretClosed', null, (ctx, r) => closeProject(ctx, r.projects.secret)],
  ['programme', '4. Service vouchers (服务凭单): claim, redeem online and offline, confirm', (ctx, r) => createProgramme(ctx, r.projects.open)],
  ['claims', null, (ctx, r) => claimVouchers(ctx, r.programme)],
  ['redemptions', null, (ctx, r) => redeemVouchers(ctx, r.programme, r.claims.vouchers)],
  ['ratings', '5. Satisfaction (满意度评价): ratings, a bad one, its follow-up, settlement', (ctx, r) => rateServices(ctx, r.redemptions.redemptions)],
  ['followUp', null, (ctx, r) => followUpAndSettle(ctx, r.programme, r.redemptions.redemptions, r.ratings.case)],
  ['reports', '6. The public record: statistics and scorecards anyone can read', (ctx, r) => reports(ctx, r.programme, r.followUp.at)]
];

/**
 * Runs every step in order. `onStep(title)` is called when a chapter starts, `onResult(name,
 * result, results)` after each step. Returns every step's result by name.
 */
export async function runCycle (ctx, { onStep = () => {}, onResult = () => {} } = {}) {
  const results = {};
  for (const [name, title, run] of STEPS) {
    if (title) await onStep(title);
    results[name] = await run(ctx, results);
    await onResult(name, results[name], results);
  }
  return results;
}

/**
 * What a resident can try in the app right away: a survey of the whole office (`window` blocks
 * to answer), an open ballot (office-wide) and a secret ballot (Riverside) with Eve's and
 * Ferdie's bids, and a direct voucher programme for Riverside with provider Eve. `secretVoting`
 * and `reveal` set the secret ballot's windows. Used by the resident app's e2e test and by
 * `demo.js --stage` (which scripts/dev-node.sh runs), so a newcomer finds something to vote on.
 */
export async function stageForApp (ctx, { window = 200, secretVoting = 60, reveal = 100, programmeBlocks = 400 } = {}) {
  const { api, who } = ctx;
  const survey = await openSurvey(ctx, { lead: 2, window });
  // Two projects with windows of their own (each bids from its own bidding start).
  const open = await submitBids(ctx, await openProjects(ctx, { keys: ['open'], lead: 3, bidding: 2, voting: window }), BIDS);
  const secret = await submitBids(ctx, await openProjects(ctx, { keys: ['secret'], lead: 3, bidding: 2, voting: secretVoting, reveal }), BIDS);
  const base = await bestNumber(api);
  const created = await sendOne(ctx, api.tx.vouchers.createProgramme({
    basis: { Direct: { scope: { Community: DISTRICT.riverside }, providers: [who.providers.eve.address] } },
    serviceName: '助浴服务券 Bathing help',
    unitValue: 5_000,
    limit: { PerResident: 2 },
    allocation: 'Entitlement',
    supply: 6,
    claimOpens: base,
    claimCloses: base + programmeBlocks,
    expiresAt: base + 14_400
  }), who.office);
  return { survey, projects: { ...open, ...secret }, programme: eventFields(created, 'vouchers', 'ProgrammeCreated')?.programme, programmeOutcome: created };
}
