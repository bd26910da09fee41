import { describePhase, formatBytes, formatCount } from '@/lib/format';
import type { TTenantJob } from '@/lib/restores/get-tenant-job';

/** One labelled bar: documents done of total (indeterminate while the total is unknown). */
export function Bar({ value, total, label }: { value: number; total?: number; label: string }) {
  const pct = total && total > 0 ? Math.min(100, (value / total) * 100) : null;
  return (
    <div>
      <div className="mb-1 flex justify-between text-xs text-slate-600">
        <span className="font-medium">{label}</span>
        <span className="tabular-nums">
          {formatCount(value)}
          {total ? ` / ${formatCount(total)}` : ''} docs{pct !== null ? ` · ${pct.toFixed(0)}%` : ''}
        </span>
      </div>
      <div
        className="h-2 overflow-hidden rounded bg-slate-100"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
      >
        <div className={`h-full bg-brand-500 ${pct === null ? 'w-1/3 animate-pulse' : ''}`} style={pct !== null ? { width: `${pct}%` } : undefined} />
      </div>
    </div>
  );
}

/** The dry-run job while QUEUED / RUNNING: what the worker reported, one bar per collection. */
export function DryRunProgress({ job }: { job: TTenantJob }) {
  const p = job.progress;
  return (
    <div className="space-y-4" data-testid="dry-run-progress" aria-live="polite">
      <p className="flex items-center gap-2 text-sm text-slate-700">
        <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-brand-500 border-t-transparent" aria-hidden />
        {job.status === 'QUEUED' ? 'Queued: waiting for a worker to pick up the dry-run…' : `Running${p?.phase ? `: ${describePhase(p.phase)}` : ''}…`}
      </p>
      {p ? (
        <div className="space-y-3">
          <Bar value={p.documents ?? 0} total={p.totalDocuments} label="All collections" />
          {(p.collections ?? []).map((c) => (
            <Bar key={c.name} value={c.documents ?? 0} total={c.totalDocuments} label={c.name} />
          ))}
          <p className="text-xs text-slate-500">
            {p.bytes !== undefined ? `${formatBytes(p.bytes)} read` : ''}
            {p.etaSeconds !== undefined ? ` · about ${Math.ceil(p.etaSeconds)} s left` : ''}
          </p>
        </div>
      ) : null}
    </div>
  );
}
