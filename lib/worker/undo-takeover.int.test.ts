import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/session/get-current-actor';
import { db, type JobStatus } from '@/lib/db';
import { orderDoc, rng } from '../engine/testing/test-kit';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import type { TJobCondition } from '@/lib/jobs/job-conditions';
import { approveRestoreRequest } from '@/lib/requests/approve-restore-request';
import { getTenantRestoreRequest } from '@/lib/requests/get-tenant-restore-request';
import { submitRestoreRequest } from '@/lib/requests/submit-restore-request';
import { decideRestoreUndo } from '@/lib/requests/decide-restore-undo';
import { previewRestoreRequestUndo } from '@/lib/requests/preview-restore-request-undo';
import { undoRestoreRequest } from '@/lib/requests/undo-restore-request';
import { spawnWorker, type TWorkerProcess } from './testing/spawn-worker';

// A governed restore's undo runs as an UNDO job in worker processes: the worker running it is
// SIGKILLed mid-undo, another worker takes the job over once its heartbeat is stale, and the
// undo completes — the request ends UNDONE and MongoDB is exactly in its pre-restore state.
// Everything that touches tenant data runs in the workers; this process only uses the DAL.
const run = randomBytes(4).toString('hex');
const masterKey = randomBytes(32).toString('base64');
const rand = rng(Number(`0x${run}`) % 1_000_000);
const LOST = 400;
const KEPT = 5;
const DB = `it_undo_${run}`;
let mongo: MongoClient;
let dir: string;
let tenantId: string;
const userIds: string[] = [];
let admin: TActor;
let approver: TActor;
const workers: TWorkerProcess[] = [];
const orders = () => mongo.db(DB).collection('orders');
const slug = `it-undo-${run}`;

beforeAll(async () => {
  mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-undo-'));
  await orders().insertMany(Array.from({ length: LOST + KEPT }, (_, i) => orderDoc(rand, i)));
  tenantId = (await db.tenant.create({ data: { slug, name: DB, region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: DB } })).id;
  const a = await db.user.create({
    data: { email: `undo-admin-${run}@it.example`, name: 'Undo admin', memberships: { create: { tenantId, role: 'TENANT_ADMIN' } } },
  });
  const b = await db.user.create({
    data: { email: `undo-approver-${run}@it.example`, name: 'Undo approver', platformRoles: { create: { role: 'APPROVER' } } },
  });
  userIds.push(a.id, b.id);
  admin = (await loadActor(a.id))!;
  approver = (await loadActor(b.id))!;
});

afterEach(async () => {
  for (const w of workers.splice(0)) {
    if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
    await w.exited;
  }
});

afterAll(async () => {
  await db.job.updateMany({ where: { tenantId, status: { in: ['QUEUED', 'RUNNING'] } }, data: { status: 'CANCELLED' } });
  await db.approval.deleteMany({ where: { tenantId } });
  await db.restoreRequest.deleteMany({ where: { tenantId } });
  await db.restoreJournalEntry.deleteMany({ where: { tenantId } });
  for (const s of await db.snapshot.findMany({ where: { tenantId }, orderBy: { seq: 'desc' } })) await db.snapshot.delete({ where: { id: s.id } });
  await db.job.deleteMany({ where: { tenantId } });
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  // audited tenants stay (archived): audit rows are never deleted
  await db.tenant.update({ where: { id: tenantId }, data: { status: 'ARCHIVED' } });
  await mongo?.db(DB).dropDatabase();
  await mongo?.close();
  await db.$disconnect();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function startWorker(): TWorkerProcess {
  const w = spawnWorker({
    WORKER_TENANTS: tenantId,
    VAULTLINE_STORE: 'fs',
    VAULTLINE_FS_STORE_DIR: dir,
    VAULTLINE_MASTER_KEY: masterKey,
    WORKER_HEARTBEAT_SECONDS: '0.5',
    WORKER_STALE_SECONDS: '3',
  });
  workers.push(w);
  return w;
}

async function waitForJob(id: string, done: (s: JobStatus) => boolean, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    if (done(job.status)) return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms: ${JSON.stringify(job.conditions)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const finished = (s: JobStatus) => s === 'SUCCEEDED' || s === 'FAILED' || s === 'CANCELLED';
const enqueue = (type: 'BACKUP' | 'DRY_RUN', payload: object) => db.$transaction((tx) => enqueueJob(tx, { tenantId, type, payload: payload as never }));
const snapshotOf = async () => JSON.stringify(await orders().find().sort({ _id: 1 }).toArray());

describe('undo of a governed restore (UNDO job)', { timeout: 400_000 }, () => {
  it('a worker SIGKILLed mid-undo: another takes the job over, the undo completes, the request ends UNDONE', async () => {
    const a = startWorker();
    await a.ready;
    const backup = await waitForJob((await enqueue('BACKUP', { kind: 'full' })).id, finished);
    expect(backup.status, backup.error ?? '').toBe('SUCCEEDED');
    const snapshotId = (backup.result as { snapshotId: string }).snapshotId;

    // Drift: LOST orders deleted, one of the kept ones modified. This is the pre-restore state.
    const ids = (
      await orders()
        .find({}, { projection: { _id: 1 } })
        .sort({ _id: 1 })
        .toArray()
    ).map((d) => d._id);
    await orders().deleteMany({ _id: { $in: ids.slice(0, LOST) } });
    await orders().updateOne({ _id: ids[LOST]! }, { $set: { status: 'tampered' } });
    const drifted = await snapshotOf();

    const spec = {
      version: 1,
      tenant: slug,
      source: { snapshotId },
      selection: { namespaces: { include: ['orders'] } },
      target: { mode: 'in-place' },
      conflictPolicy: 'overwrite',
    };
    const dry = await waitForJob((await enqueue('DRY_RUN', { spec, restoreId: `rr${run}undo` })).id, finished);
    expect(dry.status, dry.error ?? '').toBe('SUCCEEDED');
    const { id } = await submitRestoreRequest({ actor: admin, tenantId, dryRunJobId: dry.id, reason: 'orders lost in a bad import (ticket U-1)' });
    const { jobId } = await approveRestoreRequest({ actor: approver, requestId: id, reason: 'diff checked' });
    const restore = await waitForJob(jobId!, finished, 180_000);
    expect(restore.status, restore.error ?? '').toBe('SUCCEEDED');
    expect(await orders().countDocuments()).toBe(LOST + KEPT);

    // Undo: previewed (a worker reads what it would overwrite), asked for and approved through the
    // DAL (nothing written here), run by worker a one document per batch.
    const { previewJobId } = await previewRestoreRequestUndo({ actor: admin, tenantId, requestId: id });
    const preview = await waitForJob(previewJobId, finished, 120_000);
    expect(preview.status, preview.error ?? '').toBe('SUCCEEDED');
    await undoRestoreRequest({ actor: admin, tenantId, requestId: id, previewJobId, batchSize: 1 });
    const undoJobId = (await decideRestoreUndo({ actor: approver, input: { requestId: id, decision: 'APPROVE', reason: 'undo checked' } })).undoJobId!;
    const until = Date.now() + 120_000;
    while ((await orders().countDocuments()) > LOST + KEPT - 50) {
      if (Date.now() > until) throw new Error('the undo removed nothing');
      await new Promise((r) => setTimeout(r, 10));
    }
    a.proc.kill('SIGKILL');
    await a.exited;
    const left = await orders().countDocuments();
    // If the undo had already finished, this test would prove nothing: fail loudly instead.
    expect(left).toBeGreaterThan(KEPT);
    const orphan = await db.job.findUniqueOrThrow({ where: { id: undoJobId } });
    expect([orphan.status, orphan.attempts]).toEqual(['RUNNING', 1]);
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id } })).status).toBe('UNDOING');
    // Live progress on the row, as the detail page shows it: phase, documents of the total, per collection.
    const detail = await getTenantRestoreRequest({ actor: admin, slug, requestId: id });
    expect(detail.undoJob).toMatchObject({ id: undoJobId, status: 'RUNNING', progress: { phase: 'write', totalDocuments: LOST + 1 } });
    expect(detail.undoJob?.progress?.collections?.[0]).toMatchObject({ name: 'orders', totalDocuments: LOST + 1 });
    expect(detail.steps.at(-1)).toMatchObject({ key: 'undone', label: 'Undoing', state: 'current' });

    const b = startWorker();
    await b.ready;
    const job = await waitForJob(undoJobId, finished, 180_000);
    expect(job.status, job.error ?? '').toBe('SUCCEEDED');
    expect(job.attempts).toBe(2);
    const claimedBy = (job.conditions as TJobCondition[]).filter((c) => c.type === 'Claimed').map((c) => c.message?.split(' by worker ')[1]);
    expect(new Set(claimedBy).size).toBe(2);
    expect(job.result).toMatchObject({ requestId: id, status: 'UNDONE', preStateMatches: true });
    expect(job.progress).toMatchObject({ phase: 'done', documents: { total: LOST + 1 } });
    expect(await snapshotOf()).toBe(drifted);
    const after = await getTenantRestoreRequest({ actor: admin, slug, requestId: id });
    expect(after.status).toBe('UNDONE');
    expect(after.steps.at(-1)).toMatchObject({ key: 'undone', label: 'Undone', state: 'done' });
    expect(after.canUndo).toBe(false);
  });
});
