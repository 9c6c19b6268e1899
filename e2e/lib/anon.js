// Anonymous ballots (匿名投票, issue 19) from a client's side: member keys and their proofs of
// possession, the ring-VRF context and message of a ballot, proofs made with npm `verifiablejs`
// 1.5.0 (the package the resident app proves with), and the general transaction — no signer, no
// nonce, no fee — that carries a ballot. Everything here is recomputed from its definition in
// the runtime (`gongzhi_primitives::anon`, pallet-community, pallet-procurement).

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { compactToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a, decodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import * as vrf from 'verifiablejs/nodejs';
import { u32, bestNumber, waitForBlock, sendAll, sendOne, eventFields, DISTRICT } from './cycle.js';
import { devKeyring } from './chain.js';
import { TARGET_DIR, toolsBuilt } from './tools.js';

/** The message a member key's proof of possession signs for `address`: Blake2-256 of the 18
 * ASCII bytes `gongzhi/member-key` and the 32-byte account id (pallet-community's
 * `set_member_key`). */
export const possessionMessage = (address) => blake2AsU8a(u8aConcat(stringToU8a('gongzhi/member-key'), decodeAddress(address)), 256);

/** A new member key made on the resident's device: 32 random bytes of entropy (kept there), the
 * public key, and its proof of possession for `address`. */
export function memberKey (address, entropy = randomAsU8a(32)) {
  const key = vrf.member_from_entropy(entropy);
  return { entropy, key, proof: vrf.sign(entropy, possessionMessage(address)) };
}

/** SCALE `Vec<[u8; 32]>` of `keys`: what verifiablejs takes as a ring. */
export const encodeKeys = (keys) => u8aConcat(compactToU8a(keys.length), ...keys);

/** verifiablejs's `ring_exponent` for the runtime's ring domains (2^11, 2^12, 2^16). */
export const RING_EXPONENT = { Domain11: 9, Domain12: 10, Domain16: 14 };

/** The ring-VRF context of procurement project `project` on the chain of `genesisHash`:
 * `blake2_256(SCALE((b"gongzhi/v1/procurement", genesis, project)))`. */
export function procurementContext (genesisHash, project) {
  const tag = stringToU8a('gongzhi/v1/procurement');
  return blake2AsU8a(u8aConcat(compactToU8a(tag.length), tag, genesisHash, u32(project)), 256);
}

/** The message a ballot's proof signs: `blake2_256(SCALE((project, ring, bid, seq)))`. */
export const ballotMessage = (project, ring, bid, seq) => blake2AsU8a(u8aConcat(u32(project), u32(ring), u32(bid), u32(seq)), 256);

/** The keys of ring `ring` of procurement project `project`, in ring order, from pallet-rings'
 * storage (`Members` pages; position i is in ring i mod rings), with the ring's domain. */
export async function ringOf (api, project, ring) {
  const item = { kind: 'Procurement', id: project };
  const record = (await api.query.rings.items(item)).unwrap();
  const rings = record.rings.toNumber();
  const pages = (await api.query.rings.members.entries(item))
    .map(([k, v]) => [k.args[1].toNumber(), v.unwrap().map((key) => key.toU8a())])
    .sort((a, b) => a[0] - b[0]);
  const all = pages.flatMap(([, keys]) => keys);
  const keys = all.filter((_, i) => i % rings === ring);
  const stored = (await api.query.rings.itemRings(item, ring)).unwrap();
  return { keys, domain: stored.domain.toString(), rings, root: stored.state.asFixed.root.toU8a() };
}

/** A proof, by the member with `entropy`, for ring `ring` (`keys`, `domain`) of project
 * `project` over a ballot for `bid` with sequence `seq`: `{ proof, alias }`. */
export function proveBallot ({ genesisHash, project, ring, keys, domain, entropy, bid, seq }) {
  const context = procurementContext(genesisHash, project);
  const message = ballotMessage(project, ring, bid, seq);
  const { proof, alias } = vrf.one_shot(RING_EXPONENT[domain], entropy, encodeKeys(keys), context, message);
  return { proof: new Uint8Array(proof), alias: new Uint8Array(alias) };
}

/** The general transaction (extrinsic format 5, no signer) carrying `call`, with the runtime's
 * extensions' explicit data: immortal era, tip 0, no metadata hash, and `nonce` (0 by default),
 * which nothing checks without a signer — a different one gives the same call in other bytes
 * (so another transaction hash), as anyone replaying a ballot could. */
export function generalTransaction (call, { nonce = 0 } = {}) {
  const body = u8aConcat(
    new Uint8Array([0x45, 0x00]), // version 5, general; extension version 0
    new Uint8Array([0x00]), // CheckEra: immortal
    compactToU8a(nonce), // CheckNonce
    new Uint8Array([0x00]), // ChargeTransactionPayment: tip 0
    new Uint8Array([0x00]), // CheckMetadataHash: disabled
    call.toU8a()
  );
  return u8aToHex(u8aConcat(compactToU8a(body.length), body));
}

/** Submits a raw extrinsic (hex) through the node's JSON-RPC; resolves to its hash, or rejects
 * with the node's error (e.g. `1010: Invalid Transaction: Custom error: 12`). */
export function submitRaw (api, hex) {
  return api._rpcCore.provider.send('author_submitExtrinsic', [hex]);
}

/** The name (`procurement.StaleSequence`) a refused anonymous ballot's `Custom(i)` stands for:
 * `i` is the index of the pallet's error. */
export function customErrorName (api, message, pallet = 'procurement') {
  const match = /Custom error: (\d+)/.exec(String(message));
  if (!match) return null;
  const index = api.runtimeMetadata.asLatest.pallets.find((p) => p.name.toString().toLowerCase() === pallet).index.toNumber();
  const { section, name } = api.registry.findMetaError(new Uint8Array([index, Number(match[1])]));
  return `${section}.${name}`;
}

/** The Rust prover (`gongzhi-loadgen prove`, bench/loadgen/src/anon.rs): $GONGZHI_LOADGEN, or
 * the release build in the shared target dir (the workspace's cargo tests build it). */
export const LOADGEN_BIN = process.env.GONGZHI_LOADGEN ?? resolve(TARGET_DIR, 'release', 'gongzhi-loadgen');

/**
 * Proves many ballots of one ring natively, in Rust (`verifiable` 0.4.1, the runtime's own
 * crate, every core): `ring` as `ringOf` gives it, `context` the item's, `ballots` a list of
 * `{ entropy, message }` (Uint8Arrays). Calls `onProof({ index, alias, proof })` (hex) for each
 * proof as soon as it is made and checked against the ring's root, in the order they finish;
 * resolves when all are made, rejects with the prover's error otherwise.
 */
export function proveInRust ({ ring, context, ballots }, onProof) {
  const request = {
    domain: ring.domain,
    keys: ring.keys.map((k) => u8aToHex(k)),
    root: u8aToHex(ring.root),
    context: u8aToHex(context),
    ballots: ballots.map(({ entropy, message }) => ({ entropy: u8aToHex(entropy), message: u8aToHex(message) }))
  };
  return toolsBuilt().then(() => new Promise((resolve, reject) => {
    const child = spawn(LOADGEN_BIN, ['prove'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let made = 0;
    child.stderr.on('data', (d) => { stderr += d; });
    createInterface({ input: child.stdout }).on('line', (line) => {
      made += 1;
      onProof(JSON.parse(line));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && made === ballots.length) resolve(made);
      else reject(new Error(`gongzhi-loadgen prove: exit ${code}, ${made} of ${ballots.length} proofs: ${stderr.trim()}`));
    });
    child.stdin.end(JSON.stringify(request));
  }));
}

/** Waits (up to `blocks` blocks) until `check()` resolves to a truthy value, and returns it. */
export async function untilBlocks (api, check, blocks, what = 'the chain') {
  const start = await bestNumber(api);
  for (;;) {
    const value = await check();
    if (value) return value;
    const now = await bestNumber(api);
    if (now > start + blocks) throw new Error(`${what}: nothing after ${blocks} blocks`);
    await waitForBlock(api, now + 1);
  }
}

/** The stored votes of each bid of procurement project `project`. */
export async function projectTallies (api, project) {
  return (await api.query.procurement.projects(project)).unwrap().bids.map((slot) => slot.votes.toNumber());
}

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/**
 * A district's anonymous ballot, set up through the node of `ctx` (as `cycleContext` gives it):
 * `count` new residents of Sunflower (`//${label}/i`, registered by its officer in batches of
 * 100), each with a member key (deterministic entropy per resident: a resident's app draws 32
 * random bytes and keeps them) set for free; an anonymous project for Sunflower whose rings the
 * chain builds; bids from Eve and Ferdie. Returns `{ residents: [{ pair, entropy, key }], id,
 * item, record, rings: [ringOf …], rules }` at the block bidding opens; throws if any step is
 * refused. e2e 15 asserts on what it returns; `bench-anon.js` measures the voting after it.
 */
export async function anonymousBallot (api, ctx, { count, label, votingBlocks = 400 }) {
  const { key } = await devKeyring();
  const residents = Array.from({ length: count }, (_, i) => {
    const pair = key(`//${label}/${i}`);
    return { pair, ...memberKey(pair.address, blake2AsU8a(stringToU8a(`gongzhi-e2e/${label}/${i}`), 256)) };
  });
  const refused = (outcomes, what) => {
    const failed = outcomes.filter((o) => o.failed !== null);
    if (failed.length) throw new Error(`${what}: ${failed.length} refused, e.g. ${failed[0].failed}`);
  };

  // Officer Charlie registers them in Sunflower, a batch of 100 at a time.
  const argNames = api.tx.community.registerResident.meta.args.map((a) => camel(a.name.toString()));
  const register = ({ pair }, i) => {
    const values = { community: DISTRICT.sunflower, who: pair.address, personHash: blake2AsHex(`gongzhi-e2e/${label}/person/${i}`, 256), household: null };
    return api.tx.community.registerResident(...argNames.map((name) => {
      if (!(name in values)) throw new Error(`community.registerResident has an argument "${name}" this set-up doesn't know`);
      return values[name];
    }));
  };
  const batches = [];
  for (let i = 0; i < count; i += 100) {
    batches.push({ tx: api.tx.utility.batchAll(residents.slice(i, i + 100).map((r, j) => register(r, i + j))), signer: ctx.who.officers.sunflower });
  }
  refused(await sendAll(ctx, batches), 'registering the residents');

  // Each sets a member key, for free (they hold nothing); 250 subscriptions at a time.
  for (let i = 0; i < count; i += 250) {
    refused(await sendAll(ctx, residents.slice(i, i + 250).map((r) => ({ tx: api.tx.community.setMemberKey(u8aToHex(r.key), u8aToHex(r.proof)), signer: r.pair }))), 'member keys');
  }

  // The office opens an anonymous project for Sunflower; its members: the residents with keys.
  const base = await bestNumber(api);
  const rules = {
    scope: { Community: DISTRICT.sunflower },
    bidding: { start: base + 3, end: base + 6 },
    voting: { start: base + 6, end: base + votingBlocks },
    method: 'Anonymous',
    quorumPercent: 0
  };
  const created = await sendOne(ctx, api.tx.procurement.createProject(`匿名投票 ${count} 位居民`, '向阳社区 Sunflower', u8aToHex(new Uint8Array(32)), 100_000, null, rules), ctx.who.office);
  if (created.failed !== null) throw new Error(`the anonymous project: ${created.failed}`);
  const id = eventFields(created, 'procurement', 'ProjectCreated').project;
  const item = { kind: 'Procurement', id };

  // The chain collects them and builds the rings in the blocks' spare weight.
  const record = await untilBlocks(api, async () => {
    const r = (await api.query.rings.items(item)).unwrap();
    return r.stage.isReady && r;
  }, 30, 'the rings');
  const rings = [];
  for (let r = 0; r < record.rings.toNumber(); r++) rings.push(await ringOf(api, id, r));

  // Bids from Eve and Ferdie.
  await waitForBlock(api, rules.bidding.start);
  refused(await sendAll(ctx, [
    { tx: api.tx.procurement.submitBid(id, 90_000, 'Eve', u8aToHex(new Uint8Array(32))), signer: ctx.who.providers.eve },
    { tx: api.tx.procurement.submitBid(id, 95_000, 'Ferdie', u8aToHex(new Uint8Array(32))), signer: ctx.who.providers.ferdie }
  ]), 'the bids');
  return { residents, id, item, record, rings, rules };
}
