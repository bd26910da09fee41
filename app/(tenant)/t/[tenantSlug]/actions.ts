'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createAction } from '@/lib/actions/create-action';
import { requestOnDemandBackup } from '@/lib/backups/request-on-demand-backup';

const ZInput = z.object({
  kind: z.enum(['auto', 'full', 'incremental'], { message: 'Choose a backup kind: auto, full or incremental.' }).default('auto'),
});

/** Tenant admin: queue an on-demand backup of this tenant (policy limits apply in the DAL). */
export const requestBackupAction = createAction({
  name: 'requestBackupAction',
  scope: { tenant: 'snapshots.create' },
  input: ZInput,
  run: async ({ actor, tenant, input, origin }) => {
    const backup = await requestOnDemandBackup({ actor, input: { tenantId: tenant.id, kind: input.kind }, origin });
    revalidatePath(`/t/${tenant.slug}`);
    return backup;
  },
});
