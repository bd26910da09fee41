// Differential test: the engine's matchesFilter must select exactly the `_id`s the server selects
// for find(toMongoQuery(filter)), over a varied document set in a scratch database of the local
// FerretDB. Filters with a shape FerretDB v1.24.2 gets wrong (README.md, "FerretDB deviations")
// are skipped by ferretDeviationOf, and each deviation is pinned by a probe below.
import fc from 'fast-check';
import { Decimal128, MongoClient, type Collection, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFilter } from './compile-filter';
import { andTenantPredicate } from './and-tenant-predicate';
import type { TFilter } from './filter-ast';
import { matchesFilter } from './matches-filter';
import { differentialDocuments } from './testing/differential-documents';
import { filterArbitraries } from './testing/filter-arbitraries';
import { FERRETDB_DEVIATION_PROBES } from './testing/ferretdb-deviation-probes';
import { ferretDeviationOf } from './testing/ferretdb-deviations';
import { HAND_PICKED_FILTERS } from './testing/hand-picked-filters';
import { toMongoQuery } from './to-mongo-query';

const URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:57017/?directConnection=true';
const TENANT = { field: 'tenantId', value: 'initech' };
const DECODE = { promoteValues: false, promoteLongs: false } as const;

let client: MongoClient;
let db: Db;
let docs: Document[];
let coll: Collection;

function compile(raw: unknown): TFilter {
  const compiled = compileFilter(raw);
  if (!compiled.ok) throw compiled.error;
  return compiled.filter;
}

const idsOf = (rows: Document[]) => rows.map((d) => Number(d._id)).sort((a, b) => a - b);

async function serverIds(target: Collection, query: Document): Promise<number[]> {
  return idsOf(await target.find(query, { projection: { _id: 1 } }).toArray());
}

beforeAll(async () => {
  client = await new MongoClient(URI, { serverSelectionTimeoutMS: 5_000 }).connect();
  db = client.db(`vaultline_filter_diff_${process.pid}_${Date.now()}`);
  coll = db.collection('docs');
  // FerretDB v1 stores neither Decimal128 nor arrays inside arrays (pinned below).
  const tenants = ['initech', 'initrode', ['initech'], undefined];
  const inserted = differentialDocuments({ decimal: false, nestedArrays: false }).map((d, i) => {
    const tenantId = tenants[i % tenants.length];
    return tenantId === undefined ? d : { ...d, tenantId };
  });
  await coll.insertMany(inserted);
  // Evaluate on what the server stored, decoded without promotion so int/long/double stay apart.
  docs = await coll.find({}, DECODE).toArray();
  expect(docs).toHaveLength(inserted.length);
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe('matchesFilter agrees with the server (FerretDB v1.24.2)', () => {
  it('on hand-picked corner cases', async () => {
    let compared = 0;
    for (const raw of HAND_PICKED_FILTERS) {
      if (ferretDeviationOf(raw)) continue; // documented deviation, engine keeps MongoDB semantics
      const filter = compile(raw);
      const local = idsOf(docs.filter((d) => matchesFilter(filter, d)));
      expect(await serverIds(coll, toMongoQuery(filter)), JSON.stringify(raw)).toEqual(local);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(80);
  });

  it('on generated filters within the safe subset', async () => {
    const { filter: filterArb } = filterArbitraries({ decimal: false });
    let selectedSomething = 0;
    await fc.assert(
      fc.asyncProperty(filterArb, async (raw) => {
        fc.pre(ferretDeviationOf(raw) === undefined);
        const filter = compile(raw);
        const local = idsOf(docs.filter((d) => matchesFilter(filter, d)));
        if (local.length > 0 && local.length < docs.length) selectedSomething++;
        expect(await serverIds(coll, toMongoQuery(filter))).toEqual(local);
      }),
      { numRuns: 400, seed: 20241124, maxSkipsPerRun: 10 },
    );
    // A differential over filters that select all or nothing would prove little.
    expect(selectedSomething).toBeGreaterThan(100);
  });

  it('with the tenant predicate: same selection, and only the tenant documents', async () => {
    const { filter: filterArb } = filterArbitraries({ decimal: false });
    await fc.assert(
      fc.asyncProperty(filterArb, async (raw) => {
        fc.pre(ferretDeviationOf(raw) === undefined);
        const filter = compile(raw);
        const local = idsOf(docs.filter((d) => matchesFilter(andTenantPredicate(filter, TENANT), d)));
        const rows = await coll.find(toMongoQuery(filter, TENANT)).toArray();
        expect(idsOf(rows)).toEqual(local);
        for (const row of rows) expect(row.tenantId).toBe('initech');
      }),
      { numRuns: 150, seed: 7, maxSkipsPerRun: 10 },
    );
  });
});

describe('documented FerretDB v1.24.2 deviations still hold (remove the exclusion when one fails)', () => {
  it.each(FERRETDB_DEVIATION_PROBES.map((p) => [p.deviation, JSON.stringify(p.filter), p] as const))('%s: %s', async (_d, _f, probe) => {
    const filter = compile(probe.filter);
    expect(ferretDeviationOf(probe.filter)).toBe(probe.deviation);
    // The engine follows MongoDB...
    expect(idsOf(probe.docs.filter((d) => matchesFilter(filter, d)))).toEqual(probe.mongoIds);
    // ...and FerretDB does not (a different answer or an error).
    const scratch = db.collection(`probe_${Math.random().toString(36).slice(2)}`);
    await scratch.insertMany(probe.docs.map((d) => ({ ...d })));
    const server = await serverIds(scratch, toMongoQuery(filter)).catch((err: unknown) => err);
    expect(server).not.toEqual(probe.mongoIds);
    await scratch.drop();
  });

  it('rejects arrays nested in arrays', async () => {
    await expect(db.collection('nested').insertOne({ a: [[1, 2], 3] })).rejects.toThrow(/nested arrays/);
  });

  it('cannot store Decimal128 (the connection is dropped)', async () => {
    await expect(db.collection('decimal').insertOne({ a: Decimal128.fromString('1.5') })).rejects.toThrow();
  });
});
