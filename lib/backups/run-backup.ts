import 'server-only';
import { db } from '@/lib/db';
import { runSnapshot, type TManifest, type TSnapshotProgress, type TSnapshotStats } from '@/lib/engine';
import { heartbeatJob, recordJobCondition } from '@/lib/jobs/job-conditions';
import { createBackupProgress } from './backup-progress';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { toEngineTenant } from '@/lib/vault/engine-tenant';

export type TBackupKind = 'auto' | 'full' | 'incremental';

/** Parent for the next snapshot: none for a full one, or every `fullEvery` snapshots. */
async function chooseParent(tenantId: string, kind: TBackupKind, fullEvery: number): Promise<string | null> {
  if (kind === 'full') return null;
  const recent = await db.snapshot.findMany({
    where: { tenantId, status: 'COMPLETED', manifestKey: { not: null } },
    orderBy: { seq: 'desc' },
    take: Math.max(fullEvery, 1),
    select: { id: true, kind: true },
  });
  const latest = recent[0];
  if (!latest) return null;
  if (kind === 'incremental') return latest.id;
  const sinceFull = recent.findIndex((s) => s.kind === 'FULL');
  return sinceFull === -1 || sinceFull + 1 >= fullEvery ? null : latest.id;
}

/**
 * One backup of one tenant: a Job row tracks it; the engine writes packs → index → manifest;
 * only then are the Snapshot and SnapshotCollection rows written, in one transaction. A crash
 * before that leaves a RUNNING job and unreferenced objects (for GC), never a listed snapshot.
 */
export async function runBackup(args: {
  ctx: TEngineContext;
  tenantId: string;
  kind?: TBackupKind;
  requestedById?: string | null;
  /** Run under this Job row, already claimed by the worker (RUNNING, its attempt counted). */
  jobId?: string;
  /** The worker's attempt number: terminal writes apply only while the row is still this attempt's. */
  attempt?: number;
  onProgress?: (p: TSnapshotProgress) => void;
  signal?: AbortSignal;
  /** Test seam for the crash-safety test: awaited right after the snapshot rows are committed. */
  checkpoint?: (name: 'snapshot-rows-committed') => Promise<void>;
}): Promise<{ jobId: string; manifest: TManifest }> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: args.tenantId }, include: { backupPolicy: true } });
  const job = args.jobId
    ? await db.job.findFirstOrThrow({ where: { id: args.jobId, tenantId: tenant.id, type: 'BACKUP' }, select: { id: true } })
    : await db.job.create({
        data: { tenantId: tenant.id, type: 'BACKUP', status: 'RUNNING', payload: { kind: args.kind ?? 'auto' }, createdById: args.requestedById ?? null, startedAt: new Date(), attempts: 1 },
      });
  await recordJobCondition(job.id, { type: 'Running' });
  const parent = await chooseParent(tenant.id, args.kind ?? 'auto', tenant.backupPolicy?.fullEvery ?? 7);
  const previous = await db.snapshot.findFirst({ where: { tenantId: tenant.id, status: 'COMPLETED' }, orderBy: { seq: 'desc' }, select: { documents: true } });
  const toJobProgress = createBackupProgress({ expectedDocuments: previous ? Number(previous.documents) : null });
  let lastBeat = 0;
  try {
    const { manifest, stats } = await runSnapshot({
      tenant: toEngineTenant(tenant),
      endpoint: args.ctx.endpoint,
      store: args.ctx.store,
      keys: args.ctx.keys,
      options: args.ctx.options,
      parent,
      signal: args.signal,
      onProgress: (p) => {
        args.onProgress?.(p);
        const progress = toJobProgress(p);
        if (Date.now() - lastBeat > 1_000 || p.phase === 'done') {
          lastBeat = Date.now();
          void heartbeatJob(job.id, progress).catch(() => undefined);
        }
      },
    });
    await recordSnapshotRows(tenant.id, job.id, manifest, stats);
    await args.checkpoint?.('snapshot-rows-committed');
    await recordJobCondition(job.id, { type: 'Succeeded', message: `snapshot ${manifest.snapshotId}` }, {
      status: 'SUCCEEDED',
      finishedAt: new Date(),
      result: { snapshotId: manifest.snapshotId, documents: stats.documents, storedBytes: stats.storedBytes },
    }, { attempt: args.attempt });
    return { jobId: job.id, manifest };
  } catch (e) {
    // Stopped from outside (cancel, shutdown, takeover): the worker that aborted decides the status.
    if (args.signal?.aborted) throw e;
    const message = e instanceof Error ? e.message : String(e);
    await recordJobCondition(job.id, { type: 'Failed', message }, { status: 'FAILED', finishedAt: new Date(), error: message }, { attempt: args.attempt });
    throw e;
  }
}

async function recordSnapshotRows(tenantId: string, jobId: string, m: TManifest, stats: TSnapshotStats): Promise<void> {
  const changed = m.collections.reduce((n, c) => n + c.delta.inserted + c.delta.updated, 0);
  const deleted = m.collections.reduce((n, c) => n + c.delta.deleted, 0);
  await db.$transaction(async (tx) => {
    // The snapshot is listed only if its job is still ours to finish: a job cancelled (or taken
    // over by another worker) meanwhile leaves unreferenced objects for GC, never a listed row.
    const [job] = await tx.$queryRaw<Array<{ status: string }>>`SELECT status::text AS status FROM jobs WHERE id = ${jobId} FOR UPDATE`;
    if (job?.status !== 'RUNNING') throw new Error(`job ${jobId} is ${job?.status ?? 'gone'}; snapshot ${m.snapshotId} not recorded`);
    await tx.snapshot.create({
      data: {
        id: m.snapshotId,
        tenantId,
        seq: m.seq,
        kind: m.kind === 'full' ? 'FULL' : 'INCREMENTAL',
        status: 'COMPLETED',
        parentId: m.parent,
        manifestKey: m.snapshotId,
        consistentAt: new Date(m.consistentAt),
        consistencyMethod: m.consistency.method,
        startedAt: new Date(m.consistency.scanStartedAt),
        finishedAt: new Date(m.createdAt),
        documents: BigInt(m.stats.documents),
        changedDocuments: BigInt(changed),
        deletedDocuments: BigInt(deleted),
        logicalBytes: BigInt(m.stats.bytes),
        // Everything this snapshot added to the repository (packs, index segments, manifest);
        // the collections' values add up to it minus the manifest.
        storedBytes: BigInt(stats.storedBytes),
        durationMs: Math.round(m.stats.durationMs),
        jobId,
      },
    });
    await tx.snapshotCollection.createMany({
      data: m.collections.map((c) => ({
        snapshotId: m.snapshotId,
        tenantId,
        namespace: `${c.source.database}.${c.source.collection}`,
        documents: BigInt(c.count),
        changedDocuments: BigInt(c.delta.inserted + c.delta.updated),
        logicalBytes: BigInt(c.bytes),
        storedBytes: BigInt(stats.storedBytesByCollection[c.name] ?? 0),
        indexes: c.spec.indexes as object[],
        fingerprint: c.fingerprint,
      })),
    });
  });
}
