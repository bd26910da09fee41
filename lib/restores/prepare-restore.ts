import 'server-only';
import { db } from '@/lib/db';
import { createRepository, loadManifest, parseRestoreSpec, planRestore, readOnly, type TManifest, type TRepository, type TRestorePlan } from '@/lib/engine';
import { AppError } from '@/lib/errors';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { resolveRestoreScope, type TRestoreTenantRow } from './resolve-restore-scope';

export type TPreparedRestore = {
  plan: TRestorePlan;
  manifest: TManifest;
  /** the tenant's repository on a read-only store: snapshot reads only */
  repo: TRepository;
};

/**
 * A restore package (JSON text or value) of a catalog tenant → the engine's plan. The snapshot
 * must be a completed snapshot of this tenant in the catalog (scoped by tenantId) and its
 * manifest must verify under the tenant's keys; the package is parsed against the catalog's
 * tenancy, so nothing in it can widen the scope. Reads only.
 */
export async function prepareRestore(args: {
  ctx: TEngineContext;
  tenant: TRestoreTenantRow & { id: string };
  spec: unknown;
  restoreId: string;
  signal?: AbortSignal;
}): Promise<TPreparedRestore> {
  const { ctx, tenant } = args;
  const snapshotId = snapshotIdOf(args.spec);
  if (snapshotId === null) return refuseWithoutSnapshot(args);
  const row = await db.snapshot.findFirst({ where: { tenantId: tenant.id, id: snapshotId, status: 'COMPLETED' }, select: { id: true } });
  if (!row) throw new AppError('NOT_FOUND', `tenant ${tenant.slug} has no completed snapshot ${snapshotId}`);
  const repo = await createRepository({ tenantId: tenant.id, store: readOnly(ctx.store), keys: ctx.keys });
  const manifest = await loadManifest(repo, snapshotId);
  const scope = await resolveRestoreScope({ endpoint: ctx.endpoint, tenant, manifest });
  const parsed = parseRestoreSpec(args.spec, { tenant: scope });
  if (!parsed.ok) throw parsed.error;

  // Live-only collections are in the scope (for the package's checks) but cannot be restored:
  // a wildcard takes the snapshot's collections it matches; a literal name must be in it.
  const inSnapshot = new Set(manifest.collections.map((c) => c.name));
  const missing = parsed.value.spec.selection.namespaces.include.filter((p) => !p.includes('*') && !inSnapshot.has(p));
  if (missing.length > 0) throw new AppError('INVALID_INPUT', `snapshot ${snapshotId} has no collection ${missing.join(', ')}`);
  const namespaces = parsed.value.namespaces.filter((n) => inSnapshot.has(n));
  if (namespaces.length === 0) throw new AppError('INVALID_INPUT', `the selection matches no collection of snapshot ${snapshotId}`);

  const plan = await planRestore({ ...parsed.value, namespaces }, manifest, { restoreId: args.restoreId, repo, signal: args.signal });
  return { plan, manifest, repo };
}

/** The snapshot id named by a package, read leniently (the full parse comes later). */
function snapshotIdOf(spec: unknown): string | null {
  let value = spec;
  if (typeof spec === 'string') {
    try {
      value = JSON.parse(spec) as unknown;
    } catch {
      return null;
    }
  }
  const source = (value as { source?: { snapshotId?: unknown } } | null)?.source;
  return typeof source?.snapshotId === 'string' ? source.snapshotId : null;
}

/** No snapshot named: let the package parser say everything that is wrong with it. */
async function refuseWithoutSnapshot(args: { ctx: TEngineContext; tenant: TRestoreTenantRow; spec: unknown }): Promise<never> {
  const scope = await resolveRestoreScope({ endpoint: args.ctx.endpoint, tenant: args.tenant });
  const parsed = parseRestoreSpec(args.spec, { tenant: scope });
  if (!parsed.ok) throw parsed.error;
  throw new AppError('INVALID_INPUT', 'point-in-time restore is not supported yet: name a snapshot (source.snapshotId)');
}
