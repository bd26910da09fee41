import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { matchesFilter } from '../filter/matches-filter';
import { toMongoQuery } from '../filter/to-mongo-query';
import { RESTORE_SPEC_LIMITS } from './limits';
import { parseRestoreSpec, type TParsedRestoreSpec } from './parse-restore-spec';
import { sideNamespaceSuffix } from './side-namespace-suffix';
import type { TTenantScope } from './tenant-scope';
import { ACME, GLOBEX, INITECH, validPackage } from './testing/demo-scopes';

function accept(raw: unknown, tenant: TTenantScope): TParsedRestoreSpec {
  const result = parseRestoreSpec(raw, { tenant });
  if (!result.ok) throw result.error;
  return result.value;
}

function reject(raw: unknown, tenant: TTenantScope): { code: string; issues: { path: string; code: string; message: string }[] } {
  const result = parseRestoreSpec(raw, { tenant });
  if (result.ok) throw new Error('accepted');
  return { code: result.error.code, issues: result.error.details.issues as { path: string; code: string; message: string }[] };
}

const withSelection = (tenant: string, selection: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  validPackage(tenant, { selection, ...extra });

describe('parseRestoreSpec accepts', () => {
  it('a minimal package as JSON text, applying defaults', () => {
    const text = JSON.stringify({ version: 1, tenant: 'acme', source: { snapshotId: 's1' }, target: { mode: 'in-place' }, conflictPolicy: 'fail' });
    const parsed = accept(text, ACME);
    expect(parsed.spec).toEqual({
      version: 1,
      tenant: 'acme',
      source: { snapshotId: 's1' },
      selection: { namespaces: { include: ['*'], exclude: [] } },
      target: { mode: 'in-place' },
      conflictPolicy: 'fail',
      deleteExtraneous: false,
      restoreIndexes: false,
    });
    expect(parsed.namespaces).toEqual(['customers', 'invoices', 'orders', 'products']);
    expect(parsed.tenantPredicate).toBeNull();
    expect(toMongoQuery(parsed.filter)).toEqual({});
  });

  it('wildcards and excludes over the tenant logical names (COLLECTION_PREFIX)', () => {
    const parsed = accept(withSelection('globex', { namespaces: { include: ['*'], exclude: ['tick*'] } }), GLOBEX);
    expect(parsed.namespaces).toEqual(['customers', 'orders']);
  });

  it('typed ids, a filter and a time window, folded into one selection filter', () => {
    const parsed = accept(
      withSelection('acme', {
        documentIds: [{ $oid: '65a000000000000000000002' }, 'legacy-7', 42],
        filter: { status: { $in: ['open', 'paid'] }, total: { $gt: { $numberDecimal: '10.00' } } },
        timeWindow: { field: 'updatedAt', from: '2024-11-01T00:00:00Z', to: '2024-11-21T02:00:00+01:00' },
      }),
      ACME,
    );
    expect(parsed.documentIds).toEqual([ObjectId.createFromHexString('65a000000000000000000002'), 'legacy-7', 42]);
    const doc = { _id: 42, status: 'paid', total: 12.5, updatedAt: new Date('2024-11-10T00:00:00Z') };
    expect(matchesFilter(parsed.filter, doc)).toBe(true);
    expect(matchesFilter(parsed.filter, { ...doc, _id: 43 })).toBe(false);
    expect(matchesFilter(parsed.filter, { ...doc, updatedAt: new Date('2024-11-21T01:00:00Z') })).toBe(false); // to is exclusive, +01:00
  });

  it('a time window without a field selects by the creation time inside ObjectId _ids', () => {
    const parsed = accept(withSelection('acme', { timeWindow: { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' } }), ACME);
    const inside = ObjectId.createFromTime(Date.parse('2024-01-15T00:00:00Z') / 1000);
    const after = ObjectId.createFromTime(Date.parse('2024-02-01T00:00:00Z') / 1000);
    expect(matchesFilter(parsed.filter, { _id: inside })).toBe(true);
    expect(matchesFilter(parsed.filter, { _id: after })).toBe(false);
    expect(matchesFilter(parsed.filter, { _id: 'not-an-oid' })).toBe(false);
  });

  it('SHARED_FIELD: the selection filter carries the tenant predicate', () => {
    const parsed = accept(withSelection('initech', { filter: { tenantId: 'initech', status: 'open' } }), INITECH);
    expect(parsed.tenantPredicate).toEqual({ field: 'tenantId', value: 'initech' });
    expect(matchesFilter(parsed.filter, { tenantId: 'initech', status: 'open' })).toBe(true);
    expect(matchesFilter(parsed.filter, { tenantId: 'initrode', status: 'open' })).toBe(false);
    expect(toMongoQuery(parsed.filter)).toEqual({
      $and: [{ tenantId: { $eq: 'initech', $not: { $type: 'array' } } }, { $and: [{ tenantId: { $eq: 'initech' } }, { status: { $eq: 'open' } }] }],
    });
  });

  it('side-namespace and database targets the tenant owns', () => {
    const side = accept(validPackage('acme', { target: { mode: 'side-namespace' } }), ACME);
    expect(side.spec.target.mode === 'side-namespace' && sideNamespaceSuffix(side.spec.target, 'req 81')).toBe('__restore_req_81');
    expect(sideNamespaceSuffix({ mode: 'side-namespace', suffix: '__copy' }, 'x')).toBe('__copy');
    expect(accept(validPackage('acme', { target: { mode: 'database', database: 't_acme_restore' } }), ACME).spec.target).toEqual({
      mode: 'database',
      database: 't_acme_restore',
    });
    expect(accept(validPackage('acme', { source: { pointInTime: '2024-11-21T02:00:00Z' } }), ACME).spec.source).toEqual({
      pointInTime: '2024-11-21T02:00:00Z',
    });
  });
});

describe('parseRestoreSpec refuses what reaches outside the tenant (TENANT_SCOPE_VIOLATION)', () => {
  it.each([
    ['another tenant slug', validPackage('initrode'), INITECH, '$.tenant', "the package is for tenant 'initrode'"],
    [
      'another prefix',
      withSelection('globex', { namespaces: { include: ['umbrella_orders'] } }),
      GLOBEX,
      '$.selection.namespaces.include[0]',
      "'umbrella_orders' is not a namespace of tenant 'globex'",
    ],
    [
      'a namespace in another database',
      withSelection('acme', { namespaces: { include: ['t_globex.orders'] } }),
      ACME,
      '$.selection.namespaces.include[0]',
      "'t_globex.orders' is not a namespace of tenant 'acme'",
    ],
    [
      'another database',
      validPackage('acme', { target: { mode: 'database', database: 't_globex' } }),
      ACME,
      '$.target.database',
      "database 't_globex' does not belong to tenant 'acme'",
    ],
    [
      'the shared database',
      validPackage('initech', { target: { mode: 'database', database: 'saas_shared' } }),
      INITECH,
      '$.target.database',
      'is shared with other tenants',
    ],
    [
      'another tenant value',
      withSelection('initech', { filter: { tenantId: 'initrode' } }),
      INITECH,
      '$.selection.filter.tenantId',
      "may only restrict 'tenantId'",
    ],
    [
      'a negated tenant field',
      withSelection('initech', { filter: { $nor: [{ tenantId: 'initech' }] } }),
      INITECH,
      '$.selection.filter.tenantId',
      "may only restrict 'tenantId'",
    ],
    [
      'a widened tenant field',
      withSelection('initech', { filter: { tenantId: { $in: ['initech', 'initrode'] } } }),
      INITECH,
      '$.selection.filter.tenantId',
      "may only restrict 'tenantId'",
    ],
    [
      'a regex on the tenant field',
      withSelection('initech', { filter: { tenantId: { $regex: '^ini' } } }),
      INITECH,
      '$.selection.filter.tenantId',
      "may only restrict 'tenantId'",
    ],
    [
      'a time window on the tenant field',
      withSelection('initech', { timeWindow: { field: 'tenantId', from: '2024-01-01T00:00:00Z' } }),
      INITECH,
      '$.selection.timeWindow.field',
      'tenant field',
    ],
  ])('%s', (_name, raw, tenant, path, message) => {
    const { code, issues } = reject(JSON.stringify(raw), tenant);
    expect(code).toBe('TENANT_SCOPE_VIOLATION');
    expect(issues).toContainEqual({ path, code: 'TENANT_SCOPE_VIOLATION', message: expect.stringContaining(message) });
  });
});

describe('parseRestoreSpec refuses invalid packages (INVALID_ARGUMENT)', () => {
  it.each([
    [
      'a prefixed physical name',
      withSelection('globex', { namespaces: { include: ['globex_orders'] } }),
      GLOBEX,
      '$.selection.namespaces.include[0]',
      "use the logical name 'orders'",
    ],
    ['a wildcard matching nothing', withSelection('acme', { namespaces: { include: ['zz*'] } }), ACME, '$.selection.namespaces.include[0]', 'matches none'],
    [
      'excluding everything',
      withSelection('acme', { namespaces: { include: ['*'], exclude: ['*'] } }),
      ACME,
      '$.selection.namespaces',
      'excludes every namespace',
    ],
    [
      'system collections',
      withSelection('acme', { namespaces: { include: ['system.users'] } }),
      ACME,
      '$.selection.namespaces.include[0]',
      'system collections',
    ],
    [
      'the own database as "another"',
      validPackage('acme', { target: { mode: 'database', database: 't_acme' } }),
      ACME,
      '$.target.database',
      "use target mode 'in-place'",
    ],
    ['an unknown target mode', validPackage('acme', { target: { mode: 'elsewhere' } }), ACME, '$.target.mode', ''],
    ['a bad suffix', validPackage('acme', { target: { mode: 'side-namespace', suffix: '.x' } }), ACME, '$.target.suffix', 'suffix starts with'],
    [
      'a forbidden operator',
      withSelection('acme', { filter: { a: { $elemMatch: { $where: 'sleep(1e9)' } } } }),
      ACME,
      '$.selection.filter.a.$elemMatch.$where',
      'operator $where is not allowed',
    ],
    ['a bad point in time', validPackage('acme', { source: { pointInTime: 'yesterday' } }), ACME, '$.source.pointInTime', 'ISO-8601 date-time with a zone'],
    [
      'a reversed window',
      withSelection('acme', { timeWindow: { from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' } }),
      ACME,
      '$.selection.timeWindow',
      'from must be before to',
    ],
    ['duplicate ids', withSelection('acme', { documentIds: [1, 2, 1] }), ACME, '$.selection.documentIds[2]', 'duplicate document id'],
    ['a bad $oid', withSelection('acme', { documentIds: [{ $oid: 'nope' }] }), ACME, '$.selection.documentIds[0].$oid', '$oid must be 24 hex characters'],
    ['a non-id', withSelection('acme', { documentIds: [true] }), ACME, '$.selection.documentIds[0]', 'a document id is'],
    ['no source', validPackage('acme', { source: {} }), ACME, '$.source', 'source is'],
    [
      'too many ids',
      withSelection('acme', { documentIds: Array.from({ length: RESTORE_SPEC_LIMITS.maxDocumentIds + 1 }, (_, i) => i) }),
      ACME,
      '$.selection.documentIds',
      'at most 1000 document ids',
    ],
    ['an unknown key', validPackage('acme', { deleteEverything: true }), ACME, '$.deleteEverything', 'unknown key'],
    ['a wrong version', validPackage('acme', { version: 2 }), ACME, '$.version', 'expected 1'],
  ])('%s', (_name, raw, tenant, path, message) => {
    const { code, issues } = reject(JSON.stringify(raw), tenant);
    expect(code).toBe('INVALID_ARGUMENT');
    expect(issues).toContainEqual({ path, code: 'INVALID_ARGUMENT', message: expect.stringContaining(message) });
  });

  it('oversized packages', () => {
    const big = withSelection('acme', { filter: { a: { $in: Array.from({ length: 900 }, (_, i) => 'x'.repeat(70) + i) } } });
    expect(reject(JSON.stringify(big), ACME).issues).toEqual([{ path: '$', code: 'INVALID_ARGUMENT', message: 'package larger than 65536 bytes' }]);
    expect(reject(big, ACME).issues[0]?.message).toBe('package larger than 65536 bytes');
  });

  it('prototype keys anywhere, in text or in an already parsed value', () => {
    const text = '{"version": 1, "selection": {"filter": {"a": {"constructor": {"prototype": {}}}}}}';
    expect(reject(text, ACME).issues[0]).toEqual({
      path: '$.selection.filter.a.constructor',
      code: 'INVALID_ARGUMENT',
      message: 'key constructor is not allowed',
    });
    const parsed = JSON.parse('{"version": 1, "__proto__": {"isAdmin": true}}') as unknown;
    expect(reject(parsed, ACME).issues).toEqual([{ path: '$.__proto__', code: 'INVALID_ARGUMENT', message: 'key __proto__ is not allowed' }]);
  });

  it('nesting deeper than the limit', () => {
    let filter: unknown = { a: 1 };
    for (let i = 0; i < 40; i++) filter = { $and: [filter] };
    const { issues } = reject(JSON.stringify(withSelection('acme', { filter })), ACME);
    expect(issues[0]?.message).toBe('nested deeper than 32 levels');
  });

  it('lists every problem at once', () => {
    const raw = {
      version: 1,
      tenant: 'acme',
      source: { snapshotId: 's1' },
      selection: { filter: { $where: '1', b: { $regex: '(a*)*' } } },
      target: { mode: 'in-place' },
      conflictPolicy: 'sometimes',
    };
    const result = parseRestoreSpec(JSON.stringify(raw), { tenant: ACME });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details.issues).toEqual([
      expect.objectContaining({ path: '$.conflictPolicy' }),
      expect.objectContaining({ path: '$.selection.filter.$where' }),
      expect.objectContaining({ path: '$.selection.filter.b.$regex' }),
    ]);
    expect(result.error.message).toContain('restore package rejected (3 problems)');
  });
});
