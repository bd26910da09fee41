'use client';

import { useStepUp } from '@/app/_components/step-up-provider';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { previewRestoreUndoAction, undoRestoreRequestAction } from '@/app/(tenant)/t/[tenantSlug]/restores/actions';
import { DryRunChanges } from '@/components/portal/dry-run-diff';
import { Bar } from '@/components/portal/dry-run-progress';
import { restoreRequestQuery } from '@/components/portal/tenant-queries';
import { Card } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/query-states';
import type { TActionResult } from '@/lib/actions/action-result';
import { formatCount, formatDateTime } from '@/lib/format';
import type { TTenantRequestDetail } from '@/lib/requests/get-tenant-restore-request';

const unwrap = async <T,>(p: Promise<TActionResult<T>>) => {
  const res = await p;
  if (!res.ok) throw new Error(res.message);
  return res.data;
};

/**
 * Undo in two steps: a preview (an UNDO_PREVIEW job: what the undo would overwrite, documents
 * changed since the restore, per collection and as diffs), then the confirmation bound to that
 * preview — queued at once, or sent for approval where the tenant's policy asks for it.
 */
export function UndoPanel({ slug, r }: { slug: string; r: TTenantRequestDetail }) {
  const qc = useQueryClient();
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const stepUp = useStepUp();
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: restoreRequestQuery(slug, r.id).queryKey });
    router.refresh();
  };
  const preview = useMutation({
    mutationFn: () => unwrap(previewRestoreUndoAction({ tenantSlug: slug, requestId: r.id })),
    onSuccess: async () => {
      setOpen(true);
      await refresh();
    },
  });
  const job = r.undoPreview;
  const confirm = useMutation({
    mutationFn: () => unwrap(stepUp(() => undoRestoreRequestAction({ tenantSlug: slug, requestId: r.id, previewJobId: job!.id, reason: reason || undefined }))),
    onSuccess: async () => {
      setOpen(false);
      await refresh();
    },
  });

  if (r.status === 'UNDO_PENDING_APPROVAL' && r.undo) return <UndoAwaitingApproval undo={r.undo} />;
  if (!r.canUndo) return null;
  const running = job && (job.status === 'QUEUED' || job.status === 'RUNNING');
  const shown = isOpen || running;
  const error = preview.error ?? confirm.error;
  const needs = r.undoNeedsApprovals;
  return (
    <Card title="Undo">
      {!shown || !job ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-700">Undo puts the documents back as they were before this restore. First see what it would overwrite.</p>
          <button type="button" className={buttonClass.secondary} disabled={preview.isPending} onClick={() => preview.mutate()}>
            {preview.isPending ? 'Starting the preview…' : 'Undo restore'}
          </button>
        </div>
      ) : running ? (
        <div className="space-y-2" data-testid="undo-preview-progress" aria-live="polite">
          <p className="flex items-center gap-2 text-sm text-slate-700">
            <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-brand-500 border-t-transparent" aria-hidden />
            Checking what the undo would overwrite…
          </p>
          {job.progress ? <Bar value={job.progress.documents ?? 0} total={job.progress.totalDocuments} label="Documents compared" /> : null}
        </div>
      ) : job.status !== 'SUCCEEDED' || !job.result ? (
        <p role="alert" className="text-sm text-red-700">
          The undo preview did not complete{job.error ? `: ${job.error}` : '.'}{' '}
          <button type="button" className="underline" onClick={() => preview.mutate()}>
            Preview again
          </button>
        </p>
      ) : (
        <div className="space-y-4" data-testid="undo-preview">
          <p className="text-sm font-medium text-slate-800" role="status" data-testid="undo-preview-summary">
            {job.result.changed === 0
              ? 'Nothing changed since the restore: the undo overwrites no later change.'
              : `${formatCount(job.result.changed)} document${job.result.changed === 1 ? '' : 's'} changed since the restore; the undo would overwrite ${job.result.changed === 1 ? 'it' : 'them'}.`}
          </p>
          <ul className="text-sm text-slate-600" aria-label="Per collection">
            {job.result.collections.map((c) => (
              <li key={c.name} data-testid={`undo-preview-${c.name}`}>
                {c.name}: {formatCount(c.changed)} of {formatCount(c.written)} restored documents changed since
              </li>
            ))}
          </ul>
          {job.result.changed > 0 ? <DryRunChanges slug={slug} jobId={job.id} mode="undo" /> : null}
          <label className="block text-sm font-medium text-slate-700">
            Reason {needs > 0 ? '(shown to the approvers)' : '(optional)'}
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              placeholder="e.g. the restore brought back the wrong orders"
            />
          </label>
          <div className="flex flex-wrap items-center gap-3">
            <button type="button" className={buttonClass.primary} disabled={confirm.isPending} onClick={() => confirm.mutate()}>
              {confirm.isPending ? 'Sending…' : needs > 0 ? `Ask for approval to undo (${needs} needed)` : 'Yes, undo it'}
            </button>
            <button type="button" className={buttonClass.secondary} disabled={confirm.isPending} onClick={() => setOpen(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
    </Card>
  );
}

function UndoAwaitingApproval({ undo }: { undo: NonNullable<TTenantRequestDetail['undo']> }) {
  const current = undo.decisions.filter((d) => d.revision === undo.revision);
  return (
    <Card title="Undo waiting for approval">
      <p className="text-sm text-slate-700" data-testid="undo-awaiting">
        The undo needs {undo.requiredApprovals} approval{undo.requiredApprovals === 1 ? '' : 's'} from other people. It runs once approved, if the live data is
        still as the preview showed.
      </p>
      {current.length > 0 ? (
        <ul className="mt-3 divide-y divide-slate-100 text-sm" aria-label="Undo decisions">
          {current.map((d, i) => (
            <li key={i} className="py-2">
              {d.decision === 'APPROVE' ? 'Approved' : 'Rejected'} by {d.approverName} · {formatDateTime(d.at)}
              <p className="text-slate-600">{d.reason}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
