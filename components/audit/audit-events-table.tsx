import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import type { TAuditEventItem } from '@/lib/audit/list-audit-events';
import { formatDateTime } from '@/lib/format';

export function AuditEventsTable({ events, showTenant = false }: { events: TAuditEventItem[]; showTenant?: boolean }) {
  if (events.length === 0) {
    return <EmptyState title="No audit events match">Change the time range, or come back once something has happened.</EmptyState>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="audit-events">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="pb-2 pr-3 font-medium">#</th>
            <th scope="col" className="pb-2 pr-3 font-medium">When (UTC)</th>
            <th scope="col" className="pb-2 pr-3 font-medium">What</th>
            <th scope="col" className="pb-2 pr-3 font-medium">Who</th>
            {showTenant ? <th scope="col" className="pb-2 pr-3 font-medium">Tenant</th> : null}
            <th scope="col" className="pb-2 font-medium">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {events.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td className="py-2 pr-3 font-mono text-xs text-slate-400">{e.id}</td>
              <td className="whitespace-nowrap py-2 pr-3 text-slate-600">{formatDateTime(e.at)}</td>
              <td className="py-2 pr-3">
                <p className="font-medium text-slate-800">{e.label}</p>
                <div className="mt-0.5 flex flex-wrap items-center gap-1">
                  <span className="font-mono text-xs text-slate-400">{e.action}</span>
                  {e.outcome === 'DENIED' ? <Badge tone="red">denied</Badge> : null}
                </div>
              </td>
              <td className="py-2 pr-3">
                {e.impersonation ? (
                  <div data-testid="both-identities">
                    <p className="text-slate-800"><span className="text-xs uppercase tracking-wide text-amber-700">Support</span> {e.impersonation.supportEmail}</p>
                    <p className="text-slate-600"><span className="text-xs uppercase tracking-wide text-slate-500">as</span> {e.impersonation.impersonatedEmail ?? 'unknown user'}</p>
                    {e.impersonation.ticketRef ? <p className="font-mono text-xs text-slate-500">{e.impersonation.ticketRef}</p> : null}
                  </div>
                ) : (
                  <span className="text-slate-800">{e.actorEmail ?? 'system'}</span>
                )}
              </td>
              {showTenant ? <td className="py-2 pr-3 font-mono text-xs text-slate-600">{e.tenantSlug ?? '—'}</td> : null}
              <td className="max-w-md py-2 text-slate-600">
                {e.targetType ? <p className="text-xs text-slate-500">{e.targetType}{e.targetId ? `: ${e.targetId}` : ''}</p> : null}
                {e.summary ? <p className="break-words">{e.summary}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
