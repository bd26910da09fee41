// customers: string ids ('cus_...'), nested address, tags, Decimal128 lifetime value.
import type { Document } from 'mongodb';
import { LOCALE_CURRENCY, address, after, docFaker, money, opaqueId, pastDate, withTag, type TGenContext } from './generate-common';

const STATUSES = ['active', 'active', 'active', 'active', 'inactive', 'churned', 'lead', 'suspended'] as const;
const TAGS = [
  'vip',
  'wholesale',
  'newsletter',
  'b2b',
  'b2c',
  'early-adopter',
  'high-risk',
  'referral',
  'partner',
  'beta',
  'enterprise',
  'smb',
  'nonprofit',
  'education',
  'gov',
  'churn-risk',
  'upsell',
  'loyalty-gold',
  'loyalty-silver',
  'support-priority',
];
const CHANNELS = ['web', 'mobile-app', 'sales', 'partner', 'marketplace', 'import'] as const;
const LANGS: Record<TGenContext['locale'], string[]> = {
  en_US: ['en-US', 'es-US'],
  en_GB: ['en-GB', 'cy-GB'],
  en_AU: ['en-AU'],
  de: ['de-DE', 'de-AT', 'en-GB'],
  fr: ['fr-FR', 'fr-BE'],
};

/** The id of customer `index` of a tenant (computable without generating the customer). */
export function customerId(ctx: TGenContext, index: number): string {
  return opaqueId('cus', ctx.tenant, 'customers', index);
}

export function generateCustomer(ctx: TGenContext, index: number): Document {
  const f = docFaker(ctx, 'customers', index);
  const sex = f.person.sexType();
  const firstName = f.person.firstName(sex);
  const lastName = f.person.lastName(sex);
  const [local, domain] = f.internet.email({ firstName, lastName }).toLowerCase().split('@') as [string, string];
  // The index keeps the address unique within the tenant (the unique index on email).
  const email = `${local}${index}@${domain}`;
  const createdAt = pastDate(f, 1460, 30);
  const status = f.helpers.arrayElement(STATUSES);
  const isCompany = f.datatype.boolean({ probability: 0.35 });
  const orders = status === 'lead' ? 0 : f.number.int({ min: 0, max: 60 });
  const doc: Document = {
    name: `${firstName} ${lastName}`,
    firstName,
    lastName,
    email,
    phone: f.phone.number(),
  };
  if (isCompany) {
    doc.company = { name: f.company.name(), vatId: f.string.alphanumeric({ length: 11, casing: 'upper' }), industry: f.commerce.department() };
  }
  doc.address = address(f, ctx.locale);
  if (f.datatype.boolean({ probability: 0.2 })) doc.billingAddress = address(f, ctx.locale);
  doc.tags = f.helpers.arrayElements(TAGS, { min: 0, max: 5 });
  doc.status = status;
  doc.lifetimeValue = money(orders * f.number.int({ min: 900, max: 45_000 }));
  doc.currency = LOCALE_CURRENCY[ctx.locale];
  doc.orderCount = orders;
  doc.preferences = {
    language: f.helpers.arrayElement(LANGS[ctx.locale]),
    newsletter: f.datatype.boolean(),
    sms: f.datatype.boolean({ probability: 0.2 }),
    channel: f.helpers.arrayElement(CHANNELS),
  };
  if (f.datatype.boolean({ probability: 0.3 })) doc.notes = f.lorem.sentences({ min: 1, max: 3 });
  doc.createdAt = createdAt;
  doc.updatedAt = after(f, createdAt, 1, 24 * 600);
  doc.lastOrderAt = orders > 0 ? after(f, createdAt, 2, 24 * 700) : null;
  return withTag(ctx, customerId(ctx, index), doc);
}

export type TCustomerSummary = { id: string; name: string; email: string; address: Document };
const summaries = new Map<string, TCustomerSummary>();

/** Name, email and address of customer `index` (memoized), for documents that reference it. */
export function customerSummary(ctx: TGenContext, index: number): TCustomerSummary {
  const key = `${ctx.tenant}|${ctx.locale}|${index}`;
  let c = summaries.get(key);
  if (!c) {
    const doc = generateCustomer(ctx, index);
    c = { id: doc._id as string, name: doc.name as string, email: doc.email as string, address: doc.address as Document };
    if (summaries.size > 100_000) summaries.clear();
    summaries.set(key, c);
  }
  return c;
}
