#!/usr/bin/env node
// The app's typed descriptors come from the built runtime, offline: `papi add --wasm` reads the
// metadata out of the runtime's Wasm (no node needed) into .papi/metadata/gongzhi.scale, which
// is committed; `npm install` generates the TypeScript descriptors from it (postinstall).
//
//   node scripts/descriptors.mjs           regenerate from the built runtime (after a runtime change)
//   node scripts/descriptors.mjs --check   fail if the committed metadata differs from the built runtime's
//
// The runtime is $GONGZHI_RUNTIME_WASM, or the one `cargo build` left in $CARGO_TARGET_DIR
// (default ~/.cache/gongzhi-target, as scripts/lib.sh).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('..', import.meta.url));
const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'gongzhi-target');
const wasm = process.env.GONGZHI_RUNTIME_WASM ?? join(target, 'release', 'wbuild', 'gongzhi-runtime', 'gongzhi_runtime.compact.compressed.wasm');
const papi = join(app, 'node_modules', '.bin', 'papi');
const committed = join(app, '.papi', 'metadata', 'gongzhi.scale');

if (!existsSync(wasm)) {
  console.error(`runtime not built: ${wasm} (build the node first: scripts/dev-node.sh or scripts/test.sh)`);
  process.exit(2);
}

if (process.argv.includes('--check')) {
  const scratch = mkdtempSync(join(tmpdir(), 'gongzhi-papi-'));
  try {
    execFileSync(papi, ['add', 'gongzhi', '--wasm', wasm, '--skip-codegen'], { cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'] });
    const fresh = readFileSync(join(scratch, '.papi', 'metadata', 'gongzhi.scale'));
    if (!fresh.equals(readFileSync(committed))) {
      console.error('The app\u2019s descriptors are stale: the built runtime\u2019s metadata differs from app/.papi/metadata/gongzhi.scale.\nRun `npm run descriptors` in app/ and commit the result.');
      process.exit(1);
    }
    console.log(`descriptors up to date with ${wasm}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
} else {
  execFileSync(papi, ['add', 'gongzhi', '--wasm', wasm], { cwd: app, stdio: 'inherit' });
  console.log('descriptors regenerated; commit app/.papi');
}
