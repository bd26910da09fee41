/** Why this page offers no changes (impersonation, role); nothing when the actor may act. */
export function ReadOnlyNotice({ reason }: { reason: string | null }) {
  if (!reason) return null;
  return (
    <p role="note" data-testid="read-only-notice" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      {reason}
    </p>
  );
}
