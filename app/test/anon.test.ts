// The anonymous ballot's bytes (src/anon.ts), against vectors computed independently with
// @polkadot/util by the e2e tests' helpers (e2e/lib/anon.js, proven against a real node), and the
// ring rule.
import { describe, expect, it } from 'vitest';
import { ballotMessage, compact, encodeKeys, generalTransaction, possessionMessage, procurementContext, ringOf } from '../src/anon';
import { toHex } from '../src/bytes';

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
