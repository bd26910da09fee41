'use server';

import { revalidatePath } from 'next/cache';
import { createAction } from '@/lib/actions/create-action';
import { decideElevation } from '@/lib/impersonation/decide-elevation';
import { ZDecideElevation } from '@/lib/impersonation/schemas';

/** An approver approves or rejects a pending elevation of another support user's session. */
export const decideElevationAction = createAction({
  name: 'decideElevationAction',
  scope: { permission: 'impersonation.approve' },
  stepUp: true,
  input: ZDecideElevation,
  target: { type: 'impersonation', key: 'sessionId' },
  run: async ({ actor, input, origin }) => {
    const result = await decideElevation({ actor, input, origin });
    revalidatePath('/approvals/elevations');
    return result;
  },
});
