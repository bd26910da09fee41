// Folder-level import cycles inside lib/: which lib/<folder> imports which (static `from '…'`
// and `import('…')`, '@/lib/x' or relative), then every cycle between folders. Exit 1 when a
// cycle involves one of the folders named on the command line (default: jobs), e.g.
//   node scripts/check-folder-cycles.mjs jobs worker
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const LIB = path.join(ROOT, 'lib');
const watched = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ['jobs']);
const skip = new Set(['generated']);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx)$/.test(name)) yield p;
  }
}
const folderOf = (abs) => path.relative(LIB, abs).split(path.sep)[0];
const edges = new Map();
for (const folder of readdirSync(LIB)) {
  const dir = path.join(LIB, folder);
  if (skip.has(folder) || !statSync(dir).isDirectory()) continue;
  for (const file of files(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      const abs = spec.startsWith('@/lib/') ? path.join(LIB, spec.slice(6)) : spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
      if (!abs || !abs.startsWith(LIB + path.sep)) continue;
      const to = folderOf(abs);
      if (to === folder || skip.has(to) || !statSync(path.join(LIB, to), { throwIfNoEntry: false })?.isDirectory()) continue;
      if (!edges.has(folder)) edges.set(folder, new Map());
      const e = edges.get(folder);
      if (!e.has(to)) e.set(to, path.relative(ROOT, file));
    }
  }
}
// Strongly connected components (Tarjan): a component of more than one folder is a cycle.
let index = 0;
const idx = new Map(), low = new Map(), stack = [], on = new Set(), sccs = [];
function strong(v) {
  idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do { w = stack.pop(); on.delete(w); c.push(w); } while (w !== v);
    if (c.length > 1) sccs.push(c.sort());
  }
}
for (const v of edges.keys()) if (!idx.has(v)) strong(v);
let bad = false;
for (const c of sccs) {
  const hit = c.some((f) => watched.has(f));
  bad ||= hit;
  console.log(`${hit ? '✖' : '·'} cycle between lib/{${c.join(',')}}`);
  for (const a of c) for (const [b, via] of edges.get(a) ?? []) if (c.includes(b)) console.log(`    ${a} → ${b}  (${via})`);
}
console.log(`lib/jobs imports: ${[...(edges.get('jobs')?.keys() ?? [])].sort().join(', ') || 'nothing in lib'}`);
console.log(bad ? `✖ a folder cycle involves ${[...watched].join(', ')}` : `✓ no folder cycle involves ${[...watched].join(', ')}`);
process.exit(bad ? 1 : 0);
