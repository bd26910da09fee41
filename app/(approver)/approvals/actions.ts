'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction, requestOrigin, type TActionResult } from '@/lib/actions/run-action';
import { assertCan } from '@/lib/auth/assert-can';
import { getCurrentActor } from '@/lib/auth/get-current-actor';
import { AppError } from '@/lib/errors';
import { approveRestoreRequest, type TApproveResult } from '@/lib/requests/approve-restore-request';
import { rejectRestoreRequest } from '@/lib/requests/reject-restore-request';
import { REQUEST_AUDIT, withDeniedAudit } from '@/lib/requests/request-audit';
import { parseInput, ZDecisionReason, ZRequestId } from '@/lib/requests/schemas';

const ZDecisionInput = z.object({ requestId: ZRequestId, reason: ZDecisionReason });

async function approverOrThrow(action: (typeof REQUEST_AUDIT)['approved' | 'rejected'], input: unknown, origin: string | null) {
  const actor = await getCurrentActor();
  const targetId = typeof (input as { requestId?: unknown } | null)?.requestId === 'string' ? (input as { requestId: string }).requestId.slice(0, 64) : null;
  await withDeniedAudit(actor, { action, targetId, origin }, async () => {
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    assertCan(actor, 'restores.approve');
  });
  return actor!;
}

/** Approve a restore request (approvers; never one's own). */
export async function approveRestoreRequestAction(input: unknown): Promise<TActionResult<TApproveResult>> {
  return runAction(async () => {
    const origin = await requestOrigin();
    const actor = await approverOrThrow(REQUEST_AUDIT.approved, input, origin);
    const { requestId, reason } = parseInput(ZDecisionInput, input);
    const result = await approveRestoreRequest({ actor, requestId, reason, origin });
    revalidatePath('/approvals');
    return result;
  });
}

/** Reject a restore request with a reason (approvers; never one's own). */
export async function rejectRestoreRequestAction(input: unknown): Promise<TActionResult<{ status: 'REJECTED' }>> {
  return runAction(async () => {
    const origin = await requestOrigin();
    const actor = await approverOrThrow(REQUEST_AUDIT.rejected, input, origin);
    const { requestId, reason } = parseInput(ZDecisionInput, input);
    const result = await rejectRestoreRequest({ actor, requestId, reason, origin });
    revalidatePath('/approvals');
    return result;
  });
}
