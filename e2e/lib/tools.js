// The indexer's and the load generator's binaries, as the e2e tests wait for them.
// scripts/test.sh builds them with the workspace's cargo tests, beside the e2e tests, and names in
// $GONGZHI_TOOLS_READY a file it writes when that build ends: `ok`, or what went wrong.
// Without the variable the binaries are taken as built.

import { existsSync, readFileSync } from 'node:fs';

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

/** Waits for the binaries' build (e2e/run.mjs starts a file that needs them only after it, so
 * this returns at once there); throws, naming the build's failure, if it failed. */
export async function toolsBuilt () {
  const ready = await toolsReady();
  if (ready !== 'ok') throw new Error(`the indexer and the load generator were not built: ${ready}`);
}

/** Whether a test file's source runs one of the binaries: through lib/indexer.js's startIndexer,
 * lib/console.js's openConsole (which starts an indexer for the console's page), or lib/anon.js's
 * proveInRust, which anonymousBallot calls. e2e/run.mjs starts such files after the build. A lib
 * function that comes to call one of these must be added here: a file the scan misses still
 * waits for the build inside startIndexer or proveInRust, but that wait counts against the file's
 * 900-second timeout. */
export const runsTools = (source) => /\b(startIndexer|openConsole|proveInRust|anonymousBallot)\b/.test(source);
