// The value of a field in a query: `{a: 5}` (implicit equality with a literal) or
// `{a: {$gt: 1, $lt: 5}}` (an operator object, decided by its first key as MongoDB does).
import { compileOperatorObject } from './compile-operators';
import type { TCompileContext } from './compile-context';
import type { TFilter } from './filter-ast';
import type { TPathSegment } from './filter-issue';
import { isPlainObject } from './is-plain-object';
import { isTypedLiteral, parseFilterLiteral } from './parse-filter-literal';

export function isOperatorObject(raw: unknown): raw is Record<string, unknown> {
  if (!isPlainObject(raw) || isTypedLiteral(raw)) return false;
  const first = Object.keys(raw)[0];
  return first !== undefined && first.startsWith('$');
}

export function compileFieldValue(
  raw: unknown,
  path: string,
  parts: readonly string[],
  at: TPathSegment[],
  depth: number,
  ctx: TCompileContext,
): TFilter | undefined {
  if (isOperatorObject(raw)) {
    const predicates = compileOperatorObject(raw, at, depth, ctx);
    return predicates && { kind: 'path', path, parts, predicates };
  }
  const value = parseFilterLiteral(raw, at, depth, ctx);
  return value === undefined ? undefined : { kind: 'path', path, parts, predicates: [{ op: 'eq', value }] };
}
