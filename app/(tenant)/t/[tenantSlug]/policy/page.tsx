import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/page-header';
import { PolicyEditor } from '@/app/(tenant)/t/[tenantSlug]/policy/policy-editor';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { mayAct, readOnlyReason } from '@/lib/auth/actor';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { forPage } from '@/lib/actions/for-page';
import { requirePageActor } from '@/lib/session/guards';
import { formatDateTime } from '@/lib/format';
import { getBackupPolicy } from '@/lib/policies/get-backup-policy';
import { listLegalHolds } from '@/lib/policies/list-legal-holds';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';

export const metadata: Metadata = { title: 'Backup policy' };

type TProps = { params: Promise<{ tenantSlug: string }> };

export default async function BackupPolicyPage({ params }: TProps) {
  const { tenantSlug } = await params;
  const actor = await requirePageActor(`/t/${tenantSlug}/policy`);
  const tenant = await forPage(getTenantForActorOrThrow({ actor, slug: tenantSlug, permission: 'tenant.read' }));
  const [view, holds] = await forPage(Promise.all([getBackupPolicy({ actor, tenantId: tenant.id }), listLegalHolds({ actor, tenantId: tenant.id })]));
  // The editor is enabled for whoever holds the permission by role; the DAL still decides (it
  // refuses read-only impersonation with a clear message).
  const mayEdit = mayAct(actor, 'policies.update', tenant.id);
  return (
    <>
      <PageHeader
        title="Backup policy"
        description={
          <>
            When <span className="font-medium">{tenant.name}</span> is backed up and how long snapshots are kept: the{' '}
            <span className="font-medium">{view.template.label}</span> plan with your overrides.
          </>
        }
        actions={
          <Link
            href={`/t/${tenant.slug}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Dashboard
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Policy" className="lg:col-span-2">
          {view.problems.length ? (
            <p role="note" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200">
              Some stored values are not applied (the plan&apos;s value is used instead): {view.problems.map((p) => `${p.leaf}: ${p.message}`).join('; ')}.
            </p>
          ) : null}
          {!mayEdit ? <ReadOnlyNotice reason={readOnlyReason(actor, tenant.id) ?? 'Only tenant admins can change the backup policy.'} /> : null}
          <PolicyEditor tenantSlug={tenant.slug} view={view} mayEdit={mayEdit} />
        </Card>
        <div className="space-y-6">
          <Card title="Compliance lock">
            <div data-testid="compliance-lock" className="space-y-2 text-sm">
              {view.complianceDays > 0 ? (
                <p>
                  <span className="text-2xl font-semibold text-slate-900">{view.complianceDays}</span> days
                  <span className="ml-2">
                    <Badge tone="amber">set by the platform</Badge>
                  </span>
                </p>
              ) : (
                <p className="text-slate-700">No lock.</p>
              )}
              <p className="text-slate-600">
                No snapshot is expired before it is this old, whatever the retention above says. Only the platform can change it; lowering it needs a second
                person&apos;s approval.
              </p>
              {view.pendingLockChange ? (
                <p className="text-xs text-slate-500">
                  A lowering to {view.pendingLockChange.toDays} days, proposed {formatDateTime(view.pendingLockChange.proposedAt)}, is waiting for approval.
                </p>
              ) : null}
            </div>
          </Card>
          <Card title={`Legal holds (${holds.length})`}>
            {holds.length === 0 ? (
              <EmptyState title="No snapshot is held">A snapshot under legal hold is never expired or deleted until the platform lifts the hold.</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="held-snapshots">
                {holds.map((h) => (
                  <li key={h.snapshotId} className="py-2">
                    <Link href={`/t/${tenant.slug}/snapshots/${h.snapshotId}`} className="font-medium text-brand-700 hover:underline">
                      Snapshot #{h.seq}
                    </Link>
                    {h.consistentAt ? <span className="text-slate-500"> · {formatDateTime(h.consistentAt)}</span> : null}
                    <p className="text-xs text-slate-600">
                      {h.reason}
                      {h.heldAt ? ` · held since ${formatDateTime(h.heldAt)}` : ''}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Approvals">
            <p className="text-sm text-slate-700">
              Restores need {view.approvalsLowRisk} (low risk) / {view.approvalsHighRisk} (high risk) approvals. Set by the platform.
            </p>
          </Card>
        </div>
      </div>
    </>
  );
}
