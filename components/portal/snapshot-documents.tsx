'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { snapshotDocumentsQuery } from '@/components/portal/tenant-queries';
import { formatBytes, formatCount } from '@/lib/format';
import { EmptyState } from '../ui/empty-state';
import { buttonClass, inputClass, LoadingRows } from '../ui/query-states';
import { SnapshotDocumentViewer } from './snapshot-document-viewer';

const idText = (id: unknown) =>
  typeof id === 'string' ? id : id && typeof id === 'object' && '$oid' in id ? String((id as { $oid: string }).$oid) : JSON.stringify(id);

/** Pages through one collection inside the snapshot; filter (safe subset) and find by _id. */
export function SnapshotDocuments({ slug, snapshotId, collection, canRestore }: { slug: string; snapshotId: string; collection: string; canRestore: boolean }) {
  const [filterDraft, setFilterDraft] = useState('');
  const [filter, setFilter] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [idDraft, setIdDraft] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const after = cursors[cursors.length - 1] ?? null;
  const { data, error, isPending, isFetching } = useQuery({
    ...snapshotDocumentsQuery(slug, snapshotId, collection, after, filter),
    placeholderData: keepPreviousData,
  });

  const applyFilter = (e: FormEvent) => {
    e.preventDefault();
    setFilter(filterDraft.trim());
    setCursors([null]);
  };
  const find = (e: FormEvent) => {
    e.preventDefault();
    if (idDraft.trim()) setOpenId(idDraft.trim());
  };
  const filterError = error && filter ? error : null;

  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-2">
        <form onSubmit={applyFilter} className="space-y-1" aria-label="Filter documents">
          <label htmlFor="doc-filter" className="text-xs font-medium uppercase tracking-wide text-slate-500">
            Filter (MongoDB query, safe subset)
          </label>
          <div className="flex gap-2">
            <input
              id="doc-filter"
              value={filterDraft}
              onChange={(e) => setFilterDraft(e.target.value)}
              placeholder='{"status": "open", "total": {"$gt": 100}}'
              className={`${inputClass} font-mono`}
              aria-invalid={filterError ? true : undefined}
              aria-describedby={filterError ? 'doc-filter-error' : undefined}
            />
            <button type="submit" className={buttonClass.secondary}>
              Apply
            </button>
          </div>
          {filterError ? (
            <p id="doc-filter-error" role="alert" className="text-sm text-red-700">
              {filterError.message}
            </p>
          ) : null}
        </form>
        <form onSubmit={find} className="space-y-1" aria-label="Find by _id">
          <label htmlFor="doc-id" className="text-xs font-medium uppercase tracking-wide text-slate-500">
            Find by _id
          </label>
          <div className="flex gap-2">
            <input
              id="doc-id"
              value={idDraft}
              onChange={(e) => setIdDraft(e.target.value)}
              placeholder='64b7… or {"$oid": "…"} or 42'
              className={`${inputClass} font-mono`}
            />
            <button type="submit" className={buttonClass.secondary}>
              Find
            </button>
          </div>
        </form>
      </div>

      {openId ? (
        <SnapshotDocumentViewer
          key={openId}
          slug={slug}
          snapshotId={snapshotId}
          collection={collection}
          id={openId}
          canRestore={canRestore}
          onClose={() => setOpenId(null)}
        />
      ) : null}

      {isPending ? <LoadingRows rows={6} label="Loading documents" /> : null}
      {error && !filter ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          Could not load documents: {error.message}
        </p>
      ) : null}
      {data && !error ? (
        data.items.length === 0 ? (
          <EmptyState title={data.isFiltered ? 'No documents match on this page of the scan' : 'No documents'}>
            {data.isFiltered && data.nextAfter
              ? 'The scan stopped early; use "Next" to keep looking.'
              : data.isFiltered
                ? 'Nothing in this collection matches the filter.'
                : 'This collection was empty when the snapshot was taken.'}
          </EmptyState>
        ) : (
          <ul className={`divide-y divide-slate-100 rounded-lg border border-slate-200 ${isFetching ? 'opacity-60' : ''}`} data-testid="snapshot-documents">
            {data.items.map((d) => (
              <li key={d.idKey} className="flex items-center gap-3 px-3 py-2 text-sm">
                <button
                  type="button"
                  onClick={() => setOpenId(idText(d.id))}
                  className="shrink-0 rounded font-mono text-xs text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                  aria-label={`Open document ${idText(d.id)}`}
                >
                  {idText(d.id)}
                </button>
                <span className="min-w-0 flex-1 truncate font-mono text-xs text-slate-500">{d.preview}</span>
                <span className="hidden shrink-0 text-xs text-slate-400 sm:inline">{formatBytes(d.bytes)}</span>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {data ? (
        <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-500">
          <p>
            Page {cursors.length} · {formatCount(data.total)} documents in the collection
            {data.isFiltered ? ` · ${formatCount(data.scanned)} examined for this page` : ''}
          </p>
          <div className="flex gap-2">
            <button type="button" className={buttonClass.secondary} disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Previous
            </button>
            <button type="button" className={buttonClass.secondary} disabled={!data.nextAfter} onClick={() => setCursors((c) => [...c, data.nextAfter])}>
              Next
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
