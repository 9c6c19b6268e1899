// Runs every e2e test file (`npm test`): one file at a time, except the files of `BESIDE`, which
// mostly wait (a validator stopped for minutes) and run beside the others, on chains of their own
// (another genesis, so the two never sync with each other). Exits non-zero if any file fails.
// `node run.mjs tests/05-faults.test.js …` runs only the files given, one at a time.

import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';

/** Files that run beside the rest: they must not share a chain spec with any file of the rest. */
const BESIDE = ['tests/03-local-network.test.js'];
/** Files that share 03's chain spec (`local`): never at the same time as it. */
const NOT_BESIDE = ['tests/05-faults.test.js'];

const args = ['--test', '--test-timeout=900000'];
const given = process.argv.slice(2);
const all = readdirSync(new URL('tests/', import.meta.url)).filter((f) => f.endsWith('.test.js')).sort().map((f) => `tests/${f}`);

function run (files, { buffer = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...args, '--test-concurrency=1', ...files], { stdio: buffer ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let out = '';
    if (buffer) {
      child.stdout.on('data', (d) => { out += d; });
      child.stderr.on('data', (d) => { out += d; });
    }
    child.on('exit', (code, signal) => resolve({ files, code: code ?? (signal ? 1 : 0), out }));
  });
}

let results;
if (given.length) {
  results = [await run(given)];
} else {
  const beside = all.filter((f) => BESIDE.includes(f));
  const rest = all.filter((f) => !BESIDE.includes(f));
  // The files that share a chain spec with the ones beside run after them.
  const first = rest.filter((f) => !NOT_BESIDE.includes(f));
  const after = rest.filter((f) => NOT_BESIDE.includes(f));
  const besideRun = run(beside, { buffer: true });
  const firstResult = await run(first);
  const besideResult = await besideRun;
  process.stdout.write(`\n# ---- run beside the others: ${beside.join(' ')}\n${besideResult.out}`);
  results = [firstResult, besideResult, ...(after.length ? [await run(after)] : [])];
}
const failed = results.filter((r) => r.code !== 0);
for (const r of failed) console.error(`e2e: failed: ${r.files.join(' ')}`);
process.exit(failed.length ? 1 : 0);
