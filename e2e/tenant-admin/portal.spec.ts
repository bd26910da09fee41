import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { USERS, signIn } from '../fixtures/users';
import { fixtureCli, ROOT } from '../fixtures/fixture-cli';

// Timeline, snapshot browser and restore builder (through the dry-run diff) on a scratch tenant
// with a real backup and known drift (3 orders deleted, 1 modified since the snapshot).
type TScenario = { slug: string; email: string; snapshotId: string; deleted: string[]; modified: string };
const SHOTS = path.join(ROOT, '.data/test-results/screenshots');
const fixture = fixtureCli('portal-scenario.ts');

let s: TScenario;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  s = JSON.parse(fixture('setup').trim().split('\n').pop()!) as TScenario;
});

test.afterAll(() => {
  if (s) fixture('teardown', s.slug);
});

async function signInScratch(page: Page) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, s.email);
}

test("dashboard: the newest snapshot's collection counts at once, then the live ones", async ({ page }) => {
  await signInScratch(page);
  // Server-rendered with the catalog's counts: usable before the data plane answers.
  const html = await (await page.request.get(`/t/${s.slug}`)).text();
  expect(html).toMatch(/as of snapshot #(<!-- -->)?1,/);
  const snapshotCounts = (await (await page.request.get(`/api/tenants/${s.slug}/summary?source=snapshot`)).json()) as {
    collections: { name: string; documents: number }[];
  };
  expect(snapshotCounts.collections).toEqual([
    expect.objectContaining({ name: 'customers', documents: 2 }),
    expect.objectContaining({ name: 'orders', documents: 12 }),
  ]);
  // Then the live counts replace them: 3 orders were deleted since the snapshot.
  await page.goto(`/t/${s.slug}`);
  await expect(page.getByTestId('collections-source')).toHaveAttribute('data-source', 'live', { timeout: 30_000 });
  await expect(page.getByTestId('collections-table').locator('tr', { hasText: 'orders' }).locator('td').last()).toHaveText('9');
});

test('timeline: the snapshot is a marker; zoom, pan and click open it', async ({ page }) => {
  await signInScratch(page);
  await page.goto(`/t/${s.slug}/snapshots`);
  const timeline = page.getByTestId('snapshot-timeline');
  await expect(timeline).toBeVisible();
  const markers = page.getByTestId('timeline-marker');
  await expect(markers).toHaveCount(1);
  await expect(page.getByTestId('snapshot-list')).toContainText('#1');
  await page.getByRole('radio', { name: 'day' }).click();
  await expect(page.getByRole('radio', { name: 'day' })).toHaveAttribute('aria-checked', 'true');
  await expect(markers).toHaveCount(1);
  await markers.first().focus();
  await expect(page.getByTestId('timeline-details')).toContainText('14 documents changed');
  await page.screenshot({ path: path.join(SHOTS, 'timeline.png'), fullPage: true });
  await page.getByRole('button', { name: 'Earlier' }).click();
  await page.getByRole('button', { name: 'Earlier' }).click();
  await expect(markers).toHaveCount(0);
  await expect(page.getByTestId('timeline-details')).toContainText('No snapshots in this window');
  await page.getByRole('button', { name: 'Latest', exact: true }).click();
  await expect(markers).toHaveCount(1);
  await markers.first().click();
  await expect(page).toHaveURL(new RegExp(`/t/${s.slug}/snapshots/${s.snapshotId}$`));

  // On a phone the chart scrolls sideways and opens at its newest end, where the snapshot is.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/t/${s.slug}/snapshots`);
  await expect(markers).toHaveCount(1);
  const scroller = page.getByRole('group', { name: /^Timeline/ });
  const box = await scroller.evaluate((el) => ({ left: el.scrollLeft, max: el.scrollWidth - el.clientWidth }));
  expect(box.max).toBeGreaterThan(0);
  expect(box.left).toBe(box.max);
  await expect(markers.first()).toBeInViewport();
  await page.screenshot({ path: path.join(SHOTS, 'timeline-390.png'), fullPage: true });
});

test('browser: collections, paged documents, filter errors inline, find by _id, compare with live', async ({ page }) => {
  await signInScratch(page);
  await page.goto(`/t/${s.slug}/snapshots/${s.snapshotId}`);
  const collections = page.getByTestId('snapshot-collections');
  await expect(collections).toContainText('orders');
  await expect(collections).toContainText('_id_');
  await collections.getByRole('button', { name: 'orders' }).click();
  // the snapshot still holds the 12 orders, including the 3 deleted live since
  await expect(page.getByTestId('snapshot-documents').locator('li')).toHaveCount(12);
  await page.getByLabel('Filter (MongoDB query, safe subset)').fill('{"$where": "sleep(100)"}');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('#doc-filter-error')).toContainText('$where');
  await page.getByLabel('Filter (MongoDB query, safe subset)').fill('{"status": "paid"}');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('snapshot-documents').locator('li')).toHaveCount(6);
  await page.getByRole('textbox', { name: 'Find by _id' }).fill(s.modified);
  await page.getByRole('button', { name: 'Find' }).click();
  const viewer = page.getByTestId('document-viewer');
  await expect(viewer).toContainText('"status": "paid"');
  await viewer.getByRole('button', { name: 'Compare with live' }).click();
  const changes = page.getByTestId('field-changes');
  await expect(changes).toContainText('status');
  await expect(changes).toContainText('"cancelled"');
  await expect(changes.locator('tbody tr')).toHaveCount(2);
  // "Restore this document": the builder opens with this snapshot, this collection and this id.
  await viewer.getByRole('link', { name: 'Restore this document' }).click();
  await expect(page).toHaveURL(/\/restores\/new\?/);
  await expect(page.getByLabel('Snapshot', { exact: true })).toHaveValue(s.snapshotId);
  await expect(page.getByRole('checkbox', { name: /orders/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /customers/ })).not.toBeChecked();
  await expect(page.getByLabel('Document ids')).toHaveValue(s.modified);
});

test('builder: inline validation, queued dry-run with progress, then the diff of exactly 4 documents', async ({ page }) => {
  await signInScratch(page);
  await page.goto(`/t/${s.slug}/restores/new?snapshot=${s.snapshotId}`);
  await page.getByRole('checkbox', { name: /orders/ }).check();
  await page.getByLabel('Filter (MongoDB query, safe subset)').fill('{"$where": "1"}');
  await page.getByRole('button', { name: 'Run dry-run' }).click();
  await expect(page.locator('#filter-errors')).toContainText('$where');
  await expect(page.getByLabel('Filter (MongoDB query, safe subset)')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Filter (MongoDB query, safe subset)').fill('');
  await page.getByLabel('Document ids').fill([...s.deleted, s.modified].join('\n'));
  await page.getByRole('button', { name: 'Run dry-run' }).click();
  await expect(page.getByTestId('dry-run-progress')).toContainText('Queued');
  await expect(page).toHaveURL(/job=/);
  const jobId = new URL(page.url()).searchParams.get('job')!;
  expect(JSON.parse(fixture('run-dry-run', jobId).trim().split('\n').pop()!)).toEqual({ status: 'SUCCEEDED' });
  await expect(page.getByTestId('dry-run-totals')).toContainText('3 to insert · 1 to update · 0 to delete · 0 unchanged', { timeout: 15_000 });
  await expect(page.getByTestId('count-orders-insert')).toContainText('insert 3');
  const rows = page.getByTestId('dry-run-change');
  await expect(rows).toHaveCount(4);
  await rows.filter({ hasText: 'update' }).getByRole('button').click();
  const side = page.getByTestId('side-by-side');
  await expect(side).toContainText('"cancelled"');
  await expect(side).toContainText('"paid"');
  // Before submitting, the requester sees the risk the request will have and the approvals it needs.
  const risk = page.getByTestId('risk-preview');
  await expect(risk).toHaveAttribute('data-risk', 'LOW');
  await expect(risk).toContainText('needs 1 approval by someone other than you');
  await expect(risk).toContainText('overwrites 1 live document in place');
  // Submitting is the next step (covered end to end by restore-flow.spec.ts): offered, not taken here.
  await expect(page.getByTestId('submit-request')).toBeEnabled();
  await expect(page.getByTestId('submit-request')).toHaveText('Submit restore request');
  await page.screenshot({ path: path.join(SHOTS, 'dry-run-diff.png'), fullPage: true });
  // narrow screen: the same page still works
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('dry-run-totals')).toBeVisible();
  // nothing wider than the screen: long JSON scrolls inside its own panel
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(SHOTS, 'dry-run-diff-narrow.png'), fullPage: true });

  // Reloaded on ?job=…: the form is the dry-run's package again (not the defaults, not a newer snapshot).
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.reload();
  await expect(page.getByTestId('dry-run-totals')).toContainText('3 to insert · 1 to update');
  await expect(page.getByLabel('Snapshot', { exact: true })).toHaveValue(s.snapshotId);
  await expect(page.getByRole('checkbox', { name: /orders/ })).toBeChecked();
  await expect(page.getByLabel('Document ids')).toHaveValue([...s.deleted, s.modified].join('\n'));
  await expect(page.getByTestId('dry-run-stale')).toHaveCount(0);
  await expect(page.getByTestId('submit-request')).toBeEnabled();
  // Changing the package invalidates the shown result: said, and no request from it; undone, it holds again.
  await page.getByLabel('Document ids').fill(s.deleted.join('\n'));
  await expect(page.getByTestId('dry-run-stale')).toContainText('The package was changed after this dry-run');
  await expect(page.getByTestId('submit-request')).toHaveCount(0);
  await page.getByRole('radio', { name: /Keep the live document/ }).check();
  await page.getByLabel('Document ids').fill([...s.deleted, s.modified].join('\n'));
  await expect(page.getByTestId('dry-run-stale')).toBeVisible();
  await page.getByRole('radio', { name: /Overwrite it with the snapshot/ }).check();
  await expect(page.getByTestId('dry-run-stale')).toHaveCount(0);
  await expect(page.getByTestId('submit-request')).toBeEnabled();
});

test("another tenant's admin gets 404 for this tenant's snapshots, documents and jobs", async ({ page }) => {
  await signIn(page, USERS.tenantAdmin);
  const urls = [
    `/api/tenants/${s.slug}/snapshots`,
    `/api/tenants/${s.slug}/snapshots/${s.snapshotId}`,
    `/api/tenants/${s.slug}/snapshots/${s.snapshotId}/documents?collection=orders`,
    `/api/tenants/acme/snapshots/${s.snapshotId}`,
    `/api/tenants/acme/snapshots/${s.snapshotId}/documents?collection=orders`,
    `/api/tenants/acme/snapshots/${s.snapshotId}/document?collection=orders&id=${s.modified}`,
  ];
  for (const url of urls) expect((await page.request.get(url)).status(), url).toBe(404);
  expect((await page.goto(`/t/${s.slug}/snapshots/${s.snapshotId}`))?.status()).toBe(404);
  expect((await page.goto(`/t/acme/snapshots/${s.snapshotId}`))?.status()).toBe(404);
});
