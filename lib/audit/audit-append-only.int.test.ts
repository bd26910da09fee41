// The application's database role cannot rewrite history: the migration
// 20261124140000_audit_append_only revokes UPDATE/DELETE/TRUNCATE on audit_events from the role
// the app connects as (here: DATABASE_URL's role, which also runs the migrations) and adds
// triggers refusing them for anyone, plus a trigger that makes every INSERT chain onto the
// newest row. Remove that migration and every test here fails: the UPDATE/DELETE would succeed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { recordAudit } from './append-audit';
import { verifyStoredAuditChain } from './verify-stored-audit-chain';
import { testAuditAction } from './testing/test-audit-action';

const run = randomUUID().slice(0, 8);
let rowId: bigint;

beforeAll(async () => {
  const row = await recordAudit(db, { action: testAuditAction('test.append-only'), targetId: run, metadata: { run } });
  rowId = row.id;
});

afterAll(async () => {
  await db.$disconnect();
});

async function privilege(p: string): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<{ ok: boolean }[]>(`SELECT has_table_privilege(current_user, 'audit_events', '${p}') AS ok`);
  return row!.ok;
}

describe('audit_events grants for the application role', () => {
  it('has INSERT and SELECT, and neither UPDATE, DELETE nor TRUNCATE', async () => {
    expect(await privilege('INSERT')).toBe(true);
    expect(await privilege('SELECT')).toBe(true);
    expect(await privilege('UPDATE')).toBe(false);
    expect(await privilege('DELETE')).toBe(false);
    expect(await privilege('TRUNCATE')).toBe(false);
  });

  it('a real UPDATE, DELETE and TRUNCATE by the application role fail, and the row is unchanged', async () => {
    await expect(db.$executeRawUnsafe(`UPDATE audit_events SET action = 'test.forged' WHERE id = ${rowId}`)).rejects.toThrow(/permission denied/i);
    await expect(db.$executeRawUnsafe(`DELETE FROM audit_events WHERE id = ${rowId}`)).rejects.toThrow(/permission denied/i);
    await expect(db.$executeRawUnsafe('TRUNCATE audit_events')).rejects.toThrow(/permission denied/i);
    await expect(db.auditEvent.update({ where: { id: rowId }, data: { action: testAuditAction('test.forged') } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({ where: { id: rowId } })).rejects.toThrow();
    const row = await db.auditEvent.findUnique({ where: { id: rowId } });
    expect(row).toMatchObject({ action: testAuditAction('test.append-only'), targetId: run });
  });

  it('the triggers refuse UPDATE, DELETE and TRUNCATE even when the privilege is granted back (rolled back)', async () => {
    // The table's owner could GRANT itself the privileges again; the trigger still holds. All of
    // this runs in one transaction that fails, so the GRANT itself is rolled back too.
    for (const stmt of [
      `UPDATE audit_events SET action = 'test.forged' WHERE id = ${rowId}`,
      `DELETE FROM audit_events WHERE id = ${rowId}`,
      'TRUNCATE audit_events',
    ]) {
      await expect(
        db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe('GRANT UPDATE, DELETE, TRUNCATE ON audit_events TO CURRENT_USER');
          await tx.$executeRawUnsafe(stmt);
        }),
      ).rejects.toThrow(/append-only/);
    }
    expect(await privilege('UPDATE')).toBe(false);
    expect((await db.auditEvent.findUnique({ where: { id: rowId } }))?.action).toBe('test.append-only');
  });

  it('refuses an INSERT that does not chain onto the newest row', async () => {
    await expect(
      db.auditEvent.create({ data: { action: testAuditAction('test.forged-branch'), prevHash: '0'.repeat(64), hash: `forged-${run}` } }),
    ).rejects.toThrow(/prev_hash must be the newest row/);
    expect(await db.auditEvent.count({ where: { hash: `forged-${run}` } })).toBe(0);
  });

  it('leaves the stored chain intact', async () => {
    expect(await verifyStoredAuditChain()).toMatchObject({ ok: true });
  });
});
