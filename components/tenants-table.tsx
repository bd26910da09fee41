import { Badge } from '@/components/ui/badge';
import { describeTenancy } from '@/components/describe-tenancy';
import type { TTenantListItem } from '@/lib/tenants/list-tenants';

const MODEL_LABEL = { DATABASE: 'Database', COLLECTION_PREFIX: 'Prefix', SHARED_FIELD: 'Shared field' } as const;

export function TenantsTable({ tenants }: { tenants: TTenantListItem[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="tenants-table">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="pb-2 font-medium">Tenant</th>
            <th className="pb-2 font-medium">Model</th>
            <th className="pb-2 font-medium">Where the data lives</th>
            <th className="pb-2 font-medium">Region</th>
            <th className="pb-2 text-right font-medium">Members</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tenants.map((t) => (
            <tr key={t.id}>
              <td className="py-2"><span className="font-medium text-slate-800">{t.name}</span> <span className="font-mono text-xs text-slate-500">{t.slug}</span></td>
              <td className="py-2"><Badge tone="blue">{MODEL_LABEL[t.tenancyModel]}</Badge></td>
              <td className="py-2 text-slate-600">{describeTenancy(t)}</td>
              <td className="py-2 text-slate-600">{t.region}</td>
              <td className="py-2 text-right tabular-nums">{t.members}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
