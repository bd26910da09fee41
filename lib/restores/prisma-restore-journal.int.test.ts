// The catalog implementation of the engine's RestoreJournal port (needs the test catalog:
// DATABASE_URL with the migrations applied). Two scratch tenants with unique slugs; the engine
// side is the in-memory restore fixture, so only Postgres is needed.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { dryRunRestore, executeRestore, expectedResultOf, type TJournalEntry } from '@/lib/engine';
import { createRestoreFixture, restorePackage } from '@/lib/engine/restore/testing/restore-fixture';
import { createPrismaRestoreJournal } from './prisma-restore-journal';

const hex = randomBytes(4).toString('hex');
const ids: string[] = [];
const started = (planHash = 'p1'): TJournalEntry => ({
  type: 'started',
  planHash,
  preStateFingerprint: 'f',
  batchSize: 2,
  batches: 1,
  at: new Date().toISOString(),
});

beforeAll(async () => {
  for (const s of ['a', 'b']) {
    const t = await db.tenant.create({
      data: {
        slug: `it-journal-${s}-${hex}`,
        name: 'IT journal',
        tenancyModel: 'DATABASE',
        database: `it_journal_${s}_${hex}`,
        region: 'eu-west-1',
        costCenter: 'CC-IT',
      },
    });
    ids.push(t.id);
  }
});

afterAll(async () => {
  await db.restoreJournalEntry.deleteMany({ where: { tenantId: { in: ids } } });
  await db.tenant.deleteMany({ where: { id: { in: ids } } });
  await db.$disconnect();
});

describe('createPrismaRestoreJournal', () => {
  it('appends in order and reads back validated entries, confined to the tenant', async () => {
    const [a, b] = ids.map((tenantId) => createPrismaRestoreJournal({ tenantId }));
    const rid = `r-order-${hex}`;
    await a!.append(rid, started());
    await a!.append(rid, {
      type: 'completed',
      planHash: 'p1',
      counts: { inserted: 1, updated: 0, deleted: 0, unchanged: 0, skipped: 0, failed: 0 },
      at: new Date().toISOString(),
    });
    expect((await a!.read(rid)).map((e) => e.type)).toEqual(['started', 'completed']);
    expect(
      await db.restoreJournalEntry.findMany({ where: { tenantId: ids[0], restoreId: rid }, select: { seq: true, type: true }, orderBy: { seq: 'asc' } }),
    ).toEqual([
      { seq: 0, type: 'started' },
      { seq: 1, type: 'completed' },
    ]);
    // Another tenant sees nothing of it and cannot write into it.
    expect(await b!.read(rid)).toEqual([]);
    await expect(b!.append(rid, started())).rejects.toThrow(/written by someone else/);
    expect(await db.restoreJournalEntry.count({ where: { restoreId: rid } })).toBe(2);
  });

  it('refuses malformed entries and updates (append-only trigger)', async () => {
    const a = createPrismaRestoreJournal({ tenantId: ids[0]! });
    const rid = `r-guard-${hex}`;
    await expect(a.append(rid, { type: 'started', planHash: 'p' } as unknown as TJournalEntry)).rejects.toThrow();
    await a.append(rid, started());
    const row = await db.restoreJournalEntry.findFirstOrThrow({ where: { tenantId: ids[0], restoreId: rid } });
    await expect(db.restoreJournalEntry.update({ where: { id: row.id }, data: { type: 'completed' } })).rejects.toThrow(/append-only/);
    expect((await a.read(rid)).map((e) => e.type)).toEqual(['started']);
  });

  it('drives a crashed execution to the same result when resumed from the catalog journal', async () => {
    const f = await createRestoreFixture();
    f.target.remove(f.ns('orders'), f.docs.orders![0]!._id);
    f.target.remove(f.ns('orders'), f.docs.orders![1]!._id);
    f.target.insert(f.ns('orders'), { ...f.docs.orders![2]!, amount: -5 });
    const plan = await f.plan(restorePackage(f.manifest, { selection: { namespaces: { include: ['orders'] } } }), `r-crash-${hex}`);
    const deps = { repo: f.repo, target: f.target };
    const dry = await dryRunRestore(plan, deps);
    expect(dry.counts).toMatchObject({ insert: 2, update: 1 });
    let writes = 0;
    f.target.beforeWriteOp = () => {
      if (++writes === 5) throw new Error('injected crash'); // batch 0: 2 documents + 2 lineage records
    };
    const journal = createPrismaRestoreJournal({ tenantId: ids[0]! });
    await expect(executeRestore(plan, { ...deps, journal }, { expectedPreState: dry.preState.fingerprint, batchSize: 2 })).rejects.toThrow('injected crash');
    expect((await journal.read(plan.restoreId)).map((e) => e.type)).toEqual(['started', 'batch']);
    f.target.beforeWriteOp = null;
    const resumed = await executeRestore(
      plan,
      { ...deps, journal: createPrismaRestoreJournal({ tenantId: ids[0]! }) },
      { expectedPreState: dry.preState.fingerprint, batchSize: 2 },
    );
    expect(resumed.resumed).toBe(true);
    expect(resumed.counts).toEqual(expectedResultOf(dry.counts));
    const rows = await db.restoreJournalEntry.findMany({ where: { tenantId: ids[0], restoreId: plan.restoreId }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.type)).toEqual(['started', 'batch', 'batch', 'completed']);
  });
});
