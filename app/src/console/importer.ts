// The chain side of a batch registration: what the chain already holds for each row, how many
// registrations one `batchAll` may carry, and the import itself, chunk after chunk, pipelined
// (the next chunk is sent when the previous is in a block), with a report of the block every row
// landed in, kept on this machine so a reload still shows it.

import type { Chain } from '../chain';
import { send, type TxState } from '../tx';
import { applyChain, chunkSize, chunks, toSend, type Roster, type RosterRow } from './roster';
import { viaProxy, type Acting } from './acting';

// What the chain holds for the rows comes from one runtime call per part
// (`GongzhiApi.roster_check`: each row's account record and person), which the light client
// checks against the finalized block with one call proof. Reading the three storage items per
// row instead was tried first: smoldot serves a bounded number of storage items at a time, and a
// 1,000-row check spent minutes queued behind "limitReached" (the console's first e2e runs).
// A part that fails (or gets no answer) is retried, halved.
const LOOKUP_BATCH = 250;
const LOOKUP_TRIES = 4;
const LOOKUP_TIMEOUT_MS = 60_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer from the light client in ${ms / 1000} s`)), ms); }),
  ]);
}

/** Reads each row's account record and person, part by part, and marks the rows. */
export async function checkAgainstChain(chain: Chain, roster: Roster, community: number, onProgress?: (checked: number, total: number) => void) {
  const rows = roster.rows.filter((r) => !r.problems.some((p) => p === 'badAddress' || p === 'missingAddress' || p === 'missingId' || p === 'badId'));
  let checked = 0;
  const check = async (part: RosterRow[], tries: number): Promise<void> => {
    try {
      await checkPart(chain, part, community);
      checked += part.length;
      onProgress?.(checked, rows.length);
    } catch (error) {
      if (tries <= 1) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
      const half = Math.ceil(part.length / 2);
      await check(part.slice(0, half), tries - 1);
      if (part.length > half) await check(part.slice(half), tries - 1);
    }
  };
  for (let i = 0; i < rows.length; i += LOOKUP_BATCH) await check(rows.slice(i, i + LOOKUP_BATCH), LOOKUP_TRIES);
}

async function checkPart(chain: Chain, part: RosterRow[], community: number, at: 'finalized' | 'best' = 'finalized') {
  const entries = await withTimeout(chain.api.apis.GongzhiApi.roster_check(part.map((r) => [r.address, r.personHash] as [string, `0x${string}`]), { at }), LOOKUP_TIMEOUT_MS);
  if (entries.length !== part.length) throw new Error(`roster_check answered ${entries.length} of ${part.length} rows`);
  part.forEach((row, j) => {
    const { account, person } = entries[j];
    applyChain(row, {
      resident: account ? { id: account.id, community: account.community, person_hash: account.person_hash, registered_at: account.registered_at } : undefined,
      person: person ? { id: person.id, account: person.account } : undefined,
    }, community);
  });
}

type Weight = { ref_time: bigint; proof_size: bigint };

/** The registrations one `batchAll` may carry on this chain, from two measured batch weights. */
export async function measureChunk(chain: Chain, acting: Acting, community: number, sample: RosterRow[]): Promise<number> {
  const weigh = async (n: number): Promise<Weight> => {
    const rows = Array.from({ length: n }, (_, i) => sample[i % sample.length]);
    const info = await batch(chain, acting, community, rows).getPaymentInfo(acting.key.address);
    return info.weight;
  };
  const [one, two] = await Promise.all([weigh(1), weigh(2)]);
  const perCall = { ref_time: two.ref_time - one.ref_time, proof_size: two.proof_size - one.proof_size };
  const base = { ref_time: one.ref_time - perCall.ref_time, proof_size: one.proof_size - perCall.proof_size };
  const limits = await chain.api.constants.System.BlockWeights();
  const max = limits.per_class.normal.max_extrinsic ?? limits.max_block;
  return chunkSize(base, perCall, max);
}

/** The `batchAll` registering `rows` into `community`, as the clerk's key sends it. */
export function batch(chain: Chain, acting: Acting, community: number, rows: RosterRow[]) {
  const calls = rows.map((r) => chain.api.tx.Community.register_resident({
    community,
    who: r.address,
    person_hash: r.personHash,
    household: r.householdHash,
  }).decodedCall);
  return viaProxy(chain, acting, chain.api.tx.Utility.batch_all({ calls }));
}

export interface Progress {
  total: number;
  sent: number;
  inBlock: number;
  finalized: number;
  chunk: number;
  chunks: number;
  /**
   * Rows not registered because the chain changed under the import: a refused chunk read again
   * found their account or person registered by someone else meanwhile. Their problems are on
   * the rows (the report names them); they are not sent.
   */
  conflicts: number;
  /** The latest chunk's state, for the status line. */
  state?: TxState;
}

/** Where a file's import report is kept on this machine: by chain, community and file digest. */
export const reportKey = (genesis: string, community: number, digest: string) => `gongzhi.import.${genesis}.${community}.${digest}`;

export function loadReport(key: string): Record<number, number> {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '{}');
  } catch {
    return {};
  }
}

/**
 * Sends every row still to register, in chunks of `size`, at most two chunks in flight. Resolves
 * when all are finalized; rejects at the first chunk that fails (nothing of it registered: a
 * batchAll is all or nothing), leaving the finalized ones in the report. `report` is the line →
 * block record kept under `key`.
 *
 * A chunk refused because some of its rows were registered meanwhile (an interrupted import's
 * last batch landing after the file was checked again, or a second clerk) is read again at the
 * best block: rows registered as in the file count as landed, rows whose account or person is
 * now someone else's are counted in `conflicts` (with their problem on the row), and only the
 * rows still free are sent, once more. Resolves with the final progress.
 */
export async function runImport(chain: Chain, acting: Acting, community: number, roster: Roster, size: number, key: string, onProgress: (p: Progress) => void): Promise<Progress> {
  const pending = toSend(roster);
  const parts = chunks(pending, size);
  const report = loadReport(key);
  const progress: Progress = { total: pending.length, sent: 0, inBlock: 0, finalized: 0, chunk: 0, chunks: parts.length, conflicts: 0 };
  onProgress({ ...progress });
  const record = (rows: RosterRow[]) => {
    for (const row of rows) if (row.registered?.block) report[row.line] = row.registered.block;
    localStorage.setItem(key, JSON.stringify(report));
    progress.finalized += rows.length;
    onProgress({ ...progress });
  };
  const sendChunk = (rows: RosterRow[], inBlock: () => void, again: boolean): Promise<void> => {
    let counted = false;
    return send(chain, acting.key, batch(chain, acting, community, rows), (state) => {
      progress.state = state;
      if (state.phase === 'inBlock' && !counted) {
        counted = true;
        progress.inBlock += rows.length;
        inBlock();
      }
      onProgress({ ...progress });
    }, { requireFree: false }).then((final) => {
      if (!counted) { counted = true; progress.inBlock += rows.length; }
      for (const row of rows) row.registered = { block: final.block, earlier: false };
      record(rows);
    }, async (error) => {
      if (!again) throw error;
      await checkPart(chain, rows, community, 'best');
      const landed = rows.filter((r) => r.registered);
      const conflicting = rows.filter((r) => !r.registered && r.problems.length);
      if (!landed.length && !conflicting.length) throw error;
      progress.inBlock += landed.length;
      progress.conflicts += conflicting.length;
      record(landed);
      const rest = rows.filter((r) => !r.registered && !r.problems.length);
      if (!rest.length) { inBlock(); return; }
      return sendChunk(rest, inBlock, false);
    });
  };
  const inFlight: Promise<unknown>[] = [];
  let failure: unknown = null;
  for (const [i, rows] of parts.entries()) {
    if (failure) break;
    progress.chunk = i + 1;
    let markInBlock!: () => void;
    const inBlock = new Promise<void>((resolve) => (markInBlock = resolve));
    const done = sendChunk(rows, markInBlock, true).catch((error) => {
      failure = failure ?? error;
      markInBlock();
    });
    progress.sent += rows.length;
    onProgress({ ...progress });
    inFlight.push(done);
    // The next chunk goes when this one is in a block (its nonce and state come after it).
    await inBlock;
    if (inFlight.length >= 2) await inFlight[inFlight.length - 2];
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return { ...progress };
}
