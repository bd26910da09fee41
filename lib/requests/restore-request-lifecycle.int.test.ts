// The restore request lifecycle against the real services: a scratch DATABASE tenant on
// FerretDB is backed up, then drifts (3 orders deleted, 1 modified, 1 created); requests are
// submitted from dry-run jobs, approved (or refused) and executed — the queued RESTORE / UNDO
// jobs are claimed and run in this process as a worker does (runRequestJob). Checks the catalog (requests, approvals, jobs, audit
// rows) and MongoDB (nothing written unless every check passed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/session/get-current-actor';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { runRestoreDryRun } from '@/lib/restores/run-restore-dry-run';
import { db } from '@/lib/db';
import { approveRestoreRequest } from './approve-restore-request';
import { cancelRestoreRequest } from './cancel-restore-request';
import { rejectRestoreRequest } from './reject-restore-request';
import { runRequestJob } from './testing/run-request-job';
import { submitRestoreRequest } from './submit-restore-request';
import { ctx, tenantId, snapshotId, u, live, spec, REASON, audits, dryRun, submit, setUpLifecycle, tearDownLifecycle } from './testing/lifecycle-fixture';

beforeAll(setUpLifecycle);
afterAll(tearDownLifecycle);

describe('submitting', () => {
  it('binds the plan hash and pre-state, assesses risk with reasons and copies the tenant policy', async () => {
    await db.backupPolicy.create({ data: { tenantId, approvalsLowRisk: 1, approvalsHighRisk: 2, approvalTtlHours: 12 } });
    const before = await live();
    const { id, risk, requiredApprovals } = await submit();
    expect([risk, requiredApprovals]).toEqual(['LOW', 1]);
    const row = await db.restoreRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      status: 'PENDING_APPROVAL',
      tenantId,
      requestedById: u.requester.userId,
      reason: REASON,
      approvalPolicy: { lowRisk: 1, highRisk: 2, ttlHours: 12 },
      revision: 1,
    });
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

  it("binds the dry-run job's stored plan (the request takes its restore id) and refuses what it cannot bind", async () => {
    const dry = await dryRun();
    const stored = (await db.job.findUniqueOrThrow({ where: { id: dry.jobId } })).result as any;
    const r = await submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: dry.jobId, planHash: stored.planHash, reason: REASON });
    expect(r.id).toBe(stored.restoreId);
    const row = await db.restoreRequest.findUniqueOrThrow({ where: { id: r.id } });
    expect([row.planHash, row.preStateFingerprint]).toEqual([stored.planHash, stored.preStateFingerprint]);
    expect((row.dryRunSummary as any).counts).toEqual(dry.summary.counts);
    expect(row.spec).toMatchObject({ source: { snapshotId }, target: { mode: 'in-place' } });
    // one dry-run, one request
    await expect(submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: dry.jobId, reason: REASON })).rejects.toThrow(/already submitted/);

    const other = await dryRun();
    await expect(submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: other.jobId, planHash: 'f'.repeat(64), reason: REASON })).rejects.toThrow(
      /plan hash mismatch/,
    );
    // a stored result that is not the plan of its own restore id / package
    const tampered = await dryRun();
    const t = (await db.job.findUniqueOrThrow({ where: { id: tampered.jobId } })).result as any;
    await db.job.update({ where: { id: tampered.jobId }, data: { result: { ...t, restoreId: 'rr-someone-else' } } });
    await expect(submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: tampered.jobId, reason: REASON })).rejects.toThrow(
      /does not belong to its package/,
    );
    await db.job.update({ where: { id: tampered.jobId }, data: { result: { ...t, planHash: 'not-a-hash' } } });
    await expect(submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: tampered.jobId, reason: REASON })).rejects.toThrow(/no plan recorded/);
    // unfinished and failed dry-runs
    const queued = await db.$transaction((tx) => enqueueJob(tx, { tenantId, type: 'DRY_RUN', payload: { spec: spec() } }));
    await expect(submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: queued.id, reason: REASON })).rejects.toThrow(/has not finished yet/);
    await expect(runRestoreDryRun({ ctx, tenantId, spec: spec({ source: { snapshotId: 'no-such-snapshot' } }) })).rejects.toThrow(/no completed snapshot/);
    const failed = await db.job.findFirstOrThrow({ where: { tenantId, type: 'DRY_RUN', status: 'FAILED' }, orderBy: { createdAt: 'desc' } });
    await expect(submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: failed.id, reason: REASON })).rejects.toThrow(/dry-run failed/);
    // another tenant's (or no) dry-run job is not found; a raw package without a dry-run is refused
    await expect(submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: 'no-such-job', reason: REASON })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const foreign = await db.job.findFirst({ where: { type: 'DRY_RUN', status: 'SUCCEEDED', tenantId: { not: tenantId } }, select: { id: true } });
    if (foreign)
      await expect(submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: foreign.id, reason: REASON })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    await expect(submitRestoreRequest({ actor: u.requester, tenantId, spec: spec(), reason: REASON })).rejects.toThrow(/submitted from a finished dry-run/);
  });

  it('refuses a viewer and a too-short reason, writing nothing (the boundary audits refusals: app/_tests/refusal-audit.int.test.ts)', async () => {
    await expect(submitRestoreRequest({ actor: u.viewer, tenantId, dryRunJobId: 'any', reason: REASON })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.auditEvent.count({ where: { actorUserId: u.viewer.userId } })).toBe(0);
    expect(await db.restoreRequest.count({ where: { tenantId, requestedById: u.viewer.userId } })).toBe(0);
    await expect(submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: 'any', reason: 'oops' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
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
    // The DAL only refuses; the boundary audits each refusal once (app/_tests/refusal-audit.int.test.ts).
    expect(await audits(id)).toEqual([{ action: 'restore.request.submit', outcome: 'ALLOWED', actorUserId: u.requester.userId }]);
  });

  it('refuses an approver while their impersonation session is active, and tenant roles', async () => {
    const { id } = await submit();
    const session = await db.impersonationSession.create({
      data: { supportUserId: u.sam.userId, tenantId, reason: 'investigating ticket', ticketRef: 'T-9', expiresAt: new Date(Date.now() + 600_000) },
    });
    await expect(approveRestoreRequest({ actor: u.sam, requestId: id, reason: 'fine' })).rejects.toThrow(/impersonation/);
    await db.impersonationSession.update({ where: { id: session.id }, data: { endedAt: new Date() } });
    await expect(
      approveRestoreRequest({
        actor: {
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
        } satisfies TActor,
        requestId: id,
        reason: 'fine',
      }),
    ).rejects.toThrow(/impersonat/i);
    await expect(approveRestoreRequest({ actor: u.viewer, requestId: id, reason: 'fine' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(approveRestoreRequest({ actor: u.paula, requestId: 'rr-nope', reason: 'fine' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.approval.count({ where: { requestId: id } })).toBe(0);
  });

  it('queues a RESTORE job in the same step when the policy is met (high risk: 2 distinct people)', async () => {
    const { id } = await submit({ deleteExtraneous: true });
    const first = await approveRestoreRequest({ actor: u.paula, requestId: id, reason: 'checked the diff' });
    expect(first).toEqual({ status: 'PENDING_APPROVAL', approvals: 1, required: 2, jobId: null });
    // One decision per approver (person) per plan version: repeating or reversing it is refused, with what stands.
    await expect(approveRestoreRequest({ actor: u.paula, requestId: id, reason: 'again' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^You already approved this request on .* UTC; the approval counts until/),
    });
    await expect(rejectRestoreRequest({ actor: u.paula, requestId: id, reason: 'changed my mind' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const person = `paula-person-${id}`;
    await db.user.updateMany({ where: { id: { in: [u.paula.userId, u.rex.userId] } }, data: { personId: person } });
    try {
      await expect(approveRestoreRequest({ actor: u.rex, requestId: id, reason: 'me again' })).rejects.toThrow(/^Another account of yours already approved/);
    } finally {
      await db.user.updateMany({ where: { id: { in: [u.paula.userId, u.rex.userId] } }, data: { personId: null } });
    }
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING_APPROVAL');
    const second = await approveRestoreRequest({ actor: u.oscar, requestId: id, reason: 'agreed' });
    expect(second).toMatchObject({ status: 'QUEUED', approvals: 2, required: 2 });
    const job = await db.job.findUniqueOrThrow({ where: { id: second.jobId! } });
    expect([job.type, job.status, job.tenantId, job.payload]).toEqual(['RESTORE', 'QUEUED', tenantId, { requestId: id }]);
    const row = await db.restoreRequest.findUniqueOrThrow({ where: { id } });
    expect([row.status, row.jobId]).toEqual(['QUEUED', job.id]);
    const approval = await db.approval.findFirstOrThrow({ where: { requestId: id, approverId: u.oscar.userId } });
    expect(approval.expiresAt.getTime() - approval.createdAt.getTime()).toBe(12 * 3600_000);
    expect((await audits(id)).map((a) => a.action)).toEqual([
      'restore.request.submit',
      'restore.request.approve',
      'restore.request.approve',
      'restore.request.queue',
    ]);
    await expect(approveRestoreRequest({ actor: u.rex, requestId: id, reason: 'late' })).rejects.toMatchObject({ code: 'CONFLICT' });

    // Cancelled before it runs: request and job, and the worker then finds nothing to do.
    await expect(cancelRestoreRequest({ actor: u.viewer, tenantId, requestId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await cancelRestoreRequest({ actor: u.requester, tenantId, requestId: id, reason: 'not needed any more' });
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe('CANCELLED');
    const before = await live();
    expect(await runRequestJob(ctx, job.id)).toBeNull();
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id } })).status).toBe('CANCELLED');
    expect(await live()).toBe(before);
  });

  it('rejects with a reason', async () => {
    const { id } = await submit();
    await rejectRestoreRequest({ actor: u.oscar, requestId: id, reason: 'wrong snapshot' });
    expect(await db.restoreRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'REJECTED', statusReason: 'wrong snapshot' });
    await expect(approveRestoreRequest({ actor: u.paula, requestId: id, reason: 'fine' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
