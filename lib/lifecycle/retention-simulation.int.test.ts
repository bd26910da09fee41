import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { loadEffectivePolicy } from '@/lib/policies/load-effective-policy';
import { rng } from '../engine/testing/test-kit';
import { applyTenantRetention } from './apply-tenant-retention';
import { referenceExpired, type TRefSnapshot } from './testing/reference-retention';

// 400 simulated days at the catalog level: daily backups (catalog rows; some days two, some a
// failed run), a retention pass after each, random policy changes (retention overrides, the
// compliance lock), random legal holds and object locks. After every pass the catalog's expired
// set must equal an independent reference GFS model, and no held or locked snapshot is expired.
const run = randomBytes(4).toString('hex');
const seed = Number.parseInt(process.env.RETENTION_SIM_SEED ?? String(Date.now() % 1_000_000), 10);
const DAYS = Number.parseInt(process.env.RETENTION_SIM_DAYS ?? '400', 10);
const DAY = 86_400_000;
let tenantId: string;

beforeAll(async () => {
  const t = await db.tenant.create({
    data: { slug: `it-ret-${run}`, name: `it-ret-${run}`, region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: `it_ret_${run}` },
  });
  tenantId = t.id;
  await db.backupPolicy.create({ data: { tenantId } });
});

afterAll(async () => {
  if (tenantId) {
    for (const s of await db.snapshot.findMany({ where: { tenantId }, orderBy: { seq: 'desc' }, select: { id: true } }))
      await db.snapshot.delete({ where: { id: s.id } });
    await db.backupPolicy.deleteMany({ where: { tenantId } });
    await db.tenant.delete({ where: { id: tenantId } });
  }
  await db.$disconnect();
});

describe(`retention pass over ${DAYS} simulated days (seed ${seed})`, () => {
  it('the expired set always equals the reference GFS model; held and locked snapshots never expire', { timeout: 600_000 }, async () => {
    const rand = rng(seed);
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const start = Date.UTC(2025, 0, 1);
    const model: TRefSnapshot[] = [];
    let expected = new Set<string>();
    let seq = 0;
    let parent: string | null = null;
    let changes = 0;
    let totalExpired = 0;
    for (let day = 0; day < DAYS; day++) {
      // Backups of the day (catalog rows as a completed backup writes them).
      const runs = rand() < 0.15 ? 2 : rand() < 0.05 ? 0 : 1;
      for (let r = 0; r < runs; r++) {
        seq++;
        const at = new Date(start + day * DAY + int(0, 23) * 3_600_000 + r * 60_000 + int(0, 59_999));
        const failed = rand() < 0.05;
        const id = `sim-${run}-${String(seq).padStart(4, '0')}`;
        await db.snapshot.create({
          data: {
            id,
            tenantId,
            seq,
            kind: parent && seq % 7 !== 1 ? 'INCREMENTAL' : 'FULL',
            status: failed ? 'FAILED' : 'COMPLETED',
            parentId: failed ? null : parent,
            manifestKey: failed ? null : id,
            consistentAt: failed ? null : at,
            startedAt: at,
            finishedAt: at,
          },
        });
        model.push({ id, at, failed, held: false, lockedUntil: null });
        if (!failed) parent = id;
      }
      const now = new Date(start + day * DAY + 23 * 3_600_000 + 59 * 60_000);
      // Random policy changes within the default (silver) template's bounds.
      if (day === 0 || rand() < 0.06) {
        changes++;
        const retention = { keepLast: int(1, 10), daily: int(0, 20), weekly: int(0, 8), monthly: int(0, 6), yearly: int(0, 2), minAgeDays: int(0, 5) };
        await db.backupPolicy.update({ where: { tenantId }, data: { overrides: { retention } } });
      }
      if (rand() < 0.03) await db.tenant.update({ where: { id: tenantId }, data: { retentionLockDays: [0, 0, 3, 15][int(0, 3)]! } });
      const live = model.filter((s) => !expected.has(s.id));
      if (live.length > 0 && rand() < 0.04) {
        const s = live[int(0, live.length - 1)]!;
        s.held = true;
        await db.snapshot.update({ where: { id: s.id }, data: { holdReason: `case ${day}`, heldAt: now } });
      }
      if (live.length > 0 && rand() < 0.04) {
        const s = live[int(0, live.length - 1)]!;
        s.lockedUntil = new Date(now.getTime() + int(1, 40) * DAY);
        await db.snapshot.update({ where: { id: s.id }, data: { lockedUntil: s.lockedUntil } });
      }
      if (rand() < 0.02) {
        const held = model.filter((s) => s.held);
        if (held.length > 0) {
          const s = held[int(0, held.length - 1)]!;
          s.held = false;
          await db.snapshot.update({ where: { id: s.id }, data: { holdReason: null, heldAt: null } });
        }
      }

      const policy = await loadEffectivePolicy(db, tenantId, now);
      expect(policy.policy.schedule.timeZone).toBe('UTC');
      const pass = await applyTenantRetention({ tenantId, now });
      totalExpired += pass.expired.length;
      const before = expected;
      expected = referenceExpired({ snapshots: model, rule: policy.policy.retention, complianceDays: policy.complianceDays, now, expired: before });

      const rows = await db.snapshot.findMany({
        where: { tenantId },
        select: { id: true, expiredAt: true, expiryReason: true, holdReason: true, lockedUntil: true },
      });
      const actual = new Set(rows.filter((r) => r.expiredAt).map((r) => r.id));
      const diff = {
        day,
        onlyCatalog: [...actual].filter((id) => !expected.has(id)),
        onlyReference: [...expected].filter((id) => !actual.has(id)),
      };
      expect(diff).toEqual({ day, onlyCatalog: [], onlyReference: [] });
      // Newly expired this pass: never held, never under an object lock.
      const fresh = new Set(pass.expired.map((e) => e.id));
      for (const r of rows.filter((x) => fresh.has(x.id))) {
        expect(r.holdReason, `held snapshot ${r.id} expired on day ${day}`).toBeNull();
        expect(r.lockedUntil === null || r.lockedUntil <= now, `locked snapshot ${r.id} expired on day ${day}`).toBe(true);
        expect(r.expiryReason).toBeTruthy();
      }
      // Never un-expired.
      for (const id of before) expect(actual.has(id)).toBe(true);
    }
    // The run exercised something: many expiries, several policy changes, and every expiry audited.
    expect(totalExpired).toBeGreaterThan(DAYS / 2);
    expect(changes).toBeGreaterThan(5);
    const audited = await db.auditEvent.count({ where: { tenantId, action: 'snapshot.expired' } });
    expect(audited).toBe(totalExpired);
  });
});
