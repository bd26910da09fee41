// The authorization matrix (lib/authz/matrix.ts), checked against the code and the test catalog:
// 1. every server action ('use server' module export) and route handler (app/**/route.ts method
//    export) has an entry, and every entry still exists;
// 2. each is called directly — no UI, no HTTP — for every subject × object, with only the
//    identity source mocked (next-auth's getServerSession returns the subject's user id; roles
//    and memberships are then read from the real catalog by getCurrentActor), and the outcome
//    must equal the table's.
// Needs the seeded test catalog (demo users and tenants acme / globex).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MongoClient, ObjectId } from 'mongodb';
import { runBackup } from '@/lib/backups/run-backup';
import { db } from '@/lib/db';
import { createUserSession } from '@/lib/session/session-store';
import { createEngineContext } from '@/lib/vault/engine-context';
import { toEngineTenant } from '@/lib/vault/engine-tenant';
import { AUTHZ_MATRIX, expectedOutcome, OBJECTS, SUBJECTS, type TSubject } from './matrix';
import { AUTHZ_DRIVERS as BASE_DRIVERS, type TDriverContext } from './testing/authz-drivers';
import { LIFECYCLE_DRIVERS } from './testing/lifecycle-drivers';

// The subject's user id and a freshly signed-in server-side session (it counts as step-up).
const session = vi.hoisted(() => ({ userId: null as string | null, sid: null as string | null }));
vi.mock('next-auth', async (importOriginal) => {
  const orig = await importOriginal<typeof import('next-auth')>();
  return { ...orig, getServerSession: vi.fn(async () => (session.userId ? { user: { id: session.userId, sid: session.sid } } : null)) };
});
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
// Next's request-scope APIs (no request here): a plain same-origin request without cookies.
const requestScope = vi.hoisted(() => ({
  headers: async () => new Headers({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }),
  cookies: async () => ({ getAll: () => [], get: () => undefined, has: () => false }),
}));
vi.mock('next/headers', () => requestScope);
// next-auth's route handler require()s next/headers itself (CommonJS, past vi.mock): same stand-in.
Object.assign(createRequire(require.resolve('next-auth'))('next/headers'), requestScope);

const AUTHZ_DRIVERS = { ...BASE_DRIVERS, ...LIFECYCLE_DRIVERS };
const ROOT = path.resolve(__dirname, '../..');
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const SOURCE_DIRS = ['app', 'lib', 'components'];

function files(dir: string): string[] {
  return (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .map((f) => path.join(dir, f))
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes('generated') && !/\.test\.tsx?$/.test(f));
}
/** A module whose first statement is the 'use server' directive (comments before it allowed). */
const isUseServerModule = (file: string) => /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*['"]use server['"]/.test(readFileSync(path.join(ROOT, file), 'utf8'));

async function enumerateFromCode(): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const file of files('app').filter((f) => path.basename(f) === 'route.ts')) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const m of HTTP_METHODS) if (typeof mod[m] === 'function') found.set(`route ${file}#${m}`, mod);
  }
  for (const file of SOURCE_DIRS.flatMap(files).filter(isUseServerModule)) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (typeof value === 'function') found.set(`action ${file}#${name}`, mod);
  }
  return found;
}

let code: Map<string, Record<string, unknown>>;
let ctx: TDriverContext;
const users: Record<Exclude<TSubject, 'anonymous' | 'supportImpersonatingA'>, string> = {} as never;
const created = { before: new Date(), snapshots: [] as string[], jobs: [] as string[] };

beforeAll(async () => {
  code = await enumerateFromCode();
  const user = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;
  users.tenantAdminA = await user('alice@acme.example');
  users.tenantAdminB = await user('gwen@globex.example');
  users.tenantViewerA = await user('victor@acme.example');
  users.approver = await user('paula@vaultline.example');
  users.support = await user('sam@vaultline.example');
  users.platformAdmin = await user('ada@vaultline.example');
  // Each fixture tenant gets a completed snapshot (taken here if the test catalog has none; its
  // catalog rows are removed afterwards) and one customer _id inside it, for the snapshot reads.
  const engine = await createEngineContext();
  const mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  try {
    const tenant = async (slug: string, adminId: string, memberId: string) => {
      const t = await db.tenant.findUniqueOrThrow({ where: { slug } });
      let snapshot = await db.snapshot.findFirst({ where: { tenantId: t.id, status: 'COMPLETED' }, orderBy: { startedAt: 'desc' }, select: { id: true } });
      if (!snapshot) {
        const { manifest, jobId } = await runBackup({ ctx: engine, tenantId: t.id, kind: 'full' });
        snapshot = { id: manifest.snapshotId };
        created.snapshots.push(manifest.snapshotId);
        created.jobs.push(jobId);
      }
      const scope = toEngineTenant(t).tenancy;
      const physical = scope.model === 'COLLECTION_PREFIX' ? `${scope.collectionPrefix}customers` : 'customers';
      const filter = scope.model === 'SHARED_FIELD' ? { [scope.tenantField]: scope.tenantValue } : {};
      const customer = await mongo
        .db(t.database)
        .collection(physical)
        .findOne(filter, { projection: { _id: 1 } });
      if (!customer) throw new Error(`the test seed has no customers for ${slug}`);
      const id = customer._id as unknown;
      const customerId = typeof id === 'string' ? id : id instanceof ObjectId ? id.toHexString() : JSON.stringify(id);
      return { id: t.id, slug, database: t.database, adminId, memberId, snapshotId: snapshot.id, customerId };
    };
    ctx = {
      A: await tenant('acme', users.tenantAdminA, users.tenantViewerA),
      B: await tenant('globex', users.tenantAdminB, users.tenantAdminB),
      otherSupportId: await user('stella@vaultline.example'),
    };
    users.approverScopedA = (
      await db.user.create({
        data: {
          email: `approver-scoped-a-${created.before.getTime()}@it.example`,
          name: 'Approver scoped to A',
          platformRoles: { create: { role: 'APPROVER', tenantScope: [ctx.A.id] } },
        },
      })
    ).id;
  } finally {
    await mongo.close();
    await engine.close();
  }
});

afterAll(async () => {
  // Fixture requests of this run (their audit rows stay: the log is append-only).
  const ids = await db.restoreRequest.findMany({
    where: { createdAt: { gte: created.before }, id: { startsWith: 'rrfx' } },
    select: { id: true, jobId: true },
  });
  await db.approval.deleteMany({ where: { requestId: { in: ids.map((r) => r.id) } } });
  await db.restoreRequest.deleteMany({ where: { id: { in: ids.map((r) => r.id) } } });
  await db.job.deleteMany({ where: { id: { in: ids.flatMap((r) => (r.jobId ? [r.jobId] : [])) } } });
  await db.job.deleteMany({ where: { type: 'GC', status: 'QUEUED', error: 'authorization matrix fixture' } });
  // Impersonation sessions stay (audit rows point at them); they are all ended by now.
  await db.impersonationSession.updateMany({
    where: { endedAt: null, ticketRef: { in: ['MATRIX', 'MATRIX-ELEV', 'SUP-4242'] } },
    data: { endedAt: new Date(), endReason: 'matrix run over' },
  });
  // Job rows the drivers made, on-demand backups the matrix queued, and the snapshots taken above.
  await db.job.deleteMany({
    where: { createdAt: { gte: created.before }, OR: [{ payload: { equals: { matrix: true } } }, { status: 'QUEUED', type: 'BACKUP' }, { type: 'DRY_RUN' }] },
  });
  await db.snapshotCollection.deleteMany({ where: { snapshotId: { in: created.snapshots } } });
  await db.snapshot.deleteMany({ where: { id: { in: created.snapshots } } });
  // The lock-change fixture the last (refused) subject was given stays pending: close it.
  await db.retentionLockChange.updateMany({
    where: { reason: 'matrix fixture', status: 'PENDING' },
    data: { status: 'REJECTED', decisionNote: 'matrix run over' },
  });
  await db.job.deleteMany({ where: { id: { in: created.jobs } } });
  if (users.approverScopedA) {
    // the scoped approver's own decisions on the matrix's lock-change fixtures go with it
    await db.retentionLockChange.deleteMany({ where: { decidedById: users.approverScopedA } });
    await db.user.delete({ where: { id: users.approverScopedA } });
  }
  await db.$disconnect();
});

describe('authorization matrix', () => {
  it('lists every server action and route handler in the code, and nothing that is gone', () => {
    const inCode = [...code.keys()].sort();
    const inTable = Object.keys(AUTHZ_MATRIX).sort();
    expect(
      inCode.filter((k) => !inTable.includes(k)),
      'missing from lib/authz/matrix.ts',
    ).toEqual([]);
    expect(
      inTable.filter((k) => !inCode.includes(k)),
      'in the matrix but not in the code',
    ).toEqual([]);
    expect(
      inTable.filter((k) => !AUTHZ_DRIVERS[k]),
      'no driver in lib/authz/testing/*-drivers.ts',
    ).toEqual([]);
  });

  for (const subject of SUBJECTS) {
    it(`gives ${subject} exactly what the table says`, async () => {
      let impersonation: string | null = null;
      if (subject === 'supportImpersonatingA') {
        // The DB-side impersonation session (the DAL checks it); the actor shape is the impersonation branch's.
        impersonation = (
          await db.impersonationSession.create({
            data: {
              supportUserId: users.support,
              tenantId: ctx.A.id,
              targetUserId: ctx.A.memberId,
              reason: 'authorization matrix run',
              ticketRef: 'MATRIX',
              expiresAt: new Date(Date.now() + 600_000),
            },
          })
        ).id;
      }
      session.userId = subject === 'anonymous' ? null : subject === 'supportImpersonatingA' ? users.support : users[subject];
      session.sid = session.userId ? await createUserSession(session.userId, 'matrix') : null;
      const mismatches: string[] = [];
      try {
        for (const [key, entry] of Object.entries(AUTHZ_MATRIX)) {
          const exportName = key.split('#')[1]!;
          for (const object of OBJECTS) {
            const call = await AUTHZ_DRIVERS[key]!(code.get(key)!, exportName, object, ctx);
            const lastAudit = (await db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n;
            const got = await call();
            const want = expectedOutcome(entry, subject, object);
            if (got.outcome !== want) mismatches.push(`${key} × ${object}: expected ${want}, got ${got.outcome} (${got.detail})`);
            // A refused server action leaves a DENIED audit row naming who tried.
            if (key.startsWith('action ') && got.outcome === 'deny') {
              const denied = await db.auditEvent.count({ where: { id: { gt: lastAudit }, outcome: 'DENIED', actorUserId: session.userId } });
              if (denied === 0) mismatches.push(`${key} × ${object}: denied without a DENIED audit row`);
            }
          }
        }
      } finally {
        session.userId = null;
        if (session.sid) await db.userSession.delete({ where: { id: session.sid } });
        session.sid = null;
        if (impersonation) await db.impersonationSession.update({ where: { id: impersonation }, data: { endedAt: new Date() } });
      }
      expect(mismatches).toEqual([]);
    });
  }
});
