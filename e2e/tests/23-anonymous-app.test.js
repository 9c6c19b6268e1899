// The resident app votes anonymously (匿名投票, issue 19), in headless Chromium at a phone's size,
// through the smoldot light client inside the page. A resident (Dave//stash, Riverside) registers
// an anonymous-ballot key from the page (the secret made and sealed in the vault there, the
// proof of possession made by npm `verifiablejs` in a web worker); two neighbours register theirs
// from a script. The office opens an anonymous project for Riverside; the chain fixes its ring of
// three. The resident taps a bid: the page reads the ring, checks its root, proves in the worker
// and sends a general transaction with no signer; then changes the ballot under the same alias.
// Checked on chain: one ballot under one alias, the tally, no signed extrinsic carrying it.
// Then the office opens an anonymous survey (匿名问卷) of Riverside, whose rings are fixed from
// the same three keys: the resident answers from the page with no signer and amends the answers
// under the same alias; checked: one response, the amended tallies, no account in the extrinsics.
// Screenshots go to e2e/artifacts/anonymous-app/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { startNode, nodeKey, rawChainSpec, finalizedNumber, waitFor } from '../lib/node.js';
import { gongzhiRpc } from '../lib/gongzhi-rpc.js';
import { cycleContext, sendOne, sendAll, eventFields, bestNumber, waitForBlock, view, DISTRICT } from '../lib/cycle.js';
import { memberKey, projectTallies, untilBlocks } from '../lib/anon.js';
import { serveApp, openPhone, textOf, txOutcome, go, pageFinalized, ARTIFACTS } from '../lib/browser.js';

const PASSWORD = 'gongzhi-e2e-pass';

let node, api, ctx, server, phone, page, daveKey;

before(async () => {
  rmSync(`${ARTIFACTS}/anonymous-app`, { recursive: true, force: true });
  const { key, peerId } = nodeKey(0x23);
  node = await startNode({ name: 'dev-for-anonymous-app', nodeKey: key, ws: true });
  const [specPath] = rawChainSpec('dev', [node.multiaddr(peerId)]);
  server = await serveApp(specPath);
  api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), rpc: gongzhiRpc, noInitWarn: true });
  ctx = await cycleContext(api);
});

after(async () => {
  if (page) await page.shot('last').catch(() => {});
  await phone?.browser.close().catch(() => {});
  await server?.close();
  await api?.disconnect();
  await node?.stop();
});

test('a resident registers an anonymous-ballot key from the page, votes with no signer and changes the ballot under the same alias', async () => {
  await waitFor('the node to finalize block 1', async () => (await finalizedNumber(node.rpcPort)) >= 1, { timeoutMs: 90_000 });
  phone = await openPhone(server.url, { name: 'anonymous-app' });
  page = phone.page;
  await page.locator('[data-testid="sync"][data-phase="ready"]').waitFor({ timeout: 120_000 });
  await page.click('[data-testid="dev-Dave//stash"]');
  await page.fill('[data-testid=password]', PASSWORD);
  await page.fill('[data-testid=password2]', PASSWORD);
  await page.click('[data-testid=save-key]');
  await page.locator('[data-testid=community]').waitFor({ timeout: 60_000 });

  // No key yet; one tap registers one (free: the resident holds nothing).
  await go(page, 'ballots');
  assert.equal(await page.getAttribute('[data-testid=anon-key-status]', 'data-state'), 'none');
  await page.shot('no-key');
  await page.click('[data-testid=anon-key-set]');
  const registered = await txOutcome(page, 'anon-key-set', { timeoutMs: 180_000 });
  assert.equal(registered.phase, 'finalized', registered.text);
  const dave = ctx.who.residents.dave;
  const residentId = ctx.residentId.dave;
  const history = (await api.query.community.memberKeys(residentId)).unwrap();
  assert.equal(history.length, 1, 'the page registered one key');
  daveKey = history[0].key.toHex();
  // The neighbours register theirs from a script.
  const { eve, ferdie } = ctx.who.residents;
  const neighbours = [memberKey(eve.address), memberKey(ferdie.address)];
  for (const outcome of await sendAll(ctx, [
    { tx: api.tx.community.setMemberKey(u8aToHex(neighbours[0].key), u8aToHex(neighbours[0].proof)), signer: eve },
    { tx: api.tx.community.setMemberKey(u8aToHex(neighbours[1].key), u8aToHex(neighbours[1].proof)), signer: ferdie }
  ])) assert.equal(outcome.failed, null);
  await go(page, 'home');
  await go(page, 'ballots');
  await page.locator('[data-testid=anon-key-status][data-state=registered]').waitFor({ timeout: 60_000 });
  assert.match(await textOf(page, 'anon-key-status'), /匿名投票密钥已登记/);

  // The office opens an anonymous project for Riverside; its ring: the three keys.
  const base = await bestNumber(api);
  const rules = {
    scope: { Community: DISTRICT.riverside },
    bidding: { start: base + 3, end: base + 5 },
    voting: { start: base + 5, end: base + 300 },
    method: 'Anonymous',
    quorumPercent: 0
  };
  const created = await sendOne(ctx, api.tx.procurement.createProject('河畔社区助餐点 匿名投票', '居民匿名选择服务机构', u8aToHex(new Uint8Array(32)), 100_000, null, rules), ctx.who.office);
  assert.equal(created.failed, null);
  const project = eventFields(created, 'procurement', 'ProjectCreated').project;
  await waitForBlock(api, rules.bidding.start);
  for (const outcome of await sendAll(ctx, [
    { tx: api.tx.procurement.submitBid(project, 90_000, '东方助餐', u8aToHex(new Uint8Array(32))), signer: ctx.who.providers.eve },
    { tx: api.tx.procurement.submitBid(project, 95_000, '西山助餐', u8aToHex(new Uint8Array(32))), signer: ctx.who.providers.ferdie }
  ])) assert.equal(outcome.failed, null);
  // (`.size` of a Polkadot.js struct is its number of fields: read the record as JSON.)
  const ring = (await api.query.rings.itemRings({ kind: 'Procurement', id: project }, 0)).unwrap().toJSON();
  assert.equal(ring.size, 3, 'Dave and his two neighbours');
  await waitForBlock(api, rules.voting.start);
  await pageFinalized(page, rules.voting.start);

  // The resident taps Eve's bid: proved in the page, sent with no signer.
  await go(page, 'home');
  await go(page, 'ballots');
  const card = page.locator(`[data-testid="anon-vote-${project}-0"]`);
  await card.waitFor({ timeout: 60_000 });
  assert.match(await page.locator('body').textContent(), /匿名投票：您的选择以本项目专用的匿名身份计票/);
  await page.shot('anonymous-project');
  await card.click();
  await votedFor(project, 0, 0);
  assert.deepEqual(await projectTallies(api, project), [1, 0]);
  const stored = await api.query.procurement.anonymousBallots.entries(project);
  assert.equal(stored.length, 1);
  const alias = stored[0][0].args[1].toHex();
  assert.equal(stored[0][1].unwrap().bid.toNumber(), 0);
  assert.notEqual(alias, daveKey, 'the alias is not the member key');

  // The block that holds it: the ballot's extrinsic is not signed, and names no account.
  const [cast] = await anonymousExtrinsics('procurement', 'AnonymousBallotCast', (data) => data.project.toNumber() === project, rules.voting.start);
  assert.equal(cast.method.method, 'castAnonymousBallot');
  assertNoAccount(cast, dave.address);

  // The receipt, then a change of mind: Ferdie's bid, the same alias, the first replaced.
  assert.match(await textOf(page, `receipt-${project}-anonymous`), /匿名集 3 人/);
  await page.click(`[data-testid="anon-vote-${project}-1"]`);
  await votedFor(project, 1, 1);
  assert.deepEqual(await projectTallies(api, project), [0, 1]);
  const after = await api.query.procurement.anonymousBallots.entries(project);
  assert.equal(after.length, 1, 'still one ballot');
  assert.equal(after[0][0].args[1].toHex(), alias, 'under the same alias');
  assert.equal(after[0][1].unwrap().seq.toNumber(), 1);
  await page.shot('anonymous-receipt');
  assert.deepEqual(page.errors, [], 'no uncaught error in the page');
});

test('the resident answers an anonymous survey from the page with no signer and amends the answers under the same alias', async () => {
  assert.ok(page && daveKey, 'the first test registered the keys');
  // The office opens an anonymous survey of Riverside after the three keys are registered (the
  // test above): its rings are fixed at its opening block from them.
  const base = await bestNumber(api);
  const opensAt = base + 4;
  const questions = [
    { prompt: '您对社区助餐点的满意度 How satisfied are you with the canteen? (1-5)', kind: 'Rating' },
    { prompt: '助餐点最该增加什么? What should the canteen add?', kind: { SingleChoice: { options: ['早餐 breakfast', '送餐上门 delivery', '周末供餐 weekend meals'] } } }
  ];
  const created = await sendOne(ctx, api.tx.needsSurvey.createAnonymousSurvey({ Community: DISTRICT.riverside }, '河畔社区助餐点 匿名调研', questions, opensAt, opensAt + 300), ctx.who.office);
  assert.equal(created.failed, null);
  const survey = eventFields(created, 'needsSurvey', 'SurveyCreated').survey;
  const item = { kind: 'Survey', id: survey };
  await waitForBlock(api, opensAt);
  await untilBlocks(api, async () => (await api.query.rings.items(item)).unwrap().stage.isReady, 40, "the survey's rings");
  const ring = (await api.query.rings.itemRings(item, 0)).unwrap().toJSON();
  assert.equal(ring.size, 3, 'Dave and his two neighbours');
  await pageFinalized(page, await bestNumber(api));

  // The page shows the survey as anonymous, with the anonymous submit in place of the named one.
  await go(page, 'home');
  await go(page, 'surveys');
  const submit = page.locator(`[data-testid="anon-answer-${survey}"]`);
  await submit.waitFor({ timeout: 60_000 });
  assert.match(await textOf(page, `survey-${survey}-anonymous`), /匿名调研：您的回答以本调研专用的匿名身份记录/);
  assert.equal(await page.locator(`[data-testid="survey-${survey}-send"]`).count(), 0, 'no named submit');
  await page.check(`[data-testid=s${survey}-q0-r4]`);
  await page.check(`[data-testid=s${survey}-q1-o1]`);
  await page.shot('anonymous-survey');
  await submit.click();
  await answered(survey, 0);
  let results = view(await api.call.gongzhiApi.surveyResults(survey));
  assert.equal(results.responses, 1);
  assert.equal(results.questions[0].rating.sum, 4);
  assert.deepEqual(results.questions[1].singleChoice.counts, [0, 1, 0]);

  // A change of mind: the same alias, seq 1, the tallies moved, still one response.
  await page.check(`[data-testid=s${survey}-q0-r2]`);
  await page.check(`[data-testid=s${survey}-q1-o2]`);
  await page.click(`[data-testid="anon-answer-${survey}"]`);
  await answered(survey, 1);
  results = view(await api.call.gongzhiApi.surveyResults(survey));
  assert.equal(results.responses, 1, 'an amendment is not a second response');
  assert.equal(results.questions[0].rating.count, 1);
  assert.equal(results.questions[0].rating.sum, 2);
  assert.deepEqual(results.questions[1].singleChoice.counts, [0, 0, 1]);

  // Stored under one alias, which is neither the resident's account nor the member key.
  const stored = await api.query.needsSurvey.anonymousResponses.entries(survey);
  assert.equal(stored.length, 1, 'one anonymous response');
  const alias = stored[0][0].args[1].toHex();
  assert.notEqual(alias, u8aToHex(decodeAddress(ctx.who.residents.dave.address)), 'the alias is not the account');
  assert.notEqual(alias, daveKey, 'the alias is not the member key');
  assert.equal(stored[0][1].unwrap().amendments.toNumber(), 1);
  assert.deepEqual(stored[0][1].unwrap().answers.toJSON(), [{ rating: 2 }, { choice: 2 }]);

  // Both extrinsics (the answers, then the amendment) are unsigned and name no account.
  const sent = await anonymousExtrinsics('needsSurvey', 'AnonymousResponseSubmitted', (data) => data.survey.toNumber() === survey, opensAt);
  assert.equal(sent.length, 2);
  for (const xt of sent) {
    assert.equal(xt.method.method, 'respondAnonymously');
    assertNoAccount(xt, ctx.who.residents.dave.address);
  }
  assert.match(await textOf(page, `survey-receipt-${survey}-anonymous`), /修改过 1 次 · 匿名集 3 人/);
  await page.shot('anonymous-survey-receipt');
  assert.deepEqual(page.errors, [], 'no uncaught error in the page');
});

/**
 * Waits until the page, redrawn after its anonymous action (the button `testid`) is final,
 * shows a receipt (`receipt`-anonymous, `receipt`-final) changed `changes` times, and the
 * outcome above the screen starting with `label`; fails with the action's status line if it
 * failed.
 */
async function settled ({ testid, receipt, changes, label }) {
  const failed = page.locator(`[data-testid="${testid}-status"][data-phase="failed"]`);
  const done = page.locator(`[data-testid="${receipt}-anonymous"]`, { hasText: `修改过 ${changes} 次` });
  // The failed line, if it comes first, fails the test; otherwise it is never waited for again.
  const failure = failed.waitFor({ timeout: 240_000 }).then(() => failed.textContent(), () => null);
  await Promise.race([
    done.waitFor({ timeout: 240_000 }),
    failure.then((text) => (text === null ? new Promise(() => {}) : assert.fail(`${testid} failed: ${text}`)))
  ]);
  assert.match(await textOf(page, 'flash'), new RegExp(`${label} · 已最终确认（第 \\d+ 块）。`));
  assert.equal(await page.getAttribute(`[data-testid="${receipt}-final"]`, 'data-final'), 'true');
}

/** The anonymous ballot for `bid` of `project` is final, changed `changes` times. */
async function votedFor (project, bid, changes) {
  await settled({ testid: `anon-vote-${project}-${bid}`, receipt: `receipt-${project}`, changes, label: '匿名投给这家' });
  assert.match(await textOf(page, `receipt-${project}-choice`), new RegExp(`第 ${bid} 号`));
}

/** The anonymous answers to `survey` are final, amended `changes` times. */
async function answered (survey, changes) {
  await settled({ testid: `anon-answer-${survey}`, receipt: `survey-receipt-${survey}`, changes, label: changes ? '修改答卷' : '提交答卷' });
}

/** The extrinsics, from block `from` to the best, that emitted a `section.method` event whose
 * data `match` accepts, in order. */
async function anonymousExtrinsics (section, method, match, from) {
  const found = [];
  for (let n = from; n <= await bestNumber(api); n++) {
    const blockHash = await api.rpc.chain.getBlockHash(n);
    const events = await api.query.system.events.at(blockHash);
    const indices = events.filter(({ event }) => event.section === section && event.method === method && match(event.data)).map(({ phase }) => phase.asApplyExtrinsic.toNumber());
    if (!indices.length) continue;
    const block = await api.rpc.chain.getBlock(blockHash);
    for (const index of indices) {
      const xt = block.block.extrinsics[index];
      assert.equal(xt.method.section, section);
      found.push(xt);
    }
  }
  assert.ok(found.length, `no ${section}.${method}`);
  return found;
}

/** An anonymous action's extrinsic is not signed, and the resident's account id is not in it. */
function assertNoAccount (xt, address) {
  assert.equal(xt.isSigned, false);
  assert.ok(!xt.toHex().includes(u8aToHex(decodeAddress(address)).slice(2)), "the resident's account id is not in the extrinsic");
}
