import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors/engine-error';
import { createManualClock } from '../ports/clock';
import { withFaults } from '../testing/faulty-store';
import { createMemoryObjectStore } from './memory-object-store';
import { readOnly } from './read-only';
import { withRetry } from './with-retry';

describe('withRetry', () => {
  it('retries transient failures with growing, bounded delays, then succeeds', async () => {
    const inner = createMemoryObjectStore();
    await inner.put('k', Buffer.from('v'));
    const clock = createManualClock();
    const plan = { transientFailures: 3 };
    const store = withRetry(withFaults(inner, plan), { clock, random: () => 0.5, baseDelayMs: 100, maxDelayMs: 300 });
    expect((await store.get('k')).toString()).toBe('v');
    expect(clock.sleeps).toEqual([100, 200, 300]);
  });

  it('gives up after the attempt budget with the transient error', async () => {
    const store = withRetry(withFaults(createMemoryObjectStore(), { transientFailures: 10 }), { attempts: 3, clock: createManualClock() });
    await expect(store.head('k')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('does not retry permanent errors', async () => {
    const plan = { calls: {} as Record<string, number> };
    const store = withRetry(withFaults(createMemoryObjectStore(), plan), { clock: createManualClock() });
    await expect(store.get('missing')).rejects.toMatchObject({ code: 'OBJECT_MISSING' });
    expect(plan.calls.get).toBe(1);
  });

  it('retries replayable bodies but never a consumed stream', async () => {
    const clock = createManualClock();
    const store = withRetry(withFaults(createMemoryObjectStore(), { transientFailures: 1 }), { clock });
    await store.put('a', [Buffer.from('x'), Buffer.from('y')]);
    expect((await store.get('a')).toString()).toBe('xy');
    const once = withRetry(withFaults(createMemoryObjectStore(), { transientFailures: 1 }), { clock });
    async function* body() {
      yield Buffer.from('z');
    }
    await expect(once.put('b', body())).rejects.toBeInstanceOf(EngineError);
  });
});

describe('readOnly', () => {
  it('refuses writes and deletes with READ_ONLY and still reads', async () => {
    const inner = createMemoryObjectStore();
    await inner.put('k', Buffer.from('v'));
    const ro = readOnly(inner);
    await expect(ro.put('x', Buffer.from('1'))).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(ro.delete('k')).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect((await ro.get('k')).toString()).toBe('v');
    expect(await inner.head('x')).toBeNull();
  });
});
