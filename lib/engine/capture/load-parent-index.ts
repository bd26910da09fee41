import { readIndexSegment, type TIndexEntry } from '../format/index-segment';
import type { TManifest } from '../format/manifest';
import type { TRepository } from '../repo/repository';

/** The parent snapshot's full index of one collection (empty when it had no such collection). */
export async function loadParentIndex(repo: TRepository, parent: TManifest | null, collection: string): Promise<Map<string, TIndexEntry>> {
  const map = new Map<string, TIndexEntry>();
  const coll = parent?.collections.find((c) => c.name === collection);
  if (!coll) return map;
  for (const ref of coll.segments) {
    for (const e of await readIndexSegment(repo, collection, ref)) map.set(e.idKey, e);
  }
  return map;
}
