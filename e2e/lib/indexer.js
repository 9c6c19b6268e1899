// gongzhi-indexer (indexer/) for the e2e tests: start it against a node and a database, kill it,
// read its HTTP API and its canonical dump; and PostgreSQL databases for it (from
// $GONGZHI_TEST_PG_URL, a server scripts/test.sh starts on a free port in a temp dir).

import { spawn, execFileSync } from 'node:child_process';
import { openSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, scratchDir, sleep } from './node.js';
import { TARGET_DIR, toolsBuilt } from './tools.js';

/** The indexer binary under test: $GONGZHI_INDEXER, or the release build in the shared target dir. */
export const INDEXER_BIN = process.env.GONGZHI_INDEXER ?? resolve(TARGET_DIR, 'release', 'gongzhi-indexer');

const running = new Set();
process.on('exit', () => { for (const c of running) { try { c.kill('SIGKILL'); } catch { /* gone */ } } });

/**
 * A fresh SQLite database file, as a URL: `<name>.sqlite` in `dir` when given (the caller keeps
 * it, e.g. for another process), otherwise in a scratch folder removed when this process exits.
 */
export function sqliteUrl (name, dir = undefined) {
  const file = dir ? join(dir, `${name}.sqlite`) : join(scratchDir(`gongzhi-idx-${name}-`), 'index.sqlite');
  return `sqlite://${file}?mode=rwc`;
}

/** A fresh PostgreSQL database on the server of $GONGZHI_TEST_PG_URL (null without it). */
export function postgresUrl (name) {
  const base = process.env.GONGZHI_TEST_PG_URL;
  if (!base && process.env.GONGZHI_REQUIRE_PG) throw new Error('GONGZHI_REQUIRE_PG is set but GONGZHI_TEST_PG_URL is not');
  if (!base) return null;
  const db = `gz_${name}_${process.pid}_${Date.now() % 1e6}`.replace(/[^a-z0-9_]/g, '_');
  execFileSync('psql', [base, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${db}`]);
  const url = new URL(base);
  url.pathname = `/${db}`;
  return url.toString();
}

/** Starts the indexer following `nodeUrl` into `database`, serving HTTP on a free port. */
export async function startIndexer ({ nodeUrl, database, name = 'indexer' }) {
  await toolsBuilt();
  if (!existsSync(INDEXER_BIN)) throw new Error(`indexer binary not found at ${INDEXER_BIN}: build it first (scripts/test.sh does)`);
  const port = await freePort();
  const logDir = scratchDir(`gongzhi-idx-log-${name}-`);
  const logPath = join(logDir, 'indexer.log');
  const out = openSync(logPath, 'a');
  const child = spawn(INDEXER_BIN, ['--node', nodeUrl, '--database', database, '--http', `127.0.0.1:${port}`, '--max-backoff-secs', '2'],
    { stdio: ['ignore', out, out], env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'info' } });
  running.add(child);
  const exited = new Promise((r) => child.on('exit', (code, signal) => { running.delete(child); r({ code, signal }); }));
  const handle = {
    child,
    url: `http://127.0.0.1:${port}`,
    log: () => readFileSync(logPath, 'utf8'),
    /** GET a path of the HTTP API: the parsed JSON, or the text for CSV. */
    async get (path) {
      const res = await fetch(`${handle.url}${path}`);
      // Decoded keeping a byte-order mark, so a test can see the one the CSV starts with.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
    },
    /** Kills it with SIGKILL, mid-whatever. */
    async kill9 () { try { child.kill('SIGKILL'); } catch { /* gone */ } await exited; },
    async stop () { try { child.kill('SIGTERM'); } catch { /* gone */ } await Promise.race([exited, sleep(5_000)]); await handle.kill9(); }
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${handle.log().slice(-3000)}`);
    try { if ((await handle.get('/status')).status === 200) break; } catch { /* not up yet */ }
    if (i > 240) throw new Error(`${name}: HTTP not up after 60 s:\n${handle.log().slice(-3000)}`);
    await sleep(250);
  }
  return handle;
}

/** The canonical dump of an index (`gongzhi-indexer dump`): one line per row, in a fixed order. */
export function dump (database) {
  return execFileSync(INDEXER_BIN, ['dump', '--database', database], { maxBuffer: 256 * 1024 * 1024 }).toString();
}
