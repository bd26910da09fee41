import { describe, expect, it } from 'vitest';
import { can, canForTenant, homePathFor, navigationFor, platformTenantScope, type TActor } from './actor';
import { PLATFORM_ROLE_PERMISSIONS, TENANT_PERMISSIONS, TENANT_ROLE_PERMISSIONS } from './permissions';

const base: TActor = { userId: 'u1', email: 'a@x', name: 'A', platformRoles: [], memberships: [] };
const acmeAdmin: TActor = { ...base, memberships: [{ tenantId: 't-acme', tenantSlug: 'acme', tenantName: 'Acme', role: 'TENANT_ADMIN' }] };
const acmeViewer: TActor = { ...base, memberships: [{ tenantId: 't-acme', tenantSlug: 'acme', tenantName: 'Acme', role: 'TENANT_VIEWER' }] };

describe('can', () => {
  it('grants tenant permissions only inside the member tenant', () => {
    expect(can(acmeAdmin, 'restores.request', 't-acme')).toBe(true);
    expect(can(acmeAdmin, 'restores.request', 't-globex')).toBe(false);
    expect(can(acmeAdmin, 'tenant.read', 't-globex')).toBe(false);
  });

  it('keeps viewers read-only', () => {
    for (const p of TENANT_PERMISSIONS) {
      expect(can(acmeViewer, p, 't-acme')).toBe(p.endsWith('.read') && p !== 'audit.read');
    }
  });

  it('does not let tenant roles reach platform permissions, nor platform roles reach tenants', () => {
    expect(can(acmeAdmin, 'restores.approve')).toBe(false);
    const approver: TActor = { ...base, platformRoles: ['APPROVER'] };
    expect(can(approver, 'restores.approve')).toBe(true);
    expect(can(approver, 'tenant.read', 't-acme')).toBe(false);
    expect(can(approver, 'tenants.impersonate')).toBe(false);
  });

  it('matches the permission tables exactly', () => {
    for (const [role, perms] of Object.entries(PLATFORM_ROLE_PERMISSIONS)) {
      const actor: TActor = { ...base, platformRoles: [role as keyof typeof PLATFORM_ROLE_PERMISSIONS] };
      for (const p of perms) expect(can(actor, p)).toBe(true);
    }
    expect(TENANT_ROLE_PERMISSIONS.TENANT_ADMIN).toContain('restores.request');
    expect(TENANT_ROLE_PERMISSIONS.TENANT_VIEWER).not.toContain('restores.request');
  });
});

describe('navigation and home', () => {
  it('shows each role only what it may open', () => {
    expect(navigationFor(acmeAdmin).map((i) => i.href)).toEqual(['/t/acme']);
    expect(navigationFor({ ...base, platformRoles: ['APPROVER'] }).map((i) => i.href)).toEqual(['/approvals', '/approvals/elevations']);
    expect(navigationFor({ ...base, platformRoles: ['SUPPORT'] }).map((i) => i.href)).toEqual(['/support']);
    expect(navigationFor({ ...base, platformRoles: ['PLATFORM_ADMIN'] }).map((i) => i.href)).toEqual(['/admin']);
    expect(navigationFor(base)).toEqual([]);
  });

  it('lands each role on its first page', () => {
    expect(homePathFor(acmeAdmin)).toBe('/t/acme');
    expect(homePathFor({ ...base, platformRoles: ['SUPPORT'] })).toBe('/support');
    expect(homePathFor(base)).toBe('/no-access');
  });
});

describe('platform role scopes', () => {
  const approver = (scope?: string[]): TActor => ({ ...base, platformRoles: ['APPROVER'], ...(scope ? { platformScopes: { APPROVER: scope } } : {}) });
  it('an unscoped role reaches every tenant, a scoped one only its tenants', () => {
    expect(platformTenantScope(approver(), 'restores.approve')).toBeNull();
    expect(canForTenant(approver(), 'restores.approve', 't-any')).toBe(true);
    expect(platformTenantScope(approver(['t-a']), 'restores.approve')).toEqual(['t-a']);
    expect(canForTenant(approver(['t-a']), 'restores.approve', 't-a')).toBe(true);
    expect(canForTenant(approver(['t-a']), 'restores.approve', 't-b')).toBe(false);
  });
  it('combines roles: an unscoped role granting the permission wins, scoped ones add up, others do not count', () => {
    const both: TActor = { ...base, platformRoles: ['APPROVER', 'PLATFORM_ADMIN'], platformScopes: { APPROVER: ['t-a'] } };
    expect(platformTenantScope(both, 'restores.approve')).toEqual(['t-a']);
    expect(platformTenantScope(both, 'tenants.list')).toBeNull();
    expect(platformTenantScope({ ...base, platformRoles: ['SUPPORT'] }, 'restores.approve')).toEqual([]);
    expect(canForTenant({ ...base, platformRoles: ['SUPPORT'] }, 'restores.approve', 't-a')).toBe(false);
  });
});
