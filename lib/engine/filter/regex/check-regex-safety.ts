// Rejects pattern shapes that make a backtracking engine take exponential (or high polynomial)
// time. Our own matcher is linear whatever the shape, but the same pattern is sent to the
// server, whose PCRE backtracks. The rule is deliberately simple and conservative:
// * a group repeated more than once may contain only single-character items in sequence, or an
//   alternation of plain literals whose first characters differ (so the choice is never
//   ambiguous): `(ab)+`, `(?:get|put)*` pass; `(a+)+`, `(a|a)*`, `(\w|\d)+` fail;
// * at most FILTER_LIMITS.maxRegexUnbounded unbounded quantifiers (`.*a.*b.*c.*d` fails).
import { FILTER_LIMITS } from '../limits';
import type { TRegexFlags, TRegexNode } from './regex-program';
import { foldCase } from './fold-case';

export function checkRegexSafety(root: TRegexNode, flags: TRegexFlags): string | undefined {
  let unbounded = 0;
  let problem: string | undefined;
  const walk = (node: TRegexNode): void => {
    if (problem) return;
    switch (node.t) {
      case 'repeat':
        if (node.max === Infinity) unbounded++;
        if (node.max > 1 && !isUnambiguousBody(node.body, flags)) {
          problem = 'nested quantifier or ambiguous alternation inside a repeated group (catastrophic backtracking risk)';
          return;
        }
        walk(node.body);
        return;
      case 'concat':
        node.items.forEach(walk);
        return;
      case 'alt':
        node.options.forEach(walk);
        return;
      default:
        return;
    }
  };
  walk(root);
  if (problem) return problem;
  if (unbounded > FILTER_LIMITS.maxRegexUnbounded) {
    return `more than ${FILTER_LIMITS.maxRegexUnbounded} unbounded quantifiers (backtracking risk)`;
  }
  return undefined;
}

function isSingle(node: TRegexNode): boolean {
  return node.t === 'char' || node.t === 'any' || node.t === 'class' || node.t === 'assert';
}

function literalChars(node: TRegexNode): number[] | undefined {
  if (node.t === 'char') return [node.cp];
  if (node.t !== 'concat' || node.items.length === 0) return undefined;
  const out: number[] = [];
  for (const item of node.items) {
    if (item.t !== 'char') return undefined;
    out.push(item.cp);
  }
  return out;
}

function isUnambiguousBody(body: TRegexNode, flags: TRegexFlags): boolean {
  if (isSingle(body)) return true;
  if (body.t === 'concat') return body.items.every(isSingle);
  if (body.t !== 'alt') return false;
  const firsts = new Set<number>();
  for (const option of body.options) {
    const chars = literalChars(option);
    if (!chars || chars.length === 0) return false;
    const first = flags.ignoreCase ? foldCase(chars[0] as number) : (chars[0] as number);
    if (firsts.has(first)) return false;
    firsts.add(first);
  }
  return true;
}
