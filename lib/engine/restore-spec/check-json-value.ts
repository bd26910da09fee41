// The same guarantees as parseJsonText for a package that arrives already parsed (e.g. from a
// server action): only JSON values, bounded depth and size, no prototype keys.
import type { TIssue, TPathSegment } from '../filter/filter-issue';
import { PROTOTYPE_KEYS } from '../filter/limits';
import type { TJsonLimits } from './parse-json-text';
import { utf8Length } from './parse-json-text';

export function checkJsonValue(value: unknown, limits: TJsonLimits): TIssue[] {
  const issues: TIssue[] = [];
  const walk = (v: unknown, path: TPathSegment[], depth: number): void => {
    if (issues.length >= 20) return;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) issues.push({ path, code: 'INVALID_ARGUMENT', message: 'numbers must be finite' });
      return;
    }
    if (typeof v !== 'object') {
      issues.push({ path, code: 'INVALID_ARGUMENT', message: `not a JSON value (${typeof v})` });
      return;
    }
    if (depth >= limits.maxDepth) {
      issues.push({ path, code: 'INVALID_ARGUMENT', message: `nested deeper than ${limits.maxDepth} levels` });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x: unknown, i) => walk(x, [...path, i], depth + 1));
      return;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      issues.push({ path, code: 'INVALID_ARGUMENT', message: 'not a JSON value (object with a prototype)' });
      return;
    }
    for (const key of Object.keys(v)) {
      if (PROTOTYPE_KEYS.has(key)) issues.push({ path: [...path, key], code: 'INVALID_ARGUMENT', message: `key ${key} is not allowed` });
      else walk((v as Record<string, unknown>)[key], [...path, key], depth + 1);
    }
  };
  walk(value, [], 0);
  if (issues.length === 0 && utf8Length(JSON.stringify(value)) > limits.maxBytes) {
    issues.push({ path: [], code: 'INVALID_ARGUMENT', message: `package larger than ${limits.maxBytes} bytes` });
  }
  return issues;
}
