import { Badge } from '@/components/ui/badge';
import { requiredApprovalsFor, type TApprovalPolicy } from '@/lib/requests/approval-policy';
import { assessRestoreRisk } from '@/lib/requests/assess-restore-risk';
import type { TDryRunSummary } from '@/lib/restores/summarize-dry-run';

/**
 * The risk a request of this dry-run will have and the approvals it will need, before submitting:
 * the same assessment the request records (lib/requests/assess-restore-risk.ts), with its reasons.
 */
export function RiskPreview({ summary, targetMode, approvals }: { summary: TDryRunSummary; targetMode: string; approvals: TApprovalPolicy }) {
  const a = assessRestoreRisk({ targetMode, counts: summary.counts, collections: summary.collections.length });
  const needed = requiredApprovalsFor(approvals, a.risk);
  return (
    <div data-testid="risk-preview" data-risk={a.risk} className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">
      <p className="flex flex-wrap items-center gap-2 font-medium">
        <Badge tone={a.risk === 'HIGH' ? 'red' : 'green'}>{a.risk === 'HIGH' ? 'high risk' : 'low risk'}</Badge>
        needs {needed} {needed === 1 ? 'approval' : 'approvals'} by someone other than you
      </p>
      <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
        {a.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  );
}
