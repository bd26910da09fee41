// Pike VM: simulates all threads of the program in lock-step over the subject's code points, so
// a test costs O(subject length x program size) whatever the pattern: no backtracking, no
// timeouts needed. Only "is there a match anywhere" is answered (that is all $regex needs).
import { isWordChar } from './class-escapes';
import { caseVariants, foldCase } from './fold-case';
import type { TRange, TRegexInst, TRegexProgram } from './regex-program';

const NEWLINE = 0x0a;

export function runRegexProgram(program: TRegexProgram, subject: string): boolean {
  const { insts, flags } = program;
  const text = Array.from(subject, (c) => c.codePointAt(0) as number);
  const len = text.length;
  const marks = new Int32Array(insts.length).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  const stack: number[] = [];

  const assertHolds = (kind: string, pos: number): boolean => {
    switch (kind) {
      case 'bol':
        return pos === 0 || (flags.multiline && text[pos - 1] === NEWLINE && pos < len);
      case 'eol':
        if (pos === len) return true;
        return flags.multiline ? text[pos] === NEWLINE : pos === len - 1 && text[pos] === NEWLINE;
      case 'word':
        return isWordChar(text[pos - 1]) !== isWordChar(text[pos]);
      default:
        return isWordChar(text[pos - 1]) === isWordChar(text[pos]);
    }
  };

  /** Follows jumps, splits and assertions from pc at pos; true when `match` is reachable. */
  const addThread = (list: number[], start: number, pos: number): boolean => {
    stack.push(start);
    while (stack.length > 0) {
      const pc = stack.pop() as number;
      if (marks[pc] === pos) continue;
      marks[pc] = pos;
      const inst = insts[pc] as TRegexInst;
      switch (inst.op) {
        case 'jmp':
          stack.push(inst.x);
          break;
        case 'split':
          stack.push(inst.y, inst.x);
          break;
        case 'assert':
          if (assertHolds(inst.kind, pos)) stack.push(pc + 1);
          break;
        case 'match':
          stack.length = 0;
          return true;
        default:
          list.push(pc);
      }
    }
    return false;
  };

  for (let pos = 0; pos <= len; pos++) {
    if (addThread(current, 0, pos)) return true;
    if (pos === len) break;
    const cp = text[pos] as number;
    for (const pc of current) {
      if (consumes(insts[pc] as TRegexInst, cp, flags.ignoreCase, flags.dotAll) && addThread(next, pc + 1, pos + 1)) return true;
    }
    [current, next] = [next, current];
    next.length = 0;
  }
  return false;
}

function inRanges(ranges: readonly TRange[], cp: number): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

function consumes(inst: TRegexInst, cp: number, ignoreCase: boolean, dotAll: boolean): boolean {
  switch (inst.op) {
    case 'char':
      return inst.cp === cp || (ignoreCase && foldCase(inst.cp) === foldCase(cp));
    case 'any':
      return dotAll || cp !== NEWLINE;
    case 'class': {
      const hit = ignoreCase ? caseVariants(cp).some((v) => inRanges(inst.ranges, v)) : inRanges(inst.ranges, cp);
      return hit !== inst.negated;
    }
    default:
      return false;
  }
}
