import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { builderValuesFromSpec, type TRestoreBuilderValues } from './restore-builder-input';

export type TJobProgressCollection = { name: string; documents?: number; totalDocuments?: number; bytes?: number };
export type TJobProgress = {
  documents?: number;
  totalDocuments?: number;
  bytes?: number;
  totalBytes?: number;
  etaSeconds?: number;
  phase?: string;
  collections?: TJobProgressCollection[];
};

export type TTenantJob = {
  id: string;
  type: 'BACKUP' | 'DRY_RUN' | 'RESTORE' | 'VERIFY' | 'UNDO' | 'UNDO_PREVIEW' | 'GC' | 'TIER';
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  progress: TJobProgress | null;
  result: unknown;
  error: string | null;
  conditions: { at: string; type: string; message?: string }[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
  /** DRY_RUN: its package as the builder's values (null when the form cannot show it, or another job type) */
  package: TRestoreBuilderValues | null;
};

/**
 * Progress is written by the worker as JSON; keep only the numeric fields the UI shows. Two
 * shapes arrive: the flat one (documents: n, collections: [{ name, … }], etaSeconds) and the
 * engine's restore/backup one (documents: { done, total }, bytes: { done, total },
 * collections: { name: { done, total } }, etaMs); both become the flat one.
 */
export function toJobProgress(raw: unknown): TJobProgress | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const pair = (v: unknown): { done?: number; total?: number } =>
    v && typeof v === 'object' ? { done: num((v as Record<string, unknown>).done), total: num((v as Record<string, unknown>).total) } : { done: num(v) };
  const docs = pair(o.documents);
  const bytes = pair(o.bytes);
  const colls: TJobProgressCollection[] = Array.isArray(o.collections)
    ? o.collections.flatMap((c) => {
        if (!c || typeof c !== 'object' || typeof (c as { name?: unknown }).name !== 'string') return [];
        const x = c as Record<string, unknown>;
        return [{ name: x.name as string, documents: num(x.documents), totalDocuments: num(x.totalDocuments), bytes: num(x.bytes) }];
      })
    : o.collections && typeof o.collections === 'object'
      ? Object.entries(o.collections as Record<string, unknown>).map(([name, v]) => {
          const c = pair(v);
          return { name, documents: c.done, totalDocuments: c.total };
        })
      : [];
  const etaMs = num(o.etaMs);
  return {
    documents: docs.done,
    totalDocuments: num(o.totalDocuments) ?? docs.total,
    bytes: bytes.done,
    totalBytes: num(o.totalBytes) ?? bytes.total,
    etaSeconds: num(o.etaSeconds) ?? (etaMs !== undefined ? etaMs / 1000 : undefined),
    phase: typeof o.phase === 'string' ? o.phase : undefined,
    collections: colls,
  };
}

/** A job of the actor's tenant, for polling; another tenant's job id is NOT_FOUND. */
export async function getTenantJob(args: { actor: TActor; slug: string; jobId: string }): Promise<TTenantJob> {
  const tenant = await getTenantForActorOrThrow({ actor: args.actor, slug: args.slug, permission: 'restores.read' });
  assertCan(args.actor, 'restores.read', tenant.id);
  const job = await db.job.findFirst({
    where: { tenantId: tenant.id, id: args.jobId },
    select: {
      id: true,
      type: true,
      status: true,
      progress: true,
      result: true,
      error: true,
      conditions: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      heartbeatAt: true,
      payload: true,
    },
  });
  if (!job) throw new AppError('NOT_FOUND', 'No such job.');
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    progress: toJobProgress(job.progress),
    result: job.result ?? null,
    error: job.error,
    conditions: Array.isArray(job.conditions) ? (job.conditions as TTenantJob['conditions']) : [],
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    heartbeatAt: job.heartbeatAt?.toISOString() ?? null,
    package: job.type === 'DRY_RUN' ? builderValuesFromSpec((job.payload as { spec?: unknown } | null)?.spec) : null,
  };
}
