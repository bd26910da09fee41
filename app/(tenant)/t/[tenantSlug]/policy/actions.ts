'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction } from '@/lib/auth/run-action';
import { InputError } from '@/lib/errors';
import type { TBackupPolicyUpdate } from '@/lib/policies/backup-policy-schema';
import { updateBackupPolicy } from '@/lib/policies/update-backup-policy';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';

const ZSlug = z.string().trim().min(1).max(100);

export async function updateBackupPolicyAction(tenantSlug: string, input: TBackupPolicyUpdate) {
  const result = await runAction(async (actor, origin) => {
    const slug = ZSlug.safeParse(tenantSlug);
    if (!slug.success) throw new InputError(slug.error.issues);
    const tenant = await getTenantForActorOrThrow({ actor, slug: slug.data, permission: 'policies.update' });
    return updateBackupPolicy({ actor, tenantId: tenant.id, input, origin });
  });
  if (result.ok) revalidatePath(`/t/${tenantSlug}/policy`);
  return result;
}
