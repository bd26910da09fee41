'use server';

import { revalidatePath } from 'next/cache';
import { createAction } from '@/lib/actions/create-action';
import { startTenantCleanup, ZTenantCleanup } from '@/lib/lifecycle/start-tenant-cleanup';
import { placeLegalHold } from '@/lib/policies/place-legal-hold';
import { removeLegalHold } from '@/lib/policies/remove-legal-hold';
import { ZLegalHold, ZSetRetentionLock } from '@/lib/policies/retention-lock-schema';
import { setRetentionLock } from '@/lib/policies/set-retention-lock';

/** A platform admin raises a tenant's compliance lock (applied) or proposes lowering it (needs an approver). */
export const setRetentionLockAction = createAction({
  name: 'setRetentionLockAction',
  scope: { permission: 'tenants.manage' },
  stepUp: true,
  input: ZSetRetentionLock,
  target: { type: 'tenant', key: 'tenantId' },
  run: async ({ actor, input, origin }) => {
    const result = await setRetentionLock({ actor, input, origin });
    revalidatePath('/admin/retention');
    return result;
  },
});

/** A platform admin places a legal hold (with a reason) on a snapshot. */
export const placeLegalHoldAction = createAction({
  name: 'placeLegalHoldAction',
  scope: { permission: 'tenants.manage' },
  input: ZLegalHold,
  target: { type: 'snapshot', key: 'snapshotId' },
  run: async ({ actor, input, origin }) => {
    const result = await placeLegalHold({ actor, input, origin });
    revalidatePath('/admin/retention');
    return result;
  },
});

/** A platform admin lifts a legal hold (with a reason). */
export const removeLegalHoldAction = createAction({
  name: 'removeLegalHoldAction',
  scope: { permission: 'tenants.manage' },
  input: ZLegalHold,
  target: { type: 'snapshot', key: 'snapshotId' },
  run: async ({ actor, input, origin }) => {
    const result = await removeLegalHold({ actor, input, origin });
    revalidatePath('/admin/retention');
    return result;
  },
});

/** A platform admin applies a tenant's retention now and queues one garbage collection of it. */
export const startTenantCleanupAction = createAction({
  name: 'startTenantCleanupAction',
  scope: { permission: 'tenants.manage' },
  input: ZTenantCleanup,
  target: { type: 'tenant', key: 'tenantId' },
  run: async ({ actor, input, origin }) => {
    const result = await startTenantCleanup({ actor, input, origin });
    revalidatePath('/admin/retention');
    return result;
  },
});
