'use client';

import { useStepUp } from '@/app/_components/step-up-provider';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { requestElevationAction } from '@/app/(support)/support/actions';

export function RequestElevationForm({ sessionId }: { sessionId: string }) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const stepUp = useStepUp();
  const ask = useMutation({
    mutationFn: (input: Parameters<typeof requestElevationAction>[0]) => stepUp(() => requestElevationAction(input)),
    onSuccess: (r) => {
      if (r.ok) router.refresh();
    },
  });
  const failed = ask.data && !ask.data.ok ? ask.data : null;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    ask.mutate({ sessionId, reason });
  }
  return (
    <form onSubmit={onSubmit} className="mt-3 flex flex-wrap items-start gap-2" aria-label="Request elevation">
      <div className="min-w-64 flex-1">
        <label htmlFor={`elev-${sessionId}`} className="sr-only">
          What you need to change
        </label>
        <input
          id={`elev-${sessionId}`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="What you need to change, and why"
          aria-invalid={!!failed}
          aria-describedby={`elev-${sessionId}-error`}
          className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:ring-brand-500"
        />
        {failed ? (
          <p id={`elev-${sessionId}-error`} role="alert" className="mt-1 text-sm text-red-700">
            {failed.fieldErrors?.reason ?? failed.message}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        disabled={ask.isPending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        {ask.isPending ? 'Asking…' : 'Ask an approver to allow changes'}
      </button>
    </form>
  );
}
