// The authorization matrix: EVERY server action and route handler × subject × object → allow/deny.
// `lib/authz/authz-matrix.int.test.ts` enumerates the actions ('use server' modules' exports) and
// route handlers (app/**/route.ts method exports) from the code, fails when one is missing here
// (or listed here but gone), and calls each one directly for every cell against the test catalog.
//
// Objects are absolute: `A` = an object of tenant A (acme), `B` = one of tenant B (globex),
// `none` = an id/slug that does not exist. For the tenant admin of B, `B` is their own object.
// Outcome: `allow` = passed authorization (it succeeded, or failed on the object's state or the
// input: CONFLICT / INVALID_INPUT, 2xx/422/409); `deny` = refused (UNAUTHENTICATED / FORBIDDEN /
// NOT_FOUND, 401/403/404 — another tenant's object is indistinguishable from a missing one).
//
// A row is written as one string per subject: three letters for A, B, none (a = allow, d = deny).
// Adding an action in another branch = one entry here + one driver in testing/authz-drivers.ts.
export const SUBJECTS = [
  'anonymous',
  'tenantAdminA',
  'tenantAdminB',
  'tenantViewerA',
  'approver',
  // an approver whose role is scoped to tenant A only (PlatformRoleGrant.tenantScope)
  'approverScopedA',
  'support',
  'supportImpersonatingA',
  'platformAdmin',
] as const;
export const OBJECTS = ['A', 'B', 'none'] as const;
export type TSubject = (typeof SUBJECTS)[number];
export type TObject = (typeof OBJECTS)[number];
export type TOutcome = 'allow' | 'deny';
export type TMatrixEntry = { rows: Record<TSubject, string>; note?: string };

const all = (cells: string): Record<TSubject, string> => Object.fromEntries(SUBJECTS.map((s) => [s, cells])) as Record<TSubject, string>;
const only = (cells: Partial<Record<TSubject, string>>): Record<TSubject, string> => ({ ...all('ddd'), ...cells });

/** Key: `action <module path>#<export>` or `route <module path>#<METHOD>`. */
export const AUTHZ_MATRIX: Record<string, TMatrixEntry> = {
  // --- restore requests: approver side (any tenant's request; never one's own; not while impersonating)
  'action app/(approver)/approvals/actions.ts#approveRestoreRequestAction': { rows: only({ approver: 'aad', approverScopedA: 'add' }) },
  'action app/(approver)/approvals/actions.ts#rejectRestoreRequestAction': { rows: only({ approver: 'aad', approverScopedA: 'add' }) },
  'action app/(approver)/approvals/actions.ts#decideRestoreUndoAction': { rows: only({ approver: 'aad', approverScopedA: 'add' }) },
  // --- restore requests: tenant side (own tenant's admin only; viewers read-only; support impersonation read-only)
  'action app/(tenant)/t/[tenantSlug]/restores/actions.ts#submitRestoreRequestAction': { rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad' }) },
  'action app/(tenant)/t/[tenantSlug]/restores/actions.ts#cancelRestoreRequestAction': { rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad' }) },
  'action app/(tenant)/t/[tenantSlug]/restores/actions.ts#undoRestoreRequestAction': { rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad' }) },
  'action app/(tenant)/t/[tenantSlug]/restores/actions.ts#previewRestoreUndoAction': { rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad' }) },
  // --- route handlers
  'route app/api/health/route.ts#GET': { rows: all('aaa'), note: 'liveness, reveals only up/down' },
  'route app/api/tenants/[tenantSlug]/summary/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', tenantViewerA: 'add', supportImpersonatingA: 'add' }),
  },
  'route app/api/auth/[...nextauth]/route.ts#GET': { rows: all('aaa'), note: "next-auth's own endpoints (providers, csrf, session): public by design" },
  'route app/api/auth/[...nextauth]/route.ts#POST': {
    rows: all('aaa'),
    note: "next-auth's own endpoints (sign-in, sign-out): public by design; credentials are checked inside",
  },
  // --- impersonation elevation (sessions of another support user)
  'action app/(support)/support/actions.ts#requestElevationAction': {
    rows: all('ddd'),
    note: "only the session's own support user may ask; another's session is not found",
  },
  'action app/(approver)/approvals/elevations/actions.ts#decideElevationAction': { rows: only({ approver: 'aad', approverScopedA: 'add' }) },
  // --- tenant settings and on-demand work (admins of the tenant; read-only impersonation refused)
  'action app/(tenant)/t/[tenantSlug]/policy/actions.ts#updateBackupPolicyAction': { rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad' }) },
  'action app/(tenant)/t/[tenantSlug]/actions.ts#requestBackupAction': { rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad' }) },
  'action app/(tenant)/t/[tenantSlug]/restores/new/actions.ts#queueDryRunAction': { rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad' }) },
  // --- audit export: a tenant admin their own tenant; platform auditors (support, platform admin) any
  'route app/api/audit/export/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', support: 'aad', platformAdmin: 'aad' }),
    note: "support impersonating A acts with the impersonated user's rights (here A's viewer: no audit.read) and not its platform ones",
  },
  // --- portal reads: members of the tenant (viewers too), and support impersonating it
  'route app/api/tenants/[tenantSlug]/health/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', tenantViewerA: 'add', supportImpersonatingA: 'add' }),
  },
  'route app/api/tenants/[tenantSlug]/policy/preview/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', tenantViewerA: 'add', supportImpersonatingA: 'add' }),
    note: 'retention preview of a proposed policy: a catalog read, like the timeline',
  },
  // --- compliance lock and legal hold: platform admins only (tenant admins never); a lowering of
  // the lock is decided by an approver (never the proposer: lib/policies/decide-retention-lock-change.ts)
  'action app/(admin)/admin/retention/actions.ts#setRetentionLockAction': { rows: only({ platformAdmin: 'aad' }) },
  'action app/(admin)/admin/retention/actions.ts#placeLegalHoldAction': { rows: only({ platformAdmin: 'aad' }) },
  'action app/(admin)/admin/retention/actions.ts#removeLegalHoldAction': { rows: only({ platformAdmin: 'aad' }) },
  'action app/(admin)/admin/retention/actions.ts#startTenantCleanupAction': { rows: only({ platformAdmin: 'aad' }) },
  'action app/(approver)/approvals/retention-locks/actions.ts#decideRetentionLockChangeAction': { rows: only({ approver: 'aad', approverScopedA: 'add' }) },
  'route app/api/tenants/[tenantSlug]/snapshots/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', tenantViewerA: 'add', supportImpersonatingA: 'add' }),
  },
  'route app/api/tenants/[tenantSlug]/snapshots/timeline/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', tenantViewerA: 'add', supportImpersonatingA: 'add' }),
  },
  'route app/api/tenants/[tenantSlug]/snapshots/[snapshotId]/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', tenantViewerA: 'add', supportImpersonatingA: 'add' }),
  },
  'route app/api/tenants/[tenantSlug]/snapshots/[snapshotId]/documents/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', tenantViewerA: 'add', supportImpersonatingA: 'add' }),
  },
  'route app/api/tenants/[tenantSlug]/snapshots/[snapshotId]/document/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', tenantViewerA: 'add', supportImpersonatingA: 'add' }),
  },
  'route app/api/tenants/[tenantSlug]/jobs/[jobId]/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', tenantViewerA: 'add', supportImpersonatingA: 'add' }),
  },
  'route app/api/tenants/[tenantSlug]/dry-runs/[jobId]/changes/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', tenantViewerA: 'add', supportImpersonatingA: 'add' }),
  },
  'route app/api/tenants/[tenantSlug]/restores/[requestId]/route.ts#GET': {
    rows: only({ tenantAdminA: 'add', tenantAdminB: 'dad', tenantViewerA: 'add', supportImpersonatingA: 'add' }),
    note: "the tenant's members (restores.read) and support impersonating it (read-only); another tenant's request is 404. placed before the start/stop-impersonation block",
  },
  // --- LAST, in this order (the test calls entries in table order): starting opens a session for
  // the acting support user, stopping closes it. Support may impersonate any tenant; a missing
  // one is not found. Support already impersonating A gets CONFLICT (no nesting) for any tenant:
  // counted as past authorization, the refusal itself is the nesting rule.
  'action app/(support)/support/actions.ts#startImpersonationAction': { rows: only({ support: 'aad', supportImpersonatingA: 'aaa' }) },
  // --- step-up and TOTP (the caller's own session / account; no object)
  'action app/_components/step-up-actions.ts#reauthenticateAction': {
    rows: { ...all('aaa'), anonymous: 'ddd' },
    note: "no object: re-authenticates the caller's own session (called with an empty password: INVALID_INPUT, past authorization, no throttle point)",
  },
  'action app/(account)/account/security/actions.ts#startTotpEnrolmentAction': {
    rows: only({ approver: 'aaa', approverScopedA: 'aaa', support: 'aaa', supportImpersonatingA: 'aaa', platformAdmin: 'aaa' }),
    note: "no object: the caller's own pending secret; tenant users are refused (TOTP is for platform roles)",
  },
  'action app/(account)/account/security/actions.ts#confirmTotpEnrolmentAction': {
    rows: { ...all('aaa'), anonymous: 'ddd' },
    note: "no object: the caller's own enrolment (called with an empty code: INVALID_INPUT, past authorization, no throttle point)",
  },
  'action app/(support)/support/actions.ts#stopImpersonationAction': {
    rows: { ...all('aaa'), anonymous: 'ddd' },
    note: "no object: it ends the caller's own session, if any (none open: CONFLICT, past authorization); it can affect nobody else",
  },
};

export function expectedOutcome(entry: TMatrixEntry, subject: TSubject, object: TObject): TOutcome {
  const cell = entry.rows[subject][OBJECTS.indexOf(object)];
  if (cell !== 'a' && cell !== 'd') throw new Error(`bad matrix cell for ${subject}/${object}: ${entry.rows[subject]}`);
  return cell === 'a' ? 'allow' : 'deny';
}
