import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { AppError } from '@/lib/errors';
import { forPage } from './for-page';

const mocks = vi.hoisted(() => ({ actor: null as TActor | null, recordAudit: vi.fn(async () => ({})) }));
vi.mock('next/navigation', () => ({
  notFound: () => {
    throw new Error('NEXT_NOT_FOUND');
  },
  forbidden: () => {
    throw new Error('NEXT_FORBIDDEN');
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
vi.mock('@/lib/session/get-current-actor', () => ({ getCurrentActor: async () => mocks.actor }));
vi.mock('@/lib/auth/request-origin', () => ({ getRequestOrigin: async () => 'web' }));
vi.mock('@/lib/audit/append-audit', () => ({ recordAudit: mocks.recordAudit }));
vi.mock('@/lib/db', () => ({ db: {} }));

const viewer: TActor = {
  userId: 'u-victor',
  email: 'victor@x',
  name: 'Victor',
  platformRoles: [],
  memberships: [{ tenantId: 't-acme', tenantSlug: 'acme', tenantName: 'Acme', role: 'TENANT_VIEWER' }],
  impersonation: null,
};
const fail = (e: unknown) => Promise.reject(e);

beforeEach(() => {
  mocks.actor = viewer;
  mocks.recordAudit.mockClear();
});

describe('forPage: the page variant of the same mapping', () => {
  it('passes a result through, and rethrows errors that are not refusals (to the error boundary)', async () => {
    expect(await forPage(Promise.resolve(42))).toBe(42);
    await expect(forPage(fail(new AppError('CONFLICT', 'busy')))).rejects.toThrow('busy');
    await expect(forPage(fail(new Error('boom')))).rejects.toThrow('boom');
    expect(mocks.recordAudit).not.toHaveBeenCalled();
  });

  it('NOT_FOUND → notFound(), FORBIDDEN → forbidden(), UNAUTHENTICATED → sign-in; each audited once', async () => {
    await expect(forPage(fail(new AppError('NOT_FOUND', 'No such tenant.')))).rejects.toThrow('NEXT_NOT_FOUND');
    let denied: unknown;
    try {
      assertCan(viewer, 'policies.update', 't-acme');
    } catch (e) {
      denied = e;
    }
    await expect(forPage(fail(denied))).rejects.toThrow('NEXT_FORBIDDEN');
    await expect(forPage(fail(denied))).rejects.toThrow('NEXT_FORBIDDEN');
    mocks.actor = null;
    await expect(forPage(fail(new AppError('UNAUTHENTICATED', 'Sign in to continue.')))).rejects.toThrow('NEXT_REDIRECT /sign-in');
    const rows = mocks.recordAudit.mock.calls.map((c) => (c as unknown[])[1] as Record<string, unknown>);
    expect(rows.map((r) => [r.action, r.outcome, r.actorUserId, r.targetType, r.targetId])).toEqual([
      ['access.denied', 'DENIED', 'u-victor', 'request', null],
      ['access.denied', 'DENIED', 'u-victor', 'permission', 'policies.update'],
      ['access.denied', 'DENIED', null, 'request', null],
    ]);
  });
});
