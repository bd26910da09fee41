import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/page-header';
import { TenantsTable } from '@/components/tenants-table';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { forPage } from '@/lib/actions/for-page';
import { assertCan, requirePageActor } from '@/lib/auth/guards';
import { listTenants } from '@/lib/tenants/list-tenants';
import { listUsers } from '@/lib/users/list-users';

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
      <PageHeader title="Administration" description="Tenants, users and their roles."
        actions={<Link href="/admin/audit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">Audit log</Link>} />
      <div className="space-y-6">
        <Card title={`Tenants (${tenants.length})`}><TenantsTable tenants={tenants} /></Card>
        <Card title={`Users (${users.length})`}>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="users-table">
              <thead>
                <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <th className="pb-2 font-medium">User</th>
                  <th className="pb-2 font-medium">Platform roles</th>
                  <th className="pb-2 font-medium">Tenant roles</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {users.map((u) => (
                  <tr key={u.id}>
                    <td className="py-2"><p className="font-medium text-slate-800">{u.name}</p><p className="text-xs text-slate-500">{u.email}</p></td>
                    <td className="space-x-1 py-2">{u.platformRoles.map((r) => <Badge key={r} tone="blue">{r.toLowerCase().replace('_', ' ')}</Badge>)}</td>
                    <td className="space-x-1 py-2">{u.memberships.map((m) => <Badge key={m.tenantSlug}>{m.tenantSlug}: {m.role === 'TENANT_ADMIN' ? 'admin' : 'viewer'}</Badge>)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </>
  );
}
