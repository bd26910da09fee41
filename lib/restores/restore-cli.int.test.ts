// End to end through the operator CLI (`scripts/with-env.sh tsx scripts/vault.ts`), against the
// real services: a scratch catalog tenant (unique slug, DATABASE tenancy on a scratch FerretDB
// database it_rcli_<hex>) is backed up, 3 orders are deleted and 1 modified, and then
// restore --dry-run / --execute, lineage, undo and a refused `fail` restore are checked in the
// catalog (jobs, journal), in MongoDB (data, lineage) and in the CLI's JSON output.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackup } from '@/lib/backups/run-backup';
import { db } from '@/lib/db';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { listRestoreLineage } from './list-restore-lineage';

const hex = randomBytes(4).toString('hex');
const SLUG = `it-rcli-${hex}`;
const DB = `it_rcli_${hex}`;
const ROOT = path.resolve(__dirname, '../..');
const order = (i: number): Document => ({
  _id: new ObjectId(`65b0000000000000000000${i.toString(16).padStart(2, '0')}`),
  number: `ORD-${1000 + i}`,
  status: ['open', 'paid'][i % 2],
  total: i * 10.5,
  lines: [{ sku: `S-${i}`, qty: 1 + (i % 3) }],
});
const ORDERS = Array.from({ length: 12 }, (_, i) => order(i));
const DELETED = [ORDERS[2]!, ORDERS[5]!, ORDERS[9]!];
const MODIFIED = ORDERS[7]!;
/** A further database the scratch tenant owns (catalog restoreDatabases), and one it lists but another tenant uses. */
const OWNED_DB = `${DB}_own`;
const OTHERS_DB = `it_rcli_other_${hex}`;
let otherTenantId: string | undefined;

let client: MongoClient;
let ctx: TEngineContext;
let tenantId: string;
let snapshotId: string;
let dir: string;
let restoreId: string;
const orders = () => client.db(DB).collection('orders');
const liveOrders = async () => JSON.stringify(await orders().find().sort({ _id: 1 }).toArray());

function vault(...args: string[]): Promise<{ code: number; json: any; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['scripts/with-env.sh', 'tsx', '--conditions=react-server', 'scripts/vault.ts', ...args],
      { cwd: ROOT, env: process.env, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        let json: unknown = null;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = { unparsed: stdout };
        }
        resolve({ code, json, stderr });
      },
    );
  });
}

async function specFile(name: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(dir, `${name}.json`);
  const spec = {
    version: 1,
    tenant: SLUG,
    source: { snapshotId },
    selection: { namespaces: { include: ['*'] } },
    target: { mode: 'in-place' },
    conflictPolicy: 'overwrite',
    ...overrides,
  };
  await writeFile(file, JSON.stringify(spec));
  return file;
}

beforeAll(async () => {
  client = await new MongoClient(process.env.MONGODB_URI!).connect();
  await orders().insertMany(ORDERS.map((d) => ({ ...d })));
  await client
    .db(DB)
    .collection('customers')
    .insertMany([{ _id: 'c-1', name: 'Ada' } as Document, { _id: 'c-2', name: 'Brian' } as Document]);
  const tenant = await db.tenant.create({
    data: {
      slug: SLUG,
      name: `IT ${SLUG}`,
      tenancyModel: 'DATABASE',
      database: DB,
      restoreDatabases: [OWNED_DB, OTHERS_DB],
      region: 'eu-west-1',
      costCenter: 'CC-IT',
    },
  });
  otherTenantId = (
    await db.tenant.create({
      data: { slug: `${SLUG}-other`, name: `IT ${SLUG} other`, tenancyModel: 'DATABASE', database: OTHERS_DB, region: 'eu-west-1', costCenter: 'CC-IT' },
    })
  ).id;
  tenantId = tenant.id;
  ctx = await createEngineContext();
  snapshotId = (await runBackup({ ctx, tenantId, kind: 'full' })).manifest.snapshotId;
  dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-rcli-'));
  // The drift to repair: 3 deleted, 1 modified, 1 created since (left alone: deleteExtraneous is off).
  await orders().deleteMany({ _id: { $in: DELETED.map((d) => d._id) } });
  await orders().replaceOne({ _id: MODIFIED._id }, { ...MODIFIED, status: 'cancelled', total: -1 });
  await orders().insertOne(order(40));
});

afterAll(async () => {
  await client?.db(DB).dropDatabase();
  await client?.db(OWNED_DB).dropDatabase();
  await client?.db(OTHERS_DB).dropDatabase();
  if (otherTenantId) await db.tenant.delete({ where: { id: otherTenantId } });
  await client?.close();
  if (tenantId) {
    await db.restoreJournalEntry.deleteMany({ where: { tenantId } });
    await db.snapshot.deleteMany({ where: { tenantId } });
    await db.job.deleteMany({ where: { tenantId } });
    await db.tenant.delete({ where: { id: tenantId } });
    const key = ctx.keys.opaqueTenantKey(tenantId);
    for (const prefix of [`tenants/${key}/`, `keys/${key}/`]) for await (const o of ctx.store.list(prefix)) await ctx.store.delete(o.key);
  }
  await ctx?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  await db.$disconnect();
});

describe('restore through the operator CLI', () => {
  it('dry-run shows exactly the 3 deleted and 1 modified orders, writes nothing, records a DRY_RUN job', async () => {
    const before = await liveOrders();
    const { code, json } = await vault('restore', '--spec', await specFile('overwrite'), '--dry-run');
    expect(code).toBe(0);
    expect(json.counts).toEqual({ insert: 3, update: 1, delete: 0, unchanged: 8 + 2, conflict: 0, conflictSkipped: 0 });
    expect(json.collections.map((c: any) => [c.name, c.counts.insert, c.counts.update])).toEqual([
      ['customers', 0, 0],
      ['orders', 3, 1],
    ]);
    const items = json.changes.items.map((c: any) => [c.action, c.id.$oid]).sort();
    expect(items).toEqual([...DELETED.map((d) => ['insert', d._id.toHexString()]), ['update', MODIFIED._id.toHexString()]].sort());
    expect(json.changes.items.find((c: any) => c.action === 'update').diff).toEqual({ status: ['cancelled', 'paid'], total: [-1, MODIFIED.total] });
    expect(json.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(json.preStateFingerprint).toEqual(expect.any(String));
    expect(await liveOrders()).toBe(before);
    const job = await db.job.findFirstOrThrow({ where: { tenantId, id: json.jobId } });
    expect([job.type, job.status]).toEqual(['DRY_RUN', 'SUCCEEDED']);
    // A CLI job has the worker's lifecycle: claimed by this process at insert, then run.
    expect((job.conditions as { type: string }[]).map((c) => c.type)).toEqual(['Queued', 'Claimed', 'Running', 'Planned', 'Succeeded']);
    expect(job.attempts).toBe(1);
    expect(job.heartbeatAt).not.toBeNull();
  });

  it('execute restores and verifies, with progress, lineage for the 4 documents and the journal in the catalog', async () => {
    const { code, json, stderr } = await vault('restore', '--spec', await specFile('overwrite'), '--execute', '--batch-size', '2');
    expect(code).toBe(0);
    restoreId = json.restoreId;
    expect(json.jobId).toBe(restoreId);
    expect([json.outcome, json.verify.ok]).toEqual(['verified', true]);
    expect(json.execution.counts).toEqual({ inserted: 3, updated: 1, deleted: 0, unchanged: 10, skipped: 0, failed: 0 });
    expect(stderr).toMatch(/write: 4\/4 docs \(100%\)/);
    const back = await orders()
      .find({ _id: { $in: ORDERS.map((d) => d._id) } })
      .sort({ _id: 1 })
      .toArray();
    expect(back).toEqual(ORDERS);
    expect(await orders().countDocuments({ _id: order(40)._id })).toBe(1);

    const lineage = await listRestoreLineage({ endpoint: ctx.endpoint, tenant: await db.tenant.findUniqueOrThrow({ where: { id: tenantId } }), restoreId });
    expect(lineage.map((l) => [l.action, (l.documentId as { $oid: string }).$oid]).sort()).toEqual(
      [...DELETED.map((d) => ['inserted', d._id.toHexString()]), ['updated', MODIFIED._id.toHexString()]].sort(),
    );
    expect(lineage.every((l) => l.snapshotId === snapshotId && l.undoneAt === null && l.target === `${DB}.orders`)).toBe(true);
    const byDoc = await vault('lineage', '--tenant', SLUG, '--document', JSON.stringify({ $oid: MODIFIED._id.toHexString() }));
    expect(byDoc.json.map((l: any) => [l.restoreId, l.action])).toEqual([[restoreId, 'updated']]);

    const journal = await db.restoreJournalEntry.findMany({ where: { tenantId, restoreId }, orderBy: { seq: 'asc' } });
    // 4 writes in batches of 2: started, 2 batches, completed
    expect(journal.map((j) => [j.seq, j.type])).toEqual([
      [0, 'started'],
      [1, 'batch'],
      [2, 'batch'],
      [3, 'completed'],
    ]);
    const job = await db.job.findFirstOrThrow({ where: { tenantId, id: restoreId } });
    expect([job.type, job.status]).toEqual(['RESTORE', 'SUCCEEDED']);
    expect((job.conditions as { type: string }[]).map((c) => c.type)).toEqual([
      'Queued',
      'Claimed',
      'Running',
      'Planned',
      'DryRun',
      'Executing',
      'Executed',
      'Verified',
      'Succeeded',
    ]);
  });

  it('undo returns the pre-restore state (same fingerprint), marks lineage and closes the journal', async () => {
    const { code, json } = await vault('undo', '--tenant', SLUG, '--restore', restoreId);
    expect(code).toBe(0);
    expect([json.restored, json.deleted, json.preStateMatches]).toEqual([1, 3, true]);
    expect(json.preStateFingerprint).toBe(json.expectedPreStateFingerprint);
    expect(await orders().countDocuments({ _id: { $in: DELETED.map((d) => d._id) } })).toBe(0);
    expect(await orders().findOne({ _id: MODIFIED._id })).toMatchObject({ status: 'cancelled', total: -1 });
    const journal = await db.restoreJournalEntry.findMany({ where: { tenantId, restoreId }, orderBy: { seq: 'asc' } });
    expect(journal.at(-1)?.type).toBe('undone');
    const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect((await listRestoreLineage({ endpoint: ctx.endpoint, tenant, restoreId })).every((l) => l.undoneAt !== null)).toBe(true);
    expect((await db.job.findFirstOrThrow({ where: { tenantId, id: json.jobId } })).type).toBe('UNDO');
    const other = await vault('undo', '--tenant', 'acme', '--restore', restoreId);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/has no restore/);
  });

  it("refuses under conflictPolicy 'fail' when the dry-run finds conflicts, and writes nothing", async () => {
    const before = await liveOrders();
    const { code, json } = await vault('restore', '--spec', await specFile('fail', { conflictPolicy: 'fail' }), '--execute');
    expect(code).toBe(3);
    expect([json.outcome, json.dryRun.counts.conflict, json.dryRun.counts.insert]).toEqual(['refused', 1, 3]);
    expect(await liveOrders()).toBe(before);
    expect(await db.restoreJournalEntry.count({ where: { tenantId, restoreId: json.restoreId } })).toBe(0);
    expect((await db.job.findFirstOrThrow({ where: { tenantId, id: json.jobId } })).status).toBe('FAILED');
  });

  it('restores into another database the tenant owns, and refuses databases it does not own', async () => {
    const before = await liveOrders();
    const owned = await vault('restore', '--spec', await specFile('owned-db', { target: { mode: 'database', database: OWNED_DB } }), '--execute');
    expect(owned.code).toBe(0);
    expect([owned.json.outcome, owned.json.execution.counts.inserted]).toEqual(['verified', 14]);
    expect(await client.db(OWNED_DB).collection('orders').find().sort({ _id: 1 }).toArray()).toEqual(ORDERS);
    expect(await client.db(OWNED_DB).collection('customers').countDocuments()).toBe(2);
    expect(await liveOrders()).toBe(before);

    // Listed in the catalog, but another tenant's database: refused before anything is written.
    const taken = await vault('restore', '--spec', await specFile('others-db', { target: { mode: 'database', database: OTHERS_DB } }), '--execute');
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toMatch(new RegExp(`database '${OTHERS_DB}' does not belong to tenant '${SLUG}'`));
    // Not listed at all.
    const foreign = await vault('restore', '--spec', await specFile('foreign-db', { target: { mode: 'database', database: 't_acme' } }), '--execute');
    expect(foreign.code).not.toBe(0);
    expect(foreign.stderr).toMatch(/database 't_acme' does not belong to tenant/);
    expect((await client.db(OTHERS_DB).listCollections().toArray()).length).toBe(0);
    expect(await liveOrders()).toBe(before);
  });
});
