'use client';

import { useStepUp } from '@/app/_components/step-up-provider';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { stringify as toYaml } from 'yaml';
import { updateBackupPolicyAction } from '@/app/(tenant)/t/[tenantSlug]/policy/actions';
import { Badge } from '@/components/ui/badge';
import { formatDateTime } from '@/lib/format';
import { parseOverridesText, type TBackupPolicyUpdate } from '@/lib/policies/backup-policy-schema';
import { checkCron, nextRuns } from '@/lib/policies/cron';
import { resolveEffectivePolicy } from '@/lib/policies/effective-policy';
import type { TBackupPolicyView } from '@/lib/policies/get-backup-policy';
import { ExpiryConfirm, RetentionPreviewPanel, useRetentionPreview } from '@/app/(tenant)/t/[tenantSlug]/policy/retention-preview';
import { ScheduleEditor } from '@/app/(tenant)/t/[tenantSlug]/policy/schedule-editor';
import {
  fieldsFromPolicy,
  LEAF_SECTIONS,
  leafOverrides,
  nestLeaves,
  type TFieldValues,
  type TLeafMeta,
} from '@/app/(tenant)/t/[tenantSlug]/policy/policy-leaves';

const input = 'block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:ring-brand-500 disabled:bg-slate-50';
const tabClass = (on: boolean) =>
  `rounded-md px-3 py-1.5 text-sm font-medium ${on ? 'bg-brand-50 text-brand-700 ring-1 ring-brand-100' : 'text-slate-600 hover:bg-slate-50'}`;

type TTab = 'form' | 'raw';

/** The policy as a form (per value: its source and the plan's bounds) and as raw JSON/YAML, with live validation, next runs and the retention preview. */
export function PolicyEditor({ tenantSlug, view, mayEdit }: { tenantSlug: string; view: TBackupPolicyView; mayEdit: boolean }) {
  const router = useRouter();
  const [tab, setTab] = useState<TTab>('form');
  const [fields, setFields] = useState<TFieldValues>(() => fieldsFromPolicy(view.policy));
  const [format, setFormat] = useState<'yaml' | 'json'>('yaml');
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);

  // The overrides being edited, from whichever tab is open.
  const draft = useMemo(() => {
    if (tab === 'form') return { ok: true as const, overrides: nestLeaves(leafOverrides(fields, view.template.defaults)) };
    return parseOverridesText(format, text);
  }, [tab, fields, format, text, view.template.defaults]);
  const overrides = draft.ok ? draft.overrides : view.overrides;
  const overridesJson = JSON.stringify(overrides ?? {});
  const resolved = useMemo(
    () => resolveEffectivePolicy({ template: view.template, overrides, complianceDays: view.complianceDays, now: new Date() }),
    [view.template, view.complianceDays, overrides],
  );
  const preview = useRetentionPreview(tenantSlug, overridesJson);

  const stepUp = useStepUp();
  const save = useMutation({
    mutationFn: (i: TBackupPolicyUpdate) => stepUp(() => updateBackupPolicyAction(tenantSlug, i)),
    onSuccess: (r) => {
      setConfirming(false);
      if (r.ok) router.refresh();
    },
  });
  const failed = save.data && !save.data.ok ? save.data : null;
  const problemOf = (leaf: string) => resolved.problems.find((p) => p.leaf === leaf)?.message ?? failed?.fieldErrors?.[leaf];
  const generalProblems = resolved.problems.filter((p) => p.leaf === 'overrides');

  const cron = fields['schedule.cron'];
  const zone = fields['schedule.timeZone'];
  const runs = useMemo(() => {
    const { cron: c, timeZone: z } = tab === 'form' ? { cron: String(cron), timeZone: String(zone) } : resolved.policy.schedule;
    return checkCron(c, z).ok ? { zone: z, list: nextRuns(c, z, new Date(), 5) } : null;
  }, [tab, cron, zone, resolved.policy.schedule]);

  function switchTo(next: TTab) {
    if (next === tab) return;
    if (next === 'raw') {
      const o = nestLeaves(leafOverrides(fields, view.template.defaults));
      setText(format === 'json' ? JSON.stringify(o, null, 2) : Object.keys(o).length ? toYaml(o) : '');
    } else {
      if (!draft.ok) return; // stay on the raw tab until the text parses
      setFields(fieldsFromPolicy(resolved.policy));
    }
    setTab(next);
  }

  // Switching JSON ⇄ YAML converts the text when it parses (otherwise it is left as typed).
  function changeFormat(next: 'yaml' | 'json') {
    const parsed = parseOverridesText(format, text);
    if (parsed.ok && text.trim() !== '') setText(next === 'json' ? JSON.stringify(parsed.overrides, null, 2) : toYaml(parsed.overrides));
    setFormat(next);
  }

  function submit(confirmed: boolean) {
    if (!draft.ok || resolved.problems.length) return;
    if (!confirmed && preview.data && preview.data.expire.length > 0) return setConfirming(true);
    save.mutate(tab === 'form' ? { source: 'form', fields: leafOverrides(fields, view.template.defaults) } : { source: 'text', format, text });
  }

  const leafRow = (m: TLeafMeta) => {
    const id = `leaf-${m.leaf.replace('.', '-')}`;
    const source = resolved.sources[m.leaf];
    const problem = problemOf(m.leaf);
    const value = fields[m.leaf];
    const set = (v: string | boolean) => setFields((f) => ({ ...f, [m.leaf]: v }));
    return (
      <div key={m.leaf} className="grid gap-1 sm:grid-cols-[14rem_1fr] sm:items-start sm:gap-4" data-leaf={m.leaf}>
        <label htmlFor={id} className="pt-1.5 text-sm font-medium text-slate-700">
          {m.label}
        </label>
        <div>
          {m.kind === 'cron' ? <ScheduleEditor cron={String(value)} onChange={set} disabled={!mayEdit} /> : null}
          <div className="flex items-center gap-2">
            {m.kind === 'bool' ? (
              <input
                id={id}
                type="checkbox"
                checked={value === true}
                disabled={!mayEdit}
                onChange={(e) => set(e.target.checked)}
                className="h-4 w-4 rounded border-slate-300"
              />
            ) : (
              <input
                id={id}
                value={String(value)}
                disabled={!mayEdit}
                inputMode={m.kind === 'int' ? 'numeric' : undefined}
                onChange={(e) => set(e.target.value)}
                className={`${input} ${m.kind === 'cron' || m.kind === 'zone' ? 'font-mono' : ''} ${m.kind === 'int' ? 'max-w-32' : ''}`}
                aria-invalid={!!problem}
                aria-describedby={`${id}-hint`}
              />
            )}
            <span data-testid={`source-${m.leaf}`}>
              {source === 'tenant' ? <Badge tone="blue">your override</Badge> : <Badge>from {view.template.label}</Badge>}
            </span>
            {mayEdit && source === 'tenant' ? (
              <button
                type="button"
                className="text-xs text-brand-700 hover:underline"
                onClick={() => setFields((f) => ({ ...f, ...pick(fieldsFromPolicy(view.template.defaults), m.leaf) }))}
              >
                Use plan value
              </button>
            ) : null}
          </div>
          <p id={`${id}-hint`} className={`mt-1 text-xs ${problem ? 'text-red-700' : 'text-slate-500'}`}>
            {problem ?? (
              <>
                {m.hint}
                {m.bounds ? ` Plan allows ${m.bounds(view.template.bounds)}.` : ''}
              </>
            )}
          </p>
        </div>
      </div>
    );
  };

  return (
    <div className="space-y-5">
      <div className="flex gap-2" role="tablist" aria-label="Policy editor">
        <button type="button" role="tab" aria-selected={tab === 'form'} className={tabClass(tab === 'form')} onClick={() => switchTo('form')}>
          Form
        </button>
        <button type="button" role="tab" aria-selected={tab === 'raw'} className={tabClass(tab === 'raw')} onClick={() => switchTo('raw')}>
          JSON / YAML
        </button>
      </div>
      {tab === 'form' ? (
        <form onSubmit={(e) => e.preventDefault()} aria-label="Backup policy" className="space-y-6">
          {LEAF_SECTIONS.map((s) => (
            <fieldset key={s.title} className="space-y-3">
              <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{s.title}</legend>
              {s.leaves.map(leafRow)}
            </fieldset>
          ))}
        </form>
      ) : (
        <div className="space-y-2">
          <p className="text-sm text-slate-600">
            Only your overrides of the {view.template.label} plan; anything left out comes from the plan. Same checks as the form.
          </p>
          <div className="flex items-center gap-3 text-sm">
            {(['yaml', 'json'] as const).map((f) => (
              <label key={f} className="flex items-center gap-1">
                <input type="radio" name="format" checked={format === f} onChange={() => changeFormat(f)} disabled={!mayEdit} /> {f.toUpperCase()}
              </label>
            ))}
          </div>
          <label htmlFor="policy-text" className="sr-only">
            Policy overrides
          </label>
          <textarea
            id="policy-text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            readOnly={!mayEdit}
            rows={14}
            spellCheck={false}
            className={`${input} font-mono`}
            aria-invalid={!draft.ok || resolved.problems.length > 0}
          />
          {!draft.ok || failed?.fieldErrors?.text ? (
            <p role="alert" className="text-sm text-red-700">
              {!draft.ok ? draft.message : failed?.fieldErrors?.text}
            </p>
          ) : null}
          {resolved.problems.length ? (
            <ul className="space-y-1 text-sm text-red-700" data-testid="raw-problems">
              {resolved.problems.map((p) => (
                <li key={`${p.leaf}:${p.message}`}>
                  <span className="font-mono">{p.leaf}</span>: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
      {generalProblems.length && tab === 'form' ? (
        <p role="alert" className="text-sm text-red-700">
          {generalProblems.map((p) => p.message).join('; ')}
        </p>
      ) : null}

      <section className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
        <h3 className="text-sm font-semibold text-slate-800">Next five runs</h3>
        {runs ? (
          <ol className="mt-2 grid gap-1 text-sm text-slate-700 sm:grid-cols-2" data-testid="next-runs">
            {runs.list.map((d) => (
              <li key={d.toISOString()} className="font-mono">
                {d.toLocaleString('en-GB', { timeZone: runs.zone, dateStyle: 'medium', timeStyle: 'short' })}{' '}
                <span className="text-slate-400">{runs.zone}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2 text-sm text-red-700">No runs: the schedule or time zone is not valid.</p>
        )}
      </section>

      <section className="rounded-lg p-4 ring-1 ring-slate-200">
        <h3 className="mb-2 text-sm font-semibold text-slate-800">Retention preview</h3>
        <RetentionPreviewPanel preview={preview} />
      </section>

      {mayEdit ? (
        <div className="space-y-3" data-testid="policy-save">
          {confirming && preview.data ? (
            <ExpiryConfirm items={preview.data.expire} pending={save.isPending} onConfirm={() => submit(true)} onCancel={() => setConfirming(false)} />
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={() => submit(false)}
              disabled={save.isPending || !draft.ok || resolved.problems.length > 0 || preview.isSettling}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
            >
              {save.isPending ? 'Saving…' : 'Save policy'}
            </button>
            {save.data?.ok ? (
              <p role="status" className="text-sm text-emerald-700">
                Saved{save.data.data.changed.length ? `: ${save.data.data.changed.join(', ')}` : ' (nothing changed)'}.
              </p>
            ) : null}
            {failed && !failed.fieldErrors ? (
              <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
                {failed.message}
              </p>
            ) : null}
            {save.isError ? (
              <p role="alert" className="text-sm text-red-700">
                The server could not be reached. Try again.
              </p>
            ) : null}
            {view.updatedAt ? <p className="text-xs text-slate-500">Last changed {formatDateTime(view.updatedAt)}.</p> : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}

function pick(values: TFieldValues, leaf: keyof TFieldValues): Partial<TFieldValues> {
  return { [leaf]: values[leaf] };
}
