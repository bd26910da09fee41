'use client';

import { useStepUp } from '@/app/_components/step-up-provider';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { placeLegalHoldAction, removeLegalHoldAction, setRetentionLockAction } from '@/app/(admin)/admin/retention/actions';

const input = 'block rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:ring-brand-500';
const primary = 'rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60';

type TResult = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string> };

function Outcome({ result, success }: { result: TResult | undefined; success: string }) {
  if (!result) return null;
  if (result.ok)
    return (
      <p role="status" className="text-sm text-emerald-700">
        {success}
      </p>
    );
  return (
    <p role="alert" className="text-sm text-red-700">
      {result.fieldErrors ? Object.values(result.fieldErrors).join(' ') : result.message}
    </p>
  );
}

/** Set a tenant's compliance lock: raising applies now, lowering files a proposal for an approver. */
export function RetentionLockForm({ tenantId, tenantName, current }: { tenantId: string; tenantName: string; current: number }) {
  const router = useRouter();
  const [days, setDays] = useState(String(current));
  const [reason, setReason] = useState('');
  const stepUp = useStepUp();
  const m = useMutation({
    mutationFn: (input: Parameters<typeof setRetentionLockAction>[0]) => stepUp(() => setRetentionLockAction(input)),
    onSuccess: (r) => {
      if (r.ok) router.refresh();
    },
  });
  const r = m.data;
  const lowering = Number(days) < current;
  return (
    <form
      aria-label={`Compliance lock of ${tenantName}`}
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate({ tenantId, days, reason });
      }}
      className="flex flex-wrap items-start gap-2"
    >
      <label className="sr-only" htmlFor={`lock-${tenantId}`}>
        Lock days for {tenantName}
      </label>
      <input id={`lock-${tenantId}`} value={days} onChange={(e) => setDays(e.target.value)} inputMode="numeric" className={`${input} w-24 shrink-0`} />
      <label className="sr-only" htmlFor={`lock-reason-${tenantId}`}>
        Reason
      </label>
      <input
        id={`lock-reason-${tenantId}`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="Reason (audited)"
        className={`${input} min-w-48 flex-1`}
      />
      <button type="submit" disabled={m.isPending} className={primary}>
        {lowering ? 'Propose lowering' : 'Set lock'}
      </button>
      <div className="w-full">
        <Outcome
          result={r as TResult | undefined}
          success={r?.ok ? (r.data.applied ? `Lock set to ${r.data.days} days.` : `Lowering to ${r.data.toDays} days sent for approval.`) : ''}
        />
      </div>
    </form>
  );
}

/** Place (with a reason) or lift (with a reason) a legal hold on one snapshot. */
export function LegalHoldForm({ snapshotId, seq, held }: { snapshotId: string; seq: number; held: boolean }) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const m = useMutation({
    mutationFn: (i: { snapshotId: string; reason: string }) => (held ? removeLegalHoldAction(i) : placeLegalHoldAction(i)),
    onSuccess: (r) => {
      if (r.ok) {
        setReason('');
        router.refresh();
      }
    },
  });
  return (
    <form
      aria-label={`${held ? 'Lift hold on' : 'Hold'} snapshot #${seq}`}
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate({ snapshotId, reason });
      }}
      className="flex flex-wrap items-start gap-2"
    >
      <label className="sr-only" htmlFor={`hold-${snapshotId}`}>
        Reason for snapshot #{seq}
      </label>
      <input
        id={`hold-${snapshotId}`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={held ? 'Why the hold is lifted' : 'Reason for the hold (e.g. case number)'}
        className={`${input} min-w-56 flex-1`}
      />
      <button
        type="submit"
        disabled={m.isPending}
        className={held ? 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50' : primary}
      >
        {held ? 'Lift hold' : 'Place hold'}
      </button>
      <div className="w-full">
        <Outcome result={m.data as TResult | undefined} success={held ? 'Hold lifted.' : 'Hold placed.'} />
      </div>
    </form>
  );
}
