// A governed restore (RESTORE {requestId}, claimed by a worker that then died) is resumed from
// the operator CLI with --resume through the same takeover as a worker's claim, and ends the way
// a worker ends it: the request VERIFIED, the job SUCCEEDED at attempt 2.
import { randomBytes } from 'node:crypto';
import { MongoClient, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackup } from '@/lib/backups/run-backup';
import { db } from '@/lib/db';
import { orderDoc, rng } from '@/lib/engine/testing/test-kit';
import { claimJob } from '@/lib/jobs/claim-job';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { spawnVault } from '@/lib/restores/testing/spawn-vault';
import { runQueuedDryRun } from '@/lib/restores/testing/run-queued-dry-run';
import { loadActor } from '@/lib/session/get-current-actor';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { approveRestoreRequest } from './approve-restore-request';
import { submitRestoreRequest } from './submit-restore-request';

const hex = randomBytes(4).toString('hex');
const rand = rng(Number(`0x${hex}`) % 1_000_000);
const slug = `it-rgov-${hex}`;
const DB = `it_rgov_${hex}`;
const ORDERS: Document[] = Array.from({ length: 30 }, (_, i) => orderDoc(rand, i));
let mongo: MongoClient;
let ctx: TEngineContext;
let tenantId: string;
const userIds: string[] = [];
const orders = () => mongo.db(DB).collection('orders');

beforeAll(async () => {
  mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  ctx = await createEngineContext();
  await orders().insertMany(ORDERS.map((d) => ({ ...d })));
  tenantId = (await db.tenant.create({ data: { slug, name: DB, region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: DB } })).id;
  const a = await db.user.create({
    data: { email: `rgov-admin-${hex}@it.example`, name: 'Gov admin', memberships: { create: { tenantId, role: 'TENANT_ADMIN' } } },
  });
  const b = await db.user.create({ data: { email: `rgov-approver-${hex}@it.example`, name: 'Gov approver', platformRoles: { create: { role: 'APPROVER' } } } });
  userIds.push(a.id, b.id);
});

afterAll(async () => {
  await db.job.updateMany({ where: { tenantId, status: { in: ['QUEUED', 'RUNNING'] } }, data: { status: 'CANCELLED' } });
  await db.approval.deleteMany({ where: { tenantId } });
  await db.restoreRequest.deleteMany({ where: { tenantId } });
  await db.restoreJournalEntry.deleteMany({ where: { tenantId } });
  await db.snapshot.deleteMany({ where: { tenantId } });
  await db.job.deleteMany({ where: { tenantId } });
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  // audited tenants stay (archived): audit rows are never deleted
  await db.tenant.update({ where: { id: tenantId }, data: { status: 'ARCHIVED' } });
  const key = ctx.keys.opaqueTenantKey(tenantId);
  for (const prefix of [`tenants/${key}/`, `keys/${key}/`]) for await (const o of ctx.store.list(prefix)) await ctx.store.delete(o.key);
  await mongo?.db(DB).dropDatabase();
  await mongo?.close();
  await ctx?.close();
  await db.$disconnect();
});

describe('a governed restore whose worker died', () => {
  it('is resumed from the CLI with --resume <requestId>: same job (attempt 2), request VERIFIED', async () => {
    const admin = (await loadActor(userIds[0]!))!;
    const approver = (await loadActor(userIds[1]!))!;
    const snapshotId = (await runBackup({ ctx, tenantId, kind: 'full' })).manifest.snapshotId;
    await orders().deleteMany({ _id: { $in: ORDERS.slice(0, 10).map((d) => d._id) } });
    const spec = {
      version: 1,
      tenant: slug,
      source: { snapshotId },
      selection: { namespaces: { include: ['orders'] } },
      target: { mode: 'in-place' },
      conflictPolicy: 'overwrite',
    };
    const dry = await db.$transaction((tx) => enqueueJob(tx, { tenantId, type: 'DRY_RUN', payload: { spec, restoreId: `rr${hex}gov` } }));
    expect(await runQueuedDryRun(ctx, dry.id)).toBe('SUCCEEDED');
    const { id: requestId } = await submitRestoreRequest({ actor: admin, tenantId, dryRunJobId: dry.id, reason: 'orders lost in a bad import (ticket G-1)' });
    const { jobId } = await approveRestoreRequest({ actor: approver, requestId, reason: 'diff checked' });
    // A worker claimed it and died before its first heartbeat.
    expect(await claimJob({ jobId: jobId!, attempts: 0, staleSeconds: 30, workerId: `it-worker-${hex}`, tenantIds: [tenantId] })).not.toBeNull();
    await db.job.update({ where: { id: jobId! }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });

    const other = await spawnVault(['restore', '--tenant', slug, '--resume', 'no-such-restore']).exited;
    expect(other.code, other.stderr).toBe(3);
    const end = await spawnVault(['restore', '--tenant', slug, '--resume', requestId]).exited;
    expect(end.code, end.stderr).toBe(0);
    expect([end.json.jobId, end.json.restoreId, end.json.resumed, end.json.outcome]).toEqual([jobId, requestId, true, 'verified']);
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId! } })).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe('VERIFIED');
    expect(await orders().countDocuments()).toBe(30);
  }, 180_000);
});
