// @polkadot/api on top of the smoldot light client: Polkadot.js's ScProvider expects the
// @substrate/connect interface; this adapter gives it one backed by smoldot directly, so a test
// talks to the chain through nothing but a light client that verifies what it is told.

import { Worker, MessageChannel, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startWithBytecode } from 'smoldot/no-auto-bytecode';
import { ApiPromise } from '@polkadot/api';
import { ScProvider } from '@polkadot/rpc-provider/substrate-connect';

// smoldot's Wasm runs in a worker thread (this same module, started with `workerData.smoldot`),
// its networking in the main thread. `terminate()` also ends the worker: smoldot's Wasm, left in
// the main thread after `Client.terminate()`, can keep the process alive (timers) or spin when
// its peer goes away, and a test file whose process never exits hangs the whole `node --test` run.
if (!isMainThread && workerData?.smoldot) {
  const [{ run }, { compileBytecode }] = await Promise.all([import('smoldot/worker'), import('smoldot/bytecode')]);
  compileBytecode().then((bytecode) => parentPort.postMessage(bytecode));
  parentPort.once('message', (port) => run(port).catch((e) => console.error('smoldot worker:', e)));
}

/** Starts a smoldot client (Wasm in a worker thread). `logLevel` 1..5 (3 = info). */
export function startSmoldot ({ logLevel = 2 } = {}) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { smoldot: true } });
  const bytecode = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const { port1, port2 } = new MessageChannel();
  worker.postMessage(port1, [port1]);
  const client = startWithBytecode({
    bytecode,
    portToWorker: port2,
    maxLogLevel: logLevel,
    logCallback: (level, target, message) => {
      if (level <= logLevel) console.error(`[smoldot ${target}] ${message}`);
    }
  });
  const terminate = client.terminate.bind(client);
  return {
    ...client,
    /** Stops the client and its worker thread, whatever state smoldot is in. */
    async terminate () {
      try {
        await Promise.race([terminate(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      } catch { /* already destroyed */ } finally {
        port2.close();
        await worker.terminate();
      }
    }
  };
}

/** The subset of @substrate/connect that ScProvider uses, served by one smoldot client. */
function connectInterface (client) {
  return {
    WellKnownChain: {},
    createScClient: () => ({
      addWellKnownChain: () => { throw new Error('no well-known chains here'); },
      addChain: async (chainSpec, onResponse) => {
        const chain = await client.addChain({ chainSpec });
        let removed = false;
        (async () => {
          try {
            for (;;) {
              const response = await chain.nextJsonRpcResponse();
              onResponse(response);
            }
          } catch (e) {
            if (!removed) console.error('smoldot response loop ended:', e.message);
          }
        })();
        return {
          sendJsonRpc: (rpc) => chain.sendJsonRpc(rpc),
          remove: () => { removed = true; chain.remove(); },
          addChain: () => { throw new Error('parachains are not used here'); }
        };
      }
    })
  };
}

/** An ApiPromise whose only connection to the chain is smoldot, for the raw chain spec given. */
export async function lightClientApi (client, chainSpecJson, options = {}) {
  const provider = new ScProvider(connectInterface(client), chainSpecJson);
  await provider.connect();
  return ApiPromise.create({ provider, noInitWarn: true, ...options });
}
