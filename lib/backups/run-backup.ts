import 'server-only';
import { db } from '@/lib/db';
import { runSnapshot, type TManifest, type TSnapshotProgress, type TSnapshotStats } from '@/lib/engine';
import type { TJobOutcome, TJobRun } from '@/lib/jobs/run-as-job';
import { runJobHere } from '@/lib/jobs/start-job-here';
import { loadEffectivePolicy } from '@/lib/policies/load-effective-policy';
import { createBackupProgress } from './backup-progress';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { toEngineTenant } from '@/lib/vault/engine-tenant';

export type TBackupKind = 'auto' | 'full' | 'incremental';

/** Parent for the next snapshot: none for a full one, or every `fullEvery` snapshots (the policy's schedule.fullEveryRuns). */
async function chooseParent(tenantId: string, kind: TBackupKind, fullEvery: number): Promise<string | null> {
  if (kind === 'full') return null;
  const recent = await db.snapshot.findMany({
    // never an expired snapshot: GC may already have collected what only it referenced
    where: { tenantId, status: 'COMPLETED', manifestKey: { not: null }, expiredAt: null },
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

export type TBackupResult = { snapshotId: string; documents: number; storedBytes: number };

/**
 * One backup of one tenant, as the work of a BACKUP job (`run`, lib/jobs): the engine writes
 * packs → index → manifest; only then are the Snapshot and SnapshotCollection rows written, in
 * one transaction that also checks the job is still this attempt's. A crash before that leaves
 * unreferenced objects (for GC), never a listed snapshot. Returns the outcome the job records.
 */
export async function backupTenant(args: {
  ctx: TEngineContext;
  tenantId: string;
  kind?: TBackupKind;
  run: TJobRun;
  onProgress?: (p: TSnapshotProgress) => void;
  /** Test seam for the crash-safety test: awaited right after the snapshot rows are committed. */
  checkpoint?: (name: 'snapshot-rows-committed') => Promise<void>;
}): Promise<{ manifest: TManifest; outcome: TJobOutcome<TBackupResult> }> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: args.tenantId } });
  const { policy } = await loadEffectivePolicy(db, tenant.id);
  const parent = await chooseParent(tenant.id, args.kind ?? 'auto', policy.schedule.fullEveryRuns);
  const previous = await db.snapshot.findFirst({ where: { tenantId: tenant.id, status: 'COMPLETED' }, orderBy: { seq: 'desc' }, select: { documents: true } });
  const toJobProgress = createBackupProgress({ expectedDocuments: previous ? Number(previous.documents) : null });
  const { manifest, stats } = await runSnapshot({
    tenant: toEngineTenant(tenant),
    endpoint: args.ctx.endpoint,
    store: args.ctx.store,
    keys: args.ctx.keys,
    options: args.ctx.options,
    parent,
    signal: args.run.signal,
    onProgress: (p) => {
      args.onProgress?.(p);
      args.run.progress(toJobProgress(p));
    },
  });
  await recordSnapshotRows(tenant.id, args.run, manifest, stats);
  await args.checkpoint?.('snapshot-rows-committed');
  return {
    manifest,
    outcome: {
      ok: true,
      message: `snapshot ${manifest.snapshotId}`,
      result: { snapshotId: manifest.snapshotId, documents: stats.documents, storedBytes: stats.storedBytes },
    },
  };
}

/**
 * A backup run in this process (CLI, seeders, tests) — the same BACKUP job lifecycle as the
 * worker's (runJobHere: claimed row, heartbeat, takeover if this process dies). Throws when the
 * job does not succeed.
 */
export async function runBackup(args: {
  ctx: TEngineContext;
  tenantId: string;
  kind?: TBackupKind;
  requestedById?: string | null;
  onProgress?: (p: TSnapshotProgress) => void;
  checkpoint?: (name: 'snapshot-rows-committed') => Promise<void>;
}): Promise<{ jobId: string; manifest: TManifest }> {
  let manifest: TManifest | undefined;
  const end = await runJobHere(
    { tenantId: args.tenantId, type: 'BACKUP', payload: { kind: args.kind ?? 'auto' }, createdById: args.requestedById, origin: 'backup' },
    async (run) => {
      const done = await backupTenant({ ...args, run });
      manifest = done.manifest;
      return done.outcome;
    },
  );
  if (end.status !== 'SUCCEEDED' || !manifest) throw new Error(`backup job ${end.jobId} ${end.status.toLowerCase()}: ${end.message}`);
  return { jobId: end.jobId, manifest };
}

async function recordSnapshotRows(tenantId: string, run: TJobRun, m: TManifest, stats: TSnapshotStats): Promise<void> {
  const jobId = run.jobId;
  const changed = m.collections.reduce((n, c) => n + c.delta.inserted + c.delta.updated, 0);
  const deleted = m.collections.reduce((n, c) => n + c.delta.deleted, 0);
  await db.$transaction(async (tx) => {
    // The snapshot is listed only if its job is still ours to finish: a job cancelled (or taken
    // over by another worker) meanwhile leaves unreferenced objects for GC, never a listed row.
    await run.assertOwned(tx);
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
