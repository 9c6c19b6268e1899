import { defineConfig } from 'vite';

// A static site: `npm run build` writes dist/, which any web server can serve beside the chain
// spec (chain-spec.json). smoldot's worker is bundled as a module worker.
export default defineConfig({
  base: './',
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  worker: { format: 'es' },
  resolve: { alias: { '@polkadot-api/smoldot': new URL('./src/shims/papi-smoldot.ts', import.meta.url).pathname } },
  test: { environment: 'node', include: ['test/**/*.test.ts'] },
} as any);
