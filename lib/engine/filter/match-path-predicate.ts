// One predicate against the values a path reaches in a document. Negations ($ne, $nin, $not)
// negate the whole "some value matches" test, which is why `{a: {$ne: 1}}` rejects [1, 2] and
// accepts a document without `a`.
import type { TValuePredicate } from './filter-ast';
import { matchesSingleValue } from './match-single-value';
import { resolvePath } from './resolve-path';

export function matchesPathPredicate(pred: TValuePredicate, doc: object, parts: readonly string[]): boolean {
  switch (pred.op) {
    case 'ne':
      return !matchesPathPredicate({ op: 'eq', value: pred.value }, doc, parts);
    case 'nin':
      return !matchesPathPredicate({ op: 'in', values: pred.values }, doc, parts);
    case 'not':
      return !pred.predicates.every((p) => matchesPathPredicate(p, doc, parts));
    case 'exists':
      // {$exists: false} is NOT(exists): [{x: 1}, {}] has `x` at "a.x", so it does not match.
      if (!pred.exists) return !matchesPathPredicate({ op: 'exists', exists: true }, doc, parts);
      return resolvePath(doc, parts, true).some((v) => matchesSingleValue(pred, v));
    case 'all':
      return pred.values.length > 0 && pred.values.every((value) => matchesPathPredicate({ op: 'eq', value }, doc, parts));
    case 'allElemMatch':
      return pred.items.length > 0 && pred.items.every((match) => matchesPathPredicate({ op: 'elemMatch', match }, doc, parts));
    case 'size':
    case 'elemMatch':
      // These look at a leaf array as a whole, never at its elements.
      return resolvePath(doc, parts, false).some((v) => matchesSingleValue(pred, v));
    default:
      return resolvePath(doc, parts, true).some((v) => matchesSingleValue(pred, v));
  }
}
