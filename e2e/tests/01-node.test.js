// Foundation: a dev node that @polkadot/api can read (metadata V16, chain properties) and that
// includes and finalizes a signed transfer; a node told no chain refuses to start; `check-spec`
// refuses a chain spec with well-known keys or sudo and passes one with fresh keys.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, NODE_BIN } from '../lib/node.js';
import { devKeyring, submit, eventsOf } from '../lib/chain.js';
import { Keyring } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';

let node;
let api;

before(async () => {
  node = await startNode({ name: 'dev' });
  api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true });
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

test('the client reads metadata V16 and the chain properties', async () => {
  const versions = (await api.call.metadata.metadataVersions()).map((v) => v.toNumber());
  assert.ok(versions.includes(16), `metadata versions ${versions}`);
  const v16 = await api.call.metadata.metadataAtVersion(16);
  assert.ok(v16.isSome, 'metadata V16 is served');
  assert.equal(api.runtimeMetadata.version, 16, 'the client decodes V16');

  const props = await api.rpc.system.properties();
  assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'GZT');
  assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 12);
  assert.equal(props.ss58Format.unwrap().toNumber(), 42);
  assert.equal(api.consts.system.ss58Prefix.toNumber(), 42, 'runtime SS58Prefix agrees with the spec');
  assert.equal(api.runtimeVersion.specName.toString(), 'gongzhi');
});

test('a transfer signed by Alice is included and finalized', async () => {
  const { key } = await devKeyring();
  const alice = key('Alice');
  const dest = key('//Gongzhi//e2e//transfer').address;
  const amount = 5n * 10n ** 12n;

  const { blockHash, events, failed } = await submit(api, api.tx.balances.transferKeepAlive(dest, amount), alice, { finalized: true });
  assert.equal(failed, null);
  const [transfer] = eventsOf(events, 'balances', 'Transfer');
  assert.ok(transfer, 'Transfer event');
  assert.equal(transfer.data.to.toString(), dest);
  assert.equal(transfer.data.amount.toBigInt(), amount);

  const finalizedHead = await api.rpc.chain.getFinalizedHead();
  const inBlock = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  const finalized = (await api.rpc.chain.getHeader(finalizedHead)).number.toNumber();
  assert.ok(finalized >= inBlock, 'the block with the transfer is finalized');
  const account = await (await api.at(blockHash)).query.system.account(dest);
  assert.equal(account.data.free.toBigInt(), amount);
});

test('a node started without --chain or --dev refuses to start, and says why in Chinese and English', () => {
  const base = mkdtempSync(join(tmpdir(), 'gongzhi-e2e-nochain-'));
  try {
    for (const args of [[], ['--validator', '--alice'], ['--chain', '']]) {
      const run = spawnSync(NODE_BIN, ['--base-path', base, '--rpc-port', '0', '--no-prometheus', '--no-telemetry', ...args], { encoding: 'utf8', timeout: 30_000 });
      assert.notEqual(run.status, 0, `exits with an error for ${JSON.stringify(args)}`);
      assert.equal(run.signal, null, 'on its own, not killed by the timeout');
      assert.match(run.stderr, /未指定链/);
      assert.match(run.stderr, /No chain given: pass --chain/);
    }
    assert.deepEqual(readdirSync(base).filter((f) => f !== 'node.log'), [], 'no database was created');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('check-spec refuses the dev chain spec (its public keys, sudo, chain type) and passes a spec with fresh keys', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-e2e-spec-'));
  const checkSpec = (file) => spawnSync(NODE_BIN, ['check-spec', file], { encoding: 'utf8', timeout: 60_000 });
  try {
    for (const raw of [false, true]) {
      const exported = spawnSync(NODE_BIN, ['export-chain-spec', '--chain', 'dev', ...(raw ? ['--raw'] : [])], { encoding: 'utf8', maxBuffer: 64 << 20 });
      assert.equal(exported.status, 0, exported.stderr);
      const file = join(dir, raw ? 'dev-raw.json' : 'dev.json');
      writeFileSync(file, exported.stdout);
      const run = checkSpec(file);
      assert.notEqual(run.status, 0, `the dev spec (${raw ? 'raw' : 'plain'}) is refused`);
      for (const sentence of ['含有公开的开发密钥 //Alice（sr25519', 'contains the well-known development key //Alice (ed25519', 'contains the well-known development key //Bob//stash (sr25519', '设有 sudo 超级密钥', 'it has a sudo key', 'chainType is Development']) {
        assert.ok(run.stdout.includes(sentence), `${sentence} in:\n${run.stdout}`);
      }
      assert.match(run.stderr, /不能作为生产链/);
    }

    // A district's own spec: fresh Aura and GRANDPA keys, no sudo, a live chain.
    const sr = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(mnemonicGenerate());
    const ed = new Keyring({ type: 'ed25519', ss58Format: 42 }).addFromUri(mnemonicGenerate());
    const plain = JSON.parse(readFileSync(join(dir, 'dev.json'), 'utf8'));
    const fresh = {
      name: '共治 · 福田街道 Futian', id: 'gongzhi_futian', chainType: 'Live', bootNodes: [], properties: plain.properties,
      genesis: { runtimeGenesis: { code: plain.genesis.runtimeGenesis.code, patch: { aura: { authorities: [sr.address] }, grandpa: { authorities: [[ed.address, 1]] } } } }
    };
    const file = join(dir, 'futian.json');
    writeFileSync(file, JSON.stringify(fresh));
    const ok = checkSpec(file);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /通过：.*没有公开的开发密钥/);
    assert.match(ok.stdout, /Passed: .* holds no well-known key and no sudo key/);
    console.log(`# check-spec of the dev spec:\n${checkSpec(join(dir, 'dev.json')).stdout.split('\n').slice(0, 6).map((l) => `#   ${l}`).join('\n')}\n# check-spec of a spec with fresh keys:\n#   ${ok.stdout.trim().split('\n').join('\n#   ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
