// Who the console acts for. A clerk signs with their own key; the account that holds the office
// (or community, or provider) role is often not that key but a multisig of several officials,
// or an account the key (or the multisig) is a proxy of. Every call the console builds goes
// through `wrap`: proxy first (the role account is the proxy's "real" account), then multisig
// (the clerk's key proposes or approves it as one signatory).

import { AccountId, getMultisigAccountId, sortMultisigSignatories } from '@polkadot-api/substrate-bindings';
import type { Transaction } from 'polkadot-api';
import type { Chain } from '../chain';
import type { Account } from '../keys';
import { fromHex } from '../bytes';

/** How the clerk's key reaches the role account. */
export interface Acting {
  /** The clerk's own key. */
  key: Account;
  /** The multisig the key is one signatory of: the threshold and every signatory's address (the key's among them). */
  multisig?: { threshold: number; signatories: string[] };
  /** The account the signer (the key, or the multisig) is a proxy of: the role account then. */
  proxyOf?: string;
}

const accountCodec = AccountId(42);

/** The multisig account of `threshold` and `signatories` (any order), as an SS58 address. */
export function multisigAddress(threshold: number, signatories: string[]): string {
  const keys = signatories.map((s) => accountCodec.enc(s));
  return accountCodec.dec(getMultisigAccountId({ threshold, signatories: keys }));
}

/** The other signatories, sorted by public key as pallet-multisig requires. */
export function otherSignatories(acting: Acting): string[] {
  const mine = acting.key.address;
  const others = (acting.multisig?.signatories ?? []).filter((s) => s !== mine);
  return sortMultisigSignatories(others.map((s) => accountCodec.enc(s))).map((k) => accountCodec.dec(k));
}

/** The account that signs the extrinsic: the multisig's or the key's (before any proxy). */
export function signerAccount(acting: Acting): string {
  return acting.multisig ? multisigAddress(acting.multisig.threshold, acting.multisig.signatories) : acting.key.address;
}

/** The account the chain sees as the caller of the inner call: the role account. */
export function roleAccount(acting: Acting): string {
  return acting.proxyOf ?? signerAccount(acting);
}

/** Checks an acting setup; returns a message key when it can't work. */
export function actingProblem(acting: Acting): 'acting.keyNotSignatory' | 'acting.threshold' | 'acting.badAddress' | null {
  const m = acting.multisig;
  try {
    if (acting.proxyOf) accountCodec.enc(acting.proxyOf);
    if (m) m.signatories.forEach((s) => accountCodec.enc(s));
  } catch {
    return 'acting.badAddress';
  }
  if (!m) return null;
  if (!m.signatories.includes(acting.key.address)) return 'acting.keyNotSignatory';
  if (!Number.isInteger(m.threshold) || m.threshold < 2 || m.threshold > new Set(m.signatories).size) return 'acting.threshold';
  return null;
}

/** The weight a multisig's final approval may use: the inner call's own, read from the chain. */
async function callWeight(chain: Chain, tx: Transaction<any, any>, from: string) {
  const info = await tx.getPaymentInfo(from);
  return { ref_time: info.weight.ref_time, proof_size: info.weight.proof_size };
}

/** `tx` as `proxy.proxy(real, tx)` when acting through a proxy. */
export function viaProxy(chain: Chain, acting: Acting, tx: Transaction<any, any>): Transaction<any, any> {
  if (!acting.proxyOf) return tx;
  return chain.api.tx.Proxy.proxy({ real: { type: 'Id', value: acting.proxyOf }, force_proxy_type: undefined, call: tx.decodedCall });
}

/**
 * The transaction the clerk's key signs for `tx`: the call itself, through the proxy, and as a
 * multisig proposal (`as_multi` with no timepoint: the first approval, call data on chain in
 * the extrinsic) when acting for a multisig with threshold ≥ 2.
 */
export async function wrap(chain: Chain, acting: Acting, tx: Transaction<any, any>): Promise<Transaction<any, any>> {
  const inner = viaProxy(chain, acting, tx);
  if (!acting.multisig) return inner;
  return chain.api.tx.Multisig.as_multi({
    threshold: acting.multisig.threshold,
    other_signatories: otherSignatories(acting),
    maybe_timepoint: undefined,
    call: inner.decodedCall,
    max_weight: await callWeight(chain, inner, signerAccount(acting)),
  });
}

/** A multisig operation waiting for approvals, as pallet-multisig stores it. */
export interface Pending {
  callHash: `0x${string}`;
  when: { height: number; index: number };
  depositor: string;
  approvals: string[];
}

/** The multisig's operations waiting for approval (bounded by the pallet's deposit per entry). */
export async function pendingOperations(chain: Chain, acting: Acting, at?: string): Promise<Pending[]> {
  if (!acting.multisig) return [];
  // No trailing `undefined`: PAPI would take it for a second key.
  const q = chain.api.query.Multisig.Multisigs;
  const entries = at ? await q.getEntries(signerAccount(acting), { at }) : await q.getEntries(signerAccount(acting));
  return entries.map(({ keyArgs, value }) => ({
    callHash: keyArgs[1] as `0x${string}`,
    when: { height: value.when.height, index: value.when.index },
    depositor: value.depositor,
    approvals: [...value.approvals],
  }));
}

/**
 * Approves a pending operation with its call data (hex, as the proposer shared it). The last
 * approval needed executes the call: `as_multi` with the data; an earlier one only records the
 * approval (`approve_as_multi`, by hash). The data's hash must equal the pending operation's.
 */
export async function approve(chain: Chain, acting: Acting, pending: Pending, callData: `0x${string}` | null): Promise<Transaction<any, any>> {
  const m = acting.multisig!;
  const last = pending.approvals.length + 1 >= m.threshold;
  const timepoint = pending.when;
  if (!last || !callData) {
    return chain.api.tx.Multisig.approve_as_multi({
      threshold: m.threshold,
      other_signatories: otherSignatories(acting),
      maybe_timepoint: timepoint,
      call_hash: pending.callHash,
      max_weight: { ref_time: 0n, proof_size: 0n },
    });
  }
  const inner = await chain.api.txFromCallData(fromHex(callData));
  return chain.api.tx.Multisig.as_multi({
    threshold: m.threshold,
    other_signatories: otherSignatories(acting),
    maybe_timepoint: timepoint,
    call: inner.decodedCall,
    max_weight: await callWeight(chain, inner, signerAccount(acting)),
  });
}


/**
 * The error of a call that ran inside a proxy or a multisig, from the block's events: the outer
 * transaction succeeds (the proxy or multisig did its part) even when the call it carried
 * failed, so its status must come from `Proxy.ProxyExecuted` / `Multisig.MultisigExecuted`.
 */
export function innerFailure(events: readonly unknown[] | undefined): unknown | null {
  for (const event of events ?? []) {
    const { type, value } = event as { type: string; value: { type: string; value: { result?: { success: boolean; value: unknown } } } };
    const executed = (type === 'Proxy' && value?.type === 'ProxyExecuted') || (type === 'Multisig' && value?.type === 'MultisigExecuted');
    if (executed && value.value?.result && !value.value.result.success) return value.value.result.value;
  }
  return null;
}
