import { Badge } from '@/components/ui/badge';

const TONE: Record<string, 'slate' | 'blue' | 'green' | 'amber' | 'red'> = {
  DRAFT: 'slate',
  PENDING_APPROVAL: 'amber',
  APPROVED: 'blue',
  QUEUED: 'blue',
  RUNNING: 'blue',
  VERIFIED: 'green',
  UNDO_PENDING_APPROVAL: 'amber',
  UNDOING: 'blue',
  UNDONE: 'slate',
  REJECTED: 'red',
  FAILED: 'red',
  CANCELLED: 'slate',
};

export function RestoreStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status] ?? 'slate'}>{status.toLowerCase().replaceAll('_', ' ')}</Badge>;
}

export function RiskBadge({ risk }: { risk: 'LOW' | 'HIGH' | null }) {
  if (!risk) return null;
  return <Badge tone={risk === 'HIGH' ? 'red' : 'green'}>{risk.toLowerCase()} risk</Badge>;
}
