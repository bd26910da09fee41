'use client';

import { decideElevationAction } from '@/app/(approver)/approvals/elevations/actions';
import { NoteDecisionForm } from '@/components/approvals/note-decision-form';

export function ElevationDecisionForm({ sessionId }: { sessionId: string }) {
  return (
    <NoteDecisionForm
      id={sessionId}
      label="Decide elevation"
      approveLabel="Approve"
      decide={(decision, note) => decideElevationAction({ sessionId, decision, note })}
    />
  );
}
