'use client';

import { useStepUp } from '@/app/_components/step-up-provider';
import { decideElevationAction } from '@/app/(approver)/approvals/elevations/actions';
import { NoteDecisionForm } from '@/components/approvals/note-decision-form';

export function ElevationDecisionForm({ sessionId }: { sessionId: string }) {
  const stepUp = useStepUp();
  return (
    <NoteDecisionForm
      id={sessionId}
      label="Decide elevation"
      approveLabel="Approve"
      decide={(decision, note) => stepUp(() => decideElevationAction({ sessionId, decision, note }))}
    />
  );
}
