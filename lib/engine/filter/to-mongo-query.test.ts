import fc from 'fast-check';
import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { andTenantPredicate, tenantPredicateFilter } from './and-tenant-predicate';
import { compileFilter } from './compile-filter';
import type { TFilter } from './filter-ast';
import { matchesFilter } from './matches-filter';
import { differentialDocuments } from './testing/differential-documents';
import { validFilterArb } from './testing/filter-arbitraries';
import { toMongoQuery } from './to-mongo-query';

function compile(raw: unknown): TFilter {
  const result = compileFilter(raw);
  if (!result.ok) throw result.error;
  return result.filter;
}

describe('toMongoQuery', () => {
  it('spells equality as $eq and keeps operators, regex options and $elemMatch forms', () => {
    expect(toMongoQuery(compile({ a: { x: 1 } }))).toEqual({ a: { $eq: { x: 1 } } });
    expect(toMongoQuery(compile({ a: { $regex: 'x', $options: 'i' }, b: { $elemMatch: { $gt: 1 } } }))).toEqual({
      $and: [{ a: { $regex: 'x', $options: 'i' } }, { b: { $elemMatch: { $gt: 1 } } }],
    });
    expect(toMongoQuery(compile({ a: { $elemMatch: { x: 1, y: 2 } } }))).toEqual({
      a: { $elemMatch: { $and: [{ x: { $eq: 1 } }, { y: { $eq: 2 } }] } },
    });
    expect(toMongoQuery(compile({ _id: { $oid: '65a000000000000000000002' } }))).toEqual({
      _id: { $eq: ObjectId.createFromHexString('65a000000000000000000002') },
    });
    expect(toMongoQuery(compile({}))).toEqual({});
  });

  it('ANDs the tenant predicate around the whole filter', () => {
    const query = toMongoQuery(compile({ $or: [{ tenantId: 'initrode' }, { a: 1 }] }), { field: 'tenantId', value: 'initech' });
    expect(query).toEqual({
      $and: [{ tenantId: { $eq: 'initech', $not: { $type: 'array' } } }, { $or: [{ tenantId: { $eq: 'initrode' } }, { a: { $eq: 1 } }] }],
    });
  });

  it('the tenant predicate refuses arrays and other values of the tenant field', () => {
    const guard = tenantPredicateFilter({ field: 'tenantId', value: 'initech' });
    expect(matchesFilter(guard, { tenantId: 'initech' })).toBe(true);
    expect(matchesFilter(guard, { tenantId: ['initech'] })).toBe(false);
    expect(matchesFilter(guard, { tenantId: ['initech', 'initrode'] })).toBe(false);
    expect(matchesFilter(guard, { tenantId: 'initrode' })).toBe(false);
    expect(matchesFilter(guard, {})).toBe(false);
    expect(() => tenantPredicateFilter({ field: '$where', value: 'x' })).toThrow(/INVALID_ARGUMENT/);
  });

  it('round-trips: compiling the driver query selects the same documents', () => {
    const docs = differentialDocuments({ decimal: true, nestedArrays: true });
    fc.assert(
      fc.property(validFilterArb, fc.boolean(), (raw, scoped) => {
        const filter = scoped ? andTenantPredicate(compile(raw), { field: 'a', value: 'abc' }) : compile(raw);
        const again = compile(toMongoQuery(filter));
        for (const doc of docs) expect(matchesFilter(again, doc)).toBe(matchesFilter(filter, doc));
      }),
      { numRuns: 300 },
    );
  });
});
