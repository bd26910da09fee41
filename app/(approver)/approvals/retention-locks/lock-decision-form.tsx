'use client';

import { useStepUp } from '@/app/_components/step-up-provider';
import { decideRetentionLockChangeAction } from '@/app/(approver)/approvals/retention-locks/actions';
import { NoteDecisionForm } from '@/components/approvals/note-decision-form';

export function LockDecisionForm({ changeId }: { changeId: string }) {
  const stepUp = useStepUp();
  return (
    <NoteDecisionForm
      id={changeId}
      label="Decide lock change"
      approveLabel="Approve lowering"
      decide={(decision, note) => stepUp(() => decideRetentionLockChangeAction({ changeId, decision, note }))}
    />
  );
}
