'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/auth/run-action';
import { requestElevation } from '@/lib/impersonation/request-elevation';
import { startImpersonation } from '@/lib/impersonation/start-impersonation';
import { stopImpersonation } from '@/lib/impersonation/stop-impersonation';
import type { TStartImpersonation } from '@/lib/impersonation/schemas';

// Thin adapters: authenticate (runAction), then the DAL authorizes, validates (zod) and audits.

export async function startImpersonationAction(input: TStartImpersonation) {
  const result = await runAction((actor, origin) => startImpersonation({ actor, input, origin }));
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function stopImpersonationAction() {
  const result = await runAction((actor, origin) => stopImpersonation({ actor, origin }));
  revalidatePath('/', 'layout');
  return result;
}

export async function requestElevationAction(input: { sessionId: string; reason: string }) {
  const result = await runAction((actor, origin) => requestElevation({ actor, input, origin }));
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
