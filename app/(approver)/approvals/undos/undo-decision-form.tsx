'use client';

import { decideRestoreUndoAction } from '@/app/(approver)/approvals/actions';
import { NoteDecisionForm } from '@/components/approvals/note-decision-form';

export function UndoDecisionForm({ requestId }: { requestId: string }) {
  return (
    <NoteDecisionForm
      id={requestId}
      label="Decide undo"
      approveLabel="Approve undo"
      decide={(decision, reason) => decideRestoreUndoAction({ requestId, decision, reason })}
    />
  );
}
