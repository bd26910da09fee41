// Thompson construction: regex AST -> instructions for the Pike VM in run-regex-program.ts.
// Counted repetition is unrolled, so the program size is bounded (FILTER_LIMITS.maxRegexProgram).
import { FILTER_LIMITS } from '../limits';
import type { TRegexFlags, TRegexInst, TRegexNode, TRegexProgram } from './regex-program';

export type TCompileRegexProgramResult = { ok: true; program: TRegexProgram } | { ok: false; message: string };

class TooLarge extends Error {}

export function compileRegexProgram(root: TRegexNode, flags: TRegexFlags): TCompileRegexProgramResult {
  const insts: TRegexInst[] = [];
  const push = (inst: TRegexInst): number => {
    if (insts.length >= FILTER_LIMITS.maxRegexProgram) throw new TooLarge();
    insts.push(inst);
    return insts.length - 1;
  };
  const patch = (at: number, inst: TRegexInst): void => {
    insts[at] = inst;
  };

  const emit = (node: TRegexNode): void => {
    switch (node.t) {
      case 'char':
        push({ op: 'char', cp: node.cp });
        return;
      case 'any':
        push({ op: 'any' });
        return;
      case 'class':
        push({ op: 'class', negated: node.negated, ranges: node.ranges });
        return;
      case 'assert':
        push({ op: 'assert', kind: node.kind });
        return;
      case 'concat':
        node.items.forEach(emit);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.options.forEach((option, i) => {
          if (i === node.options.length - 1) {
            emit(option);
            return;
          }
          const split = push({ op: 'jmp', x: -1 });
          emit(option);
          jumps.push(push({ op: 'jmp', x: -1 }));
          patch(split, { op: 'split', x: split + 1, y: insts.length });
        });
        for (const j of jumps) patch(j, { op: 'jmp', x: insts.length });
        return;
      }
      case 'repeat': {
        for (let i = 0; i < node.min; i++) emit(node.body);
        if (node.max === Infinity) {
          const loop = push({ op: 'jmp', x: -1 });
          emit(node.body);
          push({ op: 'jmp', x: loop });
          patch(loop, { op: 'split', x: loop + 1, y: insts.length });
          return;
        }
        const exits: number[] = [];
        for (let i = node.min; i < node.max; i++) {
          exits.push(push({ op: 'jmp', x: -1 }));
          emit(node.body);
        }
        for (const e of exits) patch(e, { op: 'split', x: e + 1, y: insts.length });
        return;
      }
    }
  };

  try {
    emit(root);
    push({ op: 'match' });
  } catch (err) {
    if (err instanceof TooLarge) return { ok: false, message: 'regex too complex once repetitions are expanded' };
    throw err;
  }
  return { ok: true, program: { insts, flags } };
}
