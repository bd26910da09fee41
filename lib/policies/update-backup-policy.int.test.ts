// The backup policy edit is the tenant mutation the impersonation rules are shown on; its own
// rules: tenant admins of the tenant only, the overrides resolved against the tenant's template
// (form fields or raw JSON/YAML, same checks), refused with field errors per leaf and nothing
// stored, audited with the overrides before → after.
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

const form = (fields: Record<string, unknown>) => ({ source: 'form' as const, fields });
const text = (format: 'json' | 'yaml', t: string) => ({ source: 'text' as const, format, text: t });
const valid = form({ 'schedule.cron': '30 1 * * 1-5', 'retention.daily': 20, 'schedule.fullEveryRuns': 5, 'onDemand.maxPerDay': 3, 'pitr.enabled': true });
const at = new Date('2026-12-01T12:00:00Z');

async function refusal(input: Parameters<typeof updateBackupPolicy>[0]['input']): Promise<InputError> {
  const admin = (await loadActor(ids.adminA))!;
  const before = await db.backupPolicy.findUnique({ where: { tenantId: ids.a } });
  const err = await updateBackupPolicy({ actor: admin, tenantId: ids.a, input }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  expect(await db.backupPolicy.findUnique({ where: { tenantId: ids.a } })).toEqual(before);
  return err as InputError;
}

describe('updateBackupPolicy', () => {
  it('refuses viewers and other tenants’ admins, and stores nothing', async () => {
    await expect(updateBackupPolicy({ actor: (await loadActor(ids.viewerA))!, tenantId: ids.a, input: valid })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateBackupPolicy({ actor: (await loadActor(ids.adminB))!, tenantId: ids.a, input: valid })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.backupPolicy.count({ where: { tenantId: ids.a } })).toBe(0);
  });

  it('refuses a bad cron, a bad time zone and out-of-bounds values with errors keyed by leaf', async () => {
    expect(Object.keys((await refusal(form({ 'schedule.cron': 'every night' }))).fieldErrors)).toEqual(['schedule.cron']);
    expect((await refusal(form({ 'schedule.timeZone': 'Mars/Olympus' }))).fieldErrors['schedule.timeZone']).toMatch(/time zone/i);
    // Silver (the default plan): daily 0–90, no more often than hourly.
    const err = await refusal(form({ 'retention.daily': 500, 'schedule.cron': '*/5 * * * *', 'onDemand.maxPerDay': 2 }));
    expect(Object.keys(err.fieldErrors).sort()).toEqual(['retention.daily', 'schedule.cron']);
    expect(err.fieldErrors['schedule.cron']).toMatch(/too often/);
    expect(err.fieldErrors['retention.daily']).toMatch(/bounds/);
  });

  it('refuses unknown keys (form and text) and unparsable JSON/YAML', async () => {
    expect((await refusal(form({ 'retention.hourly': 3 }))).fieldErrors['retention.hourly']).toMatch(/unknown/);
    const unknown = await refusal(text('json', '{"retention": {"daily": 3, "hourly": 5}, "lock": {"days": 0}}'));
    expect(Object.values(unknown.fieldErrors).join(' ')).toMatch(/hourly/);
    expect(Object.values(unknown.fieldErrors).join(' ')).toMatch(/lock/);
    expect((await refusal(text('yaml', 'retention: [daily: 3'))).fieldErrors.text).toMatch(/Not valid YAML/);
    expect((await refusal(text('json', '{"retention": '))).fieldErrors.text).toMatch(/Not valid JSON/);
    expect((await refusal(text('yaml', 'retention:\n  daily: lots\n'))).fieldErrors['retention.daily']).toMatch(/number/);
  });

  it('saves YAML and the form alike, reads back the effective policy with sources and next runs, and audits before → after', async () => {
    const admin = (await loadActor(ids.adminA))!;
    const yaml = "schedule:\n  cron: '0 4 * * *'\n  timeZone: Europe/Berlin\nretention:\n  daily: 20\n";
    const res = await updateBackupPolicy({ actor: admin, tenantId: ids.a, input: text('yaml', yaml) });
    expect(res.changed.sort()).toEqual(['retention.daily', 'schedule.cron', 'schedule.timeZone']);
    const view = await getBackupPolicy({ actor: admin, tenantId: ids.a, now: at });
    expect(view.template.name).toBe('silver');
    expect(view.policy.retention).toMatchObject({ daily: 20, keepLast: 7 });
    expect(view.sources).toMatchObject({ 'retention.daily': 'tenant', 'retention.keepLast': 'template', 'schedule.timeZone': 'tenant' });
    // 04:00 in Berlin is 03:00 UTC in December.
    expect(view.nextRuns).toEqual(['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'].map((d) => `${d}T03:00:00.000Z`));
    expect(view.overrides).toEqual({ schedule: { cron: '0 4 * * *', timeZone: 'Europe/Berlin' }, retention: { daily: 20 } });

    // The same policy from the form: nothing changes.
    const same = await updateBackupPolicy({
      actor: admin,
      tenantId: ids.a,
      input: form({ 'schedule.cron': '0 4 * * *', 'schedule.timeZone': 'Europe/Berlin', 'retention.daily': 20 }),
    });
    expect(same.changed).toEqual([]);
    await updateBackupPolicy({ actor: admin, tenantId: ids.a, input: form({ 'retention.daily': 30 }) });
    const last = await db.auditEvent.findFirst({ where: { tenantId: ids.a, action: 'policy.backup_updated' }, orderBy: { at: 'desc' } });
    expect(last).toMatchObject({ actorUserId: ids.adminA, outcome: 'ALLOWED' });
    expect(last!.metadata).toMatchObject({
      before: { schedule: { cron: '0 4 * * *', timeZone: 'Europe/Berlin' }, retention: { daily: 20 } },
      after: { retention: { daily: 30 } },
      changed: ['schedule.cron', 'schedule.timeZone', 'retention.daily'],
    });
  });
});
