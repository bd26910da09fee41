import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rng } from '../testing/test-kit';
import { applyRetention, type TRetentionSnapshot } from './apply-retention';
import type { TRetentionRule } from './retention-rule';
import { referenceKeep } from './testing/reference-gfs';

const DAY = 86_400_000;
const ZONES = [undefined, undefined, 'Europe/Berlin', 'America/New_York', 'Pacific/Auckland'];

type TSim = TRetentionSnapshot & { at: number | null; lockedAt: number | null };

function randomRule(r: () => number): TRetentionRule {
  const n = (max: number) => Math.floor(r() * (max + 1));
  const rule = { keepLast: n(5), daily: n(10), weekly: n(6), monthly: n(4), yearly: n(2), minAgeDays: r() < 0.3 ? n(5) : 0 };
  if (rule.keepLast + rule.daily + rule.weekly + rule.monthly + rule.yearly === 0) rule.daily = 1;
  return rule;
}

/** 400 simulated days: a random schedule, policy changes, holds and locks; checked every day. */
function simulate(seed: number, startOffsetDays: number, zone: string | undefined): { days: number; expired: number; snapshots: number } {
  const r = rng(seed);
  const start = Date.UTC(2025, 11, 1) + startOffsetDays * DAY;
  let rule = randomRule(r);
  let complianceDays = r() < 0.5 ? Math.floor(r() * 10) : 0;
  let schedule: 'daily' | 'random' | 'sparse' = 'daily';
  const snaps: TSim[] = [];
  const everExpired = new Set<string>();
  let counter = 0;
  for (let day = 0; day < 400; day++) {
    const dayStart = start + day * DAY;
    if (r() < 0.05) rule = randomRule(r);
    if (r() < 0.02) complianceDays = Math.floor(r() * 20);
    if (r() < 0.03) schedule = (['daily', 'random', 'sparse'] as const)[Math.floor(r() * 3)]!;
    for (const s of snaps) {
      if (s.status !== 'running') continue;
      if (r() < 0.85) Object.assign(s, { status: 'completed', consistentAt: new Date(s.at!) });
      else s.status = 'failed';
    }
    const count = schedule === 'daily' ? 1 : schedule === 'random' ? Math.floor(r() * 4) : r() < 0.3 ? 1 : 0;
    const times = Array.from({ length: count }, () => dayStart + Math.floor(r() * DAY)).sort((a, b) => a - b);
    for (const at of times) {
      const live = snaps.filter((s) => !s.expired && s.status === 'completed').sort((a, b) => b.at! - a.at!);
      const parent = counter % 7 === 0 ? null : (live[0]?.id ?? null);
      const roll = r();
      const status = roll < 0.85 ? 'completed' : roll < 0.92 ? 'failed' : 'running';
      snaps.push({
        id: `s${String(counter++).padStart(5, '0')}`,
        at,
        consistentAt: status === 'running' ? null : new Date(at),
        kind: parent ? 'incremental' : 'full',
        status,
        parent,
        held: null,
        lockedUntil: null,
        lockedAt: null,
        expired: false,
      });
    }
    const now = dayStart + DAY - 1;
    const live = snaps.filter((s) => !s.expired);
    const pick = () => live[Math.floor(r() * live.length)];
    if (live.length > 0 && r() < 0.1) pick()!.held = `case-${day}`;
    if (r() < 0.1) {
      const held = snaps.filter((s) => s.held);
      const h = held[Math.floor(r() * held.length)];
      if (h) h.held = null;
    }
    if (live.length > 0 && r() < 0.05) pick()!.lockedUntil = new Date(now + (1 + Math.floor(r() * 30)) * DAY);

    const res = applyRetention({ snapshots: snaps, rule, complianceDays, now: new Date(now), timeZone: zone });
    const ref = referenceKeep(
      snaps.map((s) => ({
        id: s.id,
        at: s.status === 'running' ? null : s.at,
        status: s.status,
        parent: s.parent,
        held: s.held ?? null,
        lockedUntil: s.lockedUntil ? new Date(s.lockedUntil).getTime() : null,
        expired: s.expired ?? false,
      })),
      rule,
      complianceDays,
      now,
      zone,
    );
    const kept = new Set(res.keep);
    const context = () => `seed ${seed} start +${startOffsetDays}d zone ${zone ?? 'UTC'} day ${day} rule ${JSON.stringify(rule)} compliance ${complianceDays}`;
    // Plain checks (an expect() per item per day is too slow for 400 days × many runs); any
    // difference is reported with the full sets.
    if (kept.size !== ref.size || [...kept].some((id) => !ref.has(id))) expect([...kept].sort(), context()).toEqual([...ref].sort());
    for (const s of live) {
      const locked = s.lockedUntil && new Date(s.lockedUntil).getTime() > now;
      if ((s.held || locked) && !kept.has(s.id)) throw new Error(`${context()}: protected ${s.id} expired`);
    }
    for (const id of everExpired) if (kept.has(id)) throw new Error(`${context()}: ${id} came back`);
    for (const id of res.newlyExpired) {
      everExpired.add(id);
      snaps.find((s) => s.id === id)!.expired = true;
    }
    if (res.decisions.length !== snaps.length) throw new Error(`${context()}: ${res.decisions.length} decisions for ${snaps.length} snapshots`);
  }
  return { days: 400, expired: everExpired.size, snapshots: snaps.length };
}

describe('GFS retention over 400 simulated days', () => {
  it('equals the reference model every day; holds and locks never expire; expiry is monotone', () => {
    let totals = { runs: 0, expired: 0, snapshots: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 800 }), fc.constantFrom(...ZONES), (seed, offset, zone) => {
        const out = simulate(seed, offset, zone);
        totals = { runs: totals.runs + 1, expired: totals.expired + out.expired, snapshots: totals.snapshots + out.snapshots };
      }),
      { numRuns: Number(process.env.GFS_RUNS ?? 25) },
    );
    // The simulation really expires things (a model that keeps everything would not pass).
    expect(totals.runs).toBe(Number(process.env.GFS_RUNS ?? 25));
    expect(totals.expired).toBeGreaterThan(totals.snapshots / 3);
  });
});
