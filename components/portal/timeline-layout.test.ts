import { describe, expect, it } from 'vitest';
import { axisTicks, changeVolume, layoutMarkers, MAX_RADIUS, MIN_RADIUS, panWindow, windowEndingAt, zoomWindow, ZOOM_SPAN_MS } from './timeline-layout';

const H = 3600_000;
const base = Date.parse('2026-11-20T00:00:00Z');
const m = (id: string, hours: number, changed: number, kind: 'FULL' | 'INCREMENTAL' = 'INCREMENTAL') => ({
  id,
  startedAt: new Date(base + hours * H).toISOString(),
  kind,
  status: 'COMPLETED',
  documents: 1000,
  changedDocuments: changed,
  deletedDocuments: 0,
  storedBytes: 1,
});

describe('timeline layout', () => {
  it('places markers proportionally in the window and drops those outside', () => {
    const w = { from: base, to: base + 24 * H };
    const placed = layoutMarkers([m('a', 0, 10), m('b', 12, 10), m('c', 30, 10), m('d', -1, 10)], w, 1000);
    expect(placed.map((p) => [p.marker.id, Math.round(p.x)])).toEqual([
      ['a', 0],
      ['b', 500],
    ]);
  });

  it('sizes markers by change volume, area proportional (sqrt), within bounds', () => {
    const w = { from: base, to: base + 24 * H };
    const placed = layoutMarkers([m('small', 1, 0), m('quarter', 8, 250), m('big', 16, 1000)], w, 1000);
    const r = Object.fromEntries(placed.map((p) => [p.marker.id, p.r]));
    expect(r.small).toBe(MIN_RADIUS);
    expect(r.big).toBe(MAX_RADIUS);
    expect(r.quarter).toBeCloseTo(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * 0.5, 5);
  });

  it('counts a full snapshot as all of its documents changed', () => {
    expect(changeVolume(m('f', 0, 0, 'FULL'))).toBe(1000);
    expect(changeVolume({ ...m('i', 0, 5), deletedDocuments: 3 })).toBe(8);
  });

  it('moves overlapping markers to another lane', () => {
    const w = { from: base, to: base + 24 * H };
    const placed = layoutMarkers([m('a', 1, 1000), m('b', 1.01, 1000), m('c', 12, 1000)], w, 1000);
    expect(placed.map((p) => p.lane)).toEqual([0, 1, 0]);
  });

  it('pans and zooms around the centre', () => {
    const w = windowEndingAt('week', base);
    expect(w.to - w.from).toBe(ZOOM_SPAN_MS.week);
    const p = panWindow(w, -0.5);
    expect(p.to).toBe(base - ZOOM_SPAN_MS.week / 2);
    const z = zoomWindow(w, 'day');
    expect(z).toEqual({ from: base - ZOOM_SPAN_MS.day, to: base });
    const anchored = zoomWindow(w, 'day', base - 3 * 24 * H);
    expect((anchored.from + anchored.to) / 2).toBe(base - 3 * 24 * H);
    expect(anchored.to - anchored.from).toBe(ZOOM_SPAN_MS.day);
  });

  it('labels day ticks by hour on 3-hour boundaries', () => {
    const ticks = axisTicks({ from: base + 30 * 60_000, to: base + 10 * H }, 'day', 1000);
    expect(ticks.map((t) => t.label)).toEqual(['03:00', '06:00', '09:00']);
  });
});
