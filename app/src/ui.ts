// A small DOM toolkit for the screens: elements, a transaction status line, QR codes.

import QRCode from 'qrcode';
import { describe, send, type TxState } from './tx';
import type { Transaction } from 'polkadot-api';
import type { Account } from './keys';
import type { Chain, SyncState } from './chain';
import { blockTime, formatDate, t } from './i18n';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

/** `h('button', { onclick, 'data-testid': 'vote' }, 'text')`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function card(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

/** A paragraph of quieter text. */
export const note = (text: string, attrs: Attrs = {}) => h('p', { class: 'note', ...attrs }, text);

/** The date a block number stands for, as "about …". */
export function blockDate(chain: Chain, n: number): string {
  return t('common.aboutBlock', { date: formatDate(blockTime(n, chain.clock())) });
}

/** A block number with its estimated date: "第 120 块（約 …）". */
export function blockWithDate(chain: Chain, n: number): string {
  return `${formatDate(blockTime(n, chain.clock()))}`;
}

/** Transactions this page is sending now: a screen is not redrawn under one in flight. */
export const activity = { inFlight: 0, lastOutcome: '' };

/**
 * A button that sends a transaction and, under it, a live line in plain words: checking →
 * signing → submitted → in block → finalized (or why it failed). `after` runs once finalized.
 */
export function txButton(opts: {
  label: string;
  testid: string;
  chain: Chain;
  account: () => Account;
  build: () => Transaction<any, any> | Promise<Transaction<any, any>>;
  before?: () => Promise<void> | void;
  after?: (state: TxState & { phase: 'finalized' }) => void;
  kind?: 'primary' | 'secondary';
}): HTMLElement {
  const status = h('p', { class: 'tx-status', 'data-testid': `${opts.testid}-status`, role: 'status', 'aria-live': 'polite' });
  const button = h('button', { class: opts.kind ?? 'primary', 'data-testid': opts.testid }, opts.label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    activity.inFlight++;
    status.className = 'tx-status';
    delete status.dataset.phase;
    status.textContent = '';
    try {
      const tx = await opts.build();
      await opts.before?.();
      const done = await send(opts.chain, opts.account(), tx, (state) => {
        status.textContent = describe(state);
        status.dataset.phase = state.phase;
        if (state.phase === 'failed') status.className = 'tx-status error';
        if (state.phase === 'finalized') status.className = 'tx-status ok';
      });
      // Kept above the screen after it is redrawn with the new state.
      activity.lastOutcome = `${opts.label} · ${describe(done)}`;
      opts.after?.(done);
    } catch (error) {
      if (!status.dataset.phase || status.dataset.phase !== 'failed') {
        status.textContent = t('tx.failed', { reason: (error as Error).message });
        status.dataset.phase = 'failed';
        status.className = 'tx-status error';
      }
    } finally {
      button.disabled = false;
      activity.inFlight--;
    }
  });
  return h('div', { class: 'tx' }, button, status);
}

/** A QR code of `text`, with the text kept on the element for scanners and tests. */
export function qr(text: string, testid: string): HTMLElement {
  const img = h('img', { class: 'qr', alt: 'QR', 'data-testid': testid, 'data-payload': text });
  QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 280 }).then((url) => {
    img.src = url;
  });
  return img;
}

export function errorBox(message: string): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, message);
}

/** Bytes stored as UTF-8 on chain (names, summaries) as text. */
export const text = (bytes: Uint8Array | string) => (typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));

/** Shows the light client's state on the page's status line (text, and data- attributes for tests). */
export function showSync(line: HTMLElement, s: SyncState) {
  line.textContent = s.phase === 'starting' ? t('sync.starting') : s.phase === 'connecting' ? t('sync.connecting') : t(s.phase === 'syncing' ? 'sync.syncing' : 'sync.ready', s as any);
  line.dataset.phase = s.phase;
  line.dataset.finalized = String(s.finalized);
  line.dataset.best = String(s.best);
}
