// The validator set, chosen on chain (pallet-session + pallet-validator-set), on a running
// network: the local_testnet chain's four validators (Alice, Bob, Charlie, Dave) on loopback.
// A fifth node (Eve's account, no dev key in its keystore) makes its session keys with
// `author_rotateKeysWithOwner`, registers them with `session.setKeys`, and a council motion adds
// it. After the session change it authors blocks in its Aura slots, and with Dave stopped the
// remaining four of five (Eve among them) still finalize: its GRANDPA votes count. Then a council
// motion removes Dave; after the session change the set is four again and finality goes on.
// A session lasts 20 blocks (2 minutes); a change takes effect one to two sessions later.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { devKeyring } from '../lib/chain.js';
import { startNode, nodeKey, rawChainSpec, finalizedNumber, waitFor, rpc } from '../lib/node.js';
import { send } from '../lib/cycle.js';
import { councilMotion } from '../lib/council.js';

/** Two sessions of 20 blocks at 6 s, and margin. */
const SESSION_CHANGE_MS = 2 * 20 * 6_000 + 120_000;

const nodes = {};
let api;
let key;

/** The Aura authorities' keys (hex, no 0x) from the runtime: `AuraApi_authorities`. */
async function authorities (node) {
  const hex = (await rpc(node.rpcPort, 'state_call', ['AuraApi_authorities', '0x'])).slice(2);
  const count = parseInt(hex.slice(0, 2), 16) >> 2; // compact length, fewer than 64
  return Array.from({ length: count }, (_, i) => hex.slice(2 + i * 64, 2 + (i + 1) * 64));
}

/** The Aura slot that sealed `header` (its pre-runtime digest). */
function slotOf (header) {
  const log = header.digest.logs.find((l) => l.startsWith('0x0661757261'));
  return Buffer.from(log.slice(2 + 12, 2 + 12 + 16), 'hex').readBigUInt64LE();
}

const finalizedOn = (list) => Promise.all(list.map((n) => finalizedNumber(n.rpcPort)));

before(async () => {
  ({ key } = await devKeyring());
  const names = ['alice', 'bob', 'charlie', 'dave'];
  const [specPath] = rawChainSpec('local');
  const keys = [...names, 'eve'].map((_, i) => nodeKey(0x81 + i));
  nodes.alice = await startNode({ chain: specPath, validator: 'alice', nodeKey: keys[0].key, name: 'vs-alice' });
  const boot = nodes.alice.multiaddr(keys[0].peerId);
  for (let i = 1; i < names.length; i++) {
    nodes[names[i]] = await startNode({ chain: specPath, validator: names[i], nodeKey: keys[i].key, bootnodes: [boot], name: `vs-${names[i]}` });
  }
  // The fifth: a validator node with an empty keystore (its keys are made below).
  nodes.eve = await startNode({ chain: specPath, nodeKey: keys[4].key, bootnodes: [boot], name: 'vs-eve', extraArgs: ['--validator'] });
  api = await ApiPromise.create({ provider: new WsProvider(nodes.alice.wsUrl), noInitWarn: true });
  await waitFor('the four validators to finalize block 2', async () => (await finalizedOn(Object.values(nodes))).every((x) => x >= 2), { timeoutMs: 180_000, everyMs: 2000 });
});

after(async () => {
  await api?.disconnect().catch(() => {});
  await Promise.all(Object.values(nodes).map((n) => n.stop()));
});

test('a fifth validator joins through session keys and a council motion, authors and votes; one is removed and finality goes on', async () => {
  const eve = key('Eve');
  const council = { proposer: key('Alice'), voters: [key('Alice'), key('Bob')], closer: key('Charlie') };
  assert.deepEqual((await api.query.session.validators()).map(String).sort(), ['Alice', 'Bob', 'Charlie', 'Dave'].map((n) => key(n).address).sort());

  // Keys made on Eve's node, with the proof that it holds them for Eve's account.
  const rotated = await rpc(nodes.eve.rpcPort, 'author_rotateKeysWithOwner', [u8aToHex(decodeAddress(eve.address))]);
  assert.match(rotated.keys, /^0x[0-9a-f]{128}$/);
  const eveAura = rotated.keys.slice(2, 66);
  const eveGrandpa = rotated.keys.slice(66, 130);
  assert.equal(await rpc(nodes.eve.rpcPort, 'author_hasSessionKeys', [rotated.keys]), true);
  const setKeys = await send(api, api.tx.session.setKeys(rotated.keys, rotated.proof), eve);
  assert.equal(setKeys.failed, null, `session.setKeys: ${setKeys.failed}`);

  // A council motion (two of three) adds it.
  const added = await councilMotion(api, api.tx.validatorSet.addValidator(eve.address), council);
  assert.equal(added.failed, undefined, JSON.stringify(added.failed));
  assert.deepEqual(added.executed?.result, { ok: null }, JSON.stringify(added.executed));
  const addedEvent = added.closed.events.find((e) => e.section === 'validatorSet' && e.method === 'ValidatorAdded');
  assert.ok(addedEvent, 'validatorSet.ValidatorAdded');

  // After the session change: Eve is a validator, an Aura authority and a GRANDPA voter.
  await waitFor('Eve in the session\u2019s validators', async () => (await api.query.session.validators()).map(String).includes(eve.address), { timeoutMs: SESSION_CHANGE_MS, everyMs: 3000 });
  const aura = await authorities(nodes.alice);
  assert.equal(aura.length, 5);
  const eveIndex = aura.indexOf(eveAura);
  assert.ok(eveIndex >= 0, 'Eve\u2019s Aura key is an authority');
  const joinedAt = Number((await rpc(nodes.alice.rpcPort, 'chain_getHeader', [])).number);
  await waitFor('GRANDPA\u2019s set to include Eve', async () => (await api.query.grandpa.authorities()).some(([k]) => k.toHex().slice(2) === eveGrandpa), { timeoutMs: 120_000, everyMs: 3000 });

  // Eve authors: a block sealed in one of its slots (slot mod 5).
  await waitFor('a block authored by Eve', async () => {
    const head = Number((await rpc(nodes.alice.rpcPort, 'chain_getHeader', [])).number);
    for (let b = joinedAt; b <= head; b++) {
      const header = await rpc(nodes.alice.rpcPort, 'chain_getHeader', [await rpc(nodes.alice.rpcPort, 'chain_getBlockHash', [b])]);
      if (Number(slotOf(header) % 5n) === eveIndex) return true;
    }
    return false;
  }, { timeoutMs: 180_000, everyMs: 6000 });

  // Eve's votes count: with Dave stopped, four of five (more than two thirds) must include Eve.
  await waitFor('the set change to be finalized', async () => (await finalizedNumber(nodes.alice.rpcPort)) >= joinedAt, { timeoutMs: 120_000, everyMs: 2000 });
  await nodes.dave.stop();
  delete nodes.dave;
  const without = await finalizedNumber(nodes.alice.rpcPort);
  await waitFor('finality to go on without Dave, with Eve voting', async () => (await finalizedOn(Object.values(nodes))).every((x) => x >= without + 3), { timeoutMs: 180_000, everyMs: 2000 });

  // A council motion removes Dave; after the session change the set is four, and finality goes on.
  const removed = await councilMotion(api, api.tx.validatorSet.removeValidator(key('Dave').address), council);
  assert.deepEqual(removed.executed?.result, { ok: null }, JSON.stringify(removed.failed ?? removed.executed));
  await waitFor('Dave out of the session\u2019s validators', async () => !(await api.query.session.validators()).map(String).includes(key('Dave').address), { timeoutMs: SESSION_CHANGE_MS, everyMs: 3000 });
  assert.equal((await authorities(nodes.alice)).length, 4);
  const leftAt = Number((await rpc(nodes.alice.rpcPort, 'chain_getHeader', [])).number);
  await waitFor('finality past the removal', async () => (await finalizedOn(Object.values(nodes))).every((x) => x >= leftAt + 3), { timeoutMs: 180_000, everyMs: 2000 });
  assert.equal((await api.query.grandpa.authorities()).length, 4);
  // The set never drops below four: removing another fails.
  const refused = await councilMotion(api, api.tx.validatorSet.removeValidator(key('Charlie').address), council);
  assert.ok(refused.executed?.result?.err, `removing a fourth must fail: ${JSON.stringify(refused.failed ?? refused.executed)}`);
});
