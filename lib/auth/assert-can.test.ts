import { describe, expect, it } from 'vitest';
import { mayAct, readOnlyReason, type TActor } from './actor';
import { assertCan, assertCanMutate, ForbiddenError } from './assert-can';
import { TENANT_PERMISSIONS } from './permissions';

const membership = { tenantId: 't-acme', tenantSlug: 'acme', tenantName: 'Acme', role: 'TENANT_ADMIN' as const };
const impersonation = {
  id: 'imp1',
  tenantId: 't-acme',
  tenantSlug: 'acme',
  tenantName: 'Acme',
  targetUserId: 'u-alice',
  targetEmail: 'alice@x',
  targetName: 'Alice',
  reason: 'customer ticket',
  ticketRef: 'SUP-1',
  startedAt: '2026-01-01T00:00:00Z',
  expiresAt: '2026-01-01T00:30:00Z',
  isElevated: false,
  elevationStatus: null,
};
const support: TActor = { userId: 'u-sam', email: 'sam@x', name: 'Sam', platformRoles: ['SUPPORT'], memberships: [membership], impersonation };

describe('assertCan while impersonating', () => {
  it('allows every read and refuses every mutating tenant permission until elevated', () => {
    for (const p of TENANT_PERMISSIONS) {
      const attempt = () => assertCan(support, p, 't-acme');
      if (p.endsWith('.read')) expect(attempt).not.toThrow();
      else expect(attempt).toThrow(/read-only impersonation/i);
    }
    const err = (() => {
      try {
        assertCan(support, 'policies.update', 't-acme');
      } catch (e) {
        return e;
      }
    })() as ForbiddenError;
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err).toMatchObject({ code: 'FORBIDDEN', reason: 'READ_ONLY_IMPERSONATION', actorUserId: 'u-sam', impersonationId: 'imp1', tenantId: 't-acme' });
    expect(() => assertCanMutate(support, 'anything')).toThrow(ForbiddenError);
  });

  it('allows mutations of the impersonated tenant once elevated, and never of another tenant', () => {
    const elevated: TActor = { ...support, impersonation: { ...impersonation, isElevated: true } };
    expect(() => assertCan(elevated, 'policies.update', 't-acme')).not.toThrow();
    expect(() => assertCanMutate(elevated, 'anything')).not.toThrow();
    expect(() => assertCan(elevated, 'policies.update', 't-globex')).toThrow(/permission/);
  });

  it('keeps managing the own session possible (tenants.impersonate is not a tenant mutation)', () => {
    expect(() => assertCan(support, 'tenants.impersonate')).not.toThrow();
  });

  it('records the missing-permission reason for ordinary denials', () => {
    const viewer: TActor = { userId: 'u-v', email: 'v@x', name: 'V', platformRoles: [], memberships: [{ ...membership, role: 'TENANT_VIEWER' }] };
    try {
      assertCan(viewer, 'restores.request', 't-acme');
      throw new Error('not refused');
    } catch (e) {
      expect(e).toMatchObject({ reason: 'MISSING_PERMISSION', impersonationId: null, permission: 'restores.request' });
    }
  });
});

describe('mayAct (what the UI offers)', () => {
  const admin: TActor = { userId: 'u-a', email: 'a@x', name: 'A', platformRoles: [], memberships: [membership] };
  const viewer: TActor = { ...admin, memberships: [{ ...membership, role: 'TENANT_VIEWER' }] };
  const elevated: TActor = { ...support, impersonation: { ...impersonation, isElevated: true } };

  it('offers exactly what assertCan allows, for every tenant permission and kind of actor', () => {
    for (const actor of [admin, viewer, support, elevated]) {
      for (const p of TENANT_PERMISSIONS) {
        for (const tenantId of ['t-acme', 't-globex']) {
          let allowed = true;
          try {
            assertCan(actor, p, tenantId);
          } catch {
            allowed = false;
          }
          expect(mayAct(actor, p, tenantId), `${actor.userId} ${p} ${tenantId}`).toBe(allowed);
        }
      }
    }
  });

  it('says why a page is read-only: impersonation first, then the viewer role', () => {
    expect(readOnlyReason(admin, 't-acme')).toBeNull();
    expect(readOnlyReason(elevated, 't-acme')).toBeNull();
    expect(readOnlyReason(support, 't-acme')).toMatch(/^Read-only: you are impersonating this tenant/);
    expect(readOnlyReason(viewer, 't-acme')).toMatch(/^Read-only: you are a tenant viewer here/);
  });
});
