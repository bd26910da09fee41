// products: ObjectId ids, unique SKU, Decimal128 price, categories, stock, nested dimensions.
import type { Document } from 'mongodb';
import { LOCALE_CURRENCY, after, docFaker, money, objectIdAt, pastDate, withTag, type TGenContext } from './generate-common';

const WAREHOUSES = ['AMS-1', 'FRA-2', 'DUB-1', 'IAD-3', 'PDX-1', 'SIN-1', 'SYD-2'];

/** SKU of product `index` (unique per tenant; computable without generating the product). */
export function productSku(ctx: TGenContext, index: number): string {
  const code = ctx.tenant.slice(0, 3).toUpperCase();
  return `${code}-${(index + 1).toString().padStart(5, '0')}-${((index * 7919 + 13) % 1296).toString(36).toUpperCase().padStart(2, '0')}`;
}

export function generateProduct(ctx: TGenContext, index: number): Document {
  const f = docFaker(ctx, 'products', index);
  const createdAt = pastDate(f, 1800, 60);
  const department = f.commerce.department();
  const priceCents = Math.round(Number(f.commerce.price({ min: 2, max: 1800, dec: 2 })) * 100);
  const onHand = f.number.int({ min: 0, max: 2500 });
  const doc: Document = {
    sku: productSku(ctx, index),
    name: f.commerce.productName(),
    description: f.commerce.productDescription(),
    price: money(priceCents),
    currency: LOCALE_CURRENCY[ctx.locale],
    categories: [
      department,
      ...f.helpers.arrayElements([f.commerce.productAdjective(), f.commerce.productMaterial(), f.commerce.department()], { min: 0, max: 2 }),
    ],
    stock: onHand,
    inventory: {
      reserved: f.number.int({ min: 0, max: Math.min(onHand, 150) }),
      reorderPoint: f.number.int({ min: 5, max: 200 }),
      warehouses: f.helpers.arrayElements(WAREHOUSES, { min: 1, max: 3 }),
    },
    dimensions: {
      lengthCm: f.number.float({ min: 1, max: 220, fractionDigits: 1 }),
      widthCm: f.number.float({ min: 1, max: 120, fractionDigits: 1 }),
      heightCm: f.number.float({ min: 0.5, max: 90, fractionDigits: 1 }),
      weightKg: f.number.float({ min: 0.05, max: 60, fractionDigits: 3 }),
    },
    attributes: { material: f.commerce.productMaterial(), color: f.color.human(), ean: f.commerce.isbn({ variant: 13, separator: '' }) },
    active: f.datatype.boolean({ probability: 0.9 }),
  };
  if (f.datatype.boolean({ probability: 0.25 })) {
    doc.compareAtPrice = money(Math.round(priceCents * f.number.float({ min: 1.05, max: 1.6 })));
  }
  doc.rating = { average: f.number.float({ min: 1, max: 5, fractionDigits: 2 }), count: f.number.int({ min: 0, max: 4000 }) };
  doc.createdAt = createdAt;
  doc.updatedAt = after(f, createdAt, 1, 24 * 500);
  return withTag(ctx, objectIdAt(f, createdAt), doc);
}
