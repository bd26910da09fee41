'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { backupHealthQuery } from '@/components/portal/tenant-queries';
import { formatAge, formatBytes, formatCount, formatDateTime } from '@/lib/format';
import { Badge } from '../ui/badge';
import { Card } from '../ui/card';
import { EmptyState } from '../ui/empty-state';
import { ErrorNotice, LoadingRows, Stat } from '../ui/query-states';
import type { TActiveBackup, TRecentRestoreActivity } from '@/lib/snapshots/get-backup-health';

const STATE = {
  healthy: { label: 'Healthy', tone: 'green' },
  stale: { label: 'Overdue', tone: 'amber' },
  failing: { label: 'Failing', tone: 'red' },
  none: { label: 'No backup yet', tone: 'slate' },
} as const;

const STATUS_TONE: Record<string, 'green' | 'amber' | 'red' | 'slate' | 'blue'> = {
  COMPLETED: 'green',
  SUCCEEDED: 'green',
  VERIFIED: 'green',
  FAILED: 'red',
  REJECTED: 'red',
  RUNNING: 'blue',
  QUEUED: 'blue',
  PENDING_APPROVAL: 'amber',
  APPROVED: 'blue',
  CANCELLED: 'slate',
  UNDONE: 'slate',
  DRAFT: 'slate',
};

/** `canRestore`: the actor may build restores here (else no "New restore" and dry-runs are not links). */
function ActiveBackup({ b }: { b: TActiveBackup }) {
  const pct = b.documentsDone !== null && b.documentsTotal ? Math.min(100, Math.round((100 * b.documentsDone) / b.documentsTotal)) : null;
  return (
    <div
      role="status"
      data-testid="active-backup"
      data-status={b.status}
      className="rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-900"
    >
      {b.status === 'QUEUED' ? (
        <p>Backup queued {formatDateTime(b.queuedAt)}, waiting for a worker. It appears under Recent snapshots when it completes.</p>
      ) : (
        <>
          <p>
            Backup running since {formatDateTime(b.startedAt ?? b.queuedAt)}
            {b.documentsDone !== null
              ? ` · ${formatCount(b.documentsDone)}${b.documentsTotal ? ` of about ${formatCount(b.documentsTotal)}` : ''} documents read`
              : ''}
            .
          </p>
          {pct !== null ? (
            <div
              role="progressbar"
              aria-label="Backup progress"
              aria-valuenow={pct}
              aria-valuemin={0}
              aria-valuemax={100}
              className="mt-2 h-1.5 rounded bg-blue-100"
            >
              <div className="h-1.5 rounded bg-blue-600" style={{ width: `${pct}%` }} />
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

/** A request opens its page; a dry-run reopens the builder on its result (for those who may build). */
function restoreHref(slug: string, r: TRecentRestoreActivity, canRestore: boolean): string | null {
  if (r.kind === 'request') return `/t/${slug}/restores/${r.id}`;
  return canRestore && r.jobType === 'DRY_RUN' ? `/t/${slug}/restores/new?job=${r.id}` : null;
}

export function BackupHealthPanel({ slug, canRestore }: { slug: string; canRestore: boolean }) {
  const { data, error, isPending, refetch } = useQuery(backupHealthQuery(slug));
  if (isPending) return <LoadingRows rows={4} label="Loading backup health" />;
  if (error) return <ErrorNotice title="Could not load backup health" error={error} onRetry={() => void refetch()} />;
  const s = STATE[data.state];
  return (
    <div className="space-y-6" data-testid="backup-health">
      {data.activeBackup ? <ActiveBackup b={data.activeBackup} /> : null}
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Backup health"
          tone={s.tone === 'slate' ? 'slate' : s.tone}
          value={<Badge tone={s.tone}>{s.label}</Badge>}
          hint={data.lastSuccess ? `Last success #${data.lastSuccess.seq}, ${formatDateTime(data.lastSuccess.at)}` : 'No completed snapshot yet'}
        />
        <Stat
          label="Recovery point age"
          value={data.recoveryPointAgeSeconds === null ? '—' : formatAge(data.recoveryPointAgeSeconds)}
          tone={data.rpo.state === 'missed' ? 'amber' : 'slate'}
          hint={
            <span data-testid="rpo-status" data-state={data.rpo.state}>
              {data.rpo.text}
            </span>
          }
        />
        <Stat
          label="Failures (7 days)"
          value={formatCount(data.failuresLast7Days)}
          tone={data.failuresLast7Days > 0 ? 'red' : 'slate'}
          hint={data.lastFailure ? `Last: ${formatDateTime(data.lastFailure.at)}` : 'None recorded'}
        />
        <Stat label="Storage used" value={formatBytes(data.storedBytes)} hint={`${formatCount(data.completedSnapshots)} completed snapshots`} />
      </dl>
      {data.lastFailure?.error && data.state === 'failing' ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-700">
          Last failure: {data.lastFailure.error}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card
          title="Recent snapshots"
          action={
            <Link className="text-sm font-medium text-brand-700 hover:underline" href={`/t/${slug}/snapshots`}>
              Timeline
            </Link>
          }
        >
          {data.recentSnapshots.length === 0 ? (
            <EmptyState title="No snapshots recorded yet">Snapshots appear here once a backup of this tenant completes.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="recent-snapshots">
              {data.recentSnapshots.map((x) => (
                <li key={x.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link href={`/t/${slug}/snapshots/${x.id}`} className="font-medium text-slate-800 hover:text-brand-700 hover:underline">
                    #{x.seq} · {formatDateTime(x.startedAt)}
                  </Link>
                  <span className="flex items-center gap-2 text-slate-500">
                    <Badge tone={STATUS_TONE[x.status] ?? 'slate'}>
                      {x.kind === 'FULL' ? 'full' : 'incr.'} · {x.status.toLowerCase()}
                    </Badge>
                    {formatCount(x.documents)} docs · {formatBytes(x.storedBytes)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card
          title="Recent restores"
          action={
            <span className="flex gap-3">
              <Link className="text-sm font-medium text-brand-700 hover:underline" href={`/t/${slug}/restores`}>
                All requests
              </Link>
              {canRestore ? (
                <Link className="text-sm font-medium text-brand-700 hover:underline" href={`/t/${slug}/restores/new`}>
                  New restore
                </Link>
              ) : null}
            </span>
          }
        >
          {data.recentRestores.length === 0 ? (
            <EmptyState title="No restores yet">Dry-runs and restore requests of this tenant appear here.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="recent-restores">
              {data.recentRestores.map((r) => (
                <li key={`${r.kind}-${r.id}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  {restoreHref(slug, r, canRestore) ? (
                    <Link href={restoreHref(slug, r, canRestore)!} className="font-medium text-slate-800 hover:text-brand-700 hover:underline">
                      {r.label}
                    </Link>
                  ) : (
                    <span className="font-medium text-slate-800">{r.label}</span>
                  )}
                  <span className="flex items-center gap-2 text-slate-500">
                    <Badge tone={STATUS_TONE[r.status] ?? 'slate'}>{r.status.toLowerCase().replace('_', ' ')}</Badge>
                    {formatDateTime(r.at)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
