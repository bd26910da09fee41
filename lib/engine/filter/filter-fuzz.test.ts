// Fuzzing the compiler with hostile input and checking the properties the rest of the engine
// relies on: typed errors only, no refused operator slips through at any depth, and a filter
// scoped by the tenant predicate never selects another tenant's document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors/engine-error';
import { andTenantPredicate } from './and-tenant-predicate';
import { compileFilter } from './compile-filter';
import { FORBIDDEN_OPERATORS } from './describe-operator';
import { FIELD_OPERATORS } from './field-operators';
import { matchesFilter } from './matches-filter';
import { COMPOSITES, SCALARS } from './testing/differential-documents';
import { hostileFilterArb, validFilterArb } from './testing/filter-arbitraries';
import { TYPED_LITERAL_KEYS } from './parse-filter-literal';

const ALLOWED_DOLLAR_KEYS = new Set([...FIELD_OPERATORS, ...TYPED_LITERAL_KEYS, '$and', '$or', '$nor']);

function dollarKeys(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => dollarKeys(v, out));
  else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      if (key.startsWith('$')) out.push(key);
      dollarKeys((value as Record<string, unknown>)[key], out);
    }
  }
  return out;
}

describe('compileFilter under fuzzing', () => {
  it('10,000 hostile inputs: a typed result, and no refused operator accepted at any depth', () => {
    fc.assert(
      fc.property(hostileFilterArb, (raw) => {
        const result = compileFilter(raw); // must not throw
        if (!result.ok) {
          expect(result.error).toBeInstanceOf(EngineError);
          expect(result.error.code).toBe('INVALID_ARGUMENT');
          expect(result.issues.length).toBeGreaterThan(0);
          return;
        }
        const keys = dollarKeys(raw);
        for (const key of keys) expect(ALLOWED_DOLLAR_KEYS.has(key), key).toBe(true);
        for (const forbidden of FORBIDDEN_OPERATORS) expect(keys).not.toContain(forbidden);
        expect(JSON.stringify(raw) ?? '').not.toMatch(/"(__proto__|constructor|prototype)"\s*:/);
      }),
      { numRuns: 10_000 },
    );
  });

  it('every forbidden operator is refused by name wherever it is planted', () => {
    const plant = (op: string) =>
      fc.constantFrom(
        { [op]: 1 },
        { a: { [op]: 1 } },
        { $or: [{ a: 1 }, { b: { [op]: [1] } }] },
        { a: { $elemMatch: { b: { [op]: 1 } } } },
        { a: { $not: { [op]: 1 } } },
        { a: { $in: [1, { [op]: 1 }] } },
        { a: { $eq: { b: [{ [op]: 1 }] } } },
      );
    fc.assert(
      fc.property(fc.constantFrom(...FORBIDDEN_OPERATORS).chain(plant), (raw) => {
        const result = compileFilter(raw);
        expect(result.ok).toBe(false);
        const op = dollarKeys(raw).find((k) => FORBIDDEN_OPERATORS.includes(k)) as string;
        if (!result.ok) expect(result.error.message).toContain(`operator ${op} is not allowed`);
      }),
      { numRuns: 500 },
    );
  });

  it('raw JSON text: parsed or refused, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          return;
        }
        const result = compileFilter(raw);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('tenant isolation', () => {
  const value = fc.constantFrom(...SCALARS, ...COMPOSITES);
  const tenantValue = fc.constantFrom<unknown>('initech', 'initrode', ['initech', 'initrode'], ['initech'], null, { id: 'initech' });
  const doc = fc.record(
    { tenantId: tenantValue, a: value, b: value, c: value, d: value, n: fc.record({ a: value, b: value }) },
    { requiredKeys: ['tenantId'] },
  );

  it('a filter ANDed with the tenant predicate never matches another tenant document', () => {
    fc.assert(
      fc.property(validFilterArb, fc.array(doc, { minLength: 1, maxLength: 8 }), (raw, docs) => {
        const compiled = compileFilter(raw);
        if (!compiled.ok) throw compiled.error;
        const scoped = andTenantPredicate(compiled.filter, { field: 'tenantId', value: 'initech' });
        for (const d of docs) if (matchesFilter(scoped, d)) expect(d.tenantId).toBe('initech');
      }),
      { numRuns: 10_000 },
    );
  });

  it('filters that try to widen the scope cannot', () => {
    const docs = [
      { tenantId: 'initrode', a: 1 },
      { tenantId: ['initech', 'initrode'], a: 1 },
    ];
    for (const raw of [
      {},
      { $or: [{ tenantId: 'initrode' }, { a: 1 }] },
      { $nor: [{ tenantId: 'initech' }] },
      { tenantId: { $in: ['initech', 'initrode'] } },
    ]) {
      const compiled = compileFilter(raw);
      if (!compiled.ok) throw compiled.error;
      const scoped = andTenantPredicate(compiled.filter, { field: 'tenantId', value: 'initech' });
      expect(docs.filter((d) => matchesFilter(scoped, d))).toEqual([]);
    }
  });
});
