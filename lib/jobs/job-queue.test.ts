import { describe, expect, it } from 'vitest';
import { messageIdFor, queueNameFor } from './job-queue';

describe('messageIdFor', () => {
  it('is a deterministic RFC 4122 UUID per relay key, different per key', () => {
    const a = messageIdFor('q:job1:0:queued');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(messageIdFor('q:job1:0:queued')).toBe(a);
    expect(messageIdFor('q:job1:1:queued')).not.toBe(a);
    expect(messageIdFor('q:job2:0:queued')).not.toBe(a);
  });
});

describe('queueNameFor', () => {
  it('is the shared queue unless pinned, and the same for the same tenants in any order', () => {
    expect(queueNameFor()).toBe('vaultline-jobs');
    expect(queueNameFor(['b', 'a'])).toBe(queueNameFor(['a', 'b']));
    expect(queueNameFor(['a'])).not.toBe(queueNameFor(['a', 'b']));
    expect(queueNameFor(['a'])).toMatch(/^vaultline-jobs\.[0-9a-f]{16}$/);
  });
});
