// Shared fixture of restore-request-lifecycle.int.test.ts: a scratch DATABASE tenant on FerretDB,
// backed up once and then drifted, with the users of every role the lifecycle needs. The
// exported `let`s are live bindings: importers see the values set by setUpLifecycle().
import { randomBytes } from 'node:crypto';
import { MongoClient, ObjectId, type Document } from 'mongodb';
import type { TActor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/session/get-current-actor';
import { runBackup } from '@/lib/backups/run-backup';
import { runRestoreDryRun } from '@/lib/restores/run-restore-dry-run';
import { db } from '@/lib/db';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { runRequestJob } from '../testing/run-request-job';
import { previewRestoreRequestUndo } from '../preview-restore-request-undo';
import { submitRestoreRequest } from '../submit-restore-request';

export const hex = randomBytes(4).toString('hex');
export const DB = `it_rreq_${hex}`;
export const order = (i: number): Document => ({
  _id: new ObjectId(`65c0000000000000000000${i.toString(16).padStart(2, '0')}`),
  number: `ORD-${1000 + i}`,
  status: ['open', 'paid'][i % 2],
  total: i * 10.5,
});
export const ORDERS = Array.from({ length: 12 }, (_, i) => order(i));
export const DELETED = [ORDERS[2]!, ORDERS[5]!, ORDERS[9]!];
export const MODIFIED = ORDERS[7]!;
export const CREATED = order(40);

export let client: MongoClient;
export let ctx: TEngineContext;
export let tenantId: string;
export let snapshotId: string;
export const userIds: string[] = [];
export const u: Record<'requester' | 'requester2' | 'viewer' | 'paula' | 'oscar' | 'rex' | 'sam', TActor> = {} as never;
export const orders = () => client.db(DB).collection('orders');
export const live = async () => JSON.stringify(await orders().find().sort({ _id: 1 }).toArray());
export const spec = (extra: Record<string, unknown> = {}) => ({
  version: 1,
  tenant: `it-rreq-${hex}`,
  source: { snapshotId },
  selection: { namespaces: { include: ['*'] } },
  target: { mode: 'in-place' },
  conflictPolicy: 'overwrite',
  ...extra,
});
export const REASON = 'customer deleted orders by mistake (ticket T-1)';

export async function user(key: keyof typeof u, opts: { person?: string; role?: 'TENANT_ADMIN' | 'TENANT_VIEWER'; approver?: boolean; support?: boolean }) {
  const row = await db.user.create({ data: { email: `${key}-${hex}@it.example`, name: `IT ${key}`, personId: opts.person ? `${opts.person}-${hex}` : null } });
  userIds.push(row.id);
  if (opts.role) await db.membership.create({ data: { userId: row.id, tenantId, role: opts.role } });
  if (opts.approver) await db.platformRoleGrant.create({ data: { userId: row.id, role: 'APPROVER' } });
  if (opts.support) await db.platformRoleGrant.create({ data: { userId: row.id, role: 'SUPPORT' } });
  u[key] = (await loadActor(row.id))!;
}
export const audits = (targetId: string) =>
  db.auditEvent.findMany({ where: { targetId }, orderBy: { id: 'asc' }, select: { action: true, outcome: true, actorUserId: true } });
/** A dry-run job of the package (run to the end in this process), then the request submitted from it. */
export const dryRun = (extra: Record<string, unknown> = {}) => runRestoreDryRun({ ctx, tenantId, spec: spec(extra), requestedById: u.requester.userId });
export const submit = async (extra: Record<string, unknown> = {}) =>
  submitRestoreRequest({ actor: u.requester, tenantId, dryRunJobId: (await dryRun(extra)).jobId, reason: REASON });
/** Runs the request's queued job as the worker would; the request's status and the job's last message. */
export async function execute(id: string, jobId: string) {
  const job = await runRequestJob(ctx, jobId);
  const request = await db.restoreRequest.findUniqueOrThrow({ where: { id } });
  return { job, status: request.status, message: job?.message ?? '' };
}

/** The tenant admin previews the undo of a verified request; the UNDO_PREVIEW job runs as the worker would. */
export async function previewUndo(id: string, actor: TActor = u.requester) {
  const { previewJobId } = await previewRestoreRequestUndo({ actor, tenantId, requestId: id });
  const job = await runRequestJob(ctx, previewJobId);
  return { previewJobId, job };
}

export async function setUpLifecycle() {
  client = await new MongoClient(process.env.MONGODB_URI!).connect();
  await orders().insertMany(ORDERS.map((d) => ({ ...d })));
  await client
    .db(DB)
    .collection('customers')
    .insertMany([{ _id: 'c-1', name: 'Ada' } as Document]);
  const tenant = await db.tenant.create({
    data: { slug: `it-rreq-${hex}`, name: `IT rreq ${hex}`, tenancyModel: 'DATABASE', database: DB, region: 'eu-west-1', costCenter: 'CC-IT' },
  });
  tenantId = tenant.id;
  ctx = await createEngineContext();
  snapshotId = (await runBackup({ ctx, tenantId, kind: 'full' })).manifest.snapshotId;
  await orders().deleteMany({ _id: { $in: DELETED.map((d) => d._id) } });
  await orders().replaceOne({ _id: MODIFIED._id }, { ...MODIFIED, status: 'cancelled', total: -1 });
  await orders().insertOne({ ...CREATED });
  await user('requester', { person: 'alice', role: 'TENANT_ADMIN' });
  await user('requester2', { person: 'alice', approver: true });
  await user('viewer', { role: 'TENANT_VIEWER' });
  await user('paula', { approver: true });
  await user('oscar', { approver: true });
  await user('rex', { approver: true });
  await user('sam', { support: true, approver: true });
}

export async function tearDownLifecycle() {
  await client?.db(DB).dropDatabase();
  await client?.close();
  if (tenantId) {
    await db.approval.deleteMany({ where: { tenantId } });
    await db.restoreRequest.deleteMany({ where: { tenantId } });
    await db.restoreJournalEntry.deleteMany({ where: { tenantId } });
    await db.snapshot.deleteMany({ where: { tenantId } });
    await db.job.deleteMany({ where: { tenantId } });
    await db.impersonationSession.deleteMany({ where: { tenantId } });
    await db.user.deleteMany({ where: { id: { in: userIds } } });
    await db.tenant.delete({ where: { id: tenantId } });
    const key = ctx.keys.opaqueTenantKey(tenantId);
    for (const prefix of [`tenants/${key}/`, `keys/${key}/`]) for await (const o of ctx.store.list(prefix)) await ctx.store.delete(o.key);
  }
  await ctx?.close();
  await db.$disconnect();
}
