// Helpers shared by the e2e tests: keys, submitting extrinsics and waiting for their fate, and
// turning a failed dispatch into the `Pallet.Error` name that a client shows.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** The sr25519 dev keyring (//Alice, //Bob, … and any derived path). */
export async function devKeyring () {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return {
    keyring,
    key: (uri) => keyring.addFromUri(uri.startsWith('/') ? uri : `//${uri}`)
  };
}

/** `Pallet.Error` for a dispatch error, or its string form for other errors. */
export function errorName (api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  return dispatchError.toString();
}

/**
 * Signs and submits `tx`, resolves when it is in a block (or finalized, with `finalized: true`).
 * Resolves to { blockHash, events, failed: null | 'Pallet.Error', fee } — a dispatch failure is an
 * outcome to assert, not an exception. Rejects if the pool refuses the transaction.
 */
export function submit (api, tx, signer, { finalized = false, nonce = -1 } = {}) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    let settled = false;
    // The final status may arrive before signAndSend resolves with the unsubscribe function.
    const stop = () => { settled = true; unsub?.(); };
    tx.signAndSend(signer, { nonce }, (result) => {
      if (settled) return;
      const { status, events, dispatchError } = result;
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        stop();
        reject(new Error(`transaction ${status.type}`));
        return;
      }
      const done = finalized ? status.isFinalized : (status.isInBlock || status.isFinalized);
      if (!done) return;
      stop();
      const blockHash = status.isFinalized ? status.asFinalized : status.asInBlock;
      const feeEvent = events.find(({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid');
      resolve({
        blockHash,
        events: events.map(({ event }) => event),
        failed: dispatchError ? errorName(api, dispatchError) : null,
        fee: feeEvent ? feeEvent.event.data.actualFee.toBigInt() : 0n
      });
    }).then((u) => { unsub = u; if (settled) u(); }, reject);
  });
}

/** The events of `section.method` among `events`. */
export function eventsOf (events, section, method) {
  return events.filter((e) => e.section === section && e.method === method);
}
