import 'server-only';
import { randomBytes } from 'node:crypto';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { dryRunRestore, isEngineError } from '@/lib/engine';
import { AppError } from '@/lib/errors';
import { openRestoreTarget } from '@/lib/restores/open-restore-target';
import { prepareRestore } from '@/lib/restores/prepare-restore';
import { summarizeDryRun } from '@/lib/restores/summarize-dry-run';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { assertTenantMayAct } from './assert-tenant-may-act';
import { recordSubmittedRestoreRequest, SAMPLE_CHANGES } from './record-submitted-restore-request';
import { REQUEST_AUDIT, withDeniedAudit } from './request-audit';
import { ZRequestReason } from './schemas';

export const newRequestId = () => `rr${randomBytes(12).toString('hex')}`;

/**
 * Submits a restore request from a dry-run: the package (given, or taken from a finished DRY_RUN
 * job of the tenant) is planned and dry-run again with the request's id as restore id — the
 * plan hash and the target's pre-state fingerprint the approvals will bind — and, when a
 * dry-run job is named, its counts must still be what the requester saw.
 */
export async function submitRestoreRequest(args: {
  actor: TActor;
  tenantId: string;
  spec?: unknown;
  dryRunJobId?: string;
  reason: string;
  ctx?: TEngineContext;
  origin?: string | null;
}): Promise<{ id: string; risk: 'LOW' | 'HIGH'; requiredApprovals: number }> {
  const { actor, tenantId } = args;
  await withDeniedAudit(actor, { action: REQUEST_AUDIT.submitted, tenantId, origin: args.origin }, async () => {
    assertCan(actor, 'restores.request', tenantId);
    assertTenantMayAct(actor);
  });
  const reason = ZRequestReason.safeParse(args.reason);
  if (!reason.success) throw new AppError('INVALID_INPUT', reason.error.issues[0]!.message);
  const tenant = await db.tenant.findFirst({ where: { id: tenantId, status: 'ACTIVE' } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such tenant.');

  let spec = args.spec;
  let seenCounts: unknown = null;
  if (args.dryRunJobId !== undefined) {
    const job = await db.job.findFirst({ where: { id: args.dryRunJobId, tenantId, type: 'DRY_RUN', status: 'SUCCEEDED' }, select: { payload: true, result: true } });
    if (!job) throw new AppError('NOT_FOUND', 'No such dry-run of this tenant.');
    spec = (job.payload as { spec?: unknown }).spec;
    seenCounts = (job.result as { counts?: unknown } | null)?.counts ?? null;
  }
  if (spec === undefined) throw new AppError('INVALID_INPUT', 'Name a restore package or a dry-run.');

  const requestId = newRequestId();
  const ctx = args.ctx ?? (await createEngineContext());
  try {
    const { plan, repo } = await prepareRestore({ ctx, tenant, spec, restoreId: requestId }).catch(toAppError);
    const target = openRestoreTarget();
    let dry;
    try {
      dry = summarizeDryRun(await dryRunRestore(plan, { repo, target }, { page: 1, pageSize: SAMPLE_CHANGES }), { withChanges: true });
    } finally {
      await target.close();
    }
    if (seenCounts !== null && !sameCounts(seenCounts, dry.counts)) {
      throw new AppError('CONFLICT', 'The data changed since your dry-run; run the dry-run again and review it before submitting.');
    }
    return await recordSubmittedRestoreRequest({ actor, tenantId, requestId, spec: plan.spec as never, reason: reason.data, dryRun: dry, origin: args.origin });
  } finally {
    if (!args.ctx) await ctx.close();
  }
}

/** Key order is not kept by the jobs table (jsonb), so compare count by count. */
function sameCounts(seen: unknown, now: Record<string, number>): boolean {
  const s = (seen ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(s), ...Object.keys(now)]);
  return [...keys].every((k) => s[k] === now[k]);
}

function toAppError(e: unknown): never {
  if (isEngineError(e)) throw new AppError('INVALID_INPUT', e.message);
  throw e;
}
