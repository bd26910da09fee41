// Postgres text cannot hold U+0000: a NUL byte that reaches a catalog query fails inside the
// database (a 500). No valid input of this app contains one, so the action client refuses it
// with a clear 422 before anything else sees the input.

const MAX_DEPTH = 32;

/** The top-level field whose value (at any depth) holds a string with a NUL byte; null if none. */
export function findNulField(raw: unknown): string | null {
  if (typeof raw === 'string') return raw.includes('\u0000') ? '_' : null;
  if (!raw || typeof raw !== 'object') return null;
  for (const [key, value] of Object.entries(raw)) {
    if (key.includes('\u0000') || hasNul(value, 1)) return key.replaceAll('\u0000', '');
  }
  return null;
}

function hasNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return false;
  for (const [key, inner] of Object.entries(value)) if (key.includes('\u0000') || hasNul(inner, depth + 1)) return true;
  return false;
}

/** An id as it may go into an audit row: control characters replaced, bounded. */
export function auditableId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return value.replace(/[\u0000-\u001f\u007f]/g, '\ufffd').slice(0, 64);
}
