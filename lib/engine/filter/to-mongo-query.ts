// A compiled filter back to a driver query document, so the server selects what matchesFilter
// selects. Equality is always spelled `$eq` (an object operand can then never be mistaken for
// an operator object) and a tenant predicate, when given, is ANDed around the whole filter.
import type { Document } from 'mongodb';
import { andTenantPredicate, type TTenantPredicate } from './and-tenant-predicate';
import type { TElemMatch, TFilter, TValuePredicate } from './filter-ast';

export function toMongoQuery(filter: TFilter, tenant?: TTenantPredicate): Document {
  return queryOf(tenant ? andTenantPredicate(filter, tenant) : filter);
}

function queryOf(filter: TFilter): Document {
  switch (filter.kind) {
    case 'and':
      if (filter.children.length === 0) return {};
      if (filter.children.length === 1) return queryOf(filter.children[0] as TFilter);
      return { $and: filter.children.map(queryOf) };
    case 'or':
      return { $or: filter.children.map(queryOf) };
    case 'nor':
      return { $nor: filter.children.map(queryOf) };
    case 'path': {
      if (filter.predicates.length === 0) return {};
      const entries = filter.predicates.flatMap(operatorEntries);
      const keys = new Set(entries.map(([k]) => k));
      if (keys.size === entries.length) return { [filter.path]: Object.fromEntries(entries) };
      // The same operator twice (only possible for hand-built filters): keep both, one per branch.
      return { $and: filter.predicates.map((p) => ({ [filter.path]: Object.fromEntries(operatorEntries(p)) })) };
    }
  }
}

function operatorsOf(predicates: readonly TValuePredicate[]): Document {
  return Object.fromEntries(predicates.flatMap(operatorEntries));
}

function elemMatchOf(match: TElemMatch): Document {
  return match.form === 'value' ? operatorsOf(match.predicates) : queryOf(match.filter);
}

function operatorEntries(p: TValuePredicate): [string, unknown][] {
  switch (p.op) {
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return [[`$${p.op}`, p.value]];
    case 'in':
    case 'nin':
      return [[`$${p.op}`, p.values]];
    case 'exists':
      return [['$exists', p.exists]];
    case 'type':
      return [['$type', p.types.length === 1 ? p.types[0] : p.types]];
    case 'regex':
      return p.options
        ? [
            ['$regex', p.source],
            ['$options', p.options],
          ]
        : [['$regex', p.source]];
    case 'size':
      return [['$size', p.size]];
    case 'all':
      return [['$all', p.values]];
    case 'allElemMatch':
      return [['$all', p.items.map((m) => ({ $elemMatch: elemMatchOf(m) }))]];
    case 'elemMatch':
      return [['$elemMatch', elemMatchOf(p.match)]];
    case 'not':
      return [['$not', operatorsOf(p.predicates)]];
  }
}
