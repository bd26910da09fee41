import 'server-only';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';

/** Comma-separated addresses / CIDRs; each must be one proxy-addr understands. */
const ZTrustedProxies = z
  .string()
  .default('')
  .refine(
    (v) => {
      try {
        proxyaddr.compile(
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be a comma-separated list of IP addresses or CIDR ranges, e.g. "10.0.0.0/8,127.0.0.1"' },
  );

// The one reader of process.env for the app, the worker and scripts. Parsed lazily so that
// importing a module never throws at build time; the first real use validates everything.
const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url(),
  MONGODB_URI: z.string().startsWith('mongodb'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().default('vaultline'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Where snapshot repositories live: the S3 bucket, or a local folder (embedded default). */
  VAULTLINE_STORE: z.enum(['s3', 'fs']).optional(),
  VAULTLINE_FS_STORE_DIR: z.string().default('.data/repository'),
  VAULTLINE_MASTER_KEY: z.string().optional(),
  VAULTLINE_MASTER_KEY_FILE: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default('Single sign-on'),
  /** Idle timeout for a browser session, in minutes. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  /** Absolute session lifetime, in hours, whatever the activity. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(8),
  /** sensitive actions (submit, approve, undo, elevation, policy changes) need a fresh authentication this recent */
  STEP_UP_MINUTES: z.coerce.number().int().min(1).max(240).default(10),
  /** Job worker (npm run worker): jobs run at once per process, heartbeat period, when a
   *  RUNNING job whose heartbeat is older counts as abandoned, attempts before giving up, how
   *  long SIGTERM waits for running jobs before handing them back to the queue. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  WORKER_HEARTBEAT_SECONDS: z.coerce.number().min(0.2).max(60).default(2),
  WORKER_STALE_SECONDS: z.coerce.number().min(1).max(3600).default(20),
  WORKER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(15),
  /** Per-tenant quotas on unfinished (QUEUED or RUNNING) jobs: dry-runs, and restores + undos
   *  together. A request over the limit is refused (lib/jobs/enqueue-job.ts), naming the limit. */
  JOBS_MAX_PENDING_DRY_RUNS_PER_TENANT: z.coerce.number().int().min(1).max(1000).default(5),
  JOBS_MAX_PENDING_RESTORES_PER_TENANT: z.coerce.number().int().min(1).max(1000).default(3),
  /** Per-document changes a DRY_RUN job stores for its diff pages (the first ones; beyond, the
   *  job's result says `storedCapped`). */
  DRY_RUN_STORED_CHANGES_MAX: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Comma-separated tenant ids: a worker dedicated to these tenants (its own queue). */
  WORKER_TENANTS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : undefined,
    ),
  /** Scheduler (lib/schedule, run by the worker): on unless NODE_ENV=test (tests run passes
   *  themselves with a fake clock), seconds between reconcile passes, scheduled backups queued or
   *  running at once per data-plane cluster, the largest start delay after a slot (jitter), and
   *  the retry backoff after a failed scheduled backup (base · 2^(failures−1), capped). */
  SCHEDULER_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  SCHEDULER_MAX_IN_FLIGHT_PER_CLUSTER: z.coerce.number().int().min(1).max(10_000).default(8),
  SCHEDULER_MAX_JITTER_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  SCHEDULER_RETRY_BASE_SECONDS: z.coerce.number().min(1).max(86_400).default(300),
  SCHEDULER_RETRY_MAX_SECONDS: z.coerce
    .number()
    .min(1)
    .max(7 * 86_400)
    .default(6 * 3600),
  /** Point-in-time capture (lib/pitr): run by every worker (one per cluster captures, by lease) or
   *  `npm run capture`. On unless NODE_ENV=test (tests start capture processes themselves); seconds
   *  between capture runs; the lease's lifetime (a dead holder is taken over after it); the seconds
   *  of the newest oplog time left for the next run; PITR_CAPTURE_TENANTS limits capture to some
   *  tenants (tests; every capture process of a cluster must then use the same list). */
  PITR_CAPTURE_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  PITR_CAPTURE_INTERVAL_SECONDS: z.coerce.number().min(0.2).max(3600).default(5),
  PITR_CAPTURE_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(20),
  PITR_CAPTURE_SETTLE_SECONDS: z.coerce.number().int().min(0).max(60).default(1),
  /** Test seam (crash test): a pause between a run's segment writes and its position write. */
  PITR_CAPTURE_TEST_SAVE_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  PITR_CAPTURE_TENANTS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    ),
  /** Worker maintenance loop (retention pass, GC / verification scheduling): seconds between
   *  passes; 0 turns it off. Unset: 3600, or off under NODE_ENV=test (workers started by tests). */
  WORKER_MAINTENANCE_SECONDS: z.coerce.number().int().min(0).max(86_400).optional(),
  /** GC: how long an object stays unreferenced (across two runs) before it is deleted; hours between GC jobs per tenant. */
  GC_GRACE_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 90)
    .default(24),
  /** S3 Object Lock mode for the objects of snapshots of tenants with a compliance lock; set ONLY
   *  when S3_BUCKET was created with Object Lock enabled (unset: no object retention is written). */
  S3_OBJECT_LOCK_MODE: z.enum(['governance', 'compliance']).optional(),
  GC_EVERY_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(24),
  /** Reverse proxies whose X-Forwarded-For is believed (lib/auth/request-origin.ts). Empty = none;
   *  loopback is trusted only when listed. */
  TRUSTED_PROXIES: ZTrustedProxies,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}. See README "Configuration".`);
  }
  cached = parsed.data;
  return cached;
}

/** TRUSTED_PROXIES alone (request-origin runs in unit tests without the rest of the environment). */
export function trustedProxiesSetting(): string {
  const parsed = ZTrustedProxies.safeParse(process.env.TRUSTED_PROXIES);
  if (!parsed.success) throw new Error(`Invalid environment: TRUSTED_PROXIES ${parsed.error.issues[0]?.message}. See README "Configuration".`);
  return parsed.data;
}

export function isOidcEnabled(e: TEnv = env()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

/** Whether the worker runs the point-in-time capture loop: PITR_CAPTURE_ENABLED, else on outside tests. */
export function isPitrCaptureEnabled(e: TEnv = env()): boolean {
  return e.PITR_CAPTURE_ENABLED ?? e.NODE_ENV !== 'test';
}

/** Whether this process runs the schedule loop: SCHEDULER_ENABLED, else on outside tests. */
export function isSchedulerEnabled(e: TEnv = env()): boolean {
  return e.SCHEDULER_ENABLED ?? e.NODE_ENV !== 'test';
}
