import { formatDateTime } from '@/lib/format';
import type { TTimelineStep, TTimelineStepState } from '@/lib/requests/request-timeline';

const DOT: Record<TTimelineStepState, string> = {
  done: 'bg-emerald-500 ring-emerald-100',
  current: 'bg-brand-500 ring-brand-100 animate-pulse',
  pending: 'bg-slate-200 ring-slate-50',
  failed: 'bg-red-500 ring-red-100',
  cancelled: 'bg-slate-400 ring-slate-100',
};
const STATE_TEXT: Record<TTimelineStepState, string> = {
  done: 'done',
  current: 'in progress',
  pending: 'not yet',
  failed: 'failed',
  cancelled: 'did not happen',
};

/** requested → approved → running → verified / failed / undone, as an ordered list with times. */
export function RequestTimeline({ steps }: { steps: TTimelineStep[] }) {
  return (
    <ol className="grid gap-4 sm:grid-flow-col sm:auto-cols-fr" aria-label="Request status timeline" data-testid="request-timeline">
      {steps.map((step, i) => (
        <li
          key={step.key}
          className="relative flex gap-3 sm:flex-col sm:gap-2"
          data-step={step.key}
          data-state={step.state}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          {i < steps.length - 1 ? (
            <span className="absolute left-[7px] top-5 h-full w-px bg-slate-200 sm:left-5 sm:top-[7px] sm:h-px sm:w-full" aria-hidden />
          ) : null}
          <span className={`relative z-10 mt-0.5 inline-block h-4 w-4 shrink-0 rounded-full ring-4 ${DOT[step.state]}`} aria-hidden />
          <div className="min-w-0">
            <p
              className={`text-sm font-medium ${step.state === 'failed' ? 'text-red-700' : step.state === 'pending' || step.state === 'cancelled' ? 'text-slate-400' : 'text-slate-800'}`}
            >
              {step.label} <span className="sr-only">({STATE_TEXT[step.state]})</span>
            </p>
            {step.at ? (
              <p className="text-xs tabular-nums text-slate-500">
                <time dateTime={step.at}>{formatDateTime(step.at)}</time>
              </p>
            ) : null}
            {step.detail ? (
              <p className="truncate text-xs text-slate-500" title={step.detail}>
                {step.detail}
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
