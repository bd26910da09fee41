// Plans a benchmark restore straight through the engine (no catalog): a DATABASE-tenancy scope
// built from the manifest, a package for the given collection, in place, conflictPolicy overwrite.
import { parseRestoreSpec, planRestore, type TManifest, type TRepository, type TRestorePlan } from '../../lib/engine';

export async function planBenchRestore(args: {
  repo: TRepository;
  manifest: TManifest;
  database: string;
  collection: string;
  restoreId: string;
  documentIds?: unknown[];
}): Promise<TRestorePlan> {
  const scope = {
    slug: 'bench',
    tenancy: { model: 'DATABASE' as const, database: args.database },
    namespaces: args.manifest.collections.map((c) => c.name),
    databases: [],
  };
  const spec = {
    version: 1,
    tenant: 'bench',
    source: { snapshotId: args.manifest.snapshotId },
    selection: { namespaces: { include: [args.collection] }, ...(args.documentIds ? { documentIds: args.documentIds } : {}) },
    target: { mode: 'in-place' },
    conflictPolicy: 'overwrite',
  };
  const parsed = parseRestoreSpec(spec, { tenant: scope });
  if (!parsed.ok) throw parsed.error;
  return planRestore(parsed.value, args.manifest, { restoreId: args.restoreId, repo: args.repo });
}
