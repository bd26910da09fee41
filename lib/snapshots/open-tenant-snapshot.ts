import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { isEngineError, type TManifest, type TRepository } from '@/lib/engine';
import { AppError } from '@/lib/errors';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import type { TTenantForActor } from '@/lib/tenants/tenant-dto';
import { loadManifestCached, openReadOnlyRepository } from '@/lib/vault/shared-engine-context';

export type TOpenSnapshot = { tenant: TTenantForActor; repo: TRepository; manifest: TManifest };

/**
 * A completed snapshot of the actor's tenant, opened for reading: the catalog row is looked up
 * scoped by tenant (another tenant's snapshot id is NOT_FOUND), and the manifest is read from the
 * tenant's own repository, where its MAC binds it to the tenant key.
 */
export async function openTenantSnapshot(args: { actor: TActor; slug: string; snapshotId: string }): Promise<TOpenSnapshot> {
  const tenant = await getTenantForActorOrThrow({ actor: args.actor, slug: args.slug, permission: 'snapshots.read' });
  assertCan(args.actor, 'snapshots.read', tenant.id);
  const row = await db.snapshot.findFirst({ where: { tenantId: tenant.id, id: args.snapshotId }, select: { id: true, status: true } });
  if (!row) throw new AppError('NOT_FOUND', 'No such snapshot.');
  if (row.status !== 'COMPLETED') throw new AppError('CONFLICT', `This snapshot is ${row.status.toLowerCase()}; only completed snapshots can be browsed.`);
  try {
    const { repo } = await openReadOnlyRepository(tenant.id);
    const manifest = await loadManifestCached(repo, tenant.id, row.id);
    return { tenant, repo, manifest };
  } catch (e) {
    if (isEngineError(e)) throw new AppError('SERVICE_UNAVAILABLE', `The snapshot repository could not be read (${e.code}).`);
    throw e;
  }
}

export function assertCollectionIn(manifest: TManifest, collection: string) {
  const c = manifest.collections.find((x) => x.name === collection);
  if (!c) throw new AppError('NOT_FOUND', `This snapshot has no collection ${collection}.`);
  return c;
}
