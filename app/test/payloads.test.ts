// The off-chain bytes, against vectors computed independently with @polkadot/util (the encoding
// the pallets' crate docs give), and the QR payloads' checks.
import { describe, expect, it } from 'vitest';
import { ballotCommitment, decodeQr, decodeStoredBallot, encodeQr, offlineRedemptionMessage, relayedBallotMessage, relayedBallotQrMessage } from '../src/payloads';
import { fromHex, toHex } from '../src/bytes';
import { accountFromSuri, DEV_RESIDENTS } from '../src/keys';
import { sr25519 } from '@polkadot-labs/hdkd-helpers';

const salt = Uint8Array.from({ length: 32 }, (_, i) => i);
const genesis = new Uint8Array(32).fill(7);
const EVE = '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw';

describe('secret ballot commitment', () => {
  it('is blake2_256(project ++ bid ++ salt ++ resident id), little-endian', () => {
    expect(toHex(ballotCommitment(5, 1, salt, 42))).toBe('0x98177df664c11210ac4a686e6fc57eceded92544456ecbb75b40744fb3b19d82');
  });
  it('changes with every input and refuses a short salt', () => {
    const base = toHex(ballotCommitment(5, 1, salt, 42));
    expect(toHex(ballotCommitment(5, 2, salt, 42))).not.toBe(base);
    expect(toHex(ballotCommitment(5, 1, salt, 43))).not.toBe(base);
    expect(() => ballotCommitment(5, 1, salt.slice(1), 42)).toThrow();
  });
});

describe('relayed ballot message', () => {
  it('is 65 bytes for an open ballot, laid out as the pallet checks it', () => {
    const m = relayedBallotMessage(genesis, 5, { type: 'Bid', value: 1 }, 2, 1000);
    expect(m.length).toBe(65);
    expect(toHex(m)).toBe('0x676f6e677a68692f62616c6c6f742f76310707070707070707070707070707070707070707070707070707070707070707050000000100000002000000e8030000');
  });
  it('is 93 bytes for a secret one (the commitment in place of the bid)', () => {
    const c = ballotCommitment(5, 1, salt, 42);
    const m = relayedBallotMessage(genesis, 5, { type: 'Commitment', value: c }, 0, 1000);
    expect(m.length).toBe(93);
    expect(toHex(m.slice(53, 85))).toBe(toHex(c));
  });
});

describe('offline redemption message', () => {
  it('is 93 bytes: context, genesis, voucher u64, provider key, deadline', () => {
    const m = offlineRedemptionMessage(genesis, 9n, EVE, 77);
    expect(m.length).toBe(93);
    expect(toHex(m)).toBe('0x676f6e677a68692f72656465656d2f763107070707070707070707070707070707070707070707070707070707070707070900000000000000e659a7a1628cdd93febc04a4e0646ea20e9f5f0ce097d9a05290d4a9e054df4e4d000000');
  });
  it('refuses a malformed provider address', () => {
    expect(() => offlineRedemptionMessage(genesis, 9n, 'not-an-address', 77)).toThrow();
  });
});

describe('QR payloads', () => {
  const alice = accountFromSuri(DEV_RESIDENTS[0].suri);
  const ballot = () => {
    const message = relayedBallotMessage(genesis, 5, { type: 'Bid', value: 1 }, 0, 900);
    return { kind: 'gongzhi/relayed-ballot/v1' as const, genesis: toHex(genesis), project: 5, resident: alice.address, choice: { Bid: 1 }, sequence: 0, deadline: 900, signature: toHex(alice.sign(message)) };
  };
  it('round-trips a signed ballot whose signature verifies against the message a scanner rebuilds', () => {
    const decoded = decodeQr(encodeQr(ballot()));
    const { signature, ...rest } = ballot();
    expect(decoded).toMatchObject(rest);
    expect(signature).toMatch(/^0x[0-9a-f]{128}$/);
    if (decoded.kind !== 'gongzhi/relayed-ballot/v1') throw new Error('kind');
    expect(sr25519.verify(fromHex(decoded.signature), relayedBallotQrMessage(decoded), alice.publicKey)).toBe(true);
    const tampered = { ...decoded, deadline: 901 };
    expect(sr25519.verify(fromHex(decoded.signature), relayedBallotQrMessage(tampered), alice.publicKey)).toBe(false);
  });
  it('rejects what is not ours or is damaged', () => {
    expect(() => decodeQr('hello')).toThrow('not a Gongzhi QR code');
    expect(() => decodeQr('{"kind":"other"}')).toThrow('not a Gongzhi QR code');
    expect(() => decodeQr(JSON.stringify({ ...ballot(), project: -1 }))).toThrow('damaged');
    expect(() => decodeQr(JSON.stringify({ ...ballot(), signature: '0x12' }))).toThrow('damaged');
    expect(() => decodeQr(JSON.stringify({ ...ballot(), resident: 'x' }))).toThrow('damaged');
    expect(() => decodeQr(JSON.stringify({ kind: 'gongzhi/offline-redemption/v1', genesis: toHex(genesis), voucher: '1e3', provider: EVE, deadline: 1, signature: toHex(new Uint8Array(64)) }))).toThrow('damaged');
  });
});

describe('stored ballot (what a receipt is checked against)', () => {
  it('decodes each kind of ballot as the pallet stores it', () => {
    // Bid(7), changed twice: 00 07000000 02000000
    expect(decodeStoredBallot(fromHex('0x000700000002000000'))).toEqual({ choice: { type: 'Bid', value: 7 }, changes: 2 });
    expect(decodeStoredBallot(fromHex('0x020100000000000000'))).toEqual({ choice: { type: 'Revealed', value: 1 }, changes: 0 });
    const commitment = `0x${'ab'.repeat(32)}`;
    expect(decodeStoredBallot(fromHex(`0x01${'ab'.repeat(32)}05000000`))).toEqual({ choice: { type: 'Committed', value: commitment }, changes: 5 });
    // Large values stay unsigned.
    expect(decodeStoredBallot(fromHex('0x00ffffffffffffffff'))).toEqual({ choice: { type: 'Bid', value: 4294967295 }, changes: 4294967295 });
  });
  it('refuses bytes that are not exactly a ballot', () => {
    expect(decodeStoredBallot(fromHex('0x'))).toBeNull();
    expect(decodeStoredBallot(fromHex('0x0007000000'))).toBeNull();
    expect(decodeStoredBallot(fromHex('0x00070000000200000000'))).toBeNull();
    expect(decodeStoredBallot(fromHex('0x030700000002000000'))).toBeNull();
    expect(decodeStoredBallot(fromHex(`0x01${'ab'.repeat(31)}05000000`))).toBeNull();
  });
});
