'use client';

import { useQuery } from '@tanstack/react-query';
import { tenantSnapshotSummaryQuery, tenantSummaryQuery } from '@/components/portal/tenant-queries';
import { formatCount, formatDateTime } from '@/lib/format';
import type { TTenantDataSummary } from '@/lib/tenants/get-tenant-data-summary';
import { EmptyState } from './ui/empty-state';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';

/**
 * The tenant's collections: the newest snapshot's counts (catalog, at once) until the live counts
 * (data plane, seconds) arrive; a slow or unreachable data plane is said, with the snapshot's
 * numbers still shown.
 */
export function TenantCollections({ slug }: { slug: string }) {
  const live = useQuery(tenantSummaryQuery(slug));
  const snap = useQuery(tenantSnapshotSummaryQuery(slug));
  const data: TTenantDataSummary | undefined = live.data ?? snap.data;
  const liveState = live.data ? (
    <Badge tone="green">live</Badge>
  ) : live.error ? (
    <span role="alert" className="text-red-700">
      Live counts unavailable: {live.error.message}{' '}
      <button type="button" onClick={() => void live.refetch()} className="font-medium underline">
        Retry
      </button>
    </span>
  ) : (
    <span className="text-slate-500" aria-live="polite">
      counting live documents…
    </span>
  );
  if (!data) {
    if (live.error && snap.error) {
      return (
        <div role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-700">
          Could not load collections: {live.error.message}{' '}
          <button type="button" onClick={() => void live.refetch()} className="font-medium underline">
            Retry
          </button>
        </div>
      );
    }
    return (
      <div className="space-y-2" aria-busy="true" aria-label="Loading collections">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-8 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    );
  }
  const header = (
    <p className="mb-3 flex flex-wrap items-center gap-2 text-xs" data-testid="collections-source" data-source={data.source}>
      {data.source === 'snapshot' ? (
        <>
          <Badge>{data.asOf ? `as of snapshot #${data.asOf.seq}, ${formatDateTime(data.asOf.at)}` : 'no snapshot yet'}</Badge>
          {liveState}
        </>
      ) : (
        liveState
      )}
    </p>
  );
  if (data.collections.length === 0)
    return (
      <div>
        {header}
        <EmptyState title="No collections yet">
          {data.source === 'live' ? 'This tenant holds no data.' : 'Counts appear once the live count answers.'}
        </EmptyState>
      </div>
    );
  const max = Math.max(...data.collections.map((c) => c.documents), 1);
  return (
    <div>
      {header}
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
        {live.isFetching && live.data ? ' · refreshing…' : ''}
      </p>
    </div>
  );
}
