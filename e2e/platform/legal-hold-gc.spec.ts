import path from 'node:path';
import { expect, test } from '@playwright/test';
import { fixtureCli, lastJson, ROOT, startPinnedWorker, type TPinnedWorker } from '../fixtures/fixture-cli';
import { signIn, USERS } from '../fixtures/users';

// A platform admin places a legal hold and garbage collection keeps that snapshot, on a scratch
// tenant with three real backups and a rule that keeps only the newest: the admin holds #1 on
// /admin/retention, then runs "Apply retention and collect garbage now" → #2 expires (#1 is held,
// #3 is the newest); a worker pinned to the tenant (grace period 0) runs the GC job — the first
// run marks #2's objects, the admin's second run deletes them. Then, read back from the
// repository: #2 is gone, #1 and #3 are there and pass read-data verification.
type TScenario = { slug: string; tenantId: string; snapshots: { id: string; seq: number }[] };
type TCheck = { seq: number; expired: boolean; inRepository: boolean; readDataOk: boolean | null }[];
const SHOTS = path.join(ROOT, '.data/test-results/screenshots');
const fixture = fixtureCli('hold-gc-scenario.ts', 240_000);

let s: TScenario;
let worker: TPinnedWorker | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  s = lastJson<TScenario>(fixture('setup'));
  worker = startPinnedWorker(s.tenantId, { GC_GRACE_HOURS: '0' });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await worker?.stop();
  if (s) fixture('teardown', s.slug);
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(`worker output (tail):\n${worker?.log() ?? ''}`);
});

test('a platform admin places a hold and garbage collection keeps that snapshot', async ({ page }) => {
  test.setTimeout(300_000);
  expect(s.snapshots.map((x) => x.seq)).toEqual([1, 2, 3]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, USERS.platformAdmin, undefined, `/admin/retention?tenant=${s.slug}`);
  await page.goto(`/admin/retention?tenant=${s.slug}`);

  // 1. The hold on #1, with a reason.
  const first = page.getByTestId('holdable-snapshots').locator('li[data-seq="1"]');
  await first.getByLabel('Reason for snapshot #1').fill('Litigation hold, case 2026-201');
  await first.getByRole('button', { name: 'Place hold' }).click();
  await expect(page.getByTestId('legal-holds')).toContainText(`snapshot #1`);
  await expect(first).toContainText('held');

  // 2. Retention now: only #2 expires; the first GC run marks its objects (nothing deleted yet).
  const panel = page.getByTestId('cleanup-panel');
  await panel.getByRole('button', { name: 'Apply retention and collect garbage now' }).click();
  await expect(panel.getByRole('status')).toContainText('Expired #2.');
  const runs = panel.getByTestId('gc-runs').locator('li');
  await expect(runs.first()).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 120_000 });
  await expect(runs.first()).toContainText('0 objects deleted');
  await expect(runs.first()).toContainText('wait for the grace period');

  // 3. A second run deletes what stayed unreferenced.
  await panel.getByRole('button', { name: 'Apply retention and collect garbage now' }).click();
  await expect(panel.getByRole('status')).toContainText('Retention expired nothing new.');
  await expect(runs).toHaveCount(2);
  await expect(runs.first()).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 120_000 });
  await expect(runs.first()).toContainText(/[1-9]\d* objects deleted, [\d.]+ [KM]?i?B freed/);
  await page.screenshot({ path: path.join(SHOTS, 'platform-hold-gc-1280.png'), fullPage: true });

  // 4. Read back from the repository: the held snapshot and the newest are whole, #2 is gone.
  expect(lastJson<TCheck>(fixture('check', s.slug))).toEqual([
    { seq: 1, expired: false, inRepository: true, readDataOk: true },
    { seq: 2, expired: true, inRepository: false, readDataOk: null },
    { seq: 3, expired: false, inRepository: true, readDataOk: true },
  ]);
});
