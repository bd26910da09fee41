'use client';

import { choiceFromCron, cronFromChoice, describeChoice, HOUR_STEPS, switchKind, WEEKDAYS, type TScheduleChoice } from './schedule-choice';

const select = 'rounded-md border border-slate-300 px-2 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:ring-brand-500 disabled:bg-slate-50';
const KINDS: { kind: TScheduleChoice['kind']; label: string }[] = [
  { kind: 'hours', label: 'Every few hours' },
  { kind: 'daily', label: 'Every day' },
  { kind: 'weekly', label: 'Every week' },
  { kind: 'custom', label: 'Custom (cron)' },
];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const two = (n: number) => String(n).padStart(2, '0');

/**
 * Picks the schedule from choices instead of typing cron: the choice writes the cron field below
 * (the one value that is saved and validated); a cron it does not recognise shows as Custom.
 */
export function ScheduleEditor({ cron, onChange, disabled }: { cron: string; onChange: (cron: string) => void; disabled: boolean }) {
  const choice = choiceFromCron(cron);
  const set = (c: TScheduleChoice) => {
    const next = cronFromChoice(c);
    if (next !== null) onChange(next);
  };
  const number = (label: string, value: number, values: number[], fmt: (n: number) => string, apply: (n: number) => TScheduleChoice) => (
    <label className="flex items-center gap-1 text-sm text-slate-600">
      {label}
      <select aria-label={label} className={select} value={value} disabled={disabled} onChange={(e) => set(apply(Number(e.target.value)))}>
        {values.map((v) => (
          <option key={v} value={v}>
            {fmt(v)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="mb-2 flex flex-wrap items-center gap-3" data-testid="schedule-editor" data-kind={choice.kind}>
      <legend className="sr-only">Repeat</legend>
      <label className="flex items-center gap-1 text-sm font-medium text-slate-700">
        Repeat
        <select
          aria-label="Repeat"
          className={select}
          value={choice.kind}
          disabled={disabled}
          onChange={(e) => {
            const kind = e.target.value as TScheduleChoice['kind'];
            if (kind !== 'custom') set(switchKind(kind, choice));
          }}
        >
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind} disabled={k.kind === 'custom' && choice.kind !== 'custom'}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {choice.kind === 'hours'
        ? number(
            'every',
            choice.every,
            [...HOUR_STEPS],
            (v) => `${v} h`,
            (every) => ({ ...choice, every }),
          )
        : null}
      {choice.kind === 'weekly'
        ? number(
            'on',
            choice.weekday,
            range(7),
            (v) => WEEKDAYS[v]!,
            (weekday) => ({ ...choice, weekday }),
          )
        : null}
      {choice.kind === 'daily' || choice.kind === 'weekly' ? number('at hour', choice.hour, range(24), two, (hour) => ({ ...choice, hour })) : null}
      {choice.kind !== 'custom'
        ? number(
            'minute',
            choice.minute,
            range(60),
            (v) => `:${two(v)}`,
            (minute) => ({ ...choice, minute }),
          )
        : null}
      <span className="text-xs text-slate-500" data-testid="schedule-summary">
        {choice.kind === 'custom' ? 'A cron expression of your own: edit it below, or pick a repeat.' : `Runs ${describeChoice(choice)}.`}
      </span>
    </fieldset>
  );
}
