// orders: ObjectId ids, customerId refs, items with productSku/qty/unitPrice (Decimal128, the
// product's price), Decimal128 totals, status with history, nested shipping address.
import type { Document } from 'mongodb';
import type { Faker } from '@faker-js/faker';
import { customerSummary } from './generate-customers';
import { generateProduct } from './generate-products';
import { LOCALE_CURRENCY, address, after, countOf, docFaker, money, objectIdAt, pastDate, pick, withTag, type TGenContext } from './generate-common';

/** Tenants without a products collection still sell from a (virtual, deterministic) catalog. */
const VIRTUAL_CATALOG = 400;
const TAX_PERCENT: Record<TGenContext['locale'], number> = { en_US: 7, en_GB: 20, en_AU: 10, de: 19, fr: 20 };
const STATUSES = ['pending', 'paid', 'processing', 'shipped', 'shipped', 'delivered', 'delivered', 'delivered', 'delivered', 'cancelled', 'refunded'] as const;
const CARRIERS = ['DHL', 'UPS', 'FedEx', 'DPD', 'GLS', 'USPS', 'Royal Mail', 'Australia Post'];
const PAYMENT = ['card', 'card', 'card', 'paypal', 'bank_transfer', 'invoice', 'apple_pay'] as const;

type TProductRef = { sku: string; name: string; priceCents: number };
const productCache = new Map<string, TProductRef>();

function cents(d: unknown): number {
  return Math.round(Number(String(d)) * 100);
}

function productRef(ctx: TGenContext, index: number): TProductRef {
  const key = `${ctx.tenant}|${ctx.locale}|${index}`;
  let p = productCache.get(key);
  if (!p) {
    const doc = generateProduct(ctx, index);
    p = { sku: doc.sku as string, name: doc.name as string, priceCents: cents(doc.price) };
    if (productCache.size > 50_000) productCache.clear();
    productCache.set(key, p);
  }
  return p;
}

export function orderNumber(ctx: TGenContext, index: number): string {
  return `${ctx.tenant.slice(0, 3).toUpperCase()}-${(100_000 + index).toString()}`;
}

function statusHistory(f: Faker, status: string, createdAt: Date): { history: Document[]; last: Date } {
  const flow = ['pending', 'paid', 'processing', 'shipped', 'delivered'];
  const steps =
    status === 'cancelled' ? ['pending', 'cancelled'] : status === 'refunded' ? ['pending', 'paid', 'refunded'] : flow.slice(0, flow.indexOf(status) + 1);
  const history: Document[] = [];
  let at = createdAt;
  for (const s of steps) {
    if (history.length > 0) at = after(f, at, 0.05, s === 'delivered' ? 24 * 6 : 48);
    history.push({ status: s, at });
  }
  return { history, last: at };
}

export function generateOrder(ctx: TGenContext, index: number): Document {
  const f = docFaker(ctx, 'orders', index);
  const createdAt = pastDate(f, 730, 0);
  const custIndex = pick(f, countOf(ctx, 'customers', 1));
  const customer = customerSummary(ctx, custIndex);
  const catalog = ctx.counts.products ?? VIRTUAL_CATALOG;
  const itemCount = f.helpers.weightedArrayElement([
    { weight: 30, value: 1 },
    { weight: 30, value: 2 },
    { weight: 20, value: 3 },
    { weight: 10, value: 4 },
    { weight: 6, value: 5 },
    { weight: 4, value: 7 },
  ]);
  const items: Document[] = [];
  let subtotal = 0;
  const used = new Set<number>();
  for (let i = 0; i < itemCount; i++) {
    const pi = pick(f, catalog);
    if (used.has(pi)) continue;
    used.add(pi);
    const p = productRef(ctx, pi);
    const qty = f.helpers.weightedArrayElement([
      { weight: 70, value: 1 },
      { weight: 20, value: f.number.int({ min: 2, max: 4 }) },
      { weight: 10, value: f.number.int({ min: 5, max: 40 }) },
    ]);
    subtotal += qty * p.priceCents;
    const item: Document = { productSku: p.sku, name: p.name, qty, unitPrice: money(p.priceCents) };
    if (f.datatype.boolean({ probability: 0.1 })) item.giftWrap = true;
    items.push(item);
  }
  const discount = f.datatype.boolean({ probability: 0.2 }) ? Math.round(subtotal * f.helpers.arrayElement([0.05, 0.1, 0.15, 0.2])) : 0;
  const shippingFee = subtotal - discount > 15_000 ? 0 : f.helpers.arrayElement([0, 499, 695, 995, 1495]);
  const tax = Math.round(((subtotal - discount) * TAX_PERCENT[ctx.locale]) / 100);
  const status = f.helpers.arrayElement(STATUSES);
  const { history, last } = statusHistory(f, status, createdAt);
  const shipToCustomer = f.datatype.boolean({ probability: 0.8 });
  const shipping: Document = {
    method: f.helpers.arrayElement(['standard', 'standard', 'express', 'next_day', 'pickup']),
    recipient: shipToCustomer ? customer.name : f.person.fullName(),
    address: shipToCustomer ? customer.address : address(f, ctx.locale),
  };
  if (status === 'shipped' || status === 'delivered') {
    shipping.carrier = f.helpers.arrayElement(CARRIERS);
    shipping.trackingNumber = f.string.alphanumeric({ length: f.number.int({ min: 12, max: 22 }), casing: 'upper' });
  }
  const payment: Document = { method: f.helpers.arrayElement(PAYMENT) };
  if (payment.method === 'card')
    payment.card = { brand: f.helpers.arrayElement(['visa', 'mastercard', 'amex']), last4: f.finance.creditCardNumber().replace(/\D/g, '').slice(-4) };
  const doc: Document = {
    number: orderNumber(ctx, index),
    customerId: customer.id,
    email: customer.email,
    items,
    currency: LOCALE_CURRENCY[ctx.locale],
    totals: {
      subtotal: money(subtotal),
      discount: money(discount),
      shipping: money(shippingFee),
      tax: money(tax),
      grand: money(subtotal - discount + shippingFee + tax),
    },
    status,
    statusHistory: history,
    shipping,
    payment,
  };
  if (f.datatype.boolean({ probability: 0.15 })) doc.note = f.lorem.sentence();
  if (discount > 0) doc.couponCode = f.string.alphanumeric({ length: 8, casing: 'upper' });
  doc.channel = f.helpers.arrayElement(['web', 'web', 'mobile', 'pos', 'marketplace']);
  doc.createdAt = createdAt;
  doc.updatedAt = last;
  return withTag(ctx, objectIdAt(f, createdAt), doc);
}
