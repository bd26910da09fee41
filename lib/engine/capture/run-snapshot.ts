import { randomBytes } from 'node:crypto';
import { throwIfAborted } from '../errors/engine-error';
import { writeIndexSegments } from '../format/index-segment';
import { newSnapshotId, seqOfSnapshotId } from '../format/layout';
import type { TManifest, TManifestCollection } from '../format/manifest';
import { readManifest, writeManifest } from '../format/manifest-io';
import { createPackWriter } from '../format/pack-writer';
import { resolveTenantScope, scopedFilter } from '../mongo/resolve-tenant-scope';
import { ZTenant, type TTenant } from '../mongo/tenancy';
import { systemClock, type Clock } from '../ports/clock';
import type { KeyProvider } from '../ports/key-provider';
import type { MongoEndpoint } from '../ports/mongo-endpoint';
import type { ObjectStore } from '../ports/object-store';
import { listSnapshotIds } from '../repo/list-snapshots';
import { createRepository, type TRepositoryOptions } from '../repo/repository';
import { CollectionCapture } from './collection-capture';
import { captureCollectionSpec } from './collection-spec';
import { beginScan, completeScan } from './consistency';
import { loadParentIndex } from './load-parent-index';
import { snapshotStats, type TSnapshotStats } from './snapshot-stats';

export type TSnapshotProgress = {
  phase: 'scan' | 'oplog' | 'index' | 'manifest' | 'done';
  collection?: string;
  documents: number;
  bytes: number;
  newBlobs: number;
  packsWritten: number;
  packBytesWritten: number;
};

export type TRunSnapshotArgs = {
  tenant: TTenant;
  endpoint: MongoEndpoint;
  store: ObjectStore;
  keys: KeyProvider;
  clock?: Clock;
  /** Snapshot id to build on (incremental); null/absent for a full snapshot. */
  parent?: string | null;
  options?: TRepositoryOptions;
  /**
   * 'oplog-window' (default) when the server has local.oplog.rs; 'scan-only' skips the window
   * (on FerretDB each window read is a pass over the whole oplog — see capture/README.md).
   */
  consistency?: 'oplog-window' | 'scan-only';
  onProgress?: (p: TSnapshotProgress) => void;
  signal?: AbortSignal;
};

export type { TSnapshotStats };

/** Captures one tenant snapshot: packs → index segments → manifest (that order, always). */
export async function runSnapshot(args: TRunSnapshotArgs): Promise<{ manifest: TManifest; stats: TSnapshotStats }> {
  const tenant = ZTenant.parse(args.tenant);
  const clock = args.clock ?? systemClock;
  const t0 = Date.now();
  const repo = await createRepository({ tenantId: tenant.tenantId, store: args.store, keys: args.keys, options: args.options });
  const parent = args.parent ? await readManifest(repo, args.parent) : null;
  const ids = await listSnapshotIds(repo);
  const seq = Math.max(ids.length > 0 ? seqOfSnapshotId(ids[ids.length - 1]!) : 0, parent?.seq ?? 0) + 1;

  const progress: TSnapshotProgress = { phase: 'scan', documents: 0, bytes: 0, newBlobs: 0, packsWritten: 0, packBytesWritten: 0 };
  const report = (p: Partial<TSnapshotProgress>) => {
    Object.assign(progress, p);
    args.onProgress?.({ ...progress });
  };
  const packs = createPackWriter({
    tenant: repo.tenant,
    keys: repo.keys,
    store: repo.store,
    codec: repo.options.codec,
    targetPackBytes: repo.options.targetPackBytes,
    frameBytes: repo.options.frameBytes,
    maxInflightUploads: repo.options.maxInflightUploads,
    onPackStored: (info) => report({ packsWritten: progress.packsWritten + 1, packBytesWritten: progress.packBytesWritten + info.size }),
  });
  // The first snapshot creates the tenant's key; a repository that already has snapshots must
  // still have it (a deleted key is KEY_MISSING here, never silently replaced by a new one).
  const blobSecret = await repo.keys.tenantSecret(tenant.tenantId, 'blob-id', { create: ids.length === 0 });

  const scopes = await resolveTenantScope(args.endpoint, tenant.tenancy);
  const start = await beginScan(args.endpoint, clock, args.consistency !== 'scan-only');
  const captures: CollectionCapture[] = [];
  const specs = new Map<CollectionCapture, TManifestCollection['spec']>();
  for (const scope of scopes) {
    throwIfAborted(args.signal);
    const cap = new CollectionCapture(scope, await loadParentIndex(repo, parent, scope.name), blobSecret, packs);
    captures.push(cap);
    specs.set(cap, await captureCollectionSpec(args.endpoint, scope));
    report({ phase: 'scan', collection: scope.name });
    for await (const raw of args.endpoint.findRaw(scope.database, scope.collection, scopedFilter(scope), { batchSize: 1000 })) {
      await cap.offer(raw);
      progress.documents++;
      progress.bytes += raw.byteLength;
      if (progress.documents % 1000 === 0) {
        throwIfAborted(args.signal);
        report({ newBlobs: captures.reduce((n, c) => n + c.newBlobs, 0) });
      }
    }
  }
  report({ phase: 'oplog', collection: undefined });
  const { consistency, consistentAt } = await completeScan(args.endpoint, clock, start, captures);
  throwIfAborted(args.signal);
  await packs.finish();

  report({ phase: 'index' });
  const collections: TManifestCollection[] = [];
  let segmentsWritten = 0;
  const segmentBytes = new Map<string, number>();
  for (const cap of captures) {
    const { entries, stats } = cap.finalize();
    // An unchanged collection keeps its parent's index segments (same entries, same packs).
    const before = parent?.collections.find((c) => c.name === cap.scope.name);
    const unchanged = before && stats.delta.unchanged === entries.length && stats.delta.deleted === 0;
    const segments = unchanged
      ? before.segments
      : await writeIndexSegments({ ...repo, codec: repo.options.codec }, cap.scope.name, entries, repo.options.entriesPerSegment, (n) =>
          segmentBytes.set(cap.scope.name, (segmentBytes.get(cap.scope.name) ?? 0) + n),
        );
    if (!unchanged) segmentsWritten += segments.length;
    collections.push({
      name: cap.scope.name,
      source: { database: cap.scope.database, collection: cap.scope.collection },
      spec: specs.get(cap)!,
      ...stats,
      segments,
    });
  }

  report({ phase: 'manifest' });
  const newBlobs = captures.reduce((n, c) => n + c.newBlobs, 0);
  const documents = collections.reduce((n, c) => n + c.count, 0);
  const bytes = collections.reduce((n, c) => n + c.bytes, 0);
  const now = clock.now();
  const manifest: TManifest = {
    formatVersion: 1,
    tenantId: tenant.tenantId,
    tenantKey: repo.tenant.tenantKey,
    snapshotId: newSnapshotId(now, seq, randomBytes(4).toString('hex')),
    seq,
    parent: parent?.snapshotId ?? null,
    kind: parent ? 'incremental' : 'full',
    createdAt: now.toISOString(),
    consistentAt,
    consistency,
    keyId: repo.keys.keyId,
    codec: repo.options.codec,
    tenancy: tenant.tenancy,
    collections,
    stats: {
      documents,
      bytes,
      newBlobs,
      reusedBlobs: collections.reduce((n, c) => n + c.delta.unchanged, 0),
      packsWritten: progress.packsWritten,
      packBytesWritten: progress.packBytesWritten,
      segmentsWritten,
      durationMs: Date.now() - t0,
    },
  };
  const { size: manifestBytes } = await writeManifest(repo, manifest);
  report({ phase: 'done' });
  const packBytesByCollection = packs.storedBytesByCollection();
  return { manifest, stats: snapshotStats({ manifest, captures, packBytesByCollection, segmentBytesByCollection: segmentBytes, manifestBytes }) };
}
