import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/users';
import { fixtureCli } from '../fixtures/fixture-cli';

// Point-in-time capture as a tenant admin sees it: a captured tenant's dashboard card (capturing,
// lag, restorable range, no gaps) and the green band on its timeline; a PITR-off tenant says so.
type TScenario = { hex: string; email: string; on: string; off: string };
const fixture = fixtureCli('pitr-scenario.ts', 150_000);

let s: TScenario;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  s = JSON.parse(fixture('setup').trim().split('\n').pop()!) as TScenario;
});

test.afterAll(() => {
  if (s) fixture('teardown', s.hex);
});

test('a captured tenant: dashboard shows capture lag and the restorable range; the timeline shows the coverage band', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, s.email);
  await page.goto(`/t/${s.on}`);
  const card = page.getByTestId('pitr-status');
  await expect(page.getByText('capturing', { exact: true })).toBeVisible();
  await expect(page.getByTestId('pitr-lag')).toHaveText(/^\d+(\.\d)? s$/);
  await expect(card).toContainText('any second; 1 range');
  await expect(card).toContainText('none');
  await page.goto(`/t/${s.on}/snapshots`);
  await expect(page.getByTestId('pitr-band')).toHaveAttribute('data-status', 'capturing');
  await expect(page.getByTestId('pitr-coverage')).toHaveCount(1);
  await expect(page.getByTestId('pitr-gap')).toHaveCount(0);
});

test('a PITR-off tenant: the dashboard and the timeline say PITR is off', async ({ page }) => {
  await signIn(page, s.email);
  await page.goto(`/t/${s.off}`);
  await expect(page.getByText('PITR off', { exact: true })).toBeVisible();
  await expect(page.getByTestId('pitr-status')).toContainText("off in this tenant's backup policy");
  await page.goto(`/t/${s.off}/snapshots`);
  await expect(page.getByTestId('pitr-band')).toHaveAttribute('data-status', 'off');
  await expect(page.getByTestId('pitr-band')).toContainText("Point-in-time recovery: off in this tenant's policy");
  await expect(page.getByTestId('pitr-coverage')).toHaveCount(0);
});
