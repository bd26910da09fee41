// A predicate against one value (or MISSING): the "matchesSingleElement" of MongoDB's matcher.
// Also the evaluator of $elemMatch's value form, where each array element is one value.
import { bsonTypeOf, canonicalRank, NUMERIC_TYPES } from './bson-type';
import { compareBson, regexParts } from './compare-bson';
import { isNumericNaN } from './compare-numbers';
import type { TElemMatch, TFilterLiteral, TValuePredicate } from './filter-ast';
import { isDocument } from './is-document';
import { matchesFilter } from './matches-filter';
import { runRegexProgram } from './regex/run-regex-program';
import { MISSING } from './resolve-path';

type TOrderOp = 'eq' | 'gt' | 'gte' | 'lt' | 'lte';

/** Comparison with type bracketing: values of different canonical types never compare, except
 *  that null matches missing/undefined for $eq, $gte and $lte. NaN equals only NaN. */
export function compareForQuery(op: TOrderOp, candidate: unknown, rhs: TFilterLiteral): boolean {
  const rc = candidate === MISSING ? 0 : canonicalRank(bsonTypeOf(candidate));
  const rr = canonicalRank(bsonTypeOf(rhs));
  const inclusive = op === 'eq' || op === 'gte' || op === 'lte';
  if (rc !== rr) return rc + rr === 5 && inclusive;
  if (rc === 10) {
    const nanC = isNumericNaN(candidate);
    const nanR = isNumericNaN(rhs);
    if (nanC || nanR) return nanC && nanR && inclusive;
  }
  const c = compareBson(candidate, rhs);
  switch (op) {
    case 'eq':
      return c === 0;
    case 'gt':
      return c > 0;
    case 'gte':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'lte':
      return c <= 0;
  }
}

export function matchesSingleValue(pred: TValuePredicate, v: unknown): boolean {
  switch (pred.op) {
    case 'eq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compareForQuery(pred.op, v, pred.value);
    case 'ne':
      return !compareForQuery('eq', v, pred.value);
    case 'in':
      return pred.values.some((x) => compareForQuery('eq', v, x));
    case 'nin':
      return !pred.values.some((x) => compareForQuery('eq', v, x));
    case 'exists':
      return (v !== MISSING) === pred.exists;
    case 'type': {
      if (v === MISSING) return false;
      const t = bsonTypeOf(v);
      return pred.types.some((name) => (name === 'number' ? NUMERIC_TYPES.has(t) : name === t));
    }
    case 'regex': {
      const t = v === MISSING ? 'missing' : bsonTypeOf(v);
      if (t === 'string') return runRegexProgram(pred.program, v as string);
      if (t === 'symbol') return runRegexProgram(pred.program, String((v as { value: unknown }).value));
      if (t !== 'regex') return false;
      const [source, flags] = regexParts(v);
      return source === pred.source && flags === [...pred.options].sort().join('');
    }
    case 'size':
      return Array.isArray(v) && v.length === pred.size;
    case 'elemMatch':
      return Array.isArray(v) && v.some((el) => elementMatches(pred.match, el === undefined ? null : el));
    case 'all':
      return pred.values.length > 0 && pred.values.every((x) => compareForQuery('eq', v, x));
    case 'allElemMatch':
      return pred.items.length > 0 && pred.items.every((match) => Array.isArray(v) && v.some((el) => elementMatches(match, el)));
    case 'not':
      return !pred.predicates.every((p) => matchesSingleValue(p, v));
  }
}

function elementMatches(match: TElemMatch, el: unknown): boolean {
  if (match.form === 'value') return match.predicates.every((p) => matchesSingleValue(p, el));
  // Document form: arrays count as documents keyed "0", "1", ... (BSON arrays are documents).
  if (Array.isArray(el)) return matchesFilter(match.filter, Object.fromEntries(el.map((x, i) => [String(i), x])));
  return isDocument(el) && matchesFilter(match.filter, el);
}
