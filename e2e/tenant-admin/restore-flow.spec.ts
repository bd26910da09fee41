import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fixtureCli, lastJson, ROOT, startPinnedWorker, type TPinnedWorker } from '../fixtures/fixture-cli';
import { signIn, USERS } from '../fixtures/users';

// The whole governed restore, through the UI, on a scratch tenant with a real worker:
// "Back up now" → the worker backs it up → a helper deletes 3 orders and modifies 1 → the admin
// builds a package of exactly those 4 ids, sees the 4-document diff and submits it → an approver
// approves → the worker runs it and the detail page follows it to "verified" (MongoDB checked) →
// an order edited after it → the undo preview shows that edit would be overwritten → an approver
// approves the undo → the UNDO job (its progress on the page) puts the pre-restore state back
// (MongoDB checked).
//
// The worker is started here, pinned to the scratch tenant (WORKER_TENANTS: a queue of its own),
// so other specs that rely on jobs staying QUEUED (on-demand-backup) are not disturbed; it is
// stopped (SIGTERM to its own process group) after the spec.
type TScenario = { slug: string; email: string; tenantId: string; database: string };
type TOrders = Record<string, { status: string; total: number }>;
const SHOTS = path.join(ROOT, '.data/test-results/screenshots');
const fixture = fixtureCli('restore-flow-scenario.ts');
const liveOrders = () => lastJson<TOrders>(fixture('state', s.slug));

let s: TScenario;
let worker: TPinnedWorker | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  s = lastJson<TScenario>(fixture('setup'));
  worker = startPinnedWorker(s.tenantId);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await worker?.stop();
  if (s) fixture('teardown', s.slug);
});

test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) console.log(`worker output (tail):\n${worker?.log() ?? ''}`);
});

async function asAdmin(page: Page) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, s.email);
}

test('backup → drift → package of exactly 4 → approval → verified → undo', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const before = liveOrders();
  expect(Object.keys(before)).toHaveLength(12);

  // 1. A backup from the dashboard, run by the worker; it shows up on the timeline.
  await asAdmin(page);
  await page.goto(`/t/${s.slug}`);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('backup-queued')).toContainText('Backup queued (job ');
  const markers = page.getByTestId('timeline-marker');
  await expect(async () => {
    await page.goto(`/t/${s.slug}/snapshots`);
    await expect(markers).toHaveCount(1, { timeout: 3_000 });
    // The list is rendered with the page and the timeline fetched after it: a backup that
    // completes in between shows on the timeline only, so both are awaited on the same load.
    await expect(page.getByTestId('snapshot-list')).toContainText('#1', { timeout: 3_000 });
  }).toPass({ timeout: 120_000, intervals: [2_000] });
  await page.screenshot({ path: path.join(SHOTS, 'restore-flow-timeline.png'), fullPage: true });

  // 2. Drift: 3 orders deleted, 1 modified.
  const { deleted, modified } = lastJson<{ deleted: string[]; modified: string }>(fixture('drift', s.slug));
  const drifted = liveOrders();
  expect(Object.keys(drifted)).toHaveLength(9);
  expect(drifted[modified]).toEqual({ status: 'cancelled', total: -1 });

  // 3. The package: exactly those 4 ids; the worker runs the dry-run; the diff has exactly 4.
  await page.goto(`/t/${s.slug}/restores/new`);
  await page.getByRole('checkbox', { name: /orders/ }).check();
  await page.getByLabel('Document ids').fill([...deleted, modified].join('\n'));
  await page.getByRole('button', { name: 'Run dry-run' }).click();
  await expect(page).toHaveURL(/job=/);
  await expect(page.getByTestId('dry-run-totals')).toContainText('3 to insert · 1 to update · 0 to delete · 0 unchanged', { timeout: 90_000 });
  const rows = page.getByTestId('dry-run-change');
  await expect(rows).toHaveCount(4);
  for (const id of [...deleted, modified]) await expect(rows.filter({ hasText: id })).toHaveCount(1);
  await page.screenshot({ path: path.join(SHOTS, 'restore-flow-diff.png'), fullPage: true });

  // 4. Submit with a reason and follow it.
  const reason = `e2e restore flow ${Date.now()}: 3 orders deleted, 1 cancelled by mistake`;
  await page.getByLabel('Reason (shown to the approvers)').fill(reason);
  await page.getByTestId('submit-request').click();
  await page.getByRole('link', { name: 'Follow it' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${s.slug}/restores/[A-Za-z0-9_-]+$`));
  const requestId = page.url().split('/').pop()!;
  const status = page.getByTestId('request-status');
  await expect(status).toHaveAttribute('data-status', 'PENDING_APPROVAL');
  const timeline = page.getByTestId('request-timeline');
  await expect(timeline.locator('[data-step="approved"]')).toHaveAttribute('data-state', 'current');
  await expect(page.getByRole('button', { name: 'Cancel request' })).toBeVisible();
  // The Restores tab lists it, each row linking to this page; so does the dashboard's "Recent restores".
  await page.getByRole('navigation', { name: 'Tenant sections' }).getByRole('link', { name: 'Restores' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${s.slug}/restores$`));
  await page.getByRole('link', { name: reason }).click();
  await expect(page).toHaveURL(new RegExp(`/restores/${requestId}$`));
  await page.goto(`/t/${s.slug}`);
  await page.getByTestId('recent-restores').getByRole('link', { name: reason }).click();
  await expect(page).toHaveURL(new RegExp(`/restores/${requestId}$`));

  // 5. An approver approves it on /approvals.
  const approver = await (await browser.newContext()).newPage();
  await signIn(approver, USERS.approver);
  await approver.goto(`/approvals?tenant=${s.slug}`);
  await approver.getByRole('link', { name: new RegExp(reason) }).click();
  await approver.getByLabel('Reason for your decision').fill('diff checked: exactly the 4 documents');
  await approver.getByRole('button', { name: 'Approve' }).click();
  await expect(approver.getByRole('status')).toContainText('the restore is queued');
  await approver.context().close();

  // 6. The detail page (polling) follows it to verified; progress shows the written documents.
  await expect(status).toHaveAttribute('data-status', 'VERIFIED', { timeout: 120_000 });
  await expect(timeline.locator('[data-step="running"]')).toHaveAttribute('data-state', 'done');
  await expect(timeline.locator('[data-step="outcome"]')).toHaveAttribute('data-state', 'done');
  await expect(timeline.locator('[data-step="outcome"]')).toContainText('Verified');
  const progress = page.getByTestId('restore-progress');
  await expect(progress).toContainText('Verified: the documents match the snapshot.');
  await expect(page.getByTestId('restore-progress-numbers')).toContainText('4 of 4 documents');
  await expect(page.getByTestId('restore-written')).toContainText('Written: 3 inserted · 1 updated · 0 deleted');
  await expect(progress.getByRole('progressbar', { name: 'orders' })).toHaveAttribute('aria-valuenow', '100');
  await page.screenshot({ path: path.join(SHOTS, 'restore-flow-verified.png'), fullPage: true });
  // MongoDB: the 12 orders are back exactly as in the snapshot.
  expect(liveOrders()).toEqual(before);

  // 7. A change after the restore; then undo: the preview (an UNDO_PREVIEW job) shows that it would
  // overwrite exactly that order; the undo needs an approval like the restore did; an approver
  // approves it on /approvals/undos; the worker runs it, the page follows its progress to "undone"
  // and the pre-restore state (9 orders, one cancelled) comes back — the later edit is overwritten.
  const { edited } = lastJson<{ edited: string }>(fixture('edit', s.slug));
  await page.getByRole('button', { name: 'Undo restore' }).click();
  await expect(page.getByTestId('undo-preview-summary')).toContainText('1 document changed since the restore', { timeout: 90_000 });
  await expect(page.getByTestId('undo-preview-orders')).toContainText('orders: 1 of 4 restored documents changed since');
  const overwritten = page.getByTestId('dry-run-change');
  await expect(overwritten).toHaveCount(1);
  await expect(overwritten).toContainText(edited);
  await overwritten.getByRole('button').click();
  await expect(overwritten.getByTestId('side-by-side')).toContainText('refunded');
  await expect(overwritten.getByTestId('side-by-side')).toContainText('After the undo (as before the restore)');
  await page.screenshot({ path: path.join(SHOTS, 'restore-flow-undo-preview.png'), fullPage: true });
  await page.getByLabel(/^Reason/).fill('e2e: the restore brought back the wrong orders');
  await page.getByRole('button', { name: 'Ask for approval to undo (1 needed)' }).click();
  await expect(status).toHaveAttribute('data-status', 'UNDO_PENDING_APPROVAL');
  await expect(page.getByTestId('undo-awaiting')).toContainText('needs 1 approval');
  await expect(timeline.locator('[data-step="undone"]')).toHaveAttribute('data-state', 'current');

  const undoApprover = await (await browser.newContext()).newPage();
  await signIn(undoApprover, USERS.approver);
  await undoApprover.goto('/approvals/undos');
  const pendingUndo = undoApprover.getByTestId('pending-undo').filter({ hasText: requestId });
  await expect(pendingUndo.getByTestId('undo-overwrites')).toContainText('The undo overwrites 1 document changed since the restore');
  await expect(pendingUndo.getByTestId('dry-run-change')).toContainText(edited);
  await pendingUndo.getByRole('textbox').fill('preview checked: the refund is to be undone');
  await pendingUndo.getByRole('button', { name: 'Approve undo' }).click();
  await expect(undoApprover.getByTestId('pending-undo').filter({ hasText: requestId })).toHaveCount(0);
  await undoApprover.context().close();

  const undoProgress = page.getByTestId('undo-progress');
  await expect(undoProgress).toBeVisible({ timeout: 30_000 });
  await expect(status).toHaveAttribute('data-status', 'UNDONE', { timeout: 90_000 });
  await expect(undoProgress).toHaveAttribute('data-job-status', 'SUCCEEDED');
  await expect(undoProgress.getByRole('status')).toContainText('Undone: the documents are as they were before the restore.');
  // 3 inserted orders removed + 1 put back: the undo's own progress, per collection.
  await expect(page.getByTestId('undo-progress-numbers')).toContainText('4 of 4 documents');
  await expect(undoProgress.getByRole('progressbar', { name: 'orders' })).toHaveAttribute('aria-valuenow', '100');
  await expect(timeline.locator('[data-step="undone"]')).toHaveAttribute('data-state', 'done');
  await expect(timeline.locator('[data-step="undone"]')).toContainText('Undone');
  // The history shows the undo was previewed, asked for by the admin, approved, and completed by the worker.
  const history = page.getByRole('list', { name: 'Request history' });
  await expect(history).toContainText('restore.undo_preview.queued');
  await expect(history).toContainText('restore.request.undo_submit');
  await expect(history).toContainText('restore.request.undo_approve');
  await expect(history).toContainText('restore.request.undo_queue');
  await expect(history).toContainText('restore.request.undo');
  await expect(page.getByRole('button', { name: 'Undo restore' })).toHaveCount(0);
  await page.screenshot({ path: path.join(SHOTS, 'restore-flow-undone.png'), fullPage: true });
  expect(liveOrders()).toEqual(drifted);

  // Narrow screen: the detail page still fits.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(timeline).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("another tenant's admin gets 404 for this tenant's request, page and API", async ({ page }) => {
  const requestId = await (async () => {
    await asAdmin(page);
    await page.goto(`/t/${s.slug}/restores`);
    const href = await page.getByTestId('restore-request-link').first().getAttribute('href');
    return href!.split('/').pop()!;
  })();
  await page.context().clearCookies();
  await signIn(page, USERS.tenantAdmin);
  expect((await page.request.get(`/api/tenants/${s.slug}/restores/${requestId}`)).status()).toBe(404);
  expect((await page.request.get(`/api/tenants/acme/restores/${requestId}`)).status()).toBe(404);
  expect((await page.goto(`/t/${s.slug}/restores/${requestId}`))?.status()).toBe(404);
  expect((await page.goto(`/t/acme/restores/${requestId}`))?.status()).toBe(404);
  // A malformed id is a plain 404 page too, and 422 from the API (zod at the boundary).
  expect((await page.goto('/t/acme/restores/not.an~id'))?.status()).toBe(404);
  expect((await page.request.get('/api/tenants/acme/restores/not.an~id')).status()).toBe(422);
});
