// The restore request lifecycle against the real services: a scratch DATABASE tenant on
// FerretDB is backed up, then drifts (3 orders deleted, 1 modified, 1 created); requests are
// submitted from dry-runs, approved (or refused) and executed by runApprovedRestoreRequest on
// the queued job, the way the worker will. Checks the catalog (requests, approvals, jobs, audit
// rows) and MongoDB (nothing written unless every check passed).
import { randomBytes } from 'node:crypto';
import { MongoClient, ObjectId, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/get-current-actor';
import { runBackup } from '@/lib/backups/run-backup';
import { runRestoreDryRun } from '@/lib/restores/run-restore-dry-run';
import { db } from '@/lib/db';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { approveRestoreRequest } from './approve-restore-request';
import { cancelRestoreRequest } from './cancel-restore-request';
import { rejectRestoreRequest } from './reject-restore-request';
import { claimJob } from '@/lib/jobs/claim-job';
import { runApprovedRestoreRequest } from './run-approved-restore-request';
import { submitRestoreRequest } from './submit-restore-request';
import { undoRestoreRequest } from './undo-restore-request';

const hex = randomBytes(4).toString('hex');
const DB = `it_rreq_${hex}`;
const order = (i: number): Document => ({ _id: new ObjectId(`65c0000000000000000000${i.toString(16).padStart(2, '0')}`), number: `ORD-${1000 + i}`, status: ['open', 'paid'][i % 2], total: i * 10.5 });
const ORDERS = Array.from({ length: 12 }, (_, i) => order(i));
const DELETED = [ORDERS[2]!, ORDERS[5]!, ORDERS[9]!];
const MODIFIED = ORDERS[7]!;
const CREATED = order(40);

let client: MongoClient;
let ctx: TEngineContext;
let tenantId: string;
let snapshotId: string;
const userIds: string[] = [];
const u: Record<'requester' | 'requester2' | 'viewer' | 'paula' | 'oscar' | 'rex' | 'sam', TActor> = {} as never;
const orders = () => client.db(DB).collection('orders');
const live = async () => JSON.stringify(await orders().find().sort({ _id: 1 }).toArray());
const spec = (extra: Record<string, unknown> = {}) => ({ version: 1, tenant: `it-rreq-${hex}`, source: { snapshotId }, selection: { namespaces: { include: ['*'] } }, target: { mode: 'in-place' }, conflictPolicy: 'overwrite', ...extra });
const REASON = 'customer deleted orders by mistake (ticket T-1)';

async function user(key: keyof typeof u, opts: { person?: string; role?: 'TENANT_ADMIN' | 'TENANT_VIEWER'; approver?: boolean; support?: boolean }) {
  const row = await db.user.create({ data: { email: `${key}-${hex}@it.example`, name: `IT ${key}`, personId: opts.person ? `${opts.person}-${hex}` : null } });
  userIds.push(row.id);
  if (opts.role) await db.membership.create({ data: { userId: row.id, tenantId, role: opts.role } });
  if (opts.approver) await db.platformRoleGrant.create({ data: { userId: row.id, role: 'APPROVER' } });
  if (opts.support) await db.platformRoleGrant.create({ data: { userId: row.id, role: 'SUPPORT' } });
  u[key] = (await loadActor(row.id))!;
}
const audits = (targetId: string) => db.auditEvent.findMany({ where: { targetId }, orderBy: { id: 'asc' }, select: { action: true, outcome: true, actorUserId: true } });
const submit = (extra: Record<string, unknown> = {}) => submitRestoreRequest({ actor: u.requester, tenantId, spec: spec(extra), reason: REASON, ctx });

beforeAll(async () => {
  client = await new MongoClient(process.env.MONGODB_URI!).connect();
  await orders().insertMany(ORDERS.map((d) => ({ ...d })));
  await client.db(DB).collection('customers').insertMany([{ _id: 'c-1', name: 'Ada' } as Document]);
  const tenant = await db.tenant.create({ data: { slug: `it-rreq-${hex}`, name: `IT rreq ${hex}`, tenancyModel: 'DATABASE', database: DB, region: 'eu-west-1', costCenter: 'CC-IT' } });
  tenantId = tenant.id;
  ctx = await createEngineContext();
  snapshotId = (await runBackup({ ctx, tenantId, kind: 'full' })).manifest.snapshotId;
  await orders().deleteMany({ _id: { $in: DELETED.map((d) => d._id) } });
  await orders().replaceOne({ _id: MODIFIED._id }, { ...MODIFIED, status: 'cancelled', total: -1 });
  await orders().insertOne({ ...CREATED });
  await user('requester', { person: 'alice', role: 'TENANT_ADMIN' });
  await user('requester2', { person: 'alice', approver: true });
  await user('viewer', { role: 'TENANT_VIEWER' });
  await user('paula', { approver: true });
  await user('oscar', { approver: true });
  await user('rex', { approver: true });
  await user('sam', { support: true, approver: true });
});

afterAll(async () => {
  await client?.db(DB).dropDatabase();
  await client?.close();
  if (tenantId) {
    await db.approval.deleteMany({ where: { tenantId } });
    await db.restoreRequest.deleteMany({ where: { tenantId } });
    await db.restoreJournalEntry.deleteMany({ where: { tenantId } });
    await db.snapshot.deleteMany({ where: { tenantId } });
    await db.job.deleteMany({ where: { tenantId } });
    await db.impersonationSession.deleteMany({ where: { tenantId } });
    await db.user.deleteMany({ where: { id: { in: userIds } } });
    await db.tenant.delete({ where: { id: tenantId } });
    const key = ctx.keys.opaqueTenantKey(tenantId);
    for (const prefix of [`tenants/${key}/`, `keys/${key}/`]) for await (const o of ctx.store.list(prefix)) await ctx.store.delete(o.key);
  }
  await ctx?.close();
  await db.$disconnect();
});

describe('submitting', () => {
  it('binds the plan hash and pre-state, assesses risk with reasons and copies the tenant policy', async () => {
    await db.backupPolicy.create({ data: { tenantId, approvalsLowRisk: 1, approvalsHighRisk: 2, approvalTtlHours: 12 } });
    const before = await live();
    const { id, risk, requiredApprovals } = await submit();
    expect([risk, requiredApprovals]).toEqual(['LOW', 1]);
    const row = await db.restoreRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'PENDING_APPROVAL', tenantId, requestedById: u.requester.userId, reason: REASON, approvalPolicy: { lowRisk: 1, highRisk: 2, ttlHours: 12 }, revision: 1 });
    expect(row.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.preStateFingerprint).toEqual(expect.any(String));
    expect((row.dryRunSummary as any).counts).toMatchObject({ insert: 3, update: 1, delete: 0 });
    expect((row.dryRunSummary as any).restoreId).toBe(id);
    expect((row.dryRunSummary as any).changes.items).toHaveLength(4);
    expect(row.riskReasons).toEqual(expect.arrayContaining([expect.stringMatching(/overwrites 1 live document in place/)]));
    expect(await live()).toBe(before);
    expect(await audits(id)).toEqual([{ action: 'restore.request.submit', outcome: 'ALLOWED', actorUserId: u.requester.userId }]);
  });

  it('is high risk with deleteExtraneous (a live document would be deleted) and needs 2 approvers', async () => {
    const { id, risk, requiredApprovals } = await submit({ deleteExtraneous: true });
    expect([risk, requiredApprovals]).toEqual(['HIGH', 2]);
    const row = await db.restoreRequest.findUniqueOrThrow({ where: { id } });
    expect((row.riskReasons as string[])[0]).toMatch(/deletes 1 live document/);
  });

  it('submits from a finished dry-run job of the tenant, and refuses when the data changed since that dry-run', async () => {
    const dry = await runRestoreDryRun({ ctx, tenantId, spec: spec(), requestedById: u.requester.userId });
    const r = await submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: dry.jobId, reason: REASON, ctx });
    const row = await db.restoreRequest.findUniqueOrThrow({ where: { id: r.id } });
    expect((row.dryRunSummary as any).counts).toEqual(dry.summary.counts);
    expect(row.spec).toMatchObject({ source: { snapshotId } });

    await orders().deleteOne({ _id: ORDERS[3]!._id });
    try {
      await expect(submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: dry.jobId, reason: REASON, ctx })).rejects.toThrow(/changed since your dry-run/);
    } finally {
      await orders().insertOne({ ...ORDERS[3]! });
    }
    // another tenant's (or no) dry-run job is not found
    await expect(submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: 'no-such-job', reason: REASON, ctx })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a viewer and a too-short reason, writing nothing (the boundary audits refusals: lib/actions/refusal-audit.int.test.ts)', async () => {
    await expect(submitRestoreRequest({ actor: u.viewer, tenantId, spec: spec(), reason: REASON, ctx })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.auditEvent.count({ where: { actorUserId: u.viewer.userId } })).toBe(0);
    expect(await db.restoreRequest.count({ where: { tenantId, requestedById: u.viewer.userId } })).toBe(0);
    await expect(submitRestoreRequest({ actor: u.requester, tenantId, spec: spec(), reason: 'oops', ctx })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('approving', () => {
  it('never lets the requester decide: own account (even with the approver role given later), second account, and counts nothing', async () => {
    const { id } = await submit();
    await db.platformRoleGrant.create({ data: { userId: u.requester.userId, role: 'APPROVER' } });
    const requesterNow = (await loadActor(u.requester.userId))!;
    await expect(approveRestoreRequest({ actor: requesterNow, requestId: id, reason: 'looks fine' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await db.platformRoleGrant.deleteMany({ where: { userId: u.requester.userId } });
    await expect(approveRestoreRequest({ actor: u.requester2, requestId: id, reason: 'looks fine' })).rejects.toThrow(/another account of yours/);
    await expect(rejectRestoreRequest({ actor: u.requester2, requestId: id, reason: 'not like this' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.approval.count({ where: { requestId: id } })).toBe(0);
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING_APPROVAL');
    // The DAL only refuses; the boundary audits each refusal once (lib/actions/refusal-audit.int.test.ts).
    expect(await audits(id)).toEqual([{ action: 'restore.request.submit', outcome: 'ALLOWED', actorUserId: u.requester.userId }]);
  });

  it('refuses an approver while their impersonation session is active, and tenant roles', async () => {
    const { id } = await submit();
    const session = await db.impersonationSession.create({ data: { supportUserId: u.sam.userId, tenantId, reason: 'investigating ticket', ticketRef: 'T-9', expiresAt: new Date(Date.now() + 600_000) } });
    await expect(approveRestoreRequest({ actor: u.sam, requestId: id, reason: 'fine' })).rejects.toThrow(/impersonation/);
    await db.impersonationSession.update({ where: { id: session.id }, data: { endedAt: new Date() } });
    await expect(approveRestoreRequest({ actor: {
          ...u.paula,
          impersonation: {
            id: 'x',
            tenantId,
            tenantSlug: 'x',
            tenantName: 'x',
            targetUserId: null,
            targetEmail: null,
            targetName: null,
            reason: 'investigating ticket',
            ticketRef: 'SUP-9',
            startedAt: new Date().toISOString(),
            expiresAt: new Date(Date.now() + 600_000).toISOString(),
            isElevated: false,
            elevationStatus: null,
          },
        } satisfies TActor, requestId: id, reason: 'fine' })).rejects.toThrow(/impersonat/i);
    await expect(approveRestoreRequest({ actor: u.viewer, requestId: id, reason: 'fine' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(approveRestoreRequest({ actor: u.paula, requestId: 'rr-nope', reason: 'fine' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.approval.count({ where: { requestId: id } })).toBe(0);
  });

  it('queues a RESTORE job in the same step when the policy is met (high risk: 2 distinct people)', async () => {
    const { id } = await submit({ deleteExtraneous: true });
    const first = await approveRestoreRequest({ actor: u.paula, requestId: id, reason: 'checked the diff' });
    expect(first).toEqual({ status: 'PENDING_APPROVAL', approvals: 1, required: 2, jobId: null });
    await expect(approveRestoreRequest({ actor: u.paula, requestId: id, reason: 'again' })).resolves.toMatchObject({ approvals: 1 });
    const second = await approveRestoreRequest({ actor: u.oscar, requestId: id, reason: 'agreed' });
    expect(second).toMatchObject({ status: 'QUEUED', approvals: 2, required: 2 });
    const job = await db.job.findUniqueOrThrow({ where: { id: second.jobId! } });
    expect([job.type, job.status, job.tenantId, job.payload]).toEqual(['RESTORE', 'QUEUED', tenantId, { requestId: id }]);
    const row = await db.restoreRequest.findUniqueOrThrow({ where: { id } });
    expect([row.status, row.jobId]).toEqual(['QUEUED', job.id]);
    const approval = await db.approval.findFirstOrThrow({ where: { requestId: id, approverId: u.oscar.userId } });
    expect(approval.expiresAt.getTime() - approval.createdAt.getTime()).toBe(12 * 3600_000);
    expect((await audits(id)).map((a) => a.action)).toEqual(['restore.request.submit', 'restore.request.approve', 'restore.request.approve', 'restore.request.approve', 'restore.request.queue']);
    await expect(approveRestoreRequest({ actor: u.rex, requestId: id, reason: 'late' })).rejects.toMatchObject({ code: 'CONFLICT' });

    // Cancelled before it runs: request and job, and the worker then finds nothing to do.
    await expect(cancelRestoreRequest({ actor: u.viewer, tenantId, requestId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await cancelRestoreRequest({ actor: u.requester, tenantId, requestId: id, reason: 'not needed any more' });
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe('CANCELLED');
    const before = await live();
    await expect(runApprovedRestoreRequest({ requestId: id, jobId: job.id, ctx })).resolves.toMatchObject({ status: 'CANCELLED' });
    expect(await live()).toBe(before);
  });

  it('rejects with a reason', async () => {
    const { id } = await submit();
    await rejectRestoreRequest({ actor: u.oscar, requestId: id, reason: 'wrong snapshot' });
    expect(await db.restoreRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'REJECTED', statusReason: 'wrong snapshot' });
    await expect(approveRestoreRequest({ actor: u.paula, requestId: id, reason: 'fine' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('executing an approved request (what the worker calls)', () => {
  async function queued(approver: TActor = u.paula) {
    const { id } = await submit();
    const { jobId } = await approveRestoreRequest({ actor: approver, requestId: id, reason: 'approved after review' });
    return { id, jobId: jobId! };
  }

  it('sends it back for approval, writing nothing, when the approver lost the role since', async () => {
    const { id, jobId } = await queued(u.rex);
    await db.platformRoleGrant.update({ where: { userId_role: { userId: u.rex.userId, role: 'APPROVER' } }, data: { revokedAt: new Date() } });
    const before = await live();
    const r = await runApprovedRestoreRequest({ requestId: id, jobId, ctx });
    expect(r.status).toBe('PENDING_APPROVAL');
    expect(r.message).toMatch(/no longer holds the approver role/);
    expect(await live()).toBe(before);
    expect(await db.restoreRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'PENDING_APPROVAL', jobId: null });
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe('CANCELLED');
    expect(await db.restoreJournalEntry.count({ where: { restoreId: id } })).toBe(0);
    await db.platformRoleGrant.update({ where: { userId_role: { userId: u.rex.userId, role: 'APPROVER' } }, data: { revokedAt: null } });
  });

  it('sends it back when the approval expired', async () => {
    const { id, jobId } = await queued();
    await db.approval.updateMany({ where: { requestId: id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await live();
    const r = await runApprovedRestoreRequest({ requestId: id, jobId, ctx });
    expect([r.status, r.message]).toEqual(['PENDING_APPROVAL', expect.stringMatching(/expired/)]);
    expect(await live()).toBe(before);
  });

  it('sends it back with the new dry-run when the target changed since approval; nothing is written', async () => {
    const { id, jobId } = await queued();
    const approved = await db.restoreRequest.findUniqueOrThrow({ where: { id } });
    await orders().updateOne({ _id: ORDERS[0]!._id }, { $set: { status: 'disputed' } });
    try {
      const before = await live();
      const r = await runApprovedRestoreRequest({ requestId: id, jobId, ctx });
      expect([r.status, r.message]).toEqual(['PENDING_APPROVAL', expect.stringMatching(/target documents changed/)]);
      expect(await live()).toBe(before);
      const row = await db.restoreRequest.findUniqueOrThrow({ where: { id } });
      expect(row.revision).toBe(approved.revision + 1);
      expect(row.preStateFingerprint).not.toBe(approved.preStateFingerprint);
      expect((row.dryRunSummary as any).counts.update).toBe(2);
      expect(await db.restoreJournalEntry.count({ where: { restoreId: id } })).toBe(0);
      expect((await audits(id)).at(-1)).toMatchObject({ action: 'restore.request.return_for_approval', actorUserId: null });
      // the old approval no longer counts; a fresh one on the new revision queues it again
      const again = await approveRestoreRequest({ actor: u.oscar, requestId: id, reason: 'new state reviewed' });
      expect(again.status).toBe('QUEUED');
      await cancelRestoreRequest({ actor: u.requester, tenantId, requestId: id });
    } finally {
      await orders().replaceOne({ _id: ORDERS[0]!._id }, { ...ORDERS[0]! });
    }
  });

  it('executes, verifies, and undoes', async () => {
    const { id, jobId } = await queued();
    // As the worker does: claim the queued row (RUNNING, attempt 1), then run the handler.
    const claimed = await claimJob({ jobId, attempts: 0, staleSeconds: 60, workerId: 'lifecycle-test' });
    expect(claimed?.attempts).toBe(1);
    const r = await runApprovedRestoreRequest({ requestId: id, jobId, ctx, attempt: 1 });
    expect(r).toMatchObject({ status: 'VERIFIED' });
    expect(await orders().find({ _id: { $in: ORDERS.map((d) => d._id) } }).sort({ _id: 1 }).toArray()).toEqual(ORDERS);
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect([job.status, (job.result as any).restoreId]).toEqual(['SUCCEEDED', id]);
    expect((await audits(id)).map((a) => a.action).slice(-2)).toEqual(['restore.request.start', 'restore.request.verify']);
    // a second call for the same job does nothing
    await expect(runApprovedRestoreRequest({ requestId: id, jobId, ctx })).resolves.toMatchObject({ status: 'VERIFIED' });

    await expect(undoRestoreRequest({ actor: u.viewer, tenantId, requestId: id, ctx })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const undone = await undoRestoreRequest({ actor: u.requester, tenantId, requestId: id, ctx });
    expect([undone.status, undone.result.preStateMatches]).toEqual(['UNDONE', true]);
    expect(await orders().countDocuments({ _id: { $in: DELETED.map((d) => d._id) } })).toBe(0);
    expect(await orders().findOne({ _id: MODIFIED._id })).toMatchObject({ status: 'cancelled' });
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id } })).status).toBe('UNDONE');
  });
});
