'use client';

import { decideRetentionLockChangeAction } from '@/app/(approver)/approvals/retention-locks/actions';
import { NoteDecisionForm } from '@/components/approvals/note-decision-form';

export function LockDecisionForm({ changeId }: { changeId: string }) {
  return (
    <NoteDecisionForm
      id={changeId}
      label="Decide lock change"
      approveLabel="Approve lowering"
      decide={(decision, note) => decideRetentionLockChangeAction({ changeId, decision, note })}
    />
  );
}
