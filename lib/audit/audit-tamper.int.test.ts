// Tampering with the REAL audit_events table is detected at the exact position.
//
// How we tamper, and why this is honest: the application role cannot UPDATE/DELETE audit rows
// (see audit-append-only.int.test.ts). The attacker we model is someone with DDL rights on the
// table — its owner or a DBA — who lifts both locks: GRANTs the privileges back and disables
// the triggers, then edits rows. Locally DATABASE_URL's role owns the table, so the test does
// exactly that, in one transaction on the real table, and runs the same verifier the command
// and the page use (verifyStoredAuditChain) inside that transaction. The transaction is then
// rolled back (DDL included, Postgres DDL is transactional), so the shared chain is intact
// afterwards — which the last test checks. ALTER TABLE holds an exclusive lock meanwhile, so
// no concurrent append can shift the positions.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, type Prisma } from '@/lib/db';
import { recordAudit } from './append-audit';
import { verifyStoredAuditChain, type TStoredChainReport } from './verify-stored-audit-chain';
import { testAuditAction } from './testing/test-audit-action';

const run = randomUUID().slice(0, 8);
let mine: bigint[] = [];

class Rollback extends Error {
  constructor(
    readonly report: TStoredChainReport,
    readonly ids: bigint[],
  ) {
    super('rollback');
  }
}

/** Lifts the locks, tampers, verifies, and always rolls back; returns the verifier's report. */
async function tamperAndVerify(tamper: (tx: Prisma.TransactionClient) => Promise<void>) {
  try {
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe('GRANT UPDATE, DELETE ON audit_events TO CURRENT_USER');
        await tx.$executeRawUnsafe('ALTER TABLE audit_events DISABLE TRIGGER USER');
        await tamper(tx);
        const report = await verifyStoredAuditChain(tx);
        const ids = (await tx.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { id: true } })).map((r) => r.id);
        throw new Rollback(report, ids);
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  } catch (e) {
    if (e instanceof Rollback) return { report: e.report, ids: e.ids };
    throw e;
  }
  throw new Error('unreachable');
}

beforeAll(async () => {
  for (const n of [1, 2, 3, 4]) {
    mine.push((await recordAudit(db, { action: testAuditAction(`test.tamper-${n}`), targetId: run, metadata: { n } })).id);
  }
  mine = mine.sort((a, b) => (a < b ? -1 : 1));
});

afterAll(async () => {
  await db.$disconnect();
});

async function positionOf(id: bigint): Promise<number> {
  return db.auditEvent.count({ where: { id: { lt: id } } });
}

describe('tamper detection on the stored audit log', () => {
  it('starts from an intact chain', async () => {
    expect(await verifyStoredAuditChain()).toMatchObject({ ok: true });
  });

  it('an UPDATE of one row is reported at that row (content changed)', async () => {
    const target = mine[1]!;
    const pos = await positionOf(target);
    const { report } = await tamperAndVerify(async (tx) => {
      await tx.$executeRawUnsafe(`UPDATE audit_events SET metadata = '{"n": 99}' WHERE id = ${target}`);
    });
    expect(report).toMatchObject({ ok: false, position: pos, id: target.toString(), problem: 'content-changed' });
  });

  it('a DELETE is reported at the position the deleted row held (its successor no longer links)', async () => {
    const target = mine[1]!;
    const pos = await positionOf(target);
    const { report } = await tamperAndVerify(async (tx) => {
      await tx.$executeRawUnsafe(`DELETE FROM audit_events WHERE id = ${target}`);
    });
    expect(report).toMatchObject({ ok: false, position: pos, id: mine[2]!.toString(), problem: 'chain-broken' });
  });

  it('swapping two rows is reported at the first moved position', async () => {
    const [a, b] = [mine[1]!, mine[2]!];
    const pos = await positionOf(a);
    const { report, ids } = await tamperAndVerify(async (tx) => {
      // Move the rows' ids around, so reading in id order yields b's row before a's.
      await tx.$executeRawUnsafe(`UPDATE audit_events SET id = -1 WHERE id = ${a}`);
      await tx.$executeRawUnsafe(`UPDATE audit_events SET id = ${a} WHERE id = ${b}`);
      await tx.$executeRawUnsafe(`UPDATE audit_events SET id = ${b} WHERE id = -1`);
    });
    expect(ids.length).toBe(await db.auditEvent.count());
    expect(report).toMatchObject({ ok: false, position: pos, id: a.toString(), problem: 'chain-broken' });
  });

  it('a rewritten row with a recomputed own hash still breaks the link of the next row', async () => {
    const target = mine[1]!;
    const pos = await positionOf(mine[2]!);
    const { report } = await tamperAndVerify(async (tx) => {
      // A smarter forger fixes the row's own hash, but cannot fix every later row's prevHash
      // without rewriting the rest of the log.
      const row = (await tx.auditEvent.findUnique({ where: { id: target } }))!;
      const { auditHash, contentOf } = await import('./append-audit');
      const forged = { ...row, action: testAuditAction('test.forged') };
      await tx.$executeRawUnsafe(`UPDATE audit_events SET action = 'test.forged', hash = '${auditHash(row.prevHash, contentOf(forged))}' WHERE id = ${target}`);
    });
    expect(report).toMatchObject({ ok: false, position: pos, id: mine[2]!.toString(), problem: 'chain-broken' });
  });

  it('everything was rolled back: the chain is intact and the grants are still revoked', async () => {
    expect(await verifyStoredAuditChain()).toMatchObject({ ok: true });
    const [g] = await db.$queryRawUnsafe<{ u: boolean; d: boolean }[]>(
      "SELECT has_table_privilege(current_user, 'audit_events', 'UPDATE') AS u, has_table_privilege(current_user, 'audit_events', 'DELETE') AS d",
    );
    expect(g).toEqual({ u: false, d: false });
    const [t] = await db.$queryRawUnsafe<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal AND tgenabled = 'O'",
    );
    expect(t!.n).toBe(3);
  });
});
