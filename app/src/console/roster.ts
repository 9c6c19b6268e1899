// Batch registration of residents from a clerk's CSV (居民批量登记). Reading the file, every
// problem row is named before anything is sent: a bad account address, an ID number that is not
// one (or mistyped: its check character), the same ID or account twice in the file, a row for
// another community, an account or a person already a resident. Rows that are fine are sent in
// `utility.batchAll` chunks that fit a block; a chunk lands whole or not at all. An interrupted
// import is resumed by checking the file against the chain again: rows registered meanwhile are
// "already registered" and never sent twice.

import { AccountId } from '@polkadot-api/substrate-bindings';
import { householdHash, idNumberProblem, normaliseId, personHash } from './identity';

/** Why a row can't be registered (message keys `row.<name>`). */
export type RowProblem =
  | 'missingId' | 'badId' | 'badIdChecksum' | 'badIdBirth' | 'missingAddress' | 'badAddress'
  | 'duplicateId' | 'duplicateAddress' | 'wrongCommunity' | 'accountIsResident' | 'accountResidentElsewhere'
  | 'personIsResident' | 'personOtherAccount';

export interface RosterRow {
  /** The line in the file where the row starts (1-based, the header counted). */
  line: number;
  address: string;
  /** The ID number as normalised (kept on this machine only). */
  id: string;
  household: string;
  /** The community named in the row, if the file has that column. */
  community: string;
  personHash: `0x${string}`;
  householdHash?: `0x${string}`;
  problems: RowProblem[];
  /** Registered before this import looked (this file's row, an earlier run of it), or by this import. */
  registered?: { block?: number; earlier: boolean };
}

export interface Roster {
  rows: RosterRow[];
  /** Whether the first line was a header (then column order came from it). */
  header: boolean;
}

const COLUMNS: [keyof Pick<RosterRow, 'id' | 'household' | 'address' | 'community'>, RegExp][] = [
  ['id', /身份证|证件|id|identity/i],
  ['household', /户号|户籍|户口|household/i],
  ['address', /地址|账户|账号|address|account/i],
  ['community', /社区|community/i],
];

const accountCodec = AccountId(42);

/** Whether `address` is an SS58 account address (any network prefix). */
export function isAddress(address: string): boolean {
  try {
    accountCodec.enc(address);
    return true;
  } catch {
    return false;
  }
}

/** The address in this chain's format (prefix 42), or null. */
export function canonicalAddress(address: string): string | null {
  try {
    return accountCodec.dec(accountCodec.enc(address));
  } catch {
    return null;
  }
}

/**
 * Reads a roster's rows: columns ID number, household number, account address and optionally
 * community (named by a header line in Chinese or English, in any order; or in that order when
 * the file has no header). `community` is the community being registered into: its id and name
 * (a row naming another one is refused). Hashes are computed with `salt`.
 */
export function readRoster(rows: { line: number; cells: string[] }[], salt: string, community: { id: number; name: string }): Roster {
  let order: Record<string, number> = { id: 0, household: 1, address: 2, community: 3 };
  let body = rows;
  const first = rows[0]?.cells ?? [];
  const header = first.length > 0 && !first.some((c) => /^\s*[0-9０-９]{6,}/.test(c) || isAddress(c.trim()));
  if (header) {
    order = {};
    first.forEach((cell, i) => {
      const match = COLUMNS.find(([name, re]) => re.test(cell) && order[name] === undefined);
      if (match) order[match[0]] = i;
    });
    body = rows.slice(1);
  }
  const seenId = new Map<string, number>();
  const seenAddress = new Map<string, number>();
  const out = body.map(({ line, cells }) => {
    const cell = (name: string) => (order[name] === undefined ? '' : (cells[order[name]] ?? '').trim());
    const id = normaliseId(cell('id'));
    const household = cell('household');
    const rawAddress = cell('address');
    const address = canonicalAddress(rawAddress) ?? rawAddress;
    const named = cell('community');
    const problems: RowProblem[] = [];
    if (!id) problems.push('missingId');
    else {
      const bad = idNumberProblem(id);
      if (bad === 'length') problems.push('badId');
      if (bad === 'checksum') problems.push('badIdChecksum');
      if (bad === 'birth') problems.push('badIdBirth');
    }
    if (!rawAddress) problems.push('missingAddress');
    else if (!isAddress(rawAddress)) problems.push('badAddress');
    if (named && named !== community.name && named !== String(community.id)) problems.push('wrongCommunity');
    if (id && seenId.has(id)) problems.push('duplicateId');
    if (address && seenAddress.has(address)) problems.push('duplicateAddress');
    if (id) seenId.set(id, line);
    if (address) seenAddress.set(address, line);
    return {
      line, address, id, household, community: named,
      personHash: personHash(salt, id),
      householdHash: household ? householdHash(salt, household) : undefined,
      problems,
    };
  });
  return { rows: out, header };
}

/** What the chain says about a row's account and person (read by the caller). */
export interface OnChain {
  /** The account's resident record, if it is one (with the block it was registered in). */
  resident?: { id: number; community: number; person_hash: string; registered_at?: number };
  /** The resident number of the row's person, if ever registered, and its current account. */
  person?: { id: number; account?: string };
}

/**
 * Marks a row from what the chain holds: registered already (this account, this person, this
 * community: nothing to send), or a problem (the account is someone else or elsewhere; the person
 * holds a record under another account). A person retired earlier may be registered again.
 */
export function applyChain(row: RosterRow, chain: OnChain, community: number) {
  const r = chain.resident;
  if (r) {
    if (r.person_hash === row.personHash && r.community === community) row.registered = row.registered ?? { earlier: true, block: r.registered_at };
    else if (r.person_hash === row.personHash) row.problems.push('accountResidentElsewhere');
    else row.problems.push('accountIsResident');
    return;
  }
  if (chain.person?.account) row.problems.push(chain.person.account === row.address ? 'personIsResident' : 'personOtherAccount');
}

/** The rows still to send: no problem, not registered. */
export const toSend = (roster: Roster) => roster.rows.filter((r) => r.problems.length === 0 && !r.registered);

/** Splits `items` into chunks of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * How many registrations fit one `batchAll`: the call's weight grows by `perCall` for each
 * registration on top of `base`; a chunk may use `share` of the largest normal extrinsic (both
 * weight dimensions), so other work still fits the block beside it. At least 1, at most `cap`.
 */
export function chunkSize(
  base: { ref_time: bigint; proof_size: bigint },
  perCall: { ref_time: bigint; proof_size: bigint },
  maxExtrinsic: { ref_time: bigint; proof_size: bigint },
  { share = 0.5, cap = 1000 } = {},
): number {
  const fit = (max: bigint, b: bigint, p: bigint) => (p <= 0n ? Infinity : Number((BigInt(Math.floor(Number(max) * share)) - b) / p));
  const n = Math.min(fit(maxExtrinsic.ref_time, base.ref_time, perCall.ref_time), fit(maxExtrinsic.proof_size, base.proof_size, perCall.proof_size), cap);
  return Math.max(1, Math.floor(n));
}
