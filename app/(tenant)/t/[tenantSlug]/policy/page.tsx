import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/page-header';
import { BackupPolicyForm } from '@/app/(tenant)/t/[tenantSlug]/policy/backup-policy-form';
import { Card } from '@/components/ui/card';
import { can } from '@/lib/auth/actor';
import { forPage } from '@/lib/actions/for-page';
import { requirePageActor } from '@/lib/session/guards';
import { formatDateTime } from '@/lib/format';
import { getBackupPolicy } from '@/lib/policies/get-backup-policy';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';

export const metadata: Metadata = { title: 'Backup policy' };

type TProps = { params: Promise<{ tenantSlug: string }> };

export default async function BackupPolicyPage({ params }: TProps) {
  const { tenantSlug } = await params;
  const actor = await requirePageActor(`/t/${tenantSlug}/policy`);
  const tenant = await forPage(getTenantForActorOrThrow({ actor, slug: tenantSlug, permission: 'tenant.read' }));
  const policy = await forPage(getBackupPolicy({ actor, tenantId: tenant.id }));
  // The form is shown to whoever holds the permission by role; the DAL still decides (it refuses
  // read-only impersonation with a clear message).
  const mayEdit = can(actor, 'policies.update', tenant.id);
  const facts = [
    ['Schedule (UTC)', policy.schedule],
    ['Retention', `${policy.retentionDays} days`],
    ['Full snapshot every', `${policy.fullEvery} runs`],
    ['On-demand per day', String(policy.maxOnDemandPerDay)],
    ['Point-in-time recovery', policy.pitrEnabled ? 'on' : 'off'],
    ['Approvals (low / high risk)', `${policy.approvalsLowRisk} / ${policy.approvalsHighRisk} (set by the platform)`],
  ];
  return (
    <>
      <PageHeader
        title="Backup policy"
        description={
          <>
            When <span className="font-medium">{tenant.name}</span> is backed up and how long snapshots are kept.
            {policy.updatedAt ? ` Last changed ${formatDateTime(policy.updatedAt)}.` : ' Platform defaults.'}
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
      <div className="grid gap-6 lg:grid-cols-5">
        <Card title="Current policy" className="lg:col-span-2">
          <dl className="space-y-2 text-sm">
            {facts.map(([k, v]) => (
              <div key={k} className="flex justify-between gap-4">
                <dt className="text-slate-500">{k}</dt>
                <dd className="text-right font-medium text-slate-800">{v}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="Change" className="lg:col-span-3">
          {mayEdit ? (
            <BackupPolicyForm tenantSlug={tenant.slug} policy={policy} />
          ) : (
            <p className="text-sm text-slate-600">Only tenant admins can change the backup policy.</p>
          )}
        </Card>
      </div>
    </>
  );
}
