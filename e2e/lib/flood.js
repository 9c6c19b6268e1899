// Helpers for the flood test (tests/12-flood.test.js): signing thousands of transactions offline,
// submitting them over dedicated WebSocket connections as fast as the node takes them, sorting
// the pool's refusals by reason, and reading what each block included and what each extrinsic
// paid.

import { WsProvider } from '@polkadot/api';

/** The runtime's fee constants (runtime/src/configs/mod.rs): planck per byte and per picosecond. */
export const FEE_PER_BYTE = 25_431_315n;
export const FEE_PER_PICOSECOND = 66n;

/**
 * Signs extrinsics without asking the node anything (signAsync would fetch the nonce and a
 * header for each): everything it needs is fetched once here. `immortal(tx, pair, nonce)` and
 * `mortal(tx, pair, nonce)` (64 blocks from `checkpoint`, a { hash, number } of a recent block)
 * sign `tx` in place and return it.
 */
export function offlineSigner (api, checkpoint) {
  const base = {
    genesisHash: api.genesisHash,
    runtimeVersion: api.runtimeVersion,
    signedExtensions: api.registry.signedExtensions,
    version: api.extrinsicType
  };
  const era = checkpoint ? api.registry.createType('ExtrinsicEra', { current: checkpoint.number, period: 64 }) : null;
  return {
    immortal: (tx, pair, nonce) => tx.sign(pair, { ...base, blockHash: api.genesisHash, nonce }),
    mortal: (tx, pair, nonce) => {
      if (!era) throw new Error('offlineSigner: a mortal era needs a checkpoint block');
      return tx.sign(pair, { ...base, blockHash: checkpoint.hash, era, nonce });
    }
  };
}

/** A signed extrinsic as the flood keeps it: its hex, hash and length (not the decoded object). */
export function packed (tx, fields = {}) {
  return { hex: tx.toHex(), hash: tx.hash.toHex(), length: tx.encodedLength, ...fields };
}

/** A WebSocket connection used only to submit (one per stream of submissions). */
export async function submitter (wsUrl) {
  // No auto-reconnect surprises and a generous per-request timeout: under a flood the node may
  // take a while to answer each submission.
  const provider = new WsProvider(wsUrl, 1000, {}, 300_000);
  await provider.isReady;
  return provider;
}

/**
 * The pool's reason for refusing a submission, from the JSON-RPC error (sc-rpc-api's author
 * errors): 1010 Invalid Transaction (with the `InvalidTransaction` variant's text), 1012 banned,
 * 1013 already imported, 1014 priority too low, 1016 pool full.
 */
export function refusal (error) {
  const data = error?.data === undefined ? '' : String(error.data);
  switch (error?.code) {
    case 1010:
      if (/pay some fees/i.test(data)) return 'payment';
      if (/valid in the future/i.test(data)) return 'future';
      if (/outdated/i.test(data)) return 'stale';
      return `invalid (${data})`;
    case 1011: return `unknown validity (${data})`;
    case 1012: return 'banned';
    case 1013: return 'already imported';
    case 1014: return 'priority too low';
    case 1016: return 'pool full';
    default: return `other (${error?.message ?? error})`;
  }
}

/**
 * Submits `items` (each with `hex`) over `provider` with `author_submitExtrinsic`, `inflight` at
 * a time, in order. Records on each item `accepted` (true/false), `reason` (see `refusal`) and
 * `error` (the node's message) when refused, and `ackMs` (ms from `t0` to the node's answer).
 * Drops each item's hex once submitted (the large ones hold hundreds of megabytes together),
 * unless `keepHex`.
 */
export async function submitAll (provider, items, { inflight = 64, t0 = Date.now(), keepHex = false } = {}) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        const hash = await provider.send('author_submitExtrinsic', [item.hex]);
        item.accepted = true;
        if (hash !== item.hash) item.note = `the node's hash ${hash} differs from ours`;
      } catch (e) {
        item.accepted = false;
        item.reason = refusal(e);
        item.error = e.message;
      }
      item.ackMs = Date.now() - t0;
      if (!keepHex) item.hex = null;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inflight, items.length) }, worker));
  return items;
}

/**
 * What block `number` (of the canonical chain) holds: its hash, and each extrinsic with its
 * signer, nonce, call, length, the fee it paid (`TransactionFeePaid.actualFee`, 0n if none),
 * whether the payment was skipped (`FeeSkipped`) and whether it succeeded; plus the block's
 * normal-class weight (ref_time, ps) and the length of its extrinsics.
 */
export async function readBlock (api, number) {
  const hash = await api.rpc.chain.getBlockHash(number);
  const [signed, at] = await Promise.all([api.rpc.chain.getBlock(hash), api.at(hash)]);
  const [events, blockWeight] = await Promise.all([at.query.system.events(), at.query.system.blockWeight()]);
  const byIndex = new Map();
  for (const { phase, event } of events) {
    if (!phase.isApplyExtrinsic) continue;
    const i = phase.asApplyExtrinsic.toNumber();
    if (!byIndex.has(i)) byIndex.set(i, []);
    byIndex.get(i).push(event);
  }
  let length = 0;
  const extrinsics = signed.block.extrinsics.map((ex, index) => {
    const evs = byIndex.get(index) ?? [];
    const paid = evs.find((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid');
    length += ex.encodedLength;
    return {
      index,
      signed: ex.isSigned,
      signer: ex.isSigned ? ex.signer.toString() : null,
      nonce: ex.isSigned ? ex.nonce.toNumber() : null,
      call: `${ex.method.section}.${ex.method.method}`,
      hash: ex.hash.toHex(),
      length: ex.encodedLength,
      fee: paid ? paid.data.actualFee.toBigInt() : 0n,
      feeSkipped: evs.some((e) => e.section === 'skipFeelessPayment' && e.method === 'FeeSkipped'),
      success: evs.some((e) => e.section === 'system' && e.method === 'ExtrinsicSuccess')
    };
  });
  return { number, hash: hash.toHex(), extrinsics, length, normalWeight: blockWeight.normal.refTime.toBigInt() };
}

/** Counts of `values` by key: { key: n }, keys sorted. */
export function countBy (values, key) {
  const out = {};
  for (const v of values) {
    const k = key(v);
    out[k] = (out[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** `{ a: 1, b: 2 }` as "a 1, b 2". */
export const listCounts = (counts) => Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
