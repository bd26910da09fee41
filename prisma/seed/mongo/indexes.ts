// Secondary indexes of the demo collections. In a SHARED_FIELD collection every index leads
// with the tenant field (so unique constraints hold per tenant, and every tenant-scoped query —
// which always carries the tenant predicate — can use them; they also serve tenant-only queries).
import type { IndexDirection } from 'mongodb';

export type TIndexSpec = { name: string; key: Record<string, IndexDirection>; unique?: boolean };

const BASE: Record<string, TIndexSpec[]> = {
  customers: [
    { name: 'email_unique', key: { email: 1 }, unique: true },
    { name: 'status_createdAt', key: { status: 1, createdAt: -1 } },
    { name: 'tags', key: { tags: 1 } },
  ],
  products: [
    { name: 'sku_unique', key: { sku: 1 }, unique: true },
    { name: 'categories_price', key: { categories: 1, price: 1 } },
  ],
  orders: [
    { name: 'number_unique', key: { number: 1 }, unique: true },
    { name: 'customerId_createdAt', key: { customerId: 1, createdAt: -1 } },
    { name: 'status', key: { status: 1 } },
    { name: 'items_productSku', key: { 'items.productSku': 1 } },
  ],
  invoices: [
    { name: 'number_unique', key: { number: 1 }, unique: true },
    { name: 'orderId', key: { orderId: 1 } },
    { name: 'status_dueAt', key: { status: 1, dueAt: 1 } },
  ],
  tickets: [
    { name: 'status_priority', key: { status: 1, priority: 1 } },
    { name: 'requester_customerId', key: { 'requester.customerId': 1 } },
    { name: 'updatedAt', key: { updatedAt: -1 } },
  ],
  events: [
    { name: 'type_at', key: { type: 1, at: -1 } },
    { name: 'actor_id_at', key: { 'actor.id': 1, at: -1 } },
  ],
};

/** The indexes of a logical collection; `tenantField` for SHARED_FIELD collections. */
export function indexesFor(collection: string, tenantField?: string): TIndexSpec[] {
  const base = BASE[collection] ?? [];
  if (!tenantField) return base.map((s) => ({ ...s, key: { ...s.key } }));
  return base.map((s) => ({ ...s, name: `${tenantField}_${s.name}`, key: { [tenantField]: 1 as IndexDirection, ...s.key } }));
}
