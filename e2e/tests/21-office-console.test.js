// The office console (app/console.html) in headless Chromium against a real dev node, through
// the light client in the page, with the indexer beside it: an officer imports residents from a
// CSV (a GBK file with problem rows first, then 1,000 rows in four batches, the tab closed after
// the first and the file chosen again: the rest go, nobody twice), the
// office opens a survey from the form (dates entered as dates), sees the results move while
// scripted residents answer, and exports them as CSV (read back here); a 2-of-3 multisig office
// proposes a survey from one member's page and a second member approves it from another.
// Screenshots go to e2e/artifacts/office-console/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { encodeAddress, createKeyMulti, randomAsU8a } from '@polkadot/util-crypto';
import { finalizedNumber, waitFor } from '../lib/node.js';
import { gongzhi } from '../lib/gongzhi-rpc.js';
import { sendOne, sendAll, DISTRICT } from '../lib/cycle.js';
import { openConsole, local } from '../lib/console.js';

// GONGZHI_CONSOLE_ROWS=10000 times a larger import by hand.
const ROWS = Number(process.env.GONGZHI_CONSOLE_ROWS ?? 1000);
const SALT = 'e2e-office-salt';
let console_, node, api, ctx, indexer, page, ui;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid resident ID number (check character per GB 11643), distinct for every n < 19,000. */
function idNumber (n) {
  const day = 10 + (Math.floor(n / 1000) % 19);
  const first = `440304${1950 + (n % 50)}0${1 + (n % 9)}${day}${String(n % 1000).padStart(3, '0')}`;
  const sum = [...first].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return first + '10X98765432'[sum % 11];
}

/** Picks the file in the import form and waits for its preview. */
async function chooseFile (name, bytes) {
  // The previous file's preview goes first, so the wait below sees this file's.
  await page.evaluate(() => document.querySelector('[data-testid=import-preview]')?.replaceChildren());
  await page.setInputFiles('[data-testid=import-file]', { name, mimeType: 'text/csv', buffer: Buffer.from(bytes) });
  await page.locator('[data-testid=import-summary]').waitFor({ timeout: 300_000 });
  return {
    ready: Number(await page.getAttribute('[data-testid=import-summary]', 'data-ready')),
    registered: Number(await page.getAttribute('[data-testid=import-summary]', 'data-registered')),
    problems: Number(await page.getAttribute('[data-testid=import-summary]', 'data-problems'))
  };
}

before(async () => {
  console_ = await openConsole({ name: 'office-console', keyByte: 0x21, query: process.env.GONGZHI_CONSOLE_LOG ? `?log=${process.env.GONGZHI_CONSOLE_LOG}` : '' });
  ({ node, api, ctx, indexer, page, ui } = console_);
});

after(async () => {
  await console_?.close();
});

test('an officer imports residents from a CSV: problem rows named, 1,000 rows in batches, interrupted and resumed, nobody twice', async () => {
  await ui.useKey('Charlie');
  assert.match(await page.textContent('[data-testid=role-officer-0]'), /社区工作人员/);
  await ui.screen('residents');
  await page.selectOption('[data-testid=import-community]', '0');
  await page.fill('[data-testid=import-salt]', SALT);

  // A GBK file from an old Excel, with a header in Chinese and problem rows.
  const good = encodeAddress(randomAsU8a(32), 42);
  const gbkText = [
    '身份证号,户号,账户地址,社区',
    `${idNumber(1)},H1,${good},`,
    `${idNumber(1)},H1,${encodeAddress(randomAsU8a(32), 42)},`,
    `${idNumber(2).slice(0, 17)}${idNumber(2)[17] === '0' ? '1' : '0'},H2,${encodeAddress(randomAsU8a(32), 42)},`,
    `${idNumber(3)},H3,not-an-address,`,
    `${idNumber(4)},H4,${encodeAddress(randomAsU8a(32), 42)},河畔社区`,
    `${idNumber(5)},H5,${ctx.who.residents.alice.address},`
  ].join('\r\n');
  // The same file as Excel on a Chinese Windows saves it: GBK (the header's bytes below are
  // 身份证号,户号,账户地址 in GBK; the rows are ASCII, the same in both).
  const header = Buffer.from([0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x2c, 0xbb, 0xa7, 0xba, 0xc5, 0x2c, 0xd5, 0xcb, 0xbb, 0xa7, 0xb5, 0xd8, 0xd6, 0xb7]); // 身份证号,户号,账户地址
  const asciiRows = gbkText.split('\r\n').slice(1, 5).map((l) => l.replace(/,[^,]*$/, '')).join('\r\n');
  const gbkFile = Buffer.concat([header, Buffer.from('\r\n' + asciiRows + '\r\n' + `${idNumber(5)},H5,${ctx.who.residents.alice.address}\r\n`, 'ascii')]);
  const small = await chooseFile('老表格.csv', gbkFile);
  assert.equal(await page.getAttribute('[data-testid=import-encoding]', 'data-encoding'), 'gbk');
  assert.deepEqual(small, { ready: 1, registered: 0, problems: 4 });
  const problems = await page.textContent('[data-testid=import-problems]');
  for (const sentence of ['文件中身份证号重复', '身份证号校验位不正确', '账户地址格式不正确', '该账户已登记为另一位居民']) assert.ok(problems.includes(sentence), `${sentence} in ${problems}`);
  await page.shot('import-problems');

  // 1,000 rows, UTF-8 with a BOM, English header in another order.
  const rows = Array.from({ length: ROWS }, (_, i) => ({ id: idNumber(1000 + i), household: `HH${Math.floor(i / 3)}`, address: encodeAddress(randomAsU8a(32), 42) }));
  const csv = '\uFEFFaccount,ID number,household\r\n' + rows.map((r) => `${r.address},${r.id},${r.household}`).join('\r\n') + '\r\n';
  const before = (await api.query.community.communities(DISTRICT.sunflower)).unwrap().residents.toNumber();
  const big = await chooseFile('residents-1000.csv', csv);
  assert.deepEqual(big, { ready: ROWS, registered: 0, problems: 0 });
  const most = Number(await page.getAttribute('[data-testid=import-chunk]', 'data-size'));
  assert.ok(most >= 50 && most <= 1000, `a block holds batches of ${most}`);
  // Four batches (or as many as blocks need), so that the import can be interrupted between them.
  const size = process.env.GONGZHI_CONSOLE_INTERRUPT === '0' ? most : Math.min(most, Math.ceil(ROWS / 4));
  await page.fill('[data-testid=import-chunk-size]', String(size));
  assert.equal(await page.getAttribute('[data-testid=import-chunk]', 'data-size'), String(size));
  const started = Date.now();
  await page.click('[data-testid=import-start]');
  // GONGZHI_CONSOLE_INTERRUPT=0 times an import without the interruption.
  if (Math.ceil(ROWS / size) > 1 && process.env.GONGZHI_CONSOLE_INTERRUPT !== '0') {
    // Interrupted: when the first chunk is final the clerk's tab closes (a reload). The same file
    // chosen again finds the rows that landed registered and sends only the rest.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=import-status]')?.dataset.finalized ?? 0) > 0, null, { timeout: 600_000 });
    await page.reload();
    await page.locator('[data-testid=sync][data-phase=ready]').waitFor({ timeout: 120_000 });
    await ui.useKey('Charlie');
    await ui.screen('residents');
    await page.selectOption('[data-testid=import-community]', '0');
    await page.fill('[data-testid=import-salt]', SALT);
    const resumed = await chooseFile('residents-1000.csv', csv);
    assert.equal(resumed.problems, 0);
    assert.equal(resumed.ready + resumed.registered, ROWS);
    assert.ok(resumed.registered >= size && resumed.ready > 0, `resumed with ${resumed.registered} registered, ${resumed.ready} to go`);
    assert.match(await page.textContent('[data-testid=import-start]'), /继续/);
    await page.click('[data-testid=import-start]');
  }
  await page.locator('[data-testid=import-status][data-phase]').waitFor({ timeout: 1_800_000 });
  assert.equal(await page.getAttribute('[data-testid=import-status]', 'data-phase'), 'finalized', await page.textContent('[data-testid=import-status]'));
  const seconds = (Date.now() - started) / 1000;
  await page.shot('import-done');
  console.log(`# ${ROWS} rows imported in ${seconds.toFixed(1)} s, ${Math.ceil(ROWS / size)} batches of ≤ ${size}`);
  const afterCount = (await api.query.community.communities(DISTRICT.sunflower)).unwrap().residents.toNumber();
  assert.equal(afterCount - before, ROWS);
  // On chain: the hashes, not the numbers; the household per row.
  const record = (await api.query.community.residents(rows[7].address)).unwrap();
  assert.equal(record.community.toNumber(), DISTRICT.sunflower);
  assert.notEqual(record.personHash.toHex(), '0x' + '0'.repeat(64));

  // The report: every row with the block it landed in (from this import or read from the chain).
  const report = await ui.download('import-report-export');
  assert.ok(report.startsWith('\uFEFF'));
  const lines = report.trim().split('\r\n');
  assert.equal(lines.length, ROWS + 1);
  for (const [i, line] of lines.slice(1).entries()) {
    const cells = line.split(',');
    assert.equal(cells[1], rows[i].address);
    const block = Number(cells.at(-1));
    assert.ok(block > 0, `row ${i + 2} has its block: ${line}`);
    if (i % 97 === 0) assert.equal((await api.query.community.residents(rows[i].address)).unwrap().registeredAt.toNumber(), block);
  }

  // The same file again: everyone is registered already; nothing is sent.
  const again = await chooseFile('residents-1000.csv', csv);
  assert.deepEqual(again, { ready: 0, registered: ROWS, problems: 0 });
  await page.locator('[data-testid=import-nothing]').waitFor();
});

test('the office opens a survey from the form and sees its results move while residents answer; the CSV export reads back', async () => {
  await ui.useKey('Bob');
  await ui.screen('surveys');
  await page.fill('[data-testid=survey-title]', '助餐点选址调查 Where should the canteen be?');
  const now = Date.now();
  await page.fill('[data-testid=survey-opens]', local(now + 30_000));
  await page.fill('[data-testid=survey-closes]', local(now + 3_600_000));
  assert.match(await page.textContent('[data-testid=survey-closes-block]'), /第 \d+ 块/);
  await page.fill('[data-testid=q0-prompt]', '您希望助餐点设在哪里? Where?');
  await page.selectOption('[data-testid=q0-kind]', 'SingleChoice');
  await page.fill('[data-testid=q0-options]', '社区中心 community centre\n老年活动室 seniors\u2019 room');
  await page.click('[data-testid=survey-add-question]');
  await page.fill('[data-testid=q1-prompt]', '满意度 Satisfaction');
  await page.selectOption('[data-testid=q1-kind]', 'Rating');
  const nextId = (await api.query.needsSurvey.nextSurveyId()).toNumber();
  await page.click('[data-testid=survey-create]');
  const created = await ui.txDone('survey-create');
  assert.equal(created.phase, 'finalized', created.text);
  const survey = (await api.query.needsSurvey.surveys(nextId)).unwrap();
  const opensAt = survey.opensAt.toNumber();
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.ok(Math.abs(opensAt - (head + 5)) <= 6, `opens at ${opensAt}, about 30 s after block ${head}`);

  await page.fill('[data-testid=survey-pick]', String(nextId));
  await page.click('[data-testid=survey-pick-show]');
  await page.locator('[data-testid=survey-live]').waitFor({ timeout: 60_000 });
  await waitFor('the survey to open', async () => (await api.rpc.chain.getHeader()).number.toNumber() >= opensAt, { timeoutMs: 120_000 });
  const answers = { alice: 0, bob: 1, charlie: 0, dave: 0 };
  const responded = await sendAll(ctx, Object.entries(answers).map(([name, choice], i) => ({ tx: api.tx.needsSurvey.respond(nextId, [{ Choice: choice }, { Rating: 3 + (i % 3) }]), signer: ctx.who.residents[name] })));
  for (const r of responded) assert.equal(r.failed, null, `a response failed: ${JSON.stringify(r.failed)}`);
  // The console shows finalized results: on 2 cores beside the other lane, finality can lag.
  await page.waitForFunction(() => document.querySelector('[data-testid=survey-results]')?.dataset.responses === '4', null, { timeout: 240_000 });
  const chart = JSON.parse(await page.getAttribute('[data-testid=survey-chart-0]', 'data-series'));
  assert.deepEqual(chart.series[0].values, [3, 1]);
  await page.shot('survey-results');
  const csv = await ui.download('survey-table-export');
  assert.ok(csv.startsWith('\uFEFF'));
  const lines = csv.trim().split('\r\n').map((l) => l.split(','));
  assert.deepEqual(lines.slice(1, 3).map((l) => [l[0], l.at(-1)]), [['1', '3'], ['1', '1']]);
  assert.ok(lines[1][2].includes('社区中心'));
  // Turnout over time, from the indexer: shown again once it has the four answers.
  await waitFor('the indexer to have the four answers', async () => ((await indexer.get(`/survey_responses?survey=${nextId}`)).body.rows ?? []).length === 4, { timeoutMs: 120_000 });
  await page.click('[data-testid=survey-pick-show]');
  await page.locator('[data-testid=survey-turnout]').waitFor({ timeout: 60_000 });
  const turnout = JSON.parse(await page.getAttribute('[data-testid=survey-turnout]', 'data-series'));
  assert.equal(turnout.series[0].values.at(-1), 4, JSON.stringify(turnout));
  assert.deepEqual([...turnout.series[0].values].sort((a, b) => a - b), turnout.series[0].values, 'a running total');
});

test('the office opens an anonymous survey from the form: its rings are opened, and it holds a deposit for every resident in scope', async () => {
  await ui.useKey('Bob');
  await ui.screen('surveys');
  const errorsBefore = page.errors.length;
  await page.fill('[data-testid=survey-title]', '匿名满意度调查 Anonymous satisfaction survey');
  const now = Date.now();
  // Opening well after this file ends: its rings (every resident of the office) are collected
  // only from its opening block.
  await page.fill('[data-testid=survey-opens]', local(now + 1_800_000));
  await page.fill('[data-testid=survey-closes]', local(now + 7_200_000));
  await page.fill('[data-testid=q0-prompt]', '您对居委会服务的满意度 How satisfied are you?');
  await page.selectOption('[data-testid=q0-kind]', 'Rating');
  await page.check('[data-testid=survey-anonymous]');
  const office = ctx.who.office.address;
  const heldBySurveys = async () => (await api.query.balances.holds(office))
    .filter((h) => h.id.isNeedsSurvey && h.id.asNeedsSurvey.isSurveyDeposit)
    .reduce((sum, h) => sum + h.amount.toBigInt(), 0n);
  const heldBefore = await heldBySurveys();
  const residents = (await api.query.community.offices(DISTRICT.office)).unwrap().residents.toNumber();
  const id = (await api.query.needsSurvey.nextSurveyId()).toNumber();
  await page.click('[data-testid=survey-create]');
  const created = await ui.txDone('survey-create');
  assert.equal(created.phase, 'finalized', created.text);

  const survey = (await api.query.needsSurvey.surveys(id)).unwrap();
  assert.ok(survey.mode.isAnonymous, `mode ${survey.mode.type}`);
  assert.equal(survey.eligible.toNumber(), residents);
  // pallet-rings holds the item from the survey's opening block, over the office's residents.
  const rings = (await api.query.rings.items({ kind: 'Survey', id })).unwrap();
  assert.deepEqual(rings.scope.toJSON(), { office: DISTRICT.office });
  assert.equal(rings.openedAt.toNumber(), survey.opensAt.toNumber());
  assert.ok(rings.stage.isCollecting, `stage ${rings.stage.type}`);
  // The deposit: SurveyDeposit, and RingMemberDeposit per resident in scope.
  const { surveyDeposit, ringMemberDeposit } = api.consts.needsSurvey;
  const deposit = surveyDeposit.toBigInt() + ringMemberDeposit.toBigInt() * BigInt(residents);
  assert.ok(residents > ROWS, `${residents} residents in the office`);
  assert.equal(survey.deposit.toBigInt(), deposit);
  assert.equal(await heldBySurveys() - heldBefore, deposit);

  assert.equal(await page.locator('[data-testid=screen] .error').count(), 0, await page.textContent('[data-testid=screen]'));
  assert.deepEqual(page.errors.slice(errorsBefore), [], 'no uncaught error in the page');
  await page.shot('anonymous-survey');
});

test('the office opens a procurement project from the form (dates, budget in yuan, secret ballot, quorum, the tender document\u2019s hash) and disqualifies a bid with its reason', async () => {
  await ui.useKey('Bob');
  await ui.screen('projects');
  const now = Date.now();
  await page.fill('[data-testid=project-title]', '居家养老上门服务 Home care visits');
  await page.fill('[data-testid=project-description]', '为 80 岁以上老人每周上门两次 Twice a week for residents over 80');
  const tender = Buffer.from('招标文件 tender document v1\n服务内容……');
  await page.setInputFiles('[data-testid=project-document]', { name: '招标文件.pdf', mimeType: 'application/pdf', buffer: tender });
  await page.locator('[data-testid=project-document-hash][data-hash^="0x"]').waitFor();
  const documentHash = await page.getAttribute('[data-testid=project-document-hash]', 'data-hash');
  await page.fill('[data-testid=project-budget]', '12000.50');
  await page.fill('[data-testid=project-bidding-opens]', local(now + 20_000));
  await page.fill('[data-testid=project-bidding-closes]', local(now + 600_000));
  await page.fill('[data-testid=project-voting-closes]', local(now + 1_200_000));
  await page.check('[data-testid=project-secret]');
  await page.fill('[data-testid=project-reveal-closes]', local(now + 1_800_000));
  await page.fill('[data-testid=project-quorum]', '20');
  const id = (await api.query.procurement.nextProjectId()).toNumber();
  await page.click('[data-testid=project-create]');
  const created = await ui.txDone('project-create');
  assert.equal(created.phase, 'finalized', created.text);
  const info = await gongzhi(api, 'projectInfo', id);
  assert.equal(info.title, '居家养老上门服务 Home care visits');
  assert.equal(Number(info.budget), 1_200_050, 'the budget in fen');
  assert.equal(info.document, documentHash);
  assert.equal(info.quorumPercent, 20);
  assert.equal(info.voting.start, info.bidding.end, 'voting opens when bidding closes');
  assert.ok(info.method.secret || info.method.Secret, `a secret ballot: ${JSON.stringify(info.method)}`);
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.ok(Math.abs(info.bidding.start - (head + 3)) <= 4, `bidding opens at ${info.bidding.start}, about 20 s after block ${head}`);

  // Eve bids when bidding opens; the office disqualifies the bid from the project's page.
  await waitFor('bidding to open', async () => (await api.rpc.chain.getHeader()).number.toNumber() >= info.bidding.start, { timeoutMs: 120_000 });
  const bid = await sendOne(ctx, api.tx.procurement.submitBid(id, 1_100_000, 'Eve 上门服务', '0x' + '42'.repeat(32)), ctx.who.providers.eve);
  assert.equal(bid.failed, null);
  await waitFor('the bid to be final', async () => (await finalizedNumber(node.rpcPort)) >= bid.blockNumber, { timeoutMs: 60_000 });
  await page.fill('[data-testid=project-pick]', String(id));
  await page.click('[data-testid=project-pick-show]');
  await page.locator('[data-testid=project-tally]').waitFor({ timeout: 60_000 });
  await page.fill('[data-testid=disqualify-bid]', '0');
  await page.fill('[data-testid=disqualify-reason]', '资质证书已过期 Licence expired');
  await page.click('[data-testid=disqualify]');
  const disqualified = await ui.txDone('disqualify');
  assert.equal(disqualified.phase, 'finalized', disqualified.text);
  // The bid's standing lives in its slot of the project; the office's reason beside it.
  const slot = (await api.query.procurement.projects(id)).unwrap().bids[0];
  assert.ok(slot.state.isDisqualified, `bid state ${slot.state.type}`);
  const disqualification = (await api.query.procurement.disqualifications(id, 0)).unwrap();
  assert.equal(disqualification.reason.toUtf8(), '资质证书已过期 Licence expired');
  await page.shot('project-disqualified');
});

test('a 2-of-3 multisig office: one member proposes from the console, a second approves it and it runs', async () => {
  const members = [ctx.who.outsider, ctx.who.office, ctx.who.providers.ferdie].map((k) => k.address);
  const multisig = encodeAddress(createKeyMulti(members, 2), 42);
  // The office hands its admin key to the multisig (the admin today is Bob); the multisig gets
  // tokens for the survey's deposit.
  assert.equal((await sendOne(ctx, api.tx.community.setOfficeAdmin(DISTRICT.office, multisig), ctx.who.office)).failed, null);
  const funded = await sendOne(ctx, api.tx.balances.transferKeepAlive(multisig, 10n ** 15n), ctx.who.outsider);
  assert.equal(funded.failed, null);
  // The page reads finalized state.
  await waitFor('the hand-over to be final', async () => (await finalizedNumber(node.rpcPort)) >= funded.blockNumber, { timeoutMs: 60_000 });
  const settings = { multisig: { threshold: 2, signatories: members } };
  await ui.useKey('Alice', settings);
  assert.ok(await page.locator('[data-testid=role-office-0]').count() === 1, 'the multisig is the office admin');
  await ui.screen('surveys');
  await page.fill('[data-testid=survey-title]', '多签发起的调查 Proposed by a multisig');
  const now = Date.now();
  await page.fill('[data-testid=survey-opens]', local(now + 600_000));
  await page.fill('[data-testid=survey-closes]', local(now + 3_600_000));
  await page.fill('[data-testid=q0-prompt]', '评分 Rate it');
  await page.selectOption('[data-testid=q0-kind]', 'Rating');
  const nextId = (await api.query.needsSurvey.nextSurveyId()).toNumber();
  await page.click('[data-testid=survey-create]');
  assert.equal((await ui.txDone('survey-create')).phase, 'finalized');
  const callData = await page.inputValue('[data-testid=survey-create-calldata]');
  const hash = await page.getAttribute('[data-testid=survey-create-calldata]', 'data-hash');
  assert.equal((await api.query.needsSurvey.nextSurveyId()).toNumber(), nextId, 'one approval runs nothing');
  await page.shot('multisig-proposed');

  // The second member, on another machine: a fresh page (no call data of its own).
  await page.evaluate(() => localStorage.removeItem('gongzhi.console.calls'));
  await ui.useKey('Ferdie', settings);
  await ui.screen('multisig');
  const item = page.locator(`[data-testid="pending-${hash}"]`);
  await item.waitFor({ timeout: 60_000 });
  assert.match(await item.textContent(), /已批准：1\/2/);
  await page.fill(`[data-testid="pending-${hash}-data"]`, callData);
  await page.locator(`[data-testid="pending-${hash}-decoded"]`, { hasText: 'NeedsSurvey.create_survey' }).waitFor();
  await page.click(`[data-testid="approve-${hash}"]`);
  const approved = await ui.txDone(`approve-${hash}`);
  assert.equal(approved.phase, 'finalized', approved.text);
  await page.shot('multisig-approved');
  const survey = (await api.query.needsSurvey.surveys(nextId)).unwrap();
  assert.equal(survey.creator.toString(), multisig);
});
