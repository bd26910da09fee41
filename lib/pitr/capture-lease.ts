import 'server-only';
import { db } from '@/lib/db';

// One capturer per data-plane cluster: the `pitr_captures` row holds the lease. Taking it is one
// conditional UPDATE (free, ours, or expired), so of several processes exactly one wins; a holder
// that dies stops renewing and another takes over once the lease has expired. The position store
// writes only while the row still names its holder (fencing), so a process that lost the lease
// cannot move the position.

/** Renews or takes the cluster's capture lease; true when `holder` holds it for `ttlSeconds` more. */
export async function acquireCaptureLease(args: { cluster: string; holder: string; ttlSeconds: number }): Promise<boolean> {
  await db.$executeRaw`INSERT INTO pitr_captures (cluster, updated_at) VALUES (${args.cluster}, now()) ON CONFLICT (cluster) DO NOTHING`;
  const won = await db.$executeRaw`
    UPDATE pitr_captures
    SET lease_holder = ${args.holder}, lease_expires_at = now() + make_interval(secs => ${args.ttlSeconds}::float8), updated_at = now()
    WHERE cluster = ${args.cluster} AND (lease_holder IS NULL OR lease_holder = ${args.holder} OR lease_expires_at < now())`;
  return won === 1;
}

/** Gives the lease up (a clean stop): another process may take it at once. */
export async function releaseCaptureLease(args: { cluster: string; holder: string }): Promise<void> {
  await db.$executeRaw`
    UPDATE pitr_captures SET lease_holder = NULL, lease_expires_at = NULL, updated_at = now()
    WHERE cluster = ${args.cluster} AND lease_holder = ${args.holder}`;
}
