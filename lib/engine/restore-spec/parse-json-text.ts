// Parses untrusted JSON text. Before JSON.parse materialises anything, one linear scan refuses
// oversized text, nesting past the limit, duplicate keys (whose "last one wins" lets a reviewer
// and the engine read different packages) and prototype keys (`__proto__`, `constructor`,
// `prototype`, also when spelled with escapes). Only then is the text handed to JSON.parse.
import type { TIssue, TPathSegment } from '../filter/filter-issue';
import { PROTOTYPE_KEYS } from '../filter/limits';

export type TParseJsonTextResult = { ok: true; value: unknown } | { ok: false; issues: TIssue[] };
export type TJsonLimits = { maxBytes: number; maxDepth: number };

type TFrame =
  { kind: 'object'; path: TPathSegment[]; keys: Set<string>; expectKey: boolean; lastKey: string } | { kind: 'array'; path: TPathSegment[]; index: number };

const issue = (path: TPathSegment[], message: string): TIssue => ({ path, code: 'INVALID_ARGUMENT', message });

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function parseJsonText(text: string, limits: TJsonLimits): TParseJsonTextResult {
  // A UTF-16 unit is at least one UTF-8 byte: the cheap test first, the exact one after.
  if (text.length > limits.maxBytes || utf8Length(text) > limits.maxBytes) {
    return { ok: false, issues: [issue([], `package larger than ${limits.maxBytes} bytes`)] };
  }
  const issues: TIssue[] = [];
  const stack: TFrame[] = [];
  const here = (): TPathSegment[] => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    return top.kind === 'object' ? [...top.path, top.lastKey] : [...top.path, top.index];
  };
  scan: for (let i = 0; i < text.length; i++) {
    switch (text[i]) {
      case '"': {
        let j = i + 1;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        const top = stack[stack.length - 1];
        if (top?.kind === 'object' && top.expectKey) {
          let key: string;
          try {
            key = JSON.parse(text.slice(i, j + 1)) as string;
          } catch {
            break scan; // malformed: JSON.parse below reports it
          }
          if (PROTOTYPE_KEYS.has(key)) issues.push(issue([...top.path, key], `key ${key} is not allowed`));
          else if (top.keys.has(key)) issues.push(issue([...top.path, key], `duplicate key ${JSON.stringify(key)}`));
          top.keys.add(key);
          top.lastKey = key;
          top.expectKey = false;
        }
        i = j;
        break;
      }
      case '{':
      case '[': {
        if (stack.length >= limits.maxDepth) {
          issues.push(issue(here(), `nested deeper than ${limits.maxDepth} levels`));
          break scan;
        }
        const path = here();
        stack.push(text[i] === '{' ? { kind: 'object', path, keys: new Set(), expectKey: true, lastKey: '' } : { kind: 'array', path, index: 0 });
        break;
      }
      case '}':
      case ']':
        stack.pop();
        break;
      case ',': {
        const top = stack[stack.length - 1];
        if (top?.kind === 'object') top.expectKey = true;
        else if (top) top.index++;
        break;
      }
      default:
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, issues: [issue([], `invalid JSON: ${err instanceof Error ? err.message : String(err)}`)] };
  }
}
