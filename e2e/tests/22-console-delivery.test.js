// The office console (app/console.html) after the ballot, in headless Chromium against a real
// dev node and the indexer: a provider bids from its view; the office reads the tally and closes
// the ballot from the project's page, turns the award into vouchers from the programme form;
// residents (scripted) claim and redeem; the provider confirms services from its list; the office
// reads redemptions per provider per day and the cash-out signals (exported as CSV and read back),
// settles from the form; a bad rating opens a case the provider answers from its view and the
// office closes from the cases screen; the provider's scorecard exports as CSV.
// Screenshots go to e2e/artifacts/console-delivery/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import { finalizedNumber, waitFor } from '../lib/node.js';
import { gongzhi } from '../lib/gongzhi-rpc.js';
import { sendOne, sendAll, eventFields, openProjects, waitForBlock, docHash } from '../lib/cycle.js';
import { openConsole, local, csvRows } from '../lib/console.js';

let console_, node, api, ctx, indexer, page, ui;
/** What the tests hand on: the project, the programme, the redemptions by resident. */
const cycle = {};

/** The text's hash as the console puts it on chain (blake2b-256 of the UTF-8 bytes). */
const textHash = (text) => blake2AsHex(text, 256);

/** Waits until the page's light client has finalized `block` (the page reads finalized state). */
async function finalized (block) {
  await waitFor(`block ${block} to be final`, async () => (await finalizedNumber(node.rpcPort)) >= block, { timeoutMs: 120_000 });
}

/** Waits until the indexer lists `path` with `count` rows. */
async function indexed (path, count) {
  let rows = [];
  await waitFor(`the indexer to list ${count} rows of ${path}`, async () => {
    rows = (await indexer.get(path)).body.rows ?? [];
    return rows.length >= count;
  }, { timeoutMs: 120_000 });
  return rows;
}

before(async () => {
  console_ = await openConsole({ name: 'console-delivery', keyByte: 0x22 });
  ({ node, api, ctx, indexer, page, ui } = console_);
});

after(async () => {
  await console_?.close();
});

test('a provider bids from its view; the office reads the tally, closes the ballot and turns the award into vouchers from the console', async () => {
  const { who } = ctx;
  // The office opens an open-ballot project (its form is tested in 21-office-console).
  const { open } = await openProjects(ctx, { keys: ['open'], lead: 3, bidding: 10, voting: 5 });
  cycle.project = open.project;

  // Eve bids from the provider view, in yuan; Ferdie bids with a script.
  await ui.useKey('Eve');
  assert.equal(await page.locator('[data-testid^=role-provider]').count(), 1, 'Eve acts as a provider');
  await ui.screen('provider');
  await page.fill('[data-testid=bid-project]', String(open.project));
  await page.fill('[data-testid=bid-price]', '4400.50');
  await page.fill('[data-testid=bid-summary]', '社区食堂热餐 Hot meals from the community canteen');
  await page.fill('[data-testid=bid-proposal]', '方案全文 the full proposal');
  await finalized(open.rules.bidding.start);
  const bid = await ui.send('bid-submit');
  assert.equal(bid.phase, 'finalized', bid.text);
  const eveBid = (await api.query.procurement.bids(open.project, 0)).unwrap();
  assert.equal(eveBid.provider.toString(), who.providers.eve.address);
  const eveSlot = (await api.query.procurement.projects(open.project)).unwrap().bids[0];
  assert.equal(eveSlot.price.toNumber(), 440_050, 'the price in fen');
  assert.equal(eveBid.proposal.toHex(), textHash('方案全文 the full proposal'), 'the proposal\u2019s hash, not its text');
  assert.equal((await sendOne(ctx, api.tx.procurement.submitBid(open.project, 480_000, 'Ferdie 中央厨房', docHash('proposal/ferdie')), who.providers.ferdie)).failed, null);

  // Residents vote: four for Eve, one for Ferdie.
  await waitForBlock(api, open.rules.voting.start, { what: 'voting to open' });
  const ballots = { alice: 0, bob: 0, charlie: 0, dave: 0, eve: 1 };
  const votes = await sendAll(ctx, Object.entries(ballots).map(([name, choice]) => ({ tx: api.tx.procurement.vote(open.project, choice), signer: who.residents[name] })));
  for (const v of votes) assert.equal(v.failed, null);
  await waitForBlock(api, open.rules.voting.end, { what: 'voting to end' });
  await finalized(open.rules.voting.end);

  // The office's page: the tally as a chart, then close.
  await ui.useKey('Bob');
  await ui.screen('projects');
  await page.fill('[data-testid=project-pick]', String(open.project));
  await page.click('[data-testid=project-pick-show]');
  await page.locator('[data-testid=project-tally]').waitFor({ timeout: 60_000 });
  const series = JSON.parse(await page.getAttribute('[data-testid=project-chart]', 'data-series'));
  assert.deepEqual(series.series[0].values, [4, 1]);
  assert.match(await page.textContent('[data-testid=project-tally]'), /5/);
  const closed = await ui.send('project-close');
  assert.equal(closed.phase, 'finalized', closed.text);
  const outcome = await gongzhi(api, 'projectOutcome', open.project);
  assert.equal(JSON.stringify(outcome).includes(who.providers.eve.address), true, `awarded to Eve: ${JSON.stringify(outcome)}`);
  await page.shot('project-closed');

  // Vouchers from the award: ¥30 each, two per resident, twelve in all, claims open in a few blocks.
  await ui.screen('programmes');
  const now = Date.now();
  await page.fill('[data-testid=programme-project]', String(open.project));
  await page.fill('[data-testid=programme-name]', '长者助餐券 Meal voucher');
  await page.fill('[data-testid=programme-unit]', '30');
  await page.fill('[data-testid=programme-per]', '2');
  await page.fill('[data-testid=programme-supply]', '12');
  await page.fill('[data-testid=programme-opens]', local(now + 12_000));
  await page.fill('[data-testid=programme-closes]', local(now + 3_600_000));
  await page.fill('[data-testid=programme-expires]', local(now + 86_400_000));
  const id = (await api.query.vouchers.nextProgrammeId()).toNumber();
  const created = await ui.send('programme-create');
  assert.equal(created.phase, 'finalized', created.text);
  const programme = await gongzhi(api, 'programme', id);
  assert.ok(programme, `programme #${id} exists`);
  assert.equal(Number(programme.unitValue), 3_000, 'the value in fen');
  assert.equal(Number(programme.supply), 12);
  assert.deepEqual(programme.providers, [who.providers.eve.address], 'only the awarded provider');
  assert.equal(Number(programme.project), open.project, 'from the award');
  assert.equal(programme.serviceName, '长者助餐券 Meal voucher');
  cycle.programme = id;
  cycle.claimOpens = Number(programme.claimOpens);
  await page.shot('programme-created');
});

test('residents redeem; the provider confirms from its list; the office reads the chart and the cash-out signals, and settles', async () => {
  const { who } = ctx;
  assert.ok(cycle.programme !== undefined, 'the programme from the first test');
  await waitForBlock(api, cycle.claimOpens, { what: 'claims to open' });
  const names = Object.keys(who.residents);
  const claims = await sendAll(ctx, names.map((name) => ({ tx: api.tx.vouchers.claim(cycle.programme), signer: who.residents[name] })));
  const vouchers = Object.fromEntries(names.map((name, i) => [name, eventFields(claims[i], 'vouchers', 'VoucherClaimed')?.voucher]));
  for (const name of names) assert.notEqual(vouchers[name], undefined, `${name} claimed: ${claims[names.indexOf(name)].failed}`);
  // All six redeem with Eve within a minute: more than Eve says it can serve in a day, and a burst.
  const redeemed = await sendAll(ctx, names.map((name) => ({ tx: api.tx.vouchers.redeem(vouchers[name], who.providers.eve.address), signer: who.residents[name] })));
  cycle.redemptions = Object.fromEntries(names.map((name, i) => [name, eventFields(redeemed[i], 'vouchers', 'VoucherRedeemed')?.redemption]));
  const ids = names.map((n) => Number(cycle.redemptions[n]));
  for (const r of ids) assert.ok(Number.isInteger(r), `redeemed: ${JSON.stringify(cycle.redemptions)}`);
  const rows = await indexed(`/redemptions?programme=${cycle.programme}`, names.length);

  // Eve's list of services to confirm comes from the indexer; she confirms two from the page.
  await ui.useKey('Eve');
  await ui.redraw('provider');
  for (const r of ids) await page.locator(`[data-testid="confirm-${r}"]`).waitFor();
  for (const r of ids.slice(0, 2)) {
    await page.fill(`[data-testid="confirm-${r}-record"]`, `服务记录 ${r}：送餐到户`);
    const done = await ui.send(`confirm-${r}`);
    assert.equal(done.phase, 'finalized', done.text);
    const voucher = (await api.query.vouchers.redemptionVoucher(r)).unwrap();
    const { state } = (await api.query.vouchers.vouchers(voucher)).unwrap();
    assert.ok(state.isConfirmed, `redemption #${r} is ${state.type}`);
    assert.equal(state.asConfirmed.serviceRecord.toHex(), textHash(`服务记录 ${r}：送餐到户`));
  }
  // The rest by script (the same call).
  const rest = await sendAll(ctx, ids.slice(2).map((r) => ({ tx: api.tx.vouchers.confirm(r, docHash(`record/${r}`)), signer: who.providers.eve })));
  for (const c of rest) assert.equal(c.failed, null);
  await page.shot('provider-confirmed');

  // The office: redemptions per provider per day, and the signals with Eve's stated capacity.
  await ui.useKey('Bob');
  await ui.screen('programmes');
  await page.fill('[data-testid=capacity]', `${who.providers.eve.address}=3`);
  await page.dispatchEvent('[data-testid=capacity]', 'change');
  await page.fill('[data-testid=programme-pick]', String(cycle.programme));
  await page.click('[data-testid=programme-pick-show]');
  await page.locator('[data-testid=programme-chart]').waitFor({ timeout: 60_000 });
  const chart = JSON.parse(await page.getAttribute('[data-testid=programme-chart]', 'data-series'));
  const days = [...new Set(rows.map((r) => r.day))].sort();
  assert.deepEqual(chart.categories, days, JSON.stringify(chart));
  assert.equal(chart.series.length, 1, 'one provider');
  assert.equal(chart.series[0].values.reduce((a, b) => a + b, 0), names.length);
  const claimsChart = JSON.parse(await page.getAttribute('[data-testid=programme-claims-chart]', 'data-series'));
  assert.deepEqual(claimsChart.series.map((x) => x.values.reduce((a, b) => a + b, 0)), [names.length, 0], 'six claimed, none issued');
  const signals = csvRows(await ui.download('signals-export'));
  const kinds = signals.map((s) => s[0]);
  assert.ok(kinds.some((k) => k.startsWith('超出申报的每日服务能力（3 人）')), kinds.join(' | '));
  assert.ok(kinds.some((k) => k.startsWith('多位居民在 10 分钟内向同一机构核销')), kinds.join(' | '));
  // Odd hours (22:00–06:00 China time) are flagged exactly when the redemptions fell in them.
  const odd = rows.filter((r) => r.hour >= 22 || r.hour < 6).length;
  assert.equal(kinds.some((k) => k.startsWith('非正常时段核销')), odd > 0, `${odd} redemptions at odd hours`);
  for (const s of signals) {
    assert.equal(s[1], who.providers.eve.address);
    for (const r of s[4].split(' ')) assert.ok(ids.includes(Number(r)), `signal names redemption ${r}`);
  }
  const capacitySignal = signals.find((s) => s[0].startsWith('超出'));
  assert.equal(Number(capacitySignal[3]), names.length);
  await page.shot('programme-signals');

  // Settlement of all six, ¥180 with the bank's reference, by the office's clerk: Alice, whom
  // the office made its proxy for Gongzhi's calls (the console wraps the call in proxy.proxy).
  const delegated = await sendOne(ctx, api.tx.proxy.addProxy(who.outsider.address, 'Gongzhi', 0), who.office);
  assert.equal(delegated.failed, null);
  await finalized(delegated.blockNumber);
  await ui.useKey('Alice', { proxyOf: who.office.address });
  assert.equal(await page.locator('[data-testid=role-office-0]').count(), 1, 'the proxy acts for the office admin');
  await ui.screen('programmes');
  const [aliceNonce, bobNonce] = [(await api.rpc.system.accountNextIndex(who.outsider.address)).toNumber(), (await api.rpc.system.accountNextIndex(who.office.address)).toNumber()];
  await page.fill('[data-testid=settle-provider]', who.providers.eve.address);
  await page.fill('[data-testid=settle-ids]', ids.join('，'));
  await page.fill('[data-testid=settle-amount]', '180');
  await page.fill('[data-testid=settle-reference]', '转账凭证 BANK-2026-12-001');
  const settled = await ui.send('settle');
  assert.equal(settled.phase, 'finalized', settled.text);
  const number = (await api.query.vouchers.nextSettlementId()).toNumber() - 1;
  const record = (await api.query.vouchers.settlements(number)).unwrap();
  assert.equal(record.provider.toString(), who.providers.eve.address);
  assert.equal(record.amount.toNumber(), 18_000, 'the amount in fen');
  assert.equal(record.paymentReference.toHex(), textHash('转账凭证 BANK-2026-12-001'));
  assert.deepEqual(record.redemptions.map((r) => r.toNumber()).sort((a, b) => a - b), [...ids].sort((a, b) => a - b));
  assert.equal((await api.rpc.system.accountNextIndex(who.outsider.address)).toNumber(), aliceNonce + 1, 'Alice signed it');
  assert.equal((await api.rpc.system.accountNextIndex(who.office.address)).toNumber(), bobNonce, 'not Bob');
  // Settling again is refused with the chain's reason, in Chinese, though the proxy call itself
  // went through (the failure is inside it).
  const again = await ui.send('settle');
  assert.equal(again.phase, 'failed', again.text);
  assert.match(again.text, /已经结算过/);
});

test('a bad rating opens a case: the provider answers from its view, the office closes it; the scorecard exports', async () => {
  const { who } = ctx;
  assert.ok(cycle.redemptions, 'the redemptions from the second test');
  const ratings = { alice: 5, bob: 1, charlie: 4 };
  const rated = await sendAll(ctx, Object.entries(ratings).map(([name, score]) => ({
    tx: api.tx.satisfaction.rate(cycle.redemptions[name], score, score <= 2 ? docHash(`comment/${name}`) : null),
    signer: who.residents[name]
  })));
  const opened = eventFields(rated[1], 'satisfaction', 'CaseOpened');
  assert.ok(opened, `Bob's rating of 1 opens a case: ${rated[1].failed}`);
  const kase = Number(opened.case);
  await indexed(`/cases?provider=${who.providers.eve.address}&status=open`, 1);

  await ui.useKey('Eve');
  await ui.redraw('provider');
  await page.fill(`[data-testid="respond-${kase}-text"]`, '已上门回访，更换菜单 Visited, menu changed');
  const responded = await ui.send(`respond-${kase}`);
  assert.equal(responded.phase, 'finalized', responded.text);
  const afterResponse = (await api.query.satisfaction.cases(kase)).unwrap();
  assert.match(JSON.stringify(afterResponse.toJSON()), new RegExp(textHash('已上门回访，更换菜单 Visited, menu changed').slice(2)));
  await page.shot('provider-responded');

  await ui.useKey('Bob');
  await waitFor('the indexer to see the response', async () => ((await indexer.get(`/cases?provider=${who.providers.eve.address}`)).body.rows ?? []).some((c) => Number(c.case_id) === kase && c.status !== 'open'), { timeoutMs: 120_000 });
  await ui.redraw('cases');
  await page.selectOption(`[data-testid="case-${kase}-outcome"]`, 'Rectified');
  const closed = await ui.send(`case-${kase}-close`);
  assert.equal(closed.phase, 'finalized', closed.text);
  const stored = (await api.query.satisfaction.cases(kase)).unwrap();
  assert.match(JSON.stringify(stored.toJSON()), /rectified/i);

  await page.fill('[data-testid=scorecard-provider]', who.providers.eve.address);
  // The indexer's scorecard follows the chain: wait until it has the closed case.
  await waitFor('the indexer to see the case closed', async () => ((await indexer.get(`/cases?provider=${who.providers.eve.address}&status=closed`)).body.rows ?? []).length === 1, { timeoutMs: 120_000 });
  await page.click('[data-testid=scorecard-show]');
  await page.locator('[data-testid=scorecard-export]').waitFor({ timeout: 60_000 });
  const text = await ui.download('scorecard-export');
  const header = text.slice(1).split('\r\n')[0].split(',');
  const [values] = csvRows(text);
  const card = Object.fromEntries(header.map((h, i) => [h, values[i]]));
  // Column names in Chinese; three ratings (5, 1, 4), one case opened and closed, ¥180 settled.
  assert.equal(card['服务机构'], who.providers.eve.address);
  assert.equal(Number(card['评价数']), 3, JSON.stringify(card));
  assert.ok(Math.abs(Number(card['平均评分']) - 10 / 3) < 1e-9, JSON.stringify(card));
  assert.equal(Number(card['整改件数']), 1);
  assert.equal(Number(card['已结案']), 1);
  assert.equal(Number(card['已结算金额（分）']), 18_000);
  assert.equal(Number(card['中标次数']), 1);
  await page.shot('scorecard');
});
