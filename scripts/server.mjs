// The production server: Next.js's own request handler behind a plain Node HTTP server, so that
// the app knows the direct TCP peer of every request. Next does not expose the socket to route
// handlers, server actions or proxy.ts, and it fills X-Forwarded-For with the peer only when the
// client sent none — a forged header and a real one look alike. Here every request gets
// `x-vaultline-peer: <socket.remoteAddress>`, replacing whatever the client sent under that
// name; lib/auth/request-origin.ts believes X-Forwarded-For only when that peer is in
// TRUSTED_PROXIES.
//
// usage: node scripts/server.mjs [-H host] [-p port]   (defaults: HOSTNAME/PORT env, 127.0.0.1:3000)
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';

const { values } = parseArgs({
  options: { hostname: { type: 'string', short: 'H' }, port: { type: 'string', short: 'p' } },
});
const hostname = values.hostname ?? process.env.HOSTNAME ?? '127.0.0.1';
const port = Number(values.port ?? process.env.PORT ?? 3000);

const app = next({ dev: false, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

createServer((req, res) => {
  req.headers['x-vaultline-peer'] = req.socket.remoteAddress ?? '';
  void handle(req, res);
}).listen(port, hostname, () => {
  console.log(`vaultline: listening on http://${hostname}:${port}`);
});
