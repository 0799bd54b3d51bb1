// SPDX-License-Identifier: Apache-2.0
// Baseline (a) of `npm run bench:gateway`: the least a Node reverse proxy can do, node:http in
// front of an undici pool, streaming bodies both ways without reading them.
// `node bare-proxy.mjs PORT UPSTREAM_ORIGIN`.
import { createServer } from 'node:http';
import { Pool } from 'undici';

const port = Number(process.argv[2] ?? 0);
const pool = new Pool(process.argv[3], { connections: 128 });
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

const server = createServer(async (req, res) => {
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k)) headers[k] = v;
  try {
    const upstream = await pool.request({ method: req.method, path: req.url, headers, body: req });
    const out = {};
    for (const [k, v] of Object.entries(upstream.headers)) if (!HOP.has(k)) out[k] = v;
    res.writeHead(upstream.statusCode, out);
    for await (const chunk of upstream.body) res.write(chunk);
    res.end();
  } catch {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  }
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => { process.stdout.write(`${server.address().port}\n`); });
