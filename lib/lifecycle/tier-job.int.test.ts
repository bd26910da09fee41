import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createFsObjectStore, createLocalKeyProvider, loadMasterKey, type ObjectStore } from '@/lib/engine';
import { markReferenced } from '@/lib/engine/maintenance/mark-referenced';
import { runJobHere } from '@/lib/jobs/start-job-here';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { runTierJob, type TTierJobResult } from './run-tier-job';
import { createScratchTenant, type TScratchTenant } from './testing/scratch-tenant';

// The TIER job on a filesystem store (which records classes): kept snapshots past the rule go
// COLD in the catalog; objects only they reference move to the cold class, objects a younger
// snapshot still references stay hot; a COLD snapshot still read-data-verifies and reads back.
let base: TEngineContext;
let ctx: TEngineContext;
let dir: string;
let store: ObjectStore;
let t: TScratchTenant;
const ids: string[] = [];
const digests = new Map<string, string>();

beforeAll(async () => {
  base = await createEngineContext();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-tier-'));
  store = createFsObjectStore(dir);
  ctx = { ...base, store, keys: createLocalKeyProvider({ masterKey: await loadMasterKey(process.env), keyStore: store }), storeKind: 'fs' };
  ctx.options = { targetPackBytes: 8 * 1024, frameBytes: 2 * 1024, entriesPerSegment: 32 };
  t = await createScratchTenant(ctx, { label: 'tier', documents: 150 });
  for (let i = 0; i < 4; i++) {
    await t.mutate(i + 1);
    ids.push(await t.backup(i === 0 ? 'full' : 'auto'));
    digests.set(ids[i]!, await t.digest(ids[i]!));
  }
}, 180_000);

afterAll(async () => {
  await t?.cleanup();
  await base?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  await db.$disconnect();
}, 120_000);

describe('TIER job', () => {
  it('moves only what old snapshots alone reference; cold snapshots still verify and read back', { timeout: 180_000 }, async () => {
    // The first two snapshots are 40 days old in the catalog; the rule: cold after 30 days.
    for (const id of ids.slice(0, 2)) await db.snapshot.update({ where: { id }, data: { consistentAt: new Date(Date.now() - 40 * 86_400_000) } });
    await db.backupPolicy.update({ where: { tenantId: t.tenantId }, data: { overrides: { tiering: { coldAfterDays: 30 } } } });
    const end = await runJobHere({ tenantId: t.tenantId, type: 'TIER', payload: {}, origin: 'test' }, (run) => runTierJob({ ctx, tenantId: t.tenantId, run }));
    expect(end.status, end.message).toBe('SUCCEEDED');
    const result = end.outcome!.result as TTierJobResult;
    expect(result.tiered.sort()).toEqual(ids.slice(0, 2).sort());
    expect(result.report!.moved).toBeGreaterThan(0);
    expect(result.report!.sharedWithHot).toBeGreaterThan(0);
    const rows = await db.snapshot.findMany({ where: { tenantId: t.tenantId }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.tier)).toEqual(['COLD', 'COLD', 'HOT', 'HOT']);
    expect(rows[0]!.tieredAt).not.toBeNull();

    const keys = await t.objectKeys();
    const classOf = async (k: string) => store.storageClassOf!(k);
    // Old manifests are cold, young ones hot; every object a young snapshot needs is hot.
    for (const [i, id] of ids.entries()) expect(await classOf(keys.find((k) => k.endsWith(`/snapshots/${id}`))!)).toBe(i < 2 ? 'cold' : 'hot');
    const listed = new Map((await Promise.all(keys.map(async (k) => [k, (await store.head(k))!.size] as const))).map(([k, s]) => [k, s]));
    const young = await markReferenced({ repo: t.repo, roots: { snapshotIds: ids.slice(2), restoreIds: [] }, listed });
    for (const k of young.referenced.keys()) expect(await classOf(k), k).toBe('hot');
    const coldCount = (await Promise.all(keys.map(classOf))).filter((c) => c === 'cold').length;
    expect(coldCount).toBe(result.report!.coldObjects);

    // Reads still work: the COLD snapshots read-data-verify and read back what they held.
    for (const id of ids) {
      expect(await t.readDataOk(id)).toEqual({ ok: true, problems: [] });
      expect(await t.digest(id)).toBe(digests.get(id));
    }
    // Idempotent: a second run moves nothing and tiers no snapshot twice.
    const again = await runJobHere({ tenantId: t.tenantId, type: 'TIER', payload: {}, origin: 'test' }, (run) =>
      runTierJob({ ctx, tenantId: t.tenantId, run }),
    );
    expect((again.outcome!.result as TTierJobResult).report!.moved).toBe(0);
    expect((again.outcome!.result as TTierJobResult).tiered).toEqual([]);
  });
});
