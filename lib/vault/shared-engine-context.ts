import 'server-only';
import { createRepository, loadManifest, readOnly, type TManifest, type TRepository } from '@/lib/engine';
import { createEngineContext, type TEngineContext } from './engine-context';

// One engine context per server process for read paths (browser, dry-run pages): the S3 client,
// key provider and MongoClient are pooled; creating them per request costs a connection each.
const g = globalThis as unknown as { vaultlineEngine?: Promise<TEngineContext>; vaultlineManifests?: Map<string, TManifest> };

export function getSharedEngineContext(): Promise<TEngineContext> {
  g.vaultlineEngine ??= createEngineContext().catch((e: unknown) => {
    g.vaultlineEngine = undefined;
    throw e;
  });
  return g.vaultlineEngine;
}

/** The tenant's repository on a read-only store: nothing on the browse paths can write. */
export async function openReadOnlyRepository(tenantId: string): Promise<{ ctx: TEngineContext; repo: TRepository }> {
  const ctx = await getSharedEngineContext();
  return { ctx, repo: await createRepository({ tenantId, store: readOnly(ctx.store), keys: ctx.keys }) };
}

const MAX_CACHED = 64;

/**
 * Manifests are immutable and MAC-verified on load, so a verified one can be reused; the key
 * carries the tenant id, so one tenant's cached manifest is never served for another.
 */
export async function loadManifestCached(repo: TRepository, tenantId: string, snapshotId: string): Promise<TManifest> {
  const cache = (g.vaultlineManifests ??= new Map());
  const key = `${tenantId}/${snapshotId}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const m = await loadManifest(repo, snapshotId);
  cache.set(key, m);
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return m;
}
