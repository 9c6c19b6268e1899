// Driving the office console (app/console.html) from a test: its screens, the acting identity,
// transaction status lines, CSV downloads and date fields.

import { readFileSync, rmSync } from 'node:fs';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { startNode, nodeKey, rawChainSpec, finalizedNumber, waitFor } from './node.js';
import { gongzhiRpc } from './gongzhi-rpc.js';
import { cycleContext } from './cycle.js';
import { startIndexer, sqliteUrl } from './indexer.js';
import { openPhone, ARTIFACTS } from './browser.js';
import { serve } from '../../app/scripts/serve.mjs';

/** A time `ms` as a datetime-local input takes it (the page and the test share the machine's zone). */
export function local (ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The console's actions on `page`. */
export function consoleDriver (page) {
  /** Opens a screen from the navigation and waits for it to be drawn. */
  async function screen (route) {
    await page.click(`[data-testid="nav-${route}"]`);
    await page.locator(`[data-testid=screen][data-route="#/${route}"][data-ready=true]`).waitFor({ timeout: 120_000 });
  }

  /** Draws a screen again (it reads the chain and the indexer when drawn). */
  async function redraw (route) {
    await screen(route === 'acting' ? 'surveys' : 'acting');
    await screen(route);
  }

  /** Waits for the screen's next render after `action`. */
  async function rerender (action) {
    const n = Number(await page.getAttribute('[data-testid=screen]', 'data-render') ?? 0);
    await action();
    await page.waitForFunction((m) => { const s = document.querySelector('[data-testid=screen]'); return s.dataset.ready === 'true' && Number(s.dataset.render) > m; }, n, { timeout: 120_000 });
  }

  /**
   * Acts as the dev key `name`: directly, as a member of a multisig (`settings.multisig`), or as
   * the proxy of an account (`settings.proxyOf`).
   */
  async function useKey (name, settings = {}) {
    await screen('acting');
    await rerender(() => page.click(`[data-testid="key-${name}"]`));
    const on = await page.isChecked('[data-testid=multisig-on]');
    if (Boolean(settings.multisig) !== on) await page.click('[data-testid=multisig-on]');
    if (settings.multisig) {
      await page.fill('[data-testid=multisig-threshold]', String(settings.multisig.threshold));
      await page.fill('[data-testid=multisig-signatories]', settings.multisig.signatories.join('\n'));
    }
    await page.fill('[data-testid=proxy-of]', settings.proxyOf ?? '');
    await rerender(() => page.click('[data-testid=acting-save]'));
  }

  /** Waits for the send button `testid`'s transaction to be finalized or to fail: its phase and text. */
  async function txDone (testid, timeout = 180_000) {
    const status = page.locator(`[data-testid="${testid}-status"]`);
    await status.and(page.locator('[data-phase=finalized], [data-phase=failed]')).waitFor({ timeout });
    return { phase: await status.getAttribute('data-phase'), text: await status.textContent() };
  }

  /** Clicks the send button `testid` and waits for its transaction: its phase and text. */
  async function send (testid, timeout) {
    await page.click(`[data-testid="${testid}"]`);
    return txDone(testid, timeout);
  }

  /** Clicks an export button and returns the downloaded CSV's text. */
  async function download (testid) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
    return readFileSync(await file.path(), 'utf8');
  }

  return { screen, redraw, rerender, useKey, txDone, send, download };
}

/**
 * A dev node (p2p key from `keyByte`), the indexer on SQLite beside it, the console served
 * against both, @polkadot/api with the cycle's context, and the console open at desk size in
 * headless Chromium once its light client is ready. Screenshots go to `e2e/artifacts/<name>/`
 * (emptied first). `close()` stops all of it, taking a last screenshot.
 */
export async function openConsole ({ name, keyByte, query = '' }) {
  rmSync(`${ARTIFACTS}/${name}`, { recursive: true, force: true });
  const { key, peerId } = nodeKey(keyByte);
  const node = await startNode({ name: `dev-for-${name}`, nodeKey: key, ws: true });
  // What is started is stopped again if a later step fails, so a failed set-up ends the file at
  // once instead of leaving the node running until the file's timeout.
  const started = [];
  const stopAll = async () => { for (const stop of started.reverse()) await stop().catch(() => {}); };
  started.push(() => node.stop());
  let indexer, server, api, ctx, desk;
  try {
    const [specPath] = rawChainSpec('dev', [node.multiaddr(peerId)]);
    indexer = await startIndexer({ nodeUrl: node.wsUrl, database: sqliteUrl(name), name });
    started.push(() => indexer.stop?.());
    server = await serve({ spec: specPath, port: 0, indexer: indexer.url });
    started.push(() => server.close());
    api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), rpc: gongzhiRpc, noInitWarn: true });
    started.push(() => api.disconnect());
    ctx = await cycleContext(api);
    await waitFor('the node to finalize block 1', async () => (await finalizedNumber(node.rpcPort)) >= 1, { timeoutMs: 90_000 });
    desk = await openPhone(`${server.url}console.html${query}`, { name });
    started.push(() => desk.browser.close());
    await desk.page.setViewportSize({ width: 1280, height: 900 });
    await desk.page.locator('[data-testid=sync][data-phase=ready]').waitFor({ timeout: 120_000 });
  } catch (e) {
    await stopAll();
    throw e;
  }
  const { page } = desk;
  return {
    node,
    api,
    ctx,
    indexer,
    page,
    ui: consoleDriver(page),
    async close () {
      await page.shot('last').catch(() => {});
      await stopAll();
    }
  };
}

/** A CSV export's rows (after its byte-order mark and header) as arrays of cells. */
export function csvRows (text) {
  if (!text.startsWith('\uFEFF')) throw new Error('a CSV for Excel starts with a byte-order mark');
  return text.slice(1).trim().split('\r\n').slice(1).map((line) => parseLine(line));
}

function parseLine (line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells;
}
