// Support impersonation against the real catalog: who may be impersonated, read-only until an
// approver elevates the session, no nesting, at most 30 minutes, and every step audited with
// both identities so that it shows in the tenant's own audit view.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { recordDenied } from '@/lib/audit/record-denied';
import { verifyStoredAuditChain } from '@/lib/audit/verify-stored-audit-chain';
import type { TActor } from '@/lib/auth/actor';
import { ForbiddenError } from '@/lib/auth/assert-can';
import { loadActor } from '@/lib/session/get-current-actor';
import { db } from '@/lib/db';
import { InputError } from '@/lib/errors';
import { getBackupPolicy } from '@/lib/policies/get-backup-policy';
import { updateBackupPolicy } from '@/lib/policies/update-backup-policy';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { decideElevation } from './decide-elevation';
import { expireImpersonationSessions } from './expire-impersonation-sessions';
import { listPendingElevations } from './list-pending-elevations';
import { listSupportSessions } from './list-support-sessions';
import { requestElevation } from './request-elevation';
import { startImpersonation } from './start-impersonation';
import { stopImpersonation } from './stop-impersonation';

const run = randomUUID().slice(0, 8);
const slug = `it-imp-${run}`;
const email = (n: string) => `${n}-${run}@it.example`;
const ids = {} as Record<'tenant' | 'support' | 'support2' | 'admin' | 'viewer' | 'platformMember' | 'approver' | 'samApprover', string>;
const policy = { source: 'form', fields: { 'schedule.cron': '0 3 * * *', 'retention.daily': 10, 'onDemand.maxPerDay': 2 } } as const;
const at = new Date('2026-12-01T12:00:00Z');
const start = (targetUserId: string, extra: Record<string, unknown> = {}) => ({
  tenantSlug: slug,
  targetUserId,
  reason: 'Customer reports missing orders after import',
  ticketRef: 'SUP-4711',
  ...extra,
});

async function actor(id: string): Promise<TActor> {
  const a = await loadActor(id);
  if (!a) throw new Error('actor vanished');
  return a;
}

beforeAll(async () => {
  const t = await db.tenant.create({
    data: {
      slug,
      name: `Imp ${run}`,
      region: 'test',
      costCenter: 'T',
      tenancyModel: 'SHARED_FIELD',
      database: 'it_imp',
      tenantField: 'tenantId',
      tenantValue: slug,
    },
  });
  ids.tenant = t.id;
  const mk = async (n: string, data: Record<string, unknown>) => (await db.user.create({ data: { email: email(n), name: n, ...data } })).id;
  ids.support = await mk('sam', { personId: `sam-${run}`, platformRoles: { create: { role: 'SUPPORT' } } });
  // Sam's second account, with the approver role: the same person, so never the approver of Sam's elevation.
  ids.samApprover = await mk('sam-approver', { personId: `sam-${run}`, platformRoles: { create: { role: 'APPROVER' } } });
  // Another support user who is also a tenant member: still never impersonable.
  ids.support2 = await mk('sue', { platformRoles: { create: { role: 'SUPPORT' } }, memberships: { create: { tenantId: t.id, role: 'TENANT_ADMIN' } } });
  ids.admin = await mk('alice', { memberships: { create: { tenantId: t.id, role: 'TENANT_ADMIN' } } });
  ids.viewer = await mk('victor', { memberships: { create: { tenantId: t.id, role: 'TENANT_VIEWER' } } });
  ids.platformMember = await mk('pat', {
    platformRoles: { create: { role: 'PLATFORM_ADMIN' } },
    memberships: { create: { tenantId: t.id, role: 'TENANT_ADMIN' } },
  });
  ids.approver = await mk('paula', { platformRoles: { create: { role: 'APPROVER' } } });
});

afterAll(async () => {
  await db.impersonationSession.deleteMany({ where: { tenantId: ids.tenant } });
  await db.user.deleteMany({ where: { email: { endsWith: `${run}@it.example` } } });
  await db.tenant.deleteMany({ where: { slug } });
  await db.$disconnect();
});

describe('starting a session', () => {
  it('validates reason, ticket and duration with field errors, and creates nothing', async () => {
    const sam = await actor(ids.support);
    const bad = [
      [{ reason: 'too short' }, 'reason'],
      [{ ticketRef: 'see slack' }, 'ticketRef'],
      [{ minutes: 45 }, 'minutes'],
    ] as const;
    for (const [extra, field] of bad) {
      const err = await startImpersonation({ actor: sam, input: start(ids.admin, extra) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect(Object.keys((err as InputError).fieldErrors)).toContain(field);
    }
    expect(await db.impersonationSession.count({ where: { supportUserId: ids.support } })).toBe(0);
  });

  it('refuses platform users, other support staff, non-members and non-support actors', async () => {
    const sam = await actor(ids.support);
    await expect(startImpersonation({ actor: sam, input: start(ids.platformMember) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(startImpersonation({ actor: sam, input: start(ids.support2) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(startImpersonation({ actor: sam, input: start(ids.approver) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const alice = await actor(ids.admin);
    await expect(startImpersonation({ actor: alice, input: start(ids.viewer) })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.impersonationSession.count({ where: { tenantId: ids.tenant } })).toBe(0);
  });

  it('starts a read-only session the next request sees, as the target user in that tenant only', async () => {
    const started = await startImpersonation({ actor: await actor(ids.support), input: start(ids.admin) });
    const expires = new Date(started.expiresAt).getTime();
    expect(expires - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    expect(expires - Date.now()).toBeGreaterThan(29 * 60_000);
    const sam = await actor(ids.support);
    expect(sam.userId).toBe(ids.support);
    expect(sam.impersonation).toMatchObject({ id: started.id, tenantSlug: slug, targetUserId: ids.admin, targetEmail: email('alice'), isElevated: false });
    expect(sam.memberships).toEqual([expect.objectContaining({ tenantId: ids.tenant, role: 'TENANT_ADMIN' })]);
    await expect(getTenantForActorOrThrow({ actor: sam, slug, permission: 'tenant.read' })).resolves.toMatchObject({ id: ids.tenant });
    const viewed = await db.auditEvent.findFirst({ where: { impersonationId: started.id, action: 'impersonation.viewed' } });
    expect(viewed).toMatchObject({ actorUserId: ids.support, tenantId: ids.tenant });
  });

  it('cannot be nested or doubled, even by a stale actor racing the first start', async () => {
    const sam = await actor(ids.support);
    await expect(startImpersonation({ actor: sam, input: start(ids.viewer) })).rejects.toMatchObject({ code: 'CONFLICT' });
    const stale: TActor = { ...sam, impersonation: null, memberships: [] };
    await expect(startImpersonation({ actor: stale, input: start(ids.viewer) })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.impersonationSession.count({ where: { supportUserId: ids.support, endedAt: null } })).toBe(1);
  });

  it('the catalog refuses a session longer than 30 minutes', async () => {
    const now = Date.now();
    await expect(
      db.impersonationSession.create({
        data: {
          supportUserId: ids.support2,
          tenantId: ids.tenant,
          reason: 'x'.repeat(12),
          ticketRef: 'SUP-1',
          startedAt: new Date(now),
          expiresAt: new Date(now + 31 * 60_000),
        },
      }),
    ).rejects.toThrow(/max_30_minutes/);
  });
});

describe('read-only until elevated', () => {
  it('refuses a mutation with a clear message, changes nothing, and records the denial with both identities', async () => {
    const sam = await actor(ids.support);
    const before = await getBackupPolicy({ actor: await actor(ids.admin), tenantId: ids.tenant, now: at });
    const err = await updateBackupPolicy({ actor: sam, tenantId: ids.tenant, input: policy }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ForbiddenError).reason).toBe('READ_ONLY_IMPERSONATION');
    expect((err as ForbiddenError).message).toMatch(/read-only impersonation/i);
    expect(await getBackupPolicy({ actor: await actor(ids.admin), tenantId: ids.tenant, now: at })).toEqual(before);
    await recordDenied(err as ForbiddenError, 'test');
    const denied = await db.auditEvent.findFirst({ where: { impersonationId: sam.impersonation!.id, action: 'access.denied' } });
    expect(denied).toMatchObject({ outcome: 'DENIED', actorUserId: ids.support, tenantId: ids.tenant, targetId: 'policies.update' });
  });

  it('an approver (never the support user) approves an elevation; then the change goes through, audited as support-as-user', async () => {
    const sam = await actor(ids.support);
    const sessionId = sam.impersonation!.id;
    await expect(requestElevation({ actor: sam, input: { sessionId, reason: 'short' } })).rejects.toBeInstanceOf(InputError);
    await requestElevation({ actor: sam, input: { sessionId, reason: 'Need to fix the retention the customer set by mistake' } });
    await expect(requestElevation({ actor: sam, input: { sessionId, reason: 'Asking twice is not allowed though' } })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(decideElevation({ actor: sam, input: { sessionId, decision: 'APPROVE', note: 'self' } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(decideElevation({ actor: await actor(ids.samApprover), input: { sessionId, decision: 'APPROVE', note: 'me again' } })).rejects.toThrow(
      /another account of yours/,
    );
    const paula = await actor(ids.approver);
    expect((await listPendingElevations({ actor: paula })).map((p) => p.sessionId)).toContain(sessionId);
    // Still read-only while pending.
    await expect(updateBackupPolicy({ actor: await actor(ids.support), tenantId: ids.tenant, input: policy })).rejects.toBeInstanceOf(ForbiddenError);
    await decideElevation({ actor: paula, input: { sessionId, decision: 'APPROVE', note: 'OK for SUP-4711' } });
    const elevated = await actor(ids.support);
    expect(elevated.impersonation).toMatchObject({ isElevated: true, elevationStatus: 'APPROVED' });
    await updateBackupPolicy({ actor: elevated, tenantId: ids.tenant, input: policy });
    expect(await getBackupPolicy({ actor: await actor(ids.admin), tenantId: ids.tenant })).toMatchObject({
      policy: { retention: { daily: 10 } },
      sources: { 'retention.daily': 'tenant' },
    });
    const row = await db.auditEvent.findFirst({ where: { impersonationId: sessionId, action: 'policy.backup_updated' } });
    expect(row).toMatchObject({ actorUserId: ids.support, tenantId: ids.tenant });
    expect(row!.metadata).toMatchObject({ impersonatedUser: { id: ids.admin, email: email('alice') }, after: { retention: { daily: 10 } } });
    // The expiry did not move.
    expect(elevated.impersonation!.expiresAt).toBe(sam.impersonation!.expiresAt);
  });

  it('stop ends the session on the next request and is audited', async () => {
    const sam = await actor(ids.support);
    const sessionId = sam.impersonation!.id;
    await expect(stopImpersonation({ actor: sam })).resolves.toEqual({ stopped: true });
    const after = await actor(ids.support);
    expect(after.impersonation).toBeNull();
    expect(after.memberships).toEqual([]);
    await expect(getTenantForActorOrThrow({ actor: after, slug, permission: 'tenant.read' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.auditEvent.count({ where: { impersonationId: sessionId, action: 'impersonation.stopped' } })).toBe(1);
    const list = await listSupportSessions({ actor: after });
    expect(list[0]).toMatchObject({ id: sessionId, state: 'ended', endReason: 'stopped', elevationStatus: 'APPROVED' });
  });
});

describe('expiry', () => {
  it('an expired session stops working on the next request and is audited once, as ended at its expiry', async () => {
    const { id } = await startImpersonation({ actor: await actor(ids.support), input: start(ids.viewer, { minutes: 5 }) });
    expect((await actor(ids.support)).impersonation?.id).toBe(id);
    const expiredAt = new Date(Date.now() - 1000);
    await db.impersonationSession.update({ where: { id }, data: { startedAt: new Date(expiredAt.getTime() - 5 * 60_000), expiresAt: expiredAt } });
    const t0 = Date.now();
    const next = await actor(ids.support);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(next.impersonation).toBeNull();
    await actor(ids.support); // a second request does not audit it twice
    const s = await db.impersonationSession.findUniqueOrThrow({ where: { id } });
    expect(s).toMatchObject({ endReason: 'expired' });
    expect(s.endedAt?.getTime()).toBe(expiredAt.getTime());
    expect(await db.auditEvent.count({ where: { impersonationId: id, action: 'impersonation.expired' } })).toBe(1);
  });
});

describe('the expiry sweep', () => {
  it('ends and audits sessions nobody came back to, once, however often it runs', async () => {
    const { id } = await startImpersonation({ actor: await actor(ids.support), input: start(ids.viewer, { minutes: 5 }) });
    const expiredAt = new Date(Date.now() - 1000);
    await db.impersonationSession.update({ where: { id }, data: { startedAt: new Date(expiredAt.getTime() - 5 * 60_000), expiresAt: expiredAt } });
    const [a, b] = await Promise.all([expireImpersonationSessions(), expireImpersonationSessions()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect(await db.impersonationSession.findUniqueOrThrow({ where: { id } })).toMatchObject({ endReason: 'expired', endedAt: expiredAt });
    expect(await db.auditEvent.count({ where: { impersonationId: id, action: 'impersonation.expired' } })).toBe(1);
    expect(await expireImpersonationSessions()).toBe(0);
  });
});

describe("the tenant's audit view", () => {
  it('shows every impersonated step with both identities, to the tenant admin only', async () => {
    const alice = await actor(ids.admin);
    const page = await listAuditEvents({ actor: alice, filter: { tenant: slug }, pageSize: 100 });
    const byAction = (a: string) => page.events.filter((e) => e.action === a);
    for (const a of [
      'impersonation.started',
      'impersonation.viewed',
      'access.denied',
      'impersonation.elevation_requested',
      'policy.backup_updated',
      'impersonation.stopped',
      'impersonation.expired',
    ]) {
      expect(byAction(a).length, a).toBeGreaterThan(0);
      for (const e of byAction(a)) {
        expect(e.actorEmail).toBe(email('sam'));
        expect(e.impersonation).toMatchObject({ supportEmail: email('sam'), ticketRef: 'SUP-4711' });
        expect([email('alice'), email('victor')]).toContain(e.impersonation!.impersonatedEmail);
      }
    }
    expect(byAction('impersonation.elevation_approved')[0]).toMatchObject({ actorEmail: email('paula'), impersonation: null });
    const victor = await actor(ids.viewer);
    await expect(listAuditEvents({ actor: victor, filter: { tenant: slug } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAuditEvents({ actor: alice, filter: {} })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('the chain is intact after all of it', async () => {
    expect(await verifyStoredAuditChain()).toMatchObject({ ok: true });
  });
});
