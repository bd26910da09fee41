import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/page-header';
import { TenantsTable } from '@/components/tenants-table';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { forPage } from '@/lib/actions/for-page';
import { assertCan, requirePageActor } from '@/lib/session/guards';
import { listTenants } from '@/lib/tenants/list-tenants';
import { listUsers } from '@/lib/users/list-users';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';

export const metadata: Metadata = { title: 'Administration' };

export default async function AdminPage() {
  const actor = await requirePageActor('/admin');
  const [tenants, users] = await forPage(
    (async () => {
      assertCan(actor, 'tenants.manage');
      return Promise.all([listTenants({ actor }), listUsers({ actor })]);
    })(),
  );
  return (
    <>
      <PageHeader
        title="Administration"
        description="Tenants, users and their roles."
        actions={
          <div className="flex gap-2">
            <Link
              href="/admin/retention"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Retention locks and holds
            </Link>
            <Link href="/admin/audit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
              Audit log
            </Link>
          </div>
        }
      />
      <div className="space-y-6">
        <Card title={`Tenants (${tenants.length})`}>
          <TenantsTable tenants={tenants} />
        </Card>
        <Card title={`Users (${users.length})`}>
          <Table data-testid="users-table">
            <TableHead>
              <Th>User</Th>
              <Th>Platform roles</Th>
              <Th>Tenant roles</Th>
            </TableHead>
            <TableBody>
              {users.map((u) => (
                <tr key={u.id}>
                  <Td>
                    <p className="font-medium text-slate-800">{u.name}</p>
                    <p className="text-xs text-slate-500">{u.email}</p>
                  </Td>
                  <Td className="space-x-1">
                    {u.platformRoles.map((r) => (
                      <Badge key={r} tone="blue">
                        {r.toLowerCase().replace('_', ' ')}
                      </Badge>
                    ))}
                  </Td>
                  <Td className="space-x-1">
                    {u.memberships.map((m) => (
                      <Badge key={m.tenantSlug}>
                        {m.tenantSlug}: {m.role === 'TENANT_ADMIN' ? 'admin' : 'viewer'}
                      </Badge>
                    ))}
                  </Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </Card>
      </div>
    </>
  );
}
