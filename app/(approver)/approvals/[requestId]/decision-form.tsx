'use client';

import { useStepUp } from '@/app/_components/step-up-provider';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { approveRestoreRequestAction, rejectRestoreRequestAction } from '@/app/(approver)/approvals/actions';

export function DecisionForm({ requestId, disabledReason }: { requestId: string; disabledReason: string | null }) {
  const router = useRouter();
  const stepUp = useStepUp();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // Once decided, the form stays closed (the page refreshes with the decision that stands).
  const disabled = pending || disabledReason !== null || done !== null;

  function decide(kind: 'approve' | 'reject') {
    setError(null);
    setDone(null);
    start(async () => {
      const action = kind === 'approve' ? approveRestoreRequestAction : rejectRestoreRequestAction;
      const res = await stepUp<unknown>(() => action({ requestId, reason }));
      if (!res.ok) {
        setError(res.fieldErrors?.reason ?? res.message);
        return;
      }
      const data = res.data as { status: string; approvals?: number; required?: number };
      setDone(
        data.status === 'QUEUED'
          ? 'Approved. The approval policy is met: the restore is queued.'
          : data.status === 'REJECTED'
            ? 'Rejected. The requester sees your reason.'
            : `Approved. ${data.approvals} of ${data.required} approvals count; another approver is needed.`,
      );
      setReason('');
      router.refresh();
    });
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        decide('approve');
      }}
      className="space-y-3"
      aria-label="Decision"
    >
      {disabledReason ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200" data-testid="decision-blocked">
          {disabledReason}
        </p>
      ) : null}
      <div>
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-700">
          Reason for your decision
        </label>
        <textarea
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          maxLength={2000}
          disabled={disabled}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm disabled:bg-slate-50"
          placeholder="What you checked, or why not"
        />
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
          {done}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={disabled}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-50"
        >
          {pending ? 'Saving…' : 'Approve'}
        </button>
        <button
          type="button"
          onClick={() => decide('reject')}
          disabled={disabled}
          className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-700 hover:bg-red-50 disabled:opacity-50"
        >
          Reject
        </button>
      </div>
    </form>
  );
}
