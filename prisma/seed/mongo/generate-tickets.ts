// tickets: string keys ('GLO-1042'), subject, body paragraphs, priority, comments with authors
// and dates.
import type { Document } from 'mongodb';
import type { Faker } from '@faker-js/faker';
import { customerSummary } from './generate-customers';
import { after, countOf, docFaker, pastDate, pick, withTag, type TGenContext } from './generate-common';

const PRIORITIES = ['low', 'normal', 'normal', 'normal', 'high', 'high', 'urgent'] as const;
const STATUSES = ['new', 'open', 'open', 'pending', 'on_hold', 'solved', 'solved', 'solved', 'closed', 'closed'] as const;
const CATEGORIES = ['billing', 'shipping', 'returns', 'account', 'bug', 'feature_request', 'integration', 'security', 'onboarding'];
const CHANNELS = ['email', 'web_form', 'chat', 'phone', 'api'] as const;

function agent(f: Faker): Document {
  const first = f.person.firstName();
  return {
    id: `agt_${f.string.alphanumeric({ length: 8, casing: 'lower' })}`,
    name: `${first} ${f.person.lastName()}`,
    role: 'agent',
    team: f.helpers.arrayElement(['tier1', 'tier2', 'billing', 'engineering']),
  };
}

function subject(f: Faker): string {
  switch (f.number.int({ min: 0, max: 5 })) {
    case 0:
      return `Order ${f.string.numeric(6)} ${f.helpers.arrayElement(['has not arrived', 'arrived damaged', 'is missing an item', 'was charged twice'])}`;
    case 1:
      return `Cannot ${f.hacker.verb()} the ${f.hacker.adjective()} ${f.hacker.noun()}`;
    case 2:
      return `${f.commerce.productName()}: ${f.helpers.arrayElement(['question about sizing', 'warranty claim', 'return request', 'wrong color delivered'])}`;
    case 3:
      return `${f.helpers.arrayElement(['Invoice', 'Refund', 'Payment', 'Credit note'])} ${f.helpers.arrayElement(['query', 'not received', 'incorrect', 'overdue?'])} - ${f.company.name()}`;
    case 4:
      return f.hacker.phrase().slice(0, 90);
    default:
      return `${f.helpers.arrayElement(['Feature request', 'Bug', 'Question', 'Urgent'])}: ${f.company.catchPhrase()}`;
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function ticketKey(ctx: TGenContext, index: number): string {
  return `${ctx.tenant.slice(0, 3).toUpperCase()}-${1000 + index}`;
}

export function generateTicket(ctx: TGenContext, index: number): Document {
  const f = docFaker(ctx, 'tickets', index);
  const createdAt = pastDate(f, 540, 0);
  const status = f.helpers.arrayElement(STATUSES);
  const customer = customerSummary(ctx, pick(f, countOf(ctx, 'customers', 1)));
  const requester = { customerId: customer.id, name: customer.name, email: customer.email };
  const assignee = status === 'new' ? null : agent(f);
  const paragraphs = f.number.int({ min: 1, max: 3 });
  const body = Array.from({ length: paragraphs }, () =>
    f.helpers.arrayElement([
      () => f.lorem.paragraph({ min: 2, max: 4 }),
      () => f.hacker.phrase(),
      () => `${capitalize(f.company.buzzPhrase())}. ${f.lorem.sentences({ min: 1, max: 3 })}`,
    ])(),
  ).join('\n\n');
  const comments: Document[] = [];
  let at = createdAt;
  const n = f.helpers.weightedArrayElement([
    { weight: 20, value: 0 },
    { weight: 35, value: 1 },
    { weight: 25, value: 2 },
    { weight: 15, value: 3 },
    { weight: 5, value: 5 },
  ]);
  for (let i = 0; i < n; i++) {
    at = after(f, at, 0.1, 72);
    const fromAgent = assignee !== null && i % 2 === 0;
    comments.push({
      author: fromAgent ? { id: assignee.id, name: assignee.name, role: 'agent' } : { id: requester.customerId, name: requester.name, role: 'customer' },
      body:
        fromAgent && f.datatype.boolean()
          ? `Hi ${requester.name.split(' ')[0] ?? ''}, ${f.lorem.sentences({ min: 1, max: 3 })}`
          : f.lorem.sentences({ min: 1, max: 3 }),
      public: fromAgent ? f.datatype.boolean({ probability: 0.85 }) : true,
      at,
    });
  }
  const solved = status === 'solved' || status === 'closed';
  const doc: Document = {
    key: ticketKey(ctx, index),
    subject: subject(f),
    body,
    priority: f.helpers.arrayElement(PRIORITIES),
    status,
    category: f.helpers.arrayElement(CATEGORIES),
    channel: f.helpers.arrayElement(CHANNELS),
    requester,
    assignee,
    tags: f.helpers.arrayElements(['refund', 'vip', 'escalated', 'sla-breach', 'first-contact', 'duplicate', 'known-issue', 'needs-info'], { min: 0, max: 3 }),
    comments,
    sla: { firstResponseMins: f.helpers.arrayElement([30, 60, 240, 480, 1440]), breached: f.datatype.boolean({ probability: 0.12 }) },
    createdAt,
    updatedAt: at,
    resolvedAt: solved ? after(f, at, 0.1, 48) : null,
  };
  if (solved && f.datatype.boolean({ probability: 0.6 }))
    doc.satisfaction = { score: f.number.int({ min: 1, max: 5 }), comment: f.datatype.boolean() ? f.lorem.sentence() : null };
  return withTag(ctx, ticketKey(ctx, index), doc);
}
