'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { stopImpersonationAction } from '@/app/(support)/support/actions';

function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export type TBannerProps = {
  tenantName: string;
  tenantSlug: string;
  targetEmail: string | null;
  ticketRef: string;
  expiresAt: string;
  isElevated: boolean;
  elevationStatus: string | null;
};

/** Shown on every signed-in page while support impersonates: who, until when, and a way out. */
export function ImpersonationBanner(p: TBannerProps) {
  const router = useRouter();
  const expires = new Date(p.expiresAt).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = expires - now;
  // At expiry the next request ends (and audits) the session server-side.
  useEffect(() => {
    if (left <= 0) router.refresh();
  }, [left <= 0, router]); // eslint-disable-line react-hooks/exhaustive-deps
  const stop = useMutation({
    mutationFn: () => stopImpersonationAction({}),
    onSuccess: (r) => {
      // A full navigation: every layout renders again as the support user's own identity.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate full reload, see above
      if (r.ok || r.code === 'CONFLICT') window.location.assign('/support');
    },
  });
  const error =
    stop.data && !stop.data.ok && stop.data.code !== 'CONFLICT' ? stop.data.message : stop.isError ? 'Could not stop the session. Try again.' : null;
  return (
    <div
      role="region"
      aria-label="Impersonation"
      data-testid="impersonation-banner"
      className={`sticky top-0 z-20 flex flex-wrap items-center justify-between gap-3 px-6 py-2.5 text-sm text-white ${p.isElevated ? 'bg-red-700' : 'bg-amber-600'}`}
    >
      <p>
        <span className="font-semibold">Impersonating {p.targetEmail ?? 'a user'}</span> in <span className="font-semibold">{p.tenantName}</span> · ticket{' '}
        <span className="font-mono">{p.ticketRef}</span> ·{' '}
        {p.isElevated ? 'elevated: changes allowed' : p.elevationStatus === 'PENDING' ? 'read-only (elevation pending)' : 'read-only'}
      </p>
      <div className="flex items-center gap-3">
        <span aria-live="off" suppressHydrationWarning data-testid="impersonation-time-left" className="rounded bg-black/20 px-2 py-0.5 font-mono tabular-nums">
          {left > 0 ? `${formatLeft(left)} left` : 'expired'}
        </span>
        {error ? (
          <span role="alert" className="text-white">
            {error}
          </span>
        ) : null}
        <button
          type="button"
          onClick={() => stop.mutate()}
          disabled={stop.isPending}
          className="rounded-md bg-white px-3 py-1 font-semibold text-slate-900 shadow-sm hover:bg-slate-100 disabled:opacity-60"
        >
          {stop.isPending ? 'Stopping…' : 'Stop impersonating'}
        </button>
      </div>
    </div>
  );
}
