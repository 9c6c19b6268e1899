// Benchmarks of the resident app (issue 14), for scripts/bench-app.sh — measured, never asserted:
//
//   load   page load → light client synced and the first screen drawn, on a dev chain of at least
//          BENCH_APP_BLOCKS finalized blocks: cold (a new browser profile: nothing cached) and
//          warm (a reload: the runtime's metadata cached in the page's storage).
//   vote   tap "vote" → the page shows the ballot in a block, then finalized, on a dev chain with
//          the real 6-second blocks.
//
//   node bench-app.js load|vote  > figures.json     (GONGZHI_NODE: the node binary to run)

import { ApiPromise, WsProvider } from '@polkadot/api';
import { startNode, nodeKey, rawChainSpec, finalizedNumber, waitFor } from './lib/node.js';
import { gongzhiRpc } from './lib/gongzhi-rpc.js';
import { cycleContext, openProjects, submitBids, BIDS } from './lib/cycle.js';
import { serveApp, openPhone, go } from './lib/browser.js';

const mode = process.argv[2];
const RUNS = Number(process.env.BENCH_APP_RUNS ?? 5);
const BLOCKS = Number(process.env.BENCH_APP_BLOCKS ?? 1000);
const say = (...a) => console.error('[bench-app]', ...a);
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { runs: s.length, min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1], all: xs };
};

async function timeToReady (page) {
  // From navigation start (the page's own clock) to the sync line saying "synced" and the
  // account screen drawn from chain data.
  await page.locator('[data-testid="sync"][data-phase="ready"]').waitFor({ timeout: 300_000 });
  await page.locator('[data-testid="screen"][data-ready="true"]').waitFor({ timeout: 300_000 });
  return page.evaluate(() => performance.now());
}

async function load () {
  const { key, peerId } = nodeKey(0x31);
  const node = await startNode({ name: 'bench-app-load', nodeKey: key, ws: true });
  try {
    say(`waiting for ${BLOCKS} finalized blocks`);
    await waitFor(`${BLOCKS} finalized blocks`, async () => (await finalizedNumber(node.rpcPort)) >= BLOCKS, { timeoutMs: 3 * 3600_000, everyMs: 5000 });
    const [specPath] = rawChainSpec('dev', [node.multiaddr(peerId)]);
    const server = await serveApp(specPath);
    const cold = [];
    const warm = [];
    let height = 0;
    for (let i = 0; i < RUNS; i++) {
      const phone = await openPhone(server.url, { name: 'bench-app' });
      cold.push(await timeToReady(phone.page));
      await phone.page.reload();
      warm.push(await timeToReady(phone.page));
      height = Number(await phone.page.getAttribute('[data-testid=sync]', 'data-finalized'));
      await phone.browser.close();
      say(`run ${i + 1}: cold ${cold.at(-1).toFixed(0)} ms, warm ${warm.at(-1).toFixed(0)} ms at block ${height}`);
    }
    await server.close();
    return { chainFinalized: height, coldMs: stats(cold), warmMs: stats(warm) };
  } finally {
    await node.stop();
  }
}

async function vote () {
  const { key, peerId } = nodeKey(0x32);
  const node = await startNode({ name: 'bench-app-vote', nodeKey: key, ws: true });
  const api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), rpc: gongzhiRpc, noInitWarn: true });
  try {
    const ctx = await cycleContext(api);
    // One resident may cast a ballot and change it MaxVoteChanges (3) times: four taps each.
    const projects = await submitBids(ctx, await openProjects(ctx, { keys: ['open'], lead: 2, bidding: 2, voting: 400 }), BIDS);
    const { project, bids, rules } = projects.open;
    await waitFor('voting to be final', async () => (await finalizedNumber(node.rpcPort)) >= rules.voting.start, { timeoutMs: 180_000 });
    const [specPath] = rawChainSpec('dev', [node.multiaddr(peerId)]);
    const server = await serveApp(specPath);
    const inBlock = [];
    const finalized = [];
    for (const resident of ['Alice//stash', 'Bob//stash']) {
      const phone = await openPhone(server.url, { name: 'bench-app' });
      const { page } = phone;
      await timeToReady(page);
      await page.click(`[data-testid="dev-${resident}"]`);
      await page.fill('[data-testid=password]', 'bench-password');
      await page.fill('[data-testid=password2]', 'bench-password');
      await page.click('[data-testid=save-key]');
      await page.locator('[data-testid=community]').waitFor({ timeout: 60_000 });
      for (let i = 0; i < Math.ceil(RUNS / 2) + 1; i++) {
        await go(page, 'ballots');
        const bid = i % 2 === 0 ? bids.eve.bid : bids.ferdie.bid;
        const id = `vote-${project}-${bid}`;
        const t = await page.evaluate((testid) => {
          const status = document.querySelector(`[data-testid="${testid}-status"]`);
          const marks = {};
          new MutationObserver(() => { const p = status.dataset.phase; if (p && !(p in marks)) marks[p] = performance.now(); }).observe(status, { attributes: true, childList: true, characterData: true, subtree: true });
          window.__marks = marks;
          window.__tap = performance.now();
          document.querySelector(`[data-testid="${testid}"]`).click();
          return window.__tap;
        }, id);
        await page.locator(`[data-testid="${id}-status"][data-phase="finalized"], [data-testid="${id}-status"][data-phase="failed"]`).waitFor({ timeout: 180_000 });
        const marks = await page.evaluate(() => window.__marks);
        if (!marks.finalized) throw new Error(`vote failed: ${await page.textContent(`[data-testid="${id}-status"]`)}`);
        inBlock.push(marks.inBlock - t);
        finalized.push(marks.finalized - t);
        say(`${resident} tap ${i + 1}: in block after ${(marks.inBlock - t).toFixed(0)} ms, finalized after ${(marks.finalized - t).toFixed(0)} ms`);
      }
      await phone.browser.close();
    }
    await server.close();
    return { inBlockMs: stats(inBlock), finalizedMs: stats(finalized) };
  } finally {
    await api.disconnect();
    await node.stop();
  }
}

const result = mode === 'load' ? await load() : mode === 'vote' ? await vote() : null;
if (!result) {
  console.error('usage: node bench-app.js load|vote');
  process.exit(2);
}
console.log(JSON.stringify(result, null, 2));
process.exit(0);
