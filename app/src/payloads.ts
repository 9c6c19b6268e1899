// The bytes a resident signs or commits to off-chain, exactly as the runtime checks them (see the
// crate docs of pallets/procurement and pallets/vouchers), and the QR codes that carry them.

import { blake2b256, ss58Decode, ss58Address } from '@polkadot-labs/hdkd-helpers';
import { concat, fromHex, le, toHex, utf8 } from './bytes';

/** Secret ballot: `blake2_256(project u32 LE ++ bid u32 LE ++ salt[32] ++ resident_id u32 LE)`. */
export function ballotCommitment(project: number, bid: number, salt: Uint8Array, residentId: number): Uint8Array {
  if (salt.length !== 32) throw new Error('a salt is 32 bytes');
  return blake2b256(concat(le(project, 4), le(bid, 4), salt, le(residentId, 4)));
}

/** A fresh 32-byte salt from the browser's cryptographic random source. */
export function newSalt(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

/** What a relayed ballot chooses: a bid (open ballot) or a commitment (secret ballot). */
export type RelayChoice = { type: 'Bid'; value: number } | { type: 'Commitment'; value: Uint8Array };

/** `gongzhi/ballot/v1 ++ genesis ++ project ++ choice ++ sequence ++ deadline`: 65 or 93 bytes. */
export function relayedBallotMessage(genesis: Uint8Array, project: number, choice: RelayChoice, sequence: number, deadline: number): Uint8Array {
  if (genesis.length !== 32) throw new Error('a genesis hash is 32 bytes');
  const chosen = choice.type === 'Bid' ? le(choice.value, 4) : choice.value;
  if (choice.type === 'Commitment' && chosen.length !== 32) throw new Error('a commitment is 32 bytes');
  return concat(utf8('gongzhi/ballot/v1'), genesis, le(project, 4), chosen, le(sequence, 4), le(deadline, 4));
}

/** `gongzhi/redeem/v1 ++ genesis ++ voucher u64 ++ provider[32] ++ deadline u32`: 93 bytes. */
export function offlineRedemptionMessage(genesis: Uint8Array, voucher: bigint | number, provider: string, deadline: number): Uint8Array {
  if (genesis.length !== 32) throw new Error('a genesis hash is 32 bytes');
  return concat(utf8('gongzhi/redeem/v1'), genesis, le(voucher, 8), publicKeyOf(provider), le(deadline, 4));
}

/** The 32-byte public key of an SS58 address (throws on a malformed one). */
export function publicKeyOf(address: string): Uint8Array {
  const [key] = ss58Decode(address);
  if (key.length !== 32) throw new Error('not an account address');
  return key;
}

/** Whether `address` is a well-formed SS58 account address. */
export function isAddress(address: string): boolean {
  try {
    publicKeyOf(address.trim());
    return true;
  } catch {
    return false;
  }
}

export { ss58Address };

// ---- QR payloads: short JSON with a kind and a version, so a scanner knows what it holds ----

/** A ballot the resident signed, for an officer (or anyone) to submit with `voteRelayed`. */
export interface RelayedBallotQr {
  kind: 'gongzhi/relayed-ballot/v1';
  genesis: string;
  project: number;
  resident: string;
  choice: { Bid: number } | { Commitment: string };
  sequence: number;
  deadline: number;
  signature: string;
}

/** A voucher redemption the resident signed, for the named provider to submit with `redeemOffline`. */
export interface OfflineRedemptionQr {
  kind: 'gongzhi/offline-redemption/v1';
  genesis: string;
  voucher: string;
  provider: string;
  deadline: number;
  signature: string;
}

export type QrPayload = RelayedBallotQr | OfflineRedemptionQr;

export function encodeQr(payload: QrPayload): string {
  return JSON.stringify(payload);
}

/** Parses and checks a scanned payload; throws with the reason when it is not one of ours. */
export function decodeQr(text: string): QrPayload {
  let value: any;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('not a Gongzhi QR code');
  }
  const hex = (s: unknown, n: number) => typeof s === 'string' && /^0x[0-9a-f]*$/i.test(s) && s.length === 2 + 2 * n;
  const u32 = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) < 2 ** 32;
  if (value?.kind === 'gongzhi/relayed-ballot/v1') {
    const c = value.choice;
    const choiceOk = c && (('Bid' in c && u32(c.Bid)) || ('Commitment' in c && hex(c.Commitment, 32)));
    if (hex(value.genesis, 32) && u32(value.project) && isAddress(value.resident) && choiceOk && u32(value.sequence) && u32(value.deadline) && hex(value.signature, 64)) return value;
    throw new Error('a damaged ballot QR code');
  }
  if (value?.kind === 'gongzhi/offline-redemption/v1') {
    if (hex(value.genesis, 32) && /^\d+$/.test(value.voucher) && isAddress(value.provider) && u32(value.deadline) && hex(value.signature, 64)) return value;
    throw new Error('a damaged voucher QR code');
  }
  throw new Error('not a Gongzhi QR code');
}

/** The message a relayed-ballot QR's signature must cover (for a scanner to check it). */
export function relayedBallotQrMessage(qr: RelayedBallotQr): Uint8Array {
  const choice: RelayChoice = 'Bid' in qr.choice ? { type: 'Bid', value: qr.choice.Bid } : { type: 'Commitment', value: fromHex(qr.choice.Commitment) };
  return relayedBallotMessage(fromHex(qr.genesis), qr.project, choice, qr.sequence, qr.deadline);
}

export { toHex };

/** A stored ballot (procurement's `Ballot`), decoded from its SCALE bytes. */
export type StoredBallot = { choice: { type: 'Bid' | 'Revealed'; value: number } | { type: 'Committed'; value: string }; changes: number };

/**
 * Decodes the bytes stored under a ballot's key (enum `BallotChoice` — 0 `Bid(u32)`,
 * 1 `Committed(H256)`, 2 `Revealed(u32)` — then `changes: u32`). `null` if they are not exactly
 * a ballot, so a receipt is shown as verified only when the proven bytes say what it says.
 */
export function decodeStoredBallot(bytes: Uint8Array): StoredBallot | null {
  const u32 = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | ((bytes[at + 3] << 24) >>> 0);
  const tag = bytes[0];
  if ((tag === 0 || tag === 2) && bytes.length === 9) {
    return { choice: { type: tag === 0 ? 'Bid' : 'Revealed', value: u32(1) >>> 0 }, changes: u32(5) >>> 0 };
  }
  if (tag === 1 && bytes.length === 37) {
    return { choice: { type: 'Committed', value: toHex(bytes.slice(1, 33)) }, changes: u32(33) >>> 0 };
  }
  return null;
}
