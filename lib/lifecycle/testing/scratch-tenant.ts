import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { createRepository, loadManifest, readOnly, streamCollection, verifySnapshot, type TRepository } from '@/lib/engine';
import { runBackup } from '@/lib/backups/run-backup';
import type { TEngineContext } from '@/lib/vault/engine-context';

// A throw-away tenant for lifecycle tests and the GC benchmark: its own MongoDB database with two
// small collections, real backups through runBackup (catalog rows + objects in the context's
// store), a content digest per snapshot, and a cleanup that removes rows, audit-free catalog
// rows it created, the database and every object under the tenant's prefixes.

export type TScratchTenant = {
  tenantId: string;
  repo: TRepository;
  /** changes some documents so the next backup writes new packs */
  mutate(round: number): Promise<void>;
  backup(kind?: 'full' | 'auto'): Promise<string>;
  /** SHA-256 over every document (id key + raw BSON) of every collection, read back from the store */
  digest(snapshotId: string): Promise<string>;
  readDataOk(snapshotId: string): Promise<{ ok: boolean; problems: string[] }>;
  objectKeys(): Promise<string[]>;
  cleanup(): Promise<void>;
};

export async function createScratchTenant(ctx: TEngineContext, args: { label: string; documents?: number }): Promise<TScratchTenant> {
  const run = randomBytes(4).toString('hex');
  const database = `it_${args.label}_${run}`;
  const tenant = await db.tenant.create({
    data: { slug: `it-${args.label}-${run}`, name: `it ${args.label} ${run}`, region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database },
  });
  await db.backupPolicy.create({ data: { tenantId: tenant.id } });
  const n = args.documents ?? 200;
  const mdb = ctx.mongo.db(database);
  await mdb
    .collection('orders')
    .insertMany(Array.from({ length: n }, (_, i) => ({ _id: `o${i}` as never, n: i, status: 'new', notes: `order ${i} `.repeat(8) })));
  await mdb
    .collection('customers')
    .insertMany(Array.from({ length: Math.ceil(n / 4) }, (_, i) => ({ _id: `c${i}` as never, name: `customer ${i}`, tier: i % 3 })));
  const repo = await createRepository({ tenantId: tenant.id, store: readOnly(ctx.store), keys: ctx.keys });
  const key = ctx.keys.opaqueTenantKey(tenant.id);
  return {
    tenantId: tenant.id,
    repo,
    async mutate(round) {
      const orders = mdb.collection('orders');
      for (let i = 0; i < 5; i++) await orders.updateOne({ _id: `o${(round * 7 + i * 13) % n}` as never }, { $set: { status: `r${round}-${i}` } });
      await orders.insertOne({ _id: `new-${round}` as never, n: -round, status: 'late', notes: 'x'.repeat(100) });
    },
    async backup(kind = 'auto') {
      return (await runBackup({ ctx, tenantId: tenant.id, kind })).manifest.snapshotId;
    },
    async digest(snapshotId) {
      const manifest = await loadManifest(repo, snapshotId);
      const h = createHash('sha256');
      for (const c of manifest.collections) {
        h.update(`\n${c.name}\n`);
        for await (const d of streamCollection({ repo, snapshot: manifest, collection: c.name })) h.update(d.idKey).update(d.raw);
      }
      return h.digest('hex');
    },
    async readDataOk(snapshotId) {
      const r = await verifySnapshot({ repo, snapshotId, level: 'read-data' });
      return { ok: r.ok, problems: r.problems.map((p) => `${p.code} ${p.objectKey}`) };
    },
    async objectKeys() {
      const keys: string[] = [];
      for await (const o of ctx.store.list(`tenants/${key}/`)) keys.push(o.key);
      return keys;
    },
    async cleanup() {
      for (const s of await db.snapshot.findMany({ where: { tenantId: tenant.id }, orderBy: { seq: 'desc' }, select: { id: true } }))
        await db.snapshot.delete({ where: { id: s.id } });
      await db.job.deleteMany({ where: { tenantId: tenant.id } });
      await db.backupPolicy.deleteMany({ where: { tenantId: tenant.id } });
      await db.tenant.delete({ where: { id: tenant.id } });
      await mdb.dropDatabase();
      for (const prefix of [`tenants/${key}/`, `keys/${key}/`]) for await (const o of ctx.store.list(prefix)) await ctx.store.delete(o.key);
    },
  };
}
