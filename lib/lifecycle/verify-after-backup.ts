import 'server-only';
import { createRepository, readOnly, verifySnapshot } from '@/lib/engine';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { recordVerification } from './record-verification';

/** Structural verify of a snapshot just written (manifest, index segments, pack presence), recorded on its row. */
export async function verifyAfterBackup(args: {
  ctx: TEngineContext;
  tenantId: string;
  snapshotId: string;
  signal?: AbortSignal;
  jobId?: string;
}): Promise<string | null> {
  const repo = await createRepository({ tenantId: args.tenantId, store: readOnly(args.ctx.store), keys: args.ctx.keys });
  const report = await verifySnapshot({ repo, snapshotId: args.snapshotId, level: 'structural', signal: args.signal });
  return recordVerification({ tenantId: args.tenantId, snapshotId: args.snapshotId, report, jobId: args.jobId });
}
