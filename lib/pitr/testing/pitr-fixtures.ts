import 'server-only';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { MongoClient } from 'mongodb';
import { db, type Prisma } from '@/lib/db';
import { DEFAULT_CLUSTER } from '@/lib/schedule/data-plane-cluster';

// Scratch tenants for the capture tests (each its own MongoDB database) and capture processes
// (scripts/capture.ts, one Node process each, so a SIGKILL leaves nothing of it running).

const ROOT = path.resolve(__dirname, '../../..');

export type TPitrScratch = {
  ids: string[];
  /** `shared`: a SHARED_FIELD tenant (field `tenantId`) in that database instead of a database of its own */
  add(plan: 'gold' | 'bronze', overrides?: Prisma.InputJsonValue, shared?: { database: string; value: string }): Promise<{ id: string; database: string }>;
  cleanup(mongo: MongoClient): Promise<void>;
};

/** Forgets the cluster's capture (position, lease, gaps, tenant rows): each test starts a capture from scratch. */
export async function resetCapture(): Promise<void> {
  await db.pitrTenantCapture.deleteMany({ where: { cluster: DEFAULT_CLUSTER } });
  await db.pitrGap.deleteMany({ where: { cluster: DEFAULT_CLUSTER } });
  await db.pitrCapture.deleteMany({ where: { cluster: DEFAULT_CLUSTER } });
}

export function createPitrScratch(label: string): TPitrScratch {
  const hex = randomBytes(4).toString('hex');
  const ids: string[] = [];
  const dbs: string[] = [];
  return {
    ids,
    async add(plan, overrides, shared) {
      const template = await db.policyTemplate.findUniqueOrThrow({ where: { name: plan }, select: { id: true } });
      const n = ids.length;
      const database = shared?.database ?? `it_pitr_${hex}_${n}`;
      const tenancy = shared
        ? { tenancyModel: 'SHARED_FIELD' as const, tenantField: 'tenantId', tenantValue: shared.value }
        : { tenancyModel: 'DATABASE' as const };
      const t = await db.tenant.create({
        data: {
          slug: `it-pitr-${label}-${hex}-${n}`,
          name: `pitr ${label} ${n}`,
          ...tenancy,
          database,
          region: 'test',
          costCenter: 'IT',
          policyTemplateId: template.id,
        },
        select: { id: true },
      });
      if (overrides !== undefined) await db.backupPolicy.create({ data: { tenantId: t.id, overrides } });
      ids.push(t.id);
      if (!dbs.includes(database)) dbs.push(database);
      return { id: t.id, database };
    },
    async cleanup(mongo) {
      await db.pitrTenantCapture.deleteMany({ where: { tenantId: { in: ids } } });
      await db.snapshotCollection.deleteMany({ where: { tenantId: { in: ids } } });
      await db.snapshot.deleteMany({ where: { tenantId: { in: ids } } });
      await db.job.deleteMany({ where: { tenantId: { in: ids } } });
      await db.backupPolicy.deleteMany({ where: { tenantId: { in: ids } } });
      await db.tenant.deleteMany({ where: { id: { in: ids } } });
      for (const d of dbs) await mongo.db(d).dropDatabase();
    },
  };
}

export type TCaptureProcess = {
  proc: ChildProcess;
  logs(): Array<Record<string, unknown>>;
  /** the roles it logged, in order ('holder' | 'standby') */
  roles(): string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export function spawnCapture(env: Record<string, string>): TCaptureProcess {
  const proc = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'scripts/capture.ts')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ raw: line });
      }
    }
  });
  proc.stderr!.on('data', (chunk: Buffer) => lines.push({ stderr: chunk.toString() }));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, logs: () => lines, roles: () => lines.filter((l) => l.msg === 'capture role').map((l) => String(l.role)), exited };
}

/** Polls `check` until it returns a value (not undefined/false), failing after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000, explain?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${explain ? `: ${explain()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The cluster's persisted position (null before the first run). */
export async function clusterThrough(): Promise<bigint | null> {
  const row = await db.pitrCapture.findUnique({ where: { cluster: DEFAULT_CLUSTER }, select: { throughTs: true } });
  return row?.throughTs ?? null;
}
