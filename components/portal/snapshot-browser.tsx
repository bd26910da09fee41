'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { snapshotDetailQuery } from '@/components/portal/tenant-queries';
import { formatAge, formatBytes, formatCount, formatDateTime } from '@/lib/format';
import { Badge } from '../ui/badge';
import { Card } from '../ui/card';
import { EmptyState } from '../ui/empty-state';
import { buttonClass, ErrorNotice, LoadingRows, Stat } from '../ui/query-states';
import { SnapshotDocuments } from './snapshot-documents';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';

export function SnapshotBrowser({ slug, snapshotId, canRestore }: { slug: string; snapshotId: string; canRestore: boolean }) {
  const { data, error, isPending, refetch } = useQuery(snapshotDetailQuery(slug, snapshotId));
  const [selected, setSelected] = useState<string | null>(null);
  if (isPending) return <LoadingRows rows={5} label="Loading snapshot" />;
  if (error) return <ErrorNotice title="Could not load the snapshot" error={error} onRetry={() => void refetch()} />;
  const collection = selected ?? data.collections[0]?.name ?? null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <Badge tone={data.status === 'COMPLETED' ? 'green' : data.status === 'FAILED' ? 'red' : 'amber'}>{data.status.toLowerCase()}</Badge>
          <Badge tone="blue">{data.kind === 'FULL' ? 'full' : 'incremental'}</Badge>
          Consistent at {data.consistentAt ? formatDateTime(data.consistentAt) : '—'}
          {data.consistencyMethod ? <span className="text-slate-400">({data.consistencyMethod})</span> : null}
        </p>
        {canRestore && data.status === 'COMPLETED' ? (
          <Link href={`/t/${slug}/restores/new?snapshot=${encodeURIComponent(data.id)}`} className={buttonClass.primary}>
            Restore from this snapshot
          </Link>
        ) : null}
      </div>
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Documents"
          value={formatCount(data.documents)}
          hint={`${formatCount(data.changedDocuments)} changed, ${formatCount(data.deletedDocuments)} deleted`}
        />
        <Stat label="Collections" value={formatCount(data.collections.length)} />
        <Stat label="Logical size" value={formatBytes(data.logicalBytes)} hint="Sum of BSON document sizes" />
        <Stat
          label="Stored"
          value={formatBytes(data.storedBytes)}
          hint={data.durationMs === null ? undefined : data.durationMs < 1000 ? 'Took under a second' : `Took ${formatAge(data.durationMs / 1000)}`}
        />
      </dl>
      {data.status !== 'COMPLETED' ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-800">
          This snapshot is {data.status.toLowerCase()}; its contents cannot be browsed.{data.error ? ` ${data.error}` : ''}
        </p>
      ) : null}
      <Card title="Collections">
        {data.collections.length === 0 ? (
          <EmptyState title="No collections in this snapshot" />
        ) : (
          <Table className="min-w-[640px]" data-testid="snapshot-collections">
            <TableHead>
              <Th>Collection</Th>
              <Th align="right">Documents</Th>
              <Th align="right">Size</Th>
              <Th align="right">Stored</Th>
              <Th className="pl-4">Indexes</Th>
            </TableHead>
            <TableBody>
              {data.collections.map((c) => (
                <tr key={c.name} className={c.name === collection ? 'bg-brand-50/60' : ''}>
                  <Td>
                    <button
                      type="button"
                      onClick={() => setSelected(c.name)}
                      aria-pressed={c.name === collection}
                      className="rounded font-medium text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                    >
                      {c.name}
                    </button>
                    <span className="block font-mono text-xs text-slate-400">{c.namespace}</span>
                  </Td>
                  <Td align="right">{formatCount(c.documents)}</Td>
                  <Td align="right">{formatBytes(c.logicalBytes)}</Td>
                  <Td align="right">{formatBytes(c.storedBytes)}</Td>
                  <Td className="pl-4">
                    <ul className="flex flex-wrap gap-1">
                      {c.indexes.map((i) => (
                        <li key={i.name} title={JSON.stringify(i.keys)} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
                          {i.name}
                          {i.isUnique ? ' (unique)' : ''}
                        </li>
                      ))}
                    </ul>
                  </Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      {collection && data.status === 'COMPLETED' ? (
        <Card
          title={
            <>
              Documents in <span className="font-mono">{collection}</span>
            </>
          }
        >
          <SnapshotDocuments key={collection} slug={slug} snapshotId={data.id} collection={collection} canRestore={canRestore && data.status === 'COMPLETED'} />
        </Card>
      ) : null}
    </div>
  );
}
