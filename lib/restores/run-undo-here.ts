import 'server-only';
import { db, type Prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { ownerOf, takeoverSecondsFor } from '@/lib/jobs/local-owner';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { acquireWriterHere, type TWriterDecision } from './acquire-writer-here';
import { runAcquired, type TWriterRunEnd, type TWriterRunOptions } from './run-restore-here';
import { undoRestoreJob, type TRestoreUndoResult } from './run-restore-undo';

const ageSeconds = (at: Date | null) => (at ? (Date.now() - at.getTime()) / 1000 : Infinity);

/**
 * `vault undo` of an operator restore in this process, as the tenant's one writer: an UNDO of
 * this restore whose process died is taken over (same job; undo is idempotent); a restore still
 * RUNNING is waited for — or, once its process is gone, ended FAILED ("undone") in the same step
 * as the UNDO starts, so a half-done restore can be undone; any other writer of the tenant is
 * waited for (or `busy` with `wait: false`); a new UNDO counts against the tenant's quota.
 */
export async function runUndoHere(
  args: TWriterRunOptions & { ctx: TEngineContext; tenantId: string; restoreId: string; requestedById?: string | null; batchSize?: number },
): Promise<TWriterRunEnd<TRestoreUndoResult>> {
  // Refused before any job row is made: another tenant's (or no) restore is "not found".
  const restore = await db.job.findFirst({ where: { tenantId: args.tenantId, id: args.restoreId, type: 'RESTORE' }, select: { id: true } });
  if (!restore) throw new AppError('NOT_FOUND', `this tenant has no restore ${args.restoreId}`);
  const payload: Prisma.InputJsonValue = { restoreJobId: args.restoreId, ...(args.batchSize ? { batchSize: args.batchSize } : {}) };
  const state: { wanted?: string } = {};
  const decide = async (): Promise<TWriterDecision> => {
    const undo = await db.job.findFirst({
      where: { tenantId: args.tenantId, type: 'UNDO', status: 'RUNNING', payload: { path: ['restoreJobId'], equals: args.restoreId } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, attempts: true, heartbeatAt: true, conditions: true },
    });
    if (!undo && state.wanted) return { kind: 'stop', code: 'finished', message: `job ${state.wanted} finished meanwhile`, jobId: state.wanted };
    if (undo) {
      state.wanted = undo.id;
      const secs = takeoverSecondsFor(undo.conditions);
      if (ageSeconds(undo.heartbeatAt) < secs)
        return {
          kind: 'wait',
          message: `UNDO job ${undo.id} of restore ${args.restoreId} is running (owner ${ownerOf(undo.conditions) ?? 'unknown'}); it is resumed here if its heartbeat stops for ${secs} s`,
        };
      return { kind: 'claim', request: { tenantId: args.tenantId, type: 'UNDO', resume: { jobId: undo.id, attempts: undo.attempts, staleSeconds: secs } } };
    }
    const r = await db.job.findFirstOrThrow({
      where: { id: args.restoreId, tenantId: args.tenantId },
      select: { status: true, attempts: true, heartbeatAt: true, conditions: true },
    });
    const start = { payload, createdById: args.requestedById, origin: 'undo' };
    if (r.status !== 'RUNNING') return { kind: 'claim', request: { tenantId: args.tenantId, type: 'UNDO', start } };
    const secs = takeoverSecondsFor(r.conditions);
    if (ageSeconds(r.heartbeatAt) < secs)
      return { kind: 'wait', message: `restore ${args.restoreId} is still running (owner ${ownerOf(r.conditions) ?? 'unknown'}); undo waits for it to end` };
    const message = `stopped half-way (no heartbeat for ${Math.round(ageSeconds(r.heartbeatAt))} s, owner ${ownerOf(r.conditions) ?? 'unknown'}); undone from the operator CLI`;
    return {
      kind: 'claim',
      request: { tenantId: args.tenantId, type: 'UNDO', start, supersede: [{ jobId: args.restoreId, attempts: r.attempts, staleSeconds: secs, message }] },
    };
  };
  const acquired = await acquireWriterHere({ ...args, decide });
  return runAcquired(args.tenantId, acquired, (job, run) => {
    const p = (job.payload ?? {}) as { batchSize?: number };
    return undoRestoreJob({ ctx: args.ctx, tenantId: args.tenantId, restoreId: args.restoreId, batchSize: p.batchSize, run });
  });
}
