// `$regex` + `$options` -> a linear-time program, or the reason it is refused.
import { compileRegexProgram } from './compile-regex-program';
import { parseRegex } from './parse-regex';
import type { TRegexFlags, TRegexProgram } from './regex-program';

export type TCompileRegexResult = { ok: true; program: TRegexProgram } | { ok: false; message: string };

export const REGEX_OPTIONS = 'imsx';

export function compileRegex(source: string, options: string): TCompileRegexResult {
  for (const [i, c] of [...options].entries()) {
    if (!REGEX_OPTIONS.includes(c)) return { ok: false, message: `unsupported $options flag '${c}' (allowed: ${REGEX_OPTIONS})` };
    if (options.indexOf(c) !== i) return { ok: false, message: `duplicate $options flag '${c}'` };
  }
  if (source.includes('\0')) return { ok: false, message: 'regex contains a NUL character' };
  const flags: TRegexFlags = {
    ignoreCase: options.includes('i'),
    multiline: options.includes('m'),
    dotAll: options.includes('s'),
    extended: options.includes('x'),
  };
  const parsed = parseRegex(source, flags);
  if (!parsed.ok) return parsed;
  return compileRegexProgram(parsed.node, flags);
}
