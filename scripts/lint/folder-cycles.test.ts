import { describe, expect, it } from 'vitest';
import { checkCycles, cyclesOf, unitGraph, unitOf } from './folder-cycles.mjs';
import { runtimeImports } from './import-graph.mjs';

const files = (edges: Record<string, string[]>) => new Map(Object.entries(edges).map(([f, ds]) => [f, new Set(ds)]));

describe('folder cycles', () => {
  it('groups lib files into folder units (engine modules, subfolders, top-level files)', () => {
    expect(unitOf('lib/jobs/enqueue-job.ts')).toBe('lib/jobs');
    expect(unitOf('lib/engine/filter/regex/compile-regex.ts')).toBe('lib/engine/filter');
    expect(unitOf('lib/engine/index.ts')).toBe('lib/engine');
    expect(unitOf('lib/format.ts')).toBe('lib/format');
    expect(unitOf('app/page.tsx')).toBeNull();
  });

  it('reports a cycle between two folders, with the file edges that make it', () => {
    const graph = unitGraph(
      files({
        'lib/jobs/handlers.ts': ['lib/backups/run-backup.ts'],
        'lib/backups/run-backup.ts': ['lib/jobs/enqueue-job.ts'],
        'lib/jobs/enqueue-job.ts': ['lib/db/index.ts'],
      }),
    );
    const found = cyclesOf(graph);
    expect(found).toEqual([['lib/backups', 'lib/jobs']]);
    const problems = checkCycles(found, [], graph);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('lib/backups -> lib/jobs   (lib/backups/run-backup.ts -> lib/jobs/enqueue-job.ts)');
  });

  it('allows cycles between files of one folder (mutual recursion) and a plain dependency chain', () => {
    const graph = unitGraph(
      files({
        'lib/engine/filter/a.ts': ['lib/engine/filter/regex/b.ts'],
        'lib/engine/filter/regex/b.ts': ['lib/engine/filter/a.ts'],
        'lib/restores/x.ts': ['lib/engine/filter/a.ts'],
      }),
    );
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('accepts a known cycle only exactly as listed, and fails when a listed one is gone', () => {
    const graph = unitGraph(files({ 'lib/a/x.ts': ['lib/b/y.ts'], 'lib/b/y.ts': ['lib/a/x.ts'] }));
    const found = cyclesOf(graph);
    expect(checkCycles(found, [{ units: ['lib/b', 'lib/a'], why: 'test' }], graph)).toEqual([]);
    expect(checkCycles(found, [{ units: ['lib/a', 'lib/b', 'lib/c'], why: 'test' }], graph)).toHaveLength(2);
    expect(checkCycles([], [{ units: ['lib/a', 'lib/b'], why: 'test' }], graph)[0]).toContain('is gone or changed');
  });

  it('counts runtime imports only: import type and type-only re-exports are erased', () => {
    const src = [
      "import type { A } from './a';",
      "import { type B, type C } from './b';",
      "import { D, type E } from './d';",
      "import './side-effect';",
      "export type { F } from './f';",
      "export { G } from './g';",
      "const h = await import('./h');",
    ].join('\n');
    expect(runtimeImports('x.ts', src)).toEqual(['./d', './side-effect', './g', './h']);
  });
});
