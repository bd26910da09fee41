import 'server-only';
import { db, type Prisma } from '@/lib/db';
import { takeoverSecondsFor, ownerOf } from '@/lib/jobs/local-owner';
import type { TWriterDecision } from './acquire-writer-here';
import { isSamePackage, listInterruptedRestores, type TInterruptedRestore } from './list-interrupted-restores';

const ageSeconds = (r: Pick<TInterruptedRestore, 'heartbeatAt'>) => (r.heartbeatAt ? (Date.now() - r.heartbeatAt.getTime()) / 1000 : Infinity);
/** A governed restore that ended half-way: its request's flow owns it (the CLI neither resumes nor waits for it). */
const isEndedGoverned = (r: TInterruptedRestore) => !!r.requestId && r.status !== 'RUNNING';
const isStale = (r: TInterruptedRestore) => r.status !== 'RUNNING' || ageSeconds(r) >= takeoverSecondsFor(r.conditions);

/** One line naming an interrupted restore and the two ways out of it. */
export function describeInterrupted(r: TInterruptedRestore, slug: string): string {
  const state =
    r.status === 'RUNNING'
      ? `its process stopped (owner ${ownerOf(r.conditions) ?? 'unknown'}, no heartbeat for ${Math.round(ageSeconds(r))} s)`
      : `it ended ${r.status} after writing part of its documents`;
  const how = r.requestId
    ? r.status === 'RUNNING'
      ? `it is restore request ${r.requestId}: a worker takes it over, or resume it: npm run vault -- restore --tenant ${slug} --resume ${r.restoreId}`
      : `it is restore request ${r.requestId}: its request page shows what happened`
    : `resume it: npm run vault -- restore --tenant ${slug} --resume ${r.restoreId}; or undo it: npm run vault -- undo --tenant ${slug} --restore ${r.restoreId}`;
  return `restore ${r.restoreId} (job ${r.jobId}) of tenant ${slug} ${r.hasWritten ? 'is half-done' : 'was interrupted before writing'}: ${state}; ${how}`;
}

/**
 * What `vault restore --execute` (package `spec`) or `--resume <id>` does now, from the catalog:
 * the tenant's interrupted restore of the same package (or the one named) is resumed — taken
 * over once stale, reopened when it ended FAILED/CANCELLED half-way — as the same job, restore
 * id, journal and safety snapshot; waited for while it still heartbeats. Another package while
 * a restore is half-done stops (`interrupted`, naming it); a stale operator restore that wrote
 * nothing yet is superseded (ended FAILED) instead. Otherwise a new RESTORE job starts
 * (re-checked inside the claim's lock). `state.wanted` remembers the job being resumed: when it
 * finished meanwhile (a worker took it over), this run stops with `finished`.
 */
export async function decideRestoreStart(args: {
  tenant: { id: string; slug: string };
  spec?: unknown;
  resumeId?: string;
  payload: (spec: unknown) => Prisma.InputJsonValue;
  canRunGoverned: boolean;
  createdById?: string | null;
  state: { wanted?: string };
}): Promise<TWriterDecision> {
  const { tenant, state } = args;
  const interrupted = await listInterruptedRestores(tenant.id);
  let target: TInterruptedRestore | undefined;
  if (args.resumeId) {
    target = interrupted.find((r) => r.jobId === args.resumeId || r.restoreId === args.resumeId);
    if (!target) {
      if (state.wanted) return { kind: 'stop', code: 'finished', message: `job ${state.wanted} finished meanwhile`, jobId: state.wanted };
      return { kind: 'stop', code: 'refused', message: await whyNotResumable(tenant, args.resumeId) };
    }
    if (args.spec !== undefined && !isSamePackage(target, args.spec))
      return {
        kind: 'stop',
        code: 'refused',
        message: `--spec is not the package of restore ${target.restoreId}; resume it without --spec or with its own package`,
      };
  } else {
    target = interrupted.find((r) => isSamePackage(r, args.spec) && !isEndedGoverned(r));
    if (!target && state.wanted) return { kind: 'stop', code: 'finished', message: `job ${state.wanted} finished meanwhile`, jobId: state.wanted };
  }
  if (!target) {
    // A stale operator restore that never started its journal has written nothing: it is ended
    // (FAILED, superseded) in the same step as the new one starts. One that wrote blocks.
    // A governed restore that ended half-way belongs to its request's flow (not resumed or undone
    // from here), so it does not block the CLI; a RUNNING one does (`--resume` takes it over).
    const stale = interrupted.filter((r) => isStale(r) && !isEndedGoverned(r));
    const blocking = stale.find((r) => r.hasWritten || r.requestId);
    if (blocking) return { kind: 'stop', code: 'interrupted', message: describeInterrupted(blocking, tenant.slug) };
    const superseded = stale.map((r) => ({
      jobId: r.jobId,
      attempts: r.attempts,
      staleSeconds: takeoverSecondsFor(r.conditions),
      message: `interrupted before writing anything (owner ${ownerOf(r.conditions) ?? 'unknown'}, no heartbeat for ${Math.round(ageSeconds(r))} s); superseded by a new restore from the operator CLI`,
    }));
    return {
      kind: 'claim',
      request: {
        tenantId: tenant.id,
        type: 'RESTORE',
        start: { payload: args.payload(args.spec), createdById: args.createdById, origin: 'restore' },
        supersede: superseded,
        // Inside the lock: a restore that stopped half-way since the look above (or one about to be
        // superseded that started writing meanwhile) still stops this one.
        check: async (tx) => {
          const ids = new Set(superseded.map((x) => x.jobId));
          const now = (await listInterruptedRestores(tenant.id, tx)).find(
            (r) => (r.status !== 'RUNNING' && !r.requestId) || (ids.has(r.jobId) && r.hasWritten),
          );
          return now ? describeInterrupted(now, tenant.slug) : null;
        },
      },
    };
  }
  state.wanted = target.jobId;
  if (target.requestId && !args.canRunGoverned)
    return { kind: 'stop', code: 'refused', message: `${describeInterrupted(target, tenant.slug)} (not from the operator CLI)` };
  if (target.requestId && target.status !== 'RUNNING')
    return { kind: 'stop', code: 'refused', message: `${describeInterrupted(target, tenant.slug)} (a governed restore that ended is not reopened)` };
  if (!isStale(target)) {
    const secs = takeoverSecondsFor(target.conditions);
    return {
      kind: 'wait',
      message: `restore ${target.restoreId} (job ${target.jobId}) of this package is running (owner ${ownerOf(target.conditions) ?? 'unknown'}, heartbeat ${Math.round(ageSeconds(target))} s ago); it is resumed here if its heartbeat stops for ${secs} s`,
    };
  }
  return {
    kind: 'claim',
    request: {
      tenantId: tenant.id,
      type: 'RESTORE',
      resume: { jobId: target.jobId, attempts: target.attempts, staleSeconds: target.status === 'RUNNING' ? takeoverSecondsFor(target.conditions) : 0 },
    },
  };
}

async function whyNotResumable(tenant: { id: string; slug: string }, id: string): Promise<string> {
  const row = await db.job.findFirst({
    where: {
      tenantId: tenant.id,
      type: 'RESTORE',
      OR: [{ id }, { result: { path: ['restoreId'], equals: id } }, { payload: { path: ['requestId'], equals: id } }],
    },
    orderBy: { createdAt: 'desc' },
    select: { id: true, status: true },
  });
  if (!row) return `tenant ${tenant.slug} has no restore ${id}`;
  return `restore ${id} (job ${row.id}) is ${row.status} and not half-done: nothing to resume`;
}
