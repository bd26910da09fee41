import type { TRepository } from '../repo/repository';
import { readEntriesBetween, type TOplogSegmentRef } from './oplog-segment';
import { tsSeconds } from './pitr-entry';

export type TMinuteBucket = { minute: string; inserts: number; updates: number; deletes: number };

/**
 * Operations per minute on one collection in (from, to], from the captured segments: a burst of
 * deletes stands out. Minutes without operations are left out.
 */
export async function operationsPerMinute(args: {
  repo: TRepository;
  segments: readonly TOplogSegmentRef[];
  collection: string;
  from: bigint;
  to: bigint;
}): Promise<TMinuteBucket[]> {
  const buckets = new Map<number, TMinuteBucket>();
  for (const e of await readEntriesBetween(args.repo, args.segments, args.from, args.to, (x) => x.collection === args.collection)) {
    const m = Math.floor(tsSeconds(e.ts) / 60);
    let b = buckets.get(m);
    if (!b) buckets.set(m, (b = { minute: new Date(m * 60_000).toISOString(), inserts: 0, updates: 0, deletes: 0 }));
    if (e.op === 'i') b.inserts++;
    else if (e.op === 'u') b.updates++;
    else b.deletes++;
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b);
}
