'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createAction } from '@/lib/actions/create-action';
import { cancelRestoreRequest } from '@/lib/requests/cancel-restore-request';
import { ZRequestId, ZRequestReason } from '@/lib/requests/schemas';
import { submitRestoreRequest } from '@/lib/requests/submit-restore-request';
import { previewRestoreRequestUndo } from '@/lib/requests/preview-restore-request-undo';
import { undoRestoreRequest } from '@/lib/requests/undo-restore-request';

const ZSubmitInput = z
  .object({ reason: ZRequestReason, spec: z.unknown().optional(), dryRunJobId: z.string().max(64).optional(), planHash: z.string().max(64).optional() })
  .refine((v) => v.spec !== undefined || v.dryRunJobId !== undefined, 'Name a restore package or a dry-run.');
const ZRequestInput = z.object({ requestId: ZRequestId, reason: z.string().max(2000).optional() });
const request = { type: 'restore_request', key: 'requestId' };

/** Submit a restore request from a dry-run (its job id) or a package; returns the request id and its risk. */
export const submitRestoreRequestAction = createAction({
  name: 'submitRestoreRequestAction',
  scope: { tenant: 'restores.request' },
  stepUp: true,
  input: ZSubmitInput,
  run: async ({ actor, tenant, input, origin }) => {
    const result = await submitRestoreRequest({
      actor,
      tenantId: tenant.id,
      spec: input.spec,
      dryRunJobId: input.dryRunJobId,
      planHash: input.planHash,
      reason: input.reason,
      origin,
    });
    revalidatePath(`/t/${tenant.slug}/restores`);
    return result;
  },
});

/** Cancel a request of the tenant that has not started running. */
export const cancelRestoreRequestAction = createAction({
  name: 'cancelRestoreRequestAction',
  scope: { tenant: 'restores.request' },
  input: ZRequestInput,
  target: request,
  run: async ({ actor, tenant, input, origin }) => {
    const result = await cancelRestoreRequest({ actor, tenantId: tenant.id, requestId: input.requestId, reason: input.reason, origin });
    revalidatePath(`/t/${tenant.slug}/restores`);
    return result;
  },
});

/** Queue an undo preview of a verified restore (what undo would overwrite); returns the preview job id. */
export const previewRestoreUndoAction = createAction({
  name: 'previewRestoreUndoAction',
  scope: { tenant: 'restores.undo' },
  input: z.object({ requestId: ZRequestId }),
  target: request,
  run: async ({ actor, tenant, input, origin }) => previewRestoreRequestUndo({ actor, tenantId: tenant.id, requestId: input.requestId, origin }),
});

/**
 * Undo a verified restore of the tenant, bound to a finished preview: queued at once (puts the
 * safety snapshot back), or waiting for approvals where the tenant's policy asks for them.
 */
export const undoRestoreRequestAction = createAction({
  name: 'undoRestoreRequestAction',
  scope: { tenant: 'restores.undo' },
  stepUp: true,
  input: ZRequestInput.extend({ previewJobId: ZRequestId }),
  target: request,
  run: async ({ actor, tenant, input, origin }) => {
    const result = await undoRestoreRequest({
      actor,
      tenantId: tenant.id,
      requestId: input.requestId,
      previewJobId: input.previewJobId,
      reason: input.reason,
      origin,
    });
    revalidatePath(`/t/${tenant.slug}/restores`);
    return result;
  },
});
