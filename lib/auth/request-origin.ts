import { headers } from 'next/headers';

type THeaderSource = { get(name: string): string | null | undefined };
/** Node's incoming headers (next-auth's authorize `req.headers`), lower-case names. */
type THeaderRecord = Record<string, string | string[] | undefined>;

function reader(h: THeaderSource | THeaderRecord): THeaderSource {
  if (typeof (h as THeaderSource).get === 'function') return h as THeaderSource;
  return {
    get: (name) => {
      const v = (h as THeaderRecord)[name];
      return Array.isArray(v) ? v[0] : v;
    },
  };
}

/**
 * Where a request came from, for audit rows: client address (first X-Forwarded-For hop, else
 * X-Real-IP) and user agent, as `ip=… ua=…` ('web' when neither is known). The one derivation
 * every boundary uses; which proxy hops are trusted is decided here only.
 */
export function originFromHeaders(headers: THeaderSource | THeaderRecord): string {
  const h = reader(headers);
  const ip = h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || null;
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
