import { expect, test } from '@playwright/test';
import { POLICY_ADMIN, POLICY_TENANT, setUpPolicyScenario, tearDownPolicyScenario, type TPolicyScenario } from '../fixtures/policy-scenario';
import { DEMO_PASSWORD } from '../../prisma/seed/demo-users';
import { signIn, USERS } from '../fixtures/users';

// The policy document in the portal: a tenant admin edits retention with the preview, cannot
// touch the platform's compliance lock; a platform admin places a legal hold (that GC then keeps
// the held snapshot, with real backups and a worker, is e2e/platform/legal-hold-gc.spec.ts).
test.describe.configure({ mode: 'serial' });

let s: TPolicyScenario;
test.beforeAll(async () => {
  s = await setUpPolicyScenario();
});
test.afterAll(async () => tearDownPolicyScenario(s));

const since = new Date();
const auditCount = async (action: string, outcome = 'ALLOWED') =>
  Number(
    (
      await s.catalog.query(`SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1 AND action = $2 AND outcome = $3 AND at >= $4`, [
        s.tenantId,
        action,
        outcome,
        since,
      ])
    ).rows[0].n,
  );

test('a tenant admin changes retention, sees the preview, confirms and saves', async ({ page }) => {
  await signIn(page, POLICY_ADMIN, undefined, `/t/${POLICY_TENANT}/policy`);
  await expect(page.getByRole('heading', { name: 'Backup policy' })).toBeVisible();
  // Bronze: keep the newest 3 and 14 dailies → all ten snapshots are kept.
  await expect(page.getByTestId('preview-summary')).toContainText('expires no snapshot; it keeps all 10');
  await expect(page.getByTestId('source-retention.daily')).toContainText('from Bronze');
  await expect(page.getByTestId('next-runs').locator('li')).toHaveCount(5);

  // Out of bounds: shown at once, and saving is not possible.
  await page.getByLabel('Daily snapshots kept').fill('99');
  await expect(page.locator('#leaf-retention-daily-hint')).toContainText("outside this plan's bounds (0–31)");
  await expect(page.getByRole('button', { name: 'Save policy' })).toBeDisabled();

  // Keep the newest 1 and 3 dailies: the newest three days stay, seven snapshots would expire.
  await page.getByLabel('Daily snapshots kept').fill('3');
  await page.getByLabel('Keep the newest').fill('1');
  await expect(page.getByTestId('source-retention.daily')).toContainText('your override');
  await expect(page.getByTestId('preview-summary')).toContainText('would expire 7 snapshots and keep 3');
  await expect(page.getByTestId('preview-expire-list').locator('li')).toHaveCount(7);
  await expect(page.getByTestId('preview-expire-list')).toContainText('#10007');
  await expect(page.getByTestId('preview-expire-list')).not.toContainText('#10008');

  // Saving asks to confirm the expiry, with the same list.
  await page.getByRole('button', { name: 'Save policy' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Confirm expiry' });
  await expect(confirm).toContainText('Saving expires 7 snapshots');
  await confirm.getByRole('button', { name: 'Expire 7 and save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('retention.keepLast, retention.daily');
  const { rows } = await s.catalog.query('SELECT overrides FROM backup_policies WHERE tenant_id = $1', [s.tenantId]);
  expect(rows[0].overrides).toEqual({ retention: { keepLast: 1, daily: 3 } });
  expect(await auditCount('policy.backup_updated')).toBe(1);

  // After a reload the values come from the tenant, and the raw tab shows them (same checks).
  await page.reload();
  await expect(page.getByTestId('source-retention.keepLast')).toContainText('your override');
  await page.getByRole('tab', { name: 'JSON / YAML' }).click();
  await expect(page.getByLabel('Policy overrides')).toHaveValue(/keepLast: 1/);
  await page.getByLabel('Policy overrides').fill('retention:\n  keepLast: 1\n  hourly: 4\n');
  await expect(page.getByTestId('raw-problems')).toContainText('unknown key(s) hourly');
  await expect(page.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  await page.screenshot({ path: '.data/test-results/screenshots/policy-raw.png', fullPage: true });
});

test('a tenant admin cannot lower the platform lock', async ({ page }) => {
  await s.catalog.query('UPDATE tenants SET retention_lock_days = 30 WHERE id = $1', [s.tenantId]);
  await signIn(page, POLICY_ADMIN, undefined, `/t/${POLICY_TENANT}/policy`);
  const lock = page.getByTestId('compliance-lock');
  await expect(lock).toContainText('30 days');
  await expect(lock).toContainText('set by the platform');
  await expect(lock.getByRole('textbox')).toHaveCount(0);
  // The lock is not part of the tenant's document: the raw editor refuses it as an unknown key.
  await page.getByRole('tab', { name: 'JSON / YAML' }).click();
  await page.getByLabel('Policy overrides').fill('lock:\n  days: 0\n');
  await expect(page.getByTestId('raw-problems')).toContainText('unknown key(s) lock');
  await expect(page.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  // The platform's page is refused (and the refusal audited).
  const res = await page.goto('/admin/retention');
  expect(res?.status()).toBe(403);
  const denied = await s.catalog.query(
    `SELECT count(*) AS n FROM audit_events e JOIN users u ON u.id = e.actor_user_id WHERE u.email = $1 AND e.action = 'access.denied' AND e.outcome = 'DENIED' AND e.at >= $2`,
    [POLICY_ADMIN, since],
  );
  expect(Number(denied.rows[0].n)).toBeGreaterThan(0);
  const { rows } = await s.catalog.query('SELECT retention_lock_days FROM tenants WHERE id = $1', [s.tenantId]);
  expect(rows[0].retention_lock_days).toBe(30);
});

test('a platform admin places a legal hold with a reason; the tenant sees it', async ({ page, browser }) => {
  const heldSnapshotId = s.snapshotIds[4]!; // seq 10005
  await s.catalog.query('UPDATE tenants SET retention_lock_days = 0 WHERE id = $1', [s.tenantId]);
  await signIn(page, USERS.platformAdmin, undefined, `/admin/retention?tenant=${POLICY_TENANT}`);
  const row = page.getByTestId('holdable-snapshots').locator('li[data-seq="10005"]');
  // A reason is required.
  await row.getByRole('button', { name: 'Place hold' }).click();
  await expect(row.getByRole('alert')).toContainText('Give a reason for the legal hold');
  await row.getByLabel('Reason for snapshot #10005').fill('Litigation hold, case 2026-114');
  await row.getByRole('button', { name: 'Place hold' }).click();
  await expect(page.getByTestId('legal-holds')).toContainText('snapshot #10005');
  await expect(page.getByTestId('legal-holds')).toContainText('Litigation hold, case 2026-114');
  const { rows } = await s.catalog.query('SELECT hold_reason, held_at FROM snapshots WHERE id = $1', [heldSnapshotId]);
  expect(rows[0].hold_reason).toBe('Litigation hold, case 2026-114');
  expect(rows[0].held_at).not.toBeNull();
  expect(await auditCount('snapshot.hold_placed')).toBe(1);
  await page.screenshot({ path: '.data/test-results/screenshots/admin-retention.png', fullPage: true });

  // The tenant admin sees the hold on the policy page; the preview keeps the snapshot whatever the policy says.
  const tenantContext = await browser.newContext();
  const tenantPage = await tenantContext.newPage();
  await signIn(tenantPage, POLICY_ADMIN, undefined, `/t/${POLICY_TENANT}/policy`);
  await expect(tenantPage.getByTestId('held-snapshots')).toContainText('Snapshot #10005');
  // Still keep-newest-1 and 3 dailies (first test): 10001–10007 would expire, but not the held 10005.
  await expect(tenantPage.getByTestId('preview-expire-list').locator('li')).toHaveCount(6);
  await expect(tenantPage.getByTestId('preview-expire-list')).not.toContainText('#10005');
  await tenantContext.close();
});

test('lowering the lock: a platform admin proposes, an approver (another person) approves', async ({ page, browser }) => {
  await s.catalog.query('UPDATE tenants SET retention_lock_days = 30 WHERE id = $1', [s.tenantId]);
  await signIn(page, USERS.platformAdmin, undefined, '/admin/retention');
  const row = page.getByTestId('retention-locks').locator(`tr[data-tenant="${POLICY_TENANT}"]`);
  await row.getByLabel('Lock days for Initrode Logistics').fill('7');
  await row.getByPlaceholder('Reason (audited)').fill('Contract amendment 7');
  await row.getByRole('button', { name: 'Propose lowering' }).click();
  await expect(row.getByRole('status')).toContainText('Lowering to 7 days sent for approval');
  const lockDays = async () => (await s.catalog.query('SELECT retention_lock_days FROM tenants WHERE id = $1', [s.tenantId])).rows[0].retention_lock_days;
  expect(await lockDays()).toBe(30);

  const approverContext = await browser.newContext();
  const approver = await approverContext.newPage();
  await signIn(approver, USERS.approver, undefined, '/approvals/retention-locks');
  const item = approver.getByTestId('pending-lock-changes').locator('li', { hasText: 'Initrode Logistics' });
  await expect(item).toContainText('30 → 7 days');
  await item.getByPlaceholder('Note for the audit log').fill('Checked the amendment');
  await item.getByRole('button', { name: 'Approve lowering' }).click();
  await expect(approver.getByTestId('pending-lock-changes').locator('li', { hasText: 'Initrode Logistics' })).toHaveCount(0);
  await approverContext.close();
  expect(await lockDays()).toBe(7);
  expect(await auditCount('policy.lock_lower_proposed')).toBe(1);
  expect(await auditCount('policy.lock_lower_approved')).toBe(1);
});

test('after the step-up window, saving asks to confirm the password, then saves', async ({ page }) => {
  await signIn(page, POLICY_ADMIN, undefined, `/t/${POLICY_TENANT}/policy`);
  // This session's last authentication, on its server-side row, is 11 minutes old (window: 10).
  await s.catalog.query(
    `UPDATE user_sessions SET stepped_up_at = now() - interval '11 minutes'
     WHERE id = (SELECT s.id FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1 AND s.revoked_at IS NULL ORDER BY s.created_at DESC LIMIT 1)`,
    [POLICY_ADMIN],
  );
  // 31 dailies keep every snapshot: saving needs no expiry confirmation.
  await page.getByLabel('Daily snapshots kept').fill('31');
  await expect(page.getByTestId('preview-summary')).toContainText('expires no snapshot');
  await page.getByRole('button', { name: 'Save policy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm your password' });
  await expect(dialog).toBeVisible();
  const overrides = async () => (await s.catalog.query('SELECT overrides FROM backup_policies WHERE tenant_id = $1', [s.tenantId])).rows[0].overrides;
  expect((await overrides()).retention.daily).toBe(3);
  await dialog.getByLabel('Password').fill('not the password');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByRole('alert')).toContainText('That password is not right.');
  await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  // The dialog closes and the save it interrupted runs again.
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect((await overrides()).retention.daily).toBe(31);
  const stepUps = await s.catalog.query(
    `SELECT e.action FROM audit_events e JOIN users u ON u.id = e.actor_user_id WHERE u.email = $1 AND e.action LIKE 'auth.step_up%' AND e.at >= $2 ORDER BY e.id`,
    [POLICY_ADMIN, since],
  );
  expect(stepUps.rows.map((r: { action: string }) => r.action)).toEqual(['auth.step_up_failed', 'auth.step_up']);
});

test('a tenant admin picks the schedule from choices, sees the next runs, and saves it', async ({ page }) => {
  await s.catalog.query(`UPDATE backup_policies SET overrides = '{}'::jsonb WHERE tenant_id = $1`, [s.tenantId]);
  await s.catalog.query('UPDATE tenants SET retention_lock_days = 0 WHERE id = $1', [s.tenantId]);
  await signIn(page, POLICY_ADMIN, undefined, `/t/${POLICY_TENANT}/policy`);
  const editor = page.getByTestId('schedule-editor');
  const cron = page.getByLabel('Schedule (cron)');
  const runs = page.getByTestId('next-runs').locator('li');
  // Bronze runs daily at 03:30: shown as a choice, not only as cron.
  await expect(editor).toHaveAttribute('data-kind', 'daily');
  await expect(page.getByTestId('schedule-summary')).toHaveText('Runs every day at 03:30.');

  // Every few hours (default every 6 h, the time's minute kept) writes the cron and the next runs follow.
  await editor.getByLabel('Repeat', { exact: true }).selectOption('hours');
  await expect(cron).toHaveValue('30 */6 * * *');
  await expect(page.getByTestId('source-schedule.cron')).toContainText('your override');
  await expect(runs).toHaveCount(5);
  for (const li of await runs.all()) await expect(li).toContainText(/\d\d:30/);
  // Every 2 h is more often than Bronze allows: said at once, and saving is not possible.
  await editor.getByLabel('every', { exact: true }).selectOption('2');
  await expect(cron).toHaveValue('30 */2 * * *');
  await expect(page.locator('#leaf-schedule-cron-hint')).toContainText('runs too often: at most every 360 minutes on this plan');
  await expect(page.getByRole('button', { name: 'Save policy' })).toBeDisabled();

  // Every week on Monday at 02:00.
  await editor.getByLabel('Repeat', { exact: true }).selectOption('weekly');
  await editor.getByLabel('on', { exact: true }).selectOption('1');
  await editor.getByLabel('at hour', { exact: true }).selectOption('2');
  await editor.getByLabel('minute', { exact: true }).selectOption('0');
  await expect(cron).toHaveValue('0 2 * * 1');
  await expect(page.getByTestId('schedule-summary')).toHaveText('Runs every Monday at 02:00.');
  for (const li of await runs.all()) await expect(li).toContainText('02:00');
  await page.screenshot({ path: '.data/test-results/screenshots/policy-schedule-editor.png', fullPage: true });

  // Any other cron is typed; the editor then says it is custom. Saved as typed.
  await cron.fill('0 4 * * 1,4');
  await expect(editor).toHaveAttribute('data-kind', 'custom');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('schedule.cron');
  const { rows } = await s.catalog.query('SELECT overrides FROM backup_policies WHERE tenant_id = $1', [s.tenantId]);
  expect(rows[0].overrides).toEqual({ schedule: { cron: '0 4 * * 1,4' } });
});
