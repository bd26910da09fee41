import { isEngineError, throwIfAborted, type EngineError } from '../errors/engine-error';
import { fingerprintBlobIds } from '../format/fingerprint';
import { readIndexSegment } from '../format/index-segment';
import { indexKey, manifestKey } from '../format/layout';
import { readManifest } from '../format/manifest-io';
import type { TRepository } from '../repo/repository';
import { checkPack, type TPackUse } from './check-pack';
import type { TVerifyLevel, TVerifyMemo, TVerifyProblem, TVerifyReport } from './types';

export type TVerifySnapshotArgs = {
  repo: TRepository;
  snapshotId: string;
  level: TVerifyLevel;
  memo?: TVerifyMemo;
  signal?: AbortSignal;
};

/**
 * Verifies one snapshot: manifest (MAC, binding, version) → every index segment (fence, order,
 * count, fingerprint) → every pack it references (see checkPack). Never throws for a data
 * problem: each becomes a report entry naming the object key and the snapshot.
 */
export async function verifySnapshot(args: TVerifySnapshotArgs): Promise<TVerifyReport> {
  const { repo, snapshotId, level } = args;
  const memo: TVerifyMemo = args.memo ?? new Map();
  const report: TVerifyReport = {
    level,
    ok: true,
    snapshotIds: [snapshotId],
    problems: [],
    checked: { manifests: 0, segments: 0, packs: 0, documents: 0, bytesRead: 0 },
  };
  const note = (objectKey: string, err: unknown) => {
    if (!isEngineError(err)) throw err;
    const p = problemOf(objectKey, err as EngineError, snapshotId);
    memo.set(objectKey, p);
    report.problems.push(p);
  };
  const seen = (objectKey: string): boolean => {
    if (!memo.has(objectKey)) return false;
    const p = memo.get(objectKey);
    if (p) {
      if (!p.snapshotIds.includes(snapshotId)) p.snapshotIds.push(snapshotId);
      report.problems.push(p);
    }
    return true;
  };

  let manifest;
  try {
    manifest = await readManifest(repo, snapshotId);
    report.checked.manifests++;
  } catch (err) {
    note(manifestKey(repo.tenant.tenantKey, snapshotId), err);
    return finish(report);
  }
  const packs = new Map<string, TPackUse[]>();
  for (const coll of manifest.collections) {
    const blobIds: string[] = [];
    let complete = true;
    for (const ref of coll.segments) {
      throwIfAborted(args.signal);
      const key = indexKey(repo.tenant.tenantKey, ref.id);
      try {
        const entries = await readIndexSegment(repo, coll.name, ref);
        report.checked.segments++;
        for (const entry of entries) {
          blobIds.push(entry.blobId);
          const uses = packs.get(entry.pack.id) ?? [];
          uses.push({ collection: coll.name, entry });
          packs.set(entry.pack.id, uses);
        }
      } catch (err) {
        complete = false;
        if (!seen(key)) note(key, err);
      }
    }
    if (complete && (blobIds.length !== coll.count || fingerprintBlobIds(blobIds) !== coll.fingerprint)) {
      const key = manifestKey(repo.tenant.tenantKey, snapshotId);
      report.problems.push({
        code: 'INTEGRITY_MISMATCH',
        objectKey: key,
        snapshotIds: [snapshotId],
        message: `${coll.name}: count or fingerprint differs from its index`,
      });
    }
    report.checked.documents += blobIds.length;
  }
  const secret = await repo.keys.tenantSecret(repo.tenant.tenantId, 'blob-id');
  for (const [packId, uses] of packs) {
    throwIfAborted(args.signal);
    const key = uses[0]!.entry.pack && `tenants/${repo.tenant.tenantKey}/packs/${packId}`;
    const memoKey = `${level}:${key}`;
    if (memo.has(memoKey)) {
      const p = memo.get(memoKey);
      if (p) {
        if (!p.snapshotIds.includes(snapshotId)) p.snapshotIds.push(snapshotId);
        report.problems.push(p);
      }
      continue;
    }
    try {
      report.checked.bytesRead += await checkPack(repo, uses, level, secret);
      report.checked.packs++;
      memo.set(memoKey, null);
    } catch (err) {
      if (!isEngineError(err)) throw err;
      const p = problemOf(key, err, snapshotId);
      memo.set(memoKey, p);
      report.problems.push(p);
    }
  }
  return finish(report);
}

function problemOf(objectKey: string, err: EngineError, snapshotId: string): TVerifyProblem {
  return { code: err.code, objectKey: err.details.objectKey ?? objectKey, snapshotIds: [snapshotId], message: err.message };
}

function finish(report: TVerifyReport): TVerifyReport {
  report.ok = report.problems.length === 0;
  return report;
}
