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

/** The least width (percent of the bar) of a segment with any documents: 18 writes beside 7,988 unchanged stay visible. */
export const MIN_SEGMENT_PERCENT = 4;

/**
 * One collection's counts → the segments of its summary bar; percents add up to 100 (or 0).
 * Proportional, except that a non-empty segment is never narrower than MIN_SEGMENT_PERCENT (the
 * wide ones give up that room in proportion); the exact numbers are in the legend.
 */
export function dryRunBar(counts: TRestoreCounts): TBarSegment[] {
  const total = SEGMENTS.reduce((n, s) => n + counts[s.key], 0);
  const raw = SEGMENTS.map((s) => (total === 0 ? 0 : (counts[s.key] / total) * 100));
  const lifted = raw.map((p) => (p > 0 && p < MIN_SEGMENT_PERCENT ? MIN_SEGMENT_PERCENT : p));
  const extra = lifted.reduce((n, p, i) => n + (p - raw[i]!), 0);
  const wide = raw.reduce((n, p) => n + (p >= MIN_SEGMENT_PERCENT ? p : 0), 0);
  const percent = lifted.map((p, i) => (raw[i]! >= MIN_SEGMENT_PERCENT && wide > 0 ? p - (extra * p) / wide : p));
  return SEGMENTS.map((s, i) => ({ ...s, value: counts[s.key], percent: percent[i]! }));
}

/** Documents the restore would write (insert, update, delete). */
export function writesOf(c: TRestoreCounts): number {
  return c.insert + c.update + c.delete;
}
