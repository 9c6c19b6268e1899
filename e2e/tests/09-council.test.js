// Governance without one key: a chain from the development preset with its sudo key taken out,
// governed by its council (Alice, Bob, Charlie; a motion that needs the admin origin passes with
// two of three). The council adds a street office (community.createOffice through the admin
// origin) and upgrades the runtime (rootDispatch.dispatchAsRoot(system.setCode) with the
// `next-version` wasm that e2e/tests/06-upgrade.test.js uses); a non-member can do neither.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { NODE_BIN, startNode, nodeKey, waitFor } from '../lib/node.js';
import { devKeyring } from '../lib/chain.js';
import { send, eventFields, utf8 } from '../lib/cycle.js';
import { councilMotion } from '../lib/council.js';
import { nextRuntime } from '../lib/tools.js';

const specDir = mkdtempSync(join(tmpdir(), 'gongzhi-council-'));
let node, api, key, council, nextCode;

before(async () => {
  // The upgrade's code first: it is built with the cargo tests (lib/tools.js).
  nextCode = await nextRuntime();
  // The development preset without its sudo key: the council is the only governance left.
  const spec = JSON.parse(execFileSync(NODE_BIN, ['export-chain-spec', '--chain', 'dev'], { maxBuffer: 64 << 20 }).toString());
  const genesis = spec.genesis.runtimeGenesis;
  if (genesis.patch) genesis.patch.sudo = { key: null };
  else genesis.config.sudo = { key: null };
  spec.id = 'gongzhi_council_test';
  const specPath = join(specDir, 'council.json');
  writeFileSync(specPath, JSON.stringify(spec));
  node = await startNode({ chain: specPath, validator: 'alice', nodeKey: nodeKey(0x09).key, name: 'council', extraArgs: ['--force-authoring'] });
  api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true });
  ({ key } = await devKeyring());
  council = { proposer: key('Alice'), voters: [key('Alice'), key('Bob')], closer: key('Charlie') };
});

after(async () => {
  await api?.disconnect().catch(() => {});
  await node?.stop();
  rmSync(specDir, { recursive: true, force: true });
});

test('no sudo key; the council has three members', async () => {
  assert.equal((await api.query.sudo.key()).isNone, true);
  const members = (await api.query.council.members()).map(String).sort();
  assert.deepEqual(members, ['Alice', 'Bob', 'Charlie'].map((n) => key(n).address).sort());
  assert.deepEqual((await api.query.councilMembership.members()).map(String).sort(), members);
});

test('a council motion (two of three) adds a street office through the admin origin; a non-member can\u2019t propose', async () => {
  const admin = key('Ferdie//office');
  const before = (await api.query.community.nextOfficeId()).toNumber();
  const motion = await councilMotion(api, api.tx.community.createOffice(admin.address, '理事会设立的街道办事处'), council);
  assert.equal(motion.failed, undefined, JSON.stringify(motion.failed));
  assert.deepEqual(motion.executed?.result, { ok: null }, JSON.stringify(motion.executed));
  const created = eventFields(motion.closed, 'community', 'OfficeCreated');
  assert.equal(created?.office, before);
  assert.equal(created?.admin, admin.address);
  assert.equal(utf8((await api.query.community.offices(before)).unwrap().name.toHex()), '理事会设立的街道办事处');

  // Dave is no member: he can't propose, and can't use the admin origin or Root himself.
  const byDave = await send(api, api.tx.council.propose(2, api.tx.community.createOffice(admin.address, 'x').method, 100), key('Dave'));
  assert.equal(byDave.failed, 'council.NotMember');
  const rootByDave = await send(api, api.tx.rootDispatch.dispatchAsRoot(api.tx.system.remark('0x00').method, null), key('Dave'));
  assert.equal(rootByDave.failed, 'BadOrigin');
  // One member alone (threshold 1 executes at once) is not two thirds.
  const alone = await send(api, api.tx.council.propose(1, api.tx.community.createOffice(admin.address, 'x').method, 100), key('Alice'));
  const executed = eventFields(alone, 'council', 'Executed');
  assert.ok(executed?.result?.err, `one member alone must fail: ${JSON.stringify(executed)}`);
  assert.equal((await api.query.community.nextOfficeId()).toNumber(), before + 1);
});

test('a council motion upgrades the runtime through rootDispatch.dispatchAsRoot(system.setCode)', async () => {
  const version = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  const code = nextCode;
  // The weight the council states for the upgrade (set_code's declared worst case is more than a
  // block): half a second, within the council's MaxProposalWeight.
  const upgrade = api.tx.rootDispatch.dispatchAsRoot(api.tx.system.setCode(u8aToHex(code)).method, { refTime: 500_000_000_000n, proofSize: 0 });
  const motion = await councilMotion(api, upgrade, { ...council, watchClose: false });
  assert.equal(motion.failed, undefined, JSON.stringify(motion.failed));
  await waitFor('the new runtime', async () => (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber() === version + 1, { timeoutMs: 120_000 });
  // The upgrade block: the first whose state holds the new code; its events, read afresh.
  let header = await api.rpc.chain.getHeader();
  while ((await api.rpc.state.getRuntimeVersion(header.parentHash)).specVersion.toNumber() === version + 1) header = await api.rpc.chain.getHeader(header.parentHash);
  const block = await api.rpc.chain.getBlock(header.hash);
  assert.ok(block.block.extrinsics.some((x) => x.hash.toHex() === motion.closeHash), 'the close is in the upgrade block');
  const fresh = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true });
  try {
    const events = { events: (await (await fresh.at(header.hash)).query.system.events()).map((r) => r.event) };
    assert.deepEqual(eventFields(events, 'council', 'Executed')?.result, { ok: null });
    assert.deepEqual(eventFields(events, 'rootDispatch', 'Dispatched')?.result, { ok: null });
    assert.ok(eventFields(events, 'system', 'CodeUpdated'), 'system.CodeUpdated');
    // The chain goes on under the new runtime.
    const next = header.number.toNumber() + 2;
    await waitFor(`block #${next}`, async () => (await fresh.rpc.chain.getHeader()).number.toNumber() >= next, { timeoutMs: 60_000 });
    assert.equal((await fresh.query.system.lastRuntimeUpgrade()).unwrap().specVersion.toNumber(), version + 1);
  } finally {
    await fresh.disconnect();
  }
});
