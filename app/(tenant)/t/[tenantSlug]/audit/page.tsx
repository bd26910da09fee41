import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { AuditFilterForm, exportHref } from '@/components/audit/audit-filter-form';
import { AuditPagination } from '@/components/audit/audit-pagination';
import { PageHeader } from '@/components/page-header';
import { Card } from '@/components/ui/card';
import { listAuditEvents, type TAuditPage } from '@/lib/audit/list-audit-events';
import { forPage } from '@/lib/actions/for-page';
import { requirePageActor } from '@/lib/session/guards';
import { InputError } from '@/lib/errors';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';

export const metadata: Metadata = { title: 'Audit log' };

type TProps = { params: Promise<{ tenantSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function TenantAuditPage({ params, searchParams }: TProps) {
  const { tenantSlug } = await params;
  const sp = await searchParams;
  const actor = await requirePageActor(`/t/${tenantSlug}/audit`);
  const tenant = await forPage(getTenantForActorOrThrow({ actor, slug: tenantSlug, permission: 'audit.read' }));
  const filter = { tenant: tenant.slug, from: one(sp.from), to: one(sp.to) };
  let data: TAuditPage = { events: [], page: 1, pages: 1, total: 0, pageSize: 25 };
  let error: string | null = null;
  try {
    data = await forPage(listAuditEvents({ actor, filter, page: Number(one(sp.page) ?? 1) || 1 }));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    error = e.message;
  }
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50';
  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          <>
            Everything done in <span className="font-medium">{tenant.name}</span>, including by Vaultline support (shown with both identities).
          </>
        }
        actions={
          <div className="flex gap-2">
            <Link href={`/t/${tenant.slug}`} className={link}>
              Dashboard
            </Link>
            <a href={exportHref('csv', filter)} className={link} download>
              Export CSV
            </a>
            <a href={exportHref('jsonl', filter)} className={link} download>
              Export JSON lines
            </a>
          </div>
        }
      />
      <Card>
        <div className="mb-4">
          <AuditFilterForm action={`/t/${tenant.slug}/audit`} values={filter} error={error} />
        </div>
        <AuditEventsTable events={data.events} />
        <AuditPagination
          basePath={`/t/${tenant.slug}/audit`}
          query={{ from: filter.from, to: filter.to }}
          page={data.page}
          pages={data.pages}
          total={data.total}
        />
      </Card>
    </>
  );
}
