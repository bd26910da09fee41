'use client';

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { formatDateTime } from '@/lib/format';
import type { TRetentionPreview } from '@/lib/retention-view/preview-retention';

async function getPreview(slug: string, overridesJson: string): Promise<TRetentionPreview> {
  const res = await fetch(`/api/tenants/${encodeURIComponent(slug)}/policy/preview?${new URLSearchParams({ overrides: overridesJson })}`, {
    headers: { accept: 'application/json' },
  });
  const body = (await res.json().catch(() => null)) as (TRetentionPreview & { error?: { message?: string } }) | null;
  if (!res.ok || !body) throw new Error(body?.error?.message ?? `Preview failed (${res.status})`);
  return body;
}

export const retentionPreviewQuery = (slug: string, overridesJson: string) =>
  queryOptions({ queryKey: ['tenants', slug, 'policy-preview', overridesJson], queryFn: () => getPreview(slug, overridesJson), staleTime: 15_000 });

/** The retention preview of the overrides being edited (asked again 400 ms after the last change). */
export function useRetentionPreview(slug: string, overridesJson: string) {
  const [settled, setSettled] = useState(overridesJson);
  useEffect(() => {
    const t = setTimeout(() => setSettled(overridesJson), 400);
    return () => clearTimeout(t);
  }, [overridesJson]);
  const query = useQuery({ ...retentionPreviewQuery(slug, settled), placeholderData: keepPreviousData });
  return { ...query, isSettling: settled !== overridesJson || query.isFetching };
}

export function ExpiryList({ items }: { items: TRetentionPreview['expire'] }) {
  return (
    <ul className="max-h-64 divide-y divide-slate-100 overflow-auto rounded-md ring-1 ring-slate-200" data-testid="preview-expire-list">
      {items.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
          <span>
            <span className="font-medium text-slate-800">#{s.seq}</span> <span className="text-slate-500">{formatDateTime(s.at)}</span>{' '}
            <Badge>{s.kind === 'FULL' ? 'full' : 'incremental'}</Badge>
          </span>
          <span className="text-xs text-slate-600">
            {s.reasons.join('; ')}
            {s.alsoUnderCurrentPolicy ? ' · expires under the current policy too' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function RetentionPreviewPanel({ preview }: { preview: ReturnType<typeof useRetentionPreview> }) {
  const data = preview.data;
  return (
    <div aria-live="polite" data-testid="retention-preview" className="space-y-3">
      {preview.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {preview.error.message}
        </p>
      ) : !data ? (
        <p className="text-sm text-slate-500">Working out what this policy keeps…</p>
      ) : (
        <>
          <p className={`text-sm ${data.expire.length ? 'font-medium text-amber-800' : 'text-slate-700'}`} data-testid="preview-summary">
            {data.expire.length === 0
              ? `This policy expires no snapshot; it keeps all ${data.keep.length}.`
              : `This policy would expire ${data.expire.length} snapshot${data.expire.length === 1 ? '' : 's'} and keep ${data.keep.length}.`}
            {preview.isSettling ? <span className="ml-2 text-xs font-normal text-slate-400">updating…</span> : null}
          </p>
          {data.expire.length ? <ExpiryList items={data.expire} /> : null}
          {data.keep.length ? (
            <details className="text-sm">
              <summary className="cursor-pointer text-slate-600">Kept snapshots and why</summary>
              <ul className="mt-2 max-h-48 space-y-1 overflow-auto text-xs text-slate-600">
                {data.keep.map((s) => (
                  <li key={s.id}>
                    <span className="font-medium text-slate-800">#{s.seq}</span> {formatDateTime(s.at)} — {s.reasons.join('; ')}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </div>
  );
}

/** The save path's confirmation when the policy expires anything: the same list as the preview. */
export function ExpiryConfirm(props: { items: TRetentionPreview['expire']; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  const n = props.items.length;
  return (
    <div role="alertdialog" aria-label="Confirm expiry" className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200">
      <p className="text-sm font-medium text-amber-900">
        Saving expires {n} snapshot{n === 1 ? '' : 's'} at the next retention pass. They leave the timeline and their data is deleted by garbage collection.
      </p>
      <ExpiryList items={props.items} />
      <div className="flex gap-2">
        <button
          type="button"
          onClick={props.onConfirm}
          disabled={props.pending}
          className="rounded-md bg-amber-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-amber-700 disabled:opacity-60"
        >
          Expire {n} and save
        </button>
        <button
          type="button"
          onClick={props.onCancel}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
