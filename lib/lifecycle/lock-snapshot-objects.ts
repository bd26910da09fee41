import 'server-only';
import { db } from '@/lib/db';
import { createRepository, referencedObjects } from '@/lib/engine';
import { env } from '@/lib/env';
import type { TEngineContext } from '@/lib/vault/engine-context';

const DAY_MS = 86_400_000;

export type TLockResult = { lockedUntil: Date; objects: number } | { skipped: string };

/**
 * Object Lock for a snapshot of a tenant under a compliance lock: every object the snapshot needs
 * (its own and the deduplicated ones it shares) gets S3 retention until `consistentAt +
 * retention_lock_days` (extended, never shortened: a shared pack keeps the latest date), then
 * the row records `locked_until`. Only when S3_OBJECT_LOCK_MODE is set (the bucket was created
 * with Object Lock) and the store can; otherwise skipped, naming why.
 */
export async function lockSnapshotObjects(args: {
  ctx: TEngineContext;
  tenantId: string;
  snapshotId: string;
  mode?: 'governance' | 'compliance';
  signal?: AbortSignal;
}): Promise<TLockResult> {
  const mode = args.mode ?? env().S3_OBJECT_LOCK_MODE;
  if (!mode) return { skipped: 'S3_OBJECT_LOCK_MODE is not set' };
  if (!args.ctx.store.extendRetention) return { skipped: `the store ${args.ctx.store.label} has no Object Lock` };
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: args.tenantId }, select: { retentionLockDays: true } });
  if (tenant.retentionLockDays <= 0) return { skipped: 'the tenant has no compliance lock' };
  const row = await db.snapshot.findFirstOrThrow({
    where: { id: args.snapshotId, tenantId: args.tenantId },
    select: { consistentAt: true, lockedUntil: true },
  });
  const until = new Date((row.consistentAt ?? new Date()).getTime() + tenant.retentionLockDays * DAY_MS);
  const repo = await createRepository({ tenantId: args.tenantId, store: args.ctx.store, keys: args.ctx.keys });
  const objects = await referencedObjects({ repo, snapshotIds: [args.snapshotId], signal: args.signal });
  for (const key of objects.keys()) await args.ctx.store.extendRetention(key, { mode, until });
  const lockedUntil = row.lockedUntil && row.lockedUntil > until ? row.lockedUntil : until;
  await db.snapshot.updateMany({ where: { id: args.snapshotId, tenantId: args.tenantId }, data: { lockedUntil } });
  return { lockedUntil, objects: objects.size };
}
