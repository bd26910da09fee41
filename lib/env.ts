import 'server-only';
import { z } from 'zod';

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

export function isOidcEnabled(e: TEnv = env()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
