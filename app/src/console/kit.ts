// The console's building blocks: labelled inputs (dates entered as dates and shown with the
// block they stand for), a button that sends a call as the current identity (direct, proxy or
// multisig proposal) with a live status line, tables that export to CSV, and the indexer.

import { blake2b } from '@noble/hashes/blake2.js';
import type { Transaction } from 'polkadot-api';
import { h } from '../ui';
import { describe, send } from '../tx';
import { blockTime, formatDate, t } from '../i18n';
import { toHex, utf8 } from '../bytes';
import type { Chain } from '../chain';
import { ct, type ConsoleKey } from './i18n';
import { downloadCsv, toCsv } from './csv';
import { innerFailure, viaProxy, wrap, type Acting } from './acting';
import { explain } from '../explain';

/** blake2b-256 of a text: what goes on chain for a document, a record or a reference. */
export const textHash = (text: string): `0x${string}` => toHex(blake2b(utf8(text), { dkLen: 32 }));

/** A labelled field around `input`. */
export function field(label: string, input: HTMLElement, hint?: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', {}, label), input, hint ?? '');
}

export function input(testid: string, value: string | number = '', type = 'text', attrs: Record<string, string> = {}): HTMLInputElement {
  return h('input', { 'data-testid': testid, type, value: String(value), ...attrs });
}

/** The block a date stands for, from the finalized block's number and time (6-second blocks). */
export function dateToBlock(date: Date, clock: { number: number; timestampMs: number }, slotMs = 6000): number {
  return clock.number + Math.round((date.getTime() - clock.timestampMs) / slotMs);
}

/** `yyyy-mm-ddThh:mm:ss` in local time, as a datetime-local input takes it. */
export function localInputValue(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

/** A date-and-time input, with the block it converts to shown beside it and readable as `.block()`. */
export function dateInput(chain: Chain, testid: string, initial: Date): HTMLInputElement & { block: () => number } {
  const el = input(testid, localInputValue(initial), 'datetime-local', { step: '1' }) as HTMLInputElement & { block: () => number };
  el.block = () => {
    const d = new Date(el.value);
    if (Number.isNaN(d.getTime())) throw new Error(ct('common.badDate'));
    return dateToBlock(d, chain.clock());
  };
  return el;
}

/** The hint under a date input: "≈ block N", kept current as the date changes. */
export function blockHint(el: HTMLInputElement & { block: () => number }): HTMLElement {
  const hint = h('small', { class: 'note', 'data-testid': `${el.dataset.testid}-block` });
  const show = () => {
    try { hint.textContent = ct('survey.blocks', { block: el.block() }); } catch { hint.textContent = ''; }
  };
  el.addEventListener('input', show);
  show();
  return hint;
}

export const number = (el: HTMLInputElement): number => {
  const n = Number(el.value);
  if (el.value.trim() === '' || !Number.isFinite(n)) throw new Error(ct('common.badNumber'));
  return n;
};

/** Yuan typed by a clerk → fen (分) on chain. */
export const fen = (el: HTMLInputElement): bigint => BigInt(Math.round(number(el) * 100));

/** A date for a block number, as the console shows it. */
export const blockDate = (chain: Chain, n: number) => formatDate(blockTime(n, chain.clock()));

/** Call data this browser proposed to a multisig, by call hash: what approvers need. */
const CALLS = 'gongzhi.console.calls';
export function rememberCall(hash: string, data: string) {
  const all = JSON.parse(localStorage.getItem(CALLS) ?? '{}');
  all[hash] = data;
  localStorage.setItem(CALLS, JSON.stringify(all));
}
export const knownCall = (hash: string): string | undefined => JSON.parse(localStorage.getItem(CALLS) ?? '{}')[hash];

/**
 * A button that sends the call `build` makes, as the identity `acting()` (proxy, multisig
 * proposal), and a live status line under it (`<testid>-status`, `data-phase`). A multisig
 * proposal also shows the call data to share with the other signatories (`<testid>-calldata`).
 */
export function sendButton(opts: {
  chain: Chain;
  acting: () => Acting | null;
  label: string;
  testid: string;
  build: () => Transaction<any, any> | Promise<Transaction<any, any>>;
  after?: (events: any[]) => void;
}): HTMLElement {
  const status = h('p', { class: 'tx-status', 'data-testid': `${opts.testid}-status`, role: 'status', 'aria-live': 'polite' });
  const share = h('div', { class: 'share' });
  const button = h('button', { class: 'primary', 'data-testid': opts.testid }, opts.label);
  const fail = (message: string) => {
    status.textContent = t('tx.failed', { reason: message });
    status.dataset.phase = 'failed';
    status.className = 'tx-status error';
  };
  button.addEventListener('click', async () => {
    const acting = opts.acting();
    if (!acting) return fail(ct('acting.none'));
    button.disabled = true;
    status.className = 'tx-status';
    delete status.dataset.phase;
    share.replaceChildren();
    try {
      const tx = await opts.build();
      const outer = await wrap(opts.chain, acting, tx);
      const done = await send(opts.chain, acting.key, outer, (state) => {
        // A call that failed inside a proxy or multisig is reported below, never as done.
        if (state.phase === 'finalized' && innerFailure(state.events)) return;
        status.textContent = describe(state);
        status.dataset.phase = state.phase;
        if (state.phase === 'failed') status.className = 'tx-status error';
        if (state.phase === 'finalized') status.className = 'tx-status ok';
      }, { requireFree: false });
      const inner = innerFailure(done.events as unknown[]);
      if (inner) {
        fail(explain(inner));
        return;
      }
      if (acting.multisig) {
        const encoded = await viaProxy(opts.chain, acting, tx).getEncodedData();
        const data = toHex(encoded);
        const hash = toHex(blake2b(encoded, { dkLen: 32 }));
        rememberCall(hash, data);
        share.replaceChildren(h('p', { class: 'note' }, ct('multisig.proposed')), h('textarea', { readonly: true, 'data-testid': `${opts.testid}-calldata`, 'data-hash': hash, rows: 3 }, data));
      }
      opts.after?.(done.events as any[]);
    } catch (error) {
      if (status.dataset.phase !== 'failed') fail((error as Error).message);
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'tx' }, button, status, share);
}

/** A table with a CSV export button (`<testid>-export`); `name` is the download's file name. */
export function table(testid: string, name: string, header: string[], rows: unknown[][], exportLabel: ConsoleKey = 'programme.export'): HTMLElement {
  // A page shows the first rows; the export holds them all (a 10,000-row import report in the
  // DOM would make the page crawl).
  const shown = rows.slice(0, TABLE_ROWS_SHOWN);
  const body = rows.length
    ? h('table', { 'data-testid': testid, 'data-rows': rows.length },
      h('thead', {}, h('tr', {}, ...header.map((c) => h('th', {}, c)))),
      h('tbody', {}, ...shown.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c === null || c === undefined ? '' : String(c)))))))
    : h('p', { class: 'note', 'data-testid': testid }, ct('common.empty'));
  const more = rows.length > shown.length ? h('p', { class: 'note', 'data-testid': `${testid}-more` }, ct('common.moreRows', { shown: shown.length, total: rows.length })) : '';
  const button = h('button', { class: 'secondary', 'data-testid': `${testid}-export`, onclick: () => downloadCsv(name, toCsv(header, rows)) }, ct(exportLabel));
  return h('div', { class: 'table' }, body, more, rows.length ? button : '');
}

/** How many rows a table shows in the page (all of them go into its CSV export). */
export const TABLE_ROWS_SHOWN = 200;

/** Where the indexer's HTTP API is: `?indexer=`, or `indexer/` beside the page (the dev server proxies it). */
export function indexerBase(): string {
  const given = new URLSearchParams(location.search).get('indexer');
  return (given ?? new URL('indexer/', location.href).toString()).replace(/\/?$/, '/');
}

/** GET `path` (e.g. `surveys/3/responses-over-time`) from the indexer as JSON. */
export async function indexer<T = any>(path: string): Promise<T> {
  const response = await fetch(indexerBase() + path.replace(/^\//, ''), { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${ct('common.indexer')}: ${(await response.json().catch(() => ({})))?.error?.message ?? response.status}`);
  return response.json();
}

/** Every row of an indexer table listing (`redemptions?programme=1`), page by page, up to `max`. */
export async function indexerRows(path: string, max = 20_000): Promise<any[]> {
  const rows: any[] = [];
  let offset = 0;
  const sep = path.includes('?') ? '&' : '?';
  while (rows.length < max) {
    const page = await indexer<{ rows: any[]; next_offset: number | null }>(`${path}${sep}limit=1000&offset=${offset}`);
    rows.push(...page.rows);
    if (page.next_offset === null || page.next_offset === undefined) break;
    offset = page.next_offset;
  }
  return rows;
}

/** The message key's text, or the error's own message. */
export const messageOf = (error: unknown) => {
  const key = (error as { key?: string }).key;
  return key ? ct(key as ConsoleKey) : (error as Error).message;
};
