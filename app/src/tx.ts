// Sending a resident's transaction, in plain words at every step. Before signing, the call is
// checked with `GongzhiApi.check_call` through the light client: a call that would fail is not
// sent (the resident is told why), and one that would not be free is not sent either (a
// resident's account holds no tokens, so the pool would only say "cannot pay").

import type { Transaction } from 'polkadot-api';
import type { Account } from './keys';
import type { Chain } from './chain';
import { t } from './i18n';
import { explain, explainRejection } from './explain';

/** The states a resident sees: checking → signing → submitted → in block → finalized, or failed. */
export type TxState =
  | { phase: 'checking' }
  | { phase: 'signing' }
  | { phase: 'submitted'; txHash?: string }
  | { phase: 'inBlock'; block: number; blockHash: string }
  | { phase: 'finalized'; block: number; blockHash: string; events: unknown[] }
  | { phase: 'failed'; reason: string; key?: string };

/** The sentence for a state, in the current language. */
export function describe(state: TxState): string {
  switch (state.phase) {
    case 'checking': return t('tx.checking');
    case 'signing': return t('tx.signing');
    case 'submitted': return t('tx.submitted');
    case 'inBlock': return t('tx.inBlock', { n: state.block });
    case 'finalized': return t('tx.finalized', { n: state.block });
    case 'failed': return t('tx.failed', { reason: state.reason });
  }
}

/** The last nonce this page used per account: two taps in one block must not share a nonce. */
const used = new Map<string, number>();

/** The nonce to sign with: the chain's (at the best block), or one past the last this page used. */
export function nextNonce(address: string, chainNonce: number): number {
  const last = used.get(address);
  const nonce = last !== undefined && last >= chainNonce ? last + 1 : chainNonce;
  used.set(address, nonce);
  return nonce;
}

/** A transaction the pool refused never used its nonce: the next one may take it again. */
export function forgetNonce(address: string, nonce: number) {
  if (used.get(address) === nonce) used.delete(address);
}

export class TxFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Checks, signs and sends `tx` from `account`; reports each state to `onState`; resolves with
 * the finalized state, or rejects with `TxFailed` (its message a sentence for the resident).
 * `requireFree`: refuse a call that would cost a fee (every resident call is free when valid).
 */
export async function send(chain: Chain, account: Account, tx: Transaction<any, any>, onState: (s: TxState) => void, { requireFree = true } = {}): Promise<TxState & { phase: 'finalized' }> {
  const fail = (reason: string): never => {
    onState({ phase: 'failed', reason });
    throw new TxFailed(reason);
  };
  onState({ phase: 'checking' });
  // Against the best block, not the finalized one: a transaction sent a moment ago is in the
  // best block already, and this one must follow it (its nonce, and the state it sees).
  const [best] = await chain.client.getBestBlocks();
  const at = best.hash;
  const call = await tx.getEncodedData();
  const check = await chain.api.apis.GongzhiApi.check_call(account.address, call, { at });
  if (!check) fail(explain({ type: 'Other' }));
  if (!check!.result.success) fail(explain(check!.result.value));
  if (requireFree && !check!.free) fail(t('tx.notFree'));
  onState({ phase: 'signing' });
  const nonce = nextNonce(account.address, await chain.api.apis.AccountNonceApi.account_nonce(account.address, { at }));
  return new Promise((resolve, reject) => {
    const sub = tx.signSubmitAndWatch(account.signer, { at, nonce, mortality: { mortal: true, period: 64 } }).subscribe({
      next: (event) => {
        if (event.type === 'signed' || event.type === 'broadcasted') onState({ phase: 'submitted', txHash: event.txHash });
        else if (event.type === 'txBestBlocksState') {
          if (event.found) {
            if (!event.ok) {
              sub.unsubscribe();
              const reason = explain(event.dispatchError);
              onState({ phase: 'failed', reason });
              reject(new TxFailed(reason));
            } else onState({ phase: 'inBlock', block: event.block.number, blockHash: event.block.hash });
          } else onState({ phase: 'submitted', txHash: event.txHash });
        } else if (event.type === 'finalized') {
          if (!event.ok) {
            const reason = explain(event.dispatchError);
            onState({ phase: 'failed', reason });
            reject(new TxFailed(reason));
            return;
          }
          const done = { phase: 'finalized' as const, block: event.block.number, blockHash: event.block.hash, events: event.events };
          onState(done);
          resolve(done);
        }
      },
      error: (error) => {
        forgetNonce(account.address, nonce);
        const reason = t('tx.dropped', { reason: explainRejection(error) });
        onState({ phase: 'failed', reason });
        reject(new TxFailed(reason));
      },
    });
  });
}
