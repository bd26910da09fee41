// Integration test for the catalog client: needs DATABASE_URL pointing at a migrated database
// (`npm run services -- start` and `npm run db:migrate`, or `bash scripts/prisma.sh migrate deploy`).
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Prisma, SnapshotKind, SnapshotStatus, TenancyModel, TenantRole, TenantStatus, db } from './index';
import { recordAudit } from '../audit/append-audit';
import { testAuditAction } from '../audit/testing/test-audit-action';

/** Thrown inside a transaction to roll it back on purpose. */
class Rollback extends Error {}

const suffix = randomUUID().slice(0, 8);

function tenantData(slug: string) {
  return {
    slug,
    name: `Test tenant ${slug}`,
    tenancyModel: TenancyModel.SHARED_FIELD,
    database: 'shared',
    tenantField: 'tenantId',
    tenantValue: slug,
    region: 'eu-west-1',
    costCenter: 'CC-TEST',
  } satisfies Prisma.TenantCreateInput;
}

afterAll(async () => {
  // Belt and braces: nothing below should survive, whatever failed.
  await db.membership.deleteMany({ where: { tenant: { slug: { endsWith: suffix } } } });
  await db.snapshot.deleteMany({ where: { tenant: { slug: { endsWith: suffix } } } });
  await db.tenant.deleteMany({ where: { slug: { endsWith: suffix } } });
  await db.user.deleteMany({ where: { email: { endsWith: `${suffix}@example.test` } } });
  await db.$disconnect();
});

describe('catalog database (lib/db)', () => {
  it('round-trips a tenant, a user and a membership inside a transaction that is rolled back', async () => {
    const slug = `rt-${suffix}`;
    const email = `rt-${suffix}@example.test`;
    let seen: { tenantId: string; userId: string } | undefined;

    await expect(
      db.$transaction(async (tx) => {
        const tenant = await tx.tenant.create({ data: tenantData(slug) });
        const user = await tx.user.create({ data: { email, name: 'Round Trip' } });
        await tx.membership.create({ data: { userId: user.id, tenantId: tenant.id, role: TenantRole.TENANT_ADMIN } });

        const back = await tx.tenant.findUniqueOrThrow({
          where: { slug },
          include: { memberships: { include: { user: true } } },
        });
        expect(back).toMatchObject({
          id: tenant.id,
          tenancyModel: 'SHARED_FIELD',
          tenantField: 'tenantId',
          tenantValue: slug,
          collectionPrefix: null,
          status: TenantStatus.ACTIVE, // default
        });
        expect(back.id).toMatch(/^c[a-z0-9]{20,}$/); // cuid
        expect(back.createdAt).toBeInstanceOf(Date);
        expect(back.updatedAt).toBeInstanceOf(Date);
        expect(back.memberships).toHaveLength(1);
        expect(back.memberships[0]).toMatchObject({ role: 'TENANT_ADMIN', user: { email, isActive: true, passwordHash: null } });

        seen = { tenantId: tenant.id, userId: user.id };
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);

    expect(seen).toBeDefined();
    expect(await db.tenant.findUnique({ where: { id: seen!.tenantId } })).toBeNull();
    expect(await db.user.findUnique({ where: { id: seen!.userId } })).toBeNull();
    expect(await db.membership.count({ where: { tenantId: seen!.tenantId } })).toBe(0);
  });

  it('commits, enforces uniqueness, cascades memberships, and maps BigInt/Json/Bytes', async () => {
    const slug = `c-${suffix}`;
    const tenant = await db.tenant.create({
      data: { ...tenantData(slug), backupPolicy: { create: {} } },
      include: { backupPolicy: true },
    });
    try {
      expect(tenant.backupPolicy).toMatchObject({ overrides: {}, approvalsLowRisk: 1, approvalsHighRisk: 2 });

      const user = await db.user.create({
        data: { email: `c-${suffix}@example.test`, name: 'Committed', memberships: { create: { tenantId: tenant.id, role: 'TENANT_VIEWER' } } },
      });

      // Unique (userId, tenantId) → P2002.
      const dup = await db.membership.create({ data: { userId: user.id, tenantId: tenant.id, role: 'TENANT_ADMIN' } }).catch((e: unknown) => e);
      expect(dup).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect((dup as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');

      const big = 2n ** 53n + 7n; // beyond Number.MAX_SAFE_INTEGER
      const snap = await db.snapshot.create({
        data: {
          tenantId: tenant.id,
          seq: 1,
          kind: SnapshotKind.FULL,
          status: SnapshotStatus.COMPLETED,
          logicalBytes: big,
          collections: {
            create: {
              tenantId: tenant.id,
              namespace: 'orders',
              documents: 3n,
              logicalBytes: 10n,
              storedBytes: 5n,
              indexes: [{ key: { _id: 1 }, name: '_id_' }],
            },
          },
        },
        include: { collections: true },
      });
      expect(snap.logicalBytes).toBe(big);
      expect(snap.documents).toBe(0n);
      expect(snap.collections[0]?.indexes).toEqual([{ key: { _id: 1 }, name: '_id_' }]);

      const key = await db.tenantKey.create({
        data: { tenantId: tenant.id, version: 1, kekId: 'local:test', wrappedKey: new Uint8Array([0, 1, 254, 255]), algorithm: 'AES-256-GCM' },
      });
      expect(Array.from(key.wrappedKey)).toEqual([0, 1, 254, 255]);

      const job = await db.job.create({ data: { tenantId: tenant.id, type: 'BACKUP', payload: { full: true } } });
      expect(job).toMatchObject({ status: 'QUEUED', attempts: 0, conditions: [] });

      // Audit rows go through appendAudit (the chain) and are append-only: no cleanup possible.
      const audit = await recordAudit(db, { action: testAuditAction('test.roundtrip'), tenantId: tenant.id, targetId: suffix });
      expect(typeof audit.id).toBe('bigint');
      expect(audit).toMatchObject({ outcome: 'ALLOWED', metadata: {} });
      await expect(db.auditEvent.delete({ where: { id: audit.id } })).rejects.toThrow();

      await db.job.delete({ where: { id: job.id } });
      await db.tenantKey.delete({ where: { id: key.id } });
      await db.snapshot.delete({ where: { id: snap.id } }); // cascades its collections
      await db.user.delete({ where: { id: user.id } }); // cascades the membership
      expect(await db.membership.count({ where: { tenantId: tenant.id } })).toBe(0);
    } finally {
      await db.snapshot.deleteMany({ where: { tenantId: tenant.id } });
      await db.tenantKey.deleteMany({ where: { tenantId: tenant.id } });
      await db.job.deleteMany({ where: { tenantId: tenant.id } });
      await db.tenant.delete({ where: { id: tenant.id } }); // cascades policy and memberships
    }
  });
});
