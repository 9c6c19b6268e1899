// What the e2e tests run besides the node, and waiting for it: the indexer's and the load
// generator's binaries and the `next-version` runtime (runtime/wasm-next/). scripts/test.sh
// builds them with the workspace's cargo tests, beside the e2e tests, and names in
// $GONGZHI_TOOLS_READY a file it writes when that build ends: `ok`, or what went wrong.
// Without the variable they are taken as built.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared target dir every build on this machine uses (scripts/lib.sh). */
export const TARGET_DIR = process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache', 'gongzhi-target');

/** The `next-version` runtime (spec_version one ahead, needs-survey's storage migration 1 → 2),
 * compact and compressed: $GONGZHI_NEXT_WASM, or where runtime/wasm-next/build.rs writes it. */
export const NEXT_WASM = process.env.GONGZHI_NEXT_WASM ?? resolve(TARGET_DIR, 'release', 'wbuild', 'gongzhi-runtime', 'gongzhi_runtime_next.compact.compressed.wasm');

/** Resolves with what the file named by $GONGZHI_TOOLS_READY says (`ok` once the binaries are
 * built) as soon as it exists; at once with `ok` without the variable. */
export function toolsReady () {
  const path = process.env.GONGZHI_TOOLS_READY;
  if (!path) return Promise.resolve('ok');
  return new Promise((resolve) => {
    const look = () => {
      if (existsSync(path)) resolve(readFileSync(path, 'utf8').trim() || 'the file is empty');
      else setTimeout(look, 2000);
    };
    look();
  });
}

/** Waits for the tools' build (e2e/run.mjs starts a file that needs them only after it, so
 * this returns at once there); throws, naming the build's failure, if it failed. */
export async function toolsBuilt () {
  const ready = await toolsReady();
  if (ready !== 'ok') throw new Error(`the indexer, the load generator and the next-version runtime were not built: ${ready}`);
}

/** The `next-version` runtime's code (NEXT_WASM), once built; throws, saying how to build it, if
 * the file is missing. */
export async function nextRuntime () {
  await toolsBuilt();
  if (!existsSync(NEXT_WASM)) {
    throw new Error(`no next-version runtime at ${NEXT_WASM}: scripts/test.sh e2e builds it (cargo build --release -p gongzhi-runtime-next-wasm)`);
  }
  return readFileSync(NEXT_WASM);
}

/** Whether a test file's source runs one of the tools: the indexer through lib/indexer.js's
 * startIndexer, or lib/console.js's openConsole (which starts an indexer for the console's page);
 * the load generator through lib/anon.js's proveInRust, which anonymousBallot calls; the
 * `next-version` runtime through nextRuntime. e2e/run.mjs starts such files after the build. A
 * lib function that comes to call one of these must be added here: a file the scan misses still
 * waits for the build inside them, but that wait counts against the file's 900-second timeout. */
export const runsTools = (source) => /\b(startIndexer|openConsole|proveInRust|anonymousBallot|nextRuntime)\b/.test(source);
