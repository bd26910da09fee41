'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/auth/run-action';
import { decideElevation } from '@/lib/impersonation/decide-elevation';

export async function decideElevationAction(input: { sessionId: string; decision: 'APPROVE' | 'REJECT'; note: string }) {
  const result = await runAction((actor, origin) => decideElevation({ actor, input, origin }));
  if (result.ok) revalidatePath('/approvals/elevations');
  return result;
}
