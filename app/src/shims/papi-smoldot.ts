// PAPI's smoldot provider imports one error class from `@polkadot-api/smoldot`, whose entry point
// also bundles smoldot's 3 MB bytecode into the page's main chunk. The bytecode belongs in the
// web worker only (src/smoldot-worker.ts), so the page takes the class from smoldot directly.
export { JsonRpcDisabledError } from 'smoldot/no-auto-bytecode';
