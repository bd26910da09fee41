import { BSON, type Document } from 'mongodb';
import { EngineError } from '../errors/engine-error';
import { idKeyOf } from '../format/document-key';
import { findSegment, readIndexSegment } from '../format/index-segment';
import type { TManifest } from '../format/manifest';
import { readManifest } from '../format/manifest-io';
import type { TRepository } from '../repo/repository';
import { readBlob } from './read-blob';

export type TReadDocumentArgs = {
  repo: TRepository;
  /** A snapshot id, or a manifest already loaded (and verified) by the caller. */
  snapshot: string | TManifest;
  collection: string;
  /** The _id value (ObjectId, string, number, ...); numbers match only with the same BSON type. */
  id: unknown;
};

/**
 * One document from a snapshot: manifest → the one index segment its fence allows → one ranged
 * GET of one frame. Returns null when the snapshot does not contain that _id.
 */
export async function readDocument(args: TReadDocumentArgs): Promise<{ raw: Buffer; doc: Document } | null> {
  const { repo } = args;
  const manifest = typeof args.snapshot === 'string' ? await readManifest(repo, args.snapshot) : args.snapshot;
  const coll = manifest.collections.find((c) => c.name === args.collection);
  if (!coll) {
    throw new EngineError('INVALID_ARGUMENT', `snapshot ${manifest.snapshotId} has no collection ${args.collection}`, {
      snapshotId: manifest.snapshotId,
    });
  }
  const idKey = idKeyOf(args.id);
  const ref = findSegment(coll.segments, idKey);
  if (!ref) return null;
  const entries = await readIndexSegment(repo, coll.name, ref);
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = entries[mid]!;
    if (e.idKey === idKey) {
      const secret = await repo.keys.tenantSecret(repo.tenant.tenantId, 'blob-id');
      const raw = await readBlob(repo, coll.name, e, secret);
      return { raw, doc: BSON.deserialize(raw) };
    }
    if (e.idKey < idKey) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}
