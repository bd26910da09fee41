import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/page-header';
import { RequestElevationForm } from '@/app/(support)/support/request-elevation-form';
import { StartImpersonationForm } from '@/app/(support)/support/start-impersonation-form';
import { TenantsTable } from '@/components/tenants-table';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { forPage } from '@/lib/actions/for-page';
import { assertCan, requirePageActor } from '@/lib/session/guards';
import { formatDateTime } from '@/lib/format';
import { listImpersonationTargets } from '@/lib/impersonation/list-impersonation-targets';
import { listSupportSessions } from '@/lib/impersonation/list-support-sessions';
import { listTenants } from '@/lib/tenants/list-tenants';

export const metadata: Metadata = { title: 'Support' };

const END_REASON: Record<string, string> = {
  stopped: 'stopped',
  expired: 'expired',
  'support-role-revoked': 'support role revoked',
  'target-revoked': 'user lost access',
  'tenant-inactive': 'tenant inactive',
};

export default async function SupportPage() {
  const actor = await requirePageActor('/support');
  const [tenants, targets, sessions] = await forPage(
    (async () => {
      assertCan(actor, 'tenants.impersonate');
      return Promise.all([listTenants({ actor }), listImpersonationTargets({ actor }), listSupportSessions({ actor })]);
    })(),
  );
  const active = actor.impersonation;
  return (
    <>
      <PageHeader
        title="Support"
        description="Tenants you can assist. Every impersonation needs a reason and a ticket, and is audited."
        actions={
          <Link href="/admin/audit" className="text-sm font-medium text-brand-700 hover:underline">
            Audit log
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title="Impersonate a tenant user">
          <StartImpersonationForm
            targets={targets}
            disabledReason={
              active
                ? `You are impersonating ${active.targetEmail ?? 'a user'} in ${active.tenantName}. Stop that session (banner above) before starting another.`
                : undefined
            }
          />
        </Card>
        <Card title={`Your sessions (${sessions.length})`}>
          {sessions.length === 0 ? (
            <EmptyState title="No sessions yet">Sessions you start appear here, with their reason, ticket and how they ended.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="support-sessions">
              {sessions.map((s) => (
                <li key={s.id} className="py-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <p>
                      <span className="font-medium text-slate-800">{s.tenantName}</span> as {s.targetEmail ?? 'unknown user'} ·{' '}
                      <span className="font-mono">{s.ticketRef}</span>
                    </p>
                    <div className="flex items-center gap-2">
                      {s.elevationStatus ? (
                        <Badge tone={s.elevationStatus === 'APPROVED' ? 'red' : s.elevationStatus === 'PENDING' ? 'amber' : 'slate'}>
                          elevation {s.elevationStatus.toLowerCase()}
                        </Badge>
                      ) : null}
                      <Badge tone={s.state === 'active' ? 'green' : 'slate'}>
                        {s.state === 'active' ? 'active' : (END_REASON[s.endReason ?? ''] ?? 'ended')}
                      </Badge>
                    </div>
                  </div>
                  <p className="mt-1 text-slate-500">{s.reason}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    Started {formatDateTime(s.startedAt)} · {s.endedAt ? `ended ${formatDateTime(s.endedAt)}` : `ends ${formatDateTime(s.expiresAt)}`}
                  </p>
                  {s.state === 'active' && active?.id === s.id && (s.elevationStatus === null || s.elevationStatus === 'REJECTED') ? (
                    <RequestElevationForm sessionId={s.id} />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={`Tenants (${tenants.length})`}>
          <TenantsTable tenants={tenants} />
        </Card>
      </div>
    </>
  );
}
