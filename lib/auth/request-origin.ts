import { headers } from 'next/headers';

/** Where a request came from, for audit rows: client address (first proxy hop) and user agent. */
export async function getRequestOrigin(): Promise<string | null> {
  try {
    const h = await headers();
    const ip = h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || null;
    const ua = h.get('user-agent')?.slice(0, 120) ?? null;
    const parts = [ip ? `ip=${ip}` : null, ua ? `ua=${ua}` : null].filter(Boolean);
    return parts.length ? parts.join(' ') : 'web';
  } catch {
    return null; // outside a request (scripts, tests)
  }
}
