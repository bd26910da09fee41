'use client';

import { useStepUp } from '@/app/_components/step-up-provider';
import { decideRestoreUndoAction } from '@/app/(approver)/approvals/actions';
import { NoteDecisionForm } from '@/components/approvals/note-decision-form';

export function UndoDecisionForm({ requestId }: { requestId: string }) {
  const stepUp = useStepUp();
  return (
    <NoteDecisionForm
      id={requestId}
      label="Decide undo"
      approveLabel="Approve undo"
      decide={(decision, reason) => stepUp(() => decideRestoreUndoAction({ requestId, decision, reason }))}
    />
  );
}
