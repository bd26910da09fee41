// Every audited action name, in one place. appendAudit accepts any string (so a branch adding a
// new operation still compiles), but code in this repository names its actions from here, and
// the audit pages describe them with AUDIT_ACTION_LABELS.
export const AUDIT_ACTIONS = {
  // sign-in (next-auth authorize / OIDC callback) and sign-out
  signIn: 'auth.sign_in',
  signInFailed: 'auth.sign_in_failed',
  signOut: 'auth.sign_out',
  // any refused assertCan (recorded by the boundary that caught it, in its own transaction)
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
  // backups and restores (written by their DAL functions)
  backupRequested: 'backup.requested',
  restoreRequested: 'restore.requested',
  restoreApproved: 'restore.approved',
  restoreRejected: 'restore.rejected',
  restoreQueued: 'restore.queued',
  restoreUndone: 'restore.undone',
  // governed undo, run by the worker: requested by the tenant admin, failed in the worker
  restoreRequestUndoQueued: 'restore.request.undo_queue',
  restoreRequestUndoFailed: 'restore.request.undo_fail',
  // envelope keys
  keyCreated: 'key.created',
  keyDestroyed: 'key.destroyed',
  // the audit log itself
  auditExported: 'audit.exported',
} as const;

export type TAuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

export const AUDIT_ACTION_LABELS: Record<TAuditAction, string> = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.sign_out': 'Signed out',
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
  'backup.requested': 'Backup requested',
  'restore.requested': 'Restore requested',
  'restore.approved': 'Restore approved',
  'restore.rejected': 'Restore rejected',
  'restore.queued': 'Restore queued',
  'restore.undone': 'Restore undone',
  'restore.request.undo_queue': 'Restore undo requested',
  'restore.request.undo_fail': 'Restore undo failed',
  'key.created': 'Key created',
  'key.destroyed': 'Key destroyed',
  'audit.exported': 'Audit log exported',
};

export function describeAuditAction(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
