// Which documents of one snapshot collection a restore selects. With document ids, only the index
// segments holding those ids are read (and the documents themselves only when something beyond
// the ids must be evaluated); with a filter, the collection is streamed and every document is
// decoded and matched with the same compiled filter the live target gets.
import { EngineError, throwIfAborted } from '../errors/engine-error';
import { tenantPredicateFilter } from '../filter/and-tenant-predicate';
import { matchesFilter } from '../filter/matches-filter';
import { idKeyOf } from '../format/document-key';
import { readIndexSegment } from '../format/index-segment';
import type { TManifest, TManifestCollection } from '../format/manifest';
import { streamCollection } from '../read/stream-collection';
import type { TRepository } from '../repo/repository';
import type { TParsedRestoreSpec } from '../restore-spec/parse-restore-spec';
import { decodeForFilter } from './exact-bson';
import type { TPlanDocument } from './restore-plan';
import type { TSnapshotReader } from './snapshot-reader';

export type TSelectArgs = {
  repo: TRepository;
  manifest: TManifest;
  collection: TManifestCollection;
  parsed: TParsedRestoreSpec;
  reader: TSnapshotReader;
  signal?: AbortSignal;
};

export async function selectSnapshotDocuments(args: TSelectArgs): Promise<TPlanDocument[]> {
  const { parsed, collection } = args;
  const selection = parsed.spec.selection;
  // Documents must be decoded when the tenant field must be checked or something beyond ids filters.
  const needsDocuments = parsed.tenantPredicate !== null || selection.filter !== undefined || selection.timeWindow !== undefined;
  const tenantFilter = parsed.tenantPredicate ? tenantPredicateFilter(parsed.tenantPredicate) : null;
  const accept = (raw: Uint8Array): boolean => {
    const doc = decodeForFilter(raw);
    if (tenantFilter && !matchesFilter(tenantFilter, doc)) {
      throw new EngineError('TENANT_SCOPE_VIOLATION', `snapshot ${args.manifest.snapshotId} holds a document of another tenant in ${collection.name}`, {
        snapshotId: args.manifest.snapshotId,
      });
    }
    return matchesFilter(parsed.filter, doc);
  };

  const out: TPlanDocument[] = [];
  if (parsed.documentIds) {
    const keys = [...new Set(parsed.documentIds.map(idKeyOf))].sort();
    for (const idKey of keys) {
      throwIfAborted(args.signal);
      const entry = await args.reader.entry(collection.name, idKey);
      if (!entry) continue;
      if (needsDocuments && !accept(await args.reader.readEntry(collection.name, entry))) continue;
      out.push([entry.idKey, entry.blobId, entry.length]);
    }
    return out;
  }
  if (!needsDocuments) {
    // The whole collection: the index alone says what it holds.
    for (const ref of collection.segments) {
      throwIfAborted(args.signal);
      for (const e of await readIndexSegment(args.repo, collection.name, ref)) out.push([e.idKey, e.blobId, e.length]);
    }
    return out;
  }
  for await (const d of streamCollection({ repo: args.repo, snapshot: args.manifest, collection: collection.name, signal: args.signal })) {
    if (accept(d.raw)) out.push([d.idKey, d.blobId, d.raw.byteLength]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
