'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { startTenantCleanupAction } from '@/app/(admin)/admin/retention/actions';
import { Badge } from '@/components/ui/badge';
import { formatBytes, formatCount, formatDateTime } from '@/lib/format';
import type { TGcRun } from '@/lib/lifecycle/start-tenant-cleanup';

const TONE: Record<string, 'green' | 'red' | 'blue' | 'slate'> = { SUCCEEDED: 'green', FAILED: 'red', RUNNING: 'blue', QUEUED: 'blue', CANCELLED: 'slate' };

function describeRun(r: TGcRun): string {
  if (r.status === 'QUEUED') return 'waiting for a worker';
  if (r.status === 'RUNNING') return 'collecting…';
  if (r.note) return r.note;
  if (r.deletedObjects === null) return '';
  const freed = `${formatCount(r.deletedObjects)} objects deleted, ${formatBytes(r.bytesFreed ?? 0)} freed`;
  return r.waitingObjects ? `${freed}; ${formatCount(r.waitingObjects)} unreferenced objects wait for the grace period` : freed;
}

/**
 * "Apply retention and collect garbage now" for one tenant, and its recent GC runs. While a run
 * is queued or running the page refreshes itself every two seconds (server data, no polling API).
 */
export function CleanupPanel({ tenantId, slug, runs }: { tenantId: string; slug: string; runs: TGcRun[] }) {
  const router = useRouter();
  const active = runs.some((r) => r.status === 'QUEUED' || r.status === 'RUNNING');
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(t);
  }, [active, router]);
  const m = useMutation({
    mutationFn: startTenantCleanupAction,
    onSuccess: (r) => {
      if (r.ok) router.refresh();
    },
  });
  const r = m.data;
  return (
    <div className="space-y-3" data-testid="cleanup-panel">
      <p className="text-sm text-slate-600">
        Runs {slug}&apos;s retention rule now (held and locked snapshots are kept), then one garbage collection that deletes objects no kept snapshot needs,
        once they have stayed unreferenced for the grace period.
      </p>
      <button
        type="button"
        disabled={m.isPending || active}
        onClick={() => m.mutate({ tenantId })}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {active ? 'Garbage collection in progress…' : 'Apply retention and collect garbage now'}
      </button>
      {r ? (
        r.ok ? (
          <p role="status" className="text-sm text-emerald-700">
            {r.data.expiredSeqs.length ? `Expired ${r.data.expiredSeqs.map((s) => `#${s}`).join(', ')}.` : 'Retention expired nothing new.'} Garbage collection
            queued.
          </p>
        ) : (
          <p role="alert" className="text-sm text-red-700">
            {r.message}
          </p>
        )
      ) : null}
      {runs.length ? (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="gc-runs">
          {runs.map((run) => (
            <li key={run.jobId} className="flex flex-wrap items-center gap-2 py-2" data-status={run.status}>
              <Badge tone={TONE[run.status] ?? 'slate'}>{run.status.toLowerCase()}</Badge>
              <span className="text-slate-500">{formatDateTime(run.finishedAt ?? run.createdAt)}</span>
              <span className="text-slate-700">{describeRun(run)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No garbage collection of this tenant has run yet.</p>
      )}
    </div>
  );
}
