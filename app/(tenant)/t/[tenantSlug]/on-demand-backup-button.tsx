'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { requestBackupAction } from '@/app/(tenant)/t/[tenantSlug]/actions';
import { backupHealthQuery } from '@/components/portal/tenant-queries';

/** "Back up now" for tenant admins; the server enforces the tenant's on-demand policy. */
export function OnDemandBackupButton({ tenantSlug }: { tenantSlug: string }) {
  const statusId = useId();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => requestBackupAction({ tenantSlug, kind: 'auto' }),
    // the dashboard's health shows the queued backup and follows it
    onSuccess: (r) => (r.ok ? queryClient.invalidateQueries({ queryKey: backupHealthQuery(tenantSlug).queryKey }) : undefined),
  });
  const result = mutation.data;
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <button
        type="button"
        onClick={() => mutation.mutate()}
        disabled={mutation.isPending}
        aria-describedby={statusId}
        className="inline-flex items-center rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-wait disabled:opacity-60"
      >
        {mutation.isPending ? 'Queuing backup…' : 'Back up now'}
      </button>
      <p id={statusId} role="status" aria-live="polite" className="max-w-sm text-xs sm:text-right">
        {mutation.isError ? (
          <span className="text-red-700">The request did not reach the server. Try again.</span>
        ) : result?.ok ? (
          <span className="text-emerald-700" data-testid="backup-queued">
            Backup queued (job <span className="font-mono">{result.data.jobId}</span>). {result.data.remaining} of {result.data.limit} on-demand backups left in
            the last 24 hours.
          </span>
        ) : result ? (
          <span className="text-red-700" data-testid="backup-refused">
            {result.message}
          </span>
        ) : null}
      </p>
    </div>
  );
}
