import { queryOptions } from '@tanstack/react-query';
import type { TTenantDataSummary } from '@/lib/tenants/get-tenant-data-summary';
import type { TBackupHealth } from '@/lib/snapshots/get-backup-health';
import type { TSnapshotDetail } from '@/lib/snapshots/get-snapshot-detail';
import type { TSnapshotDocumentView } from '@/lib/snapshots/get-snapshot-document';
import type { TSnapshotDocumentsPage } from '@/lib/snapshots/list-snapshot-documents';
import type { TSnapshotTimeline } from '@/lib/snapshots/list-snapshot-timeline';
import type { TSnapshotListPage } from '@/lib/snapshots/list-snapshots-page';
import type { TDryRunChangesPage } from '@/lib/restores/get-dry-run-changes-page';
import type { TTenantJob } from '@/lib/restores/get-tenant-job';
import type { TTenantRequestDetail } from '@/lib/requests/get-tenant-restore-request';

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new Error(body?.error?.message ?? `Request failed (${res.status})`);
  return body as T;
}

export const tenantSummaryQuery = (slug: string) =>
  queryOptions({
    queryKey: ['tenants', slug, 'summary'],
    queryFn: () => getJson<TTenantDataSummary>(`/api/tenants/${encodeURIComponent(slug)}/summary`),
  });

/** The newest snapshot's counts (catalog only): shown at once while the live counts load. */
export const tenantSnapshotSummaryQuery = (slug: string) =>
  queryOptions({
    queryKey: ['tenants', slug, 'summary', 'snapshot'],
    queryFn: () => getJson<TTenantDataSummary>(`/api/tenants/${encodeURIComponent(slug)}/summary?source=snapshot`),
  });

// ---- portal pages (timeline, browser, builder) ------------------------------------------------

const api = (slug: string, path: string, params?: Record<string, string | number | undefined | null>) => {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const q = qs.toString();
  return `/api/tenants/${encodeURIComponent(slug)}${path}${q ? `?${q}` : ''}`;
};

export const backupHealthQuery = (slug: string) =>
  queryOptions({
    queryKey: ['tenants', slug, 'health'],
    queryFn: () => getJson<TBackupHealth>(api(slug, '/health')),
    // while a backup is queued or running, follow it (its snapshot appears when it completes)
    refetchInterval: (q) => (q.state.data?.activeBackup ? 3000 : false),
  });

export const snapshotTimelineQuery = (slug: string, from: string, to: string) =>
  queryOptions({
    queryKey: ['tenants', slug, 'timeline', from, to],
    queryFn: () => getJson<TSnapshotTimeline>(api(slug, '/snapshots/timeline', { from, to })),
    staleTime: 60_000,
  });

export const snapshotListQuery = (slug: string, beforeSeq: number | null, take = 25) =>
  queryOptions({
    queryKey: ['tenants', slug, 'snapshots', beforeSeq, take],
    queryFn: () => getJson<TSnapshotListPage>(api(slug, '/snapshots', { beforeSeq, take })),
  });

export const snapshotDetailQuery = (slug: string, snapshotId: string) =>
  queryOptions({
    queryKey: ['tenants', slug, 'snapshots', 'detail', snapshotId],
    queryFn: () => getJson<TSnapshotDetail>(api(slug, `/snapshots/${encodeURIComponent(snapshotId)}`)),
    staleTime: 5 * 60_000,
  });

export const snapshotDocumentsQuery = (slug: string, snapshotId: string, collection: string, after: string | null, filter: string, limit = 20) =>
  queryOptions({
    queryKey: ['tenants', slug, 'snapshots', snapshotId, 'documents', collection, after, filter, limit],
    queryFn: () => getJson<TSnapshotDocumentsPage>(api(slug, `/snapshots/${encodeURIComponent(snapshotId)}/documents`, { collection, after, filter, limit })),
    staleTime: 5 * 60_000,
    retry: false,
  });

export const snapshotDocumentQuery = (slug: string, snapshotId: string, collection: string, id: string) =>
  queryOptions({
    queryKey: ['tenants', slug, 'snapshots', snapshotId, 'document', collection, id],
    queryFn: () => getJson<TSnapshotDocumentView>(api(slug, `/snapshots/${encodeURIComponent(snapshotId)}/document`, { collection, id })),
    retry: false,
  });

const isJobDone = (j: TTenantJob | undefined) => !!j && (j.status === 'SUCCEEDED' || j.status === 'FAILED' || j.status === 'CANCELLED');

export const tenantJobQuery = (slug: string, jobId: string) =>
  queryOptions({
    queryKey: ['tenants', slug, 'jobs', jobId],
    queryFn: () => getJson<TTenantJob>(api(slug, `/jobs/${encodeURIComponent(jobId)}`)),
    // Poll while the worker has it; stop once it is finished.
    refetchInterval: (q) => (isJobDone(q.state.data) ? false : 1_000),
    staleTime: 0,
  });

export const dryRunChangesQuery = (slug: string, jobId: string, page: number, pageSize = 10) =>
  queryOptions({
    queryKey: ['tenants', slug, 'dry-runs', jobId, 'changes', page, pageSize],
    queryFn: () => getJson<TDryRunChangesPage>(api(slug, `/dry-runs/${encodeURIComponent(jobId)}/changes`, { page, pageSize })),
    staleTime: 5 * 60_000,
    retry: false,
  });

export const completedSnapshotsQuery = (slug: string) =>
  queryOptions({
    queryKey: ['tenants', slug, 'snapshots', 'completed'],
    queryFn: () => getJson<TSnapshotListPage>(api(slug, '/snapshots', { status: 'COMPLETED', take: 100 })),
  });

const REQUEST_FINAL = new Set(['VERIFIED', 'FAILED', 'UNDONE', 'REJECTED', 'CANCELLED']);

export const restoreRequestQuery = (slug: string, requestId: string) =>
  queryOptions({
    queryKey: ['tenants', slug, 'restores', requestId],
    queryFn: () => getJson<TTenantRequestDetail>(api(slug, `/restores/${encodeURIComponent(requestId)}`)),
    // Every second while it (or its undo preview) runs or waits for a worker, every 5 s while it
    // waits for approval; stop when final.
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      const preview = q.state.data?.undoPreview?.status;
      if (s === 'VERIFIED' && (preview === 'QUEUED' || preview === 'RUNNING')) return 1_000;
      if (!s || REQUEST_FINAL.has(s)) return s ? false : 5_000;
      return s === 'PENDING_APPROVAL' || s === 'UNDO_PENDING_APPROVAL' || s === 'DRAFT' ? 5_000 : 1_000;
    },
    staleTime: 0,
  });
