import { entryBytes, tsSeconds, type TPitrEntry } from './pitr-entry';

export type TSegmentCut = { fromTs: bigint; toTs: bigint; entries: TPitrEntry[] };
export type TCutOptions = { maxSeconds: number; maxBytes: number };

/**
 * Splits a tenant's entries (ts order, all > fromTs and ≤ through) into chained segments: a
 * segment closes when its entries span `maxSeconds` of oplog time or reach `maxBytes`; the last
 * one closes at `through`, so the chain covers (fromTs, through] with nothing left over. No
 * entries → no segment (the capture position covers the quiet time).
 */
export function cutSegments(entries: readonly TPitrEntry[], fromTs: bigint, through: bigint, o: TCutOptions): TSegmentCut[] {
  const cuts: TSegmentCut[] = [];
  let cur: TPitrEntry[] = [];
  let bytes = 0;
  let from = fromTs;
  for (const e of entries) {
    if (cur.length > 0 && e.ts > cur[cur.length - 1]!.ts && (bytes + entryBytes(e) > o.maxBytes || tsSeconds(e.ts) - tsSeconds(cur[0]!.ts) >= o.maxSeconds)) {
      const toTs = cur[cur.length - 1]!.ts;
      cuts.push({ fromTs: from, toTs, entries: cur });
      from = toTs;
      cur = [];
      bytes = 0;
    }
    cur.push(e);
    bytes += entryBytes(e);
  }
  if (cur.length > 0) cuts.push({ fromTs: from, toTs: through, entries: cur });
  return cuts;
}
