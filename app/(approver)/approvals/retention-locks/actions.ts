'use server';

import { revalidatePath } from 'next/cache';
import { createAction } from '@/lib/actions/create-action';
import { decideRetentionLockChange } from '@/lib/policies/decide-retention-lock-change';
import { ZDecideRetentionLockChange } from '@/lib/policies/retention-lock-schema';

/** An approver (never the proposer) approves or rejects a proposed lowering of a compliance lock. */
export const decideRetentionLockChangeAction = createAction({
  name: 'decideRetentionLockChangeAction',
  scope: { permission: 'locks.approve' },
  stepUp: true,
  input: ZDecideRetentionLockChange,
  target: { type: 'retention_lock_change', key: 'changeId' },
  run: async ({ actor, input, origin }) => {
    const result = await decideRetentionLockChange({ actor, input, origin });
    revalidatePath('/approvals/retention-locks');
    return result;
  },
});
