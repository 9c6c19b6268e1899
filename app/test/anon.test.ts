// The anonymous ballot's bytes (src/anon.ts), against vectors computed independently with
// @polkadot/util by the e2e tests' helpers (e2e/lib/anon.js, proven against a real node); the
// anonymous survey response's bytes, against SCALE written out by hand and the runtime's own call
// codec (from the descriptors' metadata); and the ring rule.
import { describe, expect, it } from 'vitest';
import { blake2b } from '@noble/hashes/blake2.js';
import { getTypedCodecs } from 'polkadot-api';
import { gongzhi } from '@polkadot-api/descriptors';
import { ballotMessage, compact, encodeAnswers, encodeKeys, generalTransaction, itemContext, possessionMessage, procurementContext, ringOf, surveyContext, surveyMessage, type CallAnswer } from '../src/anon';
import { concat, fromHex, toHex } from '../src/bytes';

describe('anonymous ballot bytes', () => {
  it('SCALE compact lengths in every mode', () => {
    const cases: [number, string][] = [[0, '0x00'], [63, '0xfc'], [64, '0x0101'], [16383, '0xfdff'], [16384, '0x02000100'], [2 ** 30 - 1, '0xfeffffff'], [2 ** 30, '0x0300000040']];
    for (const [n, hex] of cases) expect(toHex(compact(n))).toBe(hex);
    expect(() => compact(-1)).toThrow();
  });
  it('the context, the message and the proof of possession are the runtime’s', () => {
    expect(toHex(procurementContext(new Uint8Array(32).fill(7), 5))).toBe('0x340d8ad554c416ad0d04d51bab8212ff49815aa3ee78d36109e5b6ea8151660c');
    expect(toHex(ballotMessage(5, 1, 2, 3))).toBe('0x181d2fe00580e56a4854f125c1e17560ec47f5814e18a9124e00d6062359e426');
    expect(toHex(possessionMessage(Uint8Array.from({ length: 32 }, (_, i) => i)))).toBe('0x42ab46175abab1206d8afacafd9fc241e110cc1e7786e26d324098427cdd958d');
    expect(toHex(ballotMessage(5, 1, 2, 4))).not.toBe(toHex(ballotMessage(5, 1, 2, 3)));
  });
  it('a general transaction: length, version 5 general, immortal, nonce 0, tip 0, no metadata hash, the call', () => {
    expect(toHex(generalTransaction(new Uint8Array([0x0a, 0x0c, 0x01])))).toBe('0x24' + '450000000000' + '0a0c01');
    expect(toHex(encodeKeys([new Uint8Array(32).fill(1)])).length).toBe(2 + 2 * 33);
  });
});

describe('anonymous survey response bytes', () => {
  const genesis = new Uint8Array(32).fill(7);
  const answers: CallAnswer[] = [{ type: 'Choice', value: 2 }, { type: 'Choices', value: Uint8Array.from([0, 3]) }, { type: 'Rating', value: 5 }];
  // SCALE by hand: 3 answers (compact 3 = 0x0c); Choice (variant 0) 2; Choices (variant 1) of
  // 2 (compact 0x08) bytes 0 and 3; Rating (variant 2) 5.
  const HAND = '0x0c' + '00' + '02' + '01' + '08' + '0003' + '02' + '05';
  const u32 = (n: number) => Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);
  const hash = (bytes: Uint8Array) => toHex(blake2b(bytes, { dkLen: 32 }));

  it('the answers are SCALE as written by hand, and as the runtime’s call encodes them', async () => {
    expect(toHex(encodeAnswers(answers))).toBe(HAND);
    expect(toHex(encodeAnswers([]))).toBe('0x00');
    expect(toHex(encodeAnswers([{ type: 'Choices', value: [1] }]))).toBe('0x04' + '01' + '04' + '01');
    expect(() => encodeAnswers([{ type: 'Rating', value: 256 }])).toThrow();
    // The call's arguments in order: survey, ring, seq (u32 each), alias (32 bytes), answers,
    // proof (here empty: compact 0). The answers are what is between the alias and the proof.
    const codecs = await getTypedCodecs(gongzhi);
    const args = codecs.tx.NeedsSurvey.respond_anonymously.enc({ survey: 5, ring: 1, seq: 3, alias: toHex(new Uint8Array(32).fill(9)), answers: answers as any, proof: new Uint8Array() });
    expect(toHex(args.slice(0, 12))).toBe(toHex(concat(u32(5), u32(1), u32(3))));
    expect(toHex(args.slice(12 + 32, -1))).toBe(HAND);
    expect(args[args.length - 1]).toBe(0);
  });
  it('the context: blake2_256 of the compact-prefixed tag gongzhi/v1/survey, the genesis hash, the survey (u32)', () => {
    const tag = new TextEncoder().encode('gongzhi/v1/survey');
    expect(tag.length).toBe(17);
    const expected = hash(concat(Uint8Array.of(17 << 2), tag, genesis, u32(5)));
    expect(toHex(surveyContext(genesis, 5))).toBe(expected);
    expect(toHex(itemContext('Survey', genesis, 5))).toBe(expected);
    expect(toHex(surveyContext(genesis, 5))).not.toBe(toHex(procurementContext(genesis, 5)));
    expect(toHex(surveyContext(genesis, 6))).not.toBe(expected);
  });
  it('the message: blake2_256 of (survey, ring, answers, seq)', () => {
    const expected = hash(concat(u32(5), u32(1), fromHex(HAND), u32(3)));
    expect(toHex(surveyMessage(5, 1, answers, 3))).toBe(expected);
    expect(toHex(surveyMessage(5, 1, answers, 4))).not.toBe(expected);
    expect(toHex(surveyMessage(5, 0, answers, 3))).not.toBe(expected);
    expect(toHex(surveyMessage(5, 1, [answers[0], answers[1], { type: 'Rating', value: 4 }], 3))).not.toBe(expected);
    // A ballot's message is the same rule with a u32 bid as the choice.
    expect(toHex(ballotMessage(5, 1, 2, 3))).toBe(hash(concat(u32(5), u32(1), u32(2), u32(3))));
  });
});

describe('the ring a member is in', () => {
  const key = (n: number) => new Uint8Array(32).fill(n);
  const members = [1, 2, 3, 4, 5, 6, 7].map(key);
  it('position i is in ring i mod rings, with that ring’s keys in order', () => {
    expect(ringOf(members, 3, key(5))).toEqual({ ring: 1, keys: [key(2), key(5)] });
    expect(ringOf(members, 3, key(1))).toEqual({ ring: 0, keys: [key(1), key(4), key(7)] });
    expect(ringOf(members, 1, key(7))?.keys.length).toBe(7);
  });
  it('a key that is not a member has no ring', () => {
    expect(ringOf(members, 3, key(9))).toBeNull();
    expect(ringOf([], 0, key(1))).toBeNull();
  });
});
