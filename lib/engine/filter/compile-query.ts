// Query documents (top level, $and/$or/$nor branches, $elemMatch on documents): every key is a
// field condition or a logical operator, and all of them must hold.
import { compileFieldValue } from './compile-field-value';
import { report, visit, type TCompileContext } from './compile-context';
import { describeOperator } from './describe-operator';
import { FIELD_OPERATORS } from './field-operators';
import type { TFilter } from './filter-ast';
import type { TPathSegment } from './filter-issue';
import { isPlainObject } from './is-plain-object';
import { FILTER_LIMITS } from './limits';
import { validateFieldPath } from './validate-field-path';

const LOGICAL = { $and: 'and', $or: 'or', $nor: 'nor' } as const;

export function compileQuery(raw: unknown, path: TPathSegment[], depth: number, ctx: TCompileContext): TFilter | undefined {
  if (!visit(ctx, path, depth)) return undefined;
  if (!isPlainObject(raw)) {
    report(ctx, path, 'a filter must be an object');
    return undefined;
  }
  const keys = Object.keys(raw);
  if (keys.length > FILTER_LIMITS.maxKeys) {
    report(ctx, path, `filter with more than ${FILTER_LIMITS.maxKeys} keys`);
    return undefined;
  }
  const children: TFilter[] = [];
  let ok = true;
  for (const key of keys) {
    const at = [...path, key];
    const value = raw[key];
    let child: TFilter | undefined;
    if (Object.hasOwn(LOGICAL, key)) {
      child = compileLogical(LOGICAL[key as keyof typeof LOGICAL], value, at, depth + 1, ctx);
    } else if (key.startsWith('$')) {
      report(ctx, at, FIELD_OPERATORS.has(key) ? `operator ${key} must be applied to a field, not used at the top level` : describeOperator(key));
    } else {
      const checked = validateFieldPath(key);
      if (!checked.ok) report(ctx, at, checked.message);
      else child = compileFieldValue(value, key, checked.parts, at, depth + 1, ctx);
    }
    if (child === undefined) ok = false;
    else children.push(child);
  }
  if (!ok) return undefined;
  return children.length === 1 ? (children[0] as TFilter) : { kind: 'and', children };
}

function compileLogical(kind: 'and' | 'or' | 'nor', raw: unknown, path: TPathSegment[], depth: number, ctx: TCompileContext): TFilter | undefined {
  if (!visit(ctx, path, depth)) return undefined;
  if (!Array.isArray(raw) || raw.length === 0) {
    report(ctx, path, `$${kind} needs a non-empty array of filters`);
    return undefined;
  }
  if (raw.length > FILTER_LIMITS.maxBranches) {
    report(ctx, path, `$${kind} with more than ${FILTER_LIMITS.maxBranches} branches`);
    return undefined;
  }
  const children: TFilter[] = [];
  let ok = true;
  raw.forEach((branch: unknown, i) => {
    const child = compileQuery(branch, [...path, i], depth + 1, ctx);
    if (child === undefined) ok = false;
    else children.push(child);
  });
  return ok ? { kind, children } : undefined;
}
