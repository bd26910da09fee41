// Where FerretDB v1.24.2 (our local MongoDB-compatible server) deviates from MongoDB's query
// semantics, found by filter.int.test.ts and documented in ../README.md. The differential test
// skips a filter only when it has one of these shapes; the engine keeps MongoDB's semantics and
// each deviation has a probe proving FerretDB still behaves this way.
import { isTypedLiteral } from '../parse-filter-literal';

export type TFerretDeviation =
  'decimal128' | 'null-through-array' | 'path-through-array' | 'document-equality-in-array' | 'elemMatch-document' | 'elemMatch-value' | 'regex-x';

const EQUALITY_OPS = new Set(['$eq', '$ne', '$in', '$nin', '$all']);
const NEGATING_OR_ARRAY_OPS = new Set(['$ne', '$nin', '$not', '$size', '$elemMatch', '$exists', '$all']);
const NON_TRAVERSING_OPS = new Set(['$ne', '$nin', '$all', '$not']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function containsNull(v: unknown): boolean {
  if (v === null) return true;
  if (Array.isArray(v)) return v.some(containsNull);
  return isObject(v) && Object.values(v).some(containsNull);
}

function isDocumentLiteral(v: unknown): boolean {
  if (!isObject(v) || isTypedLiteral(v)) return false;
  const first = Object.keys(v)[0];
  return first === undefined || !first.startsWith('$');
}

function isOperatorLike(v: Record<string, unknown>): boolean {
  return !isTypedLiteral(v) && (Object.keys(v)[0] ?? '').startsWith('$');
}

function operandHasDocument(v: unknown): boolean {
  return isDocumentLiteral(v) || (Array.isArray(v) && v.some(isDocumentLiteral));
}

/** The first known deviation the raw filter's shape can trigger, or undefined. */
export function ferretDeviationOf(raw: unknown): TFerretDeviation | undefined {
  let found: TFerretDeviation | undefined;
  const walk = (value: unknown, parentKey: string | undefined): void => {
    if (found) return;
    if (Array.isArray(value)) return value.forEach((v) => walk(v, parentKey));
    if (!isObject(value)) return;
    for (const [key, v] of Object.entries(value)) {
      if (key === '$numberDecimal' || (key === '$type' && [v].flat().some((t) => t === 'decimal' || t === 19))) found = 'decimal128';
      else if (key === '$options' && typeof v === 'string' && v.includes('x')) found = 'regex-x';
      else if (key === '$elemMatch' && isObject(v)) {
        const first = Object.keys(v)[0];
        if (first === undefined || !first.startsWith('$') || ['$and', '$or', '$nor'].includes(first)) found = 'elemMatch-document';
        else if (Object.keys(v).length > 1 || Object.keys(v).some((k) => NEGATING_OR_ARRAY_OPS.has(k))) found = 'elemMatch-value';
        else if ([v.$type].flat().some((t) => t === 'array' || t === 4)) found = 'elemMatch-value';
        else if (Object.values(v).some((x) => Array.isArray(x) && (!Array.isArray(v.$in) || x.some(Array.isArray)))) found = 'elemMatch-value';
      } else if (!key.startsWith('$')) {
        // a field condition: `key` is a path unless we are inside a literal document
        if (key.includes('.') && containsNull(v)) found = 'null-through-array';
        else if (
          key.includes('.') &&
          isObject(v) &&
          isOperatorLike(v) &&
          (Object.keys(v).length > 1 || Object.keys(v).some((op) => NON_TRAVERSING_OPS.has(op)))
        ) {
          found = 'path-through-array';
        } else if (isDocumentLiteral(v) || (isObject(v) && Object.entries(v).some(([op, x]) => EQUALITY_OPS.has(op) && operandHasDocument(x)))) {
          found = 'document-equality-in-array';
        }
      }
      if (found) return;
      walk(v, key);
    }
  };
  walk(raw, undefined);
  return found;
}
