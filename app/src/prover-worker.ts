// The ring-VRF prover (npm `verifiablejs` 1.5.0, proof-compatible with the runtime's
// `verifiable` crate) runs here, off the page's main thread: its 7.5 MB of Wasm is fetched and
// compiled the first time an anonymous action needs it, and a proof (a few seconds on a phone)
// never freezes the page. Requests: `{ id, op, args }` with `op` one of the package's functions
// below; answers: `{ id, result }` or `{ id, error }`.
import * as glue from 'verifiablejs-glue';

/** The package's Wasm, emitted beside the page as an asset. */
const wasmUrl = new URL('../node_modules/verifiablejs/pkg-bundler/verifiablejs_bg.wasm', import.meta.url);

const OPS = ['member_from_entropy', 'sign', 'alias_in_context', 'members_root', 'one_shot'] as const;
type Op = (typeof OPS)[number];

let ready: Promise<void> | null = null;

/** Instantiates the package's Wasm with its own JS glue as the imports (what its bundler entry
 * does through a Wasm ES-module import, which this build does not need a plugin for). */
function init(): Promise<void> {
  ready ??= (async () => {
    const bytes = await (await fetch(wasmUrl)).arrayBuffer();
    const { instance } = await WebAssembly.instantiate(bytes, { './verifiablejs_bg.js': glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })();
  return ready;
}

onmessage = async (message: MessageEvent<{ id: number; op: Op; args: unknown[] }>) => {
  const { id, op, args } = message.data;
  try {
    if (!OPS.includes(op)) throw new Error(`unknown operation ${op}`);
    await init();
    const result = (glue[op] as (...a: unknown[]) => unknown)(...args);
    postMessage({ id, result });
  } catch (error) {
    postMessage({ id, error: String((error as Error)?.message ?? error) });
  }
};
