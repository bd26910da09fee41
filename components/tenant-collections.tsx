'use client';

import { useQuery } from '@tanstack/react-query';
import { tenantSummaryQuery } from '@/components/portal/tenant-queries';
import { formatCount } from '@/lib/format';
import { EmptyState } from './ui/empty-state';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';

export function TenantCollections({ slug }: { slug: string }) {
  const { data, error, isPending, refetch, isFetching } = useQuery(tenantSummaryQuery(slug));
  if (isPending) {
    return (
      <div className="space-y-2" aria-busy="true" aria-label="Loading collections">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-8 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    );
  }
  if (error) {
    return (
      <div role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-700">
        Could not load collections: {error.message}{' '}
        <button type="button" onClick={() => void refetch()} className="font-medium underline">
          Retry
        </button>
      </div>
    );
  }
  if (data.collections.length === 0) return <EmptyState title="No collections yet">This tenant holds no data.</EmptyState>;
  const max = Math.max(...data.collections.map((c) => c.documents), 1);
  return (
    <div>
      <Table data-testid="collections-table">
        <TableHead>
          <Th>Collection</Th>
          <Th>Namespace</Th>
          <Th align="right">Documents</Th>
        </TableHead>
        <TableBody>
          {data.collections.map((c) => (
            <tr key={c.namespace}>
              <Td className="font-medium text-slate-800">{c.name}</Td>
              <Td className="font-mono text-xs text-slate-500">{c.namespace}</Td>
              <Td align="right">
                <div className="flex items-center justify-end gap-3">
                  <span className="hidden h-1.5 w-24 overflow-hidden rounded bg-slate-100 sm:block" aria-hidden>
                    <span className="block h-full bg-brand-500" style={{ width: `${(c.documents / max) * 100}%` }} />
                  </span>
                  {formatCount(c.documents)}
                </div>
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <p className="mt-3 text-xs text-slate-500">
        {formatCount(data.totalDocuments)} documents in {data.collections.length} collections
        {isFetching ? ' · refreshing…' : ''}
      </p>
    </div>
  );
}
