'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import { snapshotTimelineQuery } from '@/components/portal/tenant-queries';
import { formatBytes, formatCount, formatDateTime } from '@/lib/format';
import type { TSnapshotMarker } from '@/lib/snapshots/snapshot-marker';
import { PITR_COLORS, PitrCoverageBand } from './pitr-coverage-band';
import { axisTicks, changeVolume, layoutMarkers, panWindow, windowEndingAt, zoomWindow, type TWindow, type TZoom } from './timeline-layout';
import { buttonClass, ErrorNotice } from '../ui/query-states';

const W = 1000;
const LANE_H = 34;
const TOP = 14;
const LANES = 3;
const BAND_Y = TOP + LANES * LANE_H + 8;
const AXIS_Y = BAND_Y + 26;
const H = AXIS_Y + 26;

function markerStyle(m: TSnapshotMarker): { fill: string; stroke: string } {
  if (m.status === 'FAILED') return { fill: '#fecaca', stroke: '#dc2626' };
  if (m.status === 'RUNNING') return { fill: '#fef3c7', stroke: '#d97706' };
  return m.kind === 'FULL' ? { fill: '#1f57cf', stroke: '#14295c' } : { fill: '#d9eaff', stroke: '#1f57cf' };
}

function describe(m: TSnapshotMarker): string {
  const what = m.status === 'FAILED' ? 'failed' : m.status === 'RUNNING' ? 'running' : m.kind === 'FULL' ? 'full' : 'incremental';
  const marks = `${m.held ? `, under legal hold (${m.held})` : ''}${m.expiringSoon ? ', expires within 7 days under the current policy' : ''}`;
  return `Snapshot #${m.seq}, ${what}${marks}, ${formatDateTime(m.startedAt)}: ${formatCount(changeVolume(m))} documents changed, ${formatCount(m.documents)} documents, ${formatBytes(m.storedBytes)} stored`;
}

export function SnapshotTimeline({ slug, initialEnd }: { slug: string; initialEnd: number }) {
  const [zoom, setZoom] = useState<TZoom>('week');
  const [win, setWin] = useState<TWindow>(() => windowEndingAt('week', initialEnd));
  const [active, setActive] = useState<TSnapshotMarker | null>(null);
  // On a narrow screen the chart scrolls sideways: open it at the newest end, not the oldest.
  const scrollToNewest = useCallback((el: HTMLDivElement | null) => {
    if (el) el.scrollLeft = el.scrollWidth;
  }, []);
  const from = new Date(win.from).toISOString();
  const to = new Date(win.to).toISOString();
  const { data, error, isPending, isFetching, refetch } = useQuery({ ...snapshotTimelineQuery(slug, from, to), placeholderData: keepPreviousData });

  const placed = useMemo(() => (data ? layoutMarkers(data.markers, win, W, LANES) : []), [data, win]);
  const ticks = useMemo(() => axisTicks(win, zoom, W), [win, zoom]);
  // What the details line describes: the hovered/focused snapshot, while it is in view.
  const shown = active && data?.markers.some((m) => m.id === active.id) ? active : null;

  const setZoomLevel = (z: TZoom) => {
    setZoom(z);
    const anchor = shown && Date.parse(shown.startedAt) >= win.from && Date.parse(shown.startedAt) < win.to ? Date.parse(shown.startedAt) : undefined;
    setWin((w) => zoomWindow(w, z, anchor));
  };
  const pan = (f: number) => setWin((w) => panWindow(w, f));
  const jumpToLatest = () => data?.bounds && setWin(windowEndingAt(zoom, Date.parse(data.bounds.last) + (win.to - win.from) / 20));
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft') {
      e.preventDefault();
      pan(-0.25);
    }
    if (e.key === 'ArrowRight') {
      e.preventDefault();
      pan(0.25);
    }
  };
  const failed = data?.markers.filter((m) => m.status === 'FAILED').length ?? 0;

  return (
    <section aria-labelledby="timeline-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
        <div>
          <h2 id="timeline-title" className="text-sm font-semibold text-slate-800">
            Snapshot timeline
          </h2>
          <p className="text-xs text-slate-500" aria-live="polite">
            {formatDateTime(from)} – {formatDateTime(to)}
            {data ? ` · ${formatCount(data.markers.length)} snapshot${data.markers.length === 1 ? '' : 's'}${failed ? `, ${failed} failed` : ''}` : ''}
            {isFetching ? ' · loading…' : ''}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <div role="radiogroup" aria-label="Zoom" className="inline-flex rounded-md border border-slate-300 p-0.5">
            {(['day', 'week', 'month'] as const).map((z) => (
              <button
                key={z}
                type="button"
                role="radio"
                aria-checked={zoom === z}
                onClick={() => setZoomLevel(z)}
                className={`rounded px-3 py-1 text-sm font-medium capitalize focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${zoom === z ? 'bg-brand-600 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
              >
                {z}
              </button>
            ))}
          </div>
          <button type="button" className={buttonClass.secondary} onClick={() => pan(-0.5)} aria-label="Earlier">
            ← Earlier
          </button>
          <button type="button" className={buttonClass.secondary} onClick={() => pan(0.5)} aria-label="Later">
            Later →
          </button>
          <button type="button" className={buttonClass.secondary} onClick={jumpToLatest} disabled={!data?.bounds}>
            Latest
          </button>
        </div>
      </header>
      <div className="p-5">
        {error ? <ErrorNotice title="Could not load the timeline" error={error} onRetry={() => void refetch()} /> : null}
        <div
          ref={scrollToNewest}
          className="overflow-x-auto"
          tabIndex={0}
          onKeyDown={onKey}
          aria-label="Timeline; use the left and right arrow keys to pan"
          role="group"
        >
          <svg
            viewBox={`0 0 ${W} ${H}`}
            className={`min-w-[640px] w-full ${isPending ? 'animate-pulse' : ''}`}
            data-testid="snapshot-timeline"
            role="img"
            aria-label="Snapshots over time"
          >
            {ticks.map((t) => (
              <g key={t.t}>
                <line x1={t.x} x2={t.x} y1={TOP - 6} y2={AXIS_Y} stroke="#e2e8f0" strokeDasharray="2 4" />
                <text x={t.x + 3} y={AXIS_Y + 16} fontSize="11" fill="#64748b">
                  {t.label}
                </text>
              </g>
            ))}
            <PitrCoverageBand pitr={data?.pitr} win={win} width={W} y={BAND_Y} height={14} />
            <line x1={0} x2={W} y1={AXIS_Y} y2={AXIS_Y} stroke="#94a3b8" />
            {placed.map(({ marker: m, x, r, lane }) => {
              const st = markerStyle(m);
              const cy = TOP + (LANES - 1 - lane) * LANE_H + LANE_H / 2;
              return (
                <a
                  key={m.id}
                  href={`/t/${slug}/snapshots/${m.id}`}
                  aria-label={describe(m)}
                  data-testid="timeline-marker"
                  data-held={m.held ? 'true' : undefined}
                  data-expiring={m.expiringSoon ? 'true' : undefined}
                  onMouseEnter={() => setActive(m)}
                  onFocus={() => setActive(m)}
                  className="cursor-pointer focus:outline-none [&:focus>circle]:stroke-[3px]"
                >
                  <line x1={x} x2={x} y1={cy + r} y2={AXIS_Y} stroke={st.stroke} strokeOpacity={0.25} />
                  {m.held ? (
                    <rect x={x - r - 3} y={cy - r - 3} width={2 * r + 6} height={2 * r + 6} rx={2} fill="none" stroke="#7c3aed" strokeWidth={2} />
                  ) : null}
                  {m.expiringSoon ? <circle cx={x} cy={cy} r={r + 3} fill="none" stroke="#d97706" strokeWidth={1.5} strokeDasharray="2 2" /> : null}
                  <circle cx={x} cy={cy} r={r} fill={st.fill} stroke={st.stroke} strokeWidth={1.5} fillOpacity={0.9} />
                  <title>{describe(m)}</title>
                </a>
              );
            })}
          </svg>
        </div>
        <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-xs text-slate-500">
          <ul className="flex flex-wrap gap-4" aria-label="Legend">
            <li className="flex items-center gap-1.5">
              <span className="h-3 w-3 rounded-full border border-brand-900 bg-brand-600" />
              Full
            </li>
            <li className="flex items-center gap-1.5">
              <span className="h-3 w-3 rounded-full border border-brand-600 bg-brand-100" />
              Incremental
            </li>
            <li className="flex items-center gap-1.5">
              <span className="h-3 w-3 rounded-full border border-red-600 bg-red-200" />
              Failed
            </li>
            <li className="flex items-center gap-1.5">
              <span className="h-3 w-3 rounded-sm border-2 border-violet-600" />
              Legal hold
            </li>
            <li className="flex items-center gap-1.5">
              <span className="h-3 w-3 rounded-full border border-dashed border-amber-600" />
              Expires within 7 days
            </li>
            <li className="flex items-center gap-1.5">
              <span className="h-3 w-4 rounded-sm" style={{ background: PITR_COLORS.coverage }} />
              Point-in-time restorable
            </li>
            <li className="flex items-center gap-1.5">
              <span className="h-3 w-4 rounded-sm" style={{ background: PITR_COLORS.gap }} />
              Capture gap
            </li>
            <li>Marker size ∝ documents changed</li>
          </ul>
          {data?.isTruncated ? (
            <p className="text-amber-700">Showing the newest {formatCount(data.markers.length)} in this window; zoom in to see all.</p>
          ) : null}
        </div>
        <div className="mt-3 min-h-[3.5rem] rounded-lg bg-slate-50 px-4 py-3 text-sm" aria-live="polite" data-testid="timeline-details">
          {shown ? (
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-slate-700">{describe(shown)}.</p>
              {shown.status === 'COMPLETED' ? (
                <Link className="font-medium text-brand-700 hover:underline" href={`/t/${slug}/snapshots/${shown.id}`}>
                  Open snapshot #{shown.seq} →
                </Link>
              ) : shown.error ? (
                <p className="text-red-700">{shown.error}</p>
              ) : null}
            </div>
          ) : data && data.markers.length === 0 ? (
            <p className="text-slate-500">
              No snapshots in this window.{' '}
              {data.bounds ? (
                <button type="button" onClick={jumpToLatest} className="font-medium text-brand-700 underline">
                  Jump to the latest snapshot
                </button>
              ) : (
                'This tenant has no snapshots yet.'
              )}
            </p>
          ) : (
            <p className="text-slate-500">Hover or focus a marker for its counts and sizes; click to open it.</p>
          )}
        </div>
      </div>
    </section>
  );
}
