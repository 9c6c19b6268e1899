// The resident app in headless Chromium (Debian's `chromium`, driven by playwright-core): serves
// the built app (app/dist) beside a chain spec, opens it at a phone's size, and keeps screenshots.

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../app/scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = process.env.GONGZHI_ARTIFACTS ?? fileURLToPath(new URL('../artifacts', import.meta.url));
export const PHONE = { width: 360, height: 740 };

/** Serves app/dist with `specPath` as /chain-spec.json on a free port: { url, close() }. */
export function serveApp (specPath) {
  return serve({ spec: specPath, port: 0 });
}

/** A headless Chromium with a phone-sized page; `page.shot(name)` keeps a screenshot. */
export async function openPhone (url, { name = 'app', lang } = {}) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const dir = join(ARTIFACTS, name);
  mkdirSync(dir, { recursive: true });
  // The page's console (smoldot's log lines among it) is kept beside the screenshots; its debug
  // lines too with GONGZHI_PAGE_DEBUG=1 (and `?log=4` in the page's address for smoldot's).
  page.on('console', (m) => {
    if ((m.type() === 'verbose' || m.type() === 'debug') && !process.env.GONGZHI_PAGE_DEBUG) return;
    appendFileSync(join(dir, 'console.log'), `${new Date().toISOString()} ${m.type()} ${m.text()}\n`);
  });
  let n = 0;
  page.shot = async (label) => {
    const path = join(dir, `${String(++n).padStart(2, '0')}-${label}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
  page.errors = errors;
  // GONGZHI_APP_LOG=1..5: smoldot's log level in the page (errors only by default).
  const query = new URLSearchParams();
  if (lang) query.set('lang', lang);
  if (process.env.GONGZHI_APP_LOG) query.set('log', process.env.GONGZHI_APP_LOG);
  await page.goto(query.size ? `${url}?${query}` : url);
  return { browser, context, page, dir };
}

/** Text of the element with `data-testid=id`. */
export async function textOf (page, id) {
  return (await page.locator(`[data-testid="${id}"]`).first().textContent())?.trim() ?? '';
}

/** Waits for a transaction line (`<testid>-status`) to reach `phase` ('finalized' or 'failed'); returns its text. */
export async function txOutcome (page, testid, { timeoutMs = 120_000 } = {}) {
  const status = page.locator(`[data-testid="${testid}-status"]`);
  await status.and(page.locator('[data-phase="finalized"], [data-phase="failed"]')).waitFor({ timeout: timeoutMs });
  return { phase: await status.getAttribute('data-phase'), text: (await status.textContent()).trim() };
}

/** Opens a tab of the app and waits until its screen has drawn. */
export async function go (page, tab) {
  await page.click(`[data-testid="nav-${tab}"]`);
  const route = tab === 'home' ? '#/' : `#/${tab}`;
  await page.locator(`[data-testid="screen"][data-route="${route}"][data-ready="true"]`).waitFor({ timeout: 60_000 });
}

/** Waits until the page's light client has finalized block `n` (the page reads at its finalized block). */
export async function pageFinalized (page, n, { timeoutMs = 120_000 } = {}) {
  await page.waitForFunction((min) => Number(document.querySelector('[data-testid="sync"]')?.dataset.finalized ?? 0) >= min, n, { timeout: timeoutMs, polling: 500 });
}
