/**
 * Shared steps of the end-to-end specs: open the app on the bundled sample, run each step, and
 * save a screenshot under tests/e2e/artifacts/ (ignored by git) so anyone can look at the screens.
 */
import { expect, type Page } from '@playwright/test';

export const ARTIFACTS = 'tests/e2e/artifacts';

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

/** Fresh app (each test has its own browser context, so no recovery snapshot): the sample loaded. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(cardValue(page, 'Respondents')).toHaveText('1,500');
}

/** The value of the summary card with this exact label. */
export function cardValue(page: Page, label: string) {
  return page.locator('.card').filter({ has: page.locator('.card-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.card-value');
}

export async function goStep(page: Page, step: 'Data' | 'Factors' | 'Segments' | 'Profiles' | 'Personas' | 'Deck & exports' | 'Typing tool' | 'Waves'): Promise<void> {
  await page.getByRole('navigation', { name: 'Workflow steps' }).getByRole('button', { name: new RegExp(step) }).click();
  await expect(page.getByRole('heading', { level: 1, name: step })).toBeVisible();
}

/** Saves the project through the browser bridge (a download) to `file`. */
export async function saveProjectTo(page: Page, file: string): Promise<void> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save project' }).click();
  await (await download).saveAs(file);
}

/** Reloads the page (a fresh app on the sample) and opens the project file. */
export async function reloadAndOpenProject(page: Page, file: string): Promise<void> {
  await page.reload();
  await expect(cardValue(page, 'Respondents')).toHaveText('1,500');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open project…' }).first().click();
  await (await chooser).setFiles(file);
}

export async function runFactors(page: Page): Promise<void> {
  await goStep(page, 'Factors');
  await page.getByRole('button', { name: 'Run factor analysis' }).click();
  await expect(page.getByText(/KMO sampling adequacy/)).toBeVisible({ timeout: 30_000 });
}

/** Segments K = kMin..kMax with the default model; few stability resamples keep the suite fast. */
export async function runSegments(page: Page, kMin: number, kMax: number, stabilityResamples = 3): Promise<void> {
  await goStep(page, 'Segments');
  await page.getByLabel('Most segments').fill(String(kMax));
  await page.getByLabel('Fewest segments').fill(String(kMin));
  await page.getByLabel('Stability resamples').fill(String(stabilityResamples));
  await page.getByRole('button', { name: new RegExp(`Run K = ${kMin}…${kMax}`) }).click();
  await expect(page.getByRole('table', { name: 'Model comparison' }).locator('tbody tr')).toHaveCount(kMax - kMin + 1, { timeout: 60_000 });
}

/** The model comparison table as text, row by row (used to compare results before and after). */
export async function fitTableText(page: Page): Promise<string[]> {
  return page.getByRole('table', { name: 'Model comparison' }).locator('tbody tr').allInnerTexts();
}
