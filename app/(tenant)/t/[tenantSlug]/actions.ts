'use server';
import { recordRefusal } from '@/lib/audit/record-denied';
import type { TActor } from '@/lib/auth/actor';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { requireActorOrThrow } from '@/lib/auth/guards';
import { requestOnDemandBackup, type TOnDemandBackup } from '@/lib/backups/request-on-demand-backup';
import { isAppError, type TAppErrorCode } from '@/lib/errors';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';

const ZInput = z.object({
  tenantSlug: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/),
  kind: z.enum(['auto', 'full', 'incremental']).default('auto'),
});

export type TRequestBackupResult = { ok: true; backup: TOnDemandBackup } | { ok: false; code: TAppErrorCode | 'INTERNAL'; message: string };

/** Tenant admin: queue an on-demand backup of this tenant (policy limits apply in the DAL). */
export async function requestBackupAction(input: unknown): Promise<TRequestBackupResult> {
  let actor: TActor | null = null;
  try {
    // Who and which tenant first, so nothing about the input is answered to a caller who may not act.
    actor = await requireActorOrThrow();
    const slug = ZInput.shape.tenantSlug.safeParse((input as { tenantSlug?: unknown } | null)?.tenantSlug);
    if (!slug.success) return { ok: false, code: 'INVALID_INPUT', message: 'Invalid request: expected a tenant.' };
    const tenant = await getTenantForActorOrThrow({ actor, slug: slug.data, permission: 'snapshots.create' });
    const parsed = ZInput.safeParse(input);
    if (!parsed.success) return { ok: false, code: 'INVALID_INPUT', message: 'Invalid request: expected a tenant and a backup kind (auto, full or incremental).' };
    const h = await headers();
    const origin = h.get('x-forwarded-for')?.split(',')[0]?.trim() ?? h.get('x-real-ip') ?? 'web';
    const backup = await requestOnDemandBackup({ actor, input: { tenantId: tenant.id, kind: parsed.data.kind }, origin });
    revalidatePath(`/t/${tenant.slug}`);
    return { ok: true, backup };
  } catch (e) {
    await recordRefusal(e, actor, null);
    if (isAppError(e)) return { ok: false, code: e.code, message: e.message };
    console.error(e);
    return { ok: false, code: 'INTERNAL', message: 'The backup could not be requested. Try again in a moment.' };
  }
}
