// The chain side of a batch registration: what the chain already holds for each row, how many
// registrations one `batchAll` may carry, and the import itself, chunk after chunk, pipelined
// (the next chunk is sent when the previous is in a block), with a report of the block every row
// landed in, kept on this machine so a reload still shows it.

import type { Chain } from '../chain';
import { send, type TxState } from '../tx';
import { applyChain, chunkSize, chunks, toSend, type Roster, type RosterRow } from './roster';
import { viaProxy, type Acting } from './acting';

// Keys per storage query through the light client: smoldot proves each item, and a query of
// 500 keys failed in the first e2e run of the console (stop 16: smoldot answered "method does
// not exist" mid-check); smaller queries are the next thing to try.
const LOOKUP_BATCH = 64;

/** Reads, at block `at`, each row's account record and person index, and marks the rows. */
export async function checkAgainstChain(chain: Chain, roster: Roster, community: number, at: string) {
  const rows = roster.rows.filter((r) => !r.problems.some((p) => p === 'badAddress' || p === 'missingAddress' || p === 'missingId' || p === 'badId'));
  const q = chain.api.query.Community;
  for (let i = 0; i < rows.length; i += LOOKUP_BATCH) {
    const part = rows.slice(i, i + LOOKUP_BATCH);
    const [records, persons] = await Promise.all([
      q.Residents.getValues(part.map((r) => [r.address] as [string]), { at }),
      q.PersonIndex.getValues(part.map((r) => [r.personHash] as [`0x${string}`]), { at }),
    ]);
    const known = part.map((_, j) => persons[j]).filter((id): id is number => id !== undefined);
    const accounts = known.length ? await q.ResidentAccounts.getValues(known.map((id) => [id] as [number]), { at }) : [];
    const accountOf = new Map(known.map((id, j) => [id, accounts[j]]));
    part.forEach((row, j) => {
      const record = records[j];
      const person = persons[j];
      applyChain(row, {
        resident: record ? { id: record.id, community: record.community, person_hash: record.person_hash } : undefined,
        person: person === undefined ? undefined : { id: person, account: accountOf.get(person) },
      }, community);
    });
  }
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
 */
export async function runImport(chain: Chain, acting: Acting, community: number, roster: Roster, size: number, key: string, onProgress: (p: Progress) => void): Promise<void> {
  const pending = toSend(roster);
  const parts = chunks(pending, size);
  const report = loadReport(key);
  const progress: Progress = { total: pending.length, sent: 0, inBlock: 0, finalized: 0, chunk: 0, chunks: parts.length };
  onProgress({ ...progress });
  const inFlight: Promise<unknown>[] = [];
  let failure: unknown = null;
  for (const [i, rows] of parts.entries()) {
    if (failure) break;
    progress.chunk = i + 1;
    let markInBlock!: () => void;
    const inBlock = new Promise<void>((resolve) => (markInBlock = resolve));
    let counted = false;
    const done = send(chain, acting.key, batch(chain, acting, community, rows), (state) => {
      progress.state = state;
      if (state.phase === 'inBlock' && !counted) {
        counted = true;
        progress.inBlock += rows.length;
        markInBlock();
      }
      if (state.phase === 'failed') markInBlock();
      onProgress({ ...progress });
    }, { requireFree: false }).then((final) => {
      if (!counted) { counted = true; progress.inBlock += rows.length; }
      for (const row of rows) {
        row.registered = { block: final.block, earlier: false };
        report[row.line] = final.block;
      }
      localStorage.setItem(key, JSON.stringify(report));
      progress.finalized += rows.length;
      onProgress({ ...progress });
    }).catch((error) => {
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
}
