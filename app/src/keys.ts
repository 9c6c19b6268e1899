// Keys in the page: a mnemonic made or typed here, an sr25519 key derived from it (as Polkadot.js
// and every Substrate wallet derive it), and a PAPI signer. Nothing leaves the page.

import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, generateMnemonic, mnemonicToEntropy, ss58Address, validateMnemonic } from '@polkadot-labs/hdkd-helpers';
import { getPolkadotSigner } from 'polkadot-api/signer';
import type { PolkadotSigner } from 'polkadot-api';

export interface Account {
  address: string;
  publicKey: Uint8Array;
  sign: (message: Uint8Array) => Uint8Array;
  signer: PolkadotSigner;
}

export const SS58_PREFIX = 42;

/** A new 12-word English mnemonic (BIP-39, 128 bits of entropy). */
export function newMnemonic(): string {
  return generateMnemonic(128);
}

/** Splits `words//hard/soft` into its phrase and derivation path; the phrase is normalised. */
export function splitSuri(suri: string): { phrase: string; path: string } {
  const trimmed = suri.trim();
  const at = trimmed.search(/\/\/?/);
  const phrase = (at < 0 ? trimmed : trimmed.slice(0, at)).trim().toLowerCase().split(/\s+/).join(' ');
  const path = at < 0 ? '' : trimmed.slice(at);
  return { phrase, path };
}

/** Whether `suri` is a valid mnemonic (with an optional path). */
export function isValidSuri(suri: string): boolean {
  const { phrase } = splitSuri(suri);
  return phrase.length > 0 && validateMnemonic(phrase);
}

export function accountFromSuri(suri: string): Account {
  const { phrase, path } = splitSuri(suri);
  if (!validateMnemonic(phrase)) throw new Error('invalid mnemonic');
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(phrase)));
  const pair = derive(path);
  return {
    address: ss58Address(pair.publicKey, SS58_PREFIX),
    publicKey: pair.publicKey,
    sign: (message) => pair.sign(message),
    signer: getPolkadotSigner(pair.publicKey, 'Sr25519', pair.sign),
  };
}

/** The dev chain's residents (the `development` preset), offered only on a development chain. */
export const DEV_RESIDENTS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((name) => ({
  name: `${name}//stash`,
  suri: `${DEV_PHRASE}//${name}//stash`,
}));

export const DEV_ACCOUNTS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((name) => ({ name, suri: `${DEV_PHRASE}//${name}` }));
