// Executing approved requests (as the worker does), on a fixture of its own: see
// restore-request-lifecycle.int.test.ts for submitting and approving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { approveRestoreRequest } from './approve-restore-request';
import { cancelRestoreRequest } from './cancel-restore-request';
import { runRequestJob } from './testing/run-request-job';
import { decideRestoreUndo } from './decide-restore-undo';
import { undoRestoreRequest } from './undo-restore-request';
import {
  ORDERS,
  DELETED,
  MODIFIED,
  ctx,
  tenantId,
  u,
  orders,
  live,
  audits,
  previewUndo,
  submit,
  execute,
  setUpLifecycle,
  tearDownLifecycle,
} from './testing/lifecycle-fixture';

beforeAll(setUpLifecycle);
afterAll(tearDownLifecycle);

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
    const r = await execute(id, jobId);
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
    const r = await execute(id, jobId);
    expect([r.status, r.message]).toEqual(['PENDING_APPROVAL', expect.stringMatching(/expired/)]);
    expect(await live()).toBe(before);
  });

  it('sends it back with the new dry-run when the target changed since approval; nothing is written', async () => {
    const { id, jobId } = await queued();
    const approved = await db.restoreRequest.findUniqueOrThrow({ where: { id } });
    await orders().updateOne({ _id: ORDERS[0]!._id }, { $set: { status: 'disputed' } });
    try {
      const before = await live();
      const r = await execute(id, jobId);
      expect([r.status, r.message]).toEqual(['PENDING_APPROVAL', expect.stringMatching(/target documents changed/)]);
      expect(r.job?.status).toBe('CANCELLED');
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
    // As the worker does: claim the queued row (RUNNING, attempt 1), then run its handler.
    const r = await execute(id, jobId);
    expect(r).toMatchObject({ status: 'VERIFIED', job: { attempts: 1 } });
    expect(
      await orders()
        .find({ _id: { $in: ORDERS.map((d) => d._id) } })
        .sort({ _id: 1 })
        .toArray(),
    ).toEqual(ORDERS);
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect([job.status, (job.result as any).restoreId]).toEqual(['SUCCEEDED', id]);
    expect((await audits(id)).map((a) => a.action).slice(-2)).toEqual(['restore.request.start', 'restore.request.verify']);
    // the finished job is not claimed again
    expect(await runRequestJob(ctx, jobId)).toBeNull();

    // Undo: a preview first (what it would overwrite: nothing changed since), then the undo bound
    // to it, which needs an approval like the restore did; the admin's calls write nothing.
    const before = await live();
    const { previewJobId, job: previewJob } = await previewUndo(id);
    expect([previewJob?.status, (previewJob?.result as any).changed]).toEqual(['SUCCEEDED', 0]);
    await expect(undoRestoreRequest({ actor: u.viewer, tenantId, requestId: id, previewJobId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const asked = await undoRestoreRequest({ actor: u.requester, tenantId, requestId: id, previewJobId });
    expect(asked).toEqual({ status: 'UNDO_PENDING_APPROVAL', undoJobId: null, requiredApprovals: 1 });
    const queuedUndo = await decideRestoreUndo({ actor: u.paula, input: { requestId: id, decision: 'APPROVE', reason: 'undo checked' } });
    expect(queuedUndo.status).toBe('UNDOING');
    expect(await live()).toBe(before);
    const undoJob = await db.job.findUniqueOrThrow({ where: { id: queuedUndo.undoJobId! } });
    expect([undoJob.type, undoJob.status, undoJob.payload]).toEqual(['UNDO', 'QUEUED', { requestId: id }]);
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id } })).status).toBe('UNDOING');
    await expect(undoRestoreRequest({ actor: u.requester, tenantId, requestId: id, previewJobId })).rejects.toThrow(/already being undone/);
    const undone = await execute(id, queuedUndo.undoJobId!);
    expect([undone.status, undone.job?.status, (undone.job?.result as any).preStateMatches]).toEqual(['UNDONE', 'SUCCEEDED', true]);
    expect(undone.job?.progress).toMatchObject({ phase: 'done', documents: { done: 4, total: 4 } });
    expect((await audits(id)).map((a) => a.action).slice(-2)).toEqual(['restore.request.undo_queue', 'restore.request.undo']);
    expect(await orders().countDocuments({ _id: { $in: DELETED.map((d) => d._id) } })).toBe(0);
    expect(await orders().findOne({ _id: MODIFIED._id })).toMatchObject({ status: 'cancelled' });
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id } })).status).toBe('UNDONE');
  });
});
