// invoices: unique number, orderId (ObjectId) ref to a generated order, lines mirroring its
// items, Decimal128 amounts, dueAt, paidAt (null when unpaid).
import type { Document } from 'mongodb';
import { generateOrder } from './generate-orders';
import { after, countOf, docFaker, money, objectIdAt, withTag, REF_DATE, type TGenContext } from './generate-common';

const DAY_MS = 86_400_000;

export function invoiceNumber(ctx: TGenContext, index: number, issuedAt: Date): string {
  return `INV-${ctx.tenant.slice(0, 3).toUpperCase()}-${issuedAt.getUTCFullYear()}-${(index + 1).toString().padStart(6, '0')}`;
}

function cents(d: unknown): number {
  return Math.round(Number(String(d)) * 100);
}

export function generateInvoice(ctx: TGenContext, index: number): Document {
  // Invoice i bills order i (mod the number of orders): amounts and lines agree with it.
  const order = generateOrder(ctx, index % countOf(ctx, 'orders', 1));
  const f = docFaker(ctx, 'invoices', index);
  const issuedAt = after(f, order.createdAt as Date, 0.1, 72);
  const terms = f.helpers.arrayElement([0, 14, 14, 30, 30, 30, 45, 60]);
  const dueAt = new Date(issuedAt.getTime() + terms * DAY_MS);
  const totals = order.totals as Record<string, unknown>;
  const grand = cents(totals.grand);
  const orderStatus = order.status as string;
  let status: string;
  let paidAt: Date | null = null;
  let paid = 0;
  if (orderStatus === 'cancelled') status = 'void';
  else if (orderStatus === 'pending' && f.datatype.boolean()) status = 'draft';
  else if (f.datatype.boolean({ probability: 0.8 })) {
    paidAt = after(f, issuedAt, 0.5, Math.max(1, terms) * 24 * 1.2);
    status = orderStatus === 'refunded' ? 'refunded' : 'paid';
    paid = grand;
  } else if (f.datatype.boolean({ probability: 0.2 })) {
    status = 'partially_paid';
    paid = Math.round(grand * f.number.float({ min: 0.1, max: 0.9 }));
    paidAt = null;
  } else status = dueAt < REF_DATE ? 'overdue' : 'open';

  const lines: Document[] = (order.items as Document[]).map((it) => {
    const unit = cents(it.unitPrice);
    return { description: `${it.name as string} (${it.productSku as string})`, qty: it.qty, unitPrice: it.unitPrice, amount: money(unit * (it.qty as number)) };
  });
  if (cents(totals.shipping) > 0) lines.push({ description: 'Shipping & handling', qty: 1, unitPrice: totals.shipping, amount: totals.shipping });
  if (cents(totals.discount) > 0)
    lines.push({ description: 'Discount', qty: 1, unitPrice: money(-cents(totals.discount)), amount: money(-cents(totals.discount)) });

  const shipping = order.shipping as Document;
  const doc: Document = {
    number: invoiceNumber(ctx, index, issuedAt),
    orderId: order._id,
    orderNumber: order.number,
    customerId: order.customerId,
    billTo: { name: shipping.recipient, email: order.email, address: shipping.address },
    lines,
    currency: order.currency,
    amounts: {
      subtotal: totals.subtotal,
      tax: totals.tax,
      total: totals.grand,
      paid: money(paid),
      due: money(status === 'void' || status === 'refunded' ? 0 : grand - paid),
    },
    terms: terms === 0 ? 'due_on_receipt' : `net_${terms}`,
    status,
    issuedAt,
    dueAt,
    paidAt,
  };
  if (f.datatype.boolean({ probability: 0.2 })) doc.memo = f.lorem.sentence({ min: 4, max: 14 });
  if (status === 'overdue')
    doc.reminders = Array.from({ length: f.number.int({ min: 1, max: 3 }) }, (_, i) => ({
      n: i + 1,
      sentAt: after(f, dueAt, 24 * (1 + i * 7), 24 * (3 + i * 7)),
      channel: f.helpers.arrayElement(['email', 'letter']),
    }));
  doc.createdAt = issuedAt;
  doc.updatedAt = paidAt ?? issuedAt;
  return withTag(ctx, objectIdAt(f, issuedAt), doc);
}
