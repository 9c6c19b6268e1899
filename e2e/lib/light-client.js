// @polkadot/api on top of the smoldot light client: Polkadot.js's ScProvider expects the
// @substrate/connect interface; this adapter gives it one backed by smoldot directly, so a test
// talks to the chain through nothing but a light client that verifies what it is told.

import * as smoldot from 'smoldot';
import { ApiPromise } from '@polkadot/api';
import { ScProvider } from '@polkadot/rpc-provider/substrate-connect';

/** Starts a smoldot client. `logLevel` 1..5 (3 = info). */
export function startSmoldot ({ logLevel = 2 } = {}) {
  return smoldot.start({
    maxLogLevel: logLevel,
    logCallback: (level, target, message) => {
      if (level <= logLevel) console.error(`[smoldot ${target}] ${message}`);
    }
  });
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
