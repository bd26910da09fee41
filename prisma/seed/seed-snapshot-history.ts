// Gives tenants a snapshot history for the demo: a full snapshot, then rounds of small changes
// (some documents modified, one deleted, a couple inserted per collection) each followed by an
// incremental snapshot. Runs only for tenants with fewer completed snapshots than asked for, so
// a second `npm run demo` skips it.
import { ObjectId, type Document, type MongoClient } from 'mongodb';
import { runBackup, type TBackupKind } from '../../lib/backups/run-backup';
import { db } from '../../lib/db';
import { resolveTenantScope } from '../../lib/engine';
import type { TEngineContext } from '../../lib/vault/engine-context';
import { toEngineTenant } from '../../lib/vault/engine-tenant';

export type THistoryResult = { slug: string; skipped: boolean; snapshots: number; changes: number };

export async function seedSnapshotHistory(args: {
  ctx: TEngineContext;
  mongo: MongoClient;
  /** snapshots per tenant: one full + (rounds - 1) incrementals */
  rounds: number;
  slugs?: string[];
  log?: (line: string) => void;
  /** takes one snapshot; default: runBackup in this process (the worker path enqueues a job) */
  backup?: (tenantId: string, kind: TBackupKind) => Promise<{ seq: number; kind: string; documents: number }>;
}): Promise<THistoryResult[]> {
  const backup =
    args.backup ??
    (async (tenantId: string, kind: TBackupKind) => {
      const { manifest } = await runBackup({ ctx: args.ctx, tenantId, kind });
      return { seq: manifest.seq, kind: manifest.kind, documents: manifest.stats.documents };
    });
  const log = args.log ?? (() => undefined);
  const tenants = await db.tenant.findMany({ where: { status: 'ACTIVE', ...(args.slugs ? { slug: { in: args.slugs } } : {}) }, orderBy: { slug: 'asc' } });
  const results: THistoryResult[] = [];
  for (const tenant of tenants) {
    const have = await db.snapshot.count({ where: { tenantId: tenant.id, status: 'COMPLETED' } });
    if (have >= args.rounds) {
      results.push({ slug: tenant.slug, skipped: true, snapshots: have, changes: 0 });
      continue;
    }
    let changes = 0;
    for (let round = have; round < args.rounds; round++) {
      if (round > 0) changes += await changeSomeDocuments(args.ctx, args.mongo, tenant, round);
      const made = await backup(tenant.id, round === 0 ? 'full' : 'incremental');
      log(`${tenant.slug}: snapshot ${made.seq} (${made.kind}, ${made.documents} documents)`);
    }
    results.push({ slug: tenant.slug, skipped: false, snapshots: args.rounds, changes });
  }
  return results;
}

/** Per collection of the tenant (at most 4): 3 modified, 1 deleted, 2 inserted documents. */
async function changeSomeDocuments(ctx: TEngineContext, mongo: MongoClient, tenant: Parameters<typeof toEngineTenant>[0], round: number): Promise<number> {
  const { tenancy } = toEngineTenant(tenant);
  const scope = (await resolveTenantScope(ctx.endpoint, tenancy)).slice(0, 4);
  let changes = 0;
  for (const c of scope) {
    const coll = mongo.db(c.database).collection<{ _id: unknown; [field: string]: unknown }>(c.collection);
    const docs = await coll
      .find(c.predicate as Document)
      .sort({ _id: 1 })
      .skip(round * 11)
      .limit(6)
      .toArray();
    if (docs.length < 6) continue;
    const uniqueFields = (await coll.indexes())
      .filter((i) => i.unique)
      .flatMap((i) => Object.keys(i.key))
      .filter((f) => f !== '_id' && !f.includes('.'));
    for (const d of docs.slice(0, 3)) {
      await coll.updateOne({ ...(c.predicate as Document), _id: d._id }, { $set: { demoRevision: round, demoUpdatedAt: new Date() } });
      changes++;
    }
    await coll.deleteOne({ ...(c.predicate as Document), _id: docs[3]!._id });
    changes++;
    for (const [k, source] of docs.slice(4, 6).entries()) {
      const _id = (source._id as object) instanceof ObjectId ? new ObjectId() : `${String(source._id)}-r${round}-${k}`;
      try {
        const copy: Record<string, unknown> = { ...source, _id, demoRevision: round, demoCopyOf: source._id };
        for (const f of uniqueFields) if (typeof copy[f] === 'string') copy[f] = `${copy[f] as string}-r${round}-${k}`;
        await coll.insertOne(copy as typeof source);
        changes++;
      } catch (e) {
        // A unique index on another field (e.g. an order number) refuses a copy: skip that one.
        if ((e as { code?: number }).code !== 11000) throw e;
      }
    }
  }
  return changes;
}
