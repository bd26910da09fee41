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
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';

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
      <Table className="min-w-[640px]" data-testid="snapshot-list">
        <TableHead>
          <Th>Snapshot</Th>
          <Th>Started (UTC)</Th>
          <Th>Status</Th>
          <Th align="right">Changed</Th>
          <Th align="right">Documents</Th>
          <Th align="right">Stored</Th>
        </TableHead>
        <TableBody className={isFetching ? 'opacity-60' : undefined}>
          {data.items.map((s) => (
            <tr key={s.id}>
              <Td className="font-medium">
                {s.status === 'COMPLETED' ? (
                  <Link href={`/t/${slug}/snapshots/${s.id}`} className="text-brand-700 hover:underline">
                    #{s.seq}
                  </Link>
                ) : (
                  <span className="text-slate-700">#{s.seq}</span>
                )}
                <span className="ml-2 text-xs text-slate-500">{s.kind === 'FULL' ? 'full' : 'incremental'}</span>
              </Td>
              <Td className="text-slate-600">{formatDateTime(s.startedAt)}</Td>
              <Td>
                <Badge tone={s.status === 'COMPLETED' ? 'green' : s.status === 'FAILED' ? 'red' : 'amber'}>{s.status.toLowerCase()}</Badge>
                {s.held ? (
                  <span className="ml-1" title={s.held}>
                    <Badge tone="blue">held</Badge>
                  </span>
                ) : null}
                {s.expiringSoon ? (
                  <span className="ml-1" title="The current policy expires it within 7 days">
                    <Badge tone="amber">expires soon</Badge>
                  </span>
                ) : null}
              </Td>
              <Td align="right">{formatCount(changeVolume(s))}</Td>
              <Td align="right">{formatCount(s.documents)}</Td>
              <Td align="right">{formatBytes(s.storedBytes)}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <div className="mt-4 flex items-center justify-between gap-3 text-sm text-slate-500">
        <p>
          Page {pageNo} · {formatCount(data.total)} snapshots
        </p>
        <div className="flex gap-2">
          <button type="button" className={buttonClass.secondary} disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            Newer
          </button>
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={data.nextBeforeSeq === null}
            onClick={() => setCursors((c) => [...c, data.nextBeforeSeq])}
          >
            Older
          </button>
        </div>
      </div>
    </div>
  );
}
