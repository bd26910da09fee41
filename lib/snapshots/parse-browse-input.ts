import 'server-only';
import { BSON } from 'mongodb';
import { compileFilter, type TFilter } from '@/lib/engine';
import { formatIssuePath } from '@/lib/engine/filter/filter-issue';
import { AppError } from '@/lib/errors';

const MAX_FILTER_CHARS = 16_384;

/** Filter text from the browser → the engine's safe subset, or INVALID_INPUT naming every problem. */
export function parseFilterText(text: string | null | undefined): TFilter | null {
  const t = (text ?? '').trim();
  if (t === '' || t === '{}') return null;
  if (t.length > MAX_FILTER_CHARS) throw new AppError('INVALID_INPUT', `The filter is longer than ${MAX_FILTER_CHARS} characters.`);
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (e) {
    throw new AppError('INVALID_INPUT', `The filter is not valid JSON: ${(e as Error).message}`);
  }
  const compiled = compileFilter(value);
  if (!compiled.ok) {
    throw new AppError('INVALID_INPUT', `Invalid filter: ${compiled.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`).join('; ')}`);
  }
  return compiled.filter;
}

/**
 * An _id typed by a person: Extended JSON (`{"$oid": "…"}`, `42`, `"abc"`) or bare text.
 * Bare 24-hex text may be an ObjectId or a string id, so both are candidates, ObjectId first.
 */
export function parseIdText(text: string): unknown[] {
  const t = text.trim();
  if (t === '') throw new AppError('INVALID_INPUT', 'Enter an _id.');
  if (t.length > 1024) throw new AppError('INVALID_INPUT', 'That _id is too long.');
  if (/^[{"\d-]/.test(t)) {
    try {
      const v = BSON.EJSON.parse(`{"v":${t}}`, { relaxed: false }) as { v: unknown };
      return [v.v];
    } catch {
      // not JSON: fall through to bare text
    }
  }
  if (/^[0-9a-fA-F]{24}$/.test(t)) return [new BSON.ObjectId(t), t];
  return [t];
}
