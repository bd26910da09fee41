import { describe, expect, it } from 'vitest';
import { createBackupProgress } from './backup-progress';

const p = (phase: 'scan' | 'done', documents: number, collection?: string) => ({
  phase,
  collection,
  documents,
  bytes: documents * 100,
  newBlobs: 0,
  packsWritten: 0,
  packBytesWritten: documents * 30,
});

describe('createBackupProgress', () => {
  it('splits the cumulative count per collection and estimates the time left from the previous size', () => {
    let t = 0;
    const next = createBackupProgress({ expectedDocuments: 400, now: () => t });
    t = 1_000;
    expect(next(p('scan', 100, 'orders'))).toMatchObject({
      collection: 'orders',
      documents: { done: 100, total: 400 },
      collections: { orders: { done: 100 } },
      etaMs: 3_000,
    });
    t = 2_000;
    const later = next(p('scan', 250, 'users'));
    expect(later.collections).toEqual({ orders: { done: 100 }, users: { done: 150 } });
    expect(later.etaMs).toBe(1_200);
    t = 3_000;
    expect(next(p('scan', 300, 'users')).collections).toEqual({ orders: { done: 100 }, users: { done: 200 } });
    expect(next(p('done', 300)).etaMs).toBe(0);
  });

  it('has no ETA for a first backup or once past the previous size', () => {
    const first = createBackupProgress({ expectedDocuments: null, now: () => 5 });
    expect(first(p('scan', 10, 'a')).etaMs).toBeNull();
    const grown = createBackupProgress({ expectedDocuments: 5, now: () => 5 });
    expect(grown(p('scan', 10, 'a'))).toMatchObject({ documents: { done: 10, total: 5 }, etaMs: null });
  });
});
