// Import cycles between lib folders. A folder is a unit: lib/<domain>, or lib/engine/<module>
// (subfolders belong to their module; the files at lib/ top level are units of their own).
// Cycles between files of one unit are allowed (e.g. the filter grammar's mutual recursion);
// a cycle between units means two parts of the app cannot be understood, tested or changed
// apart, and is reported.

/** The folder unit of a lib/ file, or null outside lib/. */
export function unitOf(file) {
  const parts = file.split('/');
  if (parts[0] !== 'lib') return null;
  if (parts.length === 2) return file.replace(/\.(ts|tsx|mts)$/, '');
  if (parts[1] === 'engine') return parts.length === 3 ? 'lib/engine' : `lib/engine/${parts[2]}`;
  return `lib/${parts[1]}`;
}

/** File graph → unit graph; each unit edge keeps one example file edge for the report. */
export function unitGraph(fileGraph) {
  const graph = new Map();
  for (const [from, deps] of fileGraph) {
    const a = unitOf(from);
    if (!a) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    for (const to of deps) {
      const b = unitOf(to);
      if (!b || b === a) continue;
      if (!graph.get(a).has(b)) graph.get(a).set(b, `${from} -> ${to}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one unit (Tarjan), each sorted. */
export function cyclesOf(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const out = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out.sort((x, y) => x[0].localeCompare(y[0]));
}

/**
 * Compares the cycles found with the known ones (a ratchet: the list may only shrink).
 * Returns problems: a cycle not on the list, or a listed cycle that no longer exists as listed.
 */
export function checkCycles(found, known, graph) {
  const key = (units) => [...units].sort().join(' <-> ');
  const knownKeys = new Set(known.map((k) => key(k.units)));
  const foundKeys = new Set(found.map(key));
  const problems = [];
  for (const scc of found) {
    if (knownKeys.has(key(scc))) continue;
    const edges = scc.flatMap((a) => [...(graph.get(a) ?? new Map())].filter(([b]) => scc.includes(b)).map(([b, why]) => `    ${a} -> ${b}   (${why})`));
    problems.push(`import cycle between ${key(scc)}:\n${edges.join('\n')}`);
  }
  for (const k of known) {
    if (!foundKeys.has(key(k.units))) problems.push(`known cycle ${key(k.units)} is gone or changed: update KNOWN_CYCLES in scripts/check-cycles.mjs`);
  }
  return problems;
}
