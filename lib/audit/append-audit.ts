// The one way to write the audit log: inside the caller's transaction, so the event commits or
// rolls back with the change it records. Rows form a hash chain: each row's `hash` is
// SHA-256(prevHash ‖ canonical JSON of its content), and `prevHash` is the previous row's hash
// (GENESIS for the first). A transaction-scoped advisory lock serialises appenders, so two
// concurrent transactions cannot both chain onto the same predecessor.
import { createHash } from 'node:crypto';
import type { Prisma } from '@/lib/db';
import { canonicalJson } from '@/lib/engine/restore/canonical-json';
import type { TAuditAction } from './actions';

export const AUDIT_GENESIS = '0'.repeat(64);
/** Arbitrary constant key for pg_advisory_xact_lock: "vaultline audit chain". */
const AUDIT_LOCK_KEY = 7_240_100_511;

export type TAuditOutcome = 'ALLOWED' | 'DENIED';

export type TAuditInput = {
  /** A name from lib/audit/actions.ts (stored rows may hold older names: TAuditContent is a string). */
  action: TAuditAction;
  actorUserId?: string | null;
  actorEmail?: string | null;
  tenantId?: string | null;
  /** Set when a support user acts while impersonating: both identities are then on the row. */
  impersonationId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  outcome?: TAuditOutcome;
  metadata?: Record<string, unknown>;
  origin?: string | null;
};

/** The hashed content of a row: every column except id, prevHash and hash. */
export type TAuditContent = {
  at: string;
  action: string;
  actorUserId: string | null;
  actorEmail: string | null;
  tenantId: string | null;
  impersonationId: string | null;
  targetType: string | null;
  targetId: string | null;
  outcome: TAuditOutcome;
  metadata: unknown;
  origin: string | null;
};

export function auditHash(prevHash: string, content: TAuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

/** A stored row's columns, as Prisma returns them (a Date, the enum as a string). */
export type TAuditRowContent = Omit<TAuditContent, 'at' | 'outcome'> & { at: Date; outcome: string };

export function contentOf(row: TAuditRowContent): TAuditContent {
  return {
    at: row.at.toISOString(),
    action: row.action,
    actorUserId: row.actorUserId,
    actorEmail: row.actorEmail,
    tenantId: row.tenantId,
    impersonationId: row.impersonationId,
    targetType: row.targetType,
    targetId: row.targetId,
    outcome: row.outcome as TAuditOutcome,
    metadata: row.metadata ?? {},
    origin: row.origin,
  };
}

/**
 * Appends one event inside `tx` (a Prisma interactive transaction). Call it in the same
 * transaction as the change it records; for denied attempts (no change) use `recordAudit`.
 */
export async function appendAudit(tx: Prisma.TransactionClient, input: TAuditInput) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
  const prevHash = last?.hash ?? AUDIT_GENESIS;
  // Millisecond precision: the column is timestamptz(3), so the hashed time equals the stored one.
  const at = new Date();
  const metadata = JSON.parse(JSON.stringify(input.metadata ?? {})) as Prisma.InputJsonValue;
  const content: TAuditContent = {
    at: at.toISOString(),
    action: input.action,
    actorUserId: input.actorUserId ?? null,
    actorEmail: input.actorEmail ?? null,
    tenantId: input.tenantId ?? null,
    impersonationId: input.impersonationId ?? null,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    outcome: input.outcome ?? 'ALLOWED',
    metadata,
    origin: input.origin ?? null,
  };
  return tx.auditEvent.create({
    data: { ...content, at, metadata, prevHash, hash: auditHash(prevHash, content) },
  });
}

/** A standalone event (its own transaction), e.g. a denied attempt that changes nothing else. */
export async function recordAudit(
  client: {
    $transaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T>;
  },
  input: TAuditInput,
) {
  // Appenders queue on the chain lock; under load the default 2 s wait for a pooled connection
  // is too short for a burst of events (e.g. many denied attempts at once).
  return client.$transaction((tx) => appendAudit(tx, input), { maxWait: 15_000, timeout: 15_000 });
}
