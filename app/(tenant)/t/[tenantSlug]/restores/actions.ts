'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createAction } from '@/lib/actions/create-action';
import { cancelRestoreRequest } from '@/lib/requests/cancel-restore-request';
import { ZRequestId, ZRequestReason } from '@/lib/requests/schemas';
import { submitRestoreRequest } from '@/lib/requests/submit-restore-request';
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

/** Undo a verified restore of the tenant (puts the safety snapshot back). */
export const undoRestoreRequestAction = createAction({
  name: 'undoRestoreRequestAction',
  scope: { tenant: 'restores.undo' },
  input: ZRequestInput,
  target: request,
  run: async ({ actor, tenant, input, origin }) => {
    const { status, undoJobId } = await undoRestoreRequest({ actor, tenantId: tenant.id, requestId: input.requestId, origin });
    revalidatePath(`/t/${tenant.slug}/restores`);
    return { status, undoJobId };
  },
});
