import type { Metadata } from 'next';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { AuditFilterForm, exportHref } from '@/components/audit/audit-filter-form';
import { AuditPagination } from '@/components/audit/audit-pagination';
import { PageHeader } from '@/components/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { listAuditEvents, type TAuditPage } from '@/lib/audit/list-audit-events';
import { verifyStoredAuditChain } from '@/lib/audit/verify-stored-audit-chain';
import { forPage } from '@/lib/actions/for-page';
import { assertCan, requirePageActor } from '@/lib/session/guards';
import { InputError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { listTenants } from '@/lib/tenants/list-tenants';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function PlatformAuditPage({ searchParams }: TProps) {
  const sp = await searchParams;
  const actor = await requirePageActor('/admin/audit');
  const tenants = await forPage(
    (async () => {
      assertCan(actor, 'audit.read.all');
      return listTenants({ actor });
    })(),
  );
  const filter = { tenant: one(sp.tenant), from: one(sp.from), to: one(sp.to) };
  let data: TAuditPage = { events: [], page: 1, pages: 1, total: 0, pageSize: 25 };
  let error: string | null = null;
  try {
    data = await forPage(listAuditEvents({ actor, filter, page: Number(one(sp.page) ?? 1) || 1 }));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    error = e.message;
  }
  const report = await verifyStoredAuditChain();
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50';
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every privileged action on the platform, hash-chained. Append-only for the application."
        actions={
          <div className="flex gap-2">
            <a href={exportHref('csv', filter)} className={link} download>
              Export CSV
            </a>
            <a href={exportHref('jsonl', filter)} className={link} download>
              Export JSON lines
            </a>
          </div>
        }
      />
      <div className="space-y-6">
        <Card title="Chain verification" action={report.ok ? <Badge tone="green">intact</Badge> : <Badge tone="red">broken</Badge>}>
          <div data-testid="audit-verification" role="status">
            {report.ok ? (
              <p className="text-sm text-slate-700">
                All <span className="font-semibold">{report.rows}</span> events verify: every row hashes to its recorded hash and names its predecessor. Last
                hash <span className="font-mono text-xs">{report.lastHash.slice(0, 16)}…</span>
              </p>
            ) : (
              <div className="text-sm text-red-800">
                <p className="font-semibold">
                  Broken at position {report.position} (event #{report.id}):{' '}
                  {report.problem === 'content-changed' ? 'the row was modified' : 'a row was deleted, inserted or moved'}.
                </p>
                <p className="mt-1">
                  {report.detail}. The {report.rows} events before it verify.
                </p>
              </div>
            )}
            <p className="mt-2 text-xs text-slate-500">
              Checked {formatDateTime(report.checkedAt)}. Run <code className="font-mono">npm run audit:verify</code> for the same check from a shell.
            </p>
          </div>
        </Card>
        <Card title="Events">
          <div className="mb-4">
            <AuditFilterForm action="/admin/audit" tenants={tenants.map((t) => ({ slug: t.slug, name: t.name }))} values={filter} error={error} />
          </div>
          <AuditEventsTable events={data.events} showTenant />
          <AuditPagination basePath="/admin/audit" query={filter} page={data.page} pages={data.pages} total={data.total} />
        </Card>
      </div>
    </>
  );
}
