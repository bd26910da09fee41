// Against FerretDB (scripts/services.sh, MONGODB_URI): a SHARED_FIELD tenant restored in place,
// into a side namespace and with every conflict policy, with driver command monitoring proving
// that every read and write the restore sends is confined to the tenant. A scratch database
// it_restore_<random> is dropped afterwards.
import { randomBytes } from 'node:crypto';
import { MongoClient, type CommandStartedEvent, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSnapshot } from '../capture/run-snapshot';
import { compileFilter } from '../filter/compile-filter';
import { matchesFilter } from '../filter/matches-filter';
import type { TManifest } from '../format/manifest';
import { createMongoEndpoint } from '../mongo/driver-endpoint';
import type { MongoEndpoint } from '../ports/mongo-endpoint';
import { createRepository, type TRepository } from '../repo/repository';
import type { TTenantScope } from '../restore-spec/tenant-scope';
import { createTestKit } from '../testing/test-kit';
import { createDriverRestoreTarget } from './driver-restore-target';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { expectedResultOf } from './restore-counts';
import { restoreFailureReason } from './restore-error';
import type { RestoreTarget } from './restore-target';
import { planFor, restorePackage } from './testing/restore-fixture';
import { undoRestore } from './undo-restore';
import { verifyRestore } from './verify-restore';

const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:57017/?directConnection=true';
const DB = `it_restore_${randomBytes(4).toString('hex')}`;
const SMALL = { targetPackBytes: 16 * 1024, frameBytes: 4 * 1024, entriesPerSegment: 16 };
const tenancy = { model: 'SHARED_FIELD' as const, database: DB, tenantField: 'tenantId', tenantValue: 'initech' };
const scope: TTenantScope = { slug: 'initech', tenancy, namespaces: ['events', 'orders'], databases: [] };
const STATUSES = ['open', 'paid', 'shipped'];
const doc = (tenant: string, i: number, extra: Document = {}): TDoc => ({
  _id: `${tenant}-${String(i).padStart(3, '0')}`,
  tenantId: tenant,
  n: i,
  status: STATUSES[i % 3],
  total: i * 2.5,
  at: new Date(Date.UTC(2026, 0, 1 + i)),
  lines: [{ sku: `S-${i}`, qty: 1 + (i % 4) }],
  ...extra,
});

let client: MongoClient;
let target: RestoreTarget;
let repo: TRepository;
let manifest: TManifest;
const started: CommandStartedEvent[] = [];
type TDoc = { _id: string; [k: string]: unknown };
const coll = (name: string) => client.db(DB).collection<TDoc>(name);
const rawOf = async (name: string, filter: Partial<TDoc>) => (await coll(name).find(filter).sort({ _id: 1 }).toArray()).map((d) => JSON.stringify(d));

beforeAll(async () => {
  client = new MongoClient(uri, { monitorCommands: true });
  client.on('commandStarted', (e) => started.push(e));
  await client.connect();
  for (const t of ['initech', 'initrode']) {
    await coll('orders').insertMany(Array.from({ length: t === 'initech' ? 40 : 20 }, (_, i) => doc(t, i)));
    await coll('events').insertMany(Array.from({ length: 8 }, (_, i) => doc(t, i, { kind: 'event' })));
  }
  await coll('orders').createIndex({ tenantId: 1, status: 1 }, { name: 'tenant_status' });
  const kit = createTestKit();
  // Scan-only capture (the local oplog is shared and large; its window replay is capture's
  // business and tested there): the snapshot holds FerretDB's own bytes of every document.
  const source = createMongoEndpoint({ client });
  const endpoint: MongoEndpoint = { ...source, listCollections: (db) => (db === 'local' ? Promise.resolve([]) : source.listCollections(db)) };
  manifest = (await runSnapshot({ tenant: { tenantId: 'it-initech', tenancy }, endpoint, ...kit, options: SMALL })).manifest;
  expect(manifest.consistency.method).toBe('scan-only');
  repo = await createRepository({ tenantId: 'it-initech', ...kit, options: SMALL });
  target = createDriverRestoreTarget({ client });
});

afterAll(async () => {
  await client?.db(DB).dropDatabase();
  await client?.close();
});

/** The drift every test starts from: modified, deleted and created documents of both tenants. */
async function drift() {
  await coll('orders').replaceOne({ _id: 'initech-000' }, doc('initech', 0, { total: -1 }));
  await coll('orders').replaceOne({ _id: 'initech-001' }, doc('initech', 1, { note: 'edited' }));
  await coll('orders').deleteMany({ _id: { $in: ['initech-003', 'initech-004'] } });
  await coll('orders').insertMany([doc('initech', 90), doc('initech', 91)]);
  await coll('orders').replaceOne({ _id: 'initrode-000' }, doc('initrode', 0, { total: -7 }));
}

async function resetTo(docs: TDoc[], name = 'orders') {
  await coll(name).deleteMany({ tenantId: 'initech' });
  await coll(name).insertMany(docs);
}

describe('restore against FerretDB', () => {
  it('overwrite + deleteExtraneous in place: every command confined to the tenant, verified, undone', async () => {
    await drift();
    const otherBefore = await rawOf('orders', { tenantId: 'initrode' });
    const plan = await planFor(
      repo,
      manifest,
      scope,
      restorePackage(manifest, { selection: { namespaces: { include: ['orders'] }, filter: { status: { $in: ['open', 'paid'] } } }, deleteExtraneous: true }),
      'it1',
    );
    const deps = { repo, target };
    const dry = await dryRunRestore(plan, deps, { pageSize: 100 });
    // initech-000 (open) and -001 (paid) modified; -003 (open) and -004 (paid) deleted; -090 (open) and -091 (paid) created.
    expect(dry.counts).toEqual({ insert: 2, update: 2, delete: 2, unchanged: 23, conflict: 0, conflictSkipped: 0 });
    expect(dry.changes.items.find((c) => c.id === 'initech-000')?.diff).toEqual({ total: [-1, 0] });
    expect(dry.namespaces[0]!.collection.indexes.missing).toEqual([]);

    started.length = 0;
    const res = await executeRestore(plan, { ...deps, journal: createMemoryRestoreJournal() }, { expectedPreState: dry.preState.fingerprint, batchSize: 3 });
    expect(res.counts).toEqual(expectedResultOf(dry.counts));
    const commands = started.filter((e) => e.databaseName === DB);
    const writes = commands.filter((e) => ['insert', 'update', 'delete'].includes(e.commandName));
    expect(writes.length).toBeGreaterThan(3);
    const foreign = (await coll('orders').find({ tenantId: 'initrode' }).toArray()).concat(await coll('events').find({ tenantId: 'initrode' }).toArray());
    const confined = (q: Document) => {
      // The predicate sits at the top: beside the _id condition, or as the first $and branch.
      expect(q.tenantId ?? q.$and?.[0]?.tenantId).toEqual({ $eq: 'initech', $not: { $type: 'array' } });
      const c = compileFilter(q);
      if (!c.ok) throw c.error;
      for (const d of foreign) expect(matchesFilter(c.filter, d)).toBe(false);
    };
    let statements = 0;
    for (const e of commands) {
      const cmd = e.command;
      if (e.commandName === 'find') confined(cmd.filter);
      if (e.commandName === 'update') {
        for (const u of cmd.updates) {
          confined(u.q);
          statements++;
        }
      }
      if (e.commandName === 'delete') {
        for (const d of cmd.deletes) {
          confined(d.q);
          statements++;
        }
      }
      // Inserts (documents found absent, lineage records) have no filter: each carries the tenant's value.
      if (e.commandName === 'insert') {
        for (const d of cmd.documents) {
          expect(d.tenantId).toBe('initech');
          statements++;
        }
      }
    }
    expect(statements).toBeGreaterThanOrEqual(6 + 2); // 6 documents, 2 lineage records (batches of 3)
    expect((await verifyRestore(plan, deps)).ok).toBe(true);
    expect(await rawOf('orders', { tenantId: 'initrode' })).toEqual(otherBefore);
    const lineage = await client.db(DB).collection('__vaultline_lineage').find({ restoreId: 'it1', tenantId: 'initech' }).toArray();
    expect(lineage.reduce((n, l) => n + l.inserted.length + l.updated.length + l.deleted.length, 0)).toBe(6);

    await undoRestore('it1', deps);
    expect((await dryRunRestore(plan, deps)).preState.fingerprint).toBe(dry.preState.fingerprint);
    expect(await rawOf('orders', { tenantId: 'initrode' })).toEqual(otherBefore);
  });

  it('conflict policies by ids: skip keeps, fail refuses with nothing written, into a side namespace with indexes', async () => {
    await resetTo(Array.from({ length: 40 }, (_, i) => doc('initech', i)));
    await drift();
    const ids = ['initech-000', 'initech-003', 'initech-090', 'initech-005'];
    const pkg = (conflictPolicy: string, extra: Record<string, unknown> = {}) =>
      restorePackage(manifest, { selection: { namespaces: { include: ['orders'] }, documentIds: ids }, conflictPolicy, deleteExtraneous: true, ...extra });
    const deps = { repo, target };

    const skip = await planFor(repo, manifest, scope, pkg('skip'), 'it2');
    const dry = await dryRunRestore(skip, deps);
    expect(dry.counts).toEqual({ insert: 1, update: 0, delete: 1, unchanged: 1, conflict: 0, conflictSkipped: 1 });
    const res = await executeRestore(skip, { ...deps, journal: createMemoryRestoreJournal() }, { expectedPreState: dry.preState.fingerprint });
    expect(res.counts).toEqual({ inserted: 1, updated: 0, deleted: 1, unchanged: 1, skipped: 1, failed: 0 });
    expect(await coll('orders').findOne({ _id: 'initech-000' })).toMatchObject({ total: -1 });
    expect(await coll('orders').findOne({ _id: 'initech-090' })).toBeNull();
    expect((await verifyRestore(skip, deps)).ok).toBe(true);

    await coll('orders').replaceOne({ _id: 'initech-005' }, doc('initech', 5, { total: 123 }));
    const fail = await planFor(repo, manifest, scope, pkg('fail'), 'it3');
    const failDry = await dryRunRestore(fail, deps);
    expect(failDry.counts.conflict).toBe(2);
    const before = await rawOf('orders', {});
    const err = await executeRestore(fail, { ...deps, journal: createMemoryRestoreJournal() }, { expectedPreState: failDry.preState.fingerprint }).catch(
      (e: unknown) => e,
    );
    expect(restoreFailureReason(err)).toBe('PLAN_CONFLICT');
    expect(await rawOf('orders', {})).toEqual(before);

    const side = await planFor(repo, manifest, scope, pkg('fail', { target: { mode: 'side-namespace' }, restoreIndexes: true }), 'it4');
    const sideDry = await dryRunRestore(side, deps);
    expect(sideDry.counts).toEqual({ insert: 3, update: 0, delete: 0, unchanged: 0, conflict: 0, conflictSkipped: 0 });
    const sideRes = await executeRestore(side, { ...deps, journal: createMemoryRestoreJournal() }, { expectedPreState: sideDry.preState.fingerprint });
    expect(sideRes.indexesCreated).toEqual([{ namespace: 'orders', created: ['tenant_status'] }]);
    expect((await coll('orders__restore_it4').find({}).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['initech-000', 'initech-003', 'initech-005']);
    expect((await verifyRestore(side, deps)).ok).toBe(true);
    expect(await rawOf('orders', {})).toEqual(before);
  });
});
