// The page's side of the prover worker (src/prover-worker.ts): each call posts a request and
// resolves with the worker's answer. The worker starts on the first call.

let worker: Worker | null = null;
let next = 0;
const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();

function call<T>(op: string, ...args: unknown[]): Promise<T> {
  if (!worker) {
    worker = new Worker(new URL('./prover-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
      const w = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      if (event.data.error !== undefined) w?.reject(new Error(event.data.error));
      else w?.resolve(event.data.result);
    };
  }
  const id = next++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker!.postMessage({ id, op, args });
  });
}

const bytes = (v: ArrayLike<number>) => Uint8Array.from(v);

/** The ring-VRF operations the app needs, each run in the worker. */
export const prover = {
  /** The member key (32 bytes) of a secret's 32 bytes of entropy. */
  memberKey: async (entropy: Uint8Array) => bytes(await call<ArrayLike<number>>('member_from_entropy', entropy)),
  /** The member key's signature of `message` (the proof of possession). */
  sign: async (entropy: Uint8Array, message: Uint8Array) => bytes(await call<ArrayLike<number>>('sign', entropy, message)),
  /** The member's alias in `context`. */
  alias: async (entropy: Uint8Array, context: Uint8Array) => bytes(await call<ArrayLike<number>>('alias_in_context', entropy, context)),
  /** A ring's root (288 bytes) from its keys (SCALE `Vec<[u8; 32]>`). */
  root: async (exponent: number, keys: Uint8Array) => bytes(await call<ArrayLike<number>>('members_root', exponent, keys)),
  /** A proof by the member of `entropy` in the ring `keys`, over `message` in `context`. */
  prove: async (exponent: number, entropy: Uint8Array, keys: Uint8Array, context: Uint8Array, message: Uint8Array) => {
    const out = await call<{ proof: ArrayLike<number>; alias: ArrayLike<number> }>('one_shot', exponent, entropy, keys, context, message);
    return { proof: bytes(out.proof), alias: bytes(out.alias) };
  },
};
