import { expect, test, type Page } from '@playwright/test';
import { createRestoreRequest } from '../fixtures/restore-requests';
import { signIn, USERS } from '../fixtures/users';

const ALICE_SECOND_ACCOUNT = 'alice@vaultline.example';
const OSCAR = 'oscar@vaultline.example';

async function decide(page: Page, id: string, reason: string) {
  await page.goto(`/approvals/${id}`);
  await page.getByLabel('Reason for your decision').fill(reason);
  await page.getByRole('button', { name: 'Approve' }).click();
}

test.describe('restore request approvals', () => {
  test("a tenant admin's request cannot be approved by the same person; an approver approves it", async ({ browser }) => {
    const reason = `e2e low-risk ${Date.now()}: orders lost in an import`;
    const { id, risk } = await createRestoreRequest({ tenant: 'acme', requester: USERS.tenantAdmin, reason });
    expect(risk).toBe('LOW');

    // The requester's own account has no approver pages at all.
    const own = await (await browser.newContext()).newPage();
    await signIn(own, USERS.tenantAdmin);
    expect((await own.goto(`/approvals/${id}`))?.status()).toBe(403);

    // Her second account holds the approver role, but it is the same person.
    const second = await (await browser.newContext()).newPage();
    await signIn(second, ALICE_SECOND_ACCOUNT);
    await second.goto(`/approvals/${id}`);
    await expect(second.getByTestId('requester')).toContainText(USERS.tenantAdmin);
    await expect(second.getByTestId('decision-blocked')).toContainText('You requested this restore');
    await expect(second.getByRole('button', { name: 'Approve' })).toBeDisabled();

    // An approver finds it in the queue (filtered by tenant and risk), reviews and approves it.
    const approver = await (await browser.newContext()).newPage();
    await signIn(approver, USERS.approver);
    await approver.goto('/approvals?tenant=acme&risk=LOW');
    await approver.getByRole('link', { name: new RegExp(reason) }).click();
    await expect(approver.getByTestId('risk-reasons')).toContainText('overwrites 1 live document in place');
    await expect(approver.getByTestId('spec-in-words')).toContainText('in place');
    await expect(approver.getByText('"cancelled"')).toBeVisible();
    await approver.getByLabel('Reason for your decision').fill('diff checked with the tenant');
    await approver.getByRole('button', { name: 'Approve' }).click();
    await expect(approver.getByRole('status')).toContainText('the restore is queued');
    await expect(approver.getByText('queued', { exact: true })).toBeVisible();
    await approver.goto('/approvals?tenant=acme');
    await expect(approver.getByRole('link', { name: new RegExp(reason) })).toHaveCount(0);

    // The tenant sees it queued.
    await own.goto('/t/acme/restores');
    await expect(own.getByRole('listitem').filter({ hasText: reason })).toContainText('queued');
  });

  test('a high-risk request needs two different approvers', async ({ browser }) => {
    const reason = `e2e high-risk ${Date.now()}: restore with deletes`;
    const { id, requiredApprovals } = await createRestoreRequest({ tenant: 'acme', requester: USERS.tenantAdmin, risk: 'HIGH', reason });
    expect(requiredApprovals).toBe(2);
    const paula = await (await browser.newContext()).newPage();
    await signIn(paula, USERS.approver);
    await decide(paula, id, 'first look: fine');
    await expect(paula.getByRole('status')).toContainText('1 of 2 approvals count; another approver is needed');
    // the decision stands: the same approver cannot give it again (nor reverse it) and is told why
    await paula.goto(`/approvals/${id}`);
    await expect(paula.getByTestId('decision-blocked')).toContainText('You approved this request on');
    await expect(paula.getByRole('button', { name: 'Approve' })).toBeDisabled();
    await expect(paula.getByRole('button', { name: 'Reject' })).toBeDisabled();
    await expect(paula.getByText('pending approval', { exact: true })).toBeVisible();

    const oscar = await (await browser.newContext()).newPage();
    await signIn(oscar, OSCAR);
    await decide(oscar, id, 'second approver: agreed');
    await expect(oscar.getByRole('status')).toContainText('the restore is queued');
  });

  test('a server action called cross-origin is refused', async ({ page }) => {
    const first = createRestoreRequest({ tenant: 'globex', requester: USERS.otherTenantAdmin, reason: `e2e origin probe ${Date.now()}` });
    const target = createRestoreRequest({ tenant: 'globex', requester: USERS.otherTenantAdmin, reason: `e2e cross-origin ${Date.now()}` });
    await signIn(page, USERS.approver);
    // Learn the approve action's id from a real same-origin call.
    const sent = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
    await decide(page, first.id, 'same-origin approval');
    const actionId = (await sent).headers()['next-action']!;
    await expect(page.getByRole('status')).toContainText('queued');

    const post = (origin: string) =>
      page.request.post(`/approvals/${target.id}`, {
        headers: { 'Next-Action': actionId, Origin: origin, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component' },
        data: JSON.stringify([{ requestId: target.id, reason: `posted with Origin ${origin}` }]),
        failOnStatusCode: false,
      });
    const forged = await post('http://evil.example');
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    await page.goto(`/approvals/${target.id}`);
    await expect(page.getByText('No decision yet.')).toBeVisible();
    await expect(page.getByText('pending approval', { exact: true })).toBeVisible();

    // Control: the very same call from the app's own origin goes through, so the refusal above is the origin check.
    const same = await post(new URL(page.url()).origin);
    expect(same.status()).toBe(200);
    await page.reload();
    await expect(page.getByText(`posted with Origin ${new URL(page.url()).origin}`)).toBeVisible();
    await expect(page.getByText('queued', { exact: true })).toBeVisible();
  });
});
