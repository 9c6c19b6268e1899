// Runs every e2e test file (`npm test`) in two lanes side by side, each lane one file at a time,
// then the file that must run alone. The e2e tests mostly wait for blocks (a 6-second slot, a
// validator stopped for minutes), so two lanes on two cores take about half the time of one.
//   - lane "browser": the files that drive headless Chromium (the resident app, the office
//     console, the app's anonymous ballot, 2x), and, for balance, the runtime upgrade with items
//     open (06, about 210 s), the deployment kit's loopback network (07), the council on a chain
//     without sudo (09, about 120 s) and member keys (13);
//   - lane "nodes": every other file, against nodes and clients in Node.js (with the local
//     network of four validators, 03, and of four then five, 08: the validator set, about 600 s
//     as it waits for four session changes), and last 05-faults, which shares 03's chain spec
//     (`local`) and so runs in 03's lane, never beside it;
//   - then alone: 15, 1,000 anonymous ballots proved on both cores.
// Every file runs its own nodes on free ports with --no-mdns and no boot node from another file,
// so the dev chains of two lanes (same genesis) never meet. Exits non-zero if any file fails.
// `node run.mjs tests/05-faults.test.js …` runs only the files given, one at a time;
// `node run.mjs --list` prints the lanes in the order they run.
//
// $GONGZHI_TOOLS_READY (scripts/test.sh sets it): the path of a file that appears once the
// indexer's and the load generator's binaries and the `next-version` runtime are built
// (scripts/test.sh builds them with the cargo tests, beside these tests); it holds `ok`, or what
// went wrong (lib/tools.js). The files that use them (TOOLS; `--list` names them) run last in
// their lane, after it; without the variable they start at once.

import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { runsTools, toolsBuilt } from './lib/tools.js';

/** The browser lane: every file whose name starts with 2 (Chromium), 06, 07, 09 and 13. Measured
 * on 2 cores (CI of 1 December 2026, before 15 and 23): 1660 s here, 1754 s in the other; 06
 * takes about 210 s, 07 about 150 s, 08 about 610 s (in the other lane), 09 about 85 s, 13 about
 * 20 s; 14 (in the other lane) about a minute; 23 (the app's anonymous ballot, then an anonymous survey) about 5 minutes. */
const BROWSER_LANE = (f) => /^tests\/(2\d|06|07|09|13)-/.test(f);
/** Files that run alone, after both lanes: 15 proves 1,000 anonymous ballots on both cores
 * (about 9 minutes in a lane). With 15 in the browser lane the files after it moved, and in a
 * rehearsal on 2 December 2026 the office console's live survey results (21) timed out waiting
 * for finality beside 10 and 11 (light clients in both lanes); so 15 runs alone. */
const ALONE = ['tests/15-anonymous-scale.test.js'];
/** Files that run last in their lane, in this order: 05 (about 160 s) splits and heals 03's
 * four-validator network. Until 3 December 2026 it ran alone after the lanes; last in lane
 * "nodes" (in the cold CI run of that day: lane "nodes" 1,878 s, lane "browser" 1,889 s). */
const LAST = ['tests/05-faults.test.js'];

const args = ['--test', '--test-timeout=900000'];
const list = process.argv[2] === '--list';
const given = process.argv.slice(list ? 3 : 2);
const all = readdirSync(new URL('tests/', import.meta.url)).filter((f) => f.endsWith('.test.js')).sort().map((f) => `tests/${f}`);
/** The files that run the indexer's or the load generator's binary or set the `next-version`
 * runtime (lib/tools.js's runsTools on their source): each lane runs them after its other files,
 * once those are built. */
const TOOLS = all.filter((f) => runsTools(readFileSync(new URL(f, import.meta.url), 'utf8')));

/** What every failed test printed (its `not ok` line and the lines after it, up to 40), repeated
 * at the end: CI keeps only the tail of the output, and two lanes interleave. */
const failures = [];

/** Collects, from one lane's lines, each `not ok` and what follows it. */
function failureCollector (label) {
  let open = null;
  return (line) => {
    if (/^\s*not ok \d+/.test(line)) {
      open = { label, lines: [line] };
      failures.push(open);
    } else if (open) {
      if (/^\s*(ok \d+|# Subtest:)/.test(line) || open.lines.length >= 40) open = null;
      else open.lines.push(line);
    }
  };
}

/** Runs `files` one at a time in one `node --test`; `label`: prefix every output line with it. */
function run (files, label) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [...args, '--test-concurrency=1', ...files], { stdio: label ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    if (label) {
      // Line by line with the lane's name, so that the two lanes' interleaved output stays readable.
      const collect = failureCollector(label);
      for (const stream of [child.stdout, child.stderr]) {
        let rest = '';
        const emit = (line) => {
          process.stdout.write(`[${label}] ${line}\n`);
          collect(line);
        };
        stream.on('data', (d) => {
          const lines = (rest + d).split('\n');
          rest = lines.pop();
          for (const line of lines) emit(line);
        });
        stream.on('end', () => { if (rest) emit(rest); });
      }
    }
    child.on('exit', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(`# e2e ${label ?? 'files'}: ${files.join(' ')}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
      resolve({ files, code: code ?? (signal ? 1 : 0) });
    });
  });
}

/** Runs one lane's files one at a time: those before the first file in TOOLS at once, the rest
 * once the tools are built (or, if their build failed, not at all, and the lane fails). */
async function lane (files, label) {
  const first = files.findIndex((f) => TOOLS.includes(f));
  const now = first < 0 ? files : files.slice(0, first);
  const later = first < 0 ? [] : files.slice(first);
  const results = now.length ? [await run(now, label)] : [];
  if (later.length) {
    const waited = Date.now();
    try {
      await toolsBuilt();
    } catch (e) {
      failures.push({ label: label ?? 'files', lines: [`not run: ${later.join(' ')}: ${e.message}`] });
      return [...results, { files: later, code: 1 }];
    }
    const seconds = Math.round((Date.now() - waited) / 1000);
    if (seconds > 0) console.log(`# e2e ${label ?? 'files'}: waited ${seconds} s for the indexer, the load generator and the next-version runtime to be built`);
    results.push(await run(later, label));
  }
  return results;
}

/** The lane's files in name order, then those in TOOLS, then those in LAST (in LAST's order). */
const ordered = (files) => {
  const rest = files.filter((f) => !LAST.includes(f));
  return [...rest.filter((f) => !TOOLS.includes(f)), ...rest.filter((f) => TOOLS.includes(f)), ...LAST.filter((f) => files.includes(f))];
};

if (list) {
  // `node run.mjs --list`: the lanes in the order they run, without running them.
  const lanes = all.filter((f) => !ALONE.includes(f));
  console.log(JSON.stringify({ browser: ordered(lanes.filter(BROWSER_LANE)), nodes: ordered(lanes.filter((f) => !BROWSER_LANE(f))), alone: ordered(all.filter((f) => ALONE.includes(f))), tools: TOOLS }, null, 1));
  process.exit(0);
}

let results;
if (given.length) {
  results = await lane(given);
} else {
  const alone = all.filter((f) => ALONE.includes(f));
  const lanes = all.filter((f) => !ALONE.includes(f));
  const browser = ordered(lanes.filter(BROWSER_LANE));
  const nodes = ordered(lanes.filter((f) => !BROWSER_LANE(f)));
  results = (await Promise.all([lane(browser, 'browser'), lane(nodes, 'nodes')])).flat();
  if (alone.length) results.push(...await lane(alone, 'alone'));
}
const failed = results.filter((r) => r.code !== 0);
for (const f of failures) console.error(`e2e: failure in lane ${f.label}:\n${f.lines.map((l) => `  ${l}`).join('\n')}`);
for (const r of failed) console.error(`e2e: failed: ${r.files.join(' ')}`);
process.exit(failed.length ? 1 : 0);
