'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction, requestOrigin, type TActionResult } from '@/lib/actions/run-action';
import type { TActor } from '@/lib/auth/actor';
import { getCurrentActor } from '@/lib/auth/get-current-actor';
import type { TTenantPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { cancelRestoreRequest } from '@/lib/requests/cancel-restore-request';
import { REQUEST_AUDIT, withDeniedAudit, type TRequestAuditAction } from '@/lib/requests/request-audit';
import { parseInput, ZRequestId, ZRequestReason } from '@/lib/requests/schemas';
import { submitRestoreRequest } from '@/lib/requests/submit-restore-request';
import { undoRestoreRequest } from '@/lib/requests/undo-restore-request';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';

const ZSlug = z.string().trim().min(1).max(64);
const ZSubmitInput = z
  .object({ tenantSlug: ZSlug, reason: ZRequestReason, spec: z.unknown().optional(), dryRunJobId: z.string().max(64).optional(), planHash: z.string().max(64).optional() })
  .refine((v) => v.spec !== undefined || v.dryRunJobId !== undefined, 'Name a restore package or a dry-run.');
const ZRequestInput = z.object({ tenantSlug: ZSlug, requestId: ZRequestId, reason: z.string().max(2000).optional() });

/** authenticate → resolve the tenant among the actor's own (another tenant is "not found") → permission. */
async function tenantActor(input: unknown, permission: TTenantPermission, action: TRequestAuditAction, origin: string | null): Promise<{ actor: TActor; tenantId: string }> {
  const actor = await getCurrentActor();
  const slug = parseInput(z.object({ tenantSlug: ZSlug }), input).tenantSlug;
  let tenantId: string | null = null;
  await withDeniedAudit(actor, { action, origin }, async () => {
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    tenantId = (await getTenantForActorOrThrow({ actor, slug, permission })).id;
  });
  return { actor: actor!, tenantId: tenantId! };
}

/** Submit a restore request from a dry-run (its job id) or a package; returns the request id and its risk. */
export async function submitRestoreRequestAction(input: unknown): Promise<TActionResult<{ id: string; risk: 'LOW' | 'HIGH'; requiredApprovals: number }>> {
  return runAction(async () => {
    const origin = await requestOrigin();
    const { actor, tenantId } = await tenantActor(input, 'restores.request', REQUEST_AUDIT.submitted, origin);
    const v = parseInput(ZSubmitInput, input);
    const result = await submitRestoreRequest({ actor, tenantId, spec: v.spec, dryRunJobId: v.dryRunJobId, planHash: v.planHash, reason: v.reason, origin });
    revalidatePath(`/t/${v.tenantSlug}/restores`);
    return result;
  });
}

/** Cancel a request of the tenant that has not started running. */
export async function cancelRestoreRequestAction(input: unknown): Promise<TActionResult<{ status: 'CANCELLED' }>> {
  return runAction(async () => {
    const origin = await requestOrigin();
    const { actor, tenantId } = await tenantActor(input, 'restores.request', REQUEST_AUDIT.cancelled, origin);
    const v = parseInput(ZRequestInput, input);
    const result = await cancelRestoreRequest({ actor, tenantId, requestId: v.requestId, reason: v.reason, origin });
    revalidatePath(`/t/${v.tenantSlug}/restores`);
    return result;
  });
}

/** Undo a verified restore of the tenant (puts the safety snapshot back). */
export async function undoRestoreRequestAction(input: unknown): Promise<TActionResult<{ status: 'UNDOING'; undoJobId: string }>> {
  return runAction(async () => {
    const origin = await requestOrigin();
    const { actor, tenantId } = await tenantActor(input, 'restores.undo', REQUEST_AUDIT.undone, origin);
    const v = parseInput(ZRequestInput, input);
    const { status, undoJobId } = await undoRestoreRequest({ actor, tenantId, requestId: v.requestId, origin });
    revalidatePath(`/t/${v.tenantSlug}/restores`);
    return { status, undoJobId };
  });
}
