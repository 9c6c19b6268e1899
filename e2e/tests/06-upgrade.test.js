// A runtime upgrade with work in progress: on a live dev chain, with a survey and a procurement
// ballot open and half the residents' answers and ballots in, the admin origin (sudo, on the dev
// chain) sets the code of the `next-version` runtime (runtime/wasm-next/ builds it with the cargo
// tests: spec_version one ahead, needs-survey's storage migrated from version 1 to 2). The rest
// answer and vote under the new runtime with the same clients; closing counts every answer and
// ballot from before and after. The indexer follows across the upgrade, each block decoded with
// its own runtime's metadata.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { xxhashAsHex } from '@polkadot/util-crypto';
import { startNode, nodeKey, waitFor } from '../lib/node.js';
import { gongzhiRpc, gongzhi } from '../lib/gongzhi-rpc.js';
import { cycleContext, sendAll, eventFields, openSurvey, openProjects, submitBids, closeSurvey, closeProject, waitForBlock, SURVEY, BIDS } from '../lib/cycle.js';
import { startIndexer, sqliteUrl } from '../lib/indexer.js';
import { nextRuntime } from '../lib/tools.js';

let node, api, fresh, ctx, indexer, nextCode;

/** The storage version a pallet's storage is at, as kept on chain (`:__STORAGE_VERSION__:`). */
async function storageVersion (pallet, at) {
  const key = xxhashAsHex(pallet, 128) + xxhashAsHex(':__STORAGE_VERSION__:', 128).slice(2);
  const raw = at ? await api.rpc.state.getStorage(key, at) : await api.rpc.state.getStorage(key);
  const bytes = raw.unwrapOr(null);
  return bytes === null ? null : api.createType('u16', bytes.toU8a(true)).toNumber();
}

before(async () => {
  // The upgrade's code first: it is built with the cargo tests (lib/tools.js).
  nextCode = await nextRuntime();
  const { key } = nodeKey(0x06);
  node = await startNode({ name: 'dev-for-upgrade', nodeKey: key, ws: true });
  indexer = await startIndexer({ nodeUrl: node.wsUrl, database: sqliteUrl('upgrade'), name: 'upgrade' });
  api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), rpc: gongzhiRpc, noInitWarn: true });
  ctx = await cycleContext(api);
});

after(async () => {
  await api?.disconnect();
  await fresh?.disconnect();
  await indexer?.stop?.();
  await node?.stop();
});

test('an upgrade through storage_version with a survey and a ballot open: answers and ballots from before and after all count', async () => {
  const { who } = ctx;
  const before = await api.rpc.state.getRuntimeVersion();
  assert.equal(await storageVersion('NeedsSurvey'), 1, 'needs-survey\u2019s storage starts at version 1');

  // Work in progress: a survey and an open ballot, long enough to span the upgrade.
  const survey = await openSurvey(ctx, { lead: 2, window: 24 });
  const { open } = await openProjects(ctx, { keys: ['open'], lead: 3, bidding: 3, voting: 24 });
  await submitBids(ctx, { open }, { open: BIDS.open });
  const eveBid = open.bids.eve.bid;
  const ferdieBid = open.bids.ferdie.bid;
  await waitForBlock(api, Math.max(survey.opensAt, open.rules.voting.start), { what: 'the survey and the ballot to open' });

  // Half before the upgrade.
  const earlier = await sendAll(ctx, [
    { tx: api.tx.needsSurvey.respond(survey.survey, SURVEY.answers.alice), signer: who.residents.alice },
    { tx: api.tx.needsSurvey.respond(survey.survey, SURVEY.answers.bob), signer: who.residents.bob },
    { tx: api.tx.procurement.vote(open.project, eveBid), signer: who.residents.alice },
    { tx: api.tx.procurement.vote(open.project, ferdieBid), signer: who.residents.bob }
  ]);
  for (const o of earlier) assert.equal(o.failed, null);

  // The upgrade, by the admin origin: sudo on the dev chain (a council or a multisig on a real one).
  const code = nextCode;
  // Submitted without watching it: the connection that sends it switches to the new runtime's
  // types while the block is being reported, and may decode that block's events with them (see
  // below). The block is found from the runtime version instead, and read by a new connection.
  const setCode = api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCode(u8aToHex(code)), { refTime: 0, proofSize: 0 });
  await setCode.signAsync(who.outsider, { nonce: -1 });
  const txHash = (await api.rpc.author.submitExtrinsic(setCode)).toHex();
  const next = before.specVersion.toNumber() + 1;
  await waitFor('the new code in a block', async () => (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber() === next, { timeoutMs: 120_000 });
  // The upgrade block: the first whose state holds the new code.
  let header = await api.rpc.chain.getHeader();
  while ((await api.rpc.state.getRuntimeVersion(header.parentHash)).specVersion.toNumber() === next) header = await api.rpc.chain.getHeader(header.parentHash);
  const upgrade = { blockHash: header.hash, blockNumber: header.number.toNumber() };
  const block = await api.rpc.chain.getBlock(upgrade.blockHash);
  assert.ok(block.block.extrinsics.some((x) => x.hash.toHex() === txHash), 'the setCode transaction is in the upgrade block');
  await waitForBlock(api, upgrade.blockNumber + 1, { what: 'the first block of the new runtime' });
  fresh = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), rpc: gongzhiRpc, noInitWarn: true });
  const upgradeEvents = { events: (await (await fresh.at(upgrade.blockHash)).query.system.events()).map((r) => r.event) };
  assert.ok(eventFields(upgradeEvents, 'system', 'CodeUpdated'), 'system.CodeUpdated');
  assert.deepEqual(eventFields(upgradeEvents, 'sudo', 'Sudid')?.sudoResult, { ok: null });
  // The block's state holds the new code; it runs from the next block, the migration first.
  assert.equal((await api.rpc.state.getRuntimeVersion(upgrade.blockHash)).specVersion.toNumber(), before.specVersion.toNumber() + 1);
  assert.equal(await storageVersion('NeedsSurvey', upgrade.blockHash), 1, 'not migrated yet');
  const upgradedAt = await api.rpc.chain.getBlockHash(upgrade.blockNumber + 1);
  assert.equal(await storageVersion('NeedsSurvey', upgradedAt), 2, 'the migration moved needs-survey\u2019s storage to version 2');
  assert.equal((await api.query.system.lastRuntimeUpgrade()).unwrap().specVersion.toNumber(), before.specVersion.toNumber() + 1);
  const midway = await gongzhi(api, 'surveyResults', survey.survey, upgradedAt);
  assert.equal(midway.responses, 2, 'the answers from before the upgrade are there');
  const midTally = await gongzhi(api, 'projectTally', open.project, upgradedAt);
  assert.equal(midTally.ballots, 2, 'the ballots from before the upgrade are there');

  // The other half after it, from the same clients (polkadot.js reads the new metadata itself).
  await waitFor('the client to see the new runtime', async () => api.runtimeVersion.specVersion.toNumber() === before.specVersion.toNumber() + 1, { timeoutMs: 60_000 });
  const later = await sendAll(ctx, [
    { tx: api.tx.needsSurvey.respond(survey.survey, SURVEY.answers.dave), signer: who.residents.dave },
    { tx: api.tx.needsSurvey.respond(survey.survey, SURVEY.answers.eve), signer: who.residents.eve },
    { tx: api.tx.procurement.vote(open.project, eveBid), signer: who.residents.charlie },
    { tx: api.tx.procurement.vote(open.project, eveBid), signer: who.residents.dave }
  ]);
  for (const o of later) assert.equal(o.failed, null);
  const laterBlocks = later.map((o) => o.blockNumber);

  // Closing counts everything. Read with a client connected after the upgrade: @polkadot/api
  // follows an upgrade with the metadata of `state_getMetadata` (V14), which has no runtime APIs,
  // so a connection from before it no longer offers `api.call.gongzhiApi` (transactions and
  // the node's `gongzhi_*` JSON-RPC go on working). PAPI, in the apps, reads V16 again.
  assert.ok(fresh.call.gongzhiApi, 'a new connection has the runtime API');
  const ctxAfter = { ...ctx, api: fresh };
  const closedSurvey = await closeSurvey(ctxAfter, survey);
  assert.equal(closedSurvey.closed.responses, 4);
  const results = closedSurvey.viaRpc;
  assert.equal(results.responses, 4);
  const firstQuestion = results.questions[0];
  assert.deepEqual(firstQuestion.singleChoice.counts, [3, 1, 0], JSON.stringify(firstQuestion));
  const closed = await closeProject(ctxAfter, open);
  assert.ok(closed.awarded, `awarded: ${JSON.stringify(closed.failed)}`);
  assert.equal(closed.awarded.provider, who.providers.eve.address);
  assert.equal(closed.awarded.votes, 3);
  assert.equal(closed.awarded.counted, 4);

  // The indexer followed across the upgrade: blocks of both versions, every answer and ballot.
  const last = Math.max(closed.outcome.blockNumber, closedSurvey.outcome.blockNumber);
  await waitFor('the indexer to reach the last block', async () => ((await indexer.get(`/blocks?number=${last}`)).body.rows ?? []).length === 1, { timeoutMs: 120_000 });
  const oldBlocks = (await indexer.get(`/blocks?spec_version=${before.specVersion.toNumber()}&limit=1`)).body.rows;
  const newBlocks = (await indexer.get(`/blocks?spec_version=${before.specVersion.toNumber() + 1}&limit=1000`)).body.rows;
  assert.equal(oldBlocks.length, 1);
  assert.ok(newBlocks.some((b) => laterBlocks.includes(Number(b.number))), 'the answers after the upgrade are in blocks of the new version');
  const responses = (await indexer.get(`/survey_responses?survey=${survey.survey}`)).body.rows;
  assert.equal(responses.length, 4);
  const ballots = (await indexer.get(`/ballots?project=${open.project}`)).body.rows;
  assert.equal(ballots.length, 4);
});
