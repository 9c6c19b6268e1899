// Anonymous ballots (匿名投票) from the resident's phone: the member key (a secret kept in the
// vault, its public key registered once with the community), the ring the chain fixed for a
// project (its keys read from the chain, its root recomputed here and compared with the chain's),
// the proof (npm `verifiablejs`, proof-compatible with the runtime's `verifiable` crate, run in a
// web worker), and the transaction that carries it: a general transaction with no signer, so
// the resident's account appears nowhere. Every byte layout here is the runtime's
// (`gongzhi_primitives::anon`, pallet-community, pallet-procurement); the e2e tests prove them
// against a real node.

import { blake2b256 } from '@polkadot-labs/hdkd-helpers';
import { concat, le, utf8 } from './bytes';

/** SCALE compact encoding of a length or count. */
export function compact(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`compact: ${n}`);
  if (n < 1 << 6) return new Uint8Array([n << 2]);
  if (n < 1 << 14) return le((n << 2) | 1, 4).slice(0, 2);
  if (n < 2 ** 30) return le(n * 4 + 2, 4);
  const bytes: number[] = [];
  for (let v = BigInt(n); v > 0n; v >>= 8n) bytes.push(Number(v & 0xffn));
  return new Uint8Array([((bytes.length - 4) << 2) | 3, ...bytes]);
}

/** What a member key's proof of possession signs for `accountId` (32 bytes): Blake2-256 of
 * `gongzhi/member-key` and the account id (pallet-community's `set_member_key`). */
export const possessionMessage = (accountId: Uint8Array): Uint8Array => blake2b256(concat(utf8('gongzhi/member-key'), accountId));

/** The ring-VRF context of procurement project `project` on the chain of `genesis`:
 * `blake2_256(SCALE((b"gongzhi/v1/procurement", genesis, project)))`. One alias per resident and
 * project, unlinkable across projects and chains. */
export function procurementContext(genesis: Uint8Array, project: number): Uint8Array {
  const tag = utf8('gongzhi/v1/procurement');
  return blake2b256(concat(compact(tag.length), tag, genesis, le(project, 4)));
}

/** What a ballot's proof signs: `blake2_256(SCALE((project, ring, bid, seq)))`, all u32. */
export const ballotMessage = (project: number, ring: number, bid: number, seq: number): Uint8Array =>
  blake2b256(concat(le(project, 4), le(ring, 4), le(bid, 4), le(seq, 4)));

/** SCALE `Vec<[u8; 32]>`: a ring's keys as `verifiablejs` takes them. */
export const encodeKeys = (keys: Uint8Array[]): Uint8Array => concat(compact(keys.length), ...keys);

/** `verifiablejs`'s `ring_exponent` for the runtime's ring domains. */
export const RING_EXPONENT: Record<string, number> = { Domain11: 9, Domain12: 10, Domain16: 14 };

/**
 * The ring a member is in, from the item's member list in collection order (`Rings.Members`
 * pages, concatenated) and its number of rings: the member at position `i` is in ring
 * `i mod rings` (`gongzhi_primitives::anon::RingSplit`). `null` if `key` is not a member.
 */
export function ringOf(members: Uint8Array[], rings: number, key: Uint8Array): { ring: number; keys: Uint8Array[] } | null {
  const position = members.findIndex((m) => m.length === key.length && m.every((b, i) => b === key[i]));
  if (position < 0 || rings < 1) return null;
  const ring = position % rings;
  return { ring, keys: members.filter((_, i) => i % rings === ring) };
}

/**
 * A general transaction (extrinsic format 5) with no signer carrying `call`: version byte 0x45,
 * extension version 0, then the explicit data of the runtime's transaction extensions that
 * carry any — an immortal era, nonce 0 (nothing checks it without a signer), tip 0, no metadata
 * hash — then the call, all behind its compact length. The pool validates it by the call's
 * `authorize` (the proof), and nothing in it names an account.
 */
export function generalTransaction(call: Uint8Array): Uint8Array {
  const body = concat(new Uint8Array([0x45, 0x00, 0x00]), compact(0), new Uint8Array([0x00, 0x00]), call);
  return concat(compact(body.length), body);
}
