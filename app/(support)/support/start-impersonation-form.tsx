'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { startImpersonationAction } from '@/app/(support)/support/actions';
import type { TImpersonationTarget } from '@/lib/impersonation/list-impersonation-targets';

const input = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-brand-500';

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

export function StartImpersonationForm({ targets, disabledReason }: { targets: TImpersonationTarget[]; disabledReason?: string }) {
  const [tenantSlug, setTenantSlug] = useState(targets[0]?.tenantSlug ?? '');
  const users = targets.find((t) => t.tenantSlug === tenantSlug)?.users ?? [];
  const start = useMutation({
    mutationFn: startImpersonationAction,
    onSuccess: (r) => {
      // A full navigation: every layout (and the banner in it) renders for the new identity.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate full reload, see above
      if (r.ok) window.location.assign(`/t/${r.data.tenantSlug}`);
    },
  });
  const result = start.data && !start.data.ok ? start.data : null;
  const fe = result?.fieldErrors ?? {};

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    start.mutate({
      tenantSlug: String(f.get('tenantSlug') ?? ''),
      targetUserId: String(f.get('targetUserId') ?? ''),
      reason: String(f.get('reason') ?? ''),
      ticketRef: String(f.get('ticketRef') ?? ''),
      minutes: Number(f.get('minutes') ?? 30),
    });
  }

  if (disabledReason) return <p className="text-sm text-slate-600">{disabledReason}</p>;
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" aria-label="Start impersonation">
      <div>
        <label htmlFor="tenantSlug" className="block text-sm font-medium text-slate-700">
          Tenant
        </label>
        <select
          id="tenantSlug"
          name="tenantSlug"
          value={tenantSlug}
          onChange={(e) => setTenantSlug(e.target.value)}
          className={input}
          aria-invalid={!!fe.tenantSlug}
          aria-describedby="tenantSlug-error"
        >
          {targets.map((t) => (
            <option key={t.tenantSlug} value={t.tenantSlug}>
              {t.tenantName} ({t.tenantSlug})
            </option>
          ))}
        </select>
        <FieldError id="tenantSlug-error" message={fe.tenantSlug} />
      </div>
      <div>
        <label htmlFor="targetUserId" className="block text-sm font-medium text-slate-700">
          View as user
        </label>
        <select id="targetUserId" name="targetUserId" key={tenantSlug} className={input} aria-invalid={!!fe.targetUserId} aria-describedby="targetUserId-error">
          {users.length === 0 ? <option value="">No user of this tenant can be impersonated</option> : null}
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} · {u.email} ({u.role === 'TENANT_ADMIN' ? 'admin' : 'viewer'})
            </option>
          ))}
        </select>
        <FieldError id="targetUserId-error" message={fe.targetUserId} />
      </div>
      <div className="sm:col-span-2">
        <label htmlFor="reason" className="block text-sm font-medium text-slate-700">
          Reason
        </label>
        <textarea
          id="reason"
          name="reason"
          rows={2}
          className={input}
          placeholder="What the customer asked for, in a sentence (at least 10 characters)"
          aria-invalid={!!fe.reason}
          aria-describedby="reason-error"
        />
        <FieldError id="reason-error" message={fe.reason} />
      </div>
      <div>
        <label htmlFor="ticketRef" className="block text-sm font-medium text-slate-700">
          Ticket reference
        </label>
        <input id="ticketRef" name="ticketRef" className={input} placeholder="SUP-1234" aria-invalid={!!fe.ticketRef} aria-describedby="ticketRef-error" />
        <FieldError id="ticketRef-error" message={fe.ticketRef} />
      </div>
      <div>
        <label htmlFor="minutes" className="block text-sm font-medium text-slate-700">
          Duration
        </label>
        <select id="minutes" name="minutes" defaultValue="30" className={input} aria-invalid={!!fe.minutes} aria-describedby="minutes-error">
          {[5, 10, 15, 20, 30].map((m) => (
            <option key={m} value={m}>
              {m} minutes
            </option>
          ))}
        </select>
        <FieldError id="minutes-error" message={fe.minutes} />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button
          type="submit"
          disabled={start.isPending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
        >
          {start.isPending ? 'Starting…' : 'Start read-only session'}
        </button>
        <p className="text-xs text-slate-500">Read-only, at most 30 minutes, never extended. Start, stop and everything you view are audited.</p>
        {result && !result.fieldErrors ? (
          <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
            {result.message}
          </p>
        ) : null}
        {start.isError ? (
          <p role="alert" className="w-full text-sm text-red-700">
            The server could not be reached. Try again.
          </p>
        ) : null}
      </div>
    </form>
  );
}
