// The page's state: the chain connection, the unlocked account and its vault, the language.

import type { Chain } from './chain';
import type { Account } from './keys';
import { accountFromSuri } from './keys';
import { loadSealed, seal, storeSealed, unseal, type SealedVault, type VaultContents } from './vault';
import { setLang, type Lang } from './i18n';

export interface AppState {
  chain?: Chain;
  account?: Account;
  contents?: VaultContents;
  /** Kept in memory while unlocked, to re-seal the vault when a note is added. */
  password?: string;
  sealed: SealedVault | null;
}

export const state: AppState = { sealed: null };

const LANG_KEY = 'gongzhi.lang';

export function initLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY);
  const url = new URLSearchParams(location.search).get('lang');
  const chosen: Lang = url === 'en' || url === 'zh' ? url : saved === 'en' ? 'en' : 'zh';
  setLang(chosen);
  return chosen;
}

export function chooseLang(lang: Lang) {
  localStorage.setItem(LANG_KEY, lang);
  setLang(lang);
}

export function loadVault() {
  state.sealed = loadSealed();
}

export async function unlock(password: string) {
  if (!state.sealed) throw new Error('no vault');
  const contents = await unseal(state.sealed, password);
  state.contents = contents;
  state.password = password;
  state.account = accountFromSuri(contents.suri);
}

export async function createVault(contents: VaultContents, password: string) {
  const account = accountFromSuri(contents.suri);
  const sealed = await seal(contents, account.address, password);
  storeSealed(sealed);
  state.sealed = sealed;
  state.contents = contents;
  state.password = password;
  state.account = account;
}

/** Changes the vault's notes and stores it re-sealed (before the transaction that needs them). */
export async function updateVault(change: (c: VaultContents) => void) {
  if (!state.contents || !state.password || !state.account) throw new Error('locked');
  change(state.contents);
  const sealed = await seal(state.contents, state.account.address, state.password);
  storeSealed(sealed);
  state.sealed = sealed;
}

export function lock() {
  state.account = undefined;
  state.contents = undefined;
  state.password = undefined;
}

export function requireAccount(): Account {
  if (!state.account) throw new Error('locked');
  return state.account;
}
