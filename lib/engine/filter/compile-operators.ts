// An operator object on a field (`{$gt: 1, $lt: 5}`), also used for the operand of $not and the
// value form of $elemMatch. Each recognised operator becomes one predicate; all must hold.
import { bsonTypeNameOfNumber, isBsonTypeName, type TBsonTypeName } from './bson-type';
import { report, visit, type TCompileContext } from './compile-context';
import { compileQuery } from './compile-query';
import { describeOperator } from './describe-operator';
import type { TComparisonOp, TElemMatch, TFilterLiteral, TValuePredicate } from './filter-ast';
import type { TPathSegment } from './filter-issue';
import { isPlainObject } from './is-plain-object';
import { FILTER_LIMITS } from './limits';
import { isTypedLiteral, parseFilterLiteral } from './parse-filter-literal';
import { compileRegex } from './regex/compile-regex';

const COMPARISONS: Readonly<Record<string, TComparisonOp>> = { $eq: 'eq', $ne: 'ne', $gt: 'gt', $gte: 'gte', $lt: 'lt', $lte: 'lte' };

export function compileOperatorObject(raw: unknown, at: TPathSegment[], depth: number, ctx: TCompileContext): TValuePredicate[] | undefined {
  if (!visit(ctx, at, depth)) return undefined;
  if (!isPlainObject(raw) || Object.keys(raw).length === 0) {
    report(ctx, at, 'expected a non-empty object of operators');
    return undefined;
  }
  const keys = Object.keys(raw);
  if (keys.length > FILTER_LIMITS.maxKeys) {
    report(ctx, at, `more than ${FILTER_LIMITS.maxKeys} operators`);
    return undefined;
  }
  const predicates: TValuePredicate[] = [];
  const before = ctx.issues.length;
  const push = (p: TValuePredicate | undefined) => p && predicates.push(p);
  for (const key of keys) {
    const value = raw[key];
    const here = [...at, key];
    const comparison = COMPARISONS[key];
    if (comparison) {
      const literal = parseFilterLiteral(value, here, depth + 1, ctx);
      if (literal !== undefined) predicates.push({ op: comparison, value: literal });
      continue;
    }
    switch (key) {
      case '$in':
      case '$nin':
        push(compileIn(key === '$in' ? 'in' : 'nin', value, here, depth + 1, ctx));
        break;
      case '$exists':
        if (value === true || value === false || value === 1 || value === 0) predicates.push({ op: 'exists', exists: Boolean(value) });
        else report(ctx, here, '$exists needs true or false');
        break;
      case '$type':
        push(compileType(value, here, ctx));
        break;
      case '$regex':
        push(compileRegexPredicate(value, raw.$options, here, ctx));
        break;
      case '$options':
        if (!Object.hasOwn(raw, '$regex')) report(ctx, here, '$options needs a $regex next to it');
        break;
      case '$size':
        if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2 ** 31 - 1) predicates.push({ op: 'size', size: value });
        else report(ctx, here, '$size needs a non-negative whole number');
        break;
      case '$all':
        push(compileAll(value, here, depth + 1, ctx));
        break;
      case '$elemMatch': {
        const match = compileElemMatch(value, here, depth + 1, ctx);
        if (match) predicates.push({ op: 'elemMatch', match });
        break;
      }
      case '$not': {
        const inner = compileOperatorObject(value, here, depth + 1, ctx);
        if (inner) predicates.push({ op: 'not', predicates: inner });
        break;
      }
      default:
        report(ctx, here, key.startsWith('$') ? describeOperator(key) : `cannot mix operators and field names ('${key}')`);
    }
  }
  return ctx.issues.length === before ? predicates : undefined;
}

function compileIn(op: 'in' | 'nin', raw: unknown, at: TPathSegment[], depth: number, ctx: TCompileContext): TValuePredicate | undefined {
  if (!Array.isArray(raw)) {
    report(ctx, at, `$${op} needs an array`);
    return undefined;
  }
  const values = parseFilterLiteral(raw, at, depth, ctx);
  return values === undefined ? undefined : { op, values: values as readonly TFilterLiteral[] };
}

function compileType(raw: unknown, at: TPathSegment[], ctx: TCompileContext): TValuePredicate | undefined {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0 || list.length > 32) {
    report(ctx, at, '$type needs a type or a list of 1 to 32 types');
    return undefined;
  }
  const types: TBsonTypeName[] = [];
  for (const [i, t] of list.entries()) {
    const name = typeof t === 'string' && isBsonTypeName(t) ? t : typeof t === 'number' ? bsonTypeNameOfNumber(t) : undefined;
    if (name === undefined) report(ctx, Array.isArray(raw) ? [...at, i] : at, `unknown BSON type ${JSON.stringify(t) ?? String(t)}`);
    else types.push(name);
  }
  return types.length === list.length ? { op: 'type', types } : undefined;
}

function compileRegexPredicate(source: unknown, options: unknown, at: TPathSegment[], ctx: TCompileContext): TValuePredicate | undefined {
  if (typeof source !== 'string') {
    report(ctx, at, '$regex needs a string pattern');
    return undefined;
  }
  if (options !== undefined && typeof options !== 'string') {
    report(ctx, [...at.slice(0, -1), '$options'], '$options needs a string');
    return undefined;
  }
  const compiled = compileRegex(source, options ?? '');
  if (!compiled.ok) {
    report(ctx, at, `regex refused: ${compiled.message}`);
    return undefined;
  }
  return { op: 'regex', source, options: options ?? '', program: compiled.program };
}

function isElemMatchObject(raw: unknown): raw is { $elemMatch: unknown } {
  return isPlainObject(raw) && Object.keys(raw).length === 1 && Object.hasOwn(raw, '$elemMatch');
}

function compileAll(raw: unknown, at: TPathSegment[], depth: number, ctx: TCompileContext): TValuePredicate | undefined {
  if (!Array.isArray(raw)) {
    report(ctx, at, '$all needs an array');
    return undefined;
  }
  if (!raw.some(isElemMatchObject)) {
    const values = parseFilterLiteral(raw, at, depth, ctx);
    return values === undefined ? undefined : { op: 'all', values: values as readonly TFilterLiteral[] };
  }
  if (!visit(ctx, at, depth)) return undefined;
  const items: TElemMatch[] = [];
  let ok = true;
  raw.forEach((item: unknown, i) => {
    const match = isElemMatchObject(item) ? compileElemMatch(item.$elemMatch, [...at, i, '$elemMatch'], depth + 2, ctx) : undefined;
    if (!isElemMatchObject(item)) report(ctx, [...at, i], '$all cannot mix $elemMatch and plain values');
    if (match) items.push(match);
    else ok = false;
  });
  return ok ? { op: 'allElemMatch', items } : undefined;
}

/** Value form when the first key is an operator other than $and/$or/$nor, like MongoDB. */
function compileElemMatch(raw: unknown, at: TPathSegment[], depth: number, ctx: TCompileContext): TElemMatch | undefined {
  if (!isPlainObject(raw) || isTypedLiteral(raw)) {
    report(ctx, at, '$elemMatch needs an object');
    return undefined;
  }
  const first = Object.keys(raw)[0];
  if (first !== undefined && first.startsWith('$') && first !== '$and' && first !== '$or' && first !== '$nor') {
    const predicates = compileOperatorObject(raw, at, depth, ctx);
    return predicates && { form: 'value', predicates };
  }
  const filter = compileQuery(raw, at, depth, ctx);
  return filter && { form: 'document', filter };
}
