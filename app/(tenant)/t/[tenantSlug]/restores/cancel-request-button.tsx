'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { cancelRestoreRequestAction } from '@/app/(tenant)/t/[tenantSlug]/restores/actions';

export function CancelRequestButton({ tenantSlug, requestId }: { tenantSlug: string; requestId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50"
        onClick={() =>
          start(async () => {
            const res = await cancelRestoreRequestAction({ tenantSlug, requestId });
            if (!res.ok) setError(res.message);
            else router.refresh();
          })
        }
      >
        {pending ? 'Cancelling…' : 'Cancel'}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
