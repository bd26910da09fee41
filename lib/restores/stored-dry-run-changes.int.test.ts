import { randomBytes } from 'node:crypto';
import { MongoClient, ObjectId, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { runBackup } from '@/lib/backups/run-backup';
import { db } from '@/lib/db';
import { loadActor } from '@/lib/session/get-current-actor';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { closeSharedEngineContext, installSharedEngineContext } from '@/lib/vault/shared-engine-context';
import { getDryRunChangesPage } from './get-dry-run-changes-page';
import { queueRestoreDryRun } from './queue-restore-dry-run';
import { runQueuedDryRun } from './testing/run-queued-dry-run';

// The DRY_RUN job's stored per-document changes (dry_run_changes): what the diff pages read,
// tenant rows that go with their job, capped, stale once a newer dry-run of the package exists,
// and readable with the data plane gone. Tenant A: 12 orders backed up, then 3 deleted and 1
// modified live → 3 inserts + 1 update.
const hex = randomBytes(4).toString('hex');
const A = { slug: `it-sd-${hex}`, db: `it_sd_${hex}` };
const B = { slug: `it-sdb-${hex}`, db: `it_sdb_${hex}` };
const order = (i: number): Document => ({
  _id: new ObjectId(`65d0000000000000000000${i.toString(16).padStart(2, '0')}`),
  number: `ORD-${1000 + i}`,
  status: ['open', 'paid'][i % 2],
  total: i * 10,
});
const ORDERS = Array.from({ length: 12 }, (_, i) => order(i));
const DELETED = [ORDERS[2]!, ORDERS[5]!, ORDERS[9]!];
const MODIFIED = ORDERS[7]!;

let mongo: MongoClient;
let ctx: TEngineContext;
const ids = { a: '', b: '', snapA: '' };
let adminA: TActor;
let viewerA: TActor;
let adminB: TActor;

beforeAll(async () => {
  mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  await mongo
    .db(A.db)
    .collection('orders')
    .insertMany(ORDERS.map((d) => ({ ...d })));
  const mk = (t: typeof A) =>
    db.tenant.create({ data: { slug: t.slug, name: t.slug, tenancyModel: 'DATABASE', database: t.db, region: 'test', costCenter: 'IT' } });
  ids.a = (await mk(A)).id;
  ids.b = (await mk(B)).id;
  const user = (email: string, tenantId: string, role: 'TENANT_ADMIN' | 'TENANT_VIEWER') =>
    db.user.create({ data: { email, name: email, memberships: { create: { tenantId, role } } } });
  adminA = (await loadActor((await user(`sda-${hex}@it.example`, ids.a, 'TENANT_ADMIN')).id))!;
  viewerA = (await loadActor((await user(`sdv-${hex}@it.example`, ids.a, 'TENANT_VIEWER')).id))!;
  adminB = (await loadActor((await user(`sdb-${hex}@it.example`, ids.b, 'TENANT_ADMIN')).id))!;
  ctx = await createEngineContext();
  ids.snapA = (await runBackup({ ctx, tenantId: ids.a, kind: 'full' })).manifest.snapshotId;
  const orders = mongo.db(A.db).collection('orders');
  await orders.deleteMany({ _id: { $in: DELETED.map((d) => d._id) } });
  await orders.replaceOne({ _id: MODIFIED._id }, { ...MODIFIED, status: 'cancelled', total: -1 });
});

afterAll(async () => {
  for (const t of [A, B]) await mongo?.db(t.db).dropDatabase();
  await mongo?.close();
  for (const tenantId of [ids.a, ids.b].filter(Boolean)) {
    await db.snapshot.deleteMany({ where: { tenantId } });
    await db.job.deleteMany({ where: { tenantId } });
    await db.membership.deleteMany({ where: { tenantId } });
    const key = ctx.keys.opaqueTenantKey(tenantId);
    for (const prefix of [`tenants/${key}/`, `keys/${key}/`]) for await (const o of ctx.store.list(prefix)) await ctx.store.delete(o.key);
  }
  await db.user.deleteMany({ where: { email: { endsWith: `${hex}@it.example` } } });
  for (const id of [ids.a, ids.b].filter(Boolean)) {
    const audited = await db.auditEvent.count({ where: { tenantId: id } });
    if (audited === 0) await db.tenant.delete({ where: { id } });
    else await db.tenant.update({ where: { id }, data: { status: 'ARCHIVED' } });
  }
  await ctx?.close();
  await db.$disconnect();
});

describe('stored dry-run changes', () => {
  const good = () => ({ snapshotId: ids.snapA, namespaces: ['orders'], documentIds: '', filter: '', targetMode: 'in-place', conflictPolicy: 'overwrite' });
  const queueAndRun = async (storeLimit?: number) => {
    const r = await queueRestoreDryRun({ actor: adminA, slug: A.slug, input: good() });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(await runQueuedDryRun(ctx, r.jobId, { storeLimit })).toBe('SUCCEEDED');
    return r.jobId;
  };

  it('stores the changes as tenant rows; a newer dry-run of the same package marks the older stale; rows go with their job', async () => {
    const older = await queueAndRun();
    const rows = await db.dryRunChange.findMany({ where: { jobId: older }, orderBy: { seq: 'asc' } });
    expect(rows.map((x) => [x.seq, x.tenantId])).toEqual([0, 1, 2, 3].map((i) => [i, ids.a]));
    expect((await getDryRunChangesPage({ actor: viewerA, slug: A.slug, jobId: older, query: {} })).isStale).toBe(false);
    const newer = await queueAndRun();
    const o = await getDryRunChangesPage({ actor: viewerA, slug: A.slug, jobId: older, query: {} });
    expect(o).toMatchObject({ isStale: true, newerDryRunJobId: newer, staleReason: `a newer dry-run of the same package exists (job ${newer})`, total: 4 });
    expect(await getDryRunChangesPage({ actor: viewerA, slug: A.slug, jobId: newer, query: {} })).toMatchObject({ isStale: false, newerDryRunJobId: null });
    // another tenant's admin gets a 404 for the stored rows too
    await expect(getDryRunChangesPage({ actor: adminB, slug: A.slug, jobId: newer, query: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await db.job.delete({ where: { id: older } });
    expect(await db.dryRunChange.count({ where: { jobId: older } })).toBe(0);
    expect(await db.dryRunChange.count({ where: { jobId: newer } })).toBe(4);
  });

  it('caps the stored changes and says so', async () => {
    const jobId = await queueAndRun(2);
    const p = await getDryRunChangesPage({ actor: viewerA, slug: A.slug, jobId, query: { pageSize: 10 } });
    expect(p).toMatchObject({ total: 2, changedTotal: 4, capped: true });
    expect(p.items).toHaveLength(2);
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.result).toMatchObject({ storedChanges: 2, storedCapped: true, changes: { total: 4 } });
    expect((job.conditions as { type: string; message?: string }[]).find((c) => c.type === 'Capped')?.message).toBe(
      '4 documents would change; the first 2 are stored for the diff pages (DRY_RUN_STORED_CHANGES_MAX)',
    );
  });

  it('pages from the stored rows with the data plane unreachable (MongoDB on a closed port, no object store)', async () => {
    const jobId = await queueAndRun();
    const unreachable = () => {
      throw new Error('data plane unreachable in this test');
    };
    const dead = new MongoClient('mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300');
    const throwing = new Proxy({}, { get: () => unreachable });
    installSharedEngineContext({ ...ctx, mongo: dead, endpoint: throwing, store: throwing, keys: throwing, close: () => dead.close() } as TEngineContext);
    try {
      const p1 = await getDryRunChangesPage({ actor: viewerA, slug: A.slug, jobId, query: { page: 1, pageSize: 3 } });
      const p2 = await getDryRunChangesPage({ actor: viewerA, slug: A.slug, jobId, query: { page: 2, pageSize: 3 } });
      expect([p1.total, p1.items.length, p2.items.length]).toEqual([4, 3, 1]);
      const upd = [...p1.items, ...p2.items].find((c) => c.action === 'update')!;
      expect(upd.live).toMatchObject({ status: 'cancelled', total: -1 });
      expect(upd.snapshot).toMatchObject({ status: 'paid', total: 70 });
    } finally {
      await closeSharedEngineContext();
    }
  });
});
