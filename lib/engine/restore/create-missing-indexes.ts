// restoreIndexes: creates the snapshot's indexes the target lacks (by name). Indexes that exist
// with another definition are reported by the dry-run and left alone: dropping a live index is
// not something a document restore should do behind the approver's back.
import { compareCollectionSpec, missingIndexSpecs } from './compare-collection-spec';
import { readCollectionState } from './read-collection-state';
import type { TRestorePlan } from './restore-plan';
import type { RestoreTarget } from './restore-target';

export async function createMissingIndexes(plan: TRestorePlan, target: RestoreTarget): Promise<{ namespace: string; created: string[] }[]> {
  const out: { namespace: string; created: string[] }[] = [];
  for (const ns of plan.namespaces) {
    const diff = compareCollectionSpec(ns.spec, await readCollectionState(target, ns.target));
    const specs = missingIndexSpecs(ns.spec, diff);
    if (specs.length === 0) continue;
    await target.createIndexes(ns.target, specs);
    out.push({ namespace: ns.name, created: specs.map((s) => String(s.name)) });
  }
  return out;
}
