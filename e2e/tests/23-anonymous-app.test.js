// The resident app votes anonymously (匿名投票, issue 19), in headless Chromium at a phone's size,
// through the smoldot light client inside the page. A resident (Dave//stash, Riverside) registers
// an anonymous-ballot key from the page (the secret made and sealed in the vault there, the
// proof of possession made by npm `verifiablejs` in a web worker); two neighbours register theirs
// from a script. The office opens an anonymous project for Riverside; the chain fixes its ring of
// three. The resident taps a bid: the page reads the ring, checks its root, proves in the worker
// and sends a general transaction with no signer; then changes the ballot under the same alias.
// Checked on chain: one ballot under one alias, the tally, no signed extrinsic carrying it.
// Screenshots go to e2e/artifacts/anonymous-app/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { startNode, nodeKey, rawChainSpec, finalizedNumber, waitFor } from '../lib/node.js';
import { gongzhiRpc } from '../lib/gongzhi-rpc.js';
import { cycleContext, sendOne, sendAll, eventFields, bestNumber, waitForBlock, DISTRICT } from '../lib/cycle.js';
import { memberKey, projectTallies } from '../lib/anon.js';
import { serveApp, openPhone, textOf, txOutcome, go, pageFinalized, ARTIFACTS } from '../lib/browser.js';

const PASSWORD = 'gongzhi-e2e-pass';

let node, api, ctx, server, phone, page;

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
  const daveKey = history[0].key.toHex();
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
  const event = await findCast(project, rules.voting.start);
  const block = await api.rpc.chain.getBlock(event.blockHash);
  const xt = block.block.extrinsics[event.index];
  assert.equal(xt.method.section, 'procurement');
  assert.equal(xt.method.method, 'castAnonymousBallot');
  assert.equal(xt.isSigned, false);
  assert.ok(!xt.toHex().includes(u8aToHex(api.createType('AccountId', dave.address).toU8a()).slice(2)), "the resident's account id is not in the extrinsic");

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

/** Waits until the page, redrawn after its anonymous ballot is final, shows the outcome above
 * the screen and a finalized receipt for `bid` changed `changes` times; fails with the ballot's
 * status line if it failed. */
async function votedFor (project, bid, changes) {
  const failed = page.locator(`[data-testid="anon-vote-${project}-${bid}-status"][data-phase="failed"]`);
  const receipt = page.locator(`[data-testid="receipt-${project}-anonymous"]`, { hasText: `修改过 ${changes} 次` });
  // The failed line, if it comes first, fails the test; otherwise it is never waited for again.
  const failure = failed.waitFor({ timeout: 240_000 }).then(() => failed.textContent(), () => null);
  await Promise.race([
    receipt.waitFor({ timeout: 240_000 }),
    failure.then((text) => (text === null ? new Promise(() => {}) : assert.fail(`the ballot failed: ${text}`)))
  ]);
  assert.match(await textOf(page, 'flash'), /匿名投给这家 · 已最终确认（第 \d+ 块）。/);
  assert.match(await textOf(page, `receipt-${project}-choice`), new RegExp(`第 ${bid} 号`));
  assert.equal(await page.getAttribute(`[data-testid="receipt-${project}-final"]`, 'data-final'), 'true');
}

/** The block hash and extrinsic index of the first `AnonymousBallotCast` of `project` from block `from`. */
async function findCast (project, from) {
  for (let n = from; n <= await bestNumber(api); n++) {
    const blockHash = await api.rpc.chain.getBlockHash(n);
    for (const { event, phase } of await api.query.system.events.at(blockHash)) {
      if (event.section === 'procurement' && event.method === 'AnonymousBallotCast' && event.data.project.toNumber() === project) {
        return { blockHash, index: phase.asApplyExtrinsic.toNumber() };
      }
    }
  }
  throw new Error('no AnonymousBallotCast');
}
