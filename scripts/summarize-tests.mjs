// Reads the JSON reports of vitest (unit, integration) and Playwright (e2e) and prints one
// line per suite plus a total. A suite with no report, or with zero tests, is a failure.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.data/test-results';
const read = (f) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  } catch {
    return null;
  }
};

const suites = [];
for (const name of ['unit', 'integration']) {
  const r = read(`${name}.json`);
  suites.push(r ? { name, passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + (r.numTodoTests ?? 0) } : { name, missing: true });
}
const e2e = read('e2e.json');
suites.push(e2e ? { name: 'e2e', passed: e2e.stats.expected + e2e.stats.flaky, failed: e2e.stats.unexpected, skipped: e2e.stats.skipped } : { name: 'e2e', missing: true });

let ok = true;
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
