// Where to send a user after sign-in. Only a path on this origin is accepted: the value is parsed
// as a URL against the origin and must stay on it. Backslashes and control characters are refused
// outright, because browsers read `/\evil.example` as `//evil.example` and drop tabs and
// newlines (`/%09/evil.example` → `//evil.example`), so a check on the raw string alone
// ("starts with / but not //") is not enough.
const PLACEHOLDER_ORIGIN = 'http://callback.invalid';
const MAX_LENGTH = 2048;
const FORBIDDEN = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The same-origin path (`/path?query#hash`) `raw` stands for, or null when it is missing or could
 * lead elsewhere. `origin` (e.g. next-auth's baseUrl) also admits absolute URLs on that origin.
 */
export function safeCallbackPath(raw: unknown, origin?: string): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (FORBIDDEN.test(value)) return null;
  let base: URL;
  try {
    base = new URL(origin ?? PLACEHOLDER_ORIGIN);
  } catch {
    return null;
  }
  const isPath = value.startsWith('/') && !value.startsWith('//');
  if (!isPath && !(origin && value.startsWith(`${base.origin}/`))) return null;
  let url: URL;
  try {
    url = new URL(value, base.origin);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || url.username || url.password) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The normalised path must itself be a plain path (e.g. `/..//evil` normalises to `//evil`).
  return path.startsWith('/') && !path.startsWith('//') ? path : null;
}
