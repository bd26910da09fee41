import { expect, test } from '@playwright/test';
import { Client } from 'pg';
import { signIn } from '../fixtures/users';

// umbrella: a tenant no other spec takes backups of. The e2e run has no worker, so the queued
// job stays queued and a second request is refused; the job is cancelled afterwards. (Plain pg:
// Playwright's loader cannot import the generated Prisma client.)
const ADMIN = 'uma@umbrella.example';
const catalog = new Client({ connectionString: process.env.DATABASE_URL });

test.describe('on-demand backup', () => {
  test.beforeAll(async () => catalog.connect());
  test.afterEach(async () => {
    await catalog.query(`UPDATE jobs SET status = 'CANCELLED' WHERE type = 'BACKUP' AND status IN ('QUEUED', 'RUNNING')
      AND payload->>'trigger' = 'on-demand' AND tenant_id = (SELECT id FROM tenants WHERE slug = 'umbrella')`);
  });
  test.afterAll(async () => catalog.end());

  test('a tenant admin queues a backup, and a second one is refused while it is pending', async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto('/t/umbrella');
    const button = page.getByRole('button', { name: 'Back up now' });
    await button.click();
    await expect(page.getByTestId('backup-queued')).toContainText('Backup queued (job ');
    const jobId = (await page.getByTestId('backup-queued').locator('.font-mono').textContent())!;
    const { rows } = await catalog.query('SELECT type::text AS type, status::text AS status, payload FROM jobs WHERE id = $1', [jobId]);
    expect(rows).toEqual([{ type: 'BACKUP', status: 'QUEUED', payload: { kind: 'auto', trigger: 'on-demand' } }]);
    // The dashboard shows the pending backup (no worker here: it stays queued) and survives a reload.
    await expect(page.getByTestId('active-backup')).toHaveAttribute('data-status', 'QUEUED');
    await expect(page.getByTestId('active-backup')).toContainText('waiting for a worker');
    await page.reload();
    await expect(page.getByTestId('active-backup')).toContainText('waiting for a worker');
    await button.click();
    await expect(page.getByTestId('backup-refused')).toContainText(/already (queued|running)/);
    await page.screenshot({ path: '.data/test-results/screenshots/on-demand-backup.png' });
  });

  test('a tenant viewer has no backup button', async ({ page }) => {
    await signIn(page, 'victor@acme.example');
    await page.goto('/t/acme');
    await expect(page.getByRole('heading', { name: 'Recent snapshots' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
  });
});
