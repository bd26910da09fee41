import type { TSnapshotProgress } from '@/lib/engine';

/** What a BACKUP job stores in Job.progress (the same shape as a restore's, for one progress UI). */
export type TBackupJobProgress = {
  phase: TSnapshotProgress['phase'];
  collection: string | null;
  /** total: the previous snapshot's document count (null for a tenant's first backup) */
  documents: { done: number; total: number | null };
  bytes: { done: number; stored: number };
  collections: Record<string, { done: number }>;
  elapsedMs: number;
  /** estimated from the previous snapshot's size and the rate so far; null when unknown */
  etaMs: number | null;
};

/**
 * Turns the engine's cumulative snapshot progress into per-collection counts and an ETA. The
 * engine counts documents across collections and scans them one after another, so a
 * collection's count is the difference since it became current.
 */
export function createBackupProgress(args: { expectedDocuments: number | null; now?: () => number }) {
  const now = args.now ?? Date.now;
  const startedAt = now();
  const collections: Record<string, { done: number }> = {};
  let current: string | null = null;
  let atSwitch = 0;
  let last = 0;
  return (p: TSnapshotProgress): TBackupJobProgress => {
    // Documents counted since the previous report belong to the collection reported now.
    if (p.collection && p.collection !== current) {
      current = p.collection;
      atSwitch = last;
    }
    last = p.documents;
    if (current) collections[current] = { done: p.documents - atSwitch };
    const elapsedMs = now() - startedAt;
    const total = args.expectedDocuments;
    const etaMs =
      p.phase === 'done' ? 0 : total !== null && p.documents > 0 && total > p.documents ? Math.round((elapsedMs / p.documents) * (total - p.documents)) : null;
    return {
      phase: p.phase,
      collection: current,
      documents: { done: p.documents, total },
      bytes: { done: p.bytes, stored: p.packBytesWritten },
      collections: { ...collections },
      elapsedMs,
      etaMs,
    };
  };
}
