/**
 * The whole workflow on the bundled sample, in the real built renderer: open it, screen quality
 * and exclude the flagged respondents, run the factor analysis, segment for K = 2..6, keep a
 * solution and read its profiles. A screenshot of every screen goes to tests/e2e/artifacts/.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { cardValue, fitTableText, goStep, openApp, runFactors, runSegments, shot } from './helpers';

test('sample survey → quality → factors → segments K=2..6 → profiles', async ({ page }) => {
  await openApp(page);
  await shot(page, '1-data');

  await page.getByRole('tab', { name: 'Codebook & battery' }).click();
  await expect(page.getByRole('checkbox', { name: 'q01 in the attitude battery' })).toBeChecked();
  await shot(page, '1-codebook');

  await page.getByRole('tab', { name: 'Quality' }).click();
  await page.getByRole('button', { name: 'Screen quality' }).click();
  const exclude = page.getByRole('button', { name: /Exclude all \d+ flagged respondents/ });
  await expect(exclude).toBeEnabled();
  const flagged = Number((await exclude.innerText()).match(/\d+/)![0]);
  expect(flagged).toBeGreaterThan(0);
  await exclude.click();
  await expect(cardValue(page, 'In the analysis')).toHaveText((1500 - flagged).toLocaleString('en-US'));
  await expect(cardValue(page, 'Excluded from analysis')).toHaveText(String(flagged));
  await shot(page, '1-quality');

  await runFactors(page);
  const factors = Number(await page.locator('.card-accent .card-value').innerText());
  expect(factors).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole('table', { name: 'Factor loadings' }).locator('tbody tr')).toHaveCount(24);
  await page.getByLabel('Name of factor 1').fill('Price focus');
  await expect(page.getByRole('table', { name: 'Factor loadings' }).getByRole('button', { name: 'Price focus' })).toBeVisible();
  await shot(page, '2-factors');
  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Scree plot with parallel analysis as SVG' }).click();
  const svg = await svgDownload;
  expect(svg.suggestedFilename()).toBe('scree.svg');
  expect(readFileSync(await svg.path(), 'utf8')).toMatch(/^<svg[\s\S]*Eigenvalue/);

  await runSegments(page, 2, 6);
  const rows = await fitTableText(page);
  expect(rows.map((r) => r.split('\t')[1]?.trim())).toEqual(['2', '3', '4', '5', '6']);
  await page.getByRole('radio', { name: 'Keep the 4-segment solution' }).check();
  await shot(page, '3-segments');

  await page.getByRole('button', { name: /Keep K = 4 and profile the segments/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profiles' })).toBeVisible();
  const heatmap = page.getByRole('table', { name: 'Index to the total by segment' });
  await expect(heatmap).toBeVisible({ timeout: 30_000 });
  await expect(heatmap.locator('thead th')).toHaveCount(2 + 4);
  await expect(heatmap.locator('tbody tr').first()).toContainText('Price focus');
  await expect(page.getByRole('table', { name: /Crosstab of gender by segment/ })).toBeVisible();
  await shot(page, '4-profiles');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export assignments (CSV)' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
  expect(csv[0]).toBe('row,id,segment');
  expect(csv).toHaveLength(1 + 1500 - flagged);
  expect(new Set(csv.slice(1).map((line) => line.split(',')[2]).filter((s) => s !== ''))).toEqual(new Set(['A', 'B', 'C', 'D']));

  await goStep(page, 'Data');
  await page.getByRole('tab', { name: 'Respondents' }).click();
  await expect(page.getByRole('grid')).toBeVisible();
});
