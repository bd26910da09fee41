import { hashPassword } from '../../lib/auth/password';
import { BUILT_IN_TEMPLATES } from '../../lib/policies/policy-templates';
import type { db as TDb } from '../../lib/db';
import { DEMO_TENANTS } from './demo-tenants';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';

type TDb = typeof TDb;

/** Idempotent: upserts demo tenants, their policies, users, memberships and platform roles. */
export async function seedCatalog(db: TDb, opts: { dbSuffix?: string; log?: (s: string) => void } = {}): Promise<void> {
  const log = opts.log ?? console.log;
  const suffix = opts.dbSuffix ?? '';
  const tenantIds = new Map<string, string>();
  const templateIds = new Map<string, string>();
  for (const t of BUILT_IN_TEMPLATES) {
    const row = await db.policyTemplate.upsert({
      where: { name: t.name },
      create: { name: t.name, label: t.label, description: t.description, defaults: t.defaults, bounds: t.bounds },
      update: {},
    });
    templateIds.set(t.name, row.id);
  }
  for (const t of DEMO_TENANTS) {
    const mapping = {
      tenancyModel: t.tenancy.model,
      database: t.tenancy.database + suffix,
      collectionPrefix: t.tenancy.model === 'COLLECTION_PREFIX' ? t.tenancy.collectionPrefix : null,
      tenantField: t.tenancy.model === 'SHARED_FIELD' ? t.tenancy.tenantField : null,
      tenantValue: t.tenancy.model === 'SHARED_FIELD' ? t.tenancy.tenantValue : null,
      restoreDatabases: (t.restoreDatabases ?? []).map((d) => d + suffix),
      policyTemplateId: templateIds.get(t.plan) ?? null,
    };
    const row = await db.tenant.upsert({
      where: { slug: t.slug },
      create: { slug: t.slug, name: t.name, region: t.region, costCenter: t.costCenter, ...mapping },
      update: { name: t.name, region: t.region, costCenter: t.costCenter, ...mapping },
    });
    tenantIds.set(t.slug, row.id);
    await db.backupPolicy.upsert({ where: { tenantId: row.id }, create: { tenantId: row.id }, update: {} });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const user = await db.user.upsert({
      where: { email: u.email },
      create: { email: u.email, name: u.name, passwordHash, personId: u.personId ?? null },
      update: { name: u.name, isActive: true, personId: u.personId ?? null },
    });
    for (const m of u.memberships ?? []) {
      const tenantId = tenantIds.get(m.tenant);
      if (!tenantId) throw new Error(`Demo user ${u.email} names unknown tenant ${m.tenant}`);
      await db.membership.upsert({
        where: { userId_tenantId: { userId: user.id, tenantId } },
        create: { userId: user.id, tenantId, role: m.role },
        update: { role: m.role },
      });
    }
    for (const role of u.platformRoles ?? []) {
      await db.platformRoleGrant.upsert({
        where: { userId_role: { userId: user.id, role } },
        create: { userId: user.id, role },
        update: { revokedAt: null },
      });
    }
  }
  log(`catalog: ${BUILT_IN_TEMPLATES.length} policy templates, ${DEMO_TENANTS.length} tenants, ${DEMO_USERS.length} users`);
}
