// `npm run check:cycles`: fails on an import cycle between lib folders (see
// scripts/lint/folder-cycles.mjs). Runtime imports only (`import type` is erased); tests and
// testing/ helpers are left out (they are consumers, not parts of the architecture).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph, listSources, loadCompilerOptions } from './lint/import-graph.mjs';
import { checkCycles, cyclesOf, unitGraph } from './lint/folder-cycles.mjs';

// Cycles allowed to exist: none. The check fails on any cycle between lib folders; keep this
// list empty (an entry needs `units` and a `why`, and the check fails once it disappears).
const KNOWN_CYCLES = [];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isCheckedFile = (f) => !/\.test\.tsx?$/.test(f) && !/(^|\/)testing\//.test(f);

const started = Date.now();
const files = listSources(ROOT, ['lib']).filter(isCheckedFile);
const graph = unitGraph(buildGraph(ROOT, files, loadCompilerOptions(ROOT)));
const found = cyclesOf(graph);
const problems = checkCycles(found, KNOWN_CYCLES, graph);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length > 0) {
  console.error(problems.join('\n\n'));
  console.error(`\ncycles: ${problems.length} problem(s) in ${files.length} files, ${graph.size} lib folders (${seconds} s)`);
  process.exit(1);
}
console.log(`cycles: none between ${graph.size} lib folders besides ${KNOWN_CYCLES.length} known (${files.length} files, ${seconds} s)`);
