import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TReconcileOptions, TReconcileResult } from '@/lib/schedule/reconcile-schedules';
import { startScheduleLoop } from './schedule-loop';

const log = pino({ level: 'silent' });
const result: TReconcileResult = {
  tenants: 0,
  created: 0,
  rescheduled: 0,
  outcomes: 0,
  due: 0,
  enqueued: [],
  deferred: 0,
  busyClusters: [],
  statements: 0,
  ms: 0,
};

afterEach(() => vi.useRealTimers());

describe('startScheduleLoop', () => {
  it('runs one pass at a time every interval, scoped to the worker tenants, and stops after the running pass', async () => {
    vi.useFakeTimers();
    let active = 0;
    let maxActive = 0;
    const calls: TReconcileOptions[] = [];
    let release: () => void = () => undefined;
    const reconcile = async (opts: TReconcileOptions) => {
      calls.push(opts);
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((r) => (release = r));
      active--;
      return result;
    };
    const loop = startScheduleLoop({ log, enabled: true, intervalMs: 1000, tenantIds: ['t1'], reconcile });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.tenantIds).toEqual(['t1']);
    // a slow pass: no second pass starts while it runs
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    const stopped = loop.stop();
    let isStopped = false;
    void stopped.then(() => (isStopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(isStopped).toBe(false); // waits for the running pass
    release();
    await stopped;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(2);
    expect(maxActive).toBe(1);
  });

  it('keeps going after a failed pass, and does nothing when disabled', async () => {
    vi.useFakeTimers();
    let n = 0;
    const failing = async () => {
      n++;
      throw new Error('deadlock detected');
    };
    const loop = startScheduleLoop({ log, enabled: true, intervalMs: 100, reconcile: failing });
    await vi.advanceTimersByTimeAsync(250);
    expect(n).toBe(3);
    await loop.stop();
    const off = vi.fn(async () => result);
    const idle = startScheduleLoop({ log, enabled: false, intervalMs: 100, reconcile: off });
    await vi.advanceTimersByTimeAsync(1000);
    expect(off).not.toHaveBeenCalled();
    await idle.stop();
  });
});
