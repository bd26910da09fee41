import { EngineError, throwIfAborted } from '../errors/engine-error';
import { blobIdOf } from '../format/document-key';
import type { TManifest } from '../format/manifest';
import { readManifest } from '../format/manifest-io';
import { streamCollection, type TStreamedDocument } from '../read/stream-collection';
import type { TRepository } from '../repo/repository';
import type { TPointPlan } from './coverage';
import { readEntriesBetween, type TOplogSegmentRef } from './oplog-segment';
import type { TPitrEntry } from './pitr-entry';

export type TCollectionChanges = Map<string, { entry: TPitrEntry; doc: Uint8Array | null }>;

/**
 * The last state of every document a collection's entries touched in (from, to]: applying the
 * entries in ts order and keeping the last is idempotent (replaying twice, or over a snapshot
 * that already holds some of them, gives the same result). A diff update without a document
 * cannot be applied: INVALID_ARGUMENT naming it, never a silent stale document.
 */
export function lastStates(entries: readonly TPitrEntry[]): TCollectionChanges {
  const out: TCollectionChanges = new Map();
  for (const e of entries) {
    if (e.op === 'u' && !e.doc) {
      throw new EngineError('INVALID_ARGUMENT', `update of ${e.collection}/${e.idKey} at ${e.ts} has no post-image: cannot restore to a point after it`);
    }
    out.set(e.idKey, { entry: e, doc: e.op === 'd' ? null : e.doc });
  }
  return out;
}

/**
 * A collection as of `plan.at`: the base snapshot's documents with the tenant's captured entries
 * in (base.replayFrom, at] applied. Yields the same shape as `streamCollection` (idKey, blobId
 * keyed like the snapshot's, verified raw BSON), so everything that consumes a snapshot stream
 * consumes a point in time. Base documents come first in the snapshot's order, then documents
 * created after the base. Memory: the collection's changed documents in the window.
 */
export async function* streamCollectionAt(args: {
  repo: TRepository;
  plan: TPointPlan;
  segments: readonly TOplogSegmentRef[];
  collection: string;
  /** The base manifest, when the caller has it loaded already. */
  manifest?: TManifest;
  signal?: AbortSignal;
}): AsyncGenerator<TStreamedDocument> {
  const { repo, plan } = args;
  const manifest = args.manifest ?? (await readManifest(repo, plan.base.snapshotId));
  if (manifest.snapshotId !== plan.base.snapshotId) throw new EngineError('INVALID_ARGUMENT', 'manifest is not the plan’s base snapshot');
  const entries = await readEntriesBetween(repo, args.segments, plan.base.replayFrom, plan.at, (e) => e.collection === args.collection);
  const changes = lastStates(entries);
  const secret = await repo.keys.tenantSecret(repo.tenant.tenantId, 'blob-id');
  const emit = (idKey: string, doc: Uint8Array): TStreamedDocument => {
    const raw = Buffer.from(doc.buffer, doc.byteOffset, doc.byteLength);
    return { idKey, blobId: blobIdOf(secret, args.collection, idKey, raw), raw };
  };
  const seen = new Set<string>();
  if (manifest.collections.some((c) => c.name === args.collection)) {
    for await (const d of streamCollection({ repo, snapshot: manifest, collection: args.collection, signal: args.signal })) {
      const change = changes.get(d.idKey);
      if (!change) yield d;
      else {
        seen.add(d.idKey);
        if (change.doc) yield emit(d.idKey, change.doc);
      }
    }
  }
  for (const [idKey, change] of changes) {
    throwIfAborted(args.signal);
    if (change.doc && !seen.has(idKey)) yield emit(idKey, change.doc);
  }
}
