// events: an audit/activity stream: type, actor, nested payload depending on the type, at.
import type { Document } from 'mongodb';
import type { Faker } from '@faker-js/faker';
import { customerId } from './generate-customers';
import { orderNumber } from './generate-orders';
import { countOf, docFaker, money, objectIdAt, pastDate, pick, withTag, type TGenContext } from './generate-common';

const TYPES = [
  'user.login',
  'user.login',
  'user.login',
  'user.logout',
  'user.password_reset',
  'customer.created',
  'customer.updated',
  'order.created',
  'order.created',
  'order.paid',
  'order.shipped',
  'order.cancelled',
  'payment.failed',
  'webhook.delivered',
  'webhook.failed',
  'api_key.created',
  'export.completed',
  'settings.changed',
] as const;

function payload(f: Faker, ctx: TGenContext, type: string): Document {
  const cust = () => customerId(ctx, pick(f, countOf(ctx, 'customers', 1)));
  const order = () => orderNumber(ctx, pick(f, countOf(ctx, 'orders', 1)));
  switch (type) {
    case 'user.login':
    case 'user.logout':
      return {
        method: f.helpers.arrayElement(['password', 'sso', 'magic_link', 'passkey']),
        mfa: f.datatype.boolean({ probability: 0.6 }),
        session: { id: f.string.uuid(), ttlSec: f.helpers.arrayElement([3600, 28800, 86400]) },
      };
    case 'user.password_reset':
      return { requestedVia: f.helpers.arrayElement(['email', 'admin']), expiresInMin: 30 };
    case 'customer.created':
    case 'customer.updated': {
      const fields = f.helpers.arrayElements(['email', 'phone', 'address.line1', 'address.city', 'tags', 'status', 'preferences.newsletter'], {
        min: 1,
        max: 4,
      });
      return {
        customerId: cust(),
        changes: fields.map((field) => ({ field, from: type === 'customer.created' ? null : f.lorem.word(), to: f.lorem.words({ min: 1, max: 3 }) })),
      };
    }
    case 'order.created':
    case 'order.paid':
    case 'order.shipped':
    case 'order.cancelled':
      return {
        orderNumber: order(),
        customerId: cust(),
        amount: money(f.number.int({ min: 500, max: 250_000 })),
        items: f.number.int({ min: 1, max: 7 }),
        ...(type === 'order.shipped'
          ? { carrier: f.helpers.arrayElement(['DHL', 'UPS', 'DPD']), tracking: f.string.alphanumeric({ length: 14, casing: 'upper' }) }
          : {}),
        ...(type === 'order.cancelled' ? { reason: f.helpers.arrayElement(['customer_request', 'fraud_suspected', 'out_of_stock', 'payment_timeout']) } : {}),
      };
    case 'payment.failed':
      return {
        orderNumber: order(),
        amount: money(f.number.int({ min: 500, max: 150_000 })),
        error: {
          code: f.helpers.arrayElement(['card_declined', 'insufficient_funds', 'expired_card', 'processing_error']),
          declineCode: f.string.alphanumeric(6),
          retryable: f.datatype.boolean(),
        },
      };
    case 'webhook.delivered':
    case 'webhook.failed':
      return {
        endpoint: f.internet.url(),
        event: f.helpers.arrayElement(['order.paid', 'invoice.created', 'customer.updated']),
        attempt: f.number.int({ min: 1, max: 5 }),
        response: {
          status: type === 'webhook.failed' ? f.helpers.arrayElement([500, 502, 503, 504, 410]) : 200,
          latencyMs: f.number.int({ min: 12, max: 9000 }),
        },
      };
    case 'api_key.created':
      return {
        keyId: `key_${f.string.alphanumeric(16)}`,
        scopes: f.helpers.arrayElements(['orders:read', 'orders:write', 'customers:read', 'customers:write', 'events:read'], { min: 1, max: 4 }),
        expiresAt: null,
      };
    case 'export.completed':
      return {
        format: f.helpers.arrayElement(['csv', 'xlsx', 'json']),
        rows: f.number.int({ min: 0, max: 200_000 }),
        bytes: f.number.int({ min: 100, max: 80_000_000 }),
        filters: { from: f.date.past({ years: 1 }), status: f.helpers.arrayElement(['any', 'paid', 'open']) },
      };
    default:
      return {
        setting: f.helpers.arrayElement(['timezone', 'currency', 'notifications.email', 'security.mfa_required', 'branding.logo']),
        from: f.lorem.word(),
        to: f.lorem.word(),
      };
  }
}

export function generateEvent(ctx: TGenContext, index: number): Document {
  const f = docFaker(ctx, 'events', index);
  const at = pastDate(f, 365, 0);
  const type = f.helpers.arrayElement(TYPES);
  const actorKind =
    type.startsWith('webhook.') || type === 'export.completed'
      ? 'system'
      : f.helpers.weightedArrayElement([
          { weight: 70, value: 'user' },
          { weight: 20, value: 'api_key' },
          { weight: 10, value: 'system' },
        ]);
  const actor: Document =
    actorKind === 'user'
      ? {
          type: 'user',
          id: `usr_${f.string.alphanumeric({ length: 10, casing: 'lower' })}`,
          email: f.internet.email().toLowerCase(),
          name: f.person.fullName(),
        }
      : actorKind === 'api_key'
        ? { type: 'api_key', id: `key_${f.string.alphanumeric(16)}`, name: `${f.hacker.noun()} integration` }
        : { type: 'system', id: f.helpers.arrayElement(['scheduler', 'billing-worker', 'webhook-dispatcher', 'exporter']) };
  const doc: Document = {
    type,
    actor,
    payload: payload(f, ctx, type),
    context: {
      ip: f.internet.ipv4(),
      userAgent: f.internet.userAgent(),
      requestId: f.string.uuid(),
      geo: { country: f.location.countryCode(), city: f.location.city() },
    },
    severity: type.endsWith('failed') ? 'warning' : 'info',
    version: 1,
    at,
  };
  return withTag(ctx, objectIdAt(f, at), doc);
}
