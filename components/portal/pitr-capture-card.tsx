import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { TTenantPitrCoverage } from '@/lib/pitr/get-tenant-pitr-coverage';

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** Dashboard: whether point-in-time capture runs for the tenant, its lag (RPO), what can be restored, and gaps. */
export function PitrCaptureCard({ pitr }: { pitr: TTenantPitrCoverage }) {
  const newestRange = pitr.ranges[pitr.ranges.length - 1];
  const recordedGaps = pitr.gaps.filter((g) => g.reason);
  const newestGap = recordedGaps[recordedGaps.length - 1];
  const badge =
    pitr.status === 'off' ? (
      <Badge>PITR off</Badge>
    ) : pitr.status === 'waiting' ? (
      <Badge tone="amber">not captured yet</Badge>
    ) : (
      <Badge tone="green">capturing</Badge>
    );
  return (
    <Card title="Point-in-time capture" className="mt-6" action={badge}>
      {pitr.status === 'off' ? (
        <p className="text-sm text-slate-600" data-testid="pitr-status">
          Point-in-time recovery is off in this tenant&apos;s backup policy: only snapshots can be restored.
        </p>
      ) : pitr.status === 'waiting' ? (
        <p className="text-sm text-slate-600" data-testid="pitr-status">
          Point-in-time recovery is on; the capture process has not captured this tenant yet (it joins at the next capture run).
        </p>
      ) : (
        <dl className="grid gap-4 text-sm sm:grid-cols-3" data-testid="pitr-status">
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Capture lag</dt>
            <dd className="mt-1 font-medium text-slate-900" data-testid="pitr-lag">
              {pitr.lagMs === null ? 'no writes captured yet' : seconds(pitr.lagMs)}
            </dd>
            <dd className="text-xs text-slate-500">
              write committed → segment durable{pitr.lastSegmentAt ? `, last segment ${formatDateTime(pitr.lastSegmentAt)}` : ''}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Restorable</dt>
            <dd className="mt-1 font-medium text-slate-900">
              {newestRange ? `${formatDateTime(newestRange.from.at)} – ${formatDateTime(newestRange.to.at)}` : 'not yet'}
            </dd>
            <dd className="text-xs text-slate-500">
              {newestRange
                ? `any second; ${pitr.ranges.length} range${pitr.ranges.length === 1 ? '' : 's'}`
                : 'captured, restorable after the next completed backup'}
              {pitr.capturedThrough ? ` · captured through ${formatDateTime(pitr.capturedThrough.at)}` : ''}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Gaps</dt>
            {newestGap ? (
              <>
                <dd className="mt-1">
                  <Badge tone="red">
                    {recordedGaps.length} gap{recordedGaps.length === 1 ? '' : 's'}
                  </Badge>
                </dd>
                <dd className="mt-1 text-xs text-red-700">
                  {formatDateTime(newestGap.from.at)} – {formatDateTime(newestGap.to.at)}: the oplog rolled over before capture read it
                  {newestGap.backupJobId ? '; a full backup was queued' : ''}
                </dd>
              </>
            ) : (
              <dd className="mt-1 font-medium text-slate-900">none</dd>
            )}
          </div>
        </dl>
      )}
    </Card>
  );
}
