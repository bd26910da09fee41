// Compliance lock (platform admin raises; lowering = proposal + a different person's approval;
// tenant admins never) and legal hold (platform admin, reason required, audited); the retention
// preview equals what decideRetention expires over the same catalog rows.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ForbiddenError } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError, InputError } from '@/lib/errors';
import { decideRetention, RETENTION_ROW_SELECT } from '@/lib/lifecycle/decide-retention';
import { loadActor } from '@/lib/session/get-current-actor';
import { decideRetentionLockChange } from './decide-retention-lock-change';
import { loadEffectivePolicy, loadPolicyContext } from './load-effective-policy';
import { resolveEffectivePolicy } from './effective-policy';
import { placeLegalHold } from './place-legal-hold';
import { previewRetention } from '@/lib/retention-view/preview-retention';
import { removeLegalHold } from './remove-legal-hold';
import { setRetentionLock } from './set-retention-lock';

// The server action's chain with a signed-in user (next-auth's session mocked as in the authz matrix test).
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('next-auth', async (importOriginal) => {
  const orig = await importOriginal<typeof import('next-auth')>();
  return { ...orig, getServerSession: vi.fn(async () => (session.userId ? { user: { id: session.userId } } : null)) };
});
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }),
  cookies: async () => ({ getAll: () => [], get: () => undefined, has: () => false }),
}));

const run = randomUUID().slice(0, 8);
const slug = `it-lock-${run}`;
const ids = {} as Record<'tenant' | 'admin' | 'tenantAdmin' | 'approver' | 'approverSamePerson' | 'viewer', string>;
const snaps: { id: string; seq: number }[] = [];
const DAY = 86_400_000;
const now = new Date('2026-12-01T12:00:00Z');
const actor = async (id: string) => (await loadActor(id))!;

beforeAll(async () => {
  ids.tenant = (
    await db.tenant.create({ data: { slug, name: slug, region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: `it_lock_${run}` } })
  ).id;
  const mk = async (n: string, data: Record<string, unknown>) => (await db.user.create({ data: { email: `${n}-${run}@it.example`, name: n, ...data } })).id;
  const person = `person-${run}`;
  ids.admin = await mk('pat', { personId: person, platformRoles: { create: { role: 'PLATFORM_ADMIN' } } });
  ids.approverSamePerson = await mk('pat2', { personId: person, platformRoles: { create: { role: 'APPROVER' } } });
  ids.approver = await mk('paula', { platformRoles: { create: { role: 'APPROVER' } } });
  ids.tenantAdmin = await mk('tina', { memberships: { create: { tenantId: ids.tenant, role: 'TENANT_ADMIN' } } });
  ids.viewer = await mk('vic', { memberships: { create: { tenantId: ids.tenant, role: 'TENANT_VIEWER' } } });
  // Ten daily completed snapshots, newest first (seq 10 = today).
  for (let d = 9; d >= 0; d--) {
    const s = await db.snapshot.create({
      data: { tenantId: ids.tenant, seq: 10 - d, kind: 'FULL', status: 'COMPLETED', consistentAt: new Date(now.getTime() - d * DAY - 3600_000) },
    });
    snaps.push({ id: s.id, seq: s.seq });
  }
});

afterAll(async () => {
  await db.snapshot.deleteMany({ where: { tenantId: ids.tenant } });
  await db.retentionLockChange.deleteMany({ where: { tenantId: ids.tenant } });
  await db.auditEvent.deleteMany({ where: { tenantId: ids.tenant } }).catch(() => undefined);
  await db.user.deleteMany({ where: { email: { endsWith: `${run}@it.example` } } });
  await db.tenant.deleteMany({ where: { slug } });
  await db.$disconnect();
});

const lockDays = async () => (await db.tenant.findUniqueOrThrow({ where: { id: ids.tenant } })).retentionLockDays;
const seqOf = (id: string) => snaps.find((s) => s.id === id)!.seq;

describe('retention preview', () => {
  const proposal = { retention: { keepLast: 1, daily: 3, weekly: 0, monthly: 0 } };

  it('expires exactly what decideRetention expires for the proposed policy, and marks nothing', async () => {
    const preview = await previewRetention({ actor: await actor(ids.viewer), tenantId: ids.tenant, overrides: proposal, now });
    expect(preview.problems).toEqual([]);
    // keep the newest 3 days (seq 10, 9, 8); the other seven expire.
    expect(preview.expire.map((s) => s.seq)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(preview.keep.map((s) => s.seq)).toEqual([10, 9, 8]);
    const ctx = await loadPolicyContext(db, ids.tenant);
    const rows = await db.snapshot.findMany({ where: { tenantId: ids.tenant }, select: RETENTION_ROW_SELECT });
    const decided = decideRetention({ rows, policy: resolveEffectivePolicy({ template: ctx.template, overrides: proposal, now }), now });
    expect(preview.expire.map((s) => s.id).sort()).toEqual([...decided.newlyExpired].sort());
    expect(await db.snapshot.count({ where: { tenantId: ids.tenant, expiredAt: { not: null } } })).toBe(0);
  });

  it('reports problems of the proposal and refuses another tenant’s members', async () => {
    const p = await previewRetention({ actor: await actor(ids.viewer), tenantId: ids.tenant, overrides: { retention: { daily: 9999 } }, now });
    expect(p.problems.map((x) => x.leaf)).toEqual(['retention.daily']);
    await expect(previewRetention({ actor: await actor(ids.approver), tenantId: ids.tenant, overrides: {}, now })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('keeps held snapshots and those under the compliance lock', async () => {
    await db.snapshot.update({ where: { id: snaps[0]!.id }, data: { holdReason: 'case 1' } });
    await db.tenant.update({ where: { id: ids.tenant }, data: { retentionLockDays: 5 } });
    try {
      const preview = await previewRetention({ actor: await actor(ids.viewer), tenantId: ids.tenant, overrides: proposal, now });
      // seq 1 held; seq 6..10 younger than the 5-day lock → kept; 2..5 (5 days + 1 h and older) expire.
      expect(preview.expire.map((s) => s.seq)).toEqual([5, 4, 3, 2]);
      expect(preview.keep.find((s) => s.seq === 6)!.reasons.join(' ')).toMatch(/compliance lock/);
      expect(preview.keep.find((s) => s.seq === 1)!.reasons.join(' ')).toMatch(/held: case 1/);
    } finally {
      await db.snapshot.update({ where: { id: snaps[0]!.id }, data: { holdReason: null } });
      await db.tenant.update({ where: { id: ids.tenant }, data: { retentionLockDays: 0 } });
    }
  });
});

describe('compliance lock', () => {
  it('a platform admin raises the lock at once (audited); a tenant admin can never set it', async () => {
    await expect(
      setRetentionLock({ actor: await actor(ids.tenantAdmin), input: { tenantId: ids.tenant, days: 0, reason: 'we want less' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setRetentionLock({ actor: await actor(ids.admin), input: { tenantId: ids.tenant, days: 30, reason: 'x' } })).rejects.toBeInstanceOf(
      InputError,
    );
    expect(await setRetentionLock({ actor: await actor(ids.admin), input: { tenantId: ids.tenant, days: 30, reason: 'SEC-17a retention' } })).toEqual({
      applied: true,
      days: 30,
    });
    expect(await lockDays()).toBe(30);
    expect((await loadEffectivePolicy(db, ids.tenant)).complianceDays).toBe(30);
    const row = await db.auditEvent.findFirst({ where: { tenantId: ids.tenant, action: 'policy.lock_raised' } });
    expect(row).toMatchObject({ actorUserId: ids.admin, metadata: { fromDays: 0, toDays: 30, reason: 'SEC-17a retention' } });
  });

  it('a tenant admin calling the boundary is refused and audited DENIED; the lock is unchanged', async () => {
    // lib/ never imports app/ statically: the action module is loaded by path, as the authz matrix does.
    const mod = (await import(/* @vite-ignore */ path.join(path.resolve(__dirname, '../..'), 'app/(admin)/admin/retention/actions.ts'))) as {
      setRetentionLockAction: (input: unknown) => Promise<unknown>;
    };
    session.userId = ids.tenantAdmin;
    const result = await mod.setRetentionLockAction({ tenantId: ids.tenant, days: 0, reason: 'lower it please' });
    session.userId = null;
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await lockDays()).toBe(30);
    const denied = await db.auditEvent.findFirst({ where: { actorUserId: ids.tenantAdmin, action: 'access.denied' }, orderBy: { at: 'desc' } });
    expect(denied).toMatchObject({ outcome: 'DENIED' });
  });

  it('lowering needs a proposal by a platform admin and an approval by a different person', async () => {
    const proposed = await setRetentionLock({ actor: await actor(ids.admin), input: { tenantId: ids.tenant, days: 7, reason: 'contract ended' } });
    expect(proposed).toMatchObject({ applied: false, fromDays: 30, toDays: 7 });
    if (proposed.applied) throw new Error('unreachable');
    expect(await lockDays()).toBe(30);
    await expect(
      setRetentionLock({ actor: await actor(ids.admin), input: { tenantId: ids.tenant, days: 3, reason: 'second proposal' } }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // The proposer cannot approve (no approver role); another account of the same person cannot either.
    await expect(
      decideRetentionLockChange({ actor: await actor(ids.admin), input: { changeId: proposed.changeId, decision: 'APPROVE' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const samePerson = await decideRetentionLockChange({
      actor: await actor(ids.approverSamePerson),
      input: { changeId: proposed.changeId, decision: 'APPROVE' },
    }).catch((e: unknown) => e);
    expect(samePerson).toBeInstanceOf(AppError);
    expect((samePerson as AppError).code).toBe('FORBIDDEN');
    expect(await lockDays()).toBe(30);
    const ok = await decideRetentionLockChange({
      actor: await actor(ids.approver),
      input: { changeId: proposed.changeId, decision: 'APPROVE', note: 'checked the contract' },
    });
    expect(ok).toMatchObject({ status: 'APPROVED', days: 7 });
    expect(await lockDays()).toBe(7);
    await expect(
      decideRetentionLockChange({ actor: await actor(ids.approver), input: { changeId: proposed.changeId, decision: 'REJECT' } }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const audit = await db.auditEvent.findMany({ where: { tenantId: ids.tenant, action: { startsWith: 'policy.lock_' } }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['policy.lock_raised', 'policy.lock_lower_proposed', 'policy.lock_lower_approved']);
    expect(audit[2]).toMatchObject({ actorUserId: ids.approver });
  });
});

describe('legal hold', () => {
  it('a platform admin places and removes a hold with a reason (required), audited; others are refused', async () => {
    const target = snaps[3]!.id;
    await expect(placeLegalHold({ actor: await actor(ids.tenantAdmin), input: { snapshotId: target, reason: 'litigation 42' } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const noReason = await placeLegalHold({ actor: await actor(ids.admin), input: { snapshotId: target, reason: '  ' } }).catch((e: unknown) => e);
    expect(noReason).toBeInstanceOf(InputError);
    expect((noReason as InputError).fieldErrors.reason).toMatch(/reason/);
    expect((await db.snapshot.findUniqueOrThrow({ where: { id: target } })).holdReason).toBeNull();

    const placed = await placeLegalHold({ actor: await actor(ids.admin), input: { snapshotId: target, reason: 'litigation 42' } });
    expect(placed.seq).toBe(seqOf(target));
    expect(await db.snapshot.findUniqueOrThrow({ where: { id: target } })).toMatchObject({ holdReason: 'litigation 42', heldById: ids.admin });
    await expect(placeLegalHold({ actor: await actor(ids.admin), input: { snapshotId: target, reason: 'again, twice' } })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // Retention keeps it whatever the policy says.
    const preview = await previewRetention({
      actor: await actor(ids.viewer),
      tenantId: ids.tenant,
      overrides: { retention: { keepLast: 1, daily: 0, weekly: 0, monthly: 0 } },
      now: new Date(now.getTime() + 400 * DAY),
    });
    expect(preview.expire.map((s) => s.id)).not.toContain(target);
    expect(preview.keep.map((s) => s.id)).toContain(target);

    await expect(removeLegalHold({ actor: await actor(ids.admin), input: { snapshotId: target, reason: '' } })).rejects.toBeInstanceOf(InputError);
    await removeLegalHold({ actor: await actor(ids.admin), input: { snapshotId: target, reason: 'case closed' } });
    expect((await db.snapshot.findUniqueOrThrow({ where: { id: target } })).holdReason).toBeNull();
    const audit = await db.auditEvent.findMany({ where: { tenantId: ids.tenant, targetId: target }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => [a.action, (a.metadata as { reason?: string }).reason])).toEqual([
      ['snapshot.hold_placed', 'litigation 42'],
      ['snapshot.hold_removed', 'case closed'],
    ]);
  });
});
