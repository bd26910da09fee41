// How the matrix test calls each server action / route handler for an object (A, B, none).
// A driver prepares a fresh object in the test catalog and returns the call; the call's result
// is classified by `classify*` below. One driver per matrix key.
import { NextRequest } from 'next/server';
import type { TActionResult } from '@/lib/actions/run-action';
import { createFixtureRequest } from '@/lib/requests/testing/create-fixture-request';
import type { TObject } from '../matrix';

export type TFixtureTenant = { id: string; slug: string; database: string; adminId: string };
export type TDriverContext = { A: TFixtureTenant; B: TFixtureTenant };
export type TCallOutcome = { outcome: 'allow' | 'deny'; detail: string };
type TModule = Record<string, unknown>;
export type TDriver = (mod: TModule, exportName: string, object: TObject, ctx: TDriverContext) => Promise<() => Promise<TCallOutcome>>;

const DENY_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

export function classifyAction(res: TActionResult<unknown>): TCallOutcome {
  if (res.ok) return { outcome: 'allow', detail: 'ok' };
  if (res.error.code === 'INTERNAL') throw new Error(`action failed internally: ${res.error.message}`);
  return { outcome: DENY_CODES.has(res.error.code) ? 'deny' : 'allow', detail: `${res.error.code}: ${res.error.message}` };
}

export function classifyResponse(res: Response): TCallOutcome {
  if (res.status >= 500) throw new Error(`route answered ${res.status}`);
  return { outcome: [401, 403, 404].includes(res.status) ? 'deny' : 'allow', detail: String(res.status) };
}

const tenantOf = (object: TObject, ctx: TDriverContext) => (object === 'B' ? ctx.B : ctx.A);
const slugOf = (object: TObject, ctx: TDriverContext) => (object === 'none' ? 'no-such-tenant' : tenantOf(object, ctx).slug);

/** A fresh PENDING_APPROVAL request of the object's tenant (requested by its admin), or a missing id. */
async function requestOf(object: TObject, ctx: TDriverContext): Promise<string> {
  if (object === 'none') return 'rr-does-not-exist';
  const t = tenantOf(object, ctx);
  return (await createFixtureRequest({ requesterId: t.adminId, tenantId: t.id, database: t.database })).id;
}

const action = (build: (object: TObject, ctx: TDriverContext) => Promise<unknown>): TDriver => async (mod, name, object, ctx) => {
  const input = await build(object, ctx);
  const fn = mod[name] as (input: unknown) => Promise<TActionResult<unknown>>;
  return async () => classifyAction(await fn(input));
};

const route = (path: (object: TObject, ctx: TDriverContext) => string, params: (object: TObject, ctx: TDriverContext) => Record<string, unknown>, init?: { body?: string; headers?: Record<string, string> }): TDriver => async (mod, method, object, ctx) => {
  const handler = mod[method] as (req: Request, c: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
  return async () => classifyResponse(await handler(new NextRequest(`http://127.0.0.1:3000${path(object, ctx)}`, { method, ...init }), { params: Promise.resolve(params(object, ctx)) }));
};

export const AUTHZ_DRIVERS: Record<string, TDriver> = {
  'action app/(approver)/approvals/actions.ts#approveRestoreRequestAction': action(async (o, ctx) => ({ requestId: await requestOf(o, ctx), reason: 'checked the dry-run' })),
  'action app/(approver)/approvals/actions.ts#rejectRestoreRequestAction': action(async (o, ctx) => ({ requestId: await requestOf(o, ctx), reason: 'wrong snapshot' })),
  // No snapshot needed: an authorized caller gets past authorization and is refused on the
  // package (INVALID_INPUT: no source snapshot), which the matrix counts as allowed.
  'action app/(tenant)/t/[tenantSlug]/restores/actions.ts#submitRestoreRequestAction': action(async (o, ctx) => ({
    tenantSlug: slugOf(o, ctx),
    reason: 'matrix: restore orders lost in an import',
    spec: { version: 1, tenant: slugOf(o, ctx), selection: { namespaces: { include: ['orders'] } }, target: { mode: 'in-place' }, conflictPolicy: 'overwrite' },
  })),
  'action app/(tenant)/t/[tenantSlug]/restores/actions.ts#cancelRestoreRequestAction': action(async (o, ctx) => ({ tenantSlug: slugOf(o, ctx), requestId: await requestOf(o, ctx) })),
  // A pending request cannot be undone (CONFLICT after authorization): the matrix checks who gets that far.
  'action app/(tenant)/t/[tenantSlug]/restores/actions.ts#undoRestoreRequestAction': action(async (o, ctx) => ({ tenantSlug: slugOf(o, ctx), requestId: await requestOf(o, ctx) })),
  'route app/api/health/route.ts#GET': route(() => '/api/health', () => ({})),
  'route app/api/tenants/[tenantSlug]/summary/route.ts#GET': route((o, ctx) => `/api/tenants/${slugOf(o, ctx)}/summary`, (o, ctx) => ({ tenantSlug: slugOf(o, ctx) })),
  'route app/api/auth/[...nextauth]/route.ts#GET': route(() => '/api/auth/providers', () => ({ nextauth: ['providers'] })),
  'route app/api/auth/[...nextauth]/route.ts#POST': route(() => '/api/auth/signout', () => ({ nextauth: ['signout'] }), { body: new URLSearchParams({ csrfToken: 'x' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  'route app/api/tenants/[tenantSlug]/restores/[requestId]/route.ts#GET': async (mod, method, o, ctx) => {
    const requestId = await requestOf(o, ctx);
    return route((oo, c) => `/api/tenants/${slugOf(oo, c)}/restores/${requestId}`, (oo, c) => ({ tenantSlug: slugOf(oo, c), requestId }))(mod, method, o, ctx);
  },
};
