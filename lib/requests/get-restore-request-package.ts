import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { builderValuesFromSpec, type TRestoreBuilderValues } from '@/lib/restores/restore-builder-input';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { ZRequestId } from './schemas';

/**
 * "Edit and resubmit": a request's package as the builder's values, for a member who may request
 * restores (another tenant's request is NOT_FOUND; a package the form cannot show is null).
 */
export async function getRestoreRequestPackage(args: { actor: TActor; slug: string; requestId: string }): Promise<TRestoreBuilderValues | null> {
  const parsed = ZRequestId.safeParse(args.requestId);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'No such restore request.');
  const tenant = await getTenantForActorOrThrow({ actor: args.actor, slug: args.slug, permission: 'restores.request' });
  assertCan(args.actor, 'restores.request', tenant.id);
  const row = await db.restoreRequest.findFirst({ where: { id: parsed.data, tenantId: tenant.id }, select: { spec: true } });
  if (!row) throw new AppError('NOT_FOUND', 'No such restore request.');
  return builderValuesFromSpec(row.spec);
}
