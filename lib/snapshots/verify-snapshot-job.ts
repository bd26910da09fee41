import 'server-only';
import { db } from '@/lib/db';
import { createRepository, readOnly, verifySnapshot, type TVerifyReport } from '@/lib/engine';
import { AppError } from '@/lib/errors';
import type { TEngineContext } from '@/lib/vault/engine-context';

/** VERIFY job: scrubs one snapshot of the job's tenant (read-only); ok when no problem is found. */
export async function verifySnapshotJob(args: {
  ctx: TEngineContext;
  tenantId: string;
  snapshotId: string;
  level?: 'structural' | 'read-data';
  signal?: AbortSignal;
}): Promise<{ ok: boolean; message: string; result: TVerifyReport }> {
  const snapshot = await db.snapshot.findFirst({ where: { tenantId: args.tenantId, id: args.snapshotId }, select: { id: true } });
  if (!snapshot) throw new AppError('NOT_FOUND', `this tenant has no snapshot ${args.snapshotId}`);
  const repo = await createRepository({ tenantId: args.tenantId, store: readOnly(args.ctx.store), keys: args.ctx.keys });
  const level = args.level ?? 'read-data';
  const report = await verifySnapshot({ repo, snapshotId: snapshot.id, level, signal: args.signal });
  const message = report.ok
    ? `snapshot ${snapshot.id} verified (${level}): ${report.checked.documents} documents, ${report.checked.packs} packs`
    : `snapshot ${snapshot.id} has ${report.problems.length} problems (${level})`;
  return { ok: report.ok, message, result: report };
}
