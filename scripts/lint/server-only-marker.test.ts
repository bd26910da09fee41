// Every DAL file that reaches the catalog, the data plane or secrets says so with
// `import 'server-only'`, so a client component that imports it by mistake fails the build
// instead of shipping a database client (or worse, a secret) to the browser.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadCompilerOptions, runtimeImports } from './import-graph.mjs';

const ROOT = path.resolve(__dirname, '../..');
const MARKER = /^import 'server-only';$/m;

// Modules whose import makes a file server-only: the catalog client, the env/secrets reader,
// the MongoDB client and the engine contexts (data plane + key material).
const SERVER_MODULES = [
  'lib/db/index.ts',
  'lib/generated/prisma/client.ts',
  'lib/env.ts',
  'lib/mongo/client.ts',
  'lib/vault/engine-context.ts',
  'lib/vault/shared-engine-context.ts',
];
const SERVER_MODULE_DIRS = ['lib/engine/keys/'];
const SERVER_PACKAGES = /^(mongodb|pg|pg-boss|@prisma\/[^/]+)(\/|$)/;

// Files that need the marker but are edited on another branch right now; each entry must still
// lack it (the test below fails once it is added, so the list cannot go stale).
const PENDING: Record<string, string> = {};

/** lib/<domain>/*.ts (not tests, not the engine, not generated code) plus the roots themselves. */
function dalFiles(): string[] {
  const out: string[] = [];
  for (const d of fs.readdirSync(path.join(ROOT, 'lib'), { withFileTypes: true })) {
    if (!d.isDirectory() || d.name === 'engine' || d.name === 'generated') continue;
    for (const f of fs.readdirSync(path.join(ROOT, 'lib', d.name))) {
      if (f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts')) out.push(`lib/${d.name}/${f}`);
    }
  }
  return [...out, 'lib/env.ts'].sort();
}

const options = loadCompilerOptions(ROOT);

/** Why `file` is server-only (the first import that makes it so), or null. */
function reachesServer(file: string): string | null {
  const abs = path.join(ROOT, file);
  for (const spec of runtimeImports(file, fs.readFileSync(abs, 'utf8'))) {
    if (SERVER_PACKAGES.test(spec)) return spec;
    const resolved = ts.resolveModuleName(spec, abs, options, ts.sys).resolvedModule;
    if (!resolved) continue;
    const rel = path.relative(ROOT, resolved.resolvedFileName).split(path.sep).join('/');
    if (SERVER_MODULES.includes(rel) || SERVER_MODULE_DIRS.some((d) => rel.startsWith(d))) return spec;
  }
  return SERVER_MODULES.includes(file) ? '(is itself a server module)' : null;
}

describe("import 'server-only' in DAL files", () => {
  const files = dalFiles();
  const needing = files.map((f) => ({ file: f, why: reachesServer(f) })).filter((x) => x.why !== null);

  it('finds the DAL (sanity: the scan sees the catalog, Mongo and env users)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(needing.map((x) => x.file)).toEqual(
      expect.arrayContaining(['lib/db/index.ts', 'lib/env.ts', 'lib/mongo/client.ts', 'lib/restores/run-restore.ts', 'lib/vault/engine-context.ts']),
    );
  });

  it('marks every file that reaches lib/db, lib/env, mongodb, pg(-boss) or the engine contexts', () => {
    const missing = needing.filter((x) => !PENDING[x.file] && !MARKER.test(fs.readFileSync(path.join(ROOT, x.file), 'utf8')));
    expect(missing.map((x) => `${x.file} (imports ${x.why})`)).toEqual([]);
  });

  it('keeps client-safe modules free of the marker (client components import them)', () => {
    for (const f of ['lib/db/enums.ts', 'lib/format.ts', 'lib/errors.ts']) expect(MARKER.test(fs.readFileSync(path.join(ROOT, f), 'utf8')), f).toBe(false);
  });

  it('lists only pending files that still need the marker', () => {
    for (const f of Object.keys(PENDING)) {
      expect(reachesServer(f), f).not.toBeNull();
      expect(MARKER.test(fs.readFileSync(path.join(ROOT, f), 'utf8')), `${f} has the marker now: remove it from PENDING`).toBe(false);
    }
  });
});
