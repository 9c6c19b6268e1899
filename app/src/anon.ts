// Anonymous ballots and survey responses (匿名投票、匿名问卷) from the resident's phone: the member
// key (a secret kept in the vault, its public key registered once with the community), the ring
// the chain fixed for a project or survey (its keys read from the chain, its root recomputed here
// and compared with the chain's), the proof (npm `verifiablejs`, proof-compatible with the
// runtime's `verifiable` crate, run in a web worker), and the transaction that carries it: a
// general transaction with no signer, so the resident's account appears nowhere. Every byte
// layout here is the runtime's (`gongzhi_primitives::anon`, pallet-community, pallet-procurement,
// pallet-needs-survey); the e2e tests prove them against a real node. The flow that uses them is
// src/anonymous.ts.

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

/** The kinds of anonymous item (`gongzhi_primitives::anon::ItemKind`), as pallet-rings keys them. */
export type ItemKind = 'Procurement' | 'Survey';

/** Each kind's domain tag (`ItemKind::tag`): two kinds' contexts never meet. */
const TAGS: Record<ItemKind, string> = { Procurement: 'gongzhi/v1/procurement', Survey: 'gongzhi/v1/survey' };

/** The ring-VRF context of item `id` of `kind` on the chain of `genesis`:
 * `blake2_256(SCALE((tag, genesis, id)))`, the tag as compact-length-prefixed bytes. One alias
 * per resident and item, unlinkable across items, kinds and chains. */
export function itemContext(kind: ItemKind, genesis: Uint8Array, id: number): Uint8Array {
  const tag = utf8(TAGS[kind]);
  return blake2b256(concat(compact(tag.length), tag, genesis, le(id, 4)));
}

/** The context of procurement project `project`: tag `gongzhi/v1/procurement`. */
export const procurementContext = (genesis: Uint8Array, project: number): Uint8Array => itemContext('Procurement', genesis, project);

/** The context of needs survey `survey`: tag `gongzhi/v1/survey`. */
export const surveyContext = (genesis: Uint8Array, survey: number): Uint8Array => itemContext('Survey', genesis, survey);

/** What an anonymous action's proof signs (`anon::message`): `blake2_256(SCALE((item, ring,
 * choice, seq)))`, `choice` already SCALE-encoded. */
export const anonymousMessage = (item: number, ring: number, choice: Uint8Array, seq: number): Uint8Array =>
  blake2b256(concat(le(item, 4), le(ring, 4), choice, le(seq, 4)));

/** What a ballot's proof signs: `blake2_256(SCALE((project, ring, bid, seq)))`, all u32. */
export const ballotMessage = (project: number, ring: number, bid: number, seq: number): Uint8Array =>
  anonymousMessage(project, ring, le(bid, 4), seq);

/** A survey answer as the call takes it (PAPI's enum of pallet-needs-survey's `Answer`). */
export type CallAnswer = { type: 'Choice'; value: number } | { type: 'Choices'; value: ArrayLike<number> } | { type: 'Rating'; value: number };

/** The variant index of each `Answer` (its declaration order in pallet-needs-survey's types.rs). */
const ANSWER_INDEX = { Choice: 0, Choices: 1, Rating: 2 } as const;

const byte = (n: number): number => {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError(`u8: ${n}`);
  return n;
};

/** SCALE of a survey's answers (`BoundedVec<Answer>`): the count, then each answer's variant
 * index and payload (a u8, or a compact-length-prefixed list of u8). */
export function encodeAnswers(answers: readonly CallAnswer[]): Uint8Array {
  return concat(compact(answers.length), ...answers.map((a) =>
    a.type === 'Choices'
      ? concat(new Uint8Array([ANSWER_INDEX.Choices]), compact(a.value.length), Uint8Array.from(a.value, byte))
      : new Uint8Array([ANSWER_INDEX[a.type], byte(a.value)])));
}

/** What an anonymous response's proof signs: `blake2_256(SCALE((survey, ring, answers, seq)))`. */
export const surveyMessage = (survey: number, ring: number, answers: readonly CallAnswer[], seq: number): Uint8Array =>
  anonymousMessage(survey, ring, encodeAnswers(answers), seq);

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
