'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { TActionResult } from '@/lib/actions/action-result';

export type TNoteDecision = 'APPROVE' | 'REJECT';

/**
 * Approve / reject with a note for the audit log, one line per pending item (elevations, lock
 * lowerings). `decide` calls the item's server action; the page refreshes after a decision.
 */
export function NoteDecisionForm(props: {
  id: string;
  label: string;
  approveLabel: string;
  decide: (decision: TNoteDecision, note: string) => Promise<TActionResult<unknown>>;
}) {
  const router = useRouter();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: TNoteDecision) => props.decide(decision, note),
    onSuccess: (r) => {
      if (r.ok) router.refresh();
    },
  });
  const failed = decide.data && !decide.data.ok ? decide.data : null;
  return (
    <form onSubmit={(e) => e.preventDefault()} className="mt-3 flex flex-wrap items-start gap-2" aria-label={props.label}>
      <div className="min-w-64 flex-1">
        <label htmlFor={`note-${props.id}`} className="sr-only">
          Note
        </label>
        <input
          id={`note-${props.id}`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="Note for the audit log"
          className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:ring-brand-500"
        />
        {failed ? (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {failed.fieldErrors?.note ?? failed.message}
          </p>
        ) : null}
      </div>
      <button
        type="button"
        onClick={() => decide.mutate('APPROVE')}
        disabled={decide.isPending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {props.approveLabel}
      </button>
      <button
        type="button"
        onClick={() => decide.mutate('REJECT')}
        disabled={decide.isPending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        Reject
      </button>
    </form>
  );
}
