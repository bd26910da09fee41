// Reads the results of the static checks (lint, format, cycles, typecheck: exit code + log) and
// the JSON reports of vitest (unit, integration) and Playwright (e2e), and prints one line per
// check and per suite plus a total. A check or suite that did not run, or a suite with zero
// tests, is a failure.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.data/test-results';
const text = (f) => {
  try {
    return fs.readFileSync(path.join(dir, f), 'utf8');
  } catch {
    return null;
  }
};
const read = (f) => {
  try {
    return JSON.parse(text(f));
  } catch {
    return null;
  }
};

let ok = true;
for (const name of ['lint', 'format', 'cycles', 'typecheck']) {
  const rc = text(`${name}.status`)?.trim();
  if (rc === undefined) {
    console.log(`${name}: did not run`);
    ok = false;
    continue;
  }
  if (rc === '0') {
    console.log(`${name}: ok`);
    continue;
  }
  ok = false;
  const log = (text(`${name}.log`) ?? '').replace(/\x1b\[[0-9;]*m/g, '');
  const lines = log.split('\n').filter((l) => l.trim() !== '');
  const tsErrors = lines.filter((l) => /error TS\d+/.test(l)).length;
  const detail = name === 'typecheck' && tsErrors > 0 ? `${tsErrors} type errors` : (lines.at(-1) ?? `exit code ${rc}`).trim();
  console.log(`${name}: FAILED (${detail}; log ${path.join(dir, `${name}.log`)})`);
}

const suites = [];
for (const name of ['unit', 'integration']) {
  const r = read(`${name}.json`);
  suites.push(r ? { name, passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + (r.numTodoTests ?? 0) } : { name, missing: true });
}
const e2e = read('e2e.json');
suites.push(
  e2e
    ? { name: 'e2e', passed: e2e.stats.expected + e2e.stats.flaky, failed: e2e.stats.unexpected, skipped: e2e.stats.skipped }
    : { name: 'e2e', missing: true },
);

const total = { passed: 0, failed: 0, skipped: 0 };
for (const s of suites) {
  if (s.missing) {
    console.log(`${s.name}: no report (suite did not run)`);
    ok = false;
    continue;
  }
  if (s.passed + s.failed === 0) ok = false;
  if (s.failed > 0) ok = false;
  total.passed += s.passed;
  total.failed += s.failed;
  total.skipped += s.skipped;
  console.log(`${s.name}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
}
console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok ? 0 : 1);
