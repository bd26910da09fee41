import { EngineError } from '../errors/engine-error';
import { assertTimeZone, bucketLabel, calendarDate, type TBucketKind } from './calendar';
import { parseRetentionRule, ZComplianceDays, type TRetentionRule } from './retention-rule';

// GFS retention as a pure function of the catalog's snapshots, a rule and `now`. It only decides;
// the catalog marks the decided snapshots expired and GC (collect-garbage.ts) later removes what
// nothing kept references. See README.md for the semantics and the invariants.

export type TRetentionSnapshot = {
  id: string;
  /** Required for completed snapshots; the moment the snapshot's data is as of. */
  consistentAt: Date | string | null;
  kind: 'full' | 'incremental';
  status: 'completed' | 'running' | 'failed';
  parent: string | null;
  /** Legal/manual hold: the reason, or null/absent when not held. */
  held?: string | null;
  /** Explicit lock (e.g. object-lock or a compliance case) until this moment. */
  lockedUntil?: Date | string | null;
  /** Already marked expired by an earlier run: stays expired (expiry is monotone). */
  expired?: boolean;
};

export type TRetentionArgs = {
  snapshots: readonly TRetentionSnapshot[];
  rule: TRetentionRule | unknown;
  /** Compliance minimum retention: no completed snapshot expires before consistentAt + this. */
  complianceDays?: number;
  now: Date;
  /** IANA zone for the calendar buckets; UTC when absent. */
  timeZone?: string;
};

export type TRetentionDecision = { id: string; keep: boolean; reasons: string[] };

export type TRetentionResult = {
  /** One per input snapshot, in input order. */
  decisions: TRetentionDecision[];
  keep: string[];
  expire: string[];
  /** Expired by this decision and not before: what the catalog must mark now. */
  newlyExpired: string[];
};

const DAY_MS = 86_400_000;
const TIERS: TBucketKind[] = ['daily', 'weekly', 'monthly', 'yearly'];

function toTime(value: Date | string | null | undefined, what: string): number | null {
  if (value === null || value === undefined) return null;
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(t)) throw new EngineError('INVALID_ARGUMENT', `${what} is not a valid date: ${String(value)}`);
  return t;
}

export function applyRetention(args: TRetentionArgs): TRetentionResult {
  const rule = parseRetentionRule(args.rule);
  const complianceDays = ZComplianceDays.safeParse(args.complianceDays ?? 0);
  if (!complianceDays.success) throw new EngineError('INVALID_ARGUMENT', `invalid complianceDays: ${complianceDays.error.issues[0]?.message}`);
  const now = toTime(args.now, 'now');
  if (now === null) throw new EngineError('INVALID_ARGUMENT', 'now is required');
  if (args.timeZone !== undefined) assertTimeZone(args.timeZone);

  const byId = new Map<string, { s: TRetentionSnapshot; at: number | null; reasons: string[]; protectedBy: string[] }>();
  for (const s of args.snapshots) {
    if (typeof s.id !== 'string' || s.id === '') throw new EngineError('INVALID_ARGUMENT', 'every snapshot needs an id');
    if (byId.has(s.id)) throw new EngineError('INVALID_ARGUMENT', `snapshot ${s.id} is listed twice`, { snapshotId: s.id });
    if (!['completed', 'running', 'failed'].includes(s.status))
      throw new EngineError('INVALID_ARGUMENT', `snapshot ${s.id}: unknown status ${String(s.status)}`);
    const at = toTime(s.consistentAt, `snapshot ${s.id} consistentAt`);
    if (s.status === 'completed' && at === null)
      throw new EngineError('INVALID_ARGUMENT', `completed snapshot ${s.id} has no consistentAt`, { snapshotId: s.id });
    const protectedBy: string[] = [];
    if (typeof s.held === 'string' && s.held.trim() !== '') protectedBy.push(`held: ${s.held.trim()}`);
    const locks = [toTime(s.lockedUntil, `snapshot ${s.id} lockedUntil`)];
    if (s.status === 'completed' && complianceDays.data > 0) locks.push(at! + complianceDays.data * DAY_MS);
    const until = Math.max(...locks.map((l) => l ?? -Infinity));
    if (until > now) protectedBy.push(`compliance lock until ${new Date(until).toISOString()}`);
    byId.set(s.id, { s, at, reasons: [], protectedBy });
  }

  const keep = new Set<string>();
  const expireWhy = new Map<string, string>();
  const live = [...byId.values()].filter((e) => !e.s.expired);
  for (const e of byId.values()) if (e.s.expired) expireWhy.set(e.s.id, 'already expired');

  for (const e of live) {
    if (e.protectedBy.length > 0) {
      keep.add(e.s.id);
      e.reasons.push(...e.protectedBy);
    }
    if (e.s.status === 'running') {
      keep.add(e.s.id);
      e.reasons.push('in progress');
      const parent = e.s.parent ? byId.get(e.s.parent) : undefined;
      if (parent && !parent.s.expired) {
        keep.add(parent.s.id);
        parent.reasons.push(`needed as parent of running snapshot ${e.s.id}`);
      }
    }
  }

  // Completed, live snapshots, newest first (ties: the greater id first, so the order is total).
  const completed = live.filter((e) => e.s.status === 'completed').sort((a, b) => b.at! - a.at! || (a.s.id < b.s.id ? 1 : a.s.id > b.s.id ? -1 : 0));
  const minAgeFrom = now - rule.minAgeDays * DAY_MS;
  const remaining: Record<TBucketKind, number> = { daily: rule.daily, weekly: rule.weekly, monthly: rule.monthly, yearly: rule.yearly };
  const last: Partial<Record<TBucketKind, string>> = {};
  completed.forEach((e, i) => {
    const why: string[] = [];
    if (i < rule.keepLast) why.push(`newest ${rule.keepLast}`);
    if (rule.minAgeDays > 0 && e.at! > minAgeFrom) why.push(`younger than min age (${rule.minAgeDays} days)`);
    const date = calendarDate(new Date(e.at!), args.timeZone);
    for (const tier of TIERS) {
      if (remaining[tier] <= 0) continue;
      const label = bucketLabel(tier, date);
      if (label === last[tier]) continue;
      last[tier] = label;
      remaining[tier]--;
      why.push(`${tier} ${label}`);
    }
    if (why.length > 0) {
      keep.add(e.s.id);
      e.reasons.push(...why);
    }
  });

  const decisions: TRetentionDecision[] = [];
  for (const e of byId.values()) {
    if (keep.has(e.s.id)) {
      decisions.push({ id: e.s.id, keep: true, reasons: e.reasons });
      continue;
    }
    const why = expireWhy.get(e.s.id) ?? (e.s.status === 'failed' ? 'failed snapshot (not restorable)' : 'not kept by the rule');
    const reasons = [why];
    if (e.s.expired && e.protectedBy.length > 0) reasons.push(...e.protectedBy.map((p) => `${p} (ignored: already expired before)`));
    decisions.push({ id: e.s.id, keep: false, reasons });
  }
  return {
    decisions,
    keep: decisions.filter((d) => d.keep).map((d) => d.id),
    expire: decisions.filter((d) => !d.keep).map((d) => d.id),
    newlyExpired: decisions.filter((d) => !d.keep && !byId.get(d.id)!.s.expired).map((d) => d.id),
  };
}
