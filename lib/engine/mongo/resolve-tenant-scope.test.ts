import { describe, expect, it } from 'vitest';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { resolveTenantScope, scopedFilter } from './resolve-tenant-scope';

function world() {
  const mongo = createMemoryMongoEndpoint();
  mongo.insert('t_acme', 'orders', { _id: 1 });
  mongo.insert('t_acme', 'system.views', { _id: 1 });
  for (const c of ['globex_orders', 'globex_tickets', 'umbrella_orders', 'globex_']) mongo.insert('saas_prefixed', c, { _id: 1 });
  for (const c of ['orders', 'events']) mongo.insert('saas_shared', c, { _id: 1, tenantId: 'initech' });
  return mongo.endpoint;
}

describe('resolveTenantScope', () => {
  it('DATABASE: every user collection of the database, no predicate', async () => {
    const s = await resolveTenantScope(world(), { model: 'DATABASE', database: 't_acme' });
    expect(s.map((c) => [c.name, c.collection, c.predicate])).toEqual([['orders', 'orders', {}]]);
  });

  it('COLLECTION_PREFIX: only this prefix, logical names without it', async () => {
    const s = await resolveTenantScope(world(), { model: 'COLLECTION_PREFIX', database: 'saas_prefixed', collectionPrefix: 'globex_' });
    expect(s.map((c) => [c.name, c.collection])).toEqual([
      ['orders', 'globex_orders'],
      ['tickets', 'globex_tickets'],
    ]);
  });

  it('SHARED_FIELD: shared collections, each with the tenant predicate', async () => {
    const t = { model: 'SHARED_FIELD' as const, database: 'saas_shared', tenantField: 'tenantId', tenantValue: 'initech' };
    const s = await resolveTenantScope(world(), t);
    expect(s.map((c) => [c.name, c.predicate])).toEqual([
      ['events', { tenantId: 'initech' }],
      ['orders', { tenantId: 'initech' }],
    ]);
    expect((await resolveTenantScope(world(), { ...t, collections: ['orders'] })).map((c) => c.name)).toEqual(['orders']);
  });

  it('never lists the restore lineage collection, under any model', async () => {
    const mongo = createMemoryMongoEndpoint();
    mongo.insert('t_acme', 'orders', { _id: 1 });
    mongo.insert('t_acme', '__vaultline_lineage', { _id: 1 });
    mongo.insert('saas_prefixed', 'globex_orders', { _id: 1 });
    mongo.insert('saas_prefixed', 'globex___vaultline_lineage', { _id: 1 });
    mongo.insert('saas_shared', 'orders', { _id: 1, tenantId: 'initech' });
    mongo.insert('saas_shared', '__vaultline_lineage', { _id: 1, tenantId: 'initech' });
    const names = async (t: Parameters<typeof resolveTenantScope>[1]) => (await resolveTenantScope(mongo.endpoint, t)).map((c) => c.collection);
    expect(await names({ model: 'DATABASE', database: 't_acme' })).toEqual(['orders']);
    expect(await names({ model: 'COLLECTION_PREFIX', database: 'saas_prefixed', collectionPrefix: 'globex_' })).toEqual(['globex_orders']);
    const shared = { model: 'SHARED_FIELD' as const, database: 'saas_shared', tenantField: 'tenantId', tenantValue: 'initech' };
    expect(await names(shared)).toEqual(['orders']);
    expect(await names({ ...shared, collections: ['orders', '__vaultline_lineage'] })).toEqual(['orders']);
  });
});

describe('scopedFilter', () => {
  const shared = { predicate: { tenantId: 'initech' } };
  it('adds the predicate to every query and cannot be talked out of it', () => {
    expect(scopedFilter(shared)).toEqual({ tenantId: 'initech' });
    expect(scopedFilter(shared, { _id: 5 })).toEqual({ $and: [{ tenantId: 'initech' }, { _id: 5 }] });
    expect(() => scopedFilter(shared, { tenantId: 'initrode' })).toThrow(/TENANT_SCOPE_VIOLATION/);
    expect(scopedFilter({ predicate: {} }, { _id: 5 })).toEqual({ _id: 5 });
  });
});
