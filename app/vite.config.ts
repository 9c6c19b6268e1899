import { defineConfig } from 'vite';

// A static site: `npm run build` writes dist/, which any web server can serve beside the chain
// spec (chain-spec.json): the resident app (index.html) and the office console (console.html).
// smoldot's worker is bundled as a module worker.
export default defineConfig({
  base: './',
  build: {
    target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096,
    rollupOptions: { input: { app: new URL('./index.html', import.meta.url).pathname, console: new URL('./console.html', import.meta.url).pathname } },
  },
  worker: { format: 'es' },
  resolve: {
    alias: {
      '@polkadot-api/smoldot': new URL('./src/shims/papi-smoldot.ts', import.meta.url).pathname,
      // verifiablejs's bundler build, taken apart for the prover worker (src/prover-worker.ts).
      'verifiablejs-glue': new URL('./node_modules/verifiablejs/pkg-bundler/verifiablejs_bg.js', import.meta.url).pathname,
    },
  },
  test: { environment: 'node', include: ['test/**/*.test.ts'] },
} as any);
