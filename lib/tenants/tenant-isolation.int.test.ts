import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '@/lib/session/get-current-actor';
import { db } from '@/lib/db';
import { getTenantDataSummary } from './get-tenant-data-summary';
import { getTenantForActorOrThrow } from './get-tenant-for-actor';
import { getTenantSnapshotSummary } from './get-tenant-snapshot-summary';
import { listTenants } from './list-tenants';

// Two shared-field tenants and one prefix tenant of our own, with data in a scratch database.
const run = randomUUID().slice(0, 8);
const mongoDb = `it_iso_${run}`;
const slugs = { a: `it-a-${run}`, b: `it-b-${run}`, p: `it-p-${run}` };
let mongo: MongoClient;
const ids: { userA?: string; viewerA?: string; approver?: string } = {};

beforeAll(async () => {
  mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  const d = mongo.db(mongoDb);
  await d
    .collection('orders')
    .insertMany([
      ...Array.from({ length: 7 }, (_, i) => ({ _id: `a${i}` as never, tenantId: slugs.a, n: i })),
      ...Array.from({ length: 5 }, (_, i) => ({ _id: `b${i}` as never, tenantId: slugs.b, n: i })),
    ]);
  await d.collection('events').insertMany(Array.from({ length: 3 }, (_, i) => ({ tenantId: slugs.b, i })));
  await d.collection(`${run}_orders`).insertMany(Array.from({ length: 4 }, (_, i) => ({ i })));
  await d.collection(`zz${run}_orders`).insertMany(Array.from({ length: 9 }, (_, i) => ({ i })));
  // the restores' lineage bookkeeping (lib/engine LINEAGE_COLLECTION) is not tenant data: never listed
  await d.collection('__vaultline_lineage').insertOne({ tenantId: slugs.a, restoreId: 'r-1' });
  await d.collection(`${run}___vaultline_lineage`).insertOne({ restoreId: 'r-1' });

  const shared = (slug: string) => ({
    slug,
    name: slug,
    region: 'test',
    costCenter: 'T',
    tenancyModel: 'SHARED_FIELD' as const,
    database: mongoDb,
    tenantField: 'tenantId',
    tenantValue: slug,
  });
  const a = await db.tenant.create({ data: shared(slugs.a) });
  await db.tenant.create({ data: shared(slugs.b) });
  const p = await db.tenant.create({
    data: { slug: slugs.p, name: slugs.p, region: 'test', costCenter: 'T', tenancyModel: 'COLLECTION_PREFIX', database: mongoDb, collectionPrefix: `${run}_` },
  });
  const userA = await db.user.create({
    data: {
      email: `a-${run}@it.example`,
      name: 'A',
      memberships: {
        create: [
          { tenantId: a.id, role: 'TENANT_ADMIN' },
          { tenantId: p.id, role: 'TENANT_ADMIN' },
        ],
      },
    },
  });
  const viewerA = await db.user.create({
    data: { email: `v-${run}@it.example`, name: 'V', memberships: { create: { tenantId: a.id, role: 'TENANT_VIEWER' } } },
  });
  const approver = await db.user.create({ data: { email: `ap-${run}@it.example`, name: 'Ap', platformRoles: { create: { role: 'APPROVER' } } } });
  Object.assign(ids, { userA: userA.id, viewerA: viewerA.id, approver: approver.id });
});

afterAll(async () => {
  await db.user.deleteMany({ where: { email: { endsWith: `${run}@it.example` } } });
  await db.snapshot.deleteMany({ where: { tenant: { slug: { in: Object.values(slugs) } } } });
  await db.tenant.deleteMany({ where: { slug: { in: Object.values(slugs) } } });
  await mongo.db(mongoDb).dropDatabase();
  await mongo.close();
  await db.$disconnect();
});

describe('tenant-scoped catalog access', () => {
  it('resolves the own tenant and hides another tenant as NOT_FOUND', async () => {
    const actor = (await loadActor(ids.userA!))!;
    await expect(getTenantForActorOrThrow({ actor, slug: slugs.a, permission: 'tenant.read' })).resolves.toMatchObject({ slug: slugs.a, role: 'TENANT_ADMIN' });
    await expect(getTenantForActorOrThrow({ actor, slug: slugs.b, permission: 'tenant.read' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getTenantForActorOrThrow({ actor, slug: 'does-not-exist', permission: 'tenant.read' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives a viewer FORBIDDEN for a mutating permission in its own tenant', async () => {
    const viewer = (await loadActor(ids.viewerA!))!;
    await expect(getTenantForActorOrThrow({ actor: viewer, slug: slugs.a, permission: 'restores.request' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps platform roles out of tenant data, and tenant admins out of platform lists', async () => {
    const approver = (await loadActor(ids.approver!))!;
    await expect(getTenantForActorOrThrow({ actor: approver, slug: slugs.a, permission: 'tenant.read' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const tenantAdmin = (await loadActor(ids.userA!))!;
    await expect(listTenants({ actor: tenantAdmin })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await listTenants({ actor: approver })).map((t) => t.slug)).toEqual(expect.arrayContaining([slugs.a, slugs.b]));
  });

  it('a revoked platform role is gone on the next load', async () => {
    expect((await loadActor(ids.approver!))!.platformRoles).toEqual(['APPROVER']);
    await db.platformRoleGrant.updateMany({ where: { userId: ids.approver! }, data: { revokedAt: new Date() } });
    const after = (await loadActor(ids.approver!))!;
    expect(after.platformRoles).toEqual([]);
    await expect(listTenants({ actor: after })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('tenant data summary', () => {
  it("counts only the shared-field tenant's own documents", async () => {
    const actor = (await loadActor(ids.userA!))!;
    const s = await getTenantDataSummary({ actor, slug: slugs.a });
    expect(s.collections).toEqual([{ name: 'orders', namespace: `${mongoDb}.orders`, documents: 7 }]);
    expect(s.totalDocuments).toBe(7);
  });

  it('lists only the collections carrying the tenant prefix', async () => {
    const actor = (await loadActor(ids.userA!))!;
    const s = await getTenantDataSummary({ actor, slug: slugs.p });
    expect(s.collections).toEqual([{ name: 'orders', namespace: `${mongoDb}.${run}_orders`, documents: 4 }]);
  });
});

describe('snapshot counts (catalog only, shown at once)', () => {
  it("are the newest completed snapshot's, with the physical namespace; another tenant's are not found", async () => {
    const p = await db.tenant.findUniqueOrThrow({ where: { slug: slugs.p } });
    const snapshot = async (seq: number, status: 'COMPLETED' | 'FAILED', documents: number) => {
      const row = await db.snapshot.create({ data: { tenantId: p.id, seq, kind: 'FULL', status, consistentAt: new Date(Date.UTC(2026, 11, 1, seq)) } });
      await db.snapshotCollection.create({
        data: {
          snapshotId: row.id,
          tenantId: p.id,
          namespace: `${mongoDb}.${run}_orders`,
          documents: BigInt(documents),
          logicalBytes: 0n,
          storedBytes: 0n,
          indexes: [],
        },
      });
    };
    const actor = (await loadActor(ids.userA!))!;
    expect(await getTenantSnapshotSummary({ actor, slug: slugs.p })).toEqual({ collections: [], totalDocuments: 0, source: 'snapshot', asOf: null });
    await snapshot(1, 'COMPLETED', 4);
    await snapshot(2, 'COMPLETED', 6);
    await snapshot(3, 'FAILED', 9);
    expect(await getTenantSnapshotSummary({ actor, slug: slugs.p })).toEqual({
      collections: [{ name: 'orders', namespace: `${mongoDb}.${run}_orders`, documents: 6 }],
      totalDocuments: 6,
      source: 'snapshot',
      asOf: { seq: 2, at: '2026-12-01T02:00:00.000Z' },
    });
    const viewerA = (await loadActor(ids.viewerA!))!;
    await expect(getTenantSnapshotSummary({ actor: viewerA, slug: slugs.p })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
