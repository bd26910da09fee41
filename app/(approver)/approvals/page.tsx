import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/page-header';
import { RiskBadge } from '@/components/restore-status-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { forPage } from '@/lib/actions/for-page';
import { requirePageActor } from '@/lib/session/guards';
import { formatDateTime } from '@/lib/format';
import { listRestoreRequestsForReview } from '@/lib/requests/list-restore-requests-for-review';

export const metadata: Metadata = { title: 'Approvals' };

type TSearch = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const AGES = [
  { value: '', label: 'Any age' },
  { value: '1', label: 'Waiting 1 h or more' },
  { value: '8', label: 'Waiting 8 h or more' },
  { value: '24', label: 'Waiting 24 h or more' },
];

function age(iso: string, now: number): string {
  const h = Math.floor((now - new Date(iso).getTime()) / 3600_000);
  if (h < 1) return 'under an hour';
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} days`;
}

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const actor = await requirePageActor('/approvals');
  const sp = await searchParams;
  const filter = { tenant: one(sp.tenant), risk: one(sp.risk) as 'LOW' | 'HIGH' | undefined, minAgeHours: one(sp.age), page: one(sp.page) };
  const queue = await forPage(listRestoreRequestsForReview({ actor, filter }));
  // A server component renders once per request: "now" is the request's time, not a re-render hazard.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  const pages = Math.max(1, Math.ceil(queue.total / queue.pageSize));
  const link = (page: number) => {
    const q = new URLSearchParams();
    if (filter.tenant) q.set('tenant', filter.tenant);
    if (filter.risk) q.set('risk', filter.risk);
    if (filter.minAgeHours) q.set('age', filter.minAgeHours);
    q.set('page', String(page));
    return `/approvals?${q.toString()}`;
  };
  const select = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm';

  return (
    <>
      <PageHeader
        title="Approvals"
        description="Restore requests of every tenant that wait for a decision, oldest first."
        actions={
          <div className="flex gap-2">
            <Link
              href="/approvals/elevations"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Elevations
            </Link>
            <Link
              href="/approvals/undos"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Undos
            </Link>
            <Link
              href="/approvals/retention-locks"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Lock lowerings
            </Link>
          </div>
        }
      />
      <form method="get" className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-4" aria-label="Filter requests">
        <label className="text-sm font-medium text-slate-700">
          Tenant
          <select name="tenant" defaultValue={filter.tenant ?? ''} className={select}>
            <option value="">All tenants</option>
            {queue.tenants.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Risk
          <select name="risk" defaultValue={filter.risk ?? ''} className={select}>
            <option value="">Any risk</option>
            <option value="HIGH">High</option>
            <option value="LOW">Low</option>
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Age
          <select name="age" defaultValue={filter.minAgeHours ?? ''} className={select}>
            {AGES.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
            Apply
          </button>
          <Link href="/approvals" className="rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100">
            Reset
          </Link>
        </div>
      </form>
      <Card title={`Waiting for review (${queue.total})`}>
        {queue.items.length === 0 ? (
          <EmptyState title="Nothing to review">
            {queue.total === 0 && !filter.tenant && !filter.risk && !filter.minAgeHours
              ? 'New restore requests from tenant admins appear here.'
              : 'No request matches these filters.'}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Restore requests">
            {queue.items.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-4 py-3">
                <div className="min-w-0">
                  <Link href={`/approvals/${r.id}`} className="font-medium text-brand-700 hover:underline">
                    {r.tenantName}: {r.reason}
                  </Link>
                  <p className="text-slate-500">
                    by {r.requesterName} ({r.requesterEmail}) · waiting {age(r.submittedAt, now)} · {formatDateTime(r.submittedAt)}
                  </p>
                  {r.statusReason ? <p className="text-amber-700">Back for approval: {r.statusReason}</p> : null}
                </div>
                <div className="flex items-center gap-3">
                  <RiskBadge risk={r.risk} />
                  <span className="text-xs text-slate-500">
                    {r.approvals} of {r.requiredApprovals} approvals
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
            {queue.page > 1 ? (
              <Link href={link(queue.page - 1)} className="rounded-md px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50">
                ← Previous
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-500">
              Page {queue.page} of {pages}
            </span>
            {queue.page < pages ? (
              <Link href={link(queue.page + 1)} className="rounded-md px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50">
                Next →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </Card>
    </>
  );
}
