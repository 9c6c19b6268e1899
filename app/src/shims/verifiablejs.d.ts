// verifiablejs 1.5.0's bundler build, taken apart for the prover worker (src/prover-worker.ts):
// its JS glue (aliased as `verifiablejs-glue` in vite.config.ts); its Wasm is an asset URL.
declare module 'verifiablejs-glue' {
  export * from 'verifiablejs/bundler';
  export function __wbg_set_wasm(exports: WebAssembly.Exports): void;
}
