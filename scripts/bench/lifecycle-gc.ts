// GC benchmark: a scratch tenant with 100 snapshots of small documents (real backups into the
// configured store — the local S3 server under scripts/with-env.sh), a retention rule that
// expires most of them (keep last 10), then the GC job twice with no grace (the first run records
// the candidates, the second deletes them). Returns JSON; the scratch tenant is removed.
// Exported for the merger's bench runner: `await benchLifecycleGc({ snapshots: 100 })`.
import type { ObjectStore } from '@/lib/engine';
import { runJobHere } from '@/lib/jobs/start-job-here';
import { applyTenantRetention } from '@/lib/lifecycle/apply-tenant-retention';
import { runGcJob, type TGcJobResult } from '@/lib/lifecycle/run-gc-job';
import { createScratchTenant } from '@/lib/lifecycle/testing/scratch-tenant';
import { db } from '@/lib/db';
import { createEngineContext } from '@/lib/vault/engine-context';

type TCalls = { listed: number; get: number; head: number; put: number; delete: number };

function counting(store: ObjectStore, calls: TCalls): ObjectStore {
  return {
    label: store.label,
    put: (k, b, o) => (calls.put++, store.put(k, b, o)),
    get: (k) => (calls.get++, store.get(k)),
    getRange: (k, o, l) => (calls.get++, store.getRange(k, o, l)),
    head: (k) => (calls.head++, store.head(k)),
    delete: (k) => (calls.delete++, store.delete(k)),
    list: async function* (prefix) {
      for await (const o of store.list(prefix)) {
        calls.listed++;
        yield o;
      }
    },
  };
}

export async function benchLifecycleGc(args: { snapshots?: number; keepLast?: number; documents?: number } = {}) {
  const snapshots = args.snapshots ?? 100;
  const keep = args.keepLast ?? 10;
  const ctx = await createEngineContext();
  const t = await createScratchTenant(ctx, { label: 'benchgc', documents: args.documents ?? 300 });
  try {
    const b0 = performance.now();
    for (let i = 0; i < snapshots; i++) {
      await t.mutate(i + 1);
      await t.backup(i === 0 ? 'full' : 'auto');
    }
    const backupMs = performance.now() - b0;
    await db.backupPolicy.update({
      where: { tenantId: t.tenantId },
      data: { overrides: { retention: { keepLast: keep, daily: 0, weekly: 0, monthly: 0, yearly: 0, minAgeDays: 0 } } },
    });
    const r0 = performance.now();
    const retention = await applyTenantRetention({ tenantId: t.tenantId });
    const retentionMs = performance.now() - r0;
    const objectsBefore = (await t.objectKeys()).length;
    const runs = [];
    for (const phase of ['record', 'sweep'] as const) {
      const calls: TCalls = { listed: 0, get: 0, head: 0, put: 0, delete: 0 };
      const gcCtx = { ...ctx, store: counting(ctx.store, calls) };
      const g0 = performance.now();
      const end = await runJobHere({ tenantId: t.tenantId, type: 'GC', payload: { trigger: 'bench' }, origin: 'bench' }, (run) =>
        runGcJob({ ctx: gcCtx, tenantId: t.tenantId, run, graceMs: 0 }),
      );
      const ms = performance.now() - g0;
      const r = end.outcome?.result as Exclude<TGcJobResult, { skipped: string }> | undefined;
      if (end.status !== 'SUCCEEDED' || !r || 'skipped' in r) throw new Error(`GC ${phase} run: ${end.status} ${end.message}`);
      runs.push({
        phase,
        ms: Math.round(ms),
        scanned: r.scanned.objects,
        referenced: r.referenced.objects,
        candidates: r.candidates.objects,
        deleted: r.deleted.objects,
        bytesFreed: r.bytesFreed,
        storeCalls: calls,
        scannedPerDeleted: r.deleted.objects > 0 ? Math.round((r.scanned.objects / r.deleted.objects) * 100) / 100 : null,
      });
    }
    const objectsAfter = (await t.objectKeys()).length;
    const kept = await db.snapshot.findMany({ where: { tenantId: t.tenantId, expiredAt: null }, select: { id: true } });
    let verified = 0;
    for (const s of kept) if ((await t.readDataOk(s.id)).ok) verified++;
    return {
      bench: 'lifecycle-gc',
      store: ctx.storeKind,
      snapshots,
      keptSnapshots: kept.length,
      expiredSnapshots: retention.expired.length,
      keptVerifiedReadData: verified,
      backupMs: Math.round(backupMs),
      retentionMs: Math.round(retentionMs),
      objectsBefore,
      objectsAfter,
      gc: runs,
      // the headline figures: the deleting run
      ms: runs[1]!.ms,
      objectsScanned: runs[1]!.scanned,
      objectsDeleted: runs[1]!.deleted,
      scannedPerDeleted: runs[1]!.scannedPerDeleted,
      bytesFreed: runs[1]!.bytesFreed,
    };
  } finally {
    await t.cleanup();
    await ctx.close();
  }
}
