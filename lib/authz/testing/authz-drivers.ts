// How the matrix test calls each server action / route handler for an object (A, B, none).
// A driver prepares a fresh object in the test catalog and returns the call; the call's result
// is classified by `classify*` below. One driver per matrix key.
import { NextRequest } from 'next/server';
import type { TActionResult } from '@/lib/actions/action-result';
import { db } from '@/lib/db';
import { createFixtureRequest } from '@/lib/requests/testing/create-fixture-request';
import type { TObject } from '../matrix';

export type TFixtureTenant = {
  id: string;
  slug: string;
  database: string;
  adminId: string;
  /** a viewer-readable user of the tenant (impersonation target) */
  memberId: string;
  /** a completed snapshot of the tenant and one document of its `customers` collection in it */
  snapshotId: string;
  customerId: string;
};
/** otherSupportId: a second support user (stella) for the elevation drivers (the acting subject's own sessions are never touched). */
export type TDriverContext = { A: TFixtureTenant; B: TFixtureTenant; otherSupportId: string };
export type TCallOutcome = { outcome: 'allow' | 'deny'; detail: string };
type TModule = Record<string, unknown>;
export type TDriver = (mod: TModule, exportName: string, object: TObject, ctx: TDriverContext) => Promise<() => Promise<TCallOutcome>>;
const DENY_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/** Every action answers one result shape (lib/actions/action-result.ts): {ok: true, data} or {ok: false, code, message}. */
export function classifyAction(res: TActionResult<unknown>): TCallOutcome {
  if (res.ok) return { outcome: 'allow', detail: 'ok' };
  if (res.code === 'INTERNAL' || typeof res.code !== 'string') throw new Error(`action failed without a typed refusal (${String(res.code)}): ${res.message}`);
  return { outcome: DENY_CODES.has(res.code) ? 'deny' : 'allow', detail: `${res.code}: ${res.message}` };
}

export function classifyResponse(res: Response): TCallOutcome {
  if (res.status >= 500) throw new Error(`route answered ${res.status}`);
  return { outcome: [401, 403, 404].includes(res.status) ? 'deny' : 'allow', detail: String(res.status) };
}

export const tenantOf = (object: TObject, ctx: TDriverContext) => (object === 'B' ? ctx.B : ctx.A);
const slugOf = (object: TObject, ctx: TDriverContext) => (object === 'none' ? 'no-such-tenant' : tenantOf(object, ctx).slug);

/** A fresh PENDING_APPROVAL request of the object's tenant (requested by its admin), or a missing id. */
async function requestOf(object: TObject, ctx: TDriverContext): Promise<string> {
  if (object === 'none') return 'rr-does-not-exist';
  const t = tenantOf(object, ctx);
  return (await createFixtureRequest({ requesterId: t.adminId, tenantId: t.id, database: t.database })).id;
}

/** The tenant slug and a fresh request of the object's tenant (tenant-side request actions). */
const tenantRequest = async (o: TObject, ctx: TDriverContext) => ({ tenantSlug: slugOf(o, ctx), requestId: await requestOf(o, ctx) });

/** A fresh request of the object's tenant and a decision reason (approver-side request actions). */
const approverRequest = (reason: string) => async (o: TObject, ctx: TDriverContext) => ({ requestId: await requestOf(o, ctx), reason });

export const action =
  (build: (object: TObject, ctx: TDriverContext) => Promise<unknown>): TDriver =>
  async (mod, name, object, ctx) => {
    const input = await build(object, ctx);
    const fn = mod[name] as (input: unknown) => Promise<TActionResult<unknown>>;
    return async () => classifyAction(await fn(input));
  };
/** An action taking positional arguments. */
const actionArgs =
  (build: (object: TObject, ctx: TDriverContext) => Promise<unknown[]>): TDriver =>
  async (mod, name, object, ctx) => {
    const args = await build(object, ctx);
    const fn = mod[name] as (...a: unknown[]) => Promise<TActionResult<unknown>>;
    return async () => classifyAction(await fn(...args));
  };

/** A job row of the object's tenant in a state no worker picks up (FAILED), or a missing id. */
async function jobOf(object: TObject, ctx: TDriverContext, type: 'DRY_RUN' | 'BACKUP'): Promise<string> {
  if (object === 'none') return 'job-does-not-exist';
  const t = tenantOf(object, ctx);
  return (await db.job.create({ data: { tenantId: t.id, type, status: 'FAILED', payload: { matrix: true }, error: 'authorization matrix fixture' } })).id;
}

/**
 * An impersonation session of ANOTHER support user (stella) in the object's tenant with a pending
 * elevation, or a missing id; ended again after the call so fixtures never pile up.
 */
const elevation =
  (build: (sessionId: string) => unknown): TDriver =>
  async (mod, name, object, ctx) => {
    let sessionId = 'imp-does-not-exist';
    if (object !== 'none') {
      const t = tenantOf(object, ctx);
      await db.impersonationSession.updateMany({
        where: { supportUserId: ctx.otherSupportId, endedAt: null },
        data: { endedAt: new Date(), endReason: 'matrix fixture' },
      });
      sessionId = (
        await db.impersonationSession.create({
          data: {
            supportUserId: ctx.otherSupportId,
            tenantId: t.id,
            targetUserId: t.memberId,
            reason: 'authorization matrix elevation',
            ticketRef: 'MATRIX-ELEV',
            expiresAt: new Date(Date.now() + 600_000),
            elevationStatus: 'PENDING',
            elevationReason: 'matrix: needs to fix a policy',
            elevationRequestedAt: new Date(),
          },
        })
      ).id;
    }
    const fn = mod[name] as (input: unknown) => Promise<TActionResult<unknown>>;
    return async () => {
      try {
        return classifyAction(await fn(build(sessionId)));
      } finally {
        await db.impersonationSession.updateMany({
          where: { supportUserId: ctx.otherSupportId, endedAt: null },
          data: { endedAt: new Date(), endReason: 'matrix fixture' },
        });
      }
    };
  };

const snapshotOf = (object: TObject, ctx: TDriverContext) => (object === 'none' ? 'snapshot-does-not-exist' : tenantOf(object, ctx).snapshotId);

const route =
  (
    path: (object: TObject, ctx: TDriverContext) => string,
    params: (object: TObject, ctx: TDriverContext) => Record<string, unknown>,
    init?: { body?: string; headers?: Record<string, string> },
  ): TDriver =>
  async (mod, method, object, ctx) => {
    const handler = mod[method] as (req: Request, c: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
    return async () =>
      classifyResponse(
        await handler(new NextRequest(`http://127.0.0.1:3000${path(object, ctx)}`, { method, ...init }), { params: Promise.resolve(params(object, ctx)) }),
      );
  };

export const AUTHZ_DRIVERS: Record<string, TDriver> = {
  'action app/(approver)/approvals/actions.ts#approveRestoreRequestAction': action(approverRequest('checked it')),
  'action app/(approver)/approvals/actions.ts#rejectRestoreRequestAction': action(approverRequest('wrong snapshot')),
  // No snapshot needed: an authorized caller gets past authorization and is refused on the
  // package (INVALID_INPUT: a request is submitted from a dry-run job), which the matrix counts as allowed.
  'action app/(tenant)/t/[tenantSlug]/restores/actions.ts#submitRestoreRequestAction': action(async (o, ctx) => ({
    tenantSlug: slugOf(o, ctx),
    reason: 'matrix: restore orders lost in an import',
    spec: { version: 1, tenant: slugOf(o, ctx), selection: { namespaces: { include: ['orders'] } }, target: { mode: 'in-place' }, conflictPolicy: 'overwrite' },
  })),
  'action app/(tenant)/t/[tenantSlug]/restores/actions.ts#cancelRestoreRequestAction': action(tenantRequest),
  // A pending request cannot be undone or previewed (CONFLICT after authorization): the matrix checks who gets that far.
  'action app/(tenant)/t/[tenantSlug]/restores/actions.ts#undoRestoreRequestAction': action(async (o, ctx) => ({
    ...(await tenantRequest(o, ctx)),
    previewJobId: 'any-job',
  })),
  'action app/(tenant)/t/[tenantSlug]/restores/actions.ts#previewRestoreUndoAction': action(tenantRequest),
  // A pending restore request has no undo waiting (CONFLICT after authorization and scope).
  'action app/(approver)/approvals/actions.ts#decideRestoreUndoAction': action(async (o, ctx) => ({
    ...(await approverRequest('checked')(o, ctx)),
    decision: 'APPROVE',
  })),
  'route app/api/health/route.ts#GET': route(
    () => '/api/health',
    () => ({}),
  ),
  'route app/api/tenants/[tenantSlug]/summary/route.ts#GET': route(
    (o, ctx) => `/api/tenants/${slugOf(o, ctx)}/summary`,
    (o, ctx) => ({ tenantSlug: slugOf(o, ctx) }),
  ),
  'route app/api/auth/[...nextauth]/route.ts#GET': route(
    () => '/api/auth/providers',
    () => ({ nextauth: ['providers'] }),
  ),
  'route app/api/auth/[...nextauth]/route.ts#POST': route(
    () => '/api/auth/signout',
    () => ({ nextauth: ['signout'] }),
    { body: new URLSearchParams({ csrfToken: 'x' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  ),
  // --- support impersonation and elevation
  // Another support user's session: nobody but approvers may touch it (own-session elevation
  // requests are covered by lib/impersonation's integration tests).
  'action app/(support)/support/actions.ts#requestElevationAction': elevation((sessionId) => ({
    sessionId,
    reason: 'matrix: needs to change the backup policy',
  })),
  'action app/(approver)/approvals/elevations/actions.ts#decideElevationAction': elevation((sessionId) => ({
    sessionId,
    decision: 'REJECT',
    note: 'matrix: not needed',
  })),
  // --- tenant settings and on-demand work (invalid input: an authorized caller gets INVALID_INPUT)
  'action app/(tenant)/t/[tenantSlug]/policy/actions.ts#updateBackupPolicyAction': actionArgs(async (o, ctx) => [
    slugOf(o, ctx),
    { source: 'form', fields: { 'retention.daily': -5 } },
  ]),
  'action app/(tenant)/t/[tenantSlug]/actions.ts#requestBackupAction': action(async (o, ctx) => ({ tenantSlug: slugOf(o, ctx), kind: 'weekly' })),
  'action app/(tenant)/t/[tenantSlug]/restores/new/actions.ts#queueDryRunAction': actionArgs(async (o, ctx) => [
    slugOf(o, ctx),
    { snapshotId: 'snapshot-does-not-exist' },
  ]),
  // --- audit export (tenant admins: own tenant only; platform auditors: any)
  'route app/api/audit/export/route.ts#GET': route(
    (o, ctx) => `/api/audit/export?format=jsonl&tenant=${slugOf(o, ctx)}&from=2999-01-01T00:00:00Z`,
    () => ({}),
  ),
  // --- portal reads (tenant members; another tenant or a missing one is 404)
  'route app/api/tenants/[tenantSlug]/health/route.ts#GET': route(
    (o, ctx) => `/api/tenants/${slugOf(o, ctx)}/health`,
    (o, ctx) => ({ tenantSlug: slugOf(o, ctx) }),
  ),
  'route app/api/tenants/[tenantSlug]/snapshots/route.ts#GET': route(
    (o, ctx) => `/api/tenants/${slugOf(o, ctx)}/snapshots`,
    (o, ctx) => ({ tenantSlug: slugOf(o, ctx) }),
  ),
  'route app/api/tenants/[tenantSlug]/policy/preview/route.ts#GET': route(
    (o, ctx) => `/api/tenants/${slugOf(o, ctx)}/policy/preview?overrides=${encodeURIComponent('{"retention":{"daily":3}}')}`,
    (o, ctx) => ({ tenantSlug: slugOf(o, ctx) }),
  ),
  // --- compliance lock and legal hold (platform admins; lowering decided by an approver).
  // Lock: the current value again → CONFLICT past authorization, nothing changes.
  'action app/(admin)/admin/retention/actions.ts#setRetentionLockAction': action(async (o, ctx) => ({
    tenantId: o === 'none' ? 'tenant-does-not-exist' : tenantOf(o, ctx).id,
    days: o === 'none' ? 1 : (await db.tenant.findUniqueOrThrow({ where: { id: tenantOf(o, ctx).id } })).retentionLockDays,
    reason: 'matrix: same value, no change',
  })),
  // Holds: a too-short reason on a real snapshot (INVALID_INPUT past authorization: no hold is
  // placed on the fixture), a valid one on a missing snapshot (NOT_FOUND).
  'action app/(admin)/admin/retention/actions.ts#placeLegalHoldAction': action(async (o, ctx) => ({
    snapshotId: snapshotOf(o, ctx),
    reason: o === 'none' ? 'matrix: missing snapshot' : 'x',
  })),
  'action app/(admin)/admin/retention/actions.ts#removeLegalHoldAction': action(async (o, ctx) => ({
    snapshotId: snapshotOf(o, ctx),
    reason: o === 'none' ? 'matrix: missing snapshot' : 'x',
  })),
  // A fresh pending lock change of the object's tenant (proposed by its admin), rejected: the lock never moves.
  'action app/(approver)/approvals/retention-locks/actions.ts#decideRetentionLockChangeAction': action(async (o, ctx) => {
    if (o === 'none') return { changeId: 'lock-change-does-not-exist', decision: 'REJECT' };
    const t = tenantOf(o, ctx);
    await db.retentionLockChange.updateMany({ where: { tenantId: t.id, status: 'PENDING' }, data: { status: 'REJECTED', decisionNote: 'matrix cleanup' } });
    const lock = (await db.tenant.findUniqueOrThrow({ where: { id: t.id } })).retentionLockDays;
    const row = await db.retentionLockChange.create({
      data: { tenantId: t.id, fromDays: lock, toDays: lock, reason: 'matrix fixture', proposedById: t.adminId },
    });
    return { changeId: row.id, decision: 'REJECT', note: 'matrix: not needed' };
  }),
  'route app/api/tenants/[tenantSlug]/snapshots/timeline/route.ts#GET': route(
    (o, ctx) => `/api/tenants/${slugOf(o, ctx)}/snapshots/timeline?from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z`,
    (o, ctx) => ({ tenantSlug: slugOf(o, ctx) }),
  ),
  'route app/api/tenants/[tenantSlug]/snapshots/[snapshotId]/route.ts#GET': route(
    (o, ctx) => `/api/tenants/${slugOf(o, ctx)}/snapshots/${snapshotOf(o, ctx)}`,
    (o, ctx) => ({ tenantSlug: slugOf(o, ctx), snapshotId: snapshotOf(o, ctx) }),
  ),
  'route app/api/tenants/[tenantSlug]/snapshots/[snapshotId]/documents/route.ts#GET': route(
    (o, ctx) => `/api/tenants/${slugOf(o, ctx)}/snapshots/${snapshotOf(o, ctx)}/documents?collection=customers&limit=2`,
    (o, ctx) => ({ tenantSlug: slugOf(o, ctx), snapshotId: snapshotOf(o, ctx) }),
  ),
  'route app/api/tenants/[tenantSlug]/snapshots/[snapshotId]/document/route.ts#GET': route(
    (o, ctx) =>
      `/api/tenants/${slugOf(o, ctx)}/snapshots/${snapshotOf(o, ctx)}/document?collection=customers&id=${encodeURIComponent(o === 'none' ? 'x' : tenantOf(o, ctx).customerId)}`,
    (o, ctx) => ({ tenantSlug: slugOf(o, ctx), snapshotId: snapshotOf(o, ctx) }),
  ),
  'route app/api/tenants/[tenantSlug]/jobs/[jobId]/route.ts#GET': async (mod, method, o, ctx) => {
    const jobId = await jobOf(o, ctx, 'BACKUP');
    return route(
      (oo, c) => `/api/tenants/${slugOf(oo, c)}/jobs/${jobId}`,
      (oo, c) => ({ tenantSlug: slugOf(oo, c), jobId }),
    )(mod, method, o, ctx);
  },
  // A dry-run that did not succeed answers 409 after authorization (counted as allowed).
  'route app/api/tenants/[tenantSlug]/dry-runs/[jobId]/changes/route.ts#GET': async (mod, method, o, ctx) => {
    const jobId = await jobOf(o, ctx, 'DRY_RUN');
    return route(
      (oo, c) => `/api/tenants/${slugOf(oo, c)}/dry-runs/${jobId}/changes`,
      (oo, c) => ({ tenantSlug: slugOf(oo, c), jobId }),
    )(mod, method, o, ctx);
  },
  'route app/api/tenants/[tenantSlug]/restores/[requestId]/route.ts#GET': async (mod, method, o, ctx) => {
    const requestId = await requestOf(o, ctx);
    return route(
      (oo, c) => `/api/tenants/${slugOf(oo, c)}/restores/${requestId}`,
      (oo, c) => ({ tenantSlug: slugOf(oo, c), requestId }),
    )(mod, method, o, ctx);
  },
  // --- LAST, in this order: starting an impersonation opens a session for the acting support user
  // (each call first ends the previous one), stopping closes the caller's own session.
  'action app/(support)/support/actions.ts#startImpersonationAction': action(async (o, ctx) => {
    // Only sessions this driver started (ticket SUP-4242): the impersonating subject's own stays.
    await db.impersonationSession.updateMany({ where: { endedAt: null, ticketRef: 'SUP-4242' }, data: { endedAt: new Date(), endReason: 'matrix fixture' } });
    return {
      tenantSlug: slugOf(o, ctx),
      targetUserId: o === 'none' ? 'user-does-not-exist' : tenantOf(o, ctx).memberId,
      reason: 'authorization matrix: checking a ticket',
      ticketRef: 'SUP-4242',
    };
  }),
  'action app/(support)/support/actions.ts#stopImpersonationAction': action(async () => ({})),
  'action app/(account)/account/security/actions.ts#startTotpEnrolmentAction': action(async () => ({})),
  'action app/_components/step-up-actions.ts#reauthenticateAction': action(async () => ({ password: '' })),
  'action app/(account)/account/security/actions.ts#confirmTotpEnrolmentAction': action(async () => ({ code: '' })),
};
