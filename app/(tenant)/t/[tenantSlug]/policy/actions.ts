'use server';

import { revalidatePath } from 'next/cache';
import { createAction } from '@/lib/actions/create-action';
import { ZBackupPolicyUpdate, type TBackupPolicyUpdate } from '@/lib/policies/backup-policy-schema';
import { updateBackupPolicy } from '@/lib/policies/update-backup-policy';

const updatePolicy = createAction({
  name: 'updateBackupPolicyAction',
  scope: { tenant: 'policies.update' },
  stepUp: true,
  input: ZBackupPolicyUpdate,
  run: async ({ actor, tenant, input, origin }) => {
    const result = await updateBackupPolicy({ actor, tenantId: tenant.id, input, origin });
    revalidatePath(`/t/${tenant.slug}/policy`);
    return result;
  },
});

/** The policy form's fields per leaf, or the raw JSON/YAML text, are the input; the tenant comes from the page's route. */
export async function updateBackupPolicyAction(tenantSlug: string, input: TBackupPolicyUpdate) {
  return updatePolicy({ ...input, tenantSlug });
}
