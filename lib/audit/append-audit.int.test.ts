// The audit writer against the real catalog: concurrent appenders still form one valid chain,
// an event rolls back with its transaction, and the verifier points at a tampered row.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { appendAudit, recordAudit } from './append-audit';
import { verifyAuditChain, type TAuditRow } from './verify-audit-chain';
import { testAuditAction } from './testing/test-audit-action';

const run = randomUUID().slice(0, 8);

async function chainRows(): Promise<TAuditRow[]> {
  return db.auditEvent.findMany({ orderBy: { id: 'asc' } });
}

describe('appendAudit', () => {
  it('keeps one valid chain under 20 concurrent appenders', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit(db, { action: testAuditAction('test.concurrent'), targetId: `${run}-${i}`, metadata: { i, nested: { b: 1, a: [2, { z: 1, y: 2 }] } } }),
      ),
    );
    const rows = await chainRows();
    expect(rows.filter((r) => r.targetId?.startsWith(run)).length).toBe(20);
    const report = await verifyAuditChain(rows);
    expect(report).toMatchObject({ ok: true, rows: rows.length });
  });

  it('rolls back with the transaction it belongs to', async () => {
    const before = await db.auditEvent.count();
    await expect(
      db.$transaction(async (tx) => {
        await appendAudit(tx, { action: testAuditAction('test.rolled-back'), targetId: run });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await db.auditEvent.count()).toBe(before);
  });

  it('the verifier names the first changed row and the first broken link (in memory copies)', async () => {
    await recordAudit(db, { action: testAuditAction('test.tamper-a'), targetId: run });
    await recordAudit(db, { action: testAuditAction('test.tamper-b'), targetId: run });
    const rows = await chainRows();
    const n = rows.length;
    expect(n).toBeGreaterThanOrEqual(3);
    const changed = rows.map((r) => ({ ...r }));
    changed[n - 2] = { ...changed[n - 2]!, action: testAuditAction('test.tamper-x') };
    expect(await verifyAuditChain(changed)).toMatchObject({ ok: false, position: n - 2, problem: 'content-changed' });
    const deleted = rows.filter((_, i) => i !== n - 2);
    expect(await verifyAuditChain(deleted)).toMatchObject({ ok: false, position: n - 2, problem: 'chain-broken' });
    const reordered = [...rows.slice(0, n - 2), rows[n - 1]!, rows[n - 2]!];
    expect(await verifyAuditChain(reordered)).toMatchObject({ ok: false, position: n - 2, problem: 'chain-broken' });
  });
});
