// The page's only way to the chain: the smoldot light client (its Wasm in a web worker) started
// from the chain spec served beside the page, whose boot nodes are the full nodes' WebSocket p2p
// addresses. PAPI's typed API runs on top of it; every answer smoldot gives is checked against
// the finalized chain (storage and runtime calls with Merkle proofs), so no server is trusted.

import { createClient, type PolkadotClient, type TypedApi } from 'polkadot-api';
import { getSmProvider } from 'polkadot-api/sm-provider';
import { startWithBytecode, type Client } from 'smoldot/no-auto-bytecode';
import { gongzhi } from '@polkadot-api/descriptors';
import { BehaviorSubject } from 'rxjs';

export type GongzhiApi = TypedApi<typeof gongzhi>;

/** What the light client is doing, for the status bar. */
export interface SyncState {
  phase: 'starting' | 'connecting' | 'syncing' | 'ready';
  peers: number;
  best: number;
  finalized: number;
}

export interface Chain {
  client: PolkadotClient;
  api: GongzhiApi;
  genesis: `0x${string}`;
  isDev: boolean;
  sync: BehaviorSubject<SyncState>;
  /** The finalized block's number and timestamp, for turning block numbers into dates. */
  clock: () => { number: number; timestampMs: number };
  stop: () => void;
  /** smoldot's web worker, referenced for as long as the page uses the chain. */
  worker: Worker;
}

/** smoldot's log level: errors only, or `?log=1..5` for someone diagnosing the page. */
function logLevel(): number {
  const level = Number(new URLSearchParams(location.search).get('log'));
  return Number.isInteger(level) && level >= 1 && level <= 5 ? level : 1;
}

function startSmoldot(): { smoldot: Client; worker: Worker } {
  const worker = new Worker(new URL('./smoldot-worker.ts', import.meta.url), { type: 'module' });
  const bytecode = new Promise<any>((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
  });
  const { port1, port2 } = new MessageChannel();
  worker.postMessage(port1, [port1]);
  // The caller keeps `worker`: a Worker object nothing refers to may be collected, and the
  // browser then stops smoldot in the middle of the session (seen in Chromium after minutes).
  return { smoldot: startWithBytecode({ bytecode, portToWorker: port2, maxLogLevel: logLevel() }), worker };
}

/** Where the chain spec is: `?spec=` or `chain-spec.json` beside the page. */
export function chainSpecUrl(location: Location): string {
  return new URLSearchParams(location.search).get('spec') ?? new URL('chain-spec.json', location.href).toString();
}

const METADATA_CACHE = 'gongzhi.metadata.';

export async function connect(specUrl: string): Promise<Chain> {
  const sync = new BehaviorSubject<SyncState>({ phase: 'starting', peers: 0, best: 0, finalized: 0 });
  const response = await fetch(specUrl, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`chain spec: HTTP ${response.status}`);
  const chainSpec = await response.text();
  const isDev = JSON.parse(chainSpec).chainType === 'Development';
  const { smoldot, worker } = startSmoldot();
  sync.next({ ...sync.value, phase: 'connecting' });
  const client = createClient(
    getSmProvider(() => smoldot.addChain({ chainSpec })),
    {
      // The metadata of a runtime, cached by its code hash: a second visit skips downloading it.
      getMetadata: async (codeHash) => {
        const hex = localStorage.getItem(METADATA_CACHE + codeHash);
        return hex ? Uint8Array.from(atob(hex), (c) => c.charCodeAt(0)) : null;
      },
      setMetadata: (codeHash, metadata) => {
        try {
          for (const key of Object.keys(localStorage)) if (key.startsWith(METADATA_CACHE)) localStorage.removeItem(key);
          let s = '';
          for (let i = 0; i < metadata.length; i += 0x8000) s += String.fromCharCode(...metadata.subarray(i, i + 0x8000));
          localStorage.setItem(METADATA_CACHE + codeHash, btoa(s));
        } catch { /* storage full: not cached */ }
      },
    },
  );
  const api = client.getTypedApi(gongzhi);
  let clock = { number: 0, timestampMs: Date.now() };

  const subs = [
    client.bestBlocks$.subscribe((blocks) => {
      if (blocks.length) sync.next({ ...sync.value, best: blocks[0].number });
    }),
    client.finalizedBlock$.subscribe(async (block) => {
      sync.next({ ...sync.value, finalized: block.number, best: Math.max(sync.value.best, block.number) });
      try {
        const now = await api.query.Timestamp.Now.getValue({ at: block.hash });
        // Genesis has no timestamp (0): keep the page's clock until a block carries one.
        if (now > 0n) clock = { number: block.number, timestampMs: Number(now) };
      } catch { /* the next block will tell */ }
    }),
  ];
  // Peers and whether smoldot still catches up: the legacy `system_health`, which smoldot serves.
  const health = async () => {
    try {
      const h = await client._request<{ peers: number; isSyncing: boolean }>('system_health', []);
      const s = sync.value;
      // No peer: nothing new can be learnt or sent, whatever smoldot last knew.
      const phase = h.peers === 0 ? 'connecting' : h.isSyncing || s.finalized === 0 ? 'syncing' : 'ready';
      sync.next({ ...s, peers: h.peers, phase });
    } catch { /* not ready */ }
  };
  const timer = setInterval(health, 1000);
  health();

  const genesis = (await client.getChainSpecData()).genesisHash as `0x${string}`;
  return {
    client,
    api,
    genesis,
    isDev,
    sync,
    clock: () => clock,
    worker,
    stop: () => {
      clearInterval(timer);
      subs.forEach((s) => s.unsubscribe());
      client.destroy();
      smoldot.terminate();
      worker.terminate();
    },
  };
}

/** Resolves at the first finalized block the light client reports (screens read at it). */
export function firstFinalized(chain: Chain): Promise<void> {
  return new Promise<void>((resolve) => {
    const sub = chain.client.finalizedBlock$.subscribe(() => { resolve(); queueMicrotask(() => sub.unsubscribe()); });
  });
}
