import 'server-only';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { runRestoreUndo, type TRestoreUndoResult } from '@/lib/restores/run-restore-undo';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { assertTenantMayAct } from './assert-tenant-may-act';
import { actorAudit, REQUEST_AUDIT, withDeniedAudit } from './request-audit';
import { parseInput, ZRequestId } from './schemas';

/**
 * A tenant admin undoes a VERIFIED request of their tenant: the restore's safety snapshot is put
 * back (an UNDO job, through the restore DAL) and the request becomes UNDONE when the documents
 * are exactly as before. Runs synchronously; another tenant's request is "not found".
 */
export async function undoRestoreRequest(args: { actor: TActor; tenantId: string; requestId: string; ctx?: TEngineContext; origin?: string | null }): Promise<{ status: 'UNDONE' | 'VERIFIED'; undoJobId: string; result: TRestoreUndoResult }> {
  const { actor, tenantId } = args;
  const requestId = parseInput(ZRequestId, args.requestId);
  await withDeniedAudit(actor, { action: REQUEST_AUDIT.undone, tenantId, targetId: requestId, origin: args.origin }, async () => {
    assertCan(actor, 'restores.undo', tenantId);
    assertTenantMayAct(actor);
  });
  const request = await db.restoreRequest.findFirst({ where: { id: requestId, tenantId }, select: { status: true, jobId: true } });
  if (!request) throw new AppError('NOT_FOUND', 'No such restore request.');
  if (request.status !== 'VERIFIED' || !request.jobId) throw new AppError('CONFLICT', `Only a verified restore can be undone; this one is ${request.status.toLowerCase().replace('_', ' ')}.`);

  const ctx = args.ctx ?? (await createEngineContext());
  try {
    const undone = await runRestoreUndo({ ctx, tenantId, restoreId: requestId, restoreJobId: request.jobId, requestedById: actor.userId });
    return await db.$transaction(async (tx) => {
      const status = undone.ok ? ('UNDONE' as const) : ('VERIFIED' as const);
      if (undone.ok) {
        const moved = await tx.restoreRequest.updateMany({ where: { id: requestId, tenantId, status: 'VERIFIED' }, data: { status: 'UNDONE', statusReason: null } });
        if (moved.count !== 1) throw new AppError('CONFLICT', 'The request changed while it was being undone.');
      }
      await appendAudit(tx, {
        ...actorAudit(actor, args.origin),
        action: REQUEST_AUDIT.undone,
        tenantId,
        targetType: 'restore_request',
        targetId: requestId,
        metadata: { undoJobId: undone.jobId, ok: undone.ok, restored: undone.result.restored, deleted: undone.result.deleted, preStateMatches: undone.result.preStateMatches },
      });
      return { status, undoJobId: undone.jobId, result: undone.result };
    });
  } finally {
    if (!args.ctx) await ctx.close();
  }
}
