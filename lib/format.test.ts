import { describe, expect, it } from 'vitest';
import { describePhase, formatAge, formatBytes, formatCount } from './format';

describe('display formatting', () => {
  it('formats ages at a glance: seconds, minutes, hours and minutes, days and hours', () => {
    expect(formatAge(45)).toBe('45 s');
    expect(formatAge(-3)).toBe('0 s');
    expect(formatAge(59 * 60)).toBe('59 min');
    expect(formatAge(3 * 3600 + 12 * 60)).toBe('3 h 12 min');
    expect(formatAge(52 * 3600)).toBe('2 d 4 h');
  });

  it('formats counts and sizes', () => {
    expect(formatCount(67500)).toBe('67,500');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MiB');
  });
});

describe('describePhase', () => {
  it('says what a job is doing in words, and leaves an unknown phase as it is', () => {
    expect(describePhase('safety')).toBe('saving the current documents (for undo)');
    expect(describePhase('verifying-source')).toBe('checking the snapshot can be read');
    expect(describePhase('comparing with live data')).toBe('comparing with live data');
  });
});
