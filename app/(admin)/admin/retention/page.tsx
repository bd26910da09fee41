import type { Metadata } from 'next';
import Link from 'next/link';
import { CleanupPanel } from '@/app/(admin)/admin/retention/cleanup-panel';
import { LegalHoldForm, RetentionLockForm } from '@/app/(admin)/admin/retention/retention-forms';
import { PageHeader } from '@/components/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { forPage } from '@/lib/actions/for-page';
import { formatDateTime } from '@/lib/format';
import { listGcRuns } from '@/lib/lifecycle/start-tenant-cleanup';
import { getRetentionAdmin } from '@/lib/policies/get-retention-admin';
import { requirePageActor } from '@/lib/session/guards';

export const metadata: Metadata = { title: 'Retention locks and legal holds' };

type TProps = { searchParams: Promise<{ tenant?: string }> };

export default async function RetentionAdminPage({ searchParams }: TProps) {
  const { tenant } = await searchParams;
  const actor = await requirePageActor('/admin/retention');
  const data = await forPage(getRetentionAdmin({ actor, tenantSlug: tenant ?? null }));
  const gcRuns = data.selected ? await forPage(listGcRuns({ actor, tenantId: data.selected.tenantId })) : [];
  const pendingOf = new Map(data.pending.map((p) => [p.tenantId, p]));
  return (
    <>
      <PageHeader
        title="Retention locks and legal holds"
        description="The compliance lock is the minimum age before any snapshot of a tenant may expire. Raising it applies at once; lowering it needs an approver. A held snapshot is never expired or deleted."
        actions={
          <Link href="/admin" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
            Administration
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title="Compliance locks">
          <Table data-testid="retention-locks">
            <TableHead>
              <Th>Tenant</Th>
              <Th>Plan</Th>
              <Th>Lock</Th>
              <Th>Change</Th>
            </TableHead>
            <TableBody>
              {data.tenants.map((t) => {
                const p = pendingOf.get(t.id);
                return (
                  <tr key={t.id} data-tenant={t.slug}>
                    <Td>
                      <Link href={`/admin/retention?tenant=${t.slug}`} className="font-medium text-brand-700 hover:underline">
                        {t.name}
                      </Link>
                      <p className="font-mono text-xs text-slate-500">{t.slug}</p>
                    </Td>
                    <Td>{t.plan}</Td>
                    <Td>
                      <span className="font-medium">{t.lockDays ? `${t.lockDays} days` : 'none'}</span>
                      {p ? (
                        <p className="mt-1">
                          <Badge tone="amber">lowering to {p.toDays} days pending</Badge>
                        </p>
                      ) : null}
                    </Td>
                    <Td className="min-w-96">
                      <RetentionLockForm tenantId={t.id} tenantName={t.name} current={t.lockDays} />
                    </Td>
                  </tr>
                );
              })}
            </TableBody>
          </Table>
        </Card>

        <Card title={`Lowerings waiting for an approver (${data.pending.length})`}>
          {data.pending.length === 0 ? (
            <EmptyState title="Nothing pending">A proposed lowering appears here until an approver decides on it.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="pending-lock-changes">
              {data.pending.map((p) => (
                <li key={p.id} className="py-2">
                  <span className="font-medium">{p.tenantName}</span>: {p.fromDays} → {p.toDays} days · {p.reason}
                  <p className="text-xs text-slate-500">
                    proposed by {p.proposedBy}, {formatDateTime(p.proposedAt)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title={`Legal holds (${data.holds.length})`}>
          {data.holds.length === 0 ? (
            <EmptyState title="No snapshot is held">Choose a tenant above to place a hold on one of its snapshots.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="legal-holds">
              {data.holds.map((h) => (
                <li key={h.snapshotId} className="space-y-1 py-3">
                  <p>
                    <span className="font-medium">{h.tenantName}</span> snapshot #{h.seq}
                    {h.consistentAt ? <span className="text-slate-500"> · {formatDateTime(h.consistentAt)}</span> : null}
                  </p>
                  <p className="text-xs text-slate-600">
                    {h.reason} · held {h.heldAt ? formatDateTime(h.heldAt) : ''} by {h.heldBy ?? 'unknown'}
                  </p>
                  <LegalHoldForm snapshotId={h.snapshotId} seq={h.seq} held />
                </li>
              ))}
            </ul>
          )}
        </Card>

        {data.selected ? (
          <Card title={`Snapshots of ${data.selected.slug}`}>
            {data.selected.snapshots.length === 0 ? (
              <EmptyState title="No completed snapshots">Nothing to hold yet.</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="holdable-snapshots">
                {data.selected.snapshots.map((s) => (
                  <li key={s.id} className="grid gap-2 py-3 sm:grid-cols-[12rem_1fr] sm:items-start" data-seq={s.seq}>
                    <p>
                      <span className="font-medium">#{s.seq}</span>{' '}
                      {s.consistentAt ? <span className="text-slate-500">{formatDateTime(s.consistentAt)}</span> : null}{' '}
                      {s.held ? <Badge tone="amber">held</Badge> : null}
                    </p>
                    {s.held ? (
                      <p className="text-xs text-slate-500">Held: lift it in the list above.</p>
                    ) : (
                      <LegalHoldForm snapshotId={s.id} seq={s.seq} held={false} />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}

        {data.selected ? (
          <Card title={`Retention and garbage collection of ${data.selected.slug}`}>
            <CleanupPanel tenantId={data.selected.tenantId} slug={data.selected.slug} runs={gcRuns} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
