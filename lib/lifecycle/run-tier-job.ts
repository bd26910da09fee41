import 'server-only';
import { db } from '@/lib/db';
import { createRepository, tierColdObjects, type TTierReport } from '@/lib/engine';
import type { TJobOutcome, TJobRun } from '@/lib/jobs/run-as-job';
import { loadEffectivePolicy } from '@/lib/policies/load-effective-policy';
import type { TEngineContext } from '@/lib/vault/engine-context';

const DAY_MS = 86_400_000;

export type TTierJobResult = { coldAfterDays: number; tiered: string[]; report: TTierReport | null };

/**
 * TIER job of one tenant: kept snapshots (live or held) older than `tiering.coldAfterDays` go to
 * the cold storage class — the objects only they reference (shared objects stay hot while any
 * younger kept snapshot references them; tier-cold-objects.ts) — then their rows get tier COLD +
 * tieredAt. `coldAfterDays` 0 = never. Reads keep working (the cold class needs no restore step).
 */
export async function runTierJob(args: { ctx: TEngineContext; tenantId: string; run: TJobRun; now?: Date }): Promise<TJobOutcome<TTierJobResult>> {
  const { tenantId, run } = args;
  const now = args.now ?? new Date();
  const policy = await loadEffectivePolicy(db, tenantId, now);
  const coldAfterDays = policy.policy.tiering.coldAfterDays;
  if (coldAfterDays <= 0) return { ok: true, message: 'tiering is off for this tenant (coldAfterDays 0)', result: { coldAfterDays, tiered: [], report: null } };
  if (!args.ctx.store.setStorageClass) throw new Error(`the store ${args.ctx.store.label} has no storage classes`);
  const cutoff = new Date(now.getTime() - coldAfterDays * DAY_MS);
  const rows = await db.snapshot.findMany({
    where: { tenantId, status: 'COMPLETED', manifestKey: { not: null }, OR: [{ expiredAt: null }, { holdReason: { not: null } }] },
    select: { id: true, manifestKey: true, consistentAt: true, tier: true },
  });
  const engineId = (key: string) => key.slice(key.lastIndexOf('/') + 1);
  const old = rows.filter((r) => r.consistentAt !== null && r.consistentAt < cutoff);
  const young = rows.filter((r) => !old.includes(r));
  const repo = await createRepository({ tenantId, store: args.ctx.store, keys: args.ctx.keys });
  run.progress({ phase: 'tier', cold: old.length, hot: young.length });
  const report = await tierColdObjects({
    repo,
    coldSnapshotIds: old.map((r) => engineId(r.manifestKey!)),
    hotSnapshotIds: young.map((r) => engineId(r.manifestKey!)),
    signal: run.signal,
  });
  const tiered = old.filter((r) => r.tier !== 'COLD').map((r) => r.id);
  await db.$transaction(async (tx) => {
    await run.assertOwned(tx);
    await tx.snapshot.updateMany({ where: { tenantId, id: { in: tiered }, tier: 'HOT' }, data: { tier: 'COLD', tieredAt: now } });
  });
  const message = `${tiered.length} snapshot(s) tiered cold; ${report.moved} objects moved (${report.coldObjects} cold, ${report.sharedWithHot} shared with younger snapshots kept hot)`;
  return { ok: true, message, result: { coldAfterDays, tiered, report } };
}
