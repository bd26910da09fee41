import type { Metadata } from 'next';
import { PageHeader } from '@/components/page-header';
import { TenantsTable } from '@/components/tenants-table';
import { Card } from '@/components/ui/card';
import { assertCan, forPage, requirePageActor } from '@/lib/auth/guards';
import { listTenants } from '@/lib/tenants/list-tenants';

export const metadata: Metadata = { title: 'Support' };

export default async function SupportPage() {
  const actor = await requirePageActor('/support');
  const tenants = await forPage(
    (async () => {
      assertCan(actor, 'tenants.impersonate');
      return listTenants({ actor });
    })(),
  );
  return (
    <>
      <PageHeader title="Support" description="Tenants you can assist. Every impersonation needs a reason and a ticket, and is audited." />
      <Card title={`Tenants (${tenants.length})`}>
        <TenantsTable tenants={tenants} />
      </Card>
    </>
  );
}
