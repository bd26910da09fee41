import { describe, expect, it } from 'vitest';
import { checkCron } from '@/lib/policies/cron';
import { choiceFromCron, cronFromChoice, describeChoice, switchKind, type TScheduleChoice } from './schedule-choice';

describe('schedule choices', () => {
  it('reads back every shape it writes, and each is a valid cron', () => {
    const choices: TScheduleChoice[] = [
      { kind: 'hours', every: 1, minute: 5 },
      { kind: 'hours', every: 6, minute: 0 },
      { kind: 'daily', hour: 2, minute: 30 },
      { kind: 'weekly', weekday: 0, hour: 23, minute: 59 },
      { kind: 'weekly', weekday: 6, hour: 0, minute: 0 },
    ];
    for (const c of choices) {
      const cron = cronFromChoice(c)!;
      expect(checkCron(cron, 'UTC').ok, cron).toBe(true);
      expect(choiceFromCron(cron)).toEqual(c);
    }
    expect(cronFromChoice({ kind: 'daily', hour: 2, minute: 30 })).toBe('30 2 * * *');
    expect(cronFromChoice({ kind: 'hours', every: 4, minute: 15 })).toBe('15 */4 * * *');
  });

  it('leaves anything else custom', () => {
    for (const cron of ['0 2 1 * *', '*/15 * * * *', '0 1-5 * * *', '0 */5 * * *', '0 2 * * 1-5', '0 24 * * *', '60 2 * * *', '0 2 * *', 'garbage']) {
      expect(choiceFromCron(cron), cron).toEqual({ kind: 'custom' });
    }
    expect(cronFromChoice({ kind: 'custom' })).toBeNull();
  });

  it('describes a choice in words and keeps the time when switching kind', () => {
    expect(describeChoice({ kind: 'hours', every: 6, minute: 15 })).toBe('every 6 hours at :15');
    expect(describeChoice({ kind: 'weekly', weekday: 1, hour: 2, minute: 30 })).toBe('every Monday at 02:30');
    expect(switchKind('weekly', { kind: 'daily', hour: 4, minute: 45 })).toEqual({ kind: 'weekly', weekday: 1, hour: 4, minute: 45 });
    expect(switchKind('hours', { kind: 'custom' })).toEqual({ kind: 'hours', every: 6, minute: 0 });
  });
});
