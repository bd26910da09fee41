import type { TTimelinePitr } from '@/lib/snapshots/list-snapshot-timeline';
import { formatDateTime } from '@/lib/format';

// The point-in-time band under the snapshot markers: captured time (pale), restorable points
// (green) and gaps (red); bands have a minimum width so seconds of coverage or a gap of a few
// seconds still show in a month view.

type TBand = { from: string; to: string };

export const PITR_COLORS = { captured: '#dbeafe', coverage: '#6ee7b7', gap: '#ef4444' } as const;

function describeState(p: TTimelinePitr): string | null {
  if (p.status === 'off') return "Point-in-time recovery: off in this tenant's policy";
  if (p.status === 'waiting') return 'Point-in-time recovery: on, not captured yet';
  if (p.coverage.length === 0) return 'Point-in-time: captured, restorable after the next completed backup';
  return null;
}

export function PitrCoverageBand({
  pitr,
  win,
  width,
  y,
  height,
}: {
  pitr: TTimelinePitr | undefined;
  win: { from: number; to: number };
  width: number;
  y: number;
  height: number;
}) {
  const span = win.to - win.from;
  const xOf = (iso: string) => ((Date.parse(iso) - win.from) / span) * width;
  const clip = (b: TBand, minWidth = 0) => {
    const x1 = Math.max(0, xOf(b.from));
    const x2 = Math.min(width, Math.max(xOf(b.to), xOf(b.from) + minWidth));
    return x2 > x1 ? { x: x1, w: x2 - x1 } : null;
  };
  const note = pitr ? describeState(pitr) : null;
  return (
    <g data-testid="pitr-band" data-status={pitr?.status}>
      <rect x={0} y={y} width={width} height={height} rx={3} fill="#f8fafc" stroke="#e2e8f0" />
      {(pitr?.captured ?? []).map((c) => {
        const r = clip(c, 2);
        return r ? <rect key={`s${c.from}`} x={r.x} y={y} width={r.w} height={height} rx={3} fill={PITR_COLORS.captured} /> : null;
      })}
      {(pitr?.coverage ?? []).map((c) => {
        const r = clip(c, 2);
        return r ? (
          <rect key={`c${c.from}`} x={r.x} y={y} width={r.w} height={height} rx={3} fill={PITR_COLORS.coverage} data-testid="pitr-coverage">
            <title>{`Restorable to any second from ${formatDateTime(c.from)} to ${formatDateTime(c.to)}`}</title>
          </rect>
        ) : null;
      })}
      {(pitr?.gaps ?? []).map((g) => {
        const r = clip(g, 3);
        return r ? (
          <rect key={`g${g.from}`} x={r.x} y={y} width={r.w} height={height} fill={PITR_COLORS.gap} data-testid="pitr-gap">
            <title>{`Capture gap ${formatDateTime(g.from)} – ${formatDateTime(g.to)}${g.reason ? ` (${g.reason})` : ''}: no point inside can be restored`}</title>
          </rect>
        ) : null;
      })}
      {note ? (
        <text x={8} y={y + height - 3} fontSize="10" fill="#64748b">
          {note}
        </text>
      ) : null}
    </g>
  );
}
