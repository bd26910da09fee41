import { describe, expect, it } from 'vitest';
import { BSON, Decimal128, ObjectId, type Document } from 'mongodb';
import { DEMO_TENANTS, type TDemoTenant } from '../demo-tenants';
import { REF_DATE, hash32, money, opaqueId } from './generate-common';
import { GENERATORS, contextFor, generateCollection, generateRange, scaledCount } from './generate-docs';
import { indexesFor } from './indexes';
import { planSeed } from './seed-mongo';

const SAMPLE = 150;

function tenant(slug: string): TDemoTenant {
  const t = DEMO_TENANTS.find((x) => x.slug === slug);
  if (!t) throw new Error(slug);
  return t;
}

function pairs(): [TDemoTenant, string][] {
  return DEMO_TENANTS.flatMap((t) => Object.keys(t.collections).map((c) => [t, c] as [TDemoTenant, string]));
}

const bytes = (d: Document) => Buffer.from(BSON.serialize(d)).toString('base64');

describe('demo-data generators', () => {
  it('have a generator for every collection of every demo tenant', () => {
    for (const [t, c] of pairs()) expect(GENERATORS[c], `${t.slug}.${c}`).toBeTypeOf('function');
  });

  it.each(pairs().map(([t, c]) => [t.slug, c]))('%s.%s is deterministic (same seed, same BSON)', (slug, c) => {
    const a = generateRange(contextFor(tenant(slug), 1), c, 0, 40);
    const b = generateRange(contextFor(tenant(slug), 1), c, 0, 40);
    expect(a.map(bytes)).toEqual(b.map(bytes));
    // one document on its own equals the same document generated in sequence (order-independent)
    const lone = generateRange(contextFor(tenant(slug), 1), c, 17, 18)[0];
    expect(bytes(lone as Document)).toBe(bytes(a[17] as Document));
  });

  it('differs between tenants and between indexes (not repetitive)', () => {
    const acme = generateRange(contextFor(tenant('acme'), 1), 'customers', 0, 200);
    const globex = generateRange(contextFor(tenant('globex'), 1), 'customers', 0, 200);
    expect(new Set(acme.map((d) => d.email)).size).toBe(200);
    expect(new Set(acme.map((d) => d.name)).size).toBeGreaterThan(180);
    expect(acme[0]?._id).not.toBe(globex[0]?._id);
    // documents share structure but little content: distinct serialized docs, varied sizes
    const sizes = new Set(acme.map((d) => BSON.calculateObjectSize(d)));
    expect(sizes.size).toBeGreaterThan(100);
  });

  it.each(pairs().map(([t, c]) => [t.slug, c]))('%s.%s averages 0.5-2 KB of BSON', (slug, c) => {
    const docs = generateRange(contextFor(tenant(slug), 1), c, 0, SAMPLE);
    const avg = docs.reduce((n, d) => n + BSON.calculateObjectSize(d), 0) / docs.length;
    expect(avg).toBeGreaterThanOrEqual(512);
    expect(avg).toBeLessThanOrEqual(2048);
    for (const d of docs) expect(BSON.calculateObjectSize(d)).toBeLessThan(4096);
  });

  it('ids: unique, mixed types (cus_ strings, ObjectIds, ticket keys)', () => {
    for (const [t, c] of pairs()) {
      const docs = generateCollection(contextFor(t, 0.05), c);
      const ids = docs.map((d) => (d._id instanceof ObjectId ? d._id.toHexString() : String(d._id)));
      expect(new Set(ids).size, `${t.slug}.${c}`).toBe(docs.length);
    }
    const ctx = contextFor(tenant('acme'), 1);
    expect(generateRange(ctx, 'customers', 0, 1)[0]?._id).toMatch(/^cus_[0-9A-Za-z]{14}$/);
    expect(generateRange(ctx, 'orders', 0, 1)[0]?._id).toBeInstanceOf(ObjectId);
    expect(generateRange(contextFor(tenant('globex'), 1), 'tickets', 5, 6)[0]?._id).toBe('GLO-1005');
  });

  it('customers: name, email, phone, nested address, tags, dates, Decimal128 lifetimeValue, status', () => {
    for (const d of generateRange(contextFor(tenant('acme'), 1), 'customers', 0, 50)) {
      expect(d.name).toEqual(expect.any(String));
      expect(d.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      expect(d.phone).toEqual(expect.any(String));
      expect(d.address).toMatchObject({ line1: expect.any(String), city: expect.any(String), postalCode: expect.any(String), country: 'GB' });
      expect(Array.isArray(d.tags)).toBe(true);
      expect(d.createdAt).toBeInstanceOf(Date);
      expect(d.lifetimeValue).toBeInstanceOf(Decimal128);
      expect(['active', 'inactive', 'churned', 'lead', 'suspended']).toContain(d.status);
    }
  });

  it('products: sku, Decimal128 price, categories, stock, nested dimensions', () => {
    for (const d of generateRange(contextFor(tenant('acme'), 1), 'products', 0, 50)) {
      expect(d._id).toBeInstanceOf(ObjectId);
      expect(d.sku).toMatch(/^ACM-\d{5}-[0-9A-Z]{2}$/);
      expect(d.price).toBeInstanceOf(Decimal128);
      expect((d.categories as unknown[]).length).toBeGreaterThan(0);
      expect(Number.isInteger(d.stock)).toBe(true);
      expect(d.dimensions).toMatchObject({
        lengthCm: expect.any(Number),
        widthCm: expect.any(Number),
        heightCm: expect.any(Number),
        weightKg: expect.any(Number),
      });
    }
  });

  it('orders: customer refs, items with product prices, totals that add up', () => {
    const ctx = contextFor(tenant('acme'), 0.1);
    const customers = new Set(generateCollection(ctx, 'customers').map((d) => d._id));
    const products = new Map(generateCollection(ctx, 'products').map((d) => [d.sku as string, String(d.price)]));
    const cents = (v: unknown) => Math.round(Number(String(v)) * 100);
    for (const o of generateRange(ctx, 'orders', 0, 200)) {
      expect(o._id).toBeInstanceOf(ObjectId);
      expect((o._id as ObjectId).getTimestamp().getTime()).toBe(Math.floor((o.createdAt as Date).getTime() / 1000) * 1000);
      expect(customers.has(o.customerId)).toBe(true);
      const items = o.items as Document[];
      expect(items.length).toBeGreaterThan(0);
      let subtotal = 0;
      for (const it of items) {
        expect(it.unitPrice).toBeInstanceOf(Decimal128);
        expect(products.get(it.productSku as string)).toBe(String(it.unitPrice));
        subtotal += cents(it.unitPrice) * (it.qty as number);
      }
      const t = o.totals as Record<string, unknown>;
      for (const v of Object.values(t)) expect(v).toBeInstanceOf(Decimal128);
      expect(cents(t.subtotal)).toBe(subtotal);
      expect(cents(t.grand)).toBe(subtotal - cents(t.discount) + cents(t.shipping) + cents(t.tax));
      expect((o.shipping as Document).address).toMatchObject({ line1: expect.any(String) });
      expect((o.updatedAt as Date) >= (o.createdAt as Date)).toBe(true);
      expect((o.updatedAt as Date).getTime()).toBeLessThanOrEqual(REF_DATE.getTime());
    }
  });

  it('invoices: unique numbers, orderId refs to generated orders, Decimal128 amounts, nullable paidAt', () => {
    const ctx = contextFor(tenant('acme'), 0.05);
    const orders = new Map(generateCollection(ctx, 'orders').map((d) => [(d._id as ObjectId).toHexString(), d]));
    const invoices = generateCollection(ctx, 'invoices');
    expect(new Set(invoices.map((d) => d.number)).size).toBe(invoices.length);
    let unpaid = 0;
    for (const inv of invoices) {
      expect(inv.orderId).toBeInstanceOf(ObjectId);
      const order = orders.get((inv.orderId as ObjectId).toHexString());
      expect(order).toBeDefined();
      expect(String((inv.amounts as Document).total)).toBe(String((order?.totals as Document).grand));
      expect((inv.lines as unknown[]).length).toBeGreaterThan(0);
      expect(inv.dueAt).toBeInstanceOf(Date);
      expect(inv.paidAt === null || inv.paidAt instanceof Date).toBe(true);
      if (inv.paidAt === null) unpaid++;
    }
    expect(unpaid).toBeGreaterThan(0);
    expect(unpaid).toBeLessThan(invoices.length);
  });

  it('tickets: subject, body paragraphs, priority, comments with authors and dates', () => {
    const docs = generateRange(contextFor(tenant('globex'), 1), 'tickets', 0, 100);
    expect(docs.some((d) => (d.body as string).includes('\n\n'))).toBe(true);
    expect(docs.some((d) => (d.comments as unknown[]).length >= 2)).toBe(true);
    for (const d of docs) {
      expect(d.subject).toEqual(expect.any(String));
      expect(['low', 'normal', 'high', 'urgent']).toContain(d.priority);
      for (const c of d.comments as Document[]) {
        expect(c.author).toMatchObject({ id: expect.any(String), name: expect.any(String), role: expect.stringMatching(/^(agent|customer)$/) });
        expect(c.at).toBeInstanceOf(Date);
      }
    }
  });

  it('events: type, actor, nested payload, at', () => {
    const docs = generateRange(contextFor(tenant('initech'), 1), 'events', 0, 200);
    expect(new Set(docs.map((d) => d.type)).size).toBeGreaterThan(8);
    for (const d of docs) {
      expect(d.type).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(d.actor).toMatchObject({ type: expect.any(String), id: expect.any(String) });
      expect(typeof d.payload).toBe('object');
      expect(d.at).toBeInstanceOf(Date);
    }
  });

  it('SHARED_FIELD tenants stamp their tenant field on every document; others do not', () => {
    for (const [t, c] of pairs()) {
      const docs = generateRange(contextFor(t, 1), c, 0, 30);
      for (const d of docs) {
        if (t.tenancy.model === 'SHARED_FIELD') {
          expect(d[t.tenancy.tenantField], `${t.slug}.${c}`).toBe(t.tenancy.tenantValue);
          expect(Object.keys(d).slice(0, 2)).toEqual(['_id', t.tenancy.tenantField]);
        } else expect(d.tenantId, `${t.slug}.${c}`).toBeUndefined();
      }
    }
  });

  it('helpers: money is exact, ids are stable', () => {
    expect(String(money(123456))).toBe('1234.56');
    expect(String(money(5))).toBe('0.05');
    expect(String(money(-1999))).toBe('-19.99');
    expect(opaqueId('cus', 'acme', 'customers', 7)).toBe(opaqueId('cus', 'acme', 'customers', 7));
    expect(opaqueId('cus', 'acme', 'customers', 7)).not.toBe(opaqueId('cus', 'acme', 'customers', 8));
    expect(hash32('abc')).toBe(0x1a47e90b);
  });
});

describe('seed plan', () => {
  it('places each tenant per its tenancy model, with db suffix and scale', () => {
    const plan = planSeed({ scale: 0.01, dbSuffix: '_t1' });
    const find = (tenant: string, logical: string) => plan.find((p) => p.tenant === tenant && p.logical === logical);
    expect(find('acme', 'orders')).toMatchObject({ database: 't_acme_t1', collection: 'orders', filter: {}, expected: 120 });
    expect(find('globex', 'tickets')).toMatchObject({ database: 'saas_prefixed_t1', collection: 'globex_tickets', filter: {}, expected: 30 });
    expect(find('initrode', 'events')).toMatchObject({
      database: 'saas_shared_t1',
      collection: 'events',
      filter: { tenantId: 'initrode' },
      tenantField: 'tenantId',
      expected: 30,
    });
    expect(plan).toHaveLength(pairs().length);
  });

  it('holds at least 60,000 documents at scale 1', () => {
    const total = planSeed().reduce((n, p) => n + p.expected, 0);
    expect(total).toBeGreaterThanOrEqual(60_000);
    expect(scaledCount(3, 0.01)).toBe(1);
  });

  it('selects tenants by slug and rejects unknown ones', () => {
    expect(new Set(planSeed({ tenants: ['umbrella'] }).map((p) => p.tenant))).toEqual(new Set(['umbrella']));
    expect(() => planSeed({ tenants: ['nope'] })).toThrow(/unknown demo tenant/);
  });

  it('shared-field indexes lead with the tenant field (unique ones become compound)', () => {
    const shared = indexesFor('customers', 'tenantId');
    const email = shared.find((i) => i.unique);
    expect(email).toMatchObject({ name: 'tenantId_email_unique', key: { tenantId: 1, email: 1 }, unique: true });
    expect(Object.keys(email?.key ?? {})).toEqual(['tenantId', 'email']);
    for (const i of shared) expect(Object.keys(i.key)[0]).toBe('tenantId');
    expect(indexesFor('customers')).toContainEqual({ name: 'email_unique', key: { email: 1 }, unique: true });
    expect(indexesFor('orders')).toContainEqual({ name: 'customerId_createdAt', key: { customerId: 1, createdAt: -1 } });
    expect(indexesFor('events')).toContainEqual({ name: 'type_at', key: { type: 1, at: -1 } });
    expect(indexesFor('products').find((i) => i.unique)?.key).toEqual({ sku: 1 });
    expect(indexesFor('invoices').find((i) => i.unique)?.key).toEqual({ number: 1 });
  });
});
