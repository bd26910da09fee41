import { listSnapshotIds } from '../repo/list-snapshots';
import type { TRepository } from '../repo/repository';
import type { TVerifyLevel, TVerifyMemo, TVerifyProblem, TVerifyReport } from './types';
import { verifySnapshot } from './verify-snapshot';

/**
 * Verifies every snapshot of a tenant (the scrubber). Objects shared by several snapshots are
 * checked once; each problem lists all affected snapshot ids.
 */
export async function verifyRepository(args: { repo: TRepository; level: TVerifyLevel; signal?: AbortSignal }): Promise<TVerifyReport> {
  const memo: TVerifyMemo = new Map();
  const ids = await listSnapshotIds(args.repo);
  const total: TVerifyReport = {
    level: args.level,
    ok: true,
    snapshotIds: ids,
    problems: [],
    checked: { manifests: 0, segments: 0, packs: 0, documents: 0, bytesRead: 0 },
  };
  const unique = new Set<TVerifyProblem>();
  for (const snapshotId of ids) {
    const r = await verifySnapshot({ repo: args.repo, snapshotId, level: args.level, memo, signal: args.signal });
    for (const p of r.problems) unique.add(p);
    for (const k of Object.keys(total.checked) as (keyof TVerifyReport['checked'])[]) total.checked[k] += r.checked[k];
  }
  total.problems = [...unique];
  total.ok = total.problems.length === 0;
  return total;
}
