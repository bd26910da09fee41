'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { snapshotListQuery } from '@/components/portal/tenant-queries';
import { formatBytes, formatCount, formatDateTime } from '@/lib/format';
import { changeVolume } from './timeline-layout';
import { Badge } from '../ui/badge';
import { EmptyState } from '../ui/empty-state';
import { buttonClass, ErrorNotice, LoadingRows } from '../ui/query-states';

/** All snapshots, newest first, keyset-paged (a stack of cursors lets "Newer" go back). */
export function SnapshotList({ slug }: { slug: string }) {
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const { data, error, isPending, isFetching, refetch } = useQuery({ ...snapshotListQuery(slug, cursor), placeholderData: keepPreviousData });
  if (isPending) return <LoadingRows rows={5} label="Loading snapshots" />;
  if (error) return <ErrorNotice title="Could not load snapshots" error={error} onRetry={() => void refetch()} />;
  if (data.total === 0) return <EmptyState title="No snapshots yet">Once a backup of this tenant runs, its snapshots are listed here.</EmptyState>;
  const pageNo = cursors.length;
  return (
    <div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[640px] text-sm" data-testid="snapshot-list">
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="pb-2 font-medium">Snapshot</th>
              <th className="pb-2 font-medium">Started (UTC)</th>
              <th className="pb-2 font-medium">Status</th>
              <th className="pb-2 text-right font-medium">Changed</th>
              <th className="pb-2 text-right font-medium">Documents</th>
              <th className="pb-2 text-right font-medium">Stored</th>
            </tr>
          </thead>
          <tbody className={`divide-y divide-slate-100 ${isFetching ? 'opacity-60' : ''}`}>
            {data.items.map((s) => (
              <tr key={s.id}>
                <td className="py-2 font-medium">
                  {s.status === 'COMPLETED' ? (
                    <Link href={`/t/${slug}/snapshots/${s.id}`} className="text-brand-700 hover:underline">#{s.seq}</Link>
                  ) : <span className="text-slate-700">#{s.seq}</span>}
                  <span className="ml-2 text-xs text-slate-500">{s.kind === 'FULL' ? 'full' : 'incremental'}</span>
                </td>
                <td className="py-2 text-slate-600">{formatDateTime(s.startedAt)}</td>
                <td className="py-2"><Badge tone={s.status === 'COMPLETED' ? 'green' : s.status === 'FAILED' ? 'red' : 'amber'}>{s.status.toLowerCase()}</Badge></td>
                <td className="py-2 text-right tabular-nums">{formatCount(changeVolume(s))}</td>
                <td className="py-2 text-right tabular-nums">{formatCount(s.documents)}</td>
                <td className="py-2 text-right tabular-nums">{formatBytes(s.storedBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-4 flex items-center justify-between gap-3 text-sm text-slate-500">
        <p>Page {pageNo} · {formatCount(data.total)} snapshots</p>
        <div className="flex gap-2">
          <button type="button" className={buttonClass.secondary} disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>Newer</button>
          <button type="button" className={buttonClass.secondary} disabled={data.nextBeforeSeq === null} onClick={() => setCursors((c) => [...c, data.nextBeforeSeq])}>Older</button>
        </div>
      </div>
    </div>
  );
}
