// Pure geometry of the snapshot timeline (shared by the component and its tests).
export type TZoom = 'day' | 'week' | 'month';

export const ZOOM_SPAN_MS: Record<TZoom, number> = {
  day: 24 * 3600_000,
  week: 7 * 24 * 3600_000,
  month: 30 * 24 * 3600_000,
};

const TICK_STEP_MS: Record<TZoom, number> = {
  day: 3 * 3600_000,
  week: 24 * 3600_000,
  month: 5 * 24 * 3600_000,
};

export type TWindow = { from: number; to: number };

/** The window of a zoom level ending at `end` (ms). */
export function windowEndingAt(zoom: TZoom, end: number): TWindow {
  return { from: end - ZOOM_SPAN_MS[zoom], to: end };
}

/** Pan by a fraction of the span (negative = earlier). */
export function panWindow(w: TWindow, fraction: number): TWindow {
  const shift = Math.round((w.to - w.from) * fraction);
  return { from: w.from + shift, to: w.to + shift };
}

/**
 * Change the zoom level: centred on `anchor` (the snapshot the person selected) when given,
 * else keeping the window's end, where the newest snapshots are.
 */
export function zoomWindow(w: TWindow, zoom: TZoom, anchor?: number): TWindow {
  const span = ZOOM_SPAN_MS[zoom];
  if (anchor === undefined) return { from: w.to - span, to: w.to };
  return { from: Math.round(anchor - span / 2), to: Math.round(anchor + span / 2) };
}

type TMarkerInput = {
  id: string;
  startedAt: string;
  kind: 'FULL' | 'INCREMENTAL';
  status: string;
  documents: number;
  changedDocuments: number;
  deletedDocuments: number;
  storedBytes: number;
};

/** How much a snapshot changed: a full snapshot counts all its documents as changed. */
export function changeVolume(m: TMarkerInput): number {
  return m.kind === 'FULL' ? Math.max(m.documents, m.changedDocuments) : m.changedDocuments + m.deletedDocuments;
}

export const MIN_RADIUS = 4;
export const MAX_RADIUS = 16;

export type TPlacedMarker<T> = { marker: T; x: number; r: number; lane: number };

/**
 * Markers → x (0..width) and radius ∝ sqrt(change volume) (area ∝ volume), between MIN and
 * MAX_RADIUS. Markers that would overlap their left neighbour in the same lane go one lane up
 * (at most `lanes`), so a burst of snapshots stays clickable.
 */
export function layoutMarkers<T extends TMarkerInput>(markers: readonly T[], w: TWindow, width: number, lanes = 3): TPlacedMarker<T>[] {
  const span = Math.max(1, w.to - w.from);
  const maxVolume = Math.max(1, ...markers.map(changeVolume));
  const laneEnd: number[] = Array.from({ length: lanes }, () => -Infinity);
  const placed: TPlacedMarker<T>[] = [];
  for (const m of [...markers].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt))) {
    const t = Date.parse(m.startedAt);
    if (t < w.from || t >= w.to) continue;
    const x = ((t - w.from) / span) * width;
    const r = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(changeVolume(m) / maxVolume);
    let lane = laneEnd.findIndex((end) => x - r >= end + 1);
    if (lane === -1) lane = laneEnd.indexOf(Math.min(...laneEnd));
    laneEnd[lane] = x + r;
    placed.push({ marker: m, x, r, lane });
  }
  return placed;
}

/** Axis ticks on round UTC boundaries of the zoom's step, with labels. */
export function axisTicks(w: TWindow, zoom: TZoom, width: number): { x: number; label: string; t: number }[] {
  const step = TICK_STEP_MS[zoom];
  const first = Math.ceil(w.from / step) * step;
  const out: { x: number; label: string; t: number }[] = [];
  for (let t = first; t < w.to; t += step) {
    const d = new Date(t);
    const label =
      zoom === 'day' ? `${String(d.getUTCHours()).padStart(2, '0')}:00` : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
    out.push({ x: ((t - w.from) / (w.to - w.from)) * width, label, t });
  }
  return out;
}
