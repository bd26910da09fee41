import type { Metadata } from 'next';
import { UndoDecisionForm } from '@/app/(approver)/approvals/undos/undo-decision-form';
import { PageHeader } from '@/components/page-header';
import { ChangeRow } from '@/components/portal/dry-run-diff';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { forPage } from '@/lib/actions/for-page';
import { formatCount, formatDateTime } from '@/lib/format';
import { listUndoRequestsForReview } from '@/lib/requests/list-undo-requests-for-review';
import type { TDocumentChange } from '@/lib/restores/get-dry-run-changes-page';
import { requirePageActor } from '@/lib/session/guards';

export const metadata: Metadata = { title: 'Undo approvals' };

export default async function UndoApprovalsPage() {
  const actor = await requirePageActor('/approvals/undos');
  const pending = await forPage(listUndoRequestsForReview({ actor }));
  return (
    <>
      <PageHeader
        title="Undo approvals"
        description="Undoing a restore puts the documents back as they were before it, overwriting what changed since. The preview below is what the undo would overwrite; if the live data changes after your approval, the undo is refused and must be previewed again."
      />
      <Card title={`Waiting for a decision (${pending.length})`}>
        {pending.length === 0 ? (
          <EmptyState title="No undo requests">When a tenant admin asks to undo a restore that needed approvals, it appears here.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="pending-undos">
            {pending.map((u) => (
              <li key={u.requestId} className="py-3" data-testid="pending-undo">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p>
                    <span className="font-medium text-slate-800">{u.requesterName}</span> asks to undo restore{' '}
                    <span className="font-mono text-xs">{u.requestId}</span> in <span className="font-medium">{u.tenantName}</span>
                  </p>
                  <Badge tone="amber">
                    {u.approvals} of {u.requiredApprovals} approvals
                  </Badge>
                </div>
                <p className="mt-1 text-slate-600">Restore reason: {u.restoreReason}</p>
                {u.undoReason ? <p className="mt-1 text-slate-600">Undo reason: {u.undoReason}</p> : null}
                <p className="mt-1 text-xs text-slate-500">asked {u.requestedAt ? formatDateTime(u.requestedAt) : '—'}</p>
                {u.preview ? (
                  <div className="mt-2">
                    <p className="font-medium text-slate-800" data-testid="undo-overwrites">
                      The undo overwrites {formatCount(u.preview.changed)} document{u.preview.changed === 1 ? '' : 's'} changed since the restore
                    </p>
                    <ul className="mt-1 text-xs text-slate-600">
                      {u.preview.collections.map((c) => (
                        <li key={c.name}>
                          {c.name}: {formatCount(c.changed)} of {formatCount(c.written)} restored documents changed since
                        </li>
                      ))}
                    </ul>
                    {u.preview.examples.length > 0 ? (
                      <ul className="mt-2 divide-y divide-slate-100" aria-label="Examples of what the undo overwrites">
                        {u.preview.examples.map((e) => (
                          <ChangeRow key={`${e.namespace}-${JSON.stringify(e.id)}`} change={exampleChange(e)} mode="undo" />
                        ))}
                      </ul>
                    ) : null}
                  </div>
                ) : null}
                {u.isOwn ? (
                  <p className="mt-2 text-xs text-slate-500">You asked for this undo; another approver must decide.</p>
                ) : (
                  <UndoDecisionForm requestId={u.requestId} />
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

function exampleChange(e: NonNullable<Awaited<ReturnType<typeof listUndoRequestsForReview>>[number]['preview']>['examples'][number]): TDocumentChange {
  return {
    namespace: e.namespace,
    idKey: JSON.stringify(e.id),
    id: e.id,
    action: e.action as TDocumentChange['action'],
    live: (e.live ?? null) as Record<string, unknown> | null,
    snapshot: (e.snapshot ?? null) as Record<string, unknown> | null,
    changes: (e.changes ?? []) as TDocumentChange['changes'],
  };
}
