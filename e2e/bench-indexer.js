#!/usr/bin/env node
// Benchmark of the indexer (gongzhi-indexer) on the district run; scripts/bench-indexer.sh runs
// it beside `gongzhi-loadgen scale` (whose node keeps old state: archive-canonical pruning).
//
//   node bench-indexer.js live --work DIR        follows the scale run's node (found from its log)
//                                                with a SQLite indexer, polling /status every 2 s,
//                                                until the loadgen's node stops; JSON on stdout
//   node bench-indexer.js backfill --work DIR --live FILE
//                                                serves the run's database from a node that
//                                                authors nothing; builds fresh indexes from genesis
//                                                on SQLite and ($GONGZHI_TEST_PG_URL) PostgreSQL,
//                                                timed; checks that all dumps agree; writes the
//                                                figures for bench/raw/indexer.json on stdout
// GONGZHI_NODE / GONGZHI_INDEXER: the binaries.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startNode, rpc, sleep } from './lib/node.js';
import { startIndexer, sqliteUrl, postgresUrl, dump } from './lib/indexer.js';

const [mode, ...rest] = process.argv.slice(2);
const arg = (name) => { const i = rest.indexOf(`--${name}`); return i >= 0 ? rest[i + 1] : undefined; };
const work = arg('work');
const say = (m) => console.error(`[bench-indexer] ${m}`);

/** The RPC ports the scale run's node has opened, in order (it restarts once). */
function rpcPorts () {
  const log = join(work, 'scale-node.log');
  if (!existsSync(log)) return [];
  return [...readFileSync(log, 'utf8').matchAll(/Running JSON-RPC server: addr=127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
}

async function status (indexer) { return (await indexer.get('/status')).body; }

async function live () {
  // The run's node starts, stops to export its state, and starts again: follow the second one.
  let ports = [];
  for (let i = 0; ports.length < 2; i++) {
    if (i > 1800) throw new Error('the scale run\'s node did not start twice in 30 minutes');
    await sleep(1_000);
    ports = rpcPorts();
  }
  const port = ports[1];
  // In the work folder: the backfill step (another process) dumps it to compare.
  const database = sqliteUrl('bench-live', work);
  const indexer = await startIndexer({ nodeUrl: `ws://127.0.0.1:${port}`, database, name: 'bench-live' });
  say(`following ws://127.0.0.1:${port} into ${database}`);
  const samples = [];
  for (;;) {
    await sleep(2_000);
    try { await rpc(port, 'system_health'); } catch { break; } // the run is over
    const s = await status(indexer).catch(() => null);
    if (s?.cursor && s.finalized_head !== null && s.finalized_head !== undefined) samples.push(s.finalized_head - s.cursor.block_number);
  }
  await indexer.stop();
  const lags = samples.length ? samples : [0];
  return { database, poll_secs: 2, samples: samples.length, at_head_samples: samples.filter((l) => l <= 0).length, max_lag_blocks: Math.max(...lags) };
}

async function backfill () {
  const liveRun = JSON.parse(readFileSync(arg('live'), 'utf8'));
  const scale = JSON.parse(readFileSync(join(work, 'scale.json'), 'utf8'));
  const node = await startNode({ name: 'bench-indexer', chain: join(work, 'scale-spec.json'), basePath: join(work, 'scale-db'), extraArgs: ['--state-pruning', 'archive-canonical', '--rpc-max-response-size', '512'] });
  try {
    const hash = await rpc(node.rpcPort, 'chain_getFinalizedHead');
    const head = parseInt((await rpc(node.rpcPort, 'chain_getHeader', [hash])).number, 16);
    const backends = { SQLite: sqliteUrl('bench-fresh') };
    const pg = postgresUrl('bench_fresh');
    if (pg) backends.PostgreSQL = pg;
    const out = {};
    for (const [name, database] of Object.entries(backends)) {
      const t0 = performance.now();
      const indexer = await startIndexer({ nodeUrl: node.wsUrl, database, name: `bench-${name}` });
      for (;;) {
        const s = await status(indexer).catch(() => null);
        if (s?.cursor?.block_number === head) break;
        await sleep(100);
      }
      const secs = (performance.now() - t0) / 1000;
      const events = (await indexer.get('/events?limit=1')).body.total;
      await indexer.stop();
      out[name] = { blocks: head + 1, events, secs: Number(secs.toFixed(2)) };
      say(`${name}: ${head + 1} blocks, ${events} events from genesis in ${secs.toFixed(1)} s`);
    }
    const reference = dump(liveRun.database);
    const identical = Object.values(backends).every((db) => dump(db) === reference);
    if (!identical) throw new Error('the indexes differ: see the dumps');
    const phase = scale.phase;
    const full = phase.blocks.filter((b) => b.end === 'HitBlockWeightLimit');
    return {
      how: `scripts/bench-indexer.sh: gongzhi-loadgen scale (${scale.residents} residents, archive-canonical pruning) with gongzhi-indexer (SQLite) following its node on the same machine, /status polled every 2 s; then the same database served by a node that authors nothing and fresh indexes built from genesis, timed from process start to the cursor at the finalized head. The live and fresh indexes dumped identically.`,
      produced: { ballots: phase.finalized, blocks: phase.blocks.length, per_full_block: full[0]?.ours ?? null, finalized_per_sec: Number(phase.finalized_tps.toFixed(1)) },
      live: { poll_secs: liveRun.poll_secs, samples: liveRun.samples, at_head_samples: liveRun.at_head_samples, max_lag_blocks: liveRun.max_lag_blocks },
      backfill: out
    };
  } finally {
    await node.stop({ keepFiles: true });
  }
}

const result = mode === 'live' ? await live() : mode === 'backfill' ? await backfill() : null;
if (!result) { console.error('usage: node bench-indexer.js live|backfill --work DIR [--live FILE]'); process.exit(2); }
console.log(JSON.stringify(result, null, 2));
process.exit(0);
