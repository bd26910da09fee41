'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { snapshotDocumentQuery } from '@/components/portal/tenant-queries';
import { ErrorNotice, LoadingRows } from '../ui/query-states';
import { FieldChanges, JsonView } from './json-view';

/** One snapshot document as JSON, and (on request) side by side with the live one. */
export function SnapshotDocumentViewer({
  slug,
  snapshotId,
  collection,
  id,
  canRestore,
  onClose,
}: {
  slug: string;
  snapshotId: string;
  collection: string;
  id: string;
  /** offer "Restore this document" (the builder, filled with it) */
  canRestore: boolean;
  onClose: () => void;
}) {
  const [isComparing, setComparing] = useState(false);
  const { data, error, isPending, refetch } = useQuery(snapshotDocumentQuery(slug, snapshotId, collection, id));
  return (
    <section aria-labelledby="doc-title" className="rounded-xl border border-brand-100 bg-white p-5 shadow-sm" data-testid="document-viewer">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h3 id="doc-title" className="text-sm font-semibold text-slate-800">
          {collection} · <span className="font-mono">{id}</span>
        </h3>
        <div className="flex flex-wrap gap-2">
          {data && canRestore ? (
            <Link
              href={`/t/${slug}/restores/new?${new URLSearchParams({ snapshot: snapshotId, collection, id: JSON.stringify(data.snapshot._id) })}`}
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            >
              Restore this document
            </Link>
          ) : null}
          {data ? (
            <button
              type="button"
              onClick={() => setComparing((v) => !v)}
              aria-pressed={isComparing}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
            >
              {isComparing ? 'Show snapshot only' : 'Compare with live'}
            </button>
          ) : null}
          <button
            type="button"
            onClick={onClose}
            className="rounded-md px-3 py-1.5 text-sm text-slate-500 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          >
            Close
          </button>
        </div>
      </div>
      {isPending ? <LoadingRows rows={4} label="Loading document" /> : null}
      {error ? <ErrorNotice title="Could not open the document" error={error} onRetry={() => void refetch()} /> : null}
      {data && !isComparing ? <JsonView value={data.snapshot} label="Document in the snapshot" /> : null}
      {data && isComparing ? (
        <div className="space-y-4" data-testid="document-compare">
          {data.liveError ? (
            <p role="alert" className="text-sm text-red-700">
              {data.liveError}
            </p>
          ) : null}
          {!data.liveError && data.live === null ? (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
              This document no longer exists in the live data: restoring it would insert it.
            </p>
          ) : null}
          {data.live ? <FieldChanges changes={data.changes} /> : null}
          <div className="grid gap-4 lg:grid-cols-2">
            <div className="min-w-0">
              <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Live now</p>
              {data.live ? (
                <JsonView value={data.live} changes={data.changes} side="live" label="Live document" />
              ) : (
                <p className="text-sm text-slate-500">—</p>
              )}
            </div>
            <div className="min-w-0">
              <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">In the snapshot</p>
              <JsonView value={data.snapshot} changes={data.changes} side="snapshot" label="Snapshot document" />
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}
