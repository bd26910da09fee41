// npm run bench:portal — seeds 5,000 snapshot catalog rows (with 3 collections each) for a
// scratch tenant, signs in as its tenant admin, and measures the timeline and snapshot-list
// route handlers and pages under load from a second process (autocannon), printing JSON.
// Options: --url <origin> (use a running app; default: start `next start` from the existing
// build in NEXT_DIST_DIR or .next), --port N, --snapshots N (5000), --connections N (8),
// --duration S (8). The scratch tenant and its rows are removed afterwards.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hashPassword } from '../lib/auth/password';
import { db } from '../lib/db';

const GOAL_MS = 150;
const ROOT = path.resolve(__dirname, '..');
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    port: { type: 'string', default: String(Number(process.env.APP_PORT ?? 3000) + 500) },
    snapshots: { type: 'string', default: '5000' },
    connections: { type: 'string', default: '8' },
    duration: { type: 'string', default: '8' },
  },
});
const N = Number(values.snapshots);
const log = (m: string) => process.stderr.write(`bench:portal ${m}\n`);

async function seed(tenantId: string, end: Date) {
  const HOUR = 3600_000;
  const BATCH = 1_000;
  for (let from = 0; from < N; from += BATCH) {
    const ids: string[] = [];
    const rows = Array.from({ length: Math.min(BATCH, N - from) }, (_, k) => {
      const i = from + k;
      const seq = i + 1;
      const id = `bench${tenantId.slice(-6)}${String(seq).padStart(6, '0')}`;
      ids.push(id);
      const startedAt = new Date(end.getTime() - (N - i) * HOUR);
      const isFull = seq % 24 === 1;
      const isFailed = seq % 97 === 0;
      const changed = isFull ? 20_000 : 50 + ((seq * 7919) % 900);
      return {
        id,
        tenantId,
        seq,
        kind: isFull ? ('FULL' as const) : ('INCREMENTAL' as const),
        status: isFailed ? ('FAILED' as const) : ('COMPLETED' as const),
        startedAt,
        finishedAt: new Date(startedAt.getTime() + 40_000),
        consistentAt: isFailed ? null : startedAt,
        documents: 20_000n + BigInt(seq),
        changedDocuments: BigInt(changed),
        deletedDocuments: BigInt(seq % 13),
        logicalBytes: BigInt(changed * 900),
        storedBytes: BigInt(changed * 380),
        durationMs: 40_000,
        error: isFailed ? 'simulated failure (bench)' : null,
      };
    });
    await db.snapshot.createMany({ data: rows });
    await db.snapshotCollection.createMany({
      data: rows.flatMap((r) =>
        ['orders', 'customers', 'invoices'].map((c) => ({
          snapshotId: r.id,
          tenantId,
          namespace: `bench.${c}`,
          documents: r.documents / 3n,
          changedDocuments: r.changedDocuments / 3n,
          logicalBytes: r.logicalBytes / 3n,
          storedBytes: r.storedBytes / 3n,
          indexes: [{ v: 2, key: { _id: 1 }, name: '_id_' }],
        })),
      ),
    });
  }
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

/** next-auth credentials sign-in over HTTP; returns the Cookie header of the session. */
async function signIn(origin: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfRes = await fetch(`${origin}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true', callbackUrl: origin }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in failed (${res.status})`);
  return header();
}

function load(input: unknown): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'scripts/bench-portal-load.mjs'), JSON.stringify(input)],
      { cwd: ROOT, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`load generator failed: ${stderr || err.message}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as unknown[]);
      },
    );
  });
}

async function main() {
  const hex = randomBytes(4).toString('hex');
  const slug = `bench-portal-${hex}`;
  const email = `bench-${hex}@bench.example`;
  const password = randomBytes(12).toString('hex');
  let app: ChildProcess | undefined;
  let tenantId: string | undefined;
  try {
    const tenant = await db.tenant.create({
      data: { slug, name: `Bench ${hex}`, tenancyModel: 'DATABASE', database: `bench_${hex}`, region: 'bench', costCenter: 'BENCH' },
    });
    tenantId = tenant.id;
    await db.user.create({
      data: { email, name: 'Bench Admin', passwordHash: await hashPassword(password), memberships: { create: { tenantId, role: 'TENANT_ADMIN' } } },
    });
    const end = new Date();
    const t0 = Date.now();
    await seed(tenantId, end);
    log(`seeded ${N} snapshots (+${N * 3} collection rows) in ${Date.now() - t0} ms`);

    let origin = values.url?.replace(/\/$/, '');
    if (!origin) {
      const distDir = process.env.NEXT_DIST_DIR || '.next';
      if (!existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) throw new Error(`no build in ${distDir}: run \`npx next build\` first (or pass --url)`);
      origin = `http://127.0.0.1:${values.port}`;
      app = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', values.port!], {
        cwd: ROOT,
        env: { ...process.env, NEXTAUTH_URL: origin },
        stdio: 'ignore',
        detached: true,
      });
      await waitFor(`${origin}/api/health`, 120_000);
      log(`started next start on ${origin}`);
    }
    const cookie = await signIn(origin, email, password);
    const weekFrom = new Date(end.getTime() - 7 * 86_400_000).toISOString();
    const monthFrom = new Date(end.getTime() - 30 * 86_400_000).toISOString();
    const to = end.toISOString();
    const api = `${origin}/api/tenants/${slug}`;
    const targets = [
      { name: 'timeline route (week, ~168 markers)', url: `${api}/snapshots/timeline?from=${encodeURIComponent(weekFrom)}&to=${encodeURIComponent(to)}` },
      { name: 'timeline route (month, ~720 markers)', url: `${api}/snapshots/timeline?from=${encodeURIComponent(monthFrom)}&to=${encodeURIComponent(to)}` },
      { name: 'snapshot list route (first page)', url: `${api}/snapshots?take=25` },
      { name: 'snapshot list route (deep page)', url: `${api}/snapshots?take=25&beforeSeq=${Math.max(2, Math.floor(N / 10))}` },
      { name: 'snapshots page (timeline + list, SSR)', url: `${origin}/t/${slug}/snapshots` },
    ];
    // warm up (first compile of each route, connection pools)
    for (const t of targets) await fetch(t.url, { headers: { cookie } });
    const results = (await load({ targets, cookie, connections: Number(values.connections), durationSeconds: Number(values.duration) })) as {
      latencyMs: { p95: number | null };
      non2xx: number;
    }[];
    const worst = Math.max(...results.map((r) => r.latencyMs.p95 ?? Infinity));
    console.log(
      JSON.stringify(
        {
          benchmark: 'portal',
          snapshots: N,
          connections: Number(values.connections),
          durationSecondsPerTarget: Number(values.duration),
          goalP95Ms: GOAL_MS,
          results,
          worstP95Ms: worst,
          meetsGoal: worst <= GOAL_MS && results.every((r) => r.non2xx === 0),
          note: 'latency measured by the load process over loopback (server time + loopback); 2 shared CPU cores',
        },
        null,
        2,
      ),
    );
  } finally {
    if (app?.pid) {
      try {
        process.kill(-app.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    if (tenantId) {
      await db.snapshotCollection.deleteMany({ where: { tenantId } });
      await db.snapshot.deleteMany({ where: { tenantId } });
      await db.membership.deleteMany({ where: { tenantId } });
      await db.user.deleteMany({ where: { email } });
      await db.tenant.delete({ where: { id: tenantId } });
      log('scratch tenant removed');
    }
    await db.$disconnect();
  }
}

main().catch((e: unknown) => {
  console.error(`bench:portal failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
