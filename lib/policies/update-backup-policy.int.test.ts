// The backup policy edit is the tenant mutation the impersonation rules are shown on; its own
// rules: tenant admins of the tenant only, validated input, audited with old → new values.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/assert-can';
import { loadActor } from '@/lib/session/get-current-actor';
import { db } from '@/lib/db';
import { InputError } from '@/lib/errors';
import { getBackupPolicy } from './get-backup-policy';
import { updateBackupPolicy } from './update-backup-policy';

const run = randomUUID().slice(0, 8);
const slugs = { a: `it-pola-${run}`, b: `it-polb-${run}` };
const ids = {} as Record<'a' | 'b' | 'adminA' | 'viewerA' | 'adminB', string>;
const valid = { schedule: '30 1 * * 1-5', retentionDays: 60, fullEvery: 5, maxOnDemandPerDay: 3, pitrEnabled: true };

beforeAll(async () => {
  for (const k of ['a', 'b'] as const) {
    ids[k] = (
      await db.tenant.create({ data: { slug: slugs[k], name: slugs[k], region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: `it_pol_${k}` } })
    ).id;
  }
  const mk = async (n: string, tenantId: string, role: 'TENANT_ADMIN' | 'TENANT_VIEWER') =>
    (await db.user.create({ data: { email: `${n}-${run}@it.example`, name: n, memberships: { create: { tenantId, role } } } })).id;
  ids.adminA = await mk('adma', ids.a, 'TENANT_ADMIN');
  ids.viewerA = await mk('viewa', ids.a, 'TENANT_VIEWER');
  ids.adminB = await mk('admb', ids.b, 'TENANT_ADMIN');
});

afterAll(async () => {
  await db.backupPolicy.deleteMany({ where: { tenantId: { in: [ids.a, ids.b] } } });
  await db.user.deleteMany({ where: { email: { endsWith: `${run}@it.example` } } });
  await db.tenant.deleteMany({ where: { slug: { in: Object.values(slugs) } } });
  await db.$disconnect();
});

describe('updateBackupPolicy', () => {
  it('refuses viewers and admins of another tenant, and changes nothing', async () => {
    await expect(updateBackupPolicy({ actor: (await loadActor(ids.viewerA))!, tenantId: ids.a, input: valid })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateBackupPolicy({ actor: (await loadActor(ids.adminB))!, tenantId: ids.a, input: valid })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.backupPolicy.count({ where: { tenantId: ids.a } })).toBe(0);
  });

  it('rejects bad input field by field, and changes nothing', async () => {
    const err = await updateBackupPolicy({
      actor: (await loadActor(ids.adminA))!,
      tenantId: ids.a,
      input: { ...valid, schedule: 'every night', retentionDays: 0, maxOnDemandPerDay: 100 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(Object.keys((err as InputError).fieldErrors).sort()).toEqual(['maxOnDemandPerDay', 'retentionDays', 'schedule']);
    expect(await db.backupPolicy.count({ where: { tenantId: ids.a } })).toBe(0);
  });

  it('saves for the tenant admin and audits old → new in the same transaction', async () => {
    const admin = (await loadActor(ids.adminA))!;
    const res = await updateBackupPolicy({ actor: admin, tenantId: ids.a, input: valid });
    expect(res.changed.sort()).toEqual(Object.keys(valid).sort());
    expect(await getBackupPolicy({ actor: admin, tenantId: ids.a })).toMatchObject(valid);
    await updateBackupPolicy({ actor: admin, tenantId: ids.a, input: { ...valid, retentionDays: 90 } });
    const last = await db.auditEvent.findFirst({ where: { tenantId: ids.a, action: 'policy.backup_updated' }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ actorUserId: ids.adminA, impersonationId: null });
    expect(last!.metadata).toEqual({ changes: { retentionDays: { from: 60, to: 90 } } });
  });
});
