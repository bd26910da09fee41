// Fuzzing parseRestoreSpec with 10,000 mutated packages and random text: only typed results,
// nothing refused slips through (forbidden operators, prototype keys), and an accepted package
// never selects outside its tenant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors/engine-error';
import { FORBIDDEN_OPERATORS } from '../filter/describe-operator';
import { matchesFilter } from '../filter/matches-filter';
import { COMPOSITES, SCALARS } from '../filter/testing/differential-documents';
import { hostileFilterArb, validFilterArb } from '../filter/testing/filter-arbitraries';
import { parseRestoreSpec } from './parse-restore-spec';
import { ACME, GLOBEX, INITECH, validPackage } from './testing/demo-scopes';

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', '$where', '$expr', 'extra'];

/** Valid most of the time, so the property sees accepted packages too. */
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: invalid, weight: 1 });

const packageArb = fc.constantFrom(ACME, GLOBEX, INITECH).chain((scope) =>
  fc
    .record({
      tenant: mostly(fc.constant(scope.slug), fc.constantFrom('initrode', 'umbrella', 'Acme', '')),
      include: mostly<string[]>(
        fc.array(fc.constantFrom('*', 'orders', 'ord*', 'c*'), { maxLength: 2 }),
        fc.array(fc.constantFrom('umbrella_orders', 'globex_orders', 'x*', 'system.js', ''), { minLength: 1, maxLength: 2 }),
      ),
      exclude: mostly<string[]>(fc.constant([]), fc.array(fc.constantFrom('customers', 'c*', '*', 'zz'), { maxLength: 2 })),
      filter: mostly(
        fc.option(validFilterArb, { nil: undefined }),
        fc.oneof(
          hostileFilterArb,
          fc.constant({ tenantId: 'initrode' }),
          fc.constant({ $or: [{ tenantId: 'initrode' }, { a: 1 }] }),
          fc.constant({ tenantId: 'initech' }),
        ),
      ),
      ids: mostly(
        fc.option(fc.uniqueArray(fc.oneof(fc.integer(), fc.string({ minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 5 }), { nil: undefined }),
        fc.array(fc.oneof(fc.constant({ $oid: '65a000000000000000000002' }), fc.jsonValue({ maxDepth: 1 })), { maxLength: 5 }),
      ),
      target: mostly(
        fc.constantFrom<unknown>({ mode: 'in-place' }, { mode: 'side-namespace' }, { mode: 'side-namespace', suffix: '__x' }),
        fc.constantFrom<unknown>(
          { mode: 'database', database: 't_acme_restore' },
          { mode: 'database', database: 'saas_shared' },
          { mode: 'database', database: 'admin' },
          { mode: 'x' },
        ),
      ),
      extra: mostly(fc.constant(undefined), fc.dictionary(fc.constantFrom(...HOSTILE_KEYS), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 2 })),
      form: mostly(fc.constantFrom('text', 'object'), fc.constant('mangled')),
      cut: fc.nat(),
    })
    .map((p) => {
      const selection: Record<string, unknown> = { namespaces: { include: p.include.length ? p.include : ['*'], exclude: p.exclude } };
      if (p.filter !== undefined) selection.filter = p.filter;
      if (p.ids !== undefined) selection.documentIds = p.ids;
      const pkg: Record<string, unknown> = validPackage(p.tenant, { selection, target: p.target });
      // defineProperty: a literal `__proto__` key would set the prototype instead of a key
      for (const [k, v] of Object.entries(p.extra ?? {})) Object.defineProperty(pkg, k, { value: v, enumerable: true, writable: true, configurable: true });
      const text = JSON.stringify(pkg);
      const raw =
        p.form === 'object' ? pkg : p.form === 'mangled' ? text.slice(0, p.cut % (text.length + 1)) + text.slice((p.cut % (text.length + 1)) + 1) : text;
      return { scope, raw, text };
    }),
);

const otherTenantDoc = fc.record({
  tenantId: fc.constantFrom<unknown>('initrode', ['initech', 'initrode'], ['initech'], null),
  _id: fc.oneof(fc.integer(), fc.constant(42)),
  status: fc.constantFrom('open', 'paid'),
  a: fc.constantFrom(...SCALARS, ...COMPOSITES),
});

describe('parseRestoreSpec under fuzzing', () => {
  it('10,000 mutated packages: typed results only, and accepted ones stay inside the tenant', () => {
    let accepted = 0;
    fc.assert(
      fc.property(packageArb, fc.array(otherTenantDoc, { maxLength: 4 }), ({ scope, raw, text }, others) => {
        const result = parseRestoreSpec(raw, { tenant: scope }); // must not throw
        if (!result.ok) {
          expect(result.error).toBeInstanceOf(EngineError);
          expect(['INVALID_ARGUMENT', 'TENANT_SCOPE_VIOLATION']).toContain(result.error.code);
          expect(result.issues.length).toBeGreaterThan(0);
          return;
        }
        accepted++;
        expect(result.value.spec.tenant).toBe(scope.slug);
        for (const ns of result.value.namespaces) expect(scope.namespaces).toContain(ns);
        expect(text).not.toMatch(/"(__proto__|constructor|prototype)"\s*:/);
        for (const op of FORBIDDEN_OPERATORS) expect(text).not.toContain(`"${op}"`);
        if (scope.tenancy.model === 'SHARED_FIELD') for (const doc of others) expect(matchesFilter(result.value.filter, doc)).toBe(false);
      }),
      { numRuns: 10_000 },
    );
    expect(accepted).toBeGreaterThan(500); // the property must also see accepted packages
  });

  it('random text and random JSON: refused with a typed error, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue()), (raw) => {
        const result = parseRestoreSpec(raw, { tenant: ACME });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error).toBeInstanceOf(EngineError);
      }),
      { numRuns: 3_000 },
    );
  });
});
