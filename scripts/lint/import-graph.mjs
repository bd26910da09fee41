// The project's import graph, read with the TypeScript compiler (same resolution as tsc:
// tsconfig `paths`, index files, .ts/.tsx). Type-only imports are left out: they are erased
// and create no dependency at run time.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts)$/;

/** Source files under `dirs` of `root` (skipping node_modules, generated code, fixtures). */
export function listSources(root, dirs, skip = /(^|\/)(node_modules|generated|__fixtures__|\.next[^/]*|\.data)(\/|$)/) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (skip.test(child)) continue;
      if (entry.isDirectory()) walk(child);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  for (const d of dirs) if (fs.existsSync(path.join(root, d))) walk(d);
  return out.sort();
}

/** Module specifiers `file` imports at run time (static imports, re-exports, `import()`). */
export function runtimeImports(fileName, text) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specs = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) specs.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return specs;
}

/** file → files it imports at run time (project files only, relative to `root`). */
export function buildGraph(root, files, compilerOptions) {
  const host = ts.sys;
  const graph = new Map();
  for (const file of files) {
    const abs = path.join(root, file);
    const deps = new Set();
    for (const spec of runtimeImports(file, fs.readFileSync(abs, 'utf8'))) {
      const resolved = ts.resolveModuleName(spec, abs, compilerOptions, host).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const rel = path.relative(root, resolved.resolvedFileName).split(path.sep).join('/');
      if (!rel.startsWith('..') && !rel.includes('node_modules/')) deps.add(rel);
    }
    graph.set(file, deps);
  }
  return graph;
}

/** Reads tsconfig.json of `root` into compiler options (for `paths` like `@/*`). */
export function loadCompilerOptions(root) {
  const configPath = path.join(root, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options;
}
