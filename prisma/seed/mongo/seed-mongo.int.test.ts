// Integration: seeds FerretDB (MONGODB_URI) at scale 0.01 into databases suffixed for this run
// (never the demo databases), then drops them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal128, MongoClient, MongoServerError, ObjectId } from 'mongodb';
import { DEMO_TENANTS } from '../demo-tenants';
import { indexesFor } from './indexes';
import { planSeed, seedMongo, type TSeedMongoResult } from './seed-mongo';

const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:57017/?directConnection=true';
const dbSuffix = `_it${randomUUID().replace(/-/g, '').slice(0, 8)}`;
const scale = 0.01;
const quiet = () => {};
const databases = [...new Set(DEMO_TENANTS.map((t) => t.tenancy.database + dbSuffix))];
let client: MongoClient;

/** Documents per namespace across the test databases. */
async function namespaceCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of databases) {
    const db = client.db(name);
    for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) out[`${name}.${c.name}`] = await db.collection(c.name).countDocuments({});
  }
  return out;
}

beforeAll(async () => {
  client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
});

afterAll(async () => {
  if (!client) return;
  for (const name of databases) {
    expect(name.endsWith(dbSuffix)).toBe(true); // never the demo databases
    await client.db(name).dropDatabase();
  }
  await client.close();
});

describe('seedMongo against FerretDB', () => {
  let first: TSeedMongoResult;
  let countsAfterFirst: Record<string, number>;
  const plan = planSeed({ scale, dbSuffix });

  it('seeds every slice with its generated count', async () => {
    first = await seedMongo({ uri, scale, dbSuffix, log: quiet, client });
    expect(first.indexFailures).toEqual([]);
    expect(first.rows).toHaveLength(plan.length);
    for (const r of first.rows) {
      expect(r.action, `${r.tenant} ${r.database}.${r.collection}`).toBe('seeded');
      expect(r.count).toBe(r.expected);
    }
    expect(first.total).toBe(plan.reduce((n, p) => n + p.expected, 0));
    countsAfterFirst = await namespaceCounts();
    // every database/collection where the tenancy models put them, and nothing else
    const expectedNs: Record<string, number> = {};
    for (const p of plan) expectedNs[`${p.database}.${p.collection}`] = (expectedNs[`${p.database}.${p.collection}`] ?? 0) + p.expected;
    expect(countsAfterFirst).toEqual(expectedNs);
  });

  it('a second run skips every slice and leaves identical counts', async () => {
    const second = await seedMongo({ uri, scale, dbSuffix, log: quiet, client });
    expect(second.rows.map((r) => r.action)).toEqual(plan.map(() => 'skipped'));
    expect(second.inserted).toBe(0);
    expect(second.total).toBe(first.total);
    expect(await namespaceCounts()).toEqual(countsAfterFirst);
  });

  it('shared collections hold both shared-field tenants, each slice with its own count', async () => {
    const shared = plan.filter((p) => p.model === 'SHARED_FIELD');
    const tenants = new Set(shared.map((p) => p.tenant));
    expect(tenants).toEqual(new Set(['initech', 'initrode']));
    for (const p of shared) {
      const coll = client.db(p.database).collection(p.collection);
      expect(await coll.countDocuments({ tenantId: p.tenant })).toBe(p.expected);
      expect(await coll.countDocuments({ tenantId: { $exists: false } })).toBe(0);
      const values = (await coll.find({}, { projection: { tenantId: 1 } }).toArray()).map((d) => d.tenantId as string);
      expect(new Set(values)).toEqual(tenants);
    }
  });

  it('creates the named secondary indexes; unique ones are unique (per tenant when shared)', async () => {
    for (const p of plan) {
      const have = await client.db(p.database).collection(p.collection).listIndexes().toArray();
      for (const spec of indexesFor(p.logical, p.tenantField)) {
        const ix = have.find((i) => i.name === spec.name);
        expect(ix, `${p.database}.${p.collection} ${spec.name}`).toBeDefined();
        expect(ix?.key).toEqual(spec.key);
        expect(Boolean(ix?.unique)).toBe(Boolean(spec.unique));
      }
    }
    // unique sku in a DATABASE tenant
    const products = client.db(`t_acme${dbSuffix}`).collection('products');
    const sku = (await products.findOne({}))?.sku as string;
    await expect(products.insertOne({ sku, name: 'dup' })).rejects.toSatisfy((e) => e instanceof MongoServerError && e.code === 11000);
    // compound {tenantId, email}: a duplicate within the tenant fails, the same email for the other tenant is fine
    const customers = client.db(`saas_shared${dbSuffix}`).collection('customers');
    const email = (await customers.findOne({ tenantId: 'initech' }))?.email as string;
    await expect(customers.insertOne({ tenantId: 'initech', email })).rejects.toSatisfy((e) => e instanceof MongoServerError && e.code === 11000);
    const other = await customers.insertOne({ tenantId: 'initrode', email });
    await customers.deleteOne({ _id: other.insertedId });
  });

  it('repairs only the damaged slice and never touches the other tenant in a shared collection', async () => {
    const db = client.db(`saas_shared${dbSuffix}`);
    const orders = db.collection('orders');
    const initrodeIds = (await orders.find({ tenantId: 'initrode' }, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)).sort();
    // a stray initrode doc that is not part of its generated set: it must survive an initech repair
    await orders.insertOne({ tenantId: 'initrode', number: `STRAY-${dbSuffix}`, status: 'pending' });
    await orders.deleteOne({ tenantId: 'initech' });
    const r = await seedMongo({ uri, scale, dbSuffix, tenants: ['initech'], log: quiet, client });
    const row = r.rows.find((x) => x.collection === 'orders');
    expect(row).toMatchObject({ action: 'seeded', count: row?.expected, deleted: (row?.expected ?? 0) - 1 });
    expect(r.rows.filter((x) => x.action === 'seeded')).toHaveLength(1);
    expect(await orders.countDocuments({ tenantId: 'initech' })).toBe(row?.expected);
    const after = (await orders.find({ tenantId: 'initrode', number: { $ne: `STRAY-${dbSuffix}` } }, { projection: { _id: 1 } }).toArray())
      .map((d) => String(d._id))
      .sort();
    expect(after).toEqual(initrodeIds);
    expect(await orders.countDocuments({ number: `STRAY-${dbSuffix}` })).toBe(1);
    // initrode's slice now has one doc too many: the next run replaces that slice alone
    const r2 = await seedMongo({ uri, scale, dbSuffix, log: quiet, client });
    expect(r2.rows.filter((x) => x.action === 'seeded').map((x) => `${x.tenant}.${x.collection}`)).toEqual(['initrode.orders']);
    expect(await orders.countDocuments({ number: `STRAY-${dbSuffix}` })).toBe(0);
    expect(await namespaceCounts()).toEqual(countsAfterFirst);
  });

  it('stores BSON types faithfully (money per the detected encoding, ObjectId refs, dates, string ids)', async () => {
    const db = client.db(`t_acme${dbSuffix}`);
    const inv = await db.collection('invoices').findOne({});
    expect(inv?.orderId).toBeInstanceOf(ObjectId);
    expect(inv?.issuedAt).toBeInstanceOf(Date);
    if (first.decimalEncoding === 'decimal128') expect(inv?.amounts?.total).toBeInstanceOf(Decimal128);
    else expect(typeof inv?.amounts?.total).toBe(first.decimalEncoding === 'double' ? 'number' : 'string');
    const order = await db.collection('orders').findOne({ _id: inv?.orderId });
    expect(order).not.toBeNull();
    expect(String(order?.totals?.grand)).toBe(String(inv?.amounts?.total));
    const cust = await db.collection('customers').findOne({ _id: order?.customerId });
    expect(cust?._id).toMatch(/^cus_/);
  });
});
