import { describe, expect, it } from 'vitest';
import { rpoTargetSeconds } from '@/lib/schedule/schedule-math';
import { classifyBackupHealth } from './classify-backup-health';

const now = new Date('2026-12-03T10:00:00Z');
const H = 3600;

describe('backup health', () => {
  it('classifies none / failing / stale / healthy against the given RPO target', () => {
    const day = 26 * H;
    expect(classifyBackupHealth({ recoveryPointAgeSeconds: null, isLastRunFailed: false, staleAfterSeconds: day })).toBe('none');
    expect(classifyBackupHealth({ recoveryPointAgeSeconds: null, isLastRunFailed: true, staleAfterSeconds: day })).toBe('failing');
    expect(classifyBackupHealth({ recoveryPointAgeSeconds: H, isLastRunFailed: true, staleAfterSeconds: day })).toBe('failing');
    expect(classifyBackupHealth({ recoveryPointAgeSeconds: 27 * H, isLastRunFailed: false, staleAfterSeconds: day })).toBe('stale');
    expect(classifyBackupHealth({ recoveryPointAgeSeconds: H, isLastRunFailed: false, staleAfterSeconds: day })).toBe('healthy');
    expect(classifyBackupHealth({ recoveryPointAgeSeconds: 900 * H, isLastRunFailed: false, staleAfterSeconds: null })).toBe('healthy');
  });

  it('a failed verification of a kept snapshot, or a failed scheduled run, is failing even when recent', () => {
    const base = { recoveryPointAgeSeconds: H, isLastRunFailed: false, staleAfterSeconds: 5 * H };
    expect(classifyBackupHealth({ ...base, hasVerifyFailure: true })).toBe('failing');
    expect(classifyBackupHealth({ ...base, scheduleFailures: 1 })).toBe('failing');
    expect(classifyBackupHealth({ ...base, scheduleFailures: 0, hasVerifyFailure: false })).toBe('healthy');
  });

  it("derives staleness from the tenant's schedule: 4-hourly is stale after ~5 h, weekly is not after 2 days", () => {
    const fourHourly = rpoTargetSeconds({ cron: '0 */4 * * *', timeZone: 'UTC' }, now);
    const weekly = rpoTargetSeconds({ cron: '0 3 * * 0', timeZone: 'UTC' }, now);
    const at = (ageSeconds: number, target: number | null) =>
      classifyBackupHealth({ recoveryPointAgeSeconds: ageSeconds, isLastRunFailed: false, staleAfterSeconds: target });
    expect(at(4.5 * H, fourHourly)).toBe('healthy');
    expect(at(5 * H + 60, fourHourly)).toBe('stale');
    expect(at(48 * H, weekly)).toBe('healthy');
    expect(at(8 * 24 * H, weekly)).toBe('healthy');
    expect(at(9 * 24 * H, weekly)).toBe('stale');
  });
});
