/**
 * A long segmentation run shows one live progress bar per K and stops promptly on Cancel: the
 * workers abort their jobs, the screen says so, and the app is ready for the next run.
 */
import { expect, test } from './fixtures';
import { goStep, openApp, shot } from './helpers';

test('a long latent class run can be cancelled', async ({ page }) => {
  await openApp(page);
  await goStep(page, 'Segments');
  await page.getByRole('radio', { name: 'Battery items' }).check();
  await page.getByLabel('Model').selectOption('lca');
  await page.getByLabel('Most segments').fill('8');
  await page.getByLabel('Random starts per K').fill('400');
  await page.getByRole('button', { name: /Run K = 2…8/ }).click();

  const bars = page.getByRole('progressbar');
  await expect(bars).toHaveCount(7);
  await expect.poll(async () => Number(await bars.first().getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  await shot(page, '3-segments-running');

  const started = Date.now();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText(/^Cancelled\./)).toBeVisible({ timeout: 5_000 });
  expect(Date.now() - started).toBeLessThan(5_000);
  await expect(page.getByRole('button', { name: /Run K = 2…8/ })).toBeEnabled();
  await shot(page, '3-segments-cancelled');
});
