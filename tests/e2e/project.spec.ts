/**
 * Projects never lose work: a saved project reopens after a page reload with identical results
 * (same data, settings and seeds re-run), and unsaved work is offered back after a reload.
 */
import { expect, test } from './fixtures';
import { cardValue, fitTableText, goStep, openApp, runFactors, runSegments, shot } from './helpers';

test('save a project, reload, reopen it: identical results', async ({ page }, testInfo) => {
  await openApp(page);
  await runFactors(page);
  await page.getByLabel('Name of factor 2').fill('Convenience');
  const loadings = await page.getByRole('table', { name: 'Factor loadings' }).innerText();
  await runSegments(page, 2, 3);
  await page.getByRole('radio', { name: 'Keep the 3-segment solution' }).check();
  const before = await fitTableText(page);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save project' }).click();
  const file = testInfo.outputPath('study.segstudio');
  await (await download).saveAs(file);

  await page.reload();
  await expect(cardValue(page, 'Respondents')).toHaveText('1,500');
  await expect(page.getByRole('alertdialog', { name: 'Restore unsaved work' })).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open project…' }).first().click();
  await (await chooser).setFiles(file);
  await goStep(page, 'Segments');
  await expect(page.getByRole('table', { name: 'Model comparison' }).locator('tbody tr')).toHaveCount(2, { timeout: 60_000 });
  expect(await fitTableText(page)).toEqual(before);
  await expect(page.getByRole('radio', { name: 'Keep the 3-segment solution' })).toBeChecked();
  await goStep(page, 'Factors');
  await expect(page.getByLabel('Name of factor 2')).toHaveValue('Convenience');
  expect(await page.getByRole('table', { name: 'Factor loadings' }).innerText()).toEqual(loadings);
  await shot(page, '5-project-reopened');
});

test('unsaved work is offered back after a reload', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Quality' }).click();
  await page.getByRole('button', { name: 'Screen quality' }).click();
  await page.getByRole('button', { name: /Exclude all \d+ flagged respondents/ }).click();
  const kept = await cardValue(page, 'In the analysis').innerText();
  await page.waitForTimeout(2_500); // the autosave runs 1.5 s after the last edit

  await page.reload();
  const banner = page.getByRole('alertdialog', { name: 'Restore unsaved work' });
  await expect(banner).toBeVisible();
  await shot(page, '5-recovery-offered');
  await banner.getByRole('button', { name: 'Restore' }).click();
  await expect(cardValue(page, 'In the analysis')).toHaveText(kept);
});
