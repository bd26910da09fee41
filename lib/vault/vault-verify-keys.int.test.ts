// `vault verify` and `vault ls` against the real services when the tenant's key is missing,
// damaged or read under another master key: both exit non-zero and name the key object, instead
// of reporting an empty, healthy repository. A scratch catalog tenant (DATABASE tenancy on a
// scratch FerretDB database it_vkeys_<hex>) is backed up once; each case edits the key object in
// the bucket and puts it back afterwards.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBackup } from '@/lib/backups/run-backup';
import { db } from '@/lib/db';
import { createEngineContext, type TEngineContext } from './engine-context';

const hex = randomBytes(4).toString('hex');
const SLUG = `it-vkeys-${hex}`;
const DB = `it_vkeys_${hex}`;
const ROOT = path.resolve(__dirname, '../..');

let client: MongoClient;
let ctx: TEngineContext;
let tenantId: string;
let snapshotId: string;
let kekKey: string;
let kekBytes: Buffer;

function vault(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['scripts/with-env.sh', 'tsx', '--conditions=react-server', 'scripts/vault.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}
const verify = async (env?: Record<string, string>) => {
  const r = await vault(['verify', '--tenant', SLUG], env);
  let json: { ok: boolean; problems: { code: string; objectKey: string; message: string }[] } | null = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = null;
  }
  return { ...r, json };
};

beforeAll(async () => {
  client = await new MongoClient(process.env.MONGODB_URI!).connect();
  await client
    .db(DB)
    .collection('orders')
    .insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: `o-${i}` as never, n: i, status: 'open' })));
  const tenant = await db.tenant.create({
    data: { slug: SLUG, name: `IT ${SLUG}`, tenancyModel: 'DATABASE', database: DB, region: 'eu-west-1', costCenter: 'CC-IT' },
  });
  tenantId = tenant.id;
  ctx = await createEngineContext();
  snapshotId = (await runBackup({ ctx, tenantId, kind: 'full' })).manifest.snapshotId;
  kekKey = `keys/${ctx.keys.opaqueTenantKey(tenantId)}/kek`;
  kekBytes = await ctx.store.get(kekKey);
});

afterEach(async () => {
  if (kekBytes) await ctx.store.put(kekKey, kekBytes);
});

afterAll(async () => {
  await client?.db(DB).dropDatabase();
  await client?.close();
  if (tenantId) {
    await db.snapshot.deleteMany({ where: { tenantId } });
    await db.job.deleteMany({ where: { tenantId } });
    await db.tenant.delete({ where: { id: tenantId } });
    const key = ctx.keys.opaqueTenantKey(tenantId);
    for (const prefix of [`tenants/${key}/`, `keys/${key}/`]) for await (const o of ctx.store.list(prefix)) await ctx.store.delete(o.key);
  }
  await ctx?.close();
  await db.$disconnect();
});

describe('vault verify / ls and the tenant key', () => {
  it('a healthy repository verifies and lists with exit 0', async () => {
    const v = await verify();
    expect([v.code, v.json?.ok]).toEqual([0, true]);
    const ls = await vault(['ls', '--tenant', SLUG]);
    expect(ls.code).toBe(0);
    expect(ls.stdout).toContain(`${snapshotId}`);
    expect(ls.stdout).toContain('catalog+repo');
  });

  it('with another master key: verify and ls fail, saying the catalog expects snapshots', async () => {
    const other = { VAULTLINE_MASTER_KEY: randomBytes(32).toString('base64') };
    const v = await verify(other);
    expect(v.code).toBe(1);
    expect(v.json?.ok).toBe(false);
    expect(v.json?.problems.map((p) => p.code)).toEqual(['KEY_MISSING']);
    expect(v.stderr).toMatch(/KEY_MISSING/);
    const ls = await vault(['ls', '--tenant', SLUG], other);
    expect(ls.code).toBe(1);
    expect(ls.stderr).toMatch(/catalog lists 1 completed snapshot/);
  });

  it('a deleted key: ls and verify fail with KEY_MISSING naming the key object', async () => {
    await ctx.store.delete(kekKey);
    const ls = await vault(['ls', '--tenant', SLUG]);
    expect(ls.code).toBe(1);
    expect(ls.stderr).toContain('KEY_MISSING');
    expect(ls.stderr).toContain(kekKey);
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.json?.problems).toEqual([expect.objectContaining({ code: 'KEY_MISSING', objectKey: kekKey })]);
  });

  it('a damaged key record: verify fails with KEY_DAMAGED naming the key object and the tenant', async () => {
    await ctx.store.put(kekKey, Buffer.concat([Buffer.from('#'), kekBytes.subarray(1)]));
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.json?.problems).toEqual([expect.objectContaining({ code: 'KEY_DAMAGED', objectKey: kekKey })]);
    expect(v.json?.problems[0]!.message).toContain(tenantId);
    const ls = await vault(['ls', '--tenant', SLUG]);
    expect(ls.code).toBe(1);
    expect(ls.stderr).toContain('KEY_DAMAGED');
  });
});
