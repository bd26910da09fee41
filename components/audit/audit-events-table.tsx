import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import type { TAuditEventItem } from '@/lib/audit/list-audit-events';
import { formatDateTime } from '@/lib/format';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';

export function AuditEventsTable({ events, showTenant = false }: { events: TAuditEventItem[]; showTenant?: boolean }) {
  if (events.length === 0) {
    return <EmptyState title="No audit events match">Change the time range, or come back once something has happened.</EmptyState>;
  }
  return (
    <Table data-testid="audit-events">
      <TableHead>
        <Th className="pr-3">#</Th>
        <Th className="pr-3">When (UTC)</Th>
        <Th className="pr-3">What</Th>
        <Th className="pr-3">Who</Th>
        {showTenant ? <Th className="pr-3">Tenant</Th> : null}
        <Th>Details</Th>
      </TableHead>
      <TableBody className="align-top">
        {events.map((e) => (
          <tr key={e.id} data-action={e.action}>
            <Td className="pr-3 font-mono text-xs text-slate-400">{e.id}</Td>
            <Td className="whitespace-nowrap pr-3 text-slate-600">{formatDateTime(e.at)}</Td>
            <Td className="pr-3">
              <p className="font-medium text-slate-800">{e.label}</p>
              <div className="mt-0.5 flex flex-wrap items-center gap-1">
                <span className="font-mono text-xs text-slate-400">{e.action}</span>
                {e.outcome === 'DENIED' ? <Badge tone="red">denied</Badge> : null}
              </div>
            </Td>
            <Td className="pr-3">
              {e.impersonation ? (
                <div data-testid="both-identities">
                  <p className="text-slate-800">
                    <span className="text-xs uppercase tracking-wide text-amber-700">Support</span> {e.impersonation.supportEmail}
                  </p>
                  <p className="text-slate-600">
                    <span className="text-xs uppercase tracking-wide text-slate-500">as</span> {e.impersonation.impersonatedEmail ?? 'unknown user'}
                  </p>
                  {e.impersonation.ticketRef ? <p className="font-mono text-xs text-slate-500">{e.impersonation.ticketRef}</p> : null}
                </div>
              ) : (
                <span className="text-slate-800">{e.actorEmail ?? 'system'}</span>
              )}
            </Td>
            {showTenant ? <Td className="pr-3 font-mono text-xs text-slate-600">{e.tenantSlug ?? '—'}</Td> : null}
            <Td className="max-w-md text-slate-600">
              {e.targetType ? (
                <p className="text-xs text-slate-500">
                  {e.targetType}
                  {e.targetId ? `: ${e.targetId}` : ''}
                </p>
              ) : null}
              {e.summary ? <p className="break-words">{e.summary}</p> : null}
            </Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
