// The deployment kit (deploy/), on loopback: `deploy/loopback.sh up` makes fresh keys for four
// validators (deploy/bin/gongzhi-keys), a chain spec from a district file written here
// (deploy/bin/gongzhi-spec: new accounts for the office, its officer, two providers and six
// residents; no dev key, no admin key, Live), and starts the four validators and one public RPC
// node with deploy/bin/gongzhi-run, the command line of the systemd unit. Then, only through the
// RPC node: the spec passes `check-spec`; a ballot runs from project to award; the RPC node
// refuses unsafe methods and rate-limits a connection that floods it; a light client (smoldot)
// reaches the chain through the node's WebSocket p2p address.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { cryptoWaitReady, mnemonicGenerate, blake2AsHex } from '@polkadot/util-crypto';
import { NODE_BIN, waitFor } from '../lib/node.js';
import { gongzhiRpc } from '../lib/gongzhi-rpc.js';
import { openProjects, submitBids, sendAll, sendOne, eventFields, waitForBlock, BIDS } from '../lib/cycle.js';
import { startSmoldot, lightClientApi } from '../lib/light-client.js';

const KIT = fileURLToPath(new URL('../../deploy/', import.meta.url));
const RATE = 300; // the RPC node's calls per minute per connection, for this test
const dir = mkdtempSync(join(tmpdir(), 'gongzhi-e2e-kit-'));
let net;
let api;
let who;

before(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const fresh = () => keyring.addFromMnemonic(mnemonicGenerate());
  who = {
    office: fresh(),
    officer: fresh(),
    providers: { eve: fresh(), ferdie: fresh() },
    residents: Array.from({ length: 6 }, fresh)
  };
  const district = {
    name: '回环测试区共治链 (loopback district)',
    id: 'gongzhi_kit_loopback',
    balances: [[who.office.address, 1000], [who.providers.eve.address, 1000], [who.providers.ferdie.address, 1000]],
    offices: [[who.office.address, '第一街道办事处']],
    communities: [[0, '向阳社区', [who.officer.address]]],
    providers: [
      [who.providers.eve.address, '银龄居家养老服务中心', blake2AsHex('kit/provider/eve'), [0]],
      [who.providers.ferdie.address, '安心家政服务社', blake2AsHex('kit/provider/ferdie'), [0]]
    ],
    residents: who.residents.map((r, i) => [r.address, 0, blake2AsHex(`kit/person/${i}`), null])
  };
  writeFileSync(join(dir, 'district-in.json'), JSON.stringify(district));
  const up = spawnSync(join(KIT, 'loopback.sh'), ['up', join(dir, 'net'), join(dir, 'district-in.json')], {
    encoding: 'utf8',
    env: { ...process.env, GONGZHI_NODE: NODE_BIN, LOOPBACK_RPC_RATE: String(RATE) },
    timeout: 300_000
  });
  assert.equal(up.status, 0, `loopback.sh up failed:\n${up.stdout}\n${up.stderr}`);
  net = JSON.parse(up.stdout.trim().split('\n').pop());
  api = await ApiPromise.create({ provider: new WsProvider(net.rpc), rpc: gongzhiRpc, noInitWarn: true });
});

after(async () => {
  await api?.disconnect().catch(() => {});
  spawnSync(join(KIT, 'loopback.sh'), ['down', join(dir, 'net')]);
  rmSync(dir, { recursive: true, force: true });
});

test('the chain spec made from the district file passes check-spec: no dev key, no sudo key, Live', async () => {
  const check = readFileSync(join(net.dir, 'spec-check.txt'), 'utf8');
  assert.match(check, /4 validators, 1 offices; check passed/);
  const again = spawnSync(NODE_BIN, ['check-spec', net.spec], { encoding: 'utf8' });
  assert.equal(again.status, 0, again.stdout + again.stderr);
  const spec = JSON.parse(readFileSync(net.spec, 'utf8'));
  assert.equal(spec.chainType, 'Live');
  assert.equal(spec.bootNodes.length, 1);
  // Every authority is one of the keys the kit made, not a dev key.
  const made = JSON.parse(readFileSync(join(net.dir, 'district.json'), 'utf8')).validators;
  const aura = (await api.query.aura.authorities()).map((k) => keyringAddress(k.toHex()));
  assert.deepEqual(aura.sort(), made.map((v) => keyringAddress(v.aura)).sort());
  assert.equal((await api.query.grandpa.authorities()).length, made.length);
  assert.equal((await api.query.sudo.key()).isNone, true, 'no sudo key');
});

test('the four validators author and finalize: blocks from at least three of them', async () => {
  const authorities = (await api.query.aura.authorities()).map((k) => k.toHex());
  const authors = new Set();
  const start = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitFor('blocks from three validators', async () => {
    const head = await api.rpc.chain.getHeader();
    // Aura: the block's slot (its pre-runtime digest) names the author, slot mod validators.
    const preRuntime = head.digest.logs.find((l) => l.isPreRuntime && l.asPreRuntime[0].toString() === 'aura');
    const slot = api.createType('u64', preRuntime.asPreRuntime[1]).toBigInt();
    authors.add(authorities[Number(slot % BigInt(authorities.length))]);
    return authors.size >= 3 && head.number.toNumber() >= start + 4;
  }, { timeoutMs: 120_000, everyMs: 2000 });
  const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  assert.ok(finalized >= start, `finalized #${finalized}`);
});

test('a ballot through the RPC node: project, bids, six residents vote for free, the count awards', async () => {
  const ctx = { api, who, outcomes: [], say: () => {}, label: (k) => k.address.slice(0, 8) };
  const projects = await openProjects(ctx, { keys: ['open'], lead: 2, bidding: 3, voting: 5 });
  const project = projects.open;
  assert.ok(project.project !== undefined, 'ProjectCreated');
  assert.equal(project.created.eligible, 6);
  await submitBids(ctx, projects, { open: BIDS.open });
  await waitForBlock(api, project.rules.voting.start - 1, { what: 'voting to open' });
  const ballots = who.residents.map((r, i) => ({ tx: api.tx.procurement.vote(project.project, i < 4 ? project.bids.eve.bid : project.bids.ferdie.bid), signer: r }));
  const outcomes = await sendAll(ctx, ballots);
  for (const o of outcomes) assert.equal(o.failed, null, JSON.stringify(o.failed));
  for (const r of who.residents) assert.equal((await api.query.system.account(r.address)).data.free.toBigInt(), 0n, 'residents hold nothing and paid nothing');
  await waitForBlock(api, project.rules.voting.end, { what: 'voting to end' });
  const closed = await sendOne(ctx, api.tx.procurement.close(project.project), who.office);
  const awarded = eventFields(closed, 'procurement', 'ProjectAwarded');
  assert.ok(awarded, `ProjectAwarded in ${JSON.stringify(closed.events?.map((e) => e.event?.method))}`);
  assert.equal(awarded.bid, project.bids.eve.bid);
  assert.equal(awarded.votes, 4);
});

test('the RPC node serves safe methods only and rate-limits a connection that floods it', async () => {
  await assert.rejects(api.rpc.author.rotateKeys(), /unsafe|not allowed|Method not found/i);
  // A validator's own RPC (127.0.0.1) does allow it: that is where the operator rotates keys.
  const rotate = await (await fetch(net.validatorRpc[0], { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'author_rotateKeys', params: [] }) })).json();
  assert.match(rotate.result ?? '', /^0x[0-9a-f]{128}$/, JSON.stringify(rotate));
  // One connection, twice the per-minute allowance at once: the node delays, then refuses the rest.
  const flood = new WsProvider(net.rpc);
  await flood.isReady;
  const results = await Promise.allSettled(Array.from({ length: 2 * RATE }, () => flood.send('system_health', [])));
  await flood.disconnect();
  const refused = results.filter((r) => r.status === 'rejected' && /rate limit/i.test(String(r.reason)));
  const served = results.filter((r) => r.status === 'fulfilled');
  assert.ok(refused.length > 0, `no call refused: ${served.length} served, other failures: ${results.filter((r) => r.status === 'rejected').slice(0, 2).map((r) => String(r.reason))}`);
  assert.ok(served.length >= RATE, `the allowance is served: ${served.length}`);
  // Other connections are not affected.
  assert.ok((await api.rpc.system.health()).peers.toNumber() >= 1);
});

test('a light client reaches the chain through the RPC node\'s WebSocket p2p address', async () => {
  const spec = JSON.parse(readFileSync(net.spec, 'utf8'));
  spec.bootNodes = [net.p2pWs];
  const smoldot = startSmoldot();
  let light;
  try {
    light = await lightClientApi(smoldot, JSON.stringify(spec));
    const target = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    await waitFor(`smoldot to finalize #${target}`, async () => {
      const head = await light.rpc.chain.getFinalizedHead();
      return (await light.rpc.chain.getHeader(head)).number.toNumber() >= target;
    }, { timeoutMs: 120_000, everyMs: 1000 });
  } finally {
    await light?.disconnect().catch(() => {});
    await smoldot.terminate().catch(() => {});
  }
});

/** An SS58 address (any prefix) in the chain's format (42). */
function keyringAddress (address) {
  return new Keyring({ ss58Format: 42 }).encodeAddress(new Keyring().decodeAddress(address), 42);
}

