// Every audited action name, in one place: appendAudit/recordAudit accept only these
// (TAuditAction), and the audit pages describe them with AUDIT_ACTION_LABELS. A name is added
// here together with the code that writes it; rows stored under a name that is no longer here
// stay readable (describeAuditAction falls back to a plain rendering of the stored name).

/** The restore request lifecycle (lib/requests), grouped because the timeline reads them back. */
export const REQUEST_AUDIT = {
  submitted: 'restore.request.submit',
  approved: 'restore.request.approve',
  rejected: 'restore.request.reject',
  queued: 'restore.request.queue',
  cancelled: 'restore.request.cancel',
  returned: 'restore.request.return_for_approval',
  started: 'restore.request.start',
  verified: 'restore.request.verify',
  failed: 'restore.request.fail',
  undone: 'restore.request.undo',
} as const;

export const AUDIT_ACTIONS = {
  // sign-in (next-auth authorize / OIDC callback) and sign-out
  signIn: 'auth.sign_in',
  signInFailed: 'auth.sign_in_failed',
  signOut: 'auth.sign_out',
  // a sign-in refused by the throttle (lib/session/sign-in-throttle.ts): one row per block, not per attempt
  signInThrottled: 'auth.sign_in_throttled',
  // step-up (lib/session/reauthenticate.ts): password (and TOTP code) re-entered; TOTP enrolment
  stepUp: 'auth.step_up',
  stepUpFailed: 'auth.step_up_failed',
  totpEnrolled: 'auth.totp_enrolled',
  // any refusal at a boundary (lib/actions: server action, route handler, page), in its own transaction
  denied: 'access.denied',
  // support impersonation
  impersonationStarted: 'impersonation.started',
  impersonationStopped: 'impersonation.stopped',
  impersonationExpired: 'impersonation.expired',
  impersonationEnded: 'impersonation.ended',
  impersonationViewed: 'impersonation.viewed',
  elevationRequested: 'impersonation.elevation_requested',
  elevationApproved: 'impersonation.elevation_approved',
  elevationRejected: 'impersonation.elevation_rejected',
  // tenant policies
  policyUpdated: 'policy.backup_updated',
  // compliance lock (platform admin raises; lowering = proposal + another person's approval) and legal hold
  lockRaised: 'policy.lock_raised',
  lockLowerProposed: 'policy.lock_lower_proposed',
  lockLowerApproved: 'policy.lock_lower_approved',
  lockLowerRejected: 'policy.lock_lower_rejected',
  holdPlaced: 'snapshot.hold_placed',
  holdRemoved: 'snapshot.hold_removed',
  // on-demand backups and restore dry-runs (written by their DAL functions)
  backupRequested: 'backup.requested',
  dryRunQueued: 'restore.dry_run.queued',
  // governed undo, run by the worker: requested by the tenant admin, failed in the worker
  restoreRequestUndoQueued: 'restore.request.undo_queue',
  restoreRequestUndoFailed: 'restore.request.undo_fail',
  // undo preview (UNDO_PREVIEW job: what undo would overwrite) and the undo's own approvals
  undoPreviewQueued: 'restore.undo_preview.queued',
  restoreRequestUndoSubmitted: 'restore.request.undo_submit',
  restoreRequestUndoApproved: 'restore.request.undo_approve',
  restoreRequestUndoRejected: 'restore.request.undo_reject',
  // lifecycle (lib/lifecycle), written by the platform itself (system actor)
  snapshotExpired: 'snapshot.expired',
  gcRequested: 'gc.requested',
  gcCompleted: 'gc.completed',
  gcAborted: 'gc.aborted',
  snapshotVerifyFailed: 'snapshot.verify_failed',
  // point-in-time capture (lib/pitr, system actor): a gap found, a full backup queued for the tenant
  pitrGapRecorded: 'pitr.gap_recorded',
  // the audit log itself
  auditExported: 'audit.exported',
} as const;

export type TRequestAuditAction = (typeof REQUEST_AUDIT)[keyof typeof REQUEST_AUDIT];
export type TAuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS] | TRequestAuditAction;

export const AUDIT_ACTION_LABELS: Record<TAuditAction, string> = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.sign_out': 'Signed out',
  'auth.sign_in_throttled': 'Sign-in throttled',
  'auth.step_up': 'Password confirmed',
  'auth.step_up_failed': 'Password confirmation failed',
  'auth.totp_enrolled': 'Authenticator app enrolled',
  'access.denied': 'Access denied',
  'impersonation.started': 'Impersonation started',
  'impersonation.stopped': 'Impersonation stopped',
  'impersonation.expired': 'Impersonation expired',
  'impersonation.ended': 'Impersonation ended',
  'impersonation.viewed': 'Viewed while impersonating',
  'impersonation.elevation_requested': 'Elevation requested',
  'impersonation.elevation_approved': 'Elevation approved',
  'impersonation.elevation_rejected': 'Elevation rejected',
  'policy.backup_updated': 'Backup policy changed',
  'policy.lock_raised': 'Compliance lock raised',
  'policy.lock_lower_proposed': 'Compliance lock lowering proposed',
  'policy.lock_lower_approved': 'Compliance lock lowering approved',
  'policy.lock_lower_rejected': 'Compliance lock lowering rejected',
  'snapshot.hold_placed': 'Legal hold placed',
  'snapshot.hold_removed': 'Legal hold removed',
  'backup.requested': 'Backup requested',
  'restore.dry_run.queued': 'Restore dry-run queued',
  'restore.request.undo_queue': 'Undo requested',
  'restore.request.undo_fail': 'Undo failed',
  'restore.undo_preview.queued': 'Undo preview queued',
  'restore.request.undo_submit': 'Undo sent for approval',
  'restore.request.undo_approve': 'Undo approved',
  'restore.request.undo_reject': 'Undo rejected',
  'snapshot.expired': 'Snapshot expired by retention',
  'gc.requested': 'Retention and garbage collection requested',
  'gc.completed': 'Garbage collection completed',
  'gc.aborted': 'Garbage collection aborted',
  'snapshot.verify_failed': 'Snapshot verification failed',
  'pitr.gap_recorded': 'Point-in-time capture gap recorded',
  'audit.exported': 'Audit log exported',
  'restore.request.submit': 'Restore requested',
  'restore.request.approve': 'Restore approved',
  'restore.request.reject': 'Restore rejected',
  'restore.request.queue': 'Restore queued',
  'restore.request.cancel': 'Restore cancelled',
  'restore.request.return_for_approval': 'Restore sent back for approval',
  'restore.request.start': 'Restore started',
  'restore.request.verify': 'Restore verified',
  'restore.request.fail': 'Restore failed',
  'restore.request.undo': 'Restore undone',
};

export const ALL_AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as TAuditAction[];

export function isAuditAction(name: string): name is TAuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, name);
}

/**
 * The label of a stored action name. Rows are append-only, so a name written by an older
 * version (or a test) that is no longer in the vocabulary is shown in plain words, not hidden:
 * `restore.requested` → "Restore requested".
 */
export function describeAuditAction(action: string): string {
  if (isAuditAction(action)) return AUDIT_ACTION_LABELS[action];
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Unknown action';
}
