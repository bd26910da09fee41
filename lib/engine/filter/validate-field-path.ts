// A dotted field path as used in a filter (`a.b.0.c`). `$`-prefixed parts are refused (they are
// operators or positional projections, never stored field names in tenant data we restore).
import { FILTER_LIMITS, PROTOTYPE_KEYS } from './limits';

export type TValidateFieldPathResult = { ok: true; parts: string[] } | { ok: false; message: string };

export function validateFieldPath(path: string): TValidateFieldPathResult {
  if (path.length === 0) return { ok: false, message: 'field path is empty' };
  if (path.length > FILTER_LIMITS.maxPathLength) return { ok: false, message: `field path longer than ${FILTER_LIMITS.maxPathLength} characters` };
  if (path.includes('\0')) return { ok: false, message: 'field path contains NUL' };
  const parts = path.split('.');
  if (parts.length > FILTER_LIMITS.maxPathParts) return { ok: false, message: `field path has more than ${FILTER_LIMITS.maxPathParts} parts` };
  for (const part of parts) {
    if (part === '') return { ok: false, message: `field path '${path}' has an empty part` };
    if (part.startsWith('$')) return { ok: false, message: `field path part '${part}' looks like an operator` };
    if (PROTOTYPE_KEYS.has(part)) return { ok: false, message: `field name '${part}' is not allowed` };
  }
  return { ok: true, parts };
}
