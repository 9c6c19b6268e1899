// Keys derived as every Substrate wallet derives them, and the encrypted vault.
import { describe, expect, it } from 'vitest';
import { accountFromSuri, DEV_RESIDENTS, isValidSuri, newMnemonic, splitSuri } from '../src/keys';
import { emptyContents, parseBackup, seal, unseal, WrongPassword, BadBackup, loadSealed, storeSealed } from '../src/vault';

describe('keys', () => {
  it('derives the well-known dev addresses (as Polkadot.js does)', () => {
    expect(accountFromSuri(DEV_RESIDENTS[0].suri).address).toBe('5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY'); // //Alice//stash
    expect(accountFromSuri(DEV_RESIDENTS[3].suri).address).toBe('5HKPmK9GYtE1PSLsS1qiYU9xQ9Si1NcEhdeCq9sw5bqu4ns8'); // //Dave//stash
  });
  it('makes valid 12-word mnemonics, different each time', () => {
    const a = newMnemonic();
    expect(a.split(' ')).toHaveLength(12);
    expect(isValidSuri(a)).toBe(true);
    expect(newMnemonic()).not.toBe(a);
  });
  it('accepts a typed phrase with stray spaces and capitals, and keeps the derivation path', () => {
    const m = newMnemonic();
    const messy = `  ${m.toUpperCase().split(' ').join('   ')}  //hard/soft`;
    expect(splitSuri(messy)).toEqual({ phrase: m, path: '//hard/soft' });
    expect(accountFromSuri(messy).address).toBe(accountFromSuri(`${m}//hard/soft`).address);
    expect(accountFromSuri(messy).address).not.toBe(accountFromSuri(m).address);
  });
  it('rejects a wrong word or checksum', () => {
    // A fixed phrase: swapping one word of a random phrase keeps the 4-bit checksum valid once in 16.
    const dev = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
    expect(isValidSuri(dev)).toBe(true);
    expect(isValidSuri(dev.replace('lake', 'abandon'))).toBe(false); // a list word, wrong checksum
    expect(isValidSuri(dev.replace('lake', 'laek'))).toBe(false); // not a list word
    expect(isValidSuri('')).toBe(false);
    expect(() => accountFromSuri('hello world')).toThrow();
  });
});

describe('vault', () => {
  const contents = { ...emptyContents(DEV_RESIDENTS[1].suri), salts: { '3': { bid: 1, salt: '0x' + '11'.repeat(32), commitment: '0x' + '22'.repeat(32), residentId: 1 } } };
  it('round-trips with the password, and the record holds no secret in the clear', async () => {
    const sealed = await seal(contents, 'addr', 'correct horse', 1000);
    const text = JSON.stringify(sealed);
    expect(text).not.toContain('bottom');
    expect(text).not.toContain('11'.repeat(32));
    expect(await unseal(parseBackup(text), 'correct horse')).toEqual(contents);
  });
  it('refuses a wrong password, a short password and a damaged backup', async () => {
    const sealed = await seal(contents, 'addr', 'correct horse', 1000);
    await expect(unseal(sealed, 'wrong horse!')).rejects.toBeInstanceOf(WrongPassword);
    await expect(seal(contents, 'addr', 'short', 1000)).rejects.toThrow();
    const flipped = { ...sealed, ciphertext: sealed.ciphertext.slice(0, -2) + (sealed.ciphertext.endsWith('00') ? '01' : '00') };
    await expect(unseal(flipped, 'correct horse')).rejects.toBeInstanceOf(WrongPassword);
    expect(() => parseBackup('{"format":"x"}')).toThrow(BadBackup);
    expect(() => parseBackup('nope')).toThrow(BadBackup);
  });
  it('salts each seal: the same contents never give the same ciphertext', async () => {
    const a = await seal(contents, 'addr', 'correct horse', 1000);
    const b = await seal(contents, 'addr', 'correct horse', 1000);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
  });
  it('is stored and loaded from the browser storage', async () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) } as unknown as Storage;
    expect(loadSealed(storage)).toBeNull();
    const sealed = await seal(contents, 'addr', 'correct horse', 1000);
    storeSealed(sealed, storage);
    expect(loadSealed(storage)).toEqual(sealed);
  });
});
