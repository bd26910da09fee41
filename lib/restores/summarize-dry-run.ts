import type { TDryRunChange, TDryRunResult, TRestoreCounts, TSpecDiff } from '@/lib/engine';

export type TDryRunSummary = {
  restoreId: string;
  snapshotId: string;
  planHash: string;
  /** what execution must find again (the approval binds it) */
  preStateFingerprint: string;
  counts: TRestoreCounts;
  collections: { name: string; target: string; counts: TRestoreCounts; collection: TSpecDiff }[];
  changes: { page: number; pageSize: number; total: number; items?: TDryRunChange[] };
};

/**
 * The dry-run as the CLI prints it and the job records it: counts per collection, the plan hash
 * and pre-state fingerprint, and (when `withChanges`) the page of per-document diffs. Plain JSON.
 */
export function summarizeDryRun(dry: TDryRunResult, { withChanges }: { withChanges: boolean }): TDryRunSummary {
  const { page, pageSize, total, items } = dry.changes;
  return JSON.parse(
    JSON.stringify({
      restoreId: dry.restoreId,
      snapshotId: dry.snapshotId,
      planHash: dry.planHash,
      preStateFingerprint: dry.preState.fingerprint,
      counts: dry.counts,
      collections: dry.namespaces.map((n) => ({
        name: n.name,
        target: `${n.target.database}.${n.target.collection}`,
        counts: n.counts,
        collection: n.collection,
      })),
      changes: withChanges ? { page, pageSize, total, items } : { page, pageSize, total },
    }),
  ) as TDryRunSummary;
}
