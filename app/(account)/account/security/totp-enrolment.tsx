'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useStepUp } from '@/app/_components/step-up-provider';
import { confirmTotpEnrolmentAction, startTotpEnrolmentAction } from '@/app/(account)/account/security/actions';

/** Enrolment: the secret is shown once (text and a QR code drawn on the server), then a first code enables it. */
export function TotpEnrolment() {
  const router = useRouter();
  const stepUp = useStepUp();
  const [code, setCode] = useState('');
  const start = useMutation({ mutationFn: () => stepUp(() => startTotpEnrolmentAction({})) });
  const confirm = useMutation({
    mutationFn: () => stepUp(() => confirmTotpEnrolmentAction({ code })),
    onSuccess: (r) => {
      if (r.ok) router.refresh();
    },
  });
  const enrolment = start.data?.ok ? start.data.data : null;
  const failed = (confirm.data && !confirm.data.ok ? confirm.data : null) ?? (start.data && !start.data.ok ? start.data : null);
  if (!enrolment)
    return (
      <div className="space-y-3">
        <button
          type="button"
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white"
          disabled={start.isPending}
          onClick={() => start.mutate()}
        >
          {start.isPending ? 'Preparing…' : 'Set up an authenticator app'}
        </button>
        {failed ? (
          <p role="alert" className="text-sm text-red-700">
            {failed.message}
          </p>
        ) : null}
      </div>
    );
  return (
    <div className="space-y-4" data-testid="totp-enrolment">
      <p className="text-sm text-slate-700">Scan the code with your authenticator app, or type the secret. It is shown only now.</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn on the server, nothing to optimise */}
      <img src={enrolment.qrDataUrl} alt="QR code of the authenticator secret" width={220} height={220} className="rounded border border-slate-200" />
      <p className="font-mono text-sm tracking-wider text-slate-900" data-testid="totp-secret">
        {enrolment.secret}
      </p>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          confirm.mutate();
        }}
      >
        <label className="text-sm font-medium text-slate-700">
          Code from the app
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            className="mt-1 block w-40 rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white" disabled={confirm.isPending || code.length < 6}>
          {confirm.isPending ? 'Checking…' : 'Enable'}
        </button>
      </form>
      {failed ? (
        <p role="alert" className="text-sm text-red-700">
          {failed.fieldErrors?.code ?? failed.message}
        </p>
      ) : null}
    </div>
  );
}
