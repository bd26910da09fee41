'use server';

import { revalidatePath } from 'next/cache';
import { createAction } from '@/lib/actions/create-action';
import { ZNoInput } from '@/lib/actions/schemas';
import { requestElevation } from '@/lib/impersonation/request-elevation';
import { ZRequestElevation, ZStartImpersonation } from '@/lib/impersonation/schemas';
import { startImpersonation } from '@/lib/impersonation/start-impersonation';
import { stopImpersonation } from '@/lib/impersonation/stop-impersonation';

// The DAL checks again, validates again and audits the session's steps.

export const startImpersonationAction = createAction({
  name: 'startImpersonationAction',
  scope: { permission: 'tenants.impersonate' },
  input: ZStartImpersonation,
  target: { type: 'user', key: 'targetUserId' },
  run: async ({ actor, input, origin }) => {
    const result = await startImpersonation({ actor, input, origin });
    revalidatePath('/', 'layout');
    return result;
  },
});

/** Ends the caller's own session, if any: open to anyone signed in (it can affect nobody else). */
export const stopImpersonationAction = createAction({
  name: 'stopImpersonationAction',
  scope: { signedIn: true },
  input: ZNoInput,
  run: async ({ actor, origin }) => {
    const result = await stopImpersonation({ actor, origin });
    revalidatePath('/', 'layout');
    return result;
  },
});

export const requestElevationAction = createAction({
  name: 'requestElevationAction',
  scope: { permission: 'tenants.impersonate' },
  stepUp: true,
  input: ZRequestElevation,
  target: { type: 'impersonation', key: 'sessionId' },
  run: async ({ actor, input, origin }) => {
    const result = await requestElevation({ actor, input, origin });
    revalidatePath('/', 'layout');
    return result;
  },
});
