'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createAction } from '@/lib/actions/create-action';
import { approveRestoreRequest } from '@/lib/requests/approve-restore-request';
import { decideRestoreUndo, ZDecideUndo } from '@/lib/requests/decide-restore-undo';
import { rejectRestoreRequest } from '@/lib/requests/reject-restore-request';
import { ZDecisionReason, ZRequestId } from '@/lib/requests/schemas';

const ZDecisionInput = z.object({ requestId: ZRequestId, reason: ZDecisionReason });

/** Approve a restore request (approvers; never one's own — the DAL's rule). */
export const approveRestoreRequestAction = createAction({
  name: 'approveRestoreRequestAction',
  scope: { permission: 'restores.approve' },
  stepUp: true,
  input: ZDecisionInput,
  target: { type: 'restore_request', key: 'requestId' },
  run: async ({ actor, input, origin }) => {
    const result = await approveRestoreRequest({ actor, requestId: input.requestId, reason: input.reason, origin });
    revalidatePath('/approvals');
    return result;
  },
});

/** Reject a restore request with a reason (approvers; never one's own). */
export const rejectRestoreRequestAction = createAction({
  name: 'rejectRestoreRequestAction',
  scope: { permission: 'restores.approve' },
  stepUp: true,
  input: ZDecisionInput,
  target: { type: 'restore_request', key: 'requestId' },
  run: async ({ actor, input, origin }) => {
    const result = await rejectRestoreRequest({ actor, requestId: input.requestId, reason: input.reason, origin });
    revalidatePath('/approvals');
    return result;
  },
});

/** Approve or reject an undo waiting for approval (approvers within their scope; never the undo's requester). */
export const decideRestoreUndoAction = createAction({
  name: 'decideRestoreUndoAction',
  scope: { permission: 'restores.approve' },
  stepUp: true,
  input: ZDecideUndo,
  target: { type: 'restore_request', key: 'requestId' },
  run: async ({ actor, input, origin }) => {
    const result = await decideRestoreUndo({ actor, input, origin });
    revalidatePath('/approvals/undos');
    return result;
  },
});
