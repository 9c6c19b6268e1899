// The resident app (app/) in headless Chromium at a phone's size, against a real dev node that
// the page reaches only through the smoldot light client inside it (the node listens for p2p on
// WebSocket; the chain spec served beside the page names it as boot node). The office, officer
// and provider act over an ordinary WebSocket RPC connection, as their own tools would.
//
// A resident (Dave//stash, Riverside) opens the page; the light client syncs; they take the dev
// key, answer a survey of every question kind and amend it; vote in an open ballot and check the
// receipt (block, finality, storage proof); hand a signed paper ballot to an officer; commit a
// secret ballot and reveal it later; download the encrypted backup; claim vouchers, redeem one
// online and show the other as an offline QR code; rate a service badly and follow the case.
// Errors appear as plain sentences; every screen also in English. Screenshots go to
// e2e/artifacts/resident-app/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { startNode, nodeKey, rawChainSpec, finalizedNumber, waitFor } from '../lib/node.js';
import { gongzhiRpc } from '../lib/gongzhi-rpc.js';
import { cycleContext, stageForApp, sendOne, eventFields, bestNumber, waitForBlock, docHash, view } from '../lib/cycle.js';
import { serveApp, openPhone, textOf, txOutcome, go, pageFinalized, PHONE, ARTIFACTS } from '../lib/browser.js';

const PASSWORD = 'gongzhi-e2e-pass';
const CJK = /[\u4e00-\u9fff]/;

let node, api, ctx, server, phone, page;

/** Reloads the page (a new light client) and unlocks the stored key again. */
async function reopen () {
  await page.reload();
  await page.locator('[data-testid="sync"][data-phase="ready"]').waitFor({ timeout: 120_000 });
  await page.fill('[data-testid=unlock-password]', PASSWORD);
  await page.click('[data-testid=unlock]');
  await page.locator('[data-testid=nav-home]').waitFor({ timeout: 60_000 });
}
const chain = {};

before(async () => {
  rmSync(`${ARTIFACTS}/resident-app`, { recursive: true, force: true });
  const { key, peerId } = nodeKey(0x20);
  node = await startNode({ name: 'dev-for-app', nodeKey: key, ws: true });
  const [specPath] = rawChainSpec('dev', [node.multiaddr(peerId)]);
  server = await serveApp(specPath);
  api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), rpc: gongzhiRpc, noInitWarn: true });
  ctx = await cycleContext(api);

  // The office sets the stage: a survey of the whole office; an open ballot (office-wide) with a
  // long voting window; a secret ballot (Riverside) whose reveal comes during the test; a direct
  // voucher programme for Riverside with provider Eve.
  const staged = await stageForApp(ctx, { window: 200, secretVoting: 60, reveal: 100 });
  Object.assign(chain, { survey: staged.survey, projects: staged.projects, programme: staged.programme });
  assert.equal(staged.programmeOutcome.failed, null);
});

after(async () => {
  if (page) await page.shot('last').catch(() => {});
  await phone?.browser.close().catch(() => {});
  await server?.close();
  await api?.disconnect();
  await node?.stop();
});

test('the page starts its light client, syncs, and the resident takes a key (phone size, Chinese first)', async () => {
  await waitFor('the node to finalize block 1', async () => (await finalizedNumber(node.rpcPort)) >= 1, { timeoutMs: 90_000 });
  phone = await openPhone(server.url, { name: 'resident-app' });
  page = phone.page;
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await page.locator('[data-testid="sync"][data-phase="ready"]').waitFor({ timeout: 120_000 });
  const sync = await textOf(page, 'sync');
  assert.match(sync, /已同步 · 已确认第 \d+ 块/);
  assert.ok(Number(await page.getAttribute('[data-testid=sync]', 'data-finalized')) >= 1);
  await page.shot('key-screen');

  // A new key can be made here (shown, not saved), but the dev resident is taken for the test.
  await page.click('[data-testid=create-key]');
  const made = (await page.inputValue('[data-testid=mnemonic]')).split(' ');
  assert.equal(made.length, 12);
  await page.click('[data-testid="dev-Dave//stash"]');
  await page.fill('[data-testid=password]', 'short');
  await page.fill('[data-testid=password2]', 'short');
  await page.click('[data-testid=save-key]');
  assert.match(await page.locator('.error').textContent(), /密码至少需要 8 位/);
  await page.fill('[data-testid=password]', PASSWORD);
  await page.fill('[data-testid=password2]', PASSWORD);
  await page.click('[data-testid=save-key]');

  await page.locator('[data-testid=community]').waitFor({ timeout: 60_000 });
  assert.equal(await textOf(page, 'my-address'), ctx.who.residents.dave.address);
  assert.equal(await textOf(page, 'community'), '河畔社区');
  assert.equal(await textOf(page, 'resident-id'), String(ctx.residentId.dave));
  assert.match(await textOf(page, 'registered-at'), /第 0 块/);
  // What they can do now, from resident_status through the light client.
  const votingStarts = Math.max(chain.projects.open.rules.voting.start, chain.projects.secret.rules.voting.start);
  await waitForBlock(api, votingStarts);
  await pageFinalized(page, votingStarts);
  await go(page, 'home');
  assert.match(await textOf(page, 'todo-surveys'), /1 份调研问卷待填写/);
  assert.match(await textOf(page, 'todo-ballots'), /2 个项目可以投票/);
  assert.match(await textOf(page, 'todo-claims'), /1 个服务券项目可以申领/);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling at 360 px');
  await page.shot('home');

  // The key is stored encrypted: the page holds no mnemonic in the clear.
  const stored = await page.evaluate(() => localStorage.getItem('gongzhi.vault'));
  assert.ok(stored.includes('gongzhi-vault/v1'));
  assert.ok(!stored.includes('bottom drive'), 'no mnemonic in storage');
});

test('answer a survey (one choice, several choices, a rating), then amend it; an unchanged amendment is explained', async () => {
  const id = chain.survey.survey;
  await go(page, 'surveys');
  await page.check(`[data-testid=s${id}-q0-o1]`);
  await page.check(`[data-testid=s${id}-q1-o0]`);
  await page.check(`[data-testid=s${id}-q1-o2]`);
  await page.check(`[data-testid=s${id}-q2-r4]`);
  await page.shot('survey');
  await page.click(`[data-testid=survey-${id}-send]`);
  const sent = await txOutcome(page, `survey-${id}-send`);
  assert.equal(sent.phase, 'finalized', sent.text);
  assert.match(sent.text, /^已最终确认（第 \d+ 块）。$/);
  let results = view(await api.call.gongzhiApi.surveyResults(id));
  assert.equal(results.responses, 1);
  assert.deepEqual(results.questions[0].singleChoice.counts, [0, 1, 0]);
  assert.deepEqual(results.questions[1].multipleChoice.counts, [1, 0, 1, 0]);
  assert.equal(results.questions[2].rating.sum, 4);

  // Back on the screen: answered, amendable; the same answers are refused before sending.
  await page.locator(`[data-testid=survey-${id}-answered]`).waitFor({ timeout: 30_000 });
  await page.click(`[data-testid=survey-${id}-send]`);
  const same = await txOutcome(page, `survey-${id}-send`);
  assert.equal(same.phase, 'failed');
  assert.ok(CJK.test(same.text) && !/Unchanged|NeedsSurvey|Module/.test(same.text), `a sentence, not an error name: ${same.text}`);
  await page.shot('survey-unchanged');

  await page.check(`[data-testid=s${id}-q2-r5]`);
  await page.click(`[data-testid=survey-${id}-send]`);
  const amended = await txOutcome(page, `survey-${id}-send`);
  assert.equal(amended.phase, 'finalized', amended.text);
  results = view(await api.call.gongzhiApi.surveyResults(id));
  assert.equal(results.responses, 1, 'an amendment is not a second response');
  assert.equal(results.questions[2].rating.sum, 5);
});

test('vote in an open ballot and check the receipt: the block, finality, a storage proof', async () => {
  const { project, bids } = chain.projects.open;
  await go(page, 'ballots');
  await page.click(`[data-testid=vote-${project}-${bids.ferdie.bid}]`);
  const voted = await txOutcome(page, `vote-${project}-${bids.ferdie.bid}`);
  assert.equal(voted.phase, 'finalized', voted.text);
  const block = Number(voted.text.match(/第 (\d+) 块/)[1]);
  const tally = view(await api.call.gongzhiApi.projectTally(project));
  assert.equal(tally.ballots, 1);
  assert.equal(tally.bids.find((b) => b.bid === bids.ferdie.bid).votes, 1);

  await page.locator(`[data-testid=receipt-${project}-final][data-final=true]`).waitFor({ timeout: 60_000 });
  assert.equal(await textOf(page, `receipt-${project}-choice`), `投给：第 ${bids.ferdie.bid} 号报价`);
  assert.equal(await textOf(page, `receipt-${project}-block`), `记录在第 ${block} 块`);
  assert.equal(await textOf(page, `receipt-${project}-final`), '已最终确认，不可更改');
  await page.locator(`[data-testid=receipt-${project}-verified]`).waitFor();
  await page.shot('receipt');
});

test('the paper path: a ballot signed in the page, shown as a QR code, relayed by the officer, counts', async () => {
  const { project, bids } = chain.projects.open;
  await page.click(`[data-testid=paper-${project}-${bids.eve.bid}]`);
  const qr = page.locator(`[data-testid=paper-qr-${project}]`);
  await qr.waitFor();
  const payload = JSON.parse(await qr.getAttribute('data-payload'));
  assert.equal(payload.kind, 'gongzhi/relayed-ballot/v1');
  assert.equal(payload.resident, ctx.who.residents.dave.address);
  assert.equal(payload.sequence, 1, 'the second ballot of this resident');
  assert.equal(payload.genesis, api.genesisHash.toHex());
  await page.shot('paper-ballot-qr');
  // The officer scans it and submits it (the officer pays).
  const relayed = await sendOne(ctx, api.tx.procurement.voteRelayed(project, payload.resident, payload.choice, payload.sequence, payload.deadline, { Sr25519: payload.signature }), ctx.who.officers.riverside);
  assert.equal(relayed.failed, null);
  await pageFinalized(page, relayed.blockNumber);
  const tally = view(await api.call.gongzhiApi.projectTally(project));
  assert.equal(tally.ballots, 1, 'still one ballot: it replaced the first');
  assert.equal(tally.bids.find((b) => b.bid === bids.eve.bid).votes, 1);
  await go(page, 'ballots');
  await page.locator(`[data-testid=receipt-${project}-final][data-final=true]`).waitFor({ timeout: 60_000 });
  assert.equal(await textOf(page, `receipt-${project}-choice`), `投给：第 ${bids.eve.bid} 号报价`);
  // The same signed ballot cannot be used again.
  const replay = await sendOne(ctx, api.tx.procurement.voteRelayed(project, payload.resident, payload.choice, payload.sequence, payload.deadline, { Sr25519: payload.signature }), ctx.who.officers.riverside);
  assert.equal(replay.failed, 'procurement.StaleSequence');
});

test('a secret ballot: the salt is sealed in the vault and the backup before the commitment is sent', async () => {
  const { project, bids } = chain.projects.secret;
  await page.click(`[data-testid=commit-${project}-${bids.eve.bid}]`);
  const committed = await txOutcome(page, `commit-${project}-${bids.eve.bid}`);
  assert.equal(committed.phase, 'finalized', committed.text);
  const tally = view(await api.call.gongzhiApi.projectTally(project));
  assert.equal(tally.ballots, 1);
  assert.equal(tally.counted, null, 'no counts while secret');
  await page.locator(`[data-testid=reveal-wait-${project}]`).waitFor({ timeout: 30_000 });
  assert.equal(await textOf(page, `receipt-${project}-choice`), '已提交秘密选票（尚未揭晓）');
  await page.shot('secret-committed');

  // The backup file: encrypted, restorable, holds the salt but not in the clear.
  await go(page, 'key');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export]')]);
  chain.backupPath = `${ARTIFACTS}/resident-app/backup.json`;
  await download.saveAs(chain.backupPath);
  const backup = readFileSync(chain.backupPath, 'utf8');
  const sealed = JSON.parse(backup);
  assert.equal(sealed.format, 'gongzhi-vault/v1');
  assert.equal(sealed.address, ctx.who.residents.dave.address);
  assert.ok(!backup.includes('bottom drive'));
  assert.match(await textOf(page, 'address'), /^5/);
  assert.ok(await page.locator('[data-testid=address-qr]').getAttribute('src'), 'the address QR code is drawn');
  await page.shot('account');
});

test('vouchers: claim two, redeem one online with the provider chosen, show the other as an offline QR code', async () => {
  const programme = chain.programme;
  await go(page, 'vouchers');
  for (let i = 0; i < 2; i++) {
    await page.click(`[data-testid=claim-${programme}]`);
    const claimed = await txOutcome(page, `claim-${programme}`);
    assert.equal(claimed.phase, 'finalized', claimed.text);
    await go(page, 'vouchers');
  }
  const status = view(await api.call.gongzhiApi.residentStatus(ctx.who.residents.dave.address));
  const vouchers = status.vouchers.map(([id]) => id);
  assert.equal(vouchers.length, 2);
  const [online, offline] = vouchers;
  await page.locator(`[data-testid=voucher-${online}][data-state=Issued]`).waitFor();
  await page.shot('vouchers');

  await page.selectOption(`[data-testid=provider-${online}]`, ctx.who.providers.eve.address);
  await page.click(`[data-testid=redeem-${online}]`);
  const redeemed = await txOutcome(page, `redeem-${online}`);
  assert.equal(redeemed.phase, 'finalized', redeemed.text);
  await go(page, 'vouchers');
  await page.locator(`[data-testid=voucher-${online}][data-state=Redeemed]`).waitFor();
  const record = (await api.query.vouchers.vouchers(online)).unwrap().state.toJSON();
  const redemption = record.redeemed.redemption;
  assert.equal(record.redeemed.provider, ctx.who.providers.eve.address);
  // The provider confirms the delivery.
  const confirm = await sendOne(ctx, api.tx.vouchers.confirm(redemption, docHash('service-record/app')), ctx.who.providers.eve);
  assert.equal(confirm.failed, null);
  chain.redemption = redemption;
  chain.confirmedAt = confirm.blockNumber;

  await go(page, 'vouchers');
  await page.click(`[data-testid=offline-${offline}]`);
  const qr = page.locator(`[data-testid=offline-qr-${offline}]`);
  await qr.waitFor();
  const payload = JSON.parse(await qr.getAttribute('data-payload'));
  assert.equal(payload.kind, 'gongzhi/offline-redemption/v1');
  assert.equal(payload.provider, ctx.who.providers.eve.address);
  await page.shot('voucher-offline-qr');
  const scanned = await sendOne(ctx, api.tx.vouchers.redeemOffline(payload.voucher, payload.deadline, docHash('service-record/offline'), { Sr25519: payload.signature }), ctx.who.providers.eve);
  assert.equal(scanned.failed, null);
  assert.ok(eventFields(scanned, 'vouchers', 'RedemptionConfirmed'));
  await pageFinalized(page, scanned.blockNumber);
  // Both services are confirmed: the vouchers are used up, no longer in hand.
  await go(page, 'vouchers');
  assert.equal(await page.locator(`[data-testid=voucher-${online}]`).count(), 0);
  assert.equal(await page.locator(`[data-testid=voucher-${offline}]`).count(), 0);
  await page.locator('[data-testid=no-vouchers]').waitFor();
});

test('a new phone: the resident restores the encrypted backup, with the secret ballot\u2019s salt', async () => {
  // A fresh browser profile (nothing in storage, a new light client) restores the backup file.
  await phone.browser.close();
  phone = await openPhone(server.url, { name: 'resident-app' });
  page = phone.page;
  await page.locator('[data-testid="sync"][data-phase="ready"]').waitFor({ timeout: 120_000 });
  await page.click('[data-testid=restore-key]');
  await page.setInputFiles('[data-testid=backup-file]', chain.backupPath);
  await page.fill('[data-testid=unlock-password]', PASSWORD);
  await page.click('[data-testid=unlock]');
  await page.locator('[data-testid=my-address], [data-testid=export]').first().waitFor({ timeout: 60_000 });
  await go(page, 'home');
  assert.equal(await textOf(page, 'my-address'), ctx.who.residents.dave.address);
  const { project } = chain.projects.secret;
  await go(page, 'ballots');
  assert.equal(await textOf(page, `receipt-${project}-choice`), '已提交秘密选票（尚未揭晓）');
});

test('when the reveal window opens the app offers the reveal, and the ballot then counts', async () => {
  const { project, rules, bids } = chain.projects.secret;
  await pageFinalized(page, rules.voting.end, { timeoutMs: 400_000 });
  await go(page, 'ballots');
  await page.click(`[data-testid=reveal-${project}]`);
  const revealed = await txOutcome(page, `reveal-${project}`);
  assert.equal(revealed.phase, 'finalized', revealed.text);
  const ballot = view(await api.call.gongzhiApi.ballotReceipt(project, ctx.who.residents.dave.address));
  assert.deepEqual(ballot.choice, { revealed: bids.eve.bid });
  assert.equal(ballot.counted, true);
  await go(page, 'ballots');
  assert.equal(await textOf(page, `receipt-${project}-choice`), `已揭晓：第 ${bids.eve.bid} 号报价`);
  await page.shot('secret-revealed');
});

test('everything in English too, including the reasons a call would fail', async () => {
  await page.click('[data-testid=lang]');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await go(page, 'ballots');
  assert.match(await textOf(page, 'sync'), /^Synced · finalized block \d+/);
  assert.equal(await textOf(page, 'nav-ballots'), 'Ballots');
  const { project, bids } = chain.projects.open;
  assert.equal(await textOf(page, `receipt-${project}-choice`), `For: bid no. ${bids.eve.bid}`);
  await page.shot('ballots-en');
  await go(page, 'surveys');
  const id = chain.survey.survey;
  await page.click(`[data-testid=survey-${id}-send]`);
  const same = await txOutcome(page, `survey-${id}-send`);
  assert.equal(same.phase, 'failed');
  assert.ok(!CJK.test(same.text) && /^Not done: /.test(same.text) && !/AnswersUnchanged/.test(same.text), same.text);
  await go(page, 'home');
  assert.match(await textOf(page, 'community'), /河畔社区/, 'chain data stays as the office wrote it');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
  await page.shot('home-en');
  // Locked: the address stays visible, the key needs the password again.
  await go(page, 'key');
  await page.click('[data-testid=lock]');
  await page.fill('[data-testid=unlock-password]', 'not the password');
  await page.click('[data-testid=unlock]');
  assert.equal((await page.locator('.error').textContent()).trim(), 'Wrong password.');
  await page.fill('[data-testid=unlock-password]', PASSWORD);
  await page.click('[data-testid=unlock]');
  await page.locator('[data-testid=export]').waitFor();
  assert.deepEqual(page.errors, [], 'no uncaught errors in the page');
  assert.deepEqual(PHONE, { width: 360, height: 740 });
});

// Once the resident has rated, every runtime call about them reads an existing rating. Stop 14
// found the page's light client stalling here: the node's call proof then held only the rating's
// hash (`contains_key`), smoldot called the proof incomplete and banned the node; the pallets now
// ask through `HasEntry`, which reads the value. The page is reopened twice below, as a resident
// coming back later would.
test('rate the service received; a bad rating opens a case the resident follows', async () => {
  const redemption = chain.redemption;
  await page.click('[data-testid=lang]');
  await pageFinalized(page, chain.confirmedAt);
  const status = view(await (await api.at(await api.rpc.chain.getFinalizedHead())).call.gongzhiApi.residentStatus(ctx.who.residents.dave.address));
  assert.ok(status.redemptionsToRate.includes(redemption), 'the chain lists the service for rating');
  await go(page, 'ratings');
  await page.check(`[data-testid=rate-${redemption}-2]`);
  await page.click(`[data-testid=rate-${redemption}-send]`);
  const rated = await txOutcome(page, `rate-${redemption}-send`);
  assert.equal(rated.phase, 'finalized', rated.text);
  // The resident comes back later to follow the case: the page is opened again (a new light
  // client) and unlocked.
  await reopen();
  await go(page, 'ratings');
  await page.locator(`[data-testid=case-${redemption}][data-case=Open]`).waitFor();
  assert.match(await textOf(page, `case-${redemption}`), /整改跟进中/);
  await page.shot('case-open');
  // The provider answers; the resident sees it.
  const answer = await sendOne(ctx, api.tx.satisfaction.respondCase(redemption, docHash('case-response/app')), ctx.who.providers.eve);
  assert.equal(answer.failed, null);
  await reopen();
  await pageFinalized(page, answer.blockNumber);
  await go(page, 'ratings');
  await page.locator(`[data-testid=case-${redemption}][data-case=Responded]`).waitFor();
  assert.match(await textOf(page, `case-${redemption}`), /机构已回应/);
});
