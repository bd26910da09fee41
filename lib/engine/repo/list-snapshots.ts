import { isEngineError, type EngineError } from '../errors/engine-error';
import { keyBasename, manifestPrefix, seqOfSnapshotId, SNAPSHOT_ID_RE } from '../format/layout';
import type { TManifest } from '../format/manifest';
import { readManifest } from '../format/manifest-io';
import { checkRepositoryKey, isRepositoryKeyError } from './check-repository-key';
import type { TRepository } from './repository';

export type TSnapshotSummary = {
  snapshotId: string;
  seq: number;
  parent: string | null;
  kind: TManifest['kind'];
  createdAt: string;
  consistentAt: string;
  consistencyMethod: TManifest['consistency']['method'];
  documents: number;
  bytes: number;
  changedDocuments: number;
  collections: { name: string; count: number; inserted: number; updated: number; deleted: number }[];
};

export type TSnapshotListing = { snapshots: TSnapshotSummary[]; invalid: { snapshotId: string; error: EngineError }[] };

/** Snapshot ids in the repository, in seq order (oldest first). */
export async function listSnapshotIds(repo: TRepository): Promise<string[]> {
  const ids: string[] = [];
  for await (const { key } of repo.store.list(manifestPrefix(repo.tenant.tenantKey))) {
    const id = keyBasename(key);
    if (SNAPSHOT_ID_RE.test(id)) ids.push(id);
  }
  return ids.sort((a, b) => seqOfSnapshotId(a) - seqOfSnapshotId(b) || (a < b ? -1 : 1));
}

export function summarize(m: TManifest): TSnapshotSummary {
  const collections = m.collections.map((c) => ({
    name: c.name,
    count: c.count,
    inserted: c.delta.inserted,
    updated: c.delta.updated,
    deleted: c.delta.deleted,
  }));
  return {
    snapshotId: m.snapshotId,
    seq: m.seq,
    parent: m.parent,
    kind: m.kind,
    createdAt: m.createdAt,
    consistentAt: m.consistentAt,
    consistencyMethod: m.consistency.method,
    documents: m.stats.documents,
    bytes: m.stats.bytes,
    changedDocuments: collections.reduce((n, c) => n + c.inserted + c.updated + c.deleted, 0),
    collections,
  };
}

/**
 * Every snapshot with its verified manifest. Manifests that fail verification are reported in
 * `invalid` (with the exact error code), never silently dropped or trusted. A problem with the
 * tenant's key (KEY_MISSING, KEY_DAMAGED, KEY_UNWRAP_FAILED, KEY_DESTROYED) concerns every
 * snapshot at once and is thrown, naming the key object, instead of blaming each manifest.
 */
export async function listSnapshots(repo: TRepository): Promise<TSnapshotListing> {
  const out: TSnapshotListing = { snapshots: [], invalid: [] };
  const ids = await listSnapshotIds(repo);
  if (ids.length > 0) await checkRepositoryKey(repo);
  for (const snapshotId of ids) {
    try {
      out.snapshots.push(summarize(await readManifest(repo, snapshotId)));
    } catch (err) {
      if (!isEngineError(err) || isRepositoryKeyError(err)) throw err;
      out.invalid.push({ snapshotId, error: err });
    }
  }
  return out;
}

export async function loadManifest(repo: TRepository, snapshotId: string): Promise<TManifest> {
  return readManifest(repo, snapshotId);
}
