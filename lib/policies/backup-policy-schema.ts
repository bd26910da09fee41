import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { POLICY_LEAVES, type TPolicyLeaf } from './policy-document';

// What the policy page sends: the tenant's overrides, either from the form (one field per leaf;
// a missing/null leaf = "use the template value") or as raw JSON or YAML text. Client-safe: the
// page turns its input into overrides with the same functions the server uses, so the preview,
// the next runs and the save all judge the same document.

const MAX_TEXT = 64_000;

export const ZBackupPolicyUpdate = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('form'),
    /** Leaf (`section.key`) → value; null or absent = inherit from the template. */
    fields: z.record(z.string(), z.unknown()),
  }),
  z.object({
    source: z.literal('text'),
    format: z.enum(['json', 'yaml'], { error: 'format must be json or yaml' }),
    text: z.string().max(MAX_TEXT, { error: `at most ${MAX_TEXT} characters` }),
  }),
]);
export type TBackupPolicyUpdate = z.input<typeof ZBackupPolicyUpdate>;

export type TOverridesParse = { ok: true; overrides: unknown } | { ok: false; field: string; message: string };

/** Parses raw JSON or YAML text into an overrides value (not yet validated: resolveEffectivePolicy does that). */
export function parseOverridesText(format: 'json' | 'yaml', text: string): TOverridesParse {
  if (text.trim() === '') return { ok: true, overrides: {} };
  try {
    const value: unknown = format === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 10, uniqueKeys: true });
    if (value === null || value === undefined) return { ok: true, overrides: {} };
    if (typeof value !== 'object' || Array.isArray(value))
      return { ok: false, field: 'text', message: 'The policy must be an object of sections (schedule, retention, …).' };
    return { ok: true, overrides: value };
  } catch (e) {
    const what = format === 'json' ? 'JSON' : 'YAML';
    const message = e instanceof YAMLParseError || e instanceof SyntaxError ? e.message.split('\n')[0] : String(e);
    return { ok: false, field: 'text', message: `Not valid ${what}: ${message}` };
  }
}

/** Builds an overrides object from per-leaf form fields (unknown field names are refused). */
export function overridesFromFields(fields: Record<string, unknown>): TOverridesParse {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (!(POLICY_LEAVES as readonly string[]).includes(name)) return { ok: false, field: name, message: `unknown policy value "${name}"` };
    if (value === null || value === undefined) continue;
    const [section, key] = (name as TPolicyLeaf).split('.') as [string, string];
    out[section] = { ...out[section], [key]: value };
  }
  return { ok: true, overrides: out };
}

/** The overrides an update carries (from either source). */
export function overridesOfUpdate(input: z.output<typeof ZBackupPolicyUpdate>): TOverridesParse {
  return input.source === 'form' ? overridesFromFields(input.fields) : parseOverridesText(input.format, input.text);
}
