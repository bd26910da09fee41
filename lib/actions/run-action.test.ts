import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/actor';
import { EngineError } from '@/lib/engine/errors/engine-error';
import { AppError } from '@/lib/errors';
import { INTERNAL_MESSAGE } from './action-result';
import { runAction, type TActionConfig, type TActionScope } from './run-action';

const mocks = vi.hoisted(() => ({ actor: null as TActor | null, recordAudit: vi.fn(async () => ({})) }));
vi.mock('@/lib/session/get-current-actor', () => ({ getCurrentActor: async () => mocks.actor }));
vi.mock('@/lib/auth/request-origin', () => ({ getRequestOrigin: async () => 'ip=198.51.100.4 ua=test' }));
vi.mock('@/lib/audit/append-audit', () => ({ recordAudit: mocks.recordAudit }));
vi.mock('@/lib/db', () => ({ db: {} }));

const acme = { tenantId: 't-acme', tenantSlug: 'acme', tenantName: 'Acme', role: 'TENANT_ADMIN' as const };
const admin: TActor = { userId: 'u-alice', email: 'alice@x', name: 'Alice', platformRoles: [], memberships: [acme], impersonation: null };
const viewer: TActor = { ...admin, userId: 'u-victor', email: 'victor@x', memberships: [{ ...acme, role: 'TENANT_VIEWER' }] };
const approver: TActor = { userId: 'u-paula', email: 'paula@x', name: 'Paula', platformRoles: ['APPROVER'], memberships: [], impersonation: null };

const ZInput = z.object({ requestId: z.string().min(1), reason: z.string().min(3, 'Give a reason of at least 3 characters.') });
const run = vi.fn(async (ctx: { input: unknown; tenant?: unknown }) => ({ echoed: ctx.input, tenant: ctx.tenant ?? null }));
const config = <S extends TActionScope>(scope: S): TActionConfig<S, typeof ZInput, unknown> => ({
  name: 'testAction',
  scope,
  input: ZInput,
  target: { type: 'restore_request', key: 'requestId' },
  run: (ctx) => run(ctx as never),
});
const auditRows = () => mocks.recordAudit.mock.calls.map((c) => (c as unknown[])[1] as Record<string, unknown>);
const good = { tenantSlug: 'acme', requestId: 'rr1', reason: 'checked' };

beforeEach(() => {
  mocks.actor = admin;
  mocks.recordAudit.mockClear();
  run.mockClear();
});

describe('runAction: the chain', () => {
  it('runs the DAL call once with the actor, the resolved tenant and the parsed input', async () => {
    const r = await runAction(config({ tenant: 'restores.request' }), good);
    expect(r).toEqual({ ok: true, data: { echoed: { requestId: 'rr1', reason: 'checked' }, tenant: { id: 't-acme', slug: 'acme', name: 'Acme' } } });
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]![0]).toMatchObject({ actor: admin, origin: 'ip=198.51.100.4 ua=test' });
    expect(mocks.recordAudit).not.toHaveBeenCalled();
  });

  it('signed out: UNAUTHENTICATED, audited once, nothing runs', async () => {
    mocks.actor = null;
    expect(await runAction(config({ signedIn: true }), good)).toEqual({ ok: false, code: 'UNAUTHENTICATED', message: 'Sign in to continue.' });
    expect(run).not.toHaveBeenCalled();
    expect(auditRows()).toEqual([
      expect.objectContaining({
        action: 'access.denied',
        outcome: 'DENIED',
        actorUserId: null,
        targetType: 'restore_request',
        targetId: 'rr1',
        origin: 'ip=198.51.100.4 ua=test',
        metadata: expect.objectContaining({ reason: 'UNAUTHENTICATED', operation: 'testAction' }),
      }),
    ]);
  });

  it("another tenant's slug is NOT_FOUND before the input is even looked at", async () => {
    const r = await runAction(config({ tenant: 'restores.request' }), { tenantSlug: 'globex', reason: 'x' });
    expect(r).toEqual({ ok: false, code: 'NOT_FOUND', message: 'No such tenant.' });
    expect(run).not.toHaveBeenCalled();
    expect(auditRows()).toEqual([
      expect.objectContaining({ outcome: 'DENIED', actorUserId: 'u-alice', tenantId: null, metadata: expect.objectContaining({ reason: 'NOT_FOUND' }) }),
    ]);
  });

  it('a member without the permission, and a missing platform permission: FORBIDDEN naming the permission', async () => {
    mocks.actor = viewer;
    expect(await runAction(config({ tenant: 'restores.request' }), good)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    mocks.actor = admin;
    expect(await runAction(config({ permission: 'restores.approve' }), good)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(run).not.toHaveBeenCalled();
    expect(auditRows().map((r) => [r.actorUserId, r.tenantId, r.targetType, r.targetId])).toEqual([
      ['u-victor', 't-acme', 'permission', 'restores.request'],
      ['u-alice', null, 'permission', 'restores.approve'],
    ]);
    mocks.actor = approver;
    expect(await runAction(config({ permission: 'restores.approve' }), good)).toMatchObject({ ok: true });
  });

  it('invalid input: INVALID_INPUT with one message per field from zod, not audited, nothing runs', async () => {
    const r = await runAction(config({ tenant: 'restores.request' }), { tenantSlug: 'acme', requestId: '', reason: 'no' });
    expect(r).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fieldErrors: { reason: 'Give a reason of at least 3 characters.', requestId: expect.any(String) },
    });
    expect(await runAction(config({ tenant: 'restores.request' }), { requestId: 'rr1', reason: 'checked' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fieldErrors: { tenantSlug: 'Choose a tenant.' },
    });
    expect(await runAction(config({ signedIn: true }), 'not an object')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(run).not.toHaveBeenCalled();
    expect(mocks.recordAudit).not.toHaveBeenCalled();
  });
});

describe('runAction: errors of the DAL call', () => {
  it('a refusal thrown by the DAL is audited exactly once, even when the same error crosses two boundaries', async () => {
    const refusal = new AppError('NOT_FOUND', 'No such restore request.');
    run.mockRejectedValue(refusal);
    expect(await runAction(config({ tenant: 'restores.read' }), good)).toEqual({ ok: false, code: 'NOT_FOUND', message: 'No such restore request.' });
    expect(await runAction(config({ tenant: 'restores.read' }), good)).toMatchObject({ code: 'NOT_FOUND' });
    expect(auditRows()).toEqual([expect.objectContaining({ actorUserId: 'u-alice', tenantId: 't-acme', targetType: 'restore_request', targetId: 'rr1' })]);
    run.mockReset();
  });

  it('CONFLICT and an engine error pass their message and are not refusals', async () => {
    run.mockRejectedValueOnce(new AppError('CONFLICT', 'Already queued.'));
    expect(await runAction(config({ signedIn: true }), good)).toEqual({ ok: false, code: 'CONFLICT', message: 'Already queued.' });
    run.mockRejectedValueOnce(new EngineError('INVALID_ARGUMENT', 'the filter uses $where'));
    expect(await runAction(config({ signedIn: true }), good)).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'INVALID_ARGUMENT: the filter uses $where',
    });
    expect(mocks.recordAudit).not.toHaveBeenCalled();
  });

  it('anything else is INTERNAL with a generic message: internals are logged, never returned', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    run.mockRejectedValueOnce(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'));
    const r = await runAction(config({ signedIn: true }), good);
    expect(r).toEqual({ ok: false, code: 'INTERNAL', message: INTERNAL_MESSAGE });
    expect(JSON.stringify(r)).not.toMatch(/hunter2|ECONNREFUSED/);
    expect(log).toHaveBeenCalledTimes(1);
    expect(mocks.recordAudit).not.toHaveBeenCalled();
    log.mockRestore();
  });
});
