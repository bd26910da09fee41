import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { TPolicyStatus } from '@/lib/policies/get-policy-status';

/** Dashboard: the next scheduled run (from the effective policy), schedule failures and the last verification. */
export function PolicyStatusCard({ slug, status }: { slug: string; status: TPolicyStatus }) {
  const v = status.lastVerification;
  const s = status.schedule;
  return (
    <Card
      title="Schedule and verification"
      className="mt-6"
      action={
        <Link href={`/t/${slug}/policy`} className="text-sm font-medium text-brand-700 hover:underline">
          Policy →
        </Link>
      }
    >
      <dl className="grid gap-4 text-sm sm:grid-cols-3" data-testid="policy-status">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Next run</dt>
          <dd className="mt-1 font-medium text-slate-900" data-testid="next-run">
            {status.nextRunAt ? formatDateTime(status.nextRunAt) : 'none scheduled'}
          </dd>
          <dd className="text-xs text-slate-500">
            <span className="font-mono">{status.cron}</span> ({status.timeZone}) · {status.template} plan
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Scheduled runs</dt>
          {s && s.failures > 0 ? (
            <>
              <dd className="mt-1">
                <Badge tone="red">{s.failures} failed in a row</Badge>
              </dd>
              <dd className="mt-1 text-xs text-red-700">{s.lastError ?? 'no error recorded'}</dd>
              {s.retryAt ? <dd className="text-xs text-slate-500">retry at {formatDateTime(s.retryAt)}</dd> : null}
            </>
          ) : (
            <dd className="mt-1 text-slate-700">{s?.lastSlotAt ? `last slot ${formatDateTime(s.lastSlotAt)}, no failures` : 'no scheduled run yet'}</dd>
          )}
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Last verification</dt>
          {v ? (
            <>
              <dd className="mt-1">
                {v.error ? <Badge tone="red">failed</Badge> : <Badge tone="green">passed</Badge>}{' '}
                <span className="text-slate-700">
                  {v.kind} · snapshot #{v.seq}
                </span>
              </dd>
              <dd className="text-xs text-slate-500">{formatDateTime(v.at)}</dd>
              {v.error ? <dd className="mt-1 text-xs text-red-700">{v.error}</dd> : null}
            </>
          ) : (
            <dd className="mt-1 text-slate-700">not verified yet</dd>
          )}
        </div>
      </dl>
      {status.complianceDays > 0 || status.heldSnapshots > 0 ? (
        <p className="mt-4 text-xs text-slate-500">
          {status.complianceDays > 0 ? `Compliance lock: ${status.complianceDays} days. ` : ''}
          {status.heldSnapshots > 0 ? `${status.heldSnapshots} snapshot${status.heldSnapshots === 1 ? '' : 's'} under legal hold.` : ''}
        </p>
      ) : null}
    </Card>
  );
}
