#!/usr/bin/env node
// Serves the built app (dist/) and the chain spec the page starts its light client from, as
// /chain-spec.json. The page needs nothing else from this server: it reaches the chain only
// through smoldot and the chain spec's boot nodes. The office console (console.html) also reads
// the indexer's open-data API: with `--indexer <url>`, /indexer/… is passed through to it (GET
// only), so the page needs no cross-origin access.
//
//   node scripts/serve.mjs --spec <raw chain spec> [--port 8080] [--host 127.0.0.1] [--dist dist] [--indexer http://127.0.0.1:8090]

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm', '.ico': 'image/x-icon',
};

/** Starts the server; resolves with `{ url, close() }` once it listens. */
export function serve({ spec, port = 0, host = '127.0.0.1', dist = fileURLToPath(new URL('../dist', import.meta.url)), indexer = null }) {
  const root = resolve(dist);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path === '/chain-spec.json') {
        res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-cache' });
        return res.end(await readFile(spec));
      }
      if (indexer && path.startsWith('/indexer/') && req.method === 'GET') {
        const target = new URL(req.url.slice('/indexer'.length), indexer);
        const upstream = await fetch(target).catch(() => null);
        if (!upstream) { res.writeHead(502, { 'content-type': 'text/plain' }); return res.end('indexer unreachable'); }
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream', 'cache-control': 'no-cache' });
        return res.end(Buffer.from(await upstream.arrayBuffer()));
      }
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const immutable = file.includes(`${root}/assets/`);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, host, () => {
    const { port: bound } = server.address();
    ok({ url: `http://${host}:${bound}/`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
  }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : fallback; };
  const spec = arg('spec');
  if (!spec) { console.error('usage: serve.mjs --spec <raw chain spec> [--port 8080] [--host 127.0.0.1]'); process.exit(2); }
  const { url } = await serve({ spec, port: Number(arg('port', 8080)), host: arg('host', '127.0.0.1'), dist: arg('dist', undefined) ?? fileURLToPath(new URL('../dist', import.meta.url)), indexer: arg('indexer', null) });
  console.log(`Gongzhi resident app: ${url}`);
}
