import type { TRestoreCounts } from '@/lib/engine/restore/restore-counts';

export type TBarSegment = { key: keyof TRestoreCounts; label: string; value: number; percent: number; color: string };

const SEGMENTS: { key: keyof TRestoreCounts; label: string; color: string }[] = [
  { key: 'insert', label: 'insert', color: 'bg-emerald-500' },
  { key: 'update', label: 'update', color: 'bg-brand-500' },
  { key: 'delete', label: 'delete', color: 'bg-red-500' },
  { key: 'conflict', label: 'conflict', color: 'bg-amber-500' },
  { key: 'conflictSkipped', label: 'skipped (conflict)', color: 'bg-amber-300' },
  { key: 'unchanged', label: 'unchanged', color: 'bg-slate-300' },
];

/** One collection's counts → the segments of its summary bar; percents add up to 100 (or 0). */
export function dryRunBar(counts: TRestoreCounts): TBarSegment[] {
  const total = SEGMENTS.reduce((n, s) => n + counts[s.key], 0);
  return SEGMENTS.map((s) => ({ ...s, value: counts[s.key], percent: total === 0 ? 0 : (counts[s.key] / total) * 100 }));
}

/** Documents the restore would write (insert, update, delete). */
export function writesOf(c: TRestoreCounts): number {
  return c.insert + c.update + c.delete;
}
