import { Badge } from '@/components/ui/badge';
import { describeTenancy } from '@/components/describe-tenancy';
import type { TTenantListItem } from '@/lib/tenants/list-tenants';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';

const MODEL_LABEL = { DATABASE: 'Database', COLLECTION_PREFIX: 'Prefix', SHARED_FIELD: 'Shared field' } as const;

export function TenantsTable({ tenants }: { tenants: TTenantListItem[] }) {
  return (
    <Table data-testid="tenants-table">
      <TableHead>
        <Th>Tenant</Th>
        <Th>Model</Th>
        <Th>Where the data lives</Th>
        <Th>Region</Th>
        <Th align="right">Members</Th>
      </TableHead>
      <TableBody>
        {tenants.map((t) => (
          <tr key={t.id}>
            <Td>
              <span className="font-medium text-slate-800">{t.name}</span> <span className="font-mono text-xs text-slate-500">{t.slug}</span>
            </Td>
            <Td>
              <Badge tone="blue">{MODEL_LABEL[t.tenancyModel]}</Badge>
            </Td>
            <Td className="text-slate-600">{describeTenancy(t)}</Td>
            <Td className="text-slate-600">{t.region}</Td>
            <Td align="right">{t.members}</Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
