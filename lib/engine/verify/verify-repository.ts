import { manifestKey, tenantRoot } from '../format/layout';
import { checkRepositoryKey, isRepositoryKeyError } from '../repo/check-repository-key';
import { listSnapshotIds } from '../repo/list-snapshots';
import type { TRepository } from '../repo/repository';
import type { TVerifyLevel, TVerifyMemo, TVerifyProblem, TVerifyReport } from './types';
import { verifySnapshot } from './verify-snapshot';

export type TVerifyRepositoryArgs = {
  repo: TRepository;
  level: TVerifyLevel;
  /**
   * Snapshot ids the caller's records (the catalog) say exist. Each one the repository cannot
   * show is a problem: an empty or unreadable prefix must never pass as a healthy repository.
   */
  expected?: readonly string[];
  signal?: AbortSignal;
};

/**
 * Verifies every snapshot of a tenant (the scrubber). Objects shared by several snapshots are
 * checked once; each problem lists all affected snapshot ids. The tenant's key is checked first:
 * when it is missing, damaged or does not unwrap, that is the one problem reported (naming the
 * key object), since no snapshot can be read.
 */
export async function verifyRepository(args: TVerifyRepositoryArgs): Promise<TVerifyReport> {
  const { repo } = args;
  const memo: TVerifyMemo = new Map();
  const ids = await listSnapshotIds(repo);
  const expected = [...new Set(args.expected ?? [])];
  const total: TVerifyReport = {
    level: args.level,
    ok: true,
    snapshotIds: ids,
    problems: [],
    checked: { manifests: 0, segments: 0, packs: 0, documents: 0, bytesRead: 0 },
  };
  if (ids.length > 0 || expected.length > 0) {
    try {
      await checkRepositoryKey(repo);
    } catch (err) {
      if (!isRepositoryKeyError(err)) throw err;
      const key = err.details.objectKey ?? repo.keys.keyLocation?.(repo.tenant.tenantId) ?? 'tenant key';
      total.problems.push({ code: err.code, objectKey: key, snapshotIds: [...new Set([...ids, ...expected])], message: err.message });
      total.ok = false;
      return total;
    }
  }
  const inRepo = new Set(ids);
  const absent = expected.filter((id) => !inRepo.has(id));
  for (const id of absent) {
    const why =
      ids.length === 0
        ? `the repository folder ${tenantRoot(repo.tenant.tenantKey)} holds no snapshot at all (another master key or bucket, or deleted objects)`
        : 'the repository has no manifest for it';
    total.problems.push({
      code: 'SNAPSHOT_NOT_FOUND',
      objectKey: manifestKey(repo.tenant.tenantKey, id),
      snapshotIds: [id],
      message: `the catalog lists snapshot ${id}; ${why}`,
    });
  }
  const unique = new Set<TVerifyProblem>();
  for (const snapshotId of ids) {
    const r = await verifySnapshot({ repo, snapshotId, level: args.level, memo, signal: args.signal });
    for (const p of r.problems) unique.add(p);
    for (const k of Object.keys(total.checked) as (keyof TVerifyReport['checked'])[]) total.checked[k] += r.checked[k];
  }
  total.problems.push(...unique);
  total.ok = total.problems.length === 0;
  return total;
}
