'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { updateBackupPolicyAction } from '@/app/(tenant)/t/[tenantSlug]/policy/actions';
import type { TBackupPolicyDto } from '@/lib/policies/get-backup-policy';

const field = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-brand-500';

export function BackupPolicyForm({ tenantSlug, policy }: { tenantSlug: string; policy: TBackupPolicyDto }) {
  const router = useRouter();
  const save = useMutation({
    mutationFn: (input: Parameters<typeof updateBackupPolicyAction>[1]) => updateBackupPolicyAction(tenantSlug, input),
    onSuccess: (r) => {
      if (r.ok) router.refresh();
    },
  });
  const failed = save.data && !save.data.ok ? save.data : null;
  const fe = failed?.fieldErrors ?? {};
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    save.mutate({
      schedule: String(f.get('schedule') ?? ''),
      retentionDays: Number(f.get('retentionDays')),
      fullEvery: Number(f.get('fullEvery')),
      maxOnDemandPerDay: Number(f.get('maxOnDemandPerDay')),
      pitrEnabled: f.get('pitrEnabled') === 'on',
    });
  }
  const num = (name: keyof TBackupPolicyDto, label: string, hint: string) => (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type="number"
        inputMode="numeric"
        defaultValue={String(policy[name])}
        className={field}
        aria-invalid={!!fe[name]}
        aria-describedby={`${name}-hint`}
      />
      <p id={`${name}-hint`} className={`mt-1 text-xs ${fe[name] ? 'text-red-700' : 'text-slate-500'}`}>
        {fe[name] ?? hint}
      </p>
    </div>
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" aria-label="Backup policy">
      <div>
        <label htmlFor="schedule" className="block text-sm font-medium text-slate-700">
          Schedule (cron, UTC)
        </label>
        <input
          id="schedule"
          name="schedule"
          defaultValue={policy.schedule}
          className={`${field} font-mono`}
          aria-invalid={!!fe.schedule}
          aria-describedby="schedule-hint"
        />
        <p id="schedule-hint" className={`mt-1 text-xs ${fe.schedule ? 'text-red-700' : 'text-slate-500'}`}>
          {fe.schedule ?? 'Five fields, e.g. 0 2 * * * for 02:00 every day.'}
        </p>
      </div>
      {num('retentionDays', 'Keep snapshots for (days)', '1 to 3650 days.')}
      {num('fullEvery', 'Full snapshot every (runs)', 'Incrementals in between; 1 to 90.')}
      {num('maxOnDemandPerDay', 'On-demand backups per day', '0 to 24.')}
      <div className="flex items-center gap-2 sm:col-span-2">
        <input id="pitrEnabled" name="pitrEnabled" type="checkbox" defaultChecked={policy.pitrEnabled} className="h-4 w-4 rounded border-slate-300" />
        <label htmlFor="pitrEnabled" className="text-sm text-slate-700">
          Point-in-time recovery (keep oplog segments between snapshots)
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
        >
          {save.isPending ? 'Saving…' : 'Save policy'}
        </button>
        {save.data?.ok ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved{save.data.data.changed.length ? `: ${save.data.data.changed.join(', ')}` : ' (nothing changed)'}.
          </p>
        ) : null}
        {failed && !failed.fieldErrors ? (
          <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
            {failed.message}
          </p>
        ) : null}
        {save.isError ? (
          <p role="alert" className="text-sm text-red-700">
            The server could not be reached. Try again.
          </p>
        ) : null}
      </div>
    </form>
  );
}
