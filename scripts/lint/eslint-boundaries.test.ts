// Each architecture rule of eslint.config.mjs fires on a fixture that breaks it, with exactly the
// expected rule, and the clean fixtures pass: a boundary that silently stopped matching (a
// renamed folder, a regex typo, a plugin update) fails here instead of letting imports through.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(__dirname, '__fixtures__');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** Lints a fixture as the repository file named on its first line; returns the rule ids reported. */
async function rulesFor(fixture: string): Promise<string[]> {
  const text = fs.readFileSync(path.join(FIXTURES, fixture), 'utf8');
  const as = /^\/\/ as: (\S+)/.exec(text)?.[1];
  if (!as) throw new Error(`${fixture}: first line must be "// as: <path>"`);
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, as) });
  if (!result) throw new Error(`${fixture}: no lint result`);
  const fatal = result.messages.filter((m) => m.fatal || m.ruleId === null);
  if (fatal.length > 0) throw new Error(`${fixture}: ${fatal.map((m) => m.message).join('; ')}`);
  return [...new Set(result.messages.map((m) => m.ruleId!))].sort();
}

describe('architecture boundaries in eslint.config.mjs', () => {
  it.each([
    ['engine-imports-db.ts.txt', ['@typescript-eslint/no-restricted-imports', 'import/no-restricted-paths']],
    ['engine-imports-next.ts.txt', ['@typescript-eslint/no-restricted-imports']],
    ['engine-relative-escape.ts.txt', ['import/no-restricted-paths']],
    ['engine-dynamic-import.ts.txt', ['no-restricted-syntax']],
    ['engine-vitest-outside-tests.ts.txt', ['@typescript-eslint/no-restricted-imports']],
    ['components-imports-dal.tsx.txt', ['@typescript-eslint/no-restricted-imports']],
    ['components-imports-db.tsx.txt', ['@typescript-eslint/no-restricted-imports']],
    ['components-imports-app.tsx.txt', ['@typescript-eslint/no-restricted-imports', 'import/no-restricted-paths']],
    ['lib-imports-app.ts.txt', ['@typescript-eslint/no-restricted-imports', 'import/no-restricted-paths']],
    ['lib-test-dynamic-app.ts.txt', ['import/no-restricted-paths']],
  ])('%s breaks %j', async (fixture, rules) => {
    expect(await rulesFor(fixture)).toEqual(rules);
  });

  it.each(['engine-clean.ts.txt', 'engine-test-clean.ts.txt', 'components-clean.tsx.txt', 'lib-clean.ts.txt'])('%s passes', async (fixture) => {
    expect(await rulesFor(fixture)).toEqual([]);
  });

  it('keeps files at 300 lines or fewer', async () => {
    const body = Array.from({ length: 300 }, (_, i) => `export const v${i} = ${i};`).join('\n');
    const lint = async (text: string) =>
      (await eslint.lintText(text, { filePath: path.join(ROOT, 'lib/format-lint-fixture.ts') }))[0]!.messages.map((m) => m.ruleId);
    expect(await lint(`${body}\n`)).toEqual([]);
    expect(await lint(`${body}\nexport const extra = 1;\n`)).toEqual(['max-lines']);
  });

  it('does not lint the fixtures themselves in `npm run lint`', async () => {
    expect(await eslint.isPathIgnored(path.join(FIXTURES, 'engine-imports-db.ts.txt'))).toBe(true);
  });
});
