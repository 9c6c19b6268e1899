// Ring member keys (成员公钥, issue 19 step 1) through a real node. A resident makes a key and its
// proof of possession in JavaScript with npm `verifiablejs` 1.5.0 — the package the resident app
// will prove with — and the runtime's `verifiable` 0.4.1 accepts them: so a key made on a phone
// registers, for free (the resident holds no tokens). What the chain refuses, by name: a key copied
// with its proof to another account, a key another resident holds, a second change within the
// cooldown, a key that isn't a curve point; a resident with no tokens can't even get those into
// the pool (an invalid call is not free), and `GongzhiApi.check_call` names the reason.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex, stringToU8a } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import * as vrf from 'verifiablejs/nodejs';
import { startNode } from '../lib/node.js';
import { errorName } from '../lib/chain.js';
import { memberKey, possessionMessage } from '../lib/anon.js';
import { gongzhiRpc } from '../lib/gongzhi-rpc.js';
import { cycleContext, sendOne, send, eventFields, wasFeeless, freeBalance } from '../lib/cycle.js';

let node;
let api;
let ctx;

/** What `GongzhiApi.check_call` says of `tx` from `address`: { free, error: 'pallet.Error' | null }. The call
 * goes as hex: a Uint8Array given for a `Vec<u8>` argument would be read as already length-prefixed. */
async function check (address, tx) {
  const answer = await api.call.gongzhiApi.checkCall(address, tx.method.toHex());
  assert.ok(answer.isSome, 'check_call answers for a decodable call');
  const { free, result } = answer.unwrap();
  return { free: free.isTrue, error: result.isErr ? errorName(api, result.asErr) : null };
}

before(async () => {
  node = await startNode({ name: 'dev-member-keys' });
  api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), rpc: gongzhiRpc, noInitWarn: true });
  ctx = await cycleContext(api);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

test('a key made and signed by verifiablejs registers, for free: the event, the history and the index', async () => {
  const alice = ctx.who.residents.alice;
  const made = memberKey(alice.address);
  assert.equal(vrf.is_member_valid(made.key), true);
  assert.equal(vrf.verify_signature(made.proof, possessionMessage(alice.address), made.key), true, 'the JS proof verifies in JS');
  assert.equal(await freeBalance(api, alice.address), 0n, 'the resident holds no tokens');
  const tx = api.tx.community.setMemberKey(made.key, made.proof);
  assert.deepEqual(await check(alice.address, tx), { free: true, error: null });
  const outcome = await sendOne(ctx, tx, alice);
  assert.equal(outcome.failed, null);
  assert.equal(wasFeeless(outcome), true, 'free');
  assert.equal(outcome.fee, 0n);
  const event = eventFields(outcome, 'community', 'MemberKeySet');
  assert.deepEqual(event, { resident: ctx.residentId.alice, key: u8aToHex(made.key) });
  const history = (await api.query.community.memberKeys(ctx.residentId.alice)).unwrap();
  assert.equal(history.length, 1);
  assert.equal(history[0].key.toHex(), u8aToHex(made.key));
  assert.equal((await api.query.community.memberKeyOwners(made.key)).unwrap().toNumber(), ctx.residentId.alice);
  assert.equal(await freeBalance(api, alice.address), 0n, 'and still holds none');

  // A change within the cooldown (a day) is refused, and so not free: the pool turns it away.
  const again = memberKey(alice.address);
  const change = api.tx.community.setMemberKey(again.key, again.proof);
  assert.deepEqual(await check(alice.address, change), { free: false, error: 'community.MemberKeyChangedRecently' });
  await assert.rejects(send(api, change, alice), /1010|Inability to pay some fees|Invalid/);
  assert.equal((await api.query.community.memberKeys(ctx.residentId.alice)).unwrap().length, 1, 'nothing changed');
});

test('refused by name: a copied key and proof, another resident\'s key, a key that is not a point, a wrong proof', async () => {
  const { alice, bob, charlie } = ctx.who.residents;
  // Bob copies Alice's registered key with a proof made for his own account by someone who
  // doesn't hold the secret: the key is taken before the proof is even checked.
  const alicesKey = (await api.query.community.memberKeys(ctx.residentId.alice)).unwrap()[0].key;
  const forged = memberKey(bob.address);
  assert.deepEqual(await check(bob.address, api.tx.community.setMemberKey(alicesKey, forged.proof)), { free: false, error: 'community.MemberKeyTaken' });
  // Charlie's key and proof, submitted by Bob: the proof binds the key to Charlie's account.
  const charlies = memberKey(charlie.address);
  assert.deepEqual(await check(bob.address, api.tx.community.setMemberKey(charlies.key, charlies.proof)), { free: false, error: 'community.InvalidMemberKeyProof' });
  // 32 bytes that are no bandersnatch point.
  const garbage = new Uint8Array(32).fill(0xff);
  assert.deepEqual(await check(bob.address, api.tx.community.setMemberKey(garbage, forged.proof)), { free: false, error: 'community.InvalidMemberKey' });
  // A proof of another message (the right key, signed over the wrong bytes).
  const wrong = vrf.sign(forged.entropy, blake2AsU8a(stringToU8a('something else'), 256));
  assert.deepEqual(await check(bob.address, api.tx.community.setMemberKey(forged.key, wrong)), { free: false, error: 'community.InvalidMemberKeyProof' });
  // Not a resident at all (Alice's own account, not her //stash resident account).
  const outsider = memberKey(ctx.who.outsider.address);
  const byOutsider = api.tx.community.setMemberKey(outsider.key, outsider.proof);
  assert.deepEqual(await check(ctx.who.outsider.address, byOutsider), { free: false, error: 'community.NotResident' });
  // The outsider holds tokens: the call is included, pays, and fails with the same name.
  const outcome = await sendOne(ctx, byOutsider, ctx.who.outsider, { expect: 'community.NotResident' });
  assert.equal(outcome.failed, 'community.NotResident');
  assert.ok(outcome.fee > 0n, 'a failed call pays');
  assert.equal((await api.query.community.memberKeyOwners(outsider.key)).isNone, true);
  // Charlie, with the key and proof made for him, succeeds (the copy above changed nothing).
  const ok = await sendOne(ctx, api.tx.community.setMemberKey(charlies.key, charlies.proof), charlie);
  assert.equal(ok.failed, null);
  assert.equal((await api.query.community.memberKeyOwners(charlies.key)).unwrap().toNumber(), ctx.residentId.charlie);
  assert.equal((await api.query.community.memberKeys(ctx.residentId.bob)).isNone, true, 'Bob has no key');
});
