import { describe, expect, it } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { resolveMemberTenantIdOrThrow } from './resolve-member-tenant-id';

const base: TActor = { userId: 'u1', email: 'a@x', name: 'A', platformRoles: [], memberships: [] };
const acmeAdmin: TActor = { ...base, memberships: [{ tenantId: 't-acme', tenantSlug: 'acme', tenantName: 'Acme', role: 'TENANT_ADMIN' }] };
const acmeViewer: TActor = { ...base, memberships: [{ tenantId: 't-acme', tenantSlug: 'acme', tenantName: 'Acme', role: 'TENANT_VIEWER' }] };

describe('resolveMemberTenantIdOrThrow', () => {
  it('resolves only own tenants, and checks the permission', () => {
    expect(resolveMemberTenantIdOrThrow({ actor: acmeViewer, slug: 'acme', permission: 'snapshots.read' })).toBe('t-acme');
    expect(() => resolveMemberTenantIdOrThrow({ actor: acmeAdmin, slug: 'globex', permission: 'snapshots.read' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => resolveMemberTenantIdOrThrow({ actor: { ...base, platformRoles: ['SUPPORT'] }, slug: 'acme', permission: 'snapshots.read' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => resolveMemberTenantIdOrThrow({ actor: acmeViewer, slug: 'acme', permission: 'restores.request' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
});
