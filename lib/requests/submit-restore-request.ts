import 'server-only';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError, isAppError } from '@/lib/errors';
import { restoreIdOfDryRun } from '@/lib/restores/restore-id-of-dry-run';
import type { TDryRunSummary } from '@/lib/restores/summarize-dry-run';
import { assertTenantMayAct } from './assert-tenant-may-act';
import { recordSubmittedRestoreRequest } from './record-submitted-restore-request';
import { ZRequestReason } from './schemas';

const ZHash = z.string().regex(/^[0-9a-f]{64}$/);
const ZCounts = z.object({
  insert: z.number(),
  update: z.number(),
  delete: z.number(),
  unchanged: z.number(),
  conflict: z.number(),
  conflictSkipped: z.number(),
});
/** What a DRY_RUN job stores as its result (lib/restores/run-restore-dry-run.ts), checked before it binds a request. */
const ZStoredDryRun = z.object({
  restoreId: z.string().min(1),
  snapshotId: z.string().min(1),
  planHash: ZHash,
  preStateFingerprint: z.string().min(1),
  counts: ZCounts,
  collections: z.array(z.object({ name: z.string() }).passthrough()),
  changes: z.object({ page: z.number(), pageSize: z.number(), total: z.number(), items: z.array(z.unknown()).optional() }),
  /** the validated package the plan was made from */
  spec: z.object({ target: z.object({ mode: z.string() }).passthrough(), source: z.object({ snapshotId: z.string() }).passthrough() }).passthrough(),
});

/**
 * Submits a restore request from a finished DRY_RUN job of the tenant. The request is bound to
 * what that job stored — plan hash, pre-state fingerprint, counts, sample diffs — and takes the
 * restore id the dry-run planned for as its id, so the worker's re-plan at execution yields the
 * same plan hash. Nothing is planned again and no MongoDB or S3 read happens here. Refused: a
 * dry-run of another tenant (not found), one not SUCCEEDED, one whose stored result is not a
 * plan of its own package and restore id, one whose plan hash is not `planHash` (when given: the
 * hash the requester saw), a raw package without a dry-run, a dry-run already submitted.
 */
export async function submitRestoreRequest(args: {
  actor: TActor;
  tenantId: string;
  dryRunJobId?: string;
  /** the plan hash the requester reviewed (optional): must be the dry-run's */
  planHash?: string;
  /** refused: a package must be dry-run as a job first (queueRestoreDryRun) */
  spec?: unknown;
  reason: string;
  origin?: string | null;
}): Promise<{ id: string; risk: 'LOW' | 'HIGH'; requiredApprovals: number }> {
  const { actor, tenantId } = args;
  assertCan(actor, 'restores.request', tenantId);
  assertTenantMayAct(actor);
  const reason = ZRequestReason.safeParse(args.reason);
  if (!reason.success) throw new AppError('INVALID_INPUT', reason.error.issues[0]!.message);
  if (args.dryRunJobId === undefined) {
    throw new AppError(
      'INVALID_INPUT',
      'A restore request is submitted from a finished dry-run: run the dry-run of this package first (it runs as a job), then submit that dry-run.',
    );
  }
  const tenant = await db.tenant.findFirst({ where: { id: tenantId, status: 'ACTIVE' }, select: { id: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such tenant.');

  const job = await db.job.findFirst({
    where: { id: args.dryRunJobId, tenantId, type: 'DRY_RUN' },
    select: { id: true, status: true, payload: true, result: true },
  });
  if (!job) throw new AppError('NOT_FOUND', 'No such dry-run of this tenant.');
  if (job.status !== 'SUCCEEDED') {
    throw new AppError(
      'CONFLICT',
      job.status === 'QUEUED' || job.status === 'RUNNING'
        ? 'The dry-run has not finished yet; submit it once its results are shown.'
        : `The dry-run ${job.status.toLowerCase()}; run it again before submitting.`,
    );
  }
  const stored = ZStoredDryRun.safeParse(job.result);
  const restoreId = restoreIdOfDryRun(job);
  if (!stored.success) throw new AppError('CONFLICT', 'This dry-run has no plan recorded; run the dry-run again before submitting.');
  const { spec, ...dryRun } = stored.data;
  if (dryRun.restoreId !== restoreId || dryRun.snapshotId !== spec.source.snapshotId) {
    throw new AppError('CONFLICT', 'The plan recorded by this dry-run does not belong to its package; run the dry-run again.');
  }
  if (args.planHash !== undefined && args.planHash !== dryRun.planHash) {
    throw new AppError('CONFLICT', 'The dry-run you reviewed is not this plan (plan hash mismatch); reload the dry-run and review it again.');
  }

  try {
    return await recordSubmittedRestoreRequest({
      actor,
      tenantId,
      requestId: restoreId,
      spec,
      reason: reason.data,
      dryRun: dryRun as unknown as TDryRunSummary,
      origin: args.origin,
    });
  } catch (e) {
    if (!isAppError(e) && (e as { code?: unknown }).code === 'P2002') {
      throw new AppError('CONFLICT', `This dry-run was already submitted (request ${restoreId}); follow that request or run a new dry-run.`);
    }
    throw e;
  }
}
