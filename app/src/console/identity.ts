// The person and household hashes an officer registers, computed in the clerk's page: the raw ID
// numbers and the office's salt never leave the machine, and the chain holds only
// blake2b-256(domain ‖ 0 ‖ salt ‖ 0 ‖ normalised text). The salt is the office's secret: the
// same person with the same salt always gives the same hash (so one person can never hold two
// resident records), and without the salt nobody can test a guessed ID number against the chain.

import { blake2b } from '@noble/hashes/blake2.js';
import { concat, toHex, utf8 } from '../bytes';

/** Full-width digits and letters (from IMEs and Excel) to ASCII, spaces dropped, upper case. */
export function normaliseId(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/**
 * Why an 18-character resident ID number (GB 11643-1999) is not valid, or null when it is:
 * 'length' (not 17 digits and a check character), 'birth' (no such date of birth), 'checksum'
 * (the last character does not match: a typing mistake).
 */
export function idNumberProblem(id: string): 'length' | 'birth' | 'checksum' | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'length';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) return 'birth';
  return idCheckChar(id.slice(0, 17)) === id[17] ? null : 'checksum';
}

/** The check character for 17 digits (for tests and for making example files). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function saltedHash(domain: string, salt: string, value: string): `0x${string}` {
  return toHex(blake2b(concat(utf8(domain), Uint8Array.of(0), utf8(salt), Uint8Array.of(0), utf8(value)), { dkLen: 32 }));
}

/** The `person_hash` of an ID number (normalised first). */
export const personHash = (salt: string, id: string) => saltedHash('gongzhi/person/v1', salt, normaliseId(id));

/** The `household` hash of a household registration number (户号; spaces dropped, upper case). */
export const householdHash = (salt: string, household: string) => saltedHash('gongzhi/household/v1', salt, normaliseId(household));

/** A salt an office can use: 128 random bits as hex. */
export function newSalt(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
