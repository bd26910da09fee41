// Where each snapshot collection is restored to, and where lineage goes. Targets are derived from
// the snapshot's own tenancy (authenticated manifest) and the validated package, never from
// names supplied elsewhere, so they stay inside what the tenant owns (see assert-plan-confined).
import type { TManifestCollection } from '../format/manifest';
import { LINEAGE_COLLECTION } from '../mongo/reserved-collections';
import type { TTenancy } from '../mongo/tenancy';
import type { TRestoreTarget } from '../restore-spec/restore-spec-schema';
import { sideNamespaceSuffix } from '../restore-spec/side-namespace-suffix';
import type { TTargetNamespace } from './restore-plan';

export { LINEAGE_COLLECTION };

export function resolveTargetNamespace(collection: Pick<TManifestCollection, 'name' | 'source'>, target: TRestoreTarget, restoreId: string): TTargetNamespace {
  switch (target.mode) {
    case 'in-place':
      return { ...collection.source };
    case 'side-namespace':
      return { database: collection.source.database, collection: `${collection.source.collection}${sideNamespaceSuffix(target, restoreId)}` };
    case 'database':
      // A database the tenant owns outright: logical names, no prefix needed.
      return { database: target.database, collection: collection.name };
  }
}

/** The lineage side collection in the target database, inside the tenant's prefix when shared. */
export function resolveLineageNamespace(tenancy: TTenancy, targetDatabase: string): TTargetNamespace {
  const prefixed = tenancy.model === 'COLLECTION_PREFIX' && targetDatabase === tenancy.database;
  return { database: targetDatabase, collection: prefixed ? `${tenancy.collectionPrefix}${LINEAGE_COLLECTION}` : LINEAGE_COLLECTION };
}
