import { throwIfAborted } from '../errors/engine-error';
import { tenantRoot } from '../format/layout';
import type { TRepository } from '../repo/repository';
import { markReferenced } from './mark-referenced';

// Tiering of one tenant's repository. Packs and index segments are shared between snapshots
// (deduplication, incrementals pointing into their parents' packs), so an object may go cold only
// when EVERY kept snapshot that references it is past the tier rule: cold = referenced by the old
// snapshots − referenced by the young ones. Restore safety records and GC state stay where they
// are (neither root set names them). Then each such object is moved with the store's
// setStorageClass (skipped when the store reports it cold already). Idempotent; a crash midway
// leaves some objects moved and the rest for the next run. Reads work whatever the class.

export type TTierReport = {
  /** objects only old snapshots reference (the ones that may go cold) */
  coldObjects: number;
  coldBytes: number;
  /** objects moved to cold by this run (the rest already were) */
  moved: number;
  /** objects old snapshots share with young ones: kept hot */
  sharedWithHot: number;
};

export async function tierColdObjects(args: {
  repo: TRepository;
  /** engine ids of kept snapshots past the rule */
  coldSnapshotIds: readonly string[];
  /** engine ids of every other kept snapshot */
  hotSnapshotIds: readonly string[];
  signal?: AbortSignal;
  dryRun?: boolean;
}): Promise<TTierReport> {
  const { repo, signal } = args;
  const store = repo.store;
  if (!store.setStorageClass) throw new Error(`store ${store.label} does not support storage classes`);
  const listed = new Map<string, number>();
  for await (const o of store.list(tenantRoot(repo.tenant.tenantKey))) listed.set(o.key, o.size);
  const hot = await markReferenced({ repo, roots: { snapshotIds: args.hotSnapshotIds, restoreIds: [] }, listed, signal });
  const old = await markReferenced({ repo, roots: { snapshotIds: args.coldSnapshotIds, restoreIds: [] }, listed, signal });
  const report: TTierReport = { coldObjects: 0, coldBytes: 0, moved: 0, sharedWithHot: 0 };
  for (const [key, size] of old.referenced) {
    throwIfAborted(signal);
    if (hot.referenced.has(key)) {
      report.sharedWithHot++;
      continue;
    }
    report.coldObjects++;
    report.coldBytes += size;
    if (args.dryRun) continue;
    if (store.storageClassOf && (await store.storageClassOf(key)) === 'cold') continue;
    await store.setStorageClass(key, 'cold');
    report.moved++;
  }
  return report;
}
