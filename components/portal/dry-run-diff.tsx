'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { dryRunChangesQuery } from '@/components/portal/tenant-queries';
import { formatCount } from '@/lib/format';
import { dryRunBar, writesOf } from './dry-run-bars';
import type { TDocumentChange } from '@/lib/restores/get-dry-run-changes-page';
import type { TDryRunSummary } from '@/lib/restores/summarize-dry-run';
import { Badge } from '../ui/badge';
import { EmptyState } from '../ui/empty-state';
import { buttonClass, ErrorNotice, LoadingRows } from '../ui/query-states';
import { FieldChanges, JsonView } from './json-view';

const ACTION_TONE = { insert: 'green', update: 'blue', delete: 'red', conflict: 'amber', skip: 'amber' } as const;
const idText = (id: unknown) =>
  typeof id === 'string' ? id : id && typeof id === 'object' && '$oid' in id ? String((id as { $oid: string }).$oid) : JSON.stringify(id);
const PAGE_SIZE = 10;

/** The same diff rows for a restore's dry-run and for an undo preview (live now → what the undo writes back). */
export type TDiffMode = 'restore' | 'undo';
const WORDS = {
  restore: {
    after: 'After the restore (snapshot)',
    liveMissing: 'Missing: the restore inserts it.',
    afterMissing: 'Not in the snapshot: the restore deletes it.',
    emptyTitle: 'Nothing would change',
    emptyBody: 'Every selected document already equals the snapshot.',
    counted: 'documents would change',
  },
  undo: {
    after: 'After the undo (as before the restore)',
    liveMissing: 'Deleted since the restore: the undo puts it back.',
    afterMissing: 'Not there before the restore: the undo deletes it.',
    emptyTitle: 'Nothing would be overwritten',
    emptyBody: 'No document the restore wrote has changed since.',
    counted: 'documents changed since the restore would be overwritten',
  },
} as const;

export function DryRunSummaryBars({ summary }: { summary: TDryRunSummary }) {
  return (
    <ul className="space-y-4" data-testid="dry-run-summary">
      {summary.collections.map((c) => {
        const bar = dryRunBar(c.counts);
        return (
          <li key={c.name}>
            <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="font-medium text-slate-800">
                {c.name} <span className="font-mono text-xs text-slate-400">→ {c.target}</span>
              </span>
              <span className="text-xs text-slate-500">{formatCount(writesOf(c.counts))} writes</span>
            </div>
            <div
              className="flex h-3 overflow-hidden rounded bg-slate-100"
              role="img"
              aria-label={`${c.name}: ${
                bar
                  .filter((s) => s.value > 0)
                  .map((s) => `${s.value} ${s.label}`)
                  .join(', ') || 'no documents'
              }`}
            >
              {bar.map((s) =>
                s.value > 0 ? <div key={s.key} className={s.color} style={{ width: `${s.percent}%` }} title={`${s.value} ${s.label}`} /> : null,
              )}
            </div>
            <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600">
              {bar.map((s) => (
                <span key={s.key} className={s.value === 0 ? 'text-slate-400' : ''} data-testid={`count-${c.name}-${s.key}`}>
                  <span className={`mr-1 inline-block h-2 w-2 rounded-sm ${s.color}`} aria-hidden />
                  {s.label} {formatCount(s.value)}
                </span>
              ))}
            </p>
            {c.collection.indexes.missing.length > 0 ? (
              <p className="mt-1 text-xs text-amber-700">Indexes missing in the target: {c.collection.indexes.missing.join(', ')}</p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export function ChangeRow({ change, mode = 'restore' }: { change: TDocumentChange; mode?: TDiffMode }) {
  const w = WORDS[mode];
  const [isOpen, setOpen] = useState(false);
  const panelId = `change-${change.namespace}-${change.idKey}`;
  return (
    <li className="py-2" data-testid="dry-run-change">
      <button
        type="button"
        onClick={() => setOpen((v) => !v)}
        aria-expanded={isOpen}
        aria-controls={panelId}
        className="flex w-full flex-wrap items-center gap-3 rounded px-2 py-1 text-left text-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      >
        <Badge tone={ACTION_TONE[change.action]}>{change.action}</Badge>
        <span className="text-slate-500">{change.namespace}</span>
        <span className="font-mono text-xs text-slate-800">{idText(change.id)}</span>
        <span className="ml-auto text-xs text-slate-500">
          {change.changes.length > 0 ? `${change.changes.length} field${change.changes.length === 1 ? '' : 's'} differ` : ''} {isOpen ? '▲' : '▼'}
        </span>
      </button>
      {isOpen ? (
        <div id={panelId} className="mt-2 space-y-3 px-2" data-testid="side-by-side">
          {change.changes.length > 0 ? <FieldChanges changes={change.changes} /> : null}
          <div className="grid gap-4 lg:grid-cols-2">
            <div className="min-w-0">
              <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Live now</p>
              {change.live ? (
                <JsonView value={change.live} changes={change.changes} side="live" label="Live document" />
              ) : (
                <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500">{w.liveMissing}</p>
              )}
            </div>
            <div className="min-w-0">
              <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{w.after}</p>
              {change.snapshot ? (
                <JsonView value={change.snapshot} changes={change.changes} side="snapshot" label="Snapshot document" />
              ) : (
                <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500">{w.afterMissing}</p>
              )}
            </div>
          </div>
        </div>
      ) : null}
    </li>
  );
}

/** Paged per-document diffs of a finished dry-run (computed read-only, page by page). */
export function DryRunChanges({ slug, jobId, mode = 'restore' }: { slug: string; jobId: string; mode?: TDiffMode }) {
  const w = WORDS[mode];
  const [page, setPage] = useState(1);
  const { data, error, isPending, isFetching, refetch } = useQuery({ ...dryRunChangesQuery(slug, jobId, page, PAGE_SIZE), placeholderData: keepPreviousData });
  if (isPending) return <LoadingRows rows={4} label="Loading document changes" />;
  if (error) return <ErrorNotice title="Could not load the document changes" error={error} onRetry={() => void refetch()} />;
  if (data.total === 0) return <EmptyState title={w.emptyTitle}>{w.emptyBody}</EmptyState>;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <div>
      {data.isStale ? (
        <p role="alert" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {mode === 'undo'
            ? 'A restore or undo of this tenant finished after this preview: preview the undo again.'
            : data.newerDryRunJobId
              ? 'A newer dry-run of the same package exists: its results replace these.'
              : 'The live data changed since this dry-run: run it again before submitting.'}
        </p>
      ) : null}
      {data.capped ? (
        <p role="status" className="mb-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="dry-run-capped">
          {formatCount(data.changedTotal)} {w.counted}; the first {formatCount(data.total)} are shown.
        </p>
      ) : null}
      <ul className={`divide-y divide-slate-100 ${isFetching ? 'opacity-60' : ''}`} data-testid="dry-run-changes">
        {data.items.map((c) => (
          <ChangeRow key={`${c.namespace}-${c.idKey}`} change={c} mode={mode} />
        ))}
      </ul>
      <div className="mt-3 flex items-center justify-between text-sm text-slate-500">
        <p>
          {formatCount(data.total)} {w.counted} · page {data.page} of {pages}
        </p>
        <div className="flex gap-2">
          <button type="button" className={buttonClass.secondary} disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Previous
          </button>
          <button type="button" className={buttonClass.secondary} disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            Next
          </button>
        </div>
      </div>
    </div>
  );
}
