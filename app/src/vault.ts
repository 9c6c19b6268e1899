// The resident's key and private notes (secret-ballot salts, what they answered and rated), kept
// in the browser encrypted with a password: PBKDF2-SHA-256 (310,000 rounds) derives an AES-GCM
// key; only the address is stored in the clear, so the page can show it while locked. The same
// encrypted record is the backup file the resident downloads and can restore on another phone.

import { fromHex, toHex, utf8 } from './bytes';

/** A secret ballot's opening, which the resident needs to reveal it. */
export interface SaltNote {
  bid: number;
  salt: string;
  commitment: string;
  residentId: number;
  revealed?: boolean;
}

/** What the vault holds once unlocked. */
export interface VaultContents {
  /** The secret: a 12/24-word mnemonic, optionally followed by a derivation path (`//…`). */
  suri: string;
  /** Secret ballots, by project id. */
  salts: Record<string, SaltNote>;
  /** Surveys answered from this device (to offer amending while open). */
  answered: number[];
  /** Redemptions rated from this device (to follow their cases). */
  rated: string[];
  /** Anonymous-ballot member keys made on this device, oldest first: the secret (32 bytes of
   * entropy) and its public key. Older ones are kept: a project's ring holds the key that was
   * registered when it opened. */
  memberKeys?: MemberKeyNote[];
  /** Anonymous ballots cast from this device, by project: the alias and ring they were cast
   * under (to show the receipt; both can be recomputed from the key). */
  anonymous?: Record<string, { alias: string; ring: number }>;
  /** Anonymous surveys answered from this device, by survey: the alias and ring of the response
   * (to show its receipt and offer amending; both can be recomputed from the key). */
  anonymousSurveys?: Record<string, { alias: string; ring: number }>;
}

/** A member key's secret and public key (hex). */
export interface MemberKeyNote {
  entropy: string;
  key: string;
}

/** The encrypted record: in localStorage and in the backup file. */
export interface SealedVault {
  format: 'gongzhi-vault/v1';
  address: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  iv: string;
  ciphertext: string;
}

const ITERATIONS = 310_000;
const STORAGE_KEY = 'gongzhi.vault';

async function aesKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export class WrongPassword extends Error {
  constructor() {
    super('wrong password');
  }
}

export class BadBackup extends Error {
  constructor(why: string) {
    super(why);
  }
}

export async function seal(contents: VaultContents, address: string, password: string, iterations = ITERATIONS): Promise<SealedVault> {
  if (password.length < 8) throw new Error('password too short');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(password, salt, iterations);
  const plain = utf8(JSON.stringify(contents));
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  return { format: 'gongzhi-vault/v1', address, kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toHex(salt) }, iv: toHex(iv), ciphertext: toHex(ciphertext) };
}

export async function unseal(sealed: SealedVault, password: string): Promise<VaultContents> {
  const key = await aesKey(password, fromHex(sealed.kdf.salt), sealed.kdf.iterations);
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromHex(sealed.iv) }, key, fromHex(sealed.ciphertext));
  } catch {
    throw new WrongPassword();
  }
  return JSON.parse(new TextDecoder().decode(plain));
}

/** Checks a backup file's shape before it replaces anything. */
export function parseBackup(text: string): SealedVault {
  let v: any;
  try {
    v = JSON.parse(text);
  } catch {
    throw new BadBackup('not JSON');
  }
  if (v?.format !== 'gongzhi-vault/v1' || typeof v.address !== 'string' || typeof v.iv !== 'string' || typeof v.ciphertext !== 'string' || v.kdf?.name !== 'PBKDF2' || !Number.isInteger(v.kdf?.iterations)) {
    throw new BadBackup('not a Gongzhi backup');
  }
  return v;
}

export function loadSealed(storage: Storage = localStorage): SealedVault | null {
  const raw = storage.getItem(STORAGE_KEY);
  return raw ? parseBackup(raw) : null;
}

export function storeSealed(sealed: SealedVault, storage: Storage = localStorage) {
  storage.setItem(STORAGE_KEY, JSON.stringify(sealed));
}

export function forget(storage: Storage = localStorage) {
  storage.removeItem(STORAGE_KEY);
}

export function emptyContents(suri: string): VaultContents {
  return { suri, salts: {}, answered: [], rated: [] };
}
