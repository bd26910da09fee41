import { describe, expect, it } from 'vitest';
import { rng } from '../engine/testing/test-kit';
import { dayNumber, dueForDataVerification, verificationSlot, type TVerifyCandidate } from './plan-data-verification';

const DAY = 86_400_000;

describe('dueForDataVerification', () => {
  it('over 300 simulated days every kept snapshot is read at least once per window, and the daily load is spread', () => {
    for (const seed of [1, 2, 3]) {
      const rand = rng(seed);
      const start = Date.UTC(2026, 0, 1);
      const snaps: (TVerifyCandidate & { reads: number[] })[] = [];
      let window = 7;
      for (let day = 0; day < 300; day++) {
        if (rand() < 0.05) window = [1, 3, 7, 14, 30][Math.floor(rand() * 5)]!;
        const now = new Date(start + day * DAY + 3_600_000);
        snaps.push({ id: `s${seed}-${day}`, consistentAt: new Date(start + day * DAY), dataVerifiedAt: null, reads: [] });
        // the loop runs several times a day: a snapshot read today is not read again
        for (let pass = 0; pass < 3; pass++) {
          const due = new Set(dueForDataVerification({ snapshots: snaps, now: new Date(now.getTime() + pass * 3_600_000), windowDays: window }));
          for (const s of snaps)
            if (due.has(s.id)) {
              s.dataVerifiedAt = now;
              s.reads.push(day);
            }
        }
        // The guarantee, checked on every snapshot every day: never longer than the window unread.
        for (const s of snaps) {
          const last = s.reads.at(-1) ?? dayNumber(s.consistentAt) - dayNumber(new Date(start));
          expect(day - last, `${s.id} on day ${day} (window ${window})`).toBeLessThan(window + 1);
        }
      }
    }
  });

  it('spreads the reads over the window (about snapshots ÷ window a day)', () => {
    const now0 = Date.UTC(2026, 5, 1);
    const snaps = Array.from({ length: 400 }, (_, i) => ({
      id: `x${i}`,
      consistentAt: new Date(now0 - 40 * DAY),
      dataVerifiedAt: new Date(now0 - DAY) as Date | null,
    }));
    const perDay: number[] = [];
    for (let day = 0; day < 10; day++) {
      const now = new Date(now0 + day * DAY);
      const due = new Set(dueForDataVerification({ snapshots: snaps, now, windowDays: 10 }));
      for (const s of snaps) if (due.has(s.id)) s.dataVerifiedAt = now;
      perDay.push(due.size);
    }
    expect(perDay.reduce((a, b) => a + b, 0)).toBe(400); // each exactly once in the window
    expect(Math.max(...perDay)).toBeLessThan(80);
  });

  it('slots are stable and within the window', () => {
    for (let i = 0; i < 200; i++) {
      const s = verificationSlot(`snap-${i}`, 30);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(30);
      expect(verificationSlot(`snap-${i}`, 30)).toBe(s);
    }
  });
});
