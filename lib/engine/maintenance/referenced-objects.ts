import type { TRepository } from '../repo/repository';
import { markReferenced } from './mark-referenced';

/**
 * Every object (key → size) the given snapshots need: manifests, index segments, packs — what
 * GC's mark phase reaches from them (HEAD per object; OBJECT_MISSING if one is missing). Used to
 * put Object Lock retention on a snapshot's objects, shared ones included.
 */
export async function referencedObjects(args: { repo: TRepository; snapshotIds: readonly string[]; signal?: AbortSignal }): Promise<Map<string, number>> {
  const marked = await markReferenced({ repo: args.repo, roots: { snapshotIds: args.snapshotIds, restoreIds: [] }, listed: new Map(), signal: args.signal });
  return marked.referenced;
}
