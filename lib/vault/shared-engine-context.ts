import 'server-only';
import { createRepository, loadManifest, readOnly, type TManifest, type TRepository } from '@/lib/engine';
import { createEngineContext, type TEngineContext } from './engine-context';

// One engine context per process — the web server and the worker alike: the MongoClient, the S3
// client and the key provider are created once and shared by every request and job; creating
// them per call costs a connection each. Closed on shutdown (the worker's stop(), the web
// server's SIGTERM via instrumentation.ts).
const g = globalThis as unknown as {
  vaultlineEngine?: Promise<TEngineContext>;
  vaultlineManifests?: Map<string, TManifest>;
  vaultlineEngineExitHook?: boolean;
};

export function getSharedEngineContext(): Promise<TEngineContext> {
  g.vaultlineEngine ??= createEngineContext().catch((e: unknown) => {
    g.vaultlineEngine = undefined;
    throw e;
  });
  return g.vaultlineEngine;
}

/** Makes `ctx` the process's context (a process that built it itself, e.g. a test with command monitoring). */
export function installSharedEngineContext(ctx: TEngineContext): void {
  g.vaultlineEngine = Promise.resolve(ctx);
}

/** Closes the process's engine context (if one was made); the next use makes a new one. */
export async function closeSharedEngineContext(): Promise<void> {
  const pending = g.vaultlineEngine;
  g.vaultlineEngine = undefined;
  if (!pending) return;
  const ctx = await pending.catch(() => null);
  await ctx?.close();
}

/**
 * For a process without a shutdown routine of its own (the Next.js server): on SIGTERM/SIGINT
 * the context is closed; when no other listener handles the signal, it is raised again so the
 * process still exits as it would have.
 */
export function closeSharedEngineContextOnExit(): void {
  if (g.vaultlineEngineExitHook) return;
  g.vaultlineEngineExitHook = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void closeSharedEngineContext().finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
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
