import type { z } from 'zod';
import { recordRefusal } from '@/lib/audit/record-denied';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { getCurrentActor } from '@/lib/session/get-current-actor';
import { assertSteppedUp } from '@/lib/session/step-up';
import type { TPlatformPermission, TTenantPermission } from '@/lib/auth/permissions';
import { getRequestOrigin } from '@/lib/auth/request-origin';
import { AppError, InputError } from '@/lib/errors';
import { toActionFailure, type TActionResult } from './action-result';
import { resolveActionTenant, type TActionTenant } from './resolve-action-tenant';
import { auditableId, findNulField } from './find-nul-field';

/**
 * Who may get past the boundary: members of the input's tenant holding a tenant permission,
 * holders of a platform permission, or anyone signed in (the DAL then decides, e.g. stopping
 * one's own impersonation, or an audit export whose scope depends on the filter).
 */
export type TActionScope = { tenant: TTenantPermission } | { permission: TPlatformPermission } | { signedIn: true };

export type TActionContext<S extends TActionScope, I> = { actor: TActor; input: I; origin: string | null } & (S extends {
  tenant: TTenantPermission;
}
  ? { tenant: TActionTenant }
  : unknown);

export type TActionConfig<S extends TActionScope, Z extends z.ZodType, O> = {
  /** names the operation in refusal rows and error logs, e.g. 'approveRestoreRequestAction' */
  name: string;
  scope: S;
  /** validates the whole raw input (an object; `tenantSlug` is read by the tenant step first) */
  input: Z;
  /** the object a refusal row names: the input field holding its id, e.g. { type: 'restore_request', key: 'requestId' } */
  target?: { type: string; key: string };
  /**
   * needs a fresh authentication of this session (lib/session/step-up.ts): refused with
   * STEP_UP_REQUIRED after authorization and input checks, before the DAL call
   */
  stepUp?: boolean;
  /** exactly one DAL call (it checks the permission again: defence in depth) */
  run: (ctx: TActionContext<S, z.output<Z>>) => Promise<O>;
};

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * The one way through for server actions, route handlers (create-route.ts) alike:
 * authenticate → actor (impersonation aware) → tenant from the slug, or the platform
 * permission → zod → (step-up, where the action asks for it) → the DAL call → one typed result. A refusal is audited here, exactly once,
 * as a DENIED row in its own transaction (the refused change rolled back).
 */
export async function runAction<S extends TActionScope, Z extends z.ZodType, O>(config: TActionConfig<S, Z, O>, raw: unknown): Promise<TActionResult<O>> {
  const origin = await getRequestOrigin();
  const fields = record(raw);
  let actor: TActor | null = null;
  let tenant: TActionTenant | null = null;
  try {
    actor = await getCurrentActor();
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    if ('tenant' in config.scope) tenant = resolveActionTenant(actor, fields.tenantSlug, config.scope.tenant);
    else if ('permission' in config.scope) assertCan(actor, config.scope.permission);
    const nulField = findNulField(raw);
    if (nulField !== null) throw new InputError([{ path: [nulField], message: 'Contains a NUL character, which no field accepts.' }]);
    const parsed = config.input.safeParse(raw);
    if (!parsed.success) throw new InputError(parsed.error.issues);
    if (config.stepUp) await assertSteppedUp(actor);
    const ctx = { actor, input: parsed.data, origin, ...(tenant ? { tenant } : {}) } as TActionContext<S, z.output<Z>>;
    return { ok: true, data: await config.run(ctx) };
  } catch (e) {
    const id = config.target ? fields[config.target.key] : undefined;
    const target = config.target ? { type: config.target.type, id: auditableId(id) } : null;
    await recordRefusal(e, { actor, origin, operation: config.name, tenantId: tenant?.id ?? null, target });
    return toActionFailure(e, config.name);
  }
}
