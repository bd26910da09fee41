// Types shared by the regex parser, compiler and matcher. The supported syntax is a subset on
// which PCRE (MongoDB), and this matcher agree; see README.md in the filter folder.
export type TRange = readonly [number, number];

export type TRegexNode =
  | { t: 'char'; cp: number }
  | { t: 'any' }
  | { t: 'class'; negated: boolean; ranges: readonly TRange[] }
  | { t: 'assert'; kind: 'bol' | 'eol' | 'word' | 'nonword' }
  | { t: 'concat'; items: readonly TRegexNode[] }
  | { t: 'alt'; options: readonly TRegexNode[] }
  | { t: 'repeat'; body: TRegexNode; min: number; max: number };

export type TRegexInst =
  | { op: 'char'; cp: number }
  | { op: 'any' }
  | { op: 'class'; negated: boolean; ranges: readonly TRange[] }
  | { op: 'assert'; kind: 'bol' | 'eol' | 'word' | 'nonword' }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'match' };

export type TRegexFlags = { ignoreCase: boolean; multiline: boolean; dotAll: boolean; extended: boolean };

/** A compiled pattern: run with `runRegexProgram`, in time linear in the subject length. */
export type TRegexProgram = { readonly insts: readonly TRegexInst[]; readonly flags: TRegexFlags };
