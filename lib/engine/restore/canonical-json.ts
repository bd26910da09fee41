// A canonical encoding for hashing: JSON with object keys sorted (by UTF-16 code units), no
// whitespace, arrays in order. Only JSON values are accepted, so two equal plans always hash the
// same and nothing (undefined, functions, BSON classes) can be silently dropped or coerced.
import { createHash } from 'node:crypto';
import { EngineError } from '../errors/engine-error';

export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

function encode(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new EngineError('INVALID_ARGUMENT', `canonical JSON: non-finite number at ${path}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v, i) => encode(v, `${path}[${i}]`)).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const keys = Object.keys(value).sort();
    const parts: string[] = [];
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue;
      parts.push(`${JSON.stringify(k)}:${encode(v, `${path}.${k}`)}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new EngineError('INVALID_ARGUMENT', `canonical JSON: unsupported value at ${path}`);
}

/** sha256 hex of a domain tag and the canonical encoding. */
export function canonicalHash(domain: string, value: unknown): string {
  return createHash('sha256').update(domain).update('\n').update(canonicalJson(value)).digest('hex');
}
