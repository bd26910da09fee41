// Submitting a restore request reads no tenant data: the web process binds the request to what
// the DRY_RUN job stored. Proven against the real services with instruments that see every
// data-plane access of this process — MongoDB command monitoring on the process's engine
// context, a counting object store, and spies on MongoClient.connect and S3Client.send for any
// client made anywhere else — checked first to see a plain dry-run's reads (so they can fail).
import { randomBytes } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { MongoClient, ObjectId, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/session/get-current-actor';
import { runBackup } from '@/lib/backups/run-backup';
import { db } from '@/lib/db';
import type { ObjectStore } from '@/lib/engine';
import { prepareRestore } from '@/lib/restores/prepare-restore';
import { runRestoreDryRun } from '@/lib/restores/run-restore-dry-run';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { closeSharedEngineContext, getSharedEngineContext, installSharedEngineContext } from '@/lib/vault/shared-engine-context';
import { submitRestoreRequest } from './submit-restore-request';

const hex = randomBytes(4).toString('hex');
const DB = `it_submit_${hex}`;
let client: MongoClient;
let ctx: TEngineContext;
let tenantId: string;
let snapshotId: string;
let actor: TActor;
let userId: string;
const seen = { mongo: 0, store: 0 };

/** Counts every call of the store's methods (reads and writes alike). */
function counting(store: ObjectStore): ObjectStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...a: unknown[]) => {
        seen.store++;
        return (v as (...x: unknown[]) => unknown).apply(target, a);
      };
    },
  });
}

beforeAll(async () => {
  client = await new MongoClient(process.env.MONGODB_URI!).connect();
  await client
    .db(DB)
    .collection('orders')
    .insertMany(Array.from({ length: 6 }, (_, i) => ({ _id: new ObjectId(), n: i }) as Document));
  const tenant = await db.tenant.create({
    data: { slug: `it-submit-${hex}`, name: `IT submit ${hex}`, tenancyModel: 'DATABASE', database: DB, region: 'eu-west-1', costCenter: 'CC-IT' },
  });
  tenantId = tenant.id;
  const user = await db.user.create({
    data: { email: `submit-${hex}@it.example`, name: 'IT submit', memberships: { create: { tenantId, role: 'TENANT_ADMIN' } } },
  });
  userId = user.id;
  actor = (await loadActor(user.id))!;
  // This process's one engine context, monitored: every MongoDB command and store call is counted.
  ctx = await createEngineContext({ monitorCommands: true });
  ctx.mongo.on('commandStarted', () => void seen.mongo++);
  ctx = { ...ctx, store: counting(ctx.store) };
  installSharedEngineContext(ctx);
  snapshotId = (await runBackup({ ctx, tenantId, kind: 'full' })).manifest.snapshotId;
  await client
    .db(DB)
    .collection('orders')
    .deleteMany({ n: { $lt: 2 } });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await client?.db(DB).dropDatabase();
  await client?.close();
  if (tenantId) {
    await db.restoreRequest.deleteMany({ where: { tenantId } });
    await db.snapshot.deleteMany({ where: { tenantId } });
    await db.job.deleteMany({ where: { tenantId } });
    await db.user.deleteMany({ where: { id: userId } });
    const key = ctx.keys.opaqueTenantKey(tenantId);
    for (const prefix of [`tenants/${key}/`, `keys/${key}/`]) for await (const o of ctx.store.list(prefix)) await ctx.store.delete(o.key);
    if ((await db.auditEvent.count({ where: { tenantId } })) === 0) await db.tenant.delete({ where: { id: tenantId } });
    else await db.tenant.update({ where: { id: tenantId }, data: { status: 'ARCHIVED' } });
  }
  await closeSharedEngineContext();
  await db.$disconnect();
});

describe('submitRestoreRequest', () => {
  it("reads neither MongoDB nor the object store: the request is bound to the dry-run job's stored plan", async () => {
    const spec = {
      version: 1,
      tenant: `it-submit-${hex}`,
      source: { snapshotId },
      selection: { namespaces: { include: ['orders'] } },
      target: { mode: 'in-place' },
      conflictPolicy: 'overwrite',
    };
    const dry = await runRestoreDryRun({ ctx, tenantId, spec, requestedById: userId });
    const connects = vi.spyOn(MongoClient.prototype, 'connect');
    const sends = vi.spyOn(S3Client.prototype, 'send');
    const reset = () => {
      seen.mongo = 0;
      seen.store = 0;
      connects.mockClear();
      sends.mockClear();
    };

    // The instruments see a data-plane read: planning through the process's context, a new client.
    reset();
    const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    await prepareRestore({ ctx: await getSharedEngineContext(), tenant, spec, restoreId: 'rrinstrumentcheck' });
    expect(seen.mongo).toBeGreaterThan(0);
    expect(seen.store).toBeGreaterThan(0);
    if (process.env.S3_ENDPOINT) expect(sends).toHaveBeenCalled();
    const probe = await new MongoClient(process.env.MONGODB_URI!).connect();
    await probe.close();
    expect(connects).toHaveBeenCalledTimes(1);

    reset();
    const r = await submitRestoreRequest({ actor, tenantId, dryRunJobId: dry.jobId, reason: 'two orders deleted by an import (ticket T-7)' });
    expect({ mongo: seen.mongo, store: seen.store, connects: connects.mock.calls.length, s3: sends.mock.calls.length }).toEqual({
      mongo: 0,
      store: 0,
      connects: 0,
      s3: 0,
    });
    const row = await db.restoreRequest.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ status: 'PENDING_APPROVAL', planHash: dry.summary.planHash, preStateFingerprint: dry.summary.preStateFingerprint });
    expect((row.dryRunSummary as { counts: unknown }).counts).toEqual(dry.summary.counts);
  });
});
