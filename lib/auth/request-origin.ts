import 'server-only';
import { isIP } from 'node:net';
import { headers } from 'next/headers';
import proxyaddr from 'proxy-addr';
import { trustedProxiesSetting } from '@/lib/env';

type THeaderSource = { get(name: string): string | null | undefined };
/** Node's incoming headers (next-auth's authorize `req.headers`), lower-case names. */
type THeaderRecord = Record<string, string | string[] | undefined>;

/**
 * The direct TCP peer of the request. Next.js does not expose the socket to route handlers,
 * actions or proxy.ts (and its own server only fills X-Forwarded-For with the peer when the
 * client sent none, so that header cannot tell the two apart). scripts/server.mjs — the way the
 * app is started (`npm start`, scripts/app.sh, the e2e web server) — overwrites this header on
 * every request with `socket.remoteAddress`, whatever the client sent. Without it (`next dev`,
 * a bare `next start`) the peer is unknown and no forwarded header is believed.
 */
export const PEER_HEADER = 'x-vaultline-peer';

function reader(h: THeaderSource | THeaderRecord): THeaderSource {
  if (typeof (h as THeaderSource).get === 'function') return h as THeaderSource;
  return {
    get: (name) => {
      const v = (h as THeaderRecord)[name];
      return Array.isArray(v) ? v.join(', ') : v;
    },
  };
}

let compiled: { spec: string; trust: (addr: string, i: number) => boolean } | undefined;

/** TRUSTED_PROXIES (comma-separated addresses / CIDRs; empty = trust no proxy), compiled once. */
function trustFor(spec: string): (addr: string, i: number) => boolean {
  if (compiled?.spec !== spec) {
    const list = spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    compiled = { spec, trust: list.length ? proxyaddr.compile(list) : () => false };
  }
  return compiled.trust;
}

/**
 * The client address: the direct peer, unless the peer is a trusted proxy — then the right-most
 * X-Forwarded-For hop that is not itself a trusted proxy (proxy-addr's rule). X-Real-IP is never
 * read. Null when the peer is unknown (see PEER_HEADER).
 */
export function clientAddress(headerSource: THeaderSource | THeaderRecord, trustedProxies: string = trustedProxiesSetting()): string | null {
  const h = reader(headerSource);
  const peer = h.get(PEER_HEADER)?.trim();
  if (!peer || !isIP(peer)) return null;
  const xff = h.get('x-forwarded-for') ?? undefined;
  const hops = proxyaddr.all({ socket: { remoteAddress: peer }, headers: xff ? { 'x-forwarded-for': xff } : {} } as never, trustFor(trustedProxies));
  // A hop a trusted proxy passed on that is not an address: stop at the proxy that sent it.
  for (let i = hops.length - 1; i >= 0; i--) if (isIP(hops[i]!)) return hops[i]!;
  return peer;
}

/**
 * Where a request came from, for audit rows and sign-in throttling: client address (above) and
 * user agent, as `ip=… ua=…` ('web' when neither is known). The one derivation every boundary
 * uses; which proxy hops are trusted is decided here only.
 */
export function originFromHeaders(headers: THeaderSource | THeaderRecord, trustedProxies?: string): string {
  const h = reader(headers);
  const ip = clientAddress(h, trustedProxies);
  const ua = h.get('user-agent')?.slice(0, 120) ?? null;
  const parts = [ip ? `ip=${ip}` : null, ua ? `ua=${ua}` : null].filter(Boolean);
  return parts.length ? parts.join(' ') : 'web';
}

/** The current request's origin (see originFromHeaders); null outside a request (scripts, tests). */
export async function getRequestOrigin(): Promise<string | null> {
  let h: THeaderSource;
  try {
    h = await headers();
  } catch {
    return null;
  }
  return originFromHeaders(h);
}
