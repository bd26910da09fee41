// Listing and exporting the audit log: tenant admins see only their own tenant, platform
// auditors any tenant or all; filters by tenant and time apply; both formats carry the chain
// columns; the export itself is audited. Sign-in attempts (success and failure) are recorded.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/assert-can';
import { loadActor } from '@/lib/session/get-current-actor';
import { authOptions } from '@/lib/session/options';
import { hashPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { InputError } from '@/lib/errors';
import { recordAudit } from './append-audit';
import { csvCell, exportAuditEvents } from './export-audit-events';
import { listAuditEvents } from './list-audit-events';
import { testAuditAction } from './testing/test-audit-action';

const run = randomUUID().slice(0, 8);
const slugs = { a: `it-exa-${run}`, b: `it-exb-${run}` };
const email = (n: string) => `${n}-${run}@it.example`;
const ids = {} as Record<'a' | 'b' | 'adminA' | 'auditor', string>;

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

beforeAll(async () => {
  for (const k of ['a', 'b'] as const) {
    ids[k] = (
      await db.tenant.create({ data: { slug: slugs[k], name: slugs[k], region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: `it_ex_${k}` } })
    ).id;
  }
  ids.adminA = (
    await db.user.create({
      data: {
        email: email('adm'),
        name: 'Adm',
        passwordHash: await hashPassword('right-password'),
        memberships: { create: { tenantId: ids.a, role: 'TENANT_ADMIN' } },
      },
    })
  ).id;
  ids.auditor = (await db.user.create({ data: { email: email('ada'), name: 'Ada', platformRoles: { create: { role: 'PLATFORM_ADMIN' } } } })).id;
  for (const [k, n] of [
    ['a', 3],
    ['b', 2],
  ] as const) {
    for (let i = 0; i < n; i++)
      await recordAudit(db, {
        action: testAuditAction('test.export'),
        tenantId: ids[k],
        targetId: `${run}-${k}-${i}`,
        metadata: { note: i === 0 ? '=HYPERLINK("x")' : `n${i}` },
      });
  }
});

afterAll(async () => {
  await db.user.deleteMany({ where: { email: { endsWith: `${run}@it.example` } } });
  await db.tenant.deleteMany({ where: { slug: { in: Object.values(slugs) } } });
  await db.$disconnect();
});

describe('audit listing and export', () => {
  it('a tenant admin reads and exports only their own tenant', async () => {
    const adm = (await loadActor(ids.adminA))!;
    const page = await listAuditEvents({ actor: adm, filter: { tenant: slugs.a } });
    expect(
      page.events
        .filter((e) => e.action === 'test.export')
        .map((e) => e.targetId)
        .sort(),
    ).toEqual([`${run}-a-0`, `${run}-a-1`, `${run}-a-2`]);
    await expect(listAuditEvents({ actor: adm, filter: { tenant: slugs.b } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(exportAuditEvents({ actor: adm, filter: { tenant: slugs.b }, format: 'csv' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(exportAuditEvents({ actor: adm, filter: {}, format: 'csv' })).rejects.toBeInstanceOf(ForbiddenError);
    const out = await exportAuditEvents({ actor: adm, filter: { tenant: slugs.a }, format: 'jsonl' });
    const lines = (await text(out.stream))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { tenantId: string; action: string; hash: string; prevHash: string });
    expect(lines.every((l) => l.tenantId === ids.a)).toBe(true);
    expect(lines.filter((l) => l.action === 'test.export')).toHaveLength(3);
    expect(lines[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.auditEvent.count({ where: { action: 'audit.exported', actorUserId: ids.adminA, tenantId: ids.a } })).toBe(1);
  });

  it('a platform auditor exports CSV for any tenant, filtered by time, with formula cells neutralised', async () => {
    const ada = (await loadActor(ids.auditor))!;
    const out = await exportAuditEvents({ actor: ada, filter: { tenant: slugs.b }, format: 'csv' });
    const rows = (await text(out.stream)).trim().split('\r\n');
    expect(rows[0]).toBe('id,at,action,outcome,actorUserId,actorEmail,tenantId,impersonationId,targetType,targetId,origin,metadata,prevHash,hash');
    expect(rows.slice(1).filter((r) => r.includes('test.export'))).toHaveLength(2);
    expect(rows.slice(1).every((r) => r.includes(ids.b))).toBe(true);
    const future = new Date(Date.now() + 86_400_000 * 2).toISOString();
    const none = await exportAuditEvents({ actor: ada, filter: { tenant: slugs.b, from: future }, format: 'csv' });
    expect((await text(none.stream)).trim().split('\r\n')).toHaveLength(1);
    await expect(listAuditEvents({ actor: ada, filter: { from: 'yesterday-ish' } })).rejects.toBeInstanceOf(InputError);
    await expect(listAuditEvents({ actor: ada, filter: { from: '2026-11-25', to: '2026-11-24' } })).rejects.toBeInstanceOf(InputError);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell({ a: 'b,c' })).toBe('"{""a"":""b,c""}"');
  });
});

describe('sign-in is audited', () => {
  it('records a failed and a successful credentials sign-in', async () => {
    const provider = authOptions().providers.find((p) => p.id === 'credentials') as unknown as {
      options: { authorize: (c: unknown, req: unknown) => Promise<{ id: string } | null> };
    };
    const req = { headers: { 'x-vaultline-peer': '203.0.113.9', 'x-forwarded-for': '198.51.100.9', 'user-agent': 'vitest' } };
    expect(await provider.options.authorize({ email: email('adm'), password: 'wrong' }, req)).toBeNull();
    expect(await provider.options.authorize({ email: email('adm'), password: 'right-password' }, req)).toEqual({ id: ids.adminA });
    const events = await db.auditEvent.findMany({ where: { actorEmail: email('adm'), action: { startsWith: 'auth.' } }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ['auth.sign_in_failed', 'DENIED'],
      ['auth.sign_in', 'ALLOWED'],
    ]);
    expect(events[0]!.metadata).toMatchObject({ reason: 'wrong-password' });
    expect(events[1]!.origin).toContain('ip=203.0.113.9');
  });
});
