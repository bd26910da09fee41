// The generator registry: which generator makes which logical collection, and the generation
// context (scaled counts, locale, tenant tag) of a demo tenant.
import type { Document } from 'mongodb';
import type { TDemoTenant } from '../demo-tenants';
import { localeForRegion, type TGenContext } from './generate-common';
import { generateCustomer } from './generate-customers';
import { generateEvent } from './generate-events';
import { generateInvoice } from './generate-invoices';
import { generateOrder } from './generate-orders';
import { generateProduct } from './generate-products';
import { generateTicket } from './generate-tickets';

export type TGenerator = (ctx: TGenContext, index: number) => Document;

export const GENERATORS: Record<string, TGenerator> = {
  customers: generateCustomer,
  products: generateProduct,
  orders: generateOrder,
  invoices: generateInvoice,
  tickets: generateTicket,
  events: generateEvent,
};

export function generatorFor(collection: string): TGenerator {
  const g = GENERATORS[collection];
  if (!g) throw new Error(`no demo-data generator for collection "${collection}"`);
  return g;
}

/** Documents at a scale: at least 1 for every configured collection. */
export function scaledCount(count: number, scale: number): number {
  return Math.max(1, Math.round(count * scale));
}

export function contextFor(tenant: TDemoTenant, scale = 1): TGenContext {
  const counts: Record<string, number> = {};
  for (const [name, n] of Object.entries(tenant.collections)) counts[name] = scaledCount(n, scale);
  const t = tenant.tenancy;
  return {
    tenant: tenant.slug,
    locale: localeForRegion(tenant.region),
    counts,
    ...(t.model === 'SHARED_FIELD' ? { tag: { field: t.tenantField, value: t.tenantValue } } : {}),
  };
}

/** Documents [from, to) of one collection of a tenant. */
export function generateRange(ctx: TGenContext, collection: string, from: number, to: number): Document[] {
  const g = generatorFor(collection);
  const out: Document[] = [];
  for (let i = from; i < to; i++) out.push(g(ctx, i));
  return out;
}

/** The whole generated set of one collection of a tenant (as sized by ctx.counts). */
export function generateCollection(ctx: TGenContext, collection: string): Document[] {
  return generateRange(ctx, collection, 0, ctx.counts[collection] ?? 0);
}
