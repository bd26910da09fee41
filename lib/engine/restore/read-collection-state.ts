// The live state of a target collection the index/option diff needs.
import type { Document } from 'mongodb';
import type { TTargetNamespace } from './restore-plan';
import type { RestoreTarget } from './restore-target';

export async function readCollectionState(target: RestoreTarget, ns: TTargetNamespace): Promise<{ exists: boolean; options: Document; indexes: Document[] }> {
  const info = (await target.listCollections(ns.database)).find((c) => c.name === ns.collection);
  if (!info) return { exists: false, options: {}, indexes: [] };
  return { exists: true, options: info.options, indexes: await target.listIndexes(ns) };
}
