// The portal's DAL against the real catalog, FerretDB and S3: two scratch tenants (DATABASE
// tenancy, scratch databases), real backups, then drift in tenant A. Every read is checked for
// what it returns and for tenant B (and a viewer) being kept out.
import { randomBytes } from 'node:crypto';
import { MongoClient, ObjectId, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '@/lib/session/get-current-actor';
import type { TActor } from '@/lib/auth/actor';
import { runBackup } from '@/lib/backups/run-backup';
import { db } from '@/lib/db';
import { getDryRunChangesPage } from '@/lib/restores/get-dry-run-changes-page';
import { getTenantJob } from '@/lib/restores/get-tenant-job';
import { queueRestoreDryRun } from '@/lib/restores/queue-restore-dry-run';
import { runQueuedDryRun } from '@/lib/restores/testing/run-queued-dry-run';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { getBackupHealth } from './get-backup-health';
import { getSnapshotDetail } from './get-snapshot-detail';
import { getSnapshotDocument } from './get-snapshot-document';
import { listSnapshotDocuments } from './list-snapshot-documents';
import { listSnapshotTimeline } from './list-snapshot-timeline';
import { listSnapshotsPage } from './list-snapshots-page';

const hex = randomBytes(4).toString('hex');
const A = { slug: `it-pa-${hex}`, db: `it_pa_${hex}` };
const B = { slug: `it-pb-${hex}`, db: `it_pb_${hex}` };
const order = (i: number): Document => ({
  _id: new ObjectId(`65c0000000000000000000${i.toString(16).padStart(2, '0')}`),
  number: `ORD-${1000 + i}`,
  status: ['open', 'paid'][i % 2],
  total: i * 10,
});
const ORDERS = Array.from({ length: 12 }, (_, i) => order(i));
const DELETED = [ORDERS[2]!, ORDERS[5]!, ORDERS[9]!];
const MODIFIED = ORDERS[7]!;

let mongo: MongoClient;
let ctx: TEngineContext;
const ids = { a: '', b: '', snapA: '', snapB: '' };
let adminA: TActor;
let viewerA: TActor;
let adminB: TActor;

beforeAll(async () => {
  mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  await mongo
    .db(A.db)
    .collection('orders')
    .insertMany(ORDERS.map((d) => ({ ...d })));
  await mongo.db(A.db).collection('orders').createIndex({ number: 1 }, { unique: true, name: 'number_1' });
  await mongo
    .db(A.db)
    .collection('customers')
    .insertMany([{ _id: 'c-1', name: 'Ada' } as Document]);
  await mongo
    .db(B.db)
    .collection('orders')
    .insertMany([{ _id: 'b-1', secret: 'B only' } as Document]);
  const mk = (t: typeof A) =>
    db.tenant.create({ data: { slug: t.slug, name: t.slug, tenancyModel: 'DATABASE', database: t.db, region: 'test', costCenter: 'IT' } });
  ids.a = (await mk(A)).id;
  ids.b = (await mk(B)).id;
  const user = (email: string, tenantId: string, role: 'TENANT_ADMIN' | 'TENANT_VIEWER') =>
    db.user.create({ data: { email, name: email, memberships: { create: { tenantId, role } } } });
  adminA = (await loadActor((await user(`aa-${hex}@it.example`, ids.a, 'TENANT_ADMIN')).id))!;
  viewerA = (await loadActor((await user(`va-${hex}@it.example`, ids.a, 'TENANT_VIEWER')).id))!;
  adminB = (await loadActor((await user(`ab-${hex}@it.example`, ids.b, 'TENANT_ADMIN')).id))!;
  ctx = await createEngineContext();
  ids.snapA = (await runBackup({ ctx, tenantId: ids.a, kind: 'full' })).manifest.snapshotId;
  ids.snapB = (await runBackup({ ctx, tenantId: ids.b, kind: 'full' })).manifest.snapshotId;
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
  // audit rows are append-only and keep no foreign keys: the tenants are archived instead of deleted when audited
  for (const id of [ids.a, ids.b].filter(Boolean)) {
    const audited = await db.auditEvent.count({ where: { tenantId: id } });
    if (audited === 0) await db.tenant.delete({ where: { id } });
    else await db.tenant.update({ where: { id }, data: { status: 'ARCHIVED' } });
  }
  await ctx?.close();
  await db.$disconnect();
});

describe('snapshot reads', () => {
  it('shows a snapshot with its collections, counts, sizes and indexes', async () => {
    const d = await getSnapshotDetail({ actor: adminA, slug: A.slug, snapshotId: ids.snapA });
    expect(d.collections.map((c) => [c.name, c.namespace, c.documents])).toEqual([
      ['customers', `${A.db}.customers`, 1],
      ['orders', `${A.db}.orders`, 12],
    ]);
    const orders = d.collections.find((c) => c.name === 'orders')!;
    expect(orders.storedBytes).toBeGreaterThan(0);
    expect(orders.indexes.map((i) => [i.name, i.isUnique])).toEqual(
      expect.arrayContaining([
        ['_id_', false],
        ['number_1', true],
      ]),
    );
  });

  it("keeps tenant B out of A's snapshot: by B's slug and by A's", async () => {
    await expect(getSnapshotDetail({ actor: adminB, slug: B.slug, snapshotId: ids.snapA })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getSnapshotDetail({ actor: adminB, slug: A.slug, snapshotId: ids.snapA })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listSnapshotDocuments({ actor: adminB, slug: B.slug, snapshotId: ids.snapA, query: { collection: 'orders' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      getSnapshotDocument({ actor: adminB, slug: A.slug, snapshotId: ids.snapA, query: { collection: 'orders', id: String(ORDERS[0]!._id) } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const tl = await listSnapshotTimeline({
      actor: adminB,
      slug: B.slug,
      query: { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(tl.markers.map((m) => m.id)).toEqual([ids.snapB]);
    expect((await listSnapshotsPage({ actor: adminB, slug: B.slug, query: {} })).items.map((s) => s.id)).toEqual([ids.snapB]);
    await expect(getBackupHealth({ actor: adminB, slug: A.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages through the documents inside the snapshot in _id order, with a cursor', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    const sizes: number[] = [];
    for (;;) {
      const p = await listSnapshotDocuments({
        actor: viewerA,
        slug: A.slug,
        snapshotId: ids.snapA,
        query: { collection: 'orders', limit: 5, ...(after ? { after } : {}) },
      });
      expect(p.total).toBe(12);
      sizes.push(p.items.length);
      seen.push(...p.items.map((i) => (i.id as { $oid: string }).$oid));
      if (!p.nextAfter) break;
      after = p.nextAfter;
    }
    expect(sizes).toEqual([5, 5, 2]);
    // the snapshot still has the orders deleted live since
    expect(seen).toEqual(ORDERS.map((o) => String(o._id)));
  });

  it('filters with the safe subset and refuses anything outside it with a clear message', async () => {
    const p = await listSnapshotDocuments({
      actor: adminA,
      slug: A.slug,
      snapshotId: ids.snapA,
      query: { collection: 'orders', filter: '{"status": "paid", "total": {"$gte": 50}}' },
    });
    expect(p.items.map((i) => i.document.number)).toEqual(['ORD-1005', 'ORD-1007', 'ORD-1009', 'ORD-1011']);
    await expect(
      listSnapshotDocuments({ actor: adminA, slug: A.slug, snapshotId: ids.snapA, query: { collection: 'orders', filter: '{"$where": "sleep(1)"}' } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('$where') });
    await expect(
      listSnapshotDocuments({ actor: adminA, slug: A.slug, snapshotId: ids.snapA, query: { collection: 'orders', filter: '{status: open}' } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('not valid JSON') });
    await expect(listSnapshotDocuments({ actor: adminA, slug: A.slug, snapshotId: ids.snapA, query: { collection: 'nope' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('finds a document by _id and compares it with the live one field by field', async () => {
    const m = await getSnapshotDocument({ actor: adminA, slug: A.slug, snapshotId: ids.snapA, query: { collection: 'orders', id: String(MODIFIED._id) } });
    expect(m.snapshot.status).toBe('paid');
    expect(m.live?.status).toBe('cancelled');
    expect(m.changes.map((c) => [c.path, c.live, c.snapshot]).sort()).toEqual([
      ['status', 'cancelled', 'paid'],
      ['total', -1, 70],
    ]);
    const gone = await getSnapshotDocument({
      actor: adminA,
      slug: A.slug,
      snapshotId: ids.snapA,
      query: { collection: 'orders', id: `{"$oid": "${String(DELETED[0]!._id)}"}` },
    });
    expect(gone.live).toBeNull();
    const same = await getSnapshotDocument({ actor: adminA, slug: A.slug, snapshotId: ids.snapA, query: { collection: 'customers', id: 'c-1' } });
    expect(same.changes).toEqual([]);
    await expect(
      getSnapshotDocument({ actor: adminA, slug: A.slug, snapshotId: ids.snapA, query: { collection: 'orders', id: 'no-such-id' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('timeline windows, keyset list and health', async () => {
    await expect(
      listSnapshotTimeline({ actor: adminA, slug: A.slug, query: { from: '2026-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const past = await listSnapshotTimeline({ actor: adminA, slug: A.slug, query: { from: '2025-01-01T00:00:00Z', to: '2025-01-08T00:00:00Z' } });
    expect(past.markers).toEqual([]);
    expect(past.bounds).not.toBeNull();
    const h = await getBackupHealth({ actor: viewerA, slug: A.slug });
    expect(h.state).toBe('healthy');
    expect(h.lastSuccess?.id).toBe(ids.snapA);
    const sum = await db.snapshotCollection.aggregate({ where: { tenantId: ids.a }, _sum: { storedBytes: true } });
    expect(h.storedBytes).toBe(Number(sum._sum.storedBytes));
    expect(h.storedBytes).toBeGreaterThan(0);
  });
});

describe('restore builder: dry-run job and diff pages', () => {
  const good = () => ({ snapshotId: ids.snapA, namespaces: ['orders'], documentIds: '', filter: '', targetMode: 'in-place', conflictPolicy: 'overwrite' });

  it('returns inline issues per field and queues nothing for a bad package', async () => {
    const before = await db.job.count({ where: { tenantId: ids.a } });
    const r1 = await queueRestoreDryRun({ actor: adminA, slug: A.slug, input: { ...good(), filter: '{"$where": "1"}' } });
    expect(r1.ok === false && r1.issues.map((i) => i.field)).toEqual(['filter']);
    const r2 = await queueRestoreDryRun({ actor: adminA, slug: A.slug, input: { ...good(), namespaces: ['invoices'] } });
    expect(r2.ok === false && r2.issues[0]!.field).toBe('namespaces');
    const r3 = await queueRestoreDryRun({ actor: adminA, slug: A.slug, input: { ...good(), snapshotId: ids.snapB } });
    expect(r3.ok === false && r3.issues[0]!.field).toBe('snapshotId');
    expect(await db.job.count({ where: { tenantId: ids.a } })).toBe(before);
  });

  it('refuses viewers and other tenants', async () => {
    await expect(queueRestoreDryRun({ actor: viewerA, slug: A.slug, input: good() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(queueRestoreDryRun({ actor: adminB, slug: A.slug, input: good() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('queues a DRY_RUN job; once run, shows exactly the 3 deleted and 1 modified orders, paged', async () => {
    const r = await queueRestoreDryRun({ actor: adminA, slug: A.slug, input: good() });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const row = await db.job.findUniqueOrThrow({ where: { id: r.jobId } });
    expect(row).toMatchObject({ tenantId: ids.a, type: 'DRY_RUN', status: 'QUEUED', createdById: adminA.userId });
    expect((row.payload as { spec: { source: unknown } }).spec.source).toEqual({ snapshotId: ids.snapA });
    expect(await db.auditEvent.count({ where: { tenantId: ids.a, targetId: r.jobId, action: 'restore.dry_run.queued' } })).toBe(1);
    expect((await getTenantJob({ actor: viewerA, slug: A.slug, jobId: r.jobId })).status).toBe('QUEUED');
    await expect(getDryRunChangesPage({ actor: adminA, slug: A.slug, jobId: r.jobId, query: {} })).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await runQueuedDryRun(ctx, r.jobId)).toBe('SUCCEEDED');
    const job = await getTenantJob({ actor: adminA, slug: A.slug, jobId: r.jobId });
    expect(job.status).toBe('SUCCEEDED');
    expect((job.result as { counts: Record<string, number> }).counts).toMatchObject({ insert: 3, update: 1, delete: 0, unchanged: 8 });

    const p1 = await getDryRunChangesPage({ actor: adminA, slug: A.slug, jobId: r.jobId, query: { page: 1, pageSize: 3 } });
    const p2 = await getDryRunChangesPage({ actor: adminA, slug: A.slug, jobId: r.jobId, query: { page: 2, pageSize: 3 } });
    expect(p1.total).toBe(4);
    expect([p1.items.length, p2.items.length]).toEqual([3, 1]);
    const all = [...p1.items, ...p2.items];
    expect(
      all
        .filter((c) => c.action === 'insert')
        .map((c) => (c.id as { $oid: string }).$oid)
        .sort(),
    ).toEqual(DELETED.map((d) => String(d._id)).sort());
    const upd = all.find((c) => c.action === 'update')!;
    expect(upd.live).toMatchObject({ status: 'cancelled', total: -1 });
    expect(upd.snapshot).toMatchObject({ status: 'paid', total: 70 });
    expect(upd.changes.map((c) => c.path).sort()).toEqual(['status', 'total']);
    expect(p1.isStale).toBe(false);

    await expect(getTenantJob({ actor: adminB, slug: B.slug, jobId: r.jobId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getDryRunChangesPage({ actor: adminB, slug: B.slug, jobId: r.jobId, query: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
