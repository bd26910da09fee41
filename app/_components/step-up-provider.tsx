'use client';

import { createContext, useCallback, useContext, useId, useRef, useState, type ReactNode } from 'react';
import { reauthenticateAction } from '@/app/_components/step-up-actions';
import type { TActionResult } from '@/lib/actions/action-result';

type TCall<T> = () => Promise<TActionResult<T>>;
type TGuard = <T>(call: TCall<T>) => Promise<TActionResult<T>>;

const StepUpContext = createContext<TGuard | null>(null);

/**
 * Sensitive actions answer STEP_UP_REQUIRED when this session's last fresh authentication is
 * older than the step-up window (the server decides: lib/session/step-up.ts). `useStepUp()`
 * wraps such a call: on that answer a "Confirm your password" dialog opens, and once the
 * password (and code) is accepted the call is made again and its result returned; closing the
 * dialog returns the refusal.
 */
export function useStepUp(): TGuard {
  const guard = useContext(StepUpContext);
  return guard ?? ((call) => call());
}

export function StepUpProvider({ askCode, children }: { askCode: boolean; children: ReactNode }) {
  const [pending, setPending] = useState<{ resolve: (ok: boolean) => void } | null>(null);
  const guard = useCallback<TGuard>(async (call) => {
    const first = await call();
    if (first.ok || first.code !== 'STEP_UP_REQUIRED') return first;
    const confirmed = await new Promise<boolean>((resolve) => setPending({ resolve }));
    return confirmed ? call() : first;
  }, []);
  const close = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  return (
    <StepUpContext.Provider value={guard}>
      {children}
      {pending ? <StepUpDialog askCode={askCode} onDone={close} /> : null}
    </StepUpContext.Provider>
  );
}

function StepUpDialog({ askCode, onDone }: { askCode: boolean; onDone: (ok: boolean) => void }) {
  const id = useId();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  async function submit() {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    const res = await reauthenticateAction({ password, ...(code ? { code } : {}) });
    inFlight.current = false;
    setBusy(false);
    if (res.ok) return onDone(true);
    setError(res.fieldErrors?.code ?? res.fieldErrors?.password ?? res.message);
  }
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4">
      <div role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} className="w-full max-w-sm rounded-xl bg-white p-5 shadow-xl">
        <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
          Confirm your password
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          This action needs a fresh sign-in. Enter your password{askCode ? ' and, if you enrolled an authenticator app, its code' : ''}; the action then runs.
        </p>
        <form
          className="mt-4 space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="block text-sm font-medium text-slate-700">
            Password
            <input
              type="password"
              autoComplete="current-password"
              autoFocus
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
          </label>
          {askCode ? (
            <label className="block text-sm font-medium text-slate-700">
              Authenticator code
              <input
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
            </label>
          ) : null}
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" onClick={() => onDone(false)} disabled={busy}>
              Cancel
            </button>
            <button
              type="submit"
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60"
              disabled={busy || !password}
            >
              {busy ? 'Checking…' : 'Confirm'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
