// Undo of a governed restore: the preview of what it would overwrite (UNDO_PREVIEW job, stored
// diff rows), the undo bound to that preview, its approvals (the restore approval rules) and the
// refusal of an undo whose live data moved on after approval. On a fixture of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getDryRunChangesPage } from '@/lib/restores/get-dry-run-changes-page';
import { approveRestoreRequest } from './approve-restore-request';
import { decideRestoreUndo } from './decide-restore-undo';
import { previewRestoreRequestUndo } from './preview-restore-request-undo';
import {
  DELETED,
  MODIFIED,
  audits,
  execute,
  hex,
  live,
  orders,
  previewUndo,
  setUpLifecycle,
  submit,
  tearDownLifecycle,
  tenantId,
  u,
} from './testing/lifecycle-fixture';
import { undoRestoreRequest } from './undo-restore-request';

beforeAll(setUpLifecycle);
afterAll(tearDownLifecycle);

const slug = () => `it-rreq-${hex}`;
const approve = (actor: (typeof u)[keyof typeof u], requestId: string) =>
  decideRestoreUndo({ actor, input: { requestId, decision: 'APPROVE', reason: 'undo checked' } });

/** A request submitted, approved and executed (VERIFIED). */
async function verified(): Promise<string> {
  const { id } = await submit();
  const { jobId } = await approveRestoreRequest({ actor: u.paula, requestId: id, reason: 'approved after review' });
  expect((await execute(id, jobId!)).status).toBe('VERIFIED');
  return id;
}

describe('undo of a restore request', () => {
  it('previews what it would overwrite, then needs another person’s approval like the restore did', async () => {
    const id = await verified();
    // A change made after the restore: the undo would overwrite it with the pre-restore document.
    await orders().updateOne({ _id: MODIFIED._id }, { $set: { status: 'refunded' } });
    const { previewJobId, job } = await previewUndo(id);
    expect(job?.status).toBe('SUCCEEDED');
    expect(job?.result).toMatchObject({ changed: 1, collections: expect.arrayContaining([{ name: 'orders', written: 4, changed: 1 }]) });
    const page = await getDryRunChangesPage({ actor: u.viewer, slug: slug(), jobId: previewJobId, query: {} });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ namespace: 'orders', action: 'update', live: { status: 'refunded' }, snapshot: { status: 'cancelled' } });
    expect(page.items[0]!.changes.map((c) => c.path)).toContain('status');

    const before = await live();
    expect(
      await undoRestoreRequest({ actor: u.requester, tenantId, requestId: id, previewJobId, reason: 'the restore brought back the wrong orders' }),
    ).toEqual({
      status: 'UNDO_PENDING_APPROVAL',
      undoJobId: null,
      requiredApprovals: 1,
    });
    // Not the undo's requester (no approver role), not another account of the same person.
    await expect(approve(u.requester, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(approve(u.requester2, id)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/you asked for/) });
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id } })).status).toBe('UNDO_PENDING_APPROVAL');
    const decided = await approve(u.paula, id);
    expect(decided).toMatchObject({ status: 'UNDOING', approvals: 1, required: 1 });
    await expect(approve(u.oscar, id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await live()).toBe(before);
    const undone = await execute(id, decided.undoJobId!);
    expect([undone.status, undone.job?.status]).toEqual(['UNDONE', 'SUCCEEDED']);
    expect(await orders().findOne({ _id: MODIFIED._id })).toMatchObject({ status: 'cancelled' });
    expect((await audits(id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['restore.undo_preview.queued', 'restore.request.undo_submit', 'restore.request.undo_approve', 'restore.request.undo_queue']),
    );
  });

  it('refuses an approved undo when the live data changed after the preview; a new preview needs a new approval', async () => {
    const id = await verified();
    const { previewJobId } = await previewUndo(id);
    await undoRestoreRequest({ actor: u.requester, tenantId, requestId: id, previewJobId });
    const { undoJobId } = await approve(u.paula, id);
    await orders().updateOne({ _id: DELETED[0]!._id }, { $set: { status: 'edited after approval' } });
    const before = await live();
    const refused = await execute(id, undoJobId!);
    expect([refused.status, refused.job?.status]).toEqual(['VERIFIED', 'FAILED']);
    expect(refused.message).toMatch(/changed since the undo preview/);
    expect(await live()).toBe(before);
    const row = await db.restoreRequest.findUniqueOrThrow({ where: { id } });
    expect(row.statusReason).toMatch(/preview the undo again/);
    expect((await audits(id)).at(-1)?.action).toBe('restore.request.undo_fail');

    // Preview again: the edit shows; paula's approval was on the old revision and no longer counts.
    const again = await previewUndo(id);
    expect(again.job?.result).toMatchObject({ changed: 1 });
    expect((await undoRestoreRequest({ actor: u.requester, tenantId, requestId: id, previewJobId: again.previewJobId })).status).toBe('UNDO_PENDING_APPROVAL');
    const byOscar = await approve(u.oscar, id);
    expect(byOscar).toMatchObject({ status: 'UNDOING', approvals: 1 });
    expect((await execute(id, byOscar.undoJobId!)).status).toBe('UNDONE');
    expect(await orders().countDocuments({ _id: DELETED[0]!._id })).toBe(0);
  });

  it('binds the undo to a finished, current preview of the same request; one step where the restore needed no approval', async () => {
    const id = await verified();
    const other = await verified();
    const first = await previewRestoreRequestUndo({ actor: u.requester, tenantId, requestId: id });
    // Not finished yet (no worker ran it).
    await expect(undoRestoreRequest({ actor: u.requester, tenantId, requestId: id, previewJobId: first.previewJobId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await execute(id, first.previewJobId);
    const second = await previewUndo(id);
    await expect(undoRestoreRequest({ actor: u.requester, tenantId, requestId: id, previewJobId: first.previewJobId })).rejects.toThrow(/newer undo preview/);
    const otherPreview = await previewUndo(other);
    await expect(undoRestoreRequest({ actor: u.requester, tenantId, requestId: id, previewJobId: otherPreview.previewJobId })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(undoRestoreRequest({ actor: u.requester, tenantId, requestId: id, previewJobId: 'no-such-preview' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    // A restore that needed no approval (requiredApprovals 0) is undone in one step.
    await db.restoreRequest.update({ where: { id }, data: { requiredApprovals: 0 } });
    const direct = await undoRestoreRequest({ actor: u.requester, tenantId, requestId: id, previewJobId: second.previewJobId });
    expect(direct).toMatchObject({ status: 'UNDOING', requiredApprovals: 0 });
    expect((await execute(id, direct.undoJobId!)).status).toBe('UNDONE');
  });
});
