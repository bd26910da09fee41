// Progress of an execution: documents and bytes written, per collection, and an ETA from the
// observed rate. Totals cover the documents the restore writes (inserts, updates, deletes).
import type { Clock } from '../ports/clock';

export type TRestoreProgress = {
  phase: 'inspect' | 'verifying-source' | 'safety' | 'write' | 'indexes' | 'done';
  documents: { done: number; total: number };
  bytes: { done: number; total: number };
  collections: Record<string, { done: number; total: number }>;
  elapsedMs: number;
  /** null until something was written in this run */
  etaMs: number | null;
};

export function createProgressTracker(clock: Clock, onProgress?: (p: TRestoreProgress) => void) {
  const startedAt = clock.now().getTime();
  let doneAtStart = 0;
  const p: TRestoreProgress = { phase: 'inspect', documents: { done: 0, total: 0 }, bytes: { done: 0, total: 0 }, collections: {}, elapsedMs: 0, etaMs: null };
  const emit = () => {
    p.elapsedMs = clock.now().getTime() - startedAt;
    const doneHere = p.documents.done - doneAtStart;
    p.etaMs = doneHere > 0 ? Math.round((p.elapsedMs / doneHere) * (p.documents.total - p.documents.done)) : null;
    onProgress?.(structuredClone(p));
  };
  return {
    phase(phase: TRestoreProgress['phase']) {
      p.phase = phase;
      emit();
    },
    setTotals(collections: Record<string, { documents: number; bytes: number }>) {
      for (const [name, t] of Object.entries(collections)) {
        p.collections[name] = { done: 0, total: t.documents };
        p.documents.total += t.documents;
        p.bytes.total += t.bytes;
      }
    },
    /** Work finished before this run (resume): counted as done, excluded from the rate. */
    alreadyDone(collection: string, documents: number, bytes: number) {
      this.advance(collection, documents, bytes, false);
      doneAtStart += documents;
    },
    advance(collection: string, documents: number, bytes: number, notify = true) {
      p.documents.done += documents;
      p.bytes.done += bytes;
      const c = p.collections[collection];
      if (c) c.done += documents;
      if (notify) emit();
    },
  };
}
